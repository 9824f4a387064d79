// Pieces of the AWS::Serverless::Function checks that live outside sam_function.cpp.
#pragma once

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// sam_function_config.cpp: FunctionUrlConfig (_validate_function_url_params).
bool check_function_url(const Reporter& rep);
// DeploymentPreference (_validate_deployment_preference_and_add_update_policy).
bool check_deployment_preference(const Reporter& rep);
// EventInvokeConfig destinations (_construct_event_invoke_config).
bool check_event_invoke_config(const Reporter& rep);

}  // namespace sls::validate::sam

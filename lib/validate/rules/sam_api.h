// Pieces of the AWS::Serverless::Api checks shared between its files.
#pragma once

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// sam_api_auth.cpp: the Auth property with the definition it is written into (`body`, the
// inline DefinitionBody, or the one the transform builds; nullptr when there is none).
bool check_rest_auth(const Reporter& rep, const tmpl::Node& auth, const tmpl::Node* body);
// Auth.UsagePlan.
bool check_usage_plan(const Reporter& rep, const tmpl::Node& auth);

// sam_domain.cpp: the Domain property of a REST API (`v2` for HTTP and WebSocket APIs).
bool check_rest_domain(const Reporter& rep, const tmpl::Node& domain);
bool check_v2_domain(const Reporter& rep, const tmpl::Node& domain);

}  // namespace sls::validate::sam

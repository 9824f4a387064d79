// The Policies property of functions and state machines as the SAM translator reads it:
// managed policy names/ARNs, policy documents, and policy templates
// (model/resource_policies.py, plugins/policies, model/role_utils/role_constructor.py).
#pragma once

#include "validate/rules/sam_util.h"

namespace sls::validate::sam {

// The policy templates plugin, which runs before the resource's own checks: every template
// entry names its parameters as a map and gives each of them, and a Fn::If entry has three
// arguments and branches of one kind. Returns false after reporting.
bool check_policies(const Reporter& rep, std::string_view property);

// The execution role's construction: every entry must be a managed policy, a policy document
// or a policy template ("Policy at index N in the 'Policies' property is not valid").
bool check_policy_entries(const Reporter& rep, std::string_view property);

}  // namespace sls::validate::sam

// AWS::Serverless::StateMachine as the SAM translator checks it (model/sam_resources.py
// SamStateMachine, model/stepfunctions/generators.py). Its events are in sam_events.cpp.
#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_events.h"
#include "validate/rules/sam_policies.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::StateMachine";

constexpr PropSpec kProps[] = {
    {"Definition", false, Check::kDict},
    {"DefinitionUri", false, Check::kStrOrDict},
    {"Logging", false, Check::kDict},
    {"Role", false, Check::kStr},
    {"RolePath", false, Check::kAny, false},
    {"DefinitionSubstitutions", false, Check::kDict},
    {"Events", false, Check::kDictOfDict},
    {"Name", false, Check::kStr},
    {"Type", false, Check::kStr},
    {"Tags", false, Check::kDict},
    {"PropagateTags", false, Check::kBool},
    {"Policies", false, Check::kStrOrListOfStrOrDict},
    {"Tracing", false, Check::kDict},
    {"PermissionsBoundary", false, Check::kStr},
    {"AutoPublishAlias", false, Check::kAny, false},
    {"DeploymentPreference", false, Check::kAny, false},
    {"UseAliasAsEventTarget", false, Check::kBool, false},
};

// StateMachineGenerator: one definition, given inline or as an S3 location.
bool check_definition(const Reporter& rep) {
  const tmpl::Node* def = rep.props().get("Definition");
  const tmpl::Node* uri = rep.props().get("DefinitionUri");
  if (truthy(def) && truthy(uri)) {
    rep.resource_error(rep.key_at("DefinitionUri"),
                       "Specify either 'Definition' or 'DefinitionUri' property and not both.");
    return false;
  }
  if (truthy(def)) return true;
  if (!truthy(uri)) {
    rep.resource_error(rep.resource().pos,
                       "Either 'Definition' or 'DefinitionUri' property must be specified.");
    return false;
  }
  if (uri->is_map()) {
    if (is_intrinsic(*uri) || (truthy(uri->get("Bucket")) && truthy(uri->get("Key")))) return true;
    rep.resource_error(rep.at(uri),
                       "'DefinitionUri' requires Bucket and Key properties to be specified.");
    return false;
  }
  // A local path is what `sam package` uploads; only another kind of URI is wrong here.
  if (is_str(*uri) && (!looks_like_uri(uri->scalar) || is_s3_uri(uri->scalar))) return true;
  rep.resource_error(rep.at(uri),
                     "'DefinitionUri' is not a valid S3 Uri of the form "
                     "'s3://bucket/key' with optional versionId query parameter.");
  return false;
}

bool check_role_and_alias(const Reporter& rep) {
  if (truthy(rep.props().get("Role")) && truthy(rep.props().get("Policies"))) {
    rep.resource_error(rep.key_at("Policies"),
                       "Specify either 'Role' or 'Policies' (but not both at the same time) or "
                       "neither of them");
    return false;
  }
  if (!truthy(rep.props().get("Role")) && !check_policy_entries(rep, "Policies")) return false;
  if (truthy(rep.props().get("AutoPublishAlias"))) return true;
  if (truthy(rep.props().get("UseAliasAsEventTarget"))) {
    rep.resource_error(rep.key_at("UseAliasAsEventTarget"),
                       "'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be "
                       "specified.");
    return false;
  }
  if (!truthy(rep.props().get("DeploymentPreference"))) return true;
  rep.resource_error(rep.key_at("DeploymentPreference"),
                     "'DeploymentPreference' requires 'AutoPublishAlias' property to be "
                     "specified.");
  return false;
}

}  // namespace

void check_state_machine(const Reporter& rep) {
  if (!check_policies(rep, "Policies")) return;
  if (!check_property_table(rep, rep.resource().id, rep.props(), kType, kProps,
                            rep.resource().pos)) {
    return;
  }
  if (!check_state_machine_events_early(rep)) return;
  if (!check_definition(rep)) return;
  if (!check_role_and_alias(rep)) return;
  const int before = rep.count();
  check_state_machine_events(rep);
  if (rep.count() == before) check_generated_ids(rep);
}

}  // namespace sls::validate::sam

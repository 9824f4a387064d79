// AWS::Serverless::Function as the SAM translator checks it (model/sam_resources.py
// SamFunction): its property table, policies, code location, package type, alias, deployment
// preference, function URL and destinations. Events are in sam_events*.cpp.
#include "validate/rules/sam_function.h"

#include <array>
#include <regex>

#include "validate/rules/sam_api_events.h"
#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_events.h"
#include "validate/rules/sam_policies.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::Function";

constexpr PropSpec kProps[] = {
    {"FunctionName", false, Check::kStrOrDict},
    {"Handler", false, Check::kAny, false},
    {"Runtime", false, Check::kAny, false},
    {"CodeUri", false, Check::kAny, false},
    {"ImageUri", false, Check::kAny, false},
    {"PackageType", false, Check::kAny, false},
    {"InlineCode", false, Check::kAny, false},
    {"DeadLetterQueue", false, Check::kDict},
    {"Description", false, Check::kAny, false},
    {"MemorySize", false, Check::kAny, false},
    {"Timeout", false, Check::kAny, false},
    {"VpcConfig", false, Check::kAny, false},
    {"Role", false, Check::kStr},
    {"AssumeRolePolicyDocument", false, Check::kDict},
    {"Policies", false, Check::kPolicies},
    {"RolePath", false, Check::kAny, false},
    {"PermissionsBoundary", false, Check::kStr},
    {"Environment", false, Check::kDictOfDict},
    {"Events", false, Check::kDictOfDict},
    {"Tags", false, Check::kDict},
    {"PropagateTags", false, Check::kBool},
    {"Tracing", false, Check::kStrOrDict},
    {"KmsKeyArn", false, Check::kAny, false},
    {"DeploymentPreference", false, Check::kDict},
    {"ReservedConcurrentExecutions", false, Check::kAny, false},
    {"Layers", false, Check::kListOfStrOrDict},
    {"EventInvokeConfig", false, Check::kDict},
    {"EphemeralStorage", false, Check::kAny, false},
    {"AutoPublishAlias", false, Check::kStrOneOf},
    {"AutoPublishCodeSha256", false, Check::kStrOneOf},
    {"AutoPublishAliasAllProperties", false, Check::kBool, false},
    {"VersionDescription", false, Check::kAny, false},
    {"ProvisionedConcurrencyConfig", false, Check::kAny, false},
    {"FileSystemConfigs", false, Check::kAny, false},
    {"ImageConfig", false, Check::kAny, false},
    {"CodeSigningConfigArn", false, Check::kAny, false},
    {"Architectures", false, Check::kAny, false},
    {"SnapStart", false, Check::kDict},
    {"FunctionUrlConfig", false, Check::kDict},
    {"RuntimeManagementConfig", false, Check::kAny, false},
    {"LoggingConfig", false, Check::kAny, false},
    {"RecursiveLoop", false, Check::kAny, false},
    {"SourceKMSKeyArn", false, Check::kAny, false},
    {"CapacityProviderConfig", false, Check::kDict},
    {"FunctionScalingConfig", false, Check::kDict},
    {"VersionDeletionPolicy", false, Check::kStrEnumDeleteRetain},
    {"PublishToLatestPublished", false, Check::kAny, false},
    {"TenancyConfig", false, Check::kAny, false},
    {"DurableConfig", false, Check::kDict},
};

const tmpl::Node* prop(const Reporter& rep, std::string_view name) { return rep.props().get(name); }

bool set(const Reporter& rep, std::string_view name) { return !is_none(prop(rep, name)); }

// SamResourceMacro.validate_before_transform with SamFunction's __validation_rules__.
bool check_validation_rules(const Reporter& rep) {
  std::string msg;
  auto add = [&](const std::string& line) { msg += (msg.empty() ? "" : "\n") + line; };
  for (std::string_view other : {"ProvisionedConcurrencyConfig", "VpcConfig"}) {
    if (set(rep, "CapacityProviderConfig") && set(rep, other)) {
      add("Cannot specify 'CapacityProviderConfig' and '" + std::string(other) + "' together.");
    }
  }
  if (set(rep, "FunctionScalingConfig") && !set(rep, "CapacityProviderConfig")) {
    add("'FunctionScalingConfig' requires 'CapacityProviderConfig'.");
  }
  if (set(rep, "VersionDeletionPolicy") && !set(rep, "AutoPublishAlias")) {
    add("'VersionDeletionPolicy' requires 'AutoPublishAlias'.");
  }
  if (msg.empty()) return true;
  rep.resource_error(rep.resource().pos, msg);
  return false;
}

// _validate_dlq.
bool check_dead_letter_queue(const Reporter& rep) {
  const tmpl::Node* dlq = prop(rep, "DeadLetterQueue");
  if (!truthy(dlq)) return true;
  const tmpl::Node* type = dlq->get("Type");
  if (!truthy(type) || !truthy(dlq->get("TargetArn"))) {
    rep.resource_error(rep.at(dlq),
                       "'DeadLetterQueue' requires Type and TargetArn properties to be specified.");
    return false;
  }
  if (!is_str(*type)) {
    rep.resource_error(rep.at(type), "Property 'DeadLetterQueue.Type' should be a string.");
    return false;
  }
  if (type->scalar != "SQS" && type->scalar != "SNS") {
    rep.resource_error(rep.at(type), "'DeadLetterQueue' requires Type of ['SQS', 'SNS']");
    return false;
  }
  return true;
}

// _validate_tenancy_config_compatibility.
bool check_tenancy(const Reporter& rep) {
  if (!truthy(prop(rep, "TenancyConfig"))) return true;
  constexpr std::pair<std::string_view, std::string_view> kUnsupported[] = {
      {"ProvisionedConcurrencyConfig", "Provisioned concurrency"},
      {"FunctionUrlConfig", "Function URL"},
      {"SnapStart", "SnapStart"}};
  for (const auto& [name, what] : kUnsupported) {
    if (!truthy(prop(rep, name))) continue;
    rep.resource_error(rep.key_at(name), std::string(what) +
                                             " is not supported for functions enabled with "
                                             "tenancy configuration.");
    return false;
  }
  const tmpl::Node* events = prop(rep, "Events");
  if (!events || !truthy(events)) return true;
  for (const tmpl::MapEntry& e : events->entries) {
    const tmpl::Node* type = e.value.get("Type");
    if (type && is_str(*type) && (type->scalar == "Api" || type->scalar == "HttpApi")) continue;
    rep.resource_error(rep.at(type ? type : &e.value),
                       "Event source '" + (type ? py_str(*type) : "None") +
                           "' is not supported for functions enabled with tenancy "
                           "configuration. Only Api and HttpApi event sources are supported.");
    return false;
  }
  return true;
}

// construct_s3_location_object for CodeUri. A local path is what `sam build`/`sam package`
// turn into an S3 location, so only a URI of another form, or a dynamic reference the
// transform cannot read, is an error here.
bool check_code_uri(const Reporter& rep, const tmpl::Node& uri) {
  if (is_intrinsic(uri)) return true;
  if (uri.is_map()) {
    if (truthy(uri.get("Bucket")) && truthy(uri.get("Key"))) return true;
    rep.resource_error(rep.at(&uri),
                       "'CodeUri' requires Bucket and Key properties to be specified.");
    return false;
  }
  if (!is_str(uri)) {
    rep.resource_error(rep.at(&uri), "'CodeUri' must be of type dict or string.");
    return false;
  }
  static const std::regex kDynamicRef(
      R"(\{\{resolve:(ssm|ssm-secure|secretsmanager):[a-zA-Z0-9_.\-/]+(:\d+)?\}\})");
  std::smatch m;
  if (std::regex_search(uri.scalar, m, kDynamicRef) && m.str(0).find('/') != std::string::npos) {
    rep.resource_error(rep.at(&uri),
                       "Unsupported dynamic reference detected in 'CodeUri'. Please consider "
                       "using alternative 'FunctionCode' object format.");
    return false;
  }
  if (!looks_like_uri(uri.scalar) || is_s3_uri(uri.scalar)) return true;
  rep.resource_error(rep.at(&uri),
                     "'CodeUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional "
                     "versionId query parameter.");
  return false;
}

// _construct_code_dict and _validate_package_type. A missing CodeUri or ImageUri is filled in
// by `sam build`, so only contradictions are reported.
bool check_code(const Reporter& rep) {
  const tmpl::Node* pt = prop(rep, "PackageType");
  const bool image = pt && is_str(*pt) && pt->scalar == "Image";
  if (pt && !is_none(pt) && !(is_str(*pt) && (pt->scalar == "Zip" || image))) {
    if (is_unknown_parameter_ref(rep.ctx(), *pt)) return true;
    rep.resource_error(rep.at(pt), "invalid 'PackageType' : " + py_str(*pt));
    return false;
  }
  if (image) {
    if (!truthy(prop(rep, "Handler")) && !truthy(prop(rep, "Runtime")) &&
        !truthy(prop(rep, "Layers"))) {
      return true;
    }
    rep.resource_error(rep.at(pt),
                       "Runtime, Handler, Layers cannot be present when PackageType "
                       "is of type `Image`");
    return false;
  }
  const tmpl::Node* inline_code = prop(rep, "InlineCode");
  const tmpl::Node* code_uri = prop(rep, "CodeUri");
  if (is_none(inline_code) && !is_none(code_uri) && !check_code_uri(rep, *code_uri)) return false;
  return true;
}

bool check_zip_settings(const Reporter& rep) {
  const tmpl::Node* pt = prop(rep, "PackageType");
  if (pt && !(is_str(*pt) && pt->scalar == "Zip")) return true;
  if (!truthy(prop(rep, "Runtime")) || !truthy(prop(rep, "Handler"))) {
    rep.resource_error(rep.resource().pos,
                       "Runtime and Handler needs to be present when PackageType is of type `Zip`");
    return false;
  }
  if (truthy(prop(rep, "ImageConfig"))) {
    rep.resource_error(rep.key_at("ImageConfig"),
                       "ImageUri or ImageConfig cannot be present when PackageType is of type "
                       "`Zip`");
    return false;
  }
  return true;
}

// _get_resolved_alias_name and _construct_alias.
bool check_alias(const Reporter& rep) {
  const tmpl::Node* alias = prop(rep, "AutoPublishAlias");
  if (truthy(prop(rep, "ProvisionedConcurrencyConfig")) && !truthy(alias)) {
    rep.resource_error(rep.key_at("ProvisionedConcurrencyConfig"),
                       "To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on "
                       "the function");
    return false;
  }
  if (!truthy(alias)) return true;
  const tmpl::Node name = resolve_parameter_refs(rep.ctx(), *alias);
  if (!is_str(name)) {
    if (is_unknown_parameter_ref(rep.ctx(), name)) return true;
    rep.resource_error(rep.at(alias),
                       "'AutoPublishAlias' must be a string or a Ref to a template parameter");
    return false;
  }
  if (const tmpl::Node* sha = prop(rep, "AutoPublishCodeSha256"); truthy(sha)) {
    const tmpl::Node v = resolve_parameter_refs(rep.ctx(), *sha);
    if (!is_str(v) && !is_unknown_parameter_ref(rep.ctx(), v)) {
      rep.resource_error(rep.at(sha), "AutoPublishCodeSha256 must be a string");
      return false;
    }
  }
  static const std::regex kAliasName("(?!^[0-9]+$)([a-zA-Z0-9\\-_]+)$");
  if (std::regex_search(name.scalar, kAliasName, std::regex_constants::match_continuous)) {
    return true;
  }
  rep.resource_error(rep.at(alias),
                     "AutoPublishAlias name ('" + name.scalar +
                         "') must contain only alphanumeric characters, hyphens, or underscores "
                         "matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.");
  return false;
}

}  // namespace

void check_function(const Reporter& rep) {
  if (!check_policies(rep, "Policies")) return;
  if (!check_property_table(rep, rep.resource().id, rep.props(), kType, kProps,
                            rep.resource().pos)) {
    return;
  }
  if (!check_function_events_early(rep)) return;
  if (!check_validation_rules(rep)) return;
  if (!check_dead_letter_queue(rep)) return;
  if (!check_tenancy(rep)) return;
  if (!check_code(rep)) return;
  if (!check_reserved_tags(rep)) return;
  if (!check_zip_settings(rep)) return;
  if (!check_alias(rep)) return;
  if (!check_function_url(rep)) return;
  if (!check_deployment_preference(rep)) return;
  if (!check_event_invoke_config(rep)) return;
  if (!check_policy_entries(rep, "Policies")) return;
  const int before = rep.count();
  check_function_events(rep);
  if (rep.count() == before) check_generated_ids(rep);
}

}  // namespace sls::validate::sam

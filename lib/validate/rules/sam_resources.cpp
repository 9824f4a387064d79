// The smaller SAM resources as the translator checks them: SimpleTable, Application (with the
// serverless application plugin's checks), LayerVersion and CapacityProvider
// (model/sam_resources.py, plugins/application/serverless_app_plugin.py,
// internal/schema_source/aws_serverless_capacity_provider.py).
#include <regex>

#include "validate/rules/sam_checks.h"

namespace sls::validate::sam {

namespace {

constexpr PropSpec kTableProps[] = {
    {"PointInTimeRecoverySpecification", false, Check::kAny, false},
    {"PrimaryKey", false, Check::kDictOfStr},
    {"ProvisionedThroughput", false, Check::kDictOfIntOrDict},
    {"TableName", false, Check::kStrOrDict},
    {"Tags", false, Check::kDict},
    {"SSESpecification", false, Check::kDict},
};

constexpr PropSpec kApplicationProps[] = {
    {"Location", true, Check::kStrOrDict}, {"TemplateUrl", false, Check::kStr},
    {"Parameters", false, Check::kDict},   {"NotificationARNs", false, Check::kListOfStrOrDict},
    {"Tags", false, Check::kDict},         {"TimeoutInMinutes", false, Check::kInt},
};

constexpr PropSpec kLayerProps[] = {
    {"LayerName", false, Check::kStrOrDict},
    {"Description", false, Check::kStr},
    {"PublishLambdaVersion", false, Check::kBool},
    {"ContentUri", true, Check::kStrOrDict},
    {"CompatibleArchitectures", false, Check::kListOfStrOrDict},
    {"CompatibleRuntimes", false, Check::kListOfStrOrDict},
    {"LicenseInfo", false, Check::kStr},
    {"RetentionPolicy", false, Check::kStr},
};

constexpr PropSpec kCapacityProviderProps[] = {
    {"CapacityProviderName", false, Check::kStrOrDict, false},
    {"VpcConfig", true, Check::kDict, false},
    {"OperatorRole", false, Check::kStrOrDict, false},
    {"Tags", false, Check::kDict, false},
    {"PropagateTags", false, Check::kBool, false},
    {"InstanceRequirements", false, Check::kDict, false},
    {"ScalingConfig", false, Check::kDict, false},
    {"KmsKeyArn", false, Check::kStrOrDict, false},
};

bool check_table(const Reporter& rep, std::string_view type, std::span<const PropSpec> table) {
  return check_property_table(rep, rep.resource().id, rep.props(), type, table, rep.resource().pos);
}

// The plugin's checks of ApplicationId and SemanticVersion once parameters and mappings are
// resolved.
bool check_application_values(const Reporter& rep, const tmpl::Node& location) {
  std::string map_error;
  const tmpl::Node app_id = resolve_find_in_map(
      rep.ctx(), resolve_parameter_refs(rep.ctx(), *location.get("ApplicationId")), &map_error);
  const tmpl::Node semver = resolve_find_in_map(
      rep.ctx(), resolve_parameter_refs(rep.ctx(), *location.get("SemanticVersion")), &map_error);
  if (!map_error.empty()) {
    rep.raw(rep.at(&location), map_error);
    return false;
  }
  const tmpl::Node* raw_id = location.get("ApplicationId");
  if (app_id.is_null()) {
    rep.resource_error(rep.at(raw_id), "Property 'ApplicationId' is required.");
    return false;
  }
  const std::string unresolved =
      " cannot be resolved. Only FindInMap and Ref intrinsic functions "
      "are supported.";
  if (app_id.is_map()) {
    if (is_unknown_parameter_ref(rep.ctx(), app_id)) return true;
    rep.resource_error(rep.at(raw_id), "Property 'ApplicationId'" + unresolved);
    return false;
  }
  const tmpl::Node* raw_semver = location.get("SemanticVersion");
  if (!truthy(&semver)) {
    rep.resource_error(rep.at(raw_semver), "Property 'SemanticVersion' cannot be blank.");
    return false;
  }
  if (semver.is_map()) {
    if (is_unknown_parameter_ref(rep.ctx(), semver)) return true;
    rep.resource_error(rep.at(raw_semver), "Property 'SemanticVersion'" + unresolved);
    return false;
  }
  if (!is_str(app_id)) {
    rep.resource_error(rep.at(raw_id), "Property 'Location.ApplicationId' should be a string.");
    return false;
  }
  if (!is_str(semver)) {
    rep.resource_error(rep.at(raw_semver),
                       "Property 'Location.SemanticVersion' should be a string.");
    return false;
  }
  static const std::regex kSsm(R"(\{\{resolve:ssm:[a-zA-Z0-9_.\-/]+(:\d+)?\}\})");
  if (!std::regex_search(app_id.scalar, kSsm)) return true;
  rep.resource_error(rep.at(raw_id),
                     "Serverless Application Repostiory does not support dynamic "
                     "reference in 'ApplicationId' property.");
  return false;
}

// The serverless application plugin's checks of Location (before the property table).
bool check_application_location(const Reporter& rep) {
  const tmpl::Node* location = rep.props().get("Location");
  if (!location) {
    rep.resource_error(rep.resource().pos, "Resource is missing the required [Location] property.");
    return false;
  }
  if (!location->is_map()) return true;
  for (std::string_view key : {"ApplicationId", "SemanticVersion"}) {
    if (location->get(key)) continue;
    rep.resource_error(rep.at(location),
                       "Resource is missing the required [" + std::string(key) + "] property.");
    return false;
  }
  return check_application_values(rep, *location);
}

// resolve_string_parameter_in_resource and _get_retention_policy_value.
bool check_layer_strings(const Reporter& rep) {
  for (std::string_view name : {"LayerName", "LicenseInfo", "Description", "RetentionPolicy"}) {
    const tmpl::Node* v = rep.props().get(name);
    if (!truthy(v)) continue;
    const tmpl::Node resolved = resolve_parameter_refs(rep.ctx(), *v);
    if (is_str(resolved) || resolved.is_map()) continue;
    rep.resource_error(rep.at(v), "Could not resolve parameter for '" + std::string(name) +
                                      "' or parameter is not a String.");
    return false;
  }
  const tmpl::Node* policy = rep.props().get("RetentionPolicy");
  if (is_none(policy)) return true;
  const tmpl::Node resolved = resolve_parameter_refs(rep.ctx(), *policy);
  const std::string options = "['Retain', 'Delete']";
  if (is_intrinsic(resolved)) {
    if (is_unknown_parameter_ref(rep.ctx(), resolved)) return true;
    rep.resource_error(rep.at(policy),
                       "'RetentionPolicy' does not accept intrinsic functions, "
                       "please use one of the following options: " +
                           options);
    return false;
  }
  if (!is_str(resolved)) {
    rep.resource_error(
        rep.at(policy),
        "Invalid 'RetentionPolicy' type, please use one of the following options: " + options);
    return false;
  }
  std::string lower = resolved.scalar;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "retain" || lower == "delete") return true;
  rep.resource_error(rep.at(policy),
                     "'RetentionPolicy' must be one of the following options: " + options + ".");
  return false;
}

// One nested object of the capacity provider's schema (pydantic, all errors collected).
struct Field {
  std::string_view name;
  bool required;
  std::string_view types;  // "list", "integer", "number": with "dictionary" for intrinsics
};

bool int_like(const tmpl::Node& v) {
  return is_int(v) ||
         (is_str(v) && v.as_int().has_value() && v.scalar.find('.') == std::string::npos);
}

void check_model(const tmpl::Node* obj, std::string_view path, std::span<const Field> fields,
                 std::vector<std::string>& errors) {
  if (!obj || !obj->is_map()) return;
  const std::string prefix = "Property '" + std::string(path) + ".";
  for (const Field& f : fields) {
    const tmpl::Node* v = obj->get(f.name);
    if (is_none(v)) {
      if (f.required) errors.push_back(prefix + std::string(f.name) + "' is required.");
      continue;
    }
    bool ok = v->is_map();
    if (f.types == "list") ok = ok || v->is_seq();
    if (f.types == "integer") ok = ok || int_like(*v);
    if (f.types == "number")
      ok = ok || is_int(*v) || py_type(*v) == PyType::kFloat ||
           (is_str(*v) && v->as_number().has_value());
    if (!ok) {
      errors.push_back(prefix + std::string(f.name) + "' value must be dictionary or " +
                       std::string(f.types) + ".");
    }
  }
  for (const tmpl::MapEntry& e : obj->entries) {
    bool known = false;
    for (const Field& f : fields) known = known || f.name == e.key;
    if (!known) errors.push_back(prefix + e.key + "' is an invalid property.");
  }
}

bool check_capacity_provider_model(const Reporter& rep) {
  constexpr Field kVpc[] = {{"SecurityGroupIds", false, "list"}, {"SubnetIds", true, "list"}};
  constexpr Field kInstances[] = {{"Architectures", false, "list"},
                                  {"AllowedTypes", false, "list"},
                                  {"ExcludedTypes", false, "list"}};
  constexpr Field kScaling[] = {{"MaxVCpuCount", false, "integer"},
                                {"AverageCPUUtilization", false, "number"}};
  std::vector<std::string> errors;
  check_model(rep.props().get("VpcConfig"), "VpcConfig", kVpc, errors);
  const tmpl::Node* instances = rep.props().get("InstanceRequirements");
  check_model(instances, "InstanceRequirements", kInstances, errors);
  check_model(rep.props().get("ScalingConfig"), "ScalingConfig", kScaling, errors);
  std::string msg;
  for (const std::string& e : errors) msg += (msg.empty() ? "" : " ") + e;
  if (msg.empty() && instances && !is_none(instances->get("AllowedTypes")) &&
      !is_none(instances->get("ExcludedTypes"))) {
    msg =
        "Cannot specify 'InstanceRequirements.AllowedTypes' and "
        "'InstanceRequirements.ExcludedTypes' together.";
  }
  if (msg.empty()) return true;
  rep.resource_error(rep.resource().pos, msg);
  return false;
}

}  // namespace

void check_simple_table(const Reporter& rep) {
  if (!check_table(rep, "AWS::Serverless::SimpleTable", kTableProps)) return;
  const tmpl::Node* key = rep.props().get("PrimaryKey");
  if (!truthy(key) || !key->is_map() || is_intrinsic(*key)) return;
  for (std::string_view field : {"Name", "Type"}) {
    if (!is_none(key->get(field))) continue;
    rep.resource_error(rep.at(key),
                       "Property 'PrimaryKey." + std::string(field) + "' is required.");
    return;
  }
  const tmpl::Node* type = key->get("Type");
  if (is_str(*type) &&
      (type->scalar == "String" || type->scalar == "Number" || type->scalar == "Binary")) {
    return;
  }
  rep.resource_error(rep.at(type), "Invalid 'Type' \"" + py_str(*type) + "\".");
}

void check_application(const Reporter& rep) {
  if (!check_application_location(rep)) return;
  if (!check_table(rep, "AWS::Serverless::Application", kApplicationProps)) return;
  check_reserved_tags(rep);
}

void check_layer_version(const Reporter& rep) {
  if (!check_table(rep, "AWS::Serverless::LayerVersion", kLayerProps)) return;
  check_layer_strings(rep);
}

void check_capacity_provider(const Reporter& rep) {
  if (!check_table(rep, "AWS::Serverless::CapacityProvider", kCapacityProviderProps)) return;
  check_capacity_provider_model(rep);
}

}  // namespace sls::validate::sam

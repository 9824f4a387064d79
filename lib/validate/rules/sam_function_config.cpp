// The function settings the SAM translator turns into extra resources and checks while doing
// so: FunctionUrlConfig, DeploymentPreference and EventInvokeConfig
// (model/sam_resources.py, model/preferences/deployment_preference.py).
#include <array>

#include "validate/rules/sam_function.h"

namespace sls::validate::sam {

namespace {

constexpr size_t kIfArguments = 3;  // Fn::If: [condition, then, else]

// The Python type each FunctionUrlConfig.Cors property must have, by its name in messages.
struct CorsProp {
  std::string_view name;
  std::string_view type;  // "list", "bool", "int"
};
constexpr std::array<CorsProp, 6> kCorsProps{{{"AllowOrigins", "list"},
                                              {"AllowMethods", "list"},
                                              {"AllowCredentials", "bool"},
                                              {"AllowHeaders", "list"},
                                              {"ExposeHeaders", "list"},
                                              {"MaxAge", "int"}}};

bool has_type(const tmpl::Node& v, std::string_view type) {
  if (type == "list") return is_list(v);
  if (type == "bool") return is_bool(v);
  return is_int(v);
}

bool check_url_cors(const Reporter& rep, const tmpl::Node* cors) {
  if (!truthy(cors) || is_intrinsic(*cors)) return true;
  if (!cors->is_map()) {
    rep.resource_error(rep.at(cors), "Property 'FunctionUrlConfig.Cors' should be a map.");
    return false;
  }
  for (const tmpl::MapEntry& e : cors->entries) {
    const CorsProp* known = nullptr;
    for (const CorsProp& p : kCorsProps) known = p.name == e.key ? &p : known;
    if (!known) {
      rep.resource_error(e.key_pos, e.key + " is not a valid property for configuring Cors.");
      return false;
    }
    if (is_intrinsic(e.value) || has_type(e.value, known->type)) continue;
    rep.resource_error(rep.at(&e.value),
                       e.key + " must be of type " + std::string(known->type) + ".");
    return false;
  }
  return true;
}

bool is_if(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Fn::If";
}

bool is_no_value(const tmpl::Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Ref" && in->arg.is_scalar() && in->arg.scalar == "AWS::NoValue";
}

// _resolve_property_to_boolean: true/false (or their strings) after parameters and mappings
// are resolved. A value that only a deploy knows is not judged.
bool check_passthrough_condition(const Reporter& rep, const tmpl::Node& raw) {
  const tmpl::Node v = resolve_find_in_map(rep.ctx(), resolve_parameter_refs(rep.ctx(), raw));
  if (is_bool(v) || (is_str(v) && (v.scalar == "true" || v.scalar == "True" ||
                                   v.scalar == "false" || v.scalar == "False"))) {
    return true;
  }
  if (is_intrinsic(v)) {
    if (is_unknown_parameter_ref(rep.ctx(), v)) return true;
    const auto in = tmpl::as_intrinsic(v);
    if (in->name == "Fn::FindInMap") return true;
    rep.resource_error(rep.at(&raw),
                       "Unsupported intrinsic: the only intrinsic functions supported for "
                       "property PassthroughCondition are FindInMap and parameter Refs.");
    return false;
  }
  rep.resource_error(rep.at(&raw), "Invalid value for property PassthroughCondition.");
  return false;
}

// OnSuccess/OnFailure of EventInvokeConfig.DestinationConfig (_validate_and_inject_resource).
bool check_destination(const Reporter& rep, const tmpl::Node& dest) {
  const tmpl::Node* type = dest.get("Type");
  const bool known =
      type && is_str(*type) &&
      (type->scalar == "SQS" || type->scalar == "SNS" || type->scalar == "EventBridge" ||
       type->scalar == "Lambda" || type->scalar == "S3Bucket");
  if (!known) {
    rep.resource_error(rep.at(type ? type : &dest),
                       "'Type: " + (type ? py_str(*type) : "None") +
                           "' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', "
                           "'S3Bucket']");
    return false;
  }
  const tmpl::Node* target = dest.get("Destination");
  bool conditional = false;
  if (target && is_if(*target)) {
    const tmpl::Node& args = target->entries.front().value;
    if (!args.is_seq() || args.items.size() != kIfArguments) {
      rep.generated_error(rep.resource().id + "EventInvokeConfig", rep.at(target),
                          "Malformed 'Destination' property: Fn::If requires 3 arguments.");
      return false;
    }
    conditional = is_no_value(args.items[1]) || is_no_value(args.items[2]);
  }
  const bool auto_created = type->scalar == "SQS" || type->scalar == "SNS";
  if ((is_none(target) || conditional) && !auto_created) {
    rep.resource_error(rep.at(&dest), "Destination is required if Type is not ['SQS', 'SNS']");
    return false;
  }
  return true;
}

}  // namespace

bool check_function_url(const Reporter& rep) {
  const tmpl::Node* config = rep.props().get("FunctionUrlConfig");
  if (!truthy(config) || is_intrinsic(*config) || !config->is_map()) return true;
  const tmpl::Node* auth = config->get("AuthType");
  const bool auth_ok =
      truthy(auth) && (is_intrinsic(*auth) ||
                       (is_str(*auth) && (auth->scalar == "AWS_IAM" || auth->scalar == "NONE")));
  if (!auth_ok) {
    rep.resource_error(rep.at(auth ? auth : config),
                       "AuthType is required to configure function property `FunctionUrlConfig`. "
                       "Please provide either AWS_IAM or NONE.");
    return false;
  }
  return check_url_cors(rep, config->get("Cors"));
}

bool check_deployment_preference(const Reporter& rep) {
  const tmpl::Node* dp = rep.props().get("DeploymentPreference");
  if (!truthy(dp) || !dp->is_map() || is_intrinsic(*dp)) return true;
  if (const tmpl::Node* pc = dp->get("PassthroughCondition")) {
    if (!check_passthrough_condition(rep, *pc)) return false;
  }
  const tmpl::Node* enabled_raw = dp->get("Enabled");
  if (enabled_raw) {
    const tmpl::Node enabled =
        resolve_find_in_map(rep.ctx(), resolve_parameter_refs(rep.ctx(), *enabled_raw));
    if (!truthy(&enabled) ||
        (is_str(enabled) && (enabled.scalar == "false" || enabled.scalar == "False"))) {
      return true;
    }
    // Only a deploy knows whether it is on.
    if (is_intrinsic(enabled)) return true;
  }
  if (!dp->get("Type")) {
    rep.resource_error(rep.at(dp), "'DeploymentPreference' is missing required Property 'Type'");
    return false;
  }
  if (const tmpl::Node* hooks = dp->get("Hooks"); hooks && !hooks->is_map()) {
    rep.resource_error(rep.at(hooks),
                       "'Hooks' property of 'DeploymentPreference' must be a dictionary");
    return false;
  }
  if (truthy(rep.props().get("AutoPublishAlias"))) return true;
  rep.resource_error(rep.key_at("DeploymentPreference"),
                     "'DeploymentPreference' requires AutoPublishAlias property to be specified.");
  return false;
}

bool check_event_invoke_config(const Reporter& rep) {
  const tmpl::Node* raw = rep.props().get("EventInvokeConfig");
  if (!truthy(raw) || !raw->is_map()) return true;
  const tmpl::Node config = resolve_parameter_refs(rep.ctx(), *raw);
  const tmpl::Node* dest = config.get("DestinationConfig");
  if (!truthy(dest)) return true;
  if (!dest->is_map()) {
    rep.resource_error(rep.at(dest),
                       "Property 'EventInvokeConfig.DestinationConfig' should be a map.");
    return false;
  }
  for (std::string_view name : {"OnSuccess", "OnFailure"}) {
    const tmpl::Node* v = dest->get(name);
    if (is_none(v)) continue;
    if (!v->is_map()) {
      rep.resource_error(rep.at(v), "Property 'EventInvokeConfig.DestinationConfig." +
                                        std::string(name) + "' should be a map.");
      return false;
    }
    if (!check_destination(rep, *v)) return false;
  }
  return true;
}

}  // namespace sls::validate::sam

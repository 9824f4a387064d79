// AWS::Serverless::WebSocketApi as the SAM translator checks it (model/sam_resources.py
// SamWebSocketApi, model/api/websocket_api_generator.py): routes, auth, IP address type,
// stage name and the custom domain.
#include "validate/rules/sam_api.h"
#include "validate/rules/sam_checks.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::WebSocketApi";

constexpr PropSpec kProps[] = {
    {"ApiKeySelectionExpression", false, Check::kStr},
    {"AccessLogSettings", false, Check::kDict},
    {"Auth", false, Check::kDict},
    {"DefaultRouteSettings", false, Check::kDict},
    {"Description", false, Check::kStr},
    {"DisableExecuteApiEndpoint", false, Check::kBool},
    {"Domain", false, Check::kDict},
    {"DisableSchemaValidation", false, Check::kBool},
    {"FailOnWarnings", false, Check::kBool},
    {"IpAddressType", false, Check::kStr},
    {"Name", false, Check::kStr},
    {"PropagateTags", false, Check::kBool},
    {"Routes", true, Check::kDict},
    {"RouteSettings", false, Check::kDict},
    {"RouteSelectionExpression", true, Check::kStr},
    {"StageName", false, Check::kStrOrDict},
    {"StageVariables", false, Check::kDict},
    {"Tags", false, Check::kDict},
};

bool fail(const Reporter& rep, const tmpl::Node* at, const std::string& text) {
  rep.resource_error(rep.at(at), text);
  return false;
}

// The generator's constructor: routes, IP address type, no mutual TLS.
bool check_settings(const Reporter& rep, const tmpl::Node* routes, const tmpl::Node* domain) {
  if (!truthy(routes)) return fail(rep, routes, "WebSocket API must have at least one route.");
  const tmpl::Node* ip = rep.props().get("IpAddressType");
  if (!is_none(ip) && !is_intrinsic(*ip) &&
      !(is_str(*ip) && (ip->scalar == "ipv4" || ip->scalar == "dualstack"))) {
    return fail(rep, ip, "IpAddressType must be 'ipv4' or 'dualstack'.");
  }
  if (domain && domain->is_map() && truthy(domain->get("MutualTlsAuthentication"))) {
    return fail(rep, domain->get("MutualTlsAuthentication"),
                "Mutual TLS domain name association is not supported for Websocket APIs.");
  }
  return true;
}

// _validate_auth.
bool check_auth(const Reporter& rep, const tmpl::Node& auth) {
  const tmpl::Node* type = auth.get("AuthType");
  if (!truthy(type) || !is_str(*type)) {
    if (type && is_intrinsic(*type)) return true;
    return fail(rep, &auth, "AuthType must be specified for additional auth configurations.");
  }
  std::string t = type->scalar;
  for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t != "AWS_IAM" && t != "CUSTOM" && t != "NONE") {
    return fail(rep, type, "AuthType is not one of AWS_IAM, CUSTOM or NONE.");
  }
  if (t == "CUSTOM" && !truthy(auth.get("AuthArn"))) {
    return fail(rep, &auth, "AuthArn must be specified if AuthType is CUSTOM.");
  }
  if (t != "CUSTOM" && auth.entries.size() > 1) {
    return fail(rep, &auth, "No additional configurations supported for AuthType " + t + ".");
  }
  return true;
}

// _construct_route_infr for one route.
bool check_route(const Reporter& rep, const tmpl::MapEntry& route, const tmpl::Node* auth) {
  const std::string& key = route.key;
  const bool special = key == "$connect" || key == "$disconnect" || key == "$default";
  bool alnum = !key.empty();
  for (char c : key) alnum = alnum && std::isalnum(static_cast<unsigned char>(c));
  if (!special && !alnum) {
    return fail(rep, &route.value,
                "Route key '" + key +
                    "' must be alphanumeric. Only $connect, $disconnect, and "
                    "$default special routes are supported.");
  }
  if (!route.value.is_map()) return true;
  if (truthy(route.value.get("RequestParameters")) && key != "$connect") {
    return fail(rep, route.value.get("RequestParameters"),
                "Request parameters are only supported for the $connect route in WebSocket APIs.");
  }
  if (truthy(auth) && auth->is_map() && !check_auth(rep, *auth)) return false;
  if (!route.value.get("FunctionArn")) {
    return fail(rep, &route.value, "Route must have associated function.");
  }
  return true;
}

}  // namespace

void check_websocket_api(const Reporter& rep) {
  if (!check_property_table(rep, rep.resource().id, rep.props(), kType, kProps,
                            rep.resource().pos)) {
    return;
  }
  const tmpl::Node* raw_routes = rep.props().get("Routes");
  const tmpl::Node routes =
      raw_routes ? resolve_parameter_refs(rep.ctx(), *raw_routes) : tmpl::Node{};
  const tmpl::Node* raw_auth = rep.props().get("Auth");
  const tmpl::Node auth = raw_auth ? resolve_parameter_refs(rep.ctx(), *raw_auth) : tmpl::Node{};
  const tmpl::Node* raw_domain = rep.props().get("Domain");
  const tmpl::Node domain =
      raw_domain ? resolve_parameter_refs(rep.ctx(), *raw_domain) : tmpl::Node{};
  if (!check_settings(rep, &routes, &domain)) return;
  if (!routes.is_map() || is_intrinsic(routes)) return;
  if (truthy(&auth) && !routes.get("$connect")) {
    fail(rep, raw_auth, "Authorization is only available if there is a $connect route.");
    return;
  }
  if (!domain.is_null() && !check_v2_domain(rep, domain)) return;
  const tmpl::Node* stage = rep.props().get("StageName");
  if (stage && is_str(*stage) && stage->scalar == "$default") {
    fail(rep, stage, "Stages cannot be named $default for WebSocket APIs.");
    return;
  }
  for (const tmpl::MapEntry& r : routes.entries) {
    if (!check_route(rep, r, truthy(&auth) ? &auth : nullptr)) return;
  }
}

}  // namespace sls::validate::sam

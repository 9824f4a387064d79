// AWS::Serverless::Api as the SAM translator checks it (model/sam_resources.py SamApi,
// model/api/api_generator.py): the property table, the definition's source, endpoint
// configuration, CORS, gateway responses, models, the execute-api endpoint switch and the
// OpenAPI 3 post-processing. Auth and domains are in sam_api_auth.cpp and sam_domain.cpp.
#include "validate/rules/sam_api.h"

#include <array>
#include <regex>

#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_openapi.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::Api";

constexpr PropSpec kProps[] = {
    {"__MANAGE_SWAGGER", false, Check::kBool},
    {"Name", false, Check::kStrOrDict},
    {"StageName", true, Check::kStrOrDict},
    {"Tags", false, Check::kDict},
    {"PropagateTags", false, Check::kBool},
    {"DefinitionBody", false, Check::kDict},
    {"DefinitionUri", false, Check::kStrOrDict},
    {"MergeDefinitions", false, Check::kBool, false},
    {"CacheClusterEnabled", false, Check::kBool},
    {"CacheClusterSize", false, Check::kStr},
    {"Variables", false, Check::kDict},
    {"EndpointConfiguration", false, Check::kStrOrDict},
    {"MethodSettings", false, Check::kList},
    {"BinaryMediaTypes", false, Check::kList},
    {"MinimumCompressionSize", false, Check::kInt},
    {"Cors", false, Check::kStrOrDict},
    {"Auth", false, Check::kDict},
    {"GatewayResponses", false, Check::kDict},
    {"AccessLogSetting", false, Check::kDict},
    {"CanarySetting", false, Check::kDict},
    {"TracingEnabled", false, Check::kBool},
    {"OpenApiVersion", false, Check::kStr},
    {"Models", false, Check::kDict},
    {"Domain", false, Check::kDict},
    {"FailOnWarnings", false, Check::kBool},
    {"Description", false, Check::kStr},
    {"Mode", false, Check::kStr},
    {"DisableExecuteApiEndpoint", false, Check::kBool},
    {"ApiKeySourceType", false, Check::kStr},
    {"AlwaysDeploy", false, Check::kBool, false},
    {"Policy", false, Check::kStrOrDict},
    {"SecurityPolicy", false, Check::kStr},
    {"EndpointAccessMode", false, Check::kStr},
};

constexpr std::array<std::string_view, 5> kCorsKeys{"AllowMethods", "AllowHeaders", "AllowOrigin",
                                                    "MaxAge", "AllowCredentials"};
constexpr std::array<std::string_view, 3> kGatewayResponseKeys{"ResponseParameters",
                                                               "ResponseTemplates", "StatusCode"};
constexpr std::array<std::string_view, 3> kResponseParameterKeys{"Headers", "Paths",
                                                                 "QueryStrings"};
// The CORS origin the transform assumes when none is given.
constexpr std::string_view kCorsWildcard = "'*'";

template <size_t N>
bool one_of(std::string_view key, const std::array<std::string_view, N>& keys) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

// The API's definition as the transform sees it, and where its parts come from.
struct Api {
  const Reporter& rep;
  tmpl::Node body;  // the inline definition, or the one the transform builds; null when none
  const tmpl::Node* uri = nullptr;

  const tmpl::Node* prop(std::string_view name) const { return rep.props().get(name); }
  const tmpl::Node* body_or_null() const { return body.is_null() ? nullptr : &body; }
  bool fail(const tmpl::Node* at, const std::string& text) const {
    rep.resource_error(rep.at(at), text);
    return false;
  }
  bool structure(const tmpl::Node* at, const std::string& text) const {
    if (text.empty()) return true;
    rep.structure_error(rep.at(at), text);
    return false;
  }
  // A definition included from elsewhere (Fn::Transform AWS::Include) is only known at deploy.
  bool readable() const { return !is_included(body); }
};

Api make_api(const Reporter& rep) {
  Api api{rep, tmpl::Node{}};
  const tmpl::Node* own = rep.resource().raw ? rep.resource().raw->get("Properties") : nullptr;
  const bool managed = !truthy(get(own, "DefinitionBody")) && !truthy(get(own, "DefinitionUri"));
  if (const tmpl::Node* b = rep.props().get("DefinitionBody")) api.body = *b;
  if (managed) {
    api.body = tmpl::Node::make_map(rep.resource().pos);
    api.body.set("swagger", tmpl::Node::make_scalar("2.0"));
    api.body.set("paths", tmpl::Node::make_map());
  }
  api.uri = rep.props().get("DefinitionUri");
  return api;
}

bool check_sources(const Api& api) {
  if (truthy(api.uri) && truthy(api.body_or_null())) {
    return api.fail(api.uri,
                    "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
  }
  if (truthy(api.uri) && truthy(api.prop("MergeDefinitions"))) {
    return api.fail(api.prop("MergeDefinitions"),
                    "Cannot set 'MergeDefinitions' to True when using `DefinitionUri`.");
  }
  const tmpl::Node* version = api.prop("OpenApiVersion");
  static const std::regex kVersions(R"([2-3](\.\d)(\.\d)?$)");
  if (truthy(version) &&
      !std::regex_search(py_str(*version), kVersions, std::regex_constants::match_continuous)) {
    return api.fail(version, "The OpenApiVersion value must be of the format '3.0.0'.");
  }
  const tmpl::Node* endpoint = api.prop("EndpointConfiguration");
  if (endpoint && endpoint->is_map() && truthy(endpoint->get("Type")) &&
      endpoint->get("VPCEndpointIds") && endpoint->get("VpcEndpointIds")) {
    return api.fail(endpoint,
                    "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in "
                    "EndpointConfiguration.");
  }
  return true;
}

bool check_cors(const Api& api) {
  const tmpl::Node* cors = api.prop("Cors");
  if (!truthy(cors)) return true;
  if (!truthy(api.body_or_null())) {
    return api.fail(cors,
                    "Cors works only with inline Swagger specified in 'DefinitionBody' "
                    "property.");
  }
  const tmpl::Node* origin = cors;
  const tmpl::Node* credentials = nullptr;
  if (cors->is_map() && !is_intrinsic(*cors)) {
    for (const tmpl::MapEntry& e : cors->entries) {
      if (!one_of(e.key, kCorsKeys))
        return api.fail(cors, "Invalid key '" + e.key + "' for 'Cors' property.");
    }
    origin = cors->get("AllowOrigin");
    credentials = cors->get("AllowCredentials");
  } else if (!is_str(*cors) && !is_intrinsic(*cors)) {
    return api.fail(cors, "Invalid value for 'Cors' property");
  }
  if (!api.readable()) return true;
  if (!swagger_valid(api.body)) {
    return api.fail(cors,
                    "Unable to add Cors configuration because 'DefinitionBody' does not "
                    "contain a valid Swagger definition.");
  }
  const bool wildcard = !origin || (is_str(*origin) && origin->scalar == kCorsWildcard);
  if (credentials && is_bool(*credentials) && credentials->as_bool().value_or(false) && wildcard) {
    return api.fail(cors,
                    "Unable to add Cors configuration because 'AllowCredentials' can not be "
                    "true when 'AllowOrigin' is \"'*'\" or not set");
  }
  return api.structure(&api.body, check_path_items(api.body));
}

bool check_gateway_responses(const Api& api) {
  const tmpl::Node* responses = api.prop("GatewayResponses");
  if (!truthy(responses)) return true;
  if (!truthy(api.body_or_null())) {
    return api.fail(responses,
                    "GatewayResponses works only with inline Swagger specified in "
                    "'DefinitionBody' property.");
  }
  for (const tmpl::MapEntry& r : responses->entries) {
    if (is_intrinsic(r.value)) {
      return api.fail(&r.value,
                      "Unable to set GatewayResponses attribute because intrinsic "
                      "functions are not supported for this field.");
    }
    if (!r.value.is_map()) {
      return api.fail(&r.value, "Invalid property type '" + std::string(py_type_name(r.value)) +
                                    "' for GatewayResponses. Expected an object of type "
                                    "'GatewayResponse'.");
    }
    for (const tmpl::MapEntry& k : r.value.entries) {
      if (one_of(k.key, kGatewayResponseKeys)) continue;
      return api.fail(&r.value, "Invalid property '" + k.key +
                                    "' in 'GatewayResponses' property '" + r.key + "'.");
    }
  }
  if (!api.readable()) return true;
  if (!swagger_valid(api.body)) {
    return api.fail(responses,
                    "Unable to add Auth configuration because 'DefinitionBody' does "
                    "not contain a valid Swagger definition.");
  }
  for (const tmpl::MapEntry& r : responses->entries) {
    const tmpl::Node* params = r.value.get("ResponseParameters");
    if (!truthy(params)) continue;
    if (!params->is_map()) {
      return api.fail(
          params, "Property 'GatewayResponses." + r.key + ".ResponseParameters' should be a map.");
    }
    for (const tmpl::MapEntry& p : params->entries) {
      if (one_of(p.key, kResponseParameterKeys)) continue;
      return api.fail(params, "Invalid gateway response parameter '" + p.key + "'");
    }
  }
  return true;
}

bool check_models(const Api& api) {
  const tmpl::Node* models = api.prop("Models");
  if (!truthy(models)) return true;
  if (!truthy(api.body_or_null())) {
    return api.fail(models,
                    "Models works only with inline Swagger specified in 'DefinitionBody' "
                    "property.");
  }
  if (!api.readable()) return true;
  if (!swagger_valid(api.body)) {
    return api.fail(models,
                    "Unable to add Models definitions because 'DefinitionBody' does not "
                    "contain a valid Swagger definition.");
  }
  for (const tmpl::MapEntry& m : models->entries) {
    if (!m.value.is_map()) return api.fail(models, "Invalid value for 'Models' property");
  }
  return true;
}

bool check_endpoint_switch(const Api& api) {
  const tmpl::Node* disable = api.prop("DisableExecuteApiEndpoint");
  if (is_none(disable)) return true;
  if (!truthy(api.body_or_null())) {
    return api.fail(disable,
                    "DisableExecuteApiEndpoint works only within 'DefinitionBody' "
                    "property.");
  }
  if (!api.readable()) return true;
  if (!swagger_valid(api.body)) {
    return api.structure(&api.body,
                         "Invalid Swagger document or the Swagger document is not "
                         "explicitly defined in 'DefinitionBody'.");
  }
  return api.structure(&api.body, check_endpoint_extension(api.body));
}

bool check_definition_uri(const Api& api) {
  if (!truthy(api.uri) || truthy(api.body_or_null())) return true;
  if (auto problem = definition_uri_problem(*api.uri)) return api.fail(api.uri, *problem);
  return true;
}

// _openapi_postprocess: an OpenAPI 3 definition's paths and OPTIONS responses.
bool check_postprocess(const Api& api) {
  if (!api.readable() || api.body.get("swagger")) return true;
  const tmpl::Node* own = api.body.get("openapi");
  const tmpl::Node* version = own && !api.prop("OpenApiVersion") ? own : api.prop("OpenApiVersion");
  if (!truthy(version) || !is_openapi3_version(*version)) return true;
  return api.structure(&api.body, check_openapi3_postprocess(api.body));
}

// Globals.fix_openapi_definitions: for an API whose definition the transform writes, an
// OpenAPI 3 version given as a number ("OpenApiVersion: 3.0") becomes a string before the
// property table sees it.
tmpl::Node with_string_version(const Reporter& rep) {
  tmpl::Node props = rep.props();
  const tmpl::Node* own = rep.resource().raw ? rep.resource().raw->get("Properties") : nullptr;
  const bool managed = !truthy(get(own, "DefinitionBody")) && !truthy(get(own, "DefinitionUri"));
  tmpl::Node* version = props.get("OpenApiVersion");
  if (managed && version && version->is_scalar() && is_openapi3_version(*version)) {
    version->quoted = true;
  }
  return props;
}

}  // namespace

void check_api(const Reporter& outer) {
  const tmpl::Node props = with_string_version(outer);
  const Reporter rep(outer.ctx(), outer.resource(), props, outer.state());
  if (!check_property_table(rep, rep.resource().id, rep.props(), kType, kProps,
                            rep.resource().pos)) {
    return;
  }
  for (std::string_view resolved : {"BinaryMediaTypes", "Domain", "Auth"}) {
    const tmpl::Node* v = rep.props().get(resolved);
    if (!v) continue;
    if (const std::string e = sub_variable_error(rep.ctx(), *v); !e.empty()) {
      rep.raw(rep.at(v), e);
      return;
    }
  }
  const Api api = make_api(rep);
  if (!check_sources(api) || !check_cors(api)) return;
  const tmpl::Node* auth_raw = rep.props().get("Auth");
  const tmpl::Node auth = auth_raw ? resolve_parameter_refs(rep.ctx(), *auth_raw) : tmpl::Node{};
  if (auth.is_map() && !check_rest_auth(rep, auth, api.body_or_null())) return;
  if (!check_gateway_responses(api) || !check_models(api) || !check_endpoint_switch(api)) return;
  if (!check_definition_uri(api) || !check_postprocess(api)) return;
  const tmpl::Node* domain = rep.props().get("Domain");
  if (domain && !check_rest_domain(rep, resolve_parameter_refs(rep.ctx(), *domain))) return;
  if (auth.is_map()) check_usage_plan(rep, auth);
}

}  // namespace sls::validate::sam

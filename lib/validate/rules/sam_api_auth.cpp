// The Auth property of AWS::Serverless::Api as the SAM translator checks it: its keys, the
// authorizers (model/apigateway.py ApiGatewayAuthorizer), the default authorizer and API key
// settings written into the definition, the resource policy and the usage plan
// (model/api/api_generator.py _add_auth, _construct_usage_plan).
#include <array>

#include "validate/rules/sam_api.h"
#include "validate/rules/sam_openapi.h"

namespace sls::validate::sam {

namespace {

constexpr std::array<std::string_view, 8> kAuthKeys{"Authorizers",
                                                    "DefaultAuthorizer",
                                                    "InvokeRole",
                                                    "AddDefaultAuthorizerToCorsPreflight",
                                                    "AddApiKeyRequiredToCorsPreflight",
                                                    "ApiKeyRequired",
                                                    "ResourcePolicy",
                                                    "UsagePlan"};
constexpr std::array<std::string_view, 6> kUsagePlanKeys{
    "CreateUsagePlan", "Description", "Quota", "Tags", "Throttle", "UsagePlanName"};

template <size_t N>
bool one_of(std::string_view key, const std::array<std::string_view, N>& keys) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

// ApiGatewayAuthorizer._is_missing_identity_source for REQUEST authorizers. `error` gets a
// message when Identity is not a map.
bool missing_identity_source(const tmpl::Node* identity, bool& not_a_map) {
  if (!truthy(identity)) return true;
  if (!identity->is_map()) {
    not_a_map = true;
    return false;
  }
  bool none = true;
  for (std::string_view k : {"Headers", "QueryStrings", "StageVariables", "Context"}) {
    none = none && !truthy(identity->get(k));
  }
  const tmpl::Node* ttl = identity->get("ReauthorizeEvery");
  if (is_none(ttl)) return none;
  const auto ttl_int = ttl->as_int();
  if (!ttl_int || ttl->is_map()) return none;
  return *ttl_int > 0 && none;
}

// The constructor's type checks of AuthorizationScopes and DisableFunctionDefaultPermissions.
bool check_authorizer_types(const Reporter& rep, const std::string& name, const tmpl::Node& a) {
  const tmpl::Node* scopes = a.get("AuthorizationScopes");
  if (!is_none(scopes) && !scopes->is_seq()) {
    rep.resource_error(rep.at(scopes),
                       "Property 'Authorizers." + name + ".AuthorizationScopes' should be a list.");
    return false;
  }
  const tmpl::Node* disable = a.get("DisableFunctionDefaultPermissions");
  if (!is_none(disable) && !is_bool(*disable)) {
    rep.resource_error(rep.at(disable), "Property 'Authorizers." + name +
                                            ".DisableFunctionDefaultPermissions' should be a "
                                            "boolean.");
    return false;
  }
  return true;
}

// One authorizer of Auth.Authorizers: its constructor's checks, then generate_swagger's.
bool check_authorizer(const Reporter& rep, const std::string& name, const tmpl::Node& a) {
  const std::string id = rep.resource().id;
  const tmpl::Node* payload = a.get("FunctionPayloadType");
  const bool known_payload =
      is_none(payload) ||
      (is_str(*payload) && (payload->scalar == "TOKEN" || payload->scalar == "REQUEST"));
  if (!known_payload) {
    rep.resource_error(rep.at(payload), name + " Authorizer has invalid 'FunctionPayloadType': " +
                                            py_str(*payload) + ".");
    return false;
  }
  const bool request = payload && is_str(*payload) && payload->scalar == "REQUEST";
  const tmpl::Node* identity = a.get("Identity");
  if (request) {
    bool not_a_map = false;
    const bool missing = missing_identity_source(identity, not_a_map);
    if (not_a_map) {
      rep.resource_error(rep.at(identity),
                         "Property 'Authorizer." + name + ".Identity' should be a map.");
      return false;
    }
    if (missing) {
      rep.resource_error(rep.at(&a), name +
                                         " Authorizer must specify Identity with at least one of "
                                         "Headers, QueryStrings, StageVariables, or Context.");
      return false;
    }
  }
  if (!check_authorizer_types(rep, name, a)) return false;
  const bool lambda_request = !truthy(a.get("UserPoolArn")) && request;
  if (!lambda_request && truthy(identity) && !identity->is_map()) {
    rep.resource_error(rep.at(identity),
                       "Auth.Authorizers.<Authorizer>.Identity must be a dict "
                       "(LambdaTokenAuthorizationIdentity, LambdaRequestAuthorizationIdentity or "
                       "CognitoAuthorizationIdentity).");
    return false;
  }
  if (!lambda_request) return true;
  for (std::string_view key : {"Headers", "QueryStrings", "StageVariables", "Context"}) {
    const tmpl::Node* v = identity->get(key);
    if (!truthy(v)) continue;
    const std::string path = "Auth.Authorizers." + name + ".Identity." + std::string(key);
    if (!v->is_seq()) {
      rep.resource_error(rep.at(v), "Property '" + path + "' should be a list.");
      return false;
    }
    for (size_t i = 0; i < v->items.size(); ++i) {
      if (is_str(v->items[i])) continue;
      rep.resource_error(rep.at(&v->items[i]),
                         "Property '" + path + "[" + std::to_string(i) + "]' should be a string.");
      return false;
    }
  }
  return true;
}

// _get_authorizers: the names defined, or nullopt after reporting.
std::optional<std::vector<std::string>> check_authorizers(const Reporter& rep,
                                                          const tmpl::Node& auth) {
  std::vector<std::string> names;
  const tmpl::Node* def = auth.get("DefaultAuthorizer");
  if (def && is_str(*def) && def->scalar == "AWS_IAM") names.push_back("AWS_IAM");
  const tmpl::Node* authorizers = auth.get("Authorizers");
  if (!truthy(authorizers)) return names;
  if (!authorizers->is_map()) {
    rep.resource_error(rep.at(authorizers), "Property 'Auth.Authorizers' should be a map.");
    return std::nullopt;
  }
  for (const tmpl::MapEntry& e : authorizers->entries) {
    if (!e.value.is_map()) {
      rep.resource_error(rep.at(&e.value),
                         "Property 'Auth.Authorizers." + e.key + "' should be a map.");
      return std::nullopt;
    }
    if (!check_authorizer(rep, e.key, e.value)) return std::nullopt;
    names.push_back(e.key);
  }
  return names;
}

bool report_structure(const Reporter& rep, const tmpl::Node* at, const std::string& message) {
  if (message.empty()) return true;
  rep.structure_error(rep.at(at), message);
  return false;
}

// The default authorizer and the API key requirement written to every method.
bool check_defaults(const Reporter& rep, const tmpl::Node& auth, const tmpl::Node& body,
                    const std::vector<std::string>& authorizers) {
  const tmpl::Node* security_defs = body.get("securityDefinitions");
  const bool bad_defs = truthy(security_defs) && !security_defs->is_map();
  const tmpl::Node* def = auth.get("DefaultAuthorizer");
  if (!authorizers.empty()) {
    if (bad_defs)
      return report_structure(rep, security_defs, "securityDefinitions must be a dictionary.");
    if (truthy(def)) {
      if (!is_str(*def)) {
        rep.resource_error(rep.at(def), "DefaultAuthorizer is not a string.");
        return false;
      }
      bool known = def->scalar == "AWS_IAM";
      for (const std::string& n : authorizers) known = known || n == def->scalar;
      if (!known) {
        rep.resource_error(rep.at(def), "Unable to set DefaultAuthorizer because '" + def->scalar +
                                            "' was not defined in 'Authorizers'.");
        return false;
      }
      const tmpl::Node* preflight = auth.get("AddDefaultAuthorizerToCorsPreflight");
      const bool skip_options = preflight && !truthy(preflight);
      for (const tmpl::MapEntry& p : body.get("paths")->entries) {
        const std::string e =
            for_each_method(body, p.key, true, [&](const std::string& method, const tmpl::Node& d) {
              if (skip_options && method == "options") return std::string();
              return check_method_security(p.key, method, d);
            });
        if (!report_structure(rep, &p.value, e)) return false;
      }
    }
  }
  if (!truthy(auth.get("ApiKeyRequired"))) return true;
  if (bad_defs)
    return report_structure(rep, security_defs, "securityDefinitions must be a dictionary.");
  for (const tmpl::MapEntry& p : body.get("paths")->entries) {
    const std::string e =
        for_each_method(body, p.key, true, [&](const std::string& method, const tmpl::Node& d) {
          return check_method_security(p.key, method, d);
        });
    if (!report_structure(rep, &p.value, e)) return false;
  }
  return true;
}

}  // namespace

bool check_rest_auth(const Reporter& rep, const tmpl::Node& auth, const tmpl::Node* body) {
  if (!truthy(&auth)) return true;
  if (!truthy(body)) {
    rep.resource_error(rep.at(&auth),
                       "Auth works only with inline Swagger specified in 'DefinitionBody' "
                       "property.");
    return false;
  }
  for (const tmpl::MapEntry& e : auth.entries) {
    if (one_of(e.key, kAuthKeys)) continue;
    rep.resource_error(e.key_pos, "Invalid value for 'Auth' property");
    return false;
  }
  if (is_intrinsic(*body)) return true;
  if (!swagger_valid(*body)) {
    rep.resource_error(rep.at(body),
                       "Unable to add Auth configuration because 'DefinitionBody' "
                       "does not contain a valid Swagger definition.");
    return false;
  }
  if (!report_structure(rep, body, check_path_items(*body))) return false;
  const auto authorizers = check_authorizers(rep, auth);
  if (!authorizers || !check_defaults(rep, auth, *body, *authorizers)) return false;
  const tmpl::Node* policy = auth.get("ResourcePolicy");
  if (truthy(policy) && !policy->is_map()) {
    return report_structure(rep, policy, "ResourcePolicy must be a map (ResourcePolicyStatement).");
  }
  return true;
}

bool check_usage_plan(const Reporter& rep, const tmpl::Node& auth) {
  const tmpl::Node* plan = auth.get("UsagePlan");
  if (is_none(plan)) return true;
  if (!plan->is_map()) {
    rep.resource_error(rep.at(plan), "'UsagePlan' must be a dictionary");
    return false;
  }
  for (const tmpl::MapEntry& e : plan->entries) {
    if (one_of(e.key, kUsagePlanKeys)) continue;
    rep.resource_error(e.key_pos, "Invalid property for 'UsagePlan'");
    return false;
  }
  const tmpl::Node* create = plan->get("CreateUsagePlan");
  if (is_none(create)) {
    rep.resource_error(rep.at(plan), "'CreateUsagePlan' is a required field for UsagePlan.");
    return false;
  }
  if (is_str(*create) &&
      (create->scalar == "SHARED" || create->scalar == "PER_API" || create->scalar == "NONE")) {
    return true;
  }
  rep.resource_error(rep.at(create),
                     "'CreateUsagePlan' accepts one of ['SHARED', 'PER_API', 'NONE'].");
  return false;
}

}  // namespace sls::validate::sam

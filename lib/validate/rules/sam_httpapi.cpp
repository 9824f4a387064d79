// AWS::Serverless::HttpApi as the SAM translator checks it (model/sam_resources.py SamHttpApi,
// model/api/http_api_generator.py, model/apigatewayv2.py ApiGatewayV2Authorizer): the
// definition's source, CORS, auth and authorizers, tags, name and description written into the
// definition, the execute-api endpoint switch and the custom domain.
#include <array>

#include "validate/rules/sam_api.h"
#include "validate/rules/sam_checks.h"
#include "validate/rules/sam_openapi.h"

namespace sls::validate::sam {

namespace {

constexpr std::string_view kType = "AWS::Serverless::HttpApi";

constexpr PropSpec kProps[] = {
    {"__MANAGE_SWAGGER", false, Check::kBool},
    {"Name", false, Check::kAny, false},
    {"StageName", false, Check::kStrOrDict},
    {"Tags", false, Check::kDict},
    {"PropagateTags", false, Check::kBool},
    {"DefinitionBody", false, Check::kDict},
    {"DefinitionUri", false, Check::kStrOrDict},
    {"StageVariables", false, Check::kDict},
    {"CorsConfiguration", false, Check::kBoolOrDict},
    {"AccessLogSettings", false, Check::kDict},
    {"DefaultRouteSettings", false, Check::kDict},
    {"Auth", false, Check::kDict},
    {"RouteSettings", false, Check::kDict},
    {"Domain", false, Check::kDict},
    {"FailOnWarnings", false, Check::kBool},
    {"Description", false, Check::kStr},
    {"DisableExecuteApiEndpoint", false, Check::kBool},
};

constexpr std::array<std::string_view, 6> kCorsKeys{
    "AllowMethods", "AllowHeaders", "AllowOrigins", "MaxAge", "ExposeHeaders", "AllowCredentials"};
constexpr std::array<std::string_view, 3> kAuthKeys{"Authorizers", "DefaultAuthorizer",
                                                    "EnableIamAuthorizer"};

// An authorizer property: its name, and the kind of authorizer that may have it.
struct AuthorizerProp {
  std::string_view name;
  bool jwt;  // OAuth2 (JWT) authorizers, else Lambda (REQUEST) authorizers
  std::string_view allowed_for;
};
constexpr std::array<AuthorizerProp, 9> kAuthorizerProps{{
    {"AuthorizationScopes", true, "OAuth2 Authorizer"},
    {"JwtConfiguration", true, "OAuth2 Authorizer"},
    {"IdentitySource", true,
     "OAuth2 Authorizer. For Lambda Authorizer, use the 'Identity' property instead"},
    {"FunctionArn", false, "Lambda Authorizer"},
    {"FunctionInvokeRole", false, "Lambda Authorizer"},
    {"Identity", false, "Lambda Authorizer"},
    {"AuthorizerPayloadFormatVersion", false, "Lambda Authorizer"},
    {"EnableSimpleResponses", false, "Lambda Authorizer"},
    {"EnableFunctionDefaultPermissions", false, "Lambda Authorizer"},
}};

template <size_t N>
bool one_of(std::string_view key, const std::array<std::string_view, N>& keys) {
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

struct HttpApi {
  const Reporter& rep;
  tmpl::Node body;  // inline or transform-built definition; null when none
  const tmpl::Node* uri = nullptr;

  const tmpl::Node* prop(std::string_view name) const { return rep.props().get(name); }
  bool has_body() const { return truthy(&body); }
  // A definition included from elsewhere (Fn::Transform AWS::Include) is only known at deploy.
  bool readable() const { return !is_included(body); }
  bool fail(const tmpl::Node* at, const std::string& text) const {
    rep.resource_error(rep.at(at), text);
    return false;
  }
};

HttpApi make_http_api(const Reporter& rep) {
  HttpApi api{rep, tmpl::Node{}};
  const tmpl::Node* own = rep.resource().raw ? rep.resource().raw->get("Properties") : nullptr;
  if (const tmpl::Node* b = rep.props().get("DefinitionBody")) api.body = *b;
  if (!truthy(get(own, "DefinitionBody")) && !truthy(get(own, "DefinitionUri"))) {
    api.body = tmpl::Node::make_map(rep.resource().pos);
    api.body.set("openapi", tmpl::Node::make_scalar("3.0.1"));
    tmpl::Node info = tmpl::Node::make_map();
    tmpl::Node title = tmpl::Node::make_map();
    title.set("Ref", tmpl::Node::make_scalar("AWS::StackName"));
    info.set("title", title);
    api.body.set("info", info);
    api.body.set("paths", tmpl::Node::make_map());
  }
  api.uri = rep.props().get("DefinitionUri");
  return api;
}

bool check_cors(const HttpApi& api) {
  const tmpl::Node* raw = api.prop("CorsConfiguration");
  if (!truthy(raw)) return true;
  const tmpl::Node cors = resolve_parameter_refs(api.rep.ctx(), *raw);
  if (!api.has_body()) {
    return api.fail(raw,
                    "Cors works only with inline OpenApi specified in 'DefinitionBody' "
                    "property.");
  }
  bool credentials = false;
  bool wildcard_only = false;
  if (cors.is_map() && !is_intrinsic(cors)) {
    for (const tmpl::MapEntry& e : cors.entries) {
      if (!one_of(e.key, kCorsKeys))
        return api.fail(raw, "Invalid key '" + e.key + "' for 'Cors' property.");
    }
    const tmpl::Node* c = cors.get("AllowCredentials");
    credentials = c && is_bool(*c) && c->as_bool().value_or(false);
    const tmpl::Node* origins = cors.get("AllowOrigins");
    wildcard_only = origins && origins->is_seq() && origins->items.size() == 1 &&
                    is_str(origins->items[0]) && origins->items[0].scalar == "*";
  } else if (!is_bool(cors) && !is_intrinsic(cors)) {
    return api.fail(raw, "Invalid value for 'Cors' property.");
  }
  if (!api.readable()) return true;
  if (!openapi_valid(api.body)) {
    return api.fail(raw,
                    "Unable to add Cors configuration because 'DefinitionBody' does not "
                    "contain a valid OpenApi definition.");
  }
  if (!credentials || !wildcard_only) return true;
  return api.fail(raw,
                  "Unable to add Cors configuration because 'AllowCredentials' can not be true "
                  "when 'AllowOrigin' is \"'*'\" or not set.");
}

// ApiGatewayV2Authorizer's constructor and generate_openapi for one authorizer.
bool check_authorizer(const HttpApi& api, const std::string& name, const tmpl::Node& a) {
  const tmpl::Node* jwt = a.get("JwtConfiguration");
  if (truthy(jwt) && !jwt->is_map())
    return api.fail(jwt, "Property 'JwtConfiguration' should be a map.");
  const tmpl::Node* scopes = a.get("AuthorizationScopes");
  if (!is_none(scopes) && !scopes->is_seq())
    return api.fail(scopes, "AuthorizationScopes must be a list.");
  const bool is_jwt = truthy(jwt);
  for (const AuthorizerProp& p : kAuthorizerProps) {
    if (is_none(a.get(p.name)) || p.jwt == is_jwt) continue;
    return api.fail(a.get(p.name), std::string(p.name) + " is only supported for " +
                                       std::string(p.allowed_for) + ".");
  }
  if (is_jwt) {
    if (!truthy(a.get("IdentitySource"))) {
      return api.fail(&a, name + " OAuth2 Authorizer must define 'IdentitySource'.");
    }
    return true;
  }
  if (!truthy(a.get("FunctionArn"))) {
    return api.fail(&a, name + " Lambda Authorizer must define 'FunctionArn'.");
  }
  if (!truthy(a.get("AuthorizerPayloadFormatVersion"))) {
    return api.fail(&a, name + " Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.");
  }
  const tmpl::Node* perms = a.get("EnableFunctionDefaultPermissions");
  if (!is_none(perms) && !is_bool(*perms)) {
    return api.fail(perms, "Property 'Authorizers." + name +
                               ".EnableFunctionDefaultPermissions' should be a boolean.");
  }
  return true;
}

// generate_openapi's reading of a Lambda authorizer's Identity (after all are constructed).
bool check_identity(const HttpApi& api, const std::string& name, const tmpl::Node& a) {
  const tmpl::Node* identity = a.get("Identity");
  if (truthy(a.get("JwtConfiguration")) || !truthy(identity)) return true;
  if (!identity->is_map()) {
    return api.fail(identity, "Property 'Auth.Authorizers." + name + ".Identity' should be a map.");
  }
  for (std::string_view key : {"Headers", "QueryStrings", "StageVariables", "Context"}) {
    const tmpl::Node* v = identity->get(key);
    if (!truthy(v)) continue;
    const std::string path = "Authorizers." + name + ".Identity." + std::string(key);
    if (!v->is_seq()) return api.fail(v, "Property '" + path + "' should be a list.");
    for (size_t i = 0; i < v->items.size(); ++i) {
      if (is_str(v->items[i])) continue;
      return api.fail(&v->items[i],
                      "Property '" + path + "[" + std::to_string(i) + "]' should be a string.");
    }
  }
  return true;
}

bool check_default_authorizer(const HttpApi& api, const tmpl::Node& auth,
                              const std::vector<std::string>& names) {
  const tmpl::Node* def = auth.get("DefaultAuthorizer");
  if (!truthy(def)) return true;
  if (const auto in = tmpl::as_intrinsic(*def);
      in && in->name == "Ref" && is_str(in->arg) && in->arg.scalar == "AWS::NoValue") {
    return true;
  }
  if (!is_str(*def)) return api.fail(def, "Property 'Auth.DefaultAuthorizer' should be a string.");
  bool known = false;
  for (const std::string& n : names) known = known || n == def->scalar;
  if (!known) {
    return api.fail(def, "Unable to set DefaultAuthorizer because '" + def->scalar +
                             "' was not defined in 'Authorizers'.");
  }
  // set_path_default_authorizer: every method key must be its own normalized name.
  for (const tmpl::MapEntry& p : api.body.get("paths")->entries) {
    for (const tmpl::Node* item : conditional_contents(&p.value)) {
      if (!item || !item->is_map()) {
        api.rep.structure_error(api.rep.at(&p.value), "Value of '" + p.key +
                                                          "' path must be a dictionary according "
                                                          "to Swagger spec.");
        return false;
      }
      for (const tmpl::MapEntry& m : item->entries) {
        std::string method = m.key;
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (method == "any") method = "x-amazon-apigateway-any-method";
        if (method == "parameters" || method == "options" || item->get(method)) continue;
        api.rep.structure_error(api.rep.at(&m.value), "Could not find " + method + " in " + p.key +
                                                          " within DefinitionBody.");
        return false;
      }
    }
  }
  return true;
}

bool check_auth(const HttpApi& api) {
  const tmpl::Node* auth = api.prop("Auth");
  if (!truthy(auth) || !auth->is_map()) return true;
  if (!api.has_body()) {
    return api.fail(auth,
                    "Auth works only with inline OpenApi specified in the 'DefinitionBody' "
                    "property.");
  }
  for (const tmpl::MapEntry& e : auth->entries) {
    if (!one_of(e.key, kAuthKeys)) return api.fail(auth, "Invalid value for 'Auth' property");
  }
  if (!api.readable()) return true;
  if (!openapi_valid(api.body)) {
    return api.fail(auth,
                    "Unable to add Auth configuration because 'DefinitionBody' does not "
                    "contain a valid OpenApi definition.");
  }
  std::vector<std::string> names;
  const tmpl::Node* iam = auth->get("EnableIamAuthorizer");
  if (iam && is_bool(*iam) && iam->as_bool().value_or(false)) names.push_back("AWS_IAM");
  const tmpl::Node* authorizers = auth->get("Authorizers");
  if (truthy(authorizers)) {
    if (!authorizers->is_map())
      return api.fail(authorizers, "Property 'Auth.Authorizers' should be a map.");
    for (const tmpl::MapEntry& e : authorizers->entries) {
      if (!e.value.is_map()) {
        return api.fail(&e.value, "Property 'Auth.Authorizers." + e.key + "' should be a map.");
      }
      if (e.value.get("OpenIdConnectUrl")) {
        return api.fail(&e.value,
                        "'OpenIdConnectUrl' is no longer a supported property for "
                        "authorizer '" +
                            e.key + "'. Please refer to the AWS SAM documentation.");
      }
      if (!check_authorizer(api, e.key, e.value)) return false;
      names.push_back(e.key);
    }
    for (const tmpl::MapEntry& e : authorizers->entries) {
      if (!check_identity(api, e.key, e.value)) return false;
    }
  }
  return check_default_authorizer(api, *auth, names);
}

bool check_tags(const HttpApi& api) {
  const tmpl::Node* tags = api.prop("Tags");
  if (truthy(tags) && !api.has_body()) {
    return api.fail(tags,
                    "Tags works only with inline OpenApi specified in the 'DefinitionBody' "
                    "property.");
  }
  if (!api.has_body() || !api.readable()) return true;
  if (!openapi_valid(api.body)) {
    if (!truthy(tags)) return true;
    return api.fail(tags,
                    "Unable to add `Tags` because 'DefinitionBody' does not contain a valid "
                    "OpenApi definition.");
  }
  const tmpl::Node* doc_tags = api.body.get("tags");
  if (!truthy(doc_tags) || doc_tags->is_seq()) return true;
  api.rep.structure_error(api.rep.at(doc_tags),
                          "Tags in OpenApi DefinitionBody needs to be a list. " +
                              py_repr(*doc_tags) + " is a " + std::string(py_type_name(*doc_tags)) +
                              " not a list.");
  return false;
}

// DisableExecuteApiEndpoint, Name and Description go into the definition.
bool check_definition_edits(const HttpApi& api) {
  const tmpl::Node* disable = api.prop("DisableExecuteApiEndpoint");
  if (!is_none(disable)) {
    if (!api.has_body()) {
      return api.fail(disable,
                      "DisableExecuteApiEndpoint works only within 'DefinitionBody' "
                      "property.");
    }
    if (api.readable() && !openapi_valid(api.body)) {
      api.rep.structure_error(api.rep.at(&api.body),
                              "Invalid OpenApi document. Invalid values or missing keys for "
                              "'openapi' or 'paths' in 'DefinitionBody'.");
      return false;
    }
  }
  const tmpl::Node* name = api.prop("Name");
  if (truthy(name) && !api.has_body()) {
    return api.fail(name,
                    "Name works only with inline OpenApi specified in the 'DefinitionBody' "
                    "property.");
  }
  const tmpl::Node* description = api.prop("Description");
  if (truthy(description) && !api.has_body()) {
    return api.fail(description,
                    "Description works only with inline OpenApi specified in the "
                    "'DefinitionBody' property.");
  }
  return true;
}

bool check_sources(const HttpApi& api) {
  if (truthy(api.uri) && api.has_body()) {
    return api.fail(api.uri,
                    "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
  }
  if (!truthy(api.uri) || api.has_body()) return true;
  if (auto problem = definition_uri_problem(*api.uri)) return api.fail(api.uri, *problem);
  return true;
}

}  // namespace

void check_http_api(const Reporter& rep) {
  if (!check_property_table(rep, rep.resource().id, rep.props(), kType, kProps,
                            rep.resource().pos)) {
    return;
  }
  const HttpApi api = make_http_api(rep);
  if (!check_sources(api) || !check_cors(api) || !check_auth(api) || !check_tags(api)) return;
  if (!check_definition_edits(api)) return;
  const tmpl::Node* domain = rep.props().get("Domain");
  if (domain) check_v2_domain(rep, resolve_parameter_refs(rep.ctx(), *domain));
}

}  // namespace sls::validate::sam

// Api and HttpApi events as the SAM translator checks them (plugins/api/implicit_*_plugin.py,
// model/eventsources/push.py Api and HttpApi, model/stepfunctions/events.py Api).
#include "validate/rules/sam_api_events.h"

#include <cctype>
#include <regex>

#include "validate/rules/sam_api_view.h"
#include "validate/rules/sam_events.h"
#include "validate/rules/sam_openapi.h"

namespace sls::validate::sam {

namespace {

std::string normalized(const std::string& method) {
  return method == "any" ? std::string(kAnyMethod) : method;
}

// The implicit plugin's checks of one event's Properties.
bool check_implicit_event(const Reporter& rep, const tmpl::MapEntry& e, bool http) {
  const tmpl::Node* props = e.value.get("Properties");
  if (!http && !truthy(props)) return true;
  const tmpl::Node at_event = tmpl::Node::make_map(e.key_pos);
  if (!props || !props->is_map()) {
    if (http && !props) return true;  // no Properties: the $default route of the implicit API
    rep.event_error(e.key, rep.at(props ? props : &at_event), "Properties should be a map.");
    return false;
  }
  const std::string_view id_key = http ? "ApiId" : "RestApiId";
  const tmpl::Node* path = props->get("Path");
  const tmpl::Node* method = props->get("Method");
  const bool defaulted = http && !truthy(path) && !truthy(method);
  for (const auto& [key, v] : {std::pair{"Path", path}, std::pair{"Method", method}}) {
    if (defaulted || v) continue;
    rep.event_error(e.key, rep.at(props), "Property '" + std::string(key) + "' is required.");
    return false;
  }
  const tmpl::Node* id = api_reference(*props, id_key);
  if (id && !is_str(*id)) {
    rep.event_error(e.key, rep.at(id),
                    "Property '" + std::string(id_key) + "' should be a string.");
    return false;
  }
  for (const auto& [key, v] : {std::pair{"Path", path}, std::pair{"Method", method}}) {
    if (defaulted || is_str(*v)) continue;
    rep.event_error(e.key, rep.at(v), "Property '" + std::string(key) + "' should be a string.");
    return false;
  }
  const std::string api_id =
      id ? id->scalar : std::string(http ? kImplicitHttpApi : kImplicitRestApi);
  const tmpl::Resource* api = rep.ctx().app.resource(api_id);
  const bool implicit = api_id == (http ? kImplicitHttpApi : kImplicitRestApi);
  if (!implicit && (!api || (!http && api->type == "AWS::Serverless::HttpApi"))) {
    rep.event_error(e.key, rep.at(id),
                    std::string(id_key) + " must be a valid reference to an '" +
                        (http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api") +
                        "' resource in same template.");
    return false;
  }
  if (!http || !props->get("RouteSettings")) return true;
  const tmpl::Node* api_settings =
      api && !implicit ? get(api->raw->get("Properties"), "RouteSettings") : nullptr;
  if (api_settings && !api_settings->is_map()) {
    rep.generated_error(api_id, rep.at(api_settings), "Property 'RouteSettings' should be a map.");
    return false;
  }
  const tmpl::Node* settings = props->get("RouteSettings");
  if (rep.resource().raw->get("Condition") || settings->is_map()) return true;
  rep.event_error(e.key, rep.at(settings), "Property 'RouteSettings' should be a map.");
  return false;
}

// add_auth_to_swagger (REST APIs).
bool check_rest_method_auth(const Reporter& rep, std::string_view id, const tmpl::Node& auth,
                            const ApiView& api, const Route& r, bool bare) {
  const tmpl::Node* ma = auth.get("Authorizer");
  const tmpl::Node* raw_api_auth = api.props.get("Auth");
  const tmpl::Node api_auth =
      raw_api_auth ? resolve_parameter_refs(rep.ctx(), *raw_api_auth) : tmpl::Node{};
  const std::string where = " on API method [" + r.method + "] for path [" + r.path + "]";
  auto fail = [&](const tmpl::Node* at, const std::string& text) {
    event_error(rep, bare, id, rep.at(at ? at : &auth), text);
    return false;
  };
  if (truthy(ma)) {
    const tmpl::Node* authorizers = truthy(&api_auth) ? api_auth.get("Authorizers") : nullptr;
    if (truthy(authorizers) && !authorizers->is_map()) {
      rep.generated_error(api.id, rep.at(raw_api_auth),
                          "Property 'Auth.Authorizers' should be a map.");
      return false;
    }
    const bool is_iam = is_str(*ma) && ma->scalar == "AWS_IAM";
    const bool is_none_auth = is_str(*ma) && ma->scalar == "NONE";
    const std::string name = py_str(*ma);
    if (!is_iam && !is_none_auth) {
      if (!truthy(authorizers)) {
        return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                            " because the related API does not define any Authorizers.");
      }
      if (!is_str(*ma)) {
        return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                            ". The method authorizer must be a string with a corresponding dict "
                            "entry in the api authorizer.");
      }
      if (!truthy(authorizers->get(ma->scalar))) {
        return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                            " because it wasn't defined in the API's Authorizers.");
      }
    } else if (is_none_auth && !truthy(get(&api_auth, "DefaultAuthorizer"))) {
      return fail(ma, "Unable to set Authorizer" + where +
                          " because 'NONE' is only a valid value when a DefaultAuthorizer on the "
                          "API is specified.");
    }
  }
  const tmpl::Node* scopes = auth.get("AuthorizationScopes");
  if (truthy(scopes)) {
    if (!scopes->is_seq())
      return fail(scopes, "Property 'Auth.AuthorizationScopes' should be a list.");
    if (!truthy(ma)) return fail(scopes, "AuthorizationScopes works only when Authorizer is set");
  }
  const tmpl::Node* key_required = auth.get("ApiKeyRequired");
  if (!is_none(key_required) && !truthy(key_required) &&
      !truthy(get(&api_auth, "ApiKeyRequired"))) {
    return fail(key_required, "Unable to set ApiKeyRequired [False]" + where +
                                  " because the related API does not specify any "
                                  "ApiKeyRequired.");
  }
  const tmpl::Node* policy = auth.get("ResourcePolicy");
  if (truthy(policy) && !policy->is_map()) {
    rep.generated_error(id, rep.at(policy), "Property 'Auth.ResourcePolicy' should be a map.");
    return false;
  }
  return true;
}

bool check_request_model(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                         const ApiView& api, const Route& r) {
  const tmpl::Node* rm = props.get("RequestModel");
  if (!truthy(rm)) return true;
  if (!rm->is_map()) {
    rep.event_error(id, rep.at(rm), "Property 'RequestModel' should be a map.");
    return false;
  }
  const tmpl::Node* model = rm->get("Model");
  if (!truthy(model)) return true;
  const std::string head = "Unable to set RequestModel [" + py_str(*model) + "] on API method [" +
                           r.method + "] for path [" + r.path + "] ";
  const tmpl::Node* models = api.props.get("Models");
  std::string why;
  if (!truthy(models)) {
    why = "because the related API does not define any Models.";
  } else if (!is_intrinsic(*models) && !models->is_map()) {
    why = "because the related API Models defined is of invalid type.";
  } else if (!is_str(*model)) {
    why = "because the related API does not contain valid Models.";
  } else if (!truthy(models->get(model->scalar))) {
    why = "because it wasn't defined in the API's Models.";
  }
  if (why.empty()) {
    const tmpl::Node* body = rm->get("ValidateBody");
    const tmpl::Node* params = rm->get("ValidateParameters");
    const bool bad = (body && !is_none(body) && !is_bool(*body)) ||
                     (params && !is_none(params) && !is_bool(*params));
    if (!bad) return true;
    rep.event_error(id, rep.at(rm),
                    "Unable to set Validator to RequestModel [" + py_str(*model) +
                        "] on API method [" + r.method + "] for path [" + r.path +
                        "] ValidateBody and ValidateParameters must be a boolean type, strings or "
                        "intrinsics are not supported.");
    return false;
  }
  rep.event_error(id, rep.at(model), head + why);
  return false;
}

bool check_request_parameters(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const tmpl::Node* params = props.get("RequestParameters");
  if (!truthy(params) || !params->is_seq()) return true;
  static const std::regex kName(R"(method\.request\.(querystring|path|header)\.)");
  const std::string head = "Invalid value for 'RequestParameters' property. ";
  const std::string keys = head +
                           "Keys must be in the format 'method.request.[querystring|path|header]."
                           "{value}', e.g 'method.request.header.Authorization'.";
  for (const tmpl::Node& p : params->items) {
    std::string error;
    if (p.is_map() && !p.entries.empty()) {
      const tmpl::MapEntry& e = p.entries.front();
      bool values_ok = e.value.is_map();
      for (const tmpl::MapEntry& v : e.value.entries) {
        values_ok = values_ok && (v.key == "Required" || v.key == "Caching");
      }
      if (!std::regex_search(e.key, kName, std::regex_constants::match_continuous)) {
        error = keys;
      } else if (!values_ok) {
        error = head + "Values must be an object, e.g { Required: true, Caching: false }";
      }
    } else if (is_str(p)) {
      if (!std::regex_search(p.scalar, kName, std::regex_constants::match_continuous)) error = keys;
    } else if (!p.is_map()) {
      error = head + "Property must be either a string or an object";
    }
    if (error.empty()) continue;
    rep.event_error(id, rep.at(&p), error);
    return false;
  }
  return true;
}

// Whether an earlier event already integrated the route on its API.
bool route_taken(const Reporter& rep, const Route& r) {
  const auto it = rep.state().api_methods.find(r.api_id);
  return it != rep.state().api_methods.end() && it->second.contains({r.path, normalized(r.method)});
}

// Records the route once its event went through (a failed event adds nothing).
void claim_route(const Reporter& rep, const Route& r) {
  rep.state().api_methods[r.api_id].insert({r.path, normalized(r.method)});
}

// HttpApi._add_auth_to_openapi_integration.
bool check_http_method_auth(const Reporter& rep, std::string_view id, const tmpl::Node& auth,
                            const ApiView& api, const Route& r) {
  // api.get("Auth", {}): an absent Auth is an empty map.
  const tmpl::Node empty = tmpl::Node::make_map();
  const tmpl::Node* api_auth = api.props.get("Auth") ? api.props.get("Auth") : &empty;
  if (!api_auth->is_map()) {
    rep.generated_error(api.id, rep.at(api_auth), "Property 'Auth' should be a map.");
    return false;
  }
  const std::string where = " on API method [" + r.method + "] for path [" + r.path + "]";
  auto fail = [&](const tmpl::Node* at, const std::string& text) {
    rep.event_error(id, rep.at(at ? at : &auth), text);
    return false;
  };
  const tmpl::Node* ma = auth.get("Authorizer");
  const tmpl::Node* default_auth = get(api_auth, "DefaultAuthorizer");
  if (!truthy(ma)) {
    if (!truthy(default_auth)) {
      return fail(&auth,
                  "'Auth' section requires either an explicit 'Authorizer' set or a "
                  "'DefaultAuthorizer' configured on the HttpApi.");
    }
    ma = default_auth;
  }
  // `api_auth and api_auth.get(...)`: an empty Auth map stands for itself.
  const tmpl::Node* authorizers = truthy(api_auth) ? api_auth->get("Authorizers") : api_auth;
  const tmpl::Node* iam = get(api_auth, "EnableIamAuthorizer");
  const bool iam_enabled = iam && is_bool(*iam) && iam->as_bool().value_or(false);
  const bool is_none_auth = is_str(*ma) && ma->scalar == "NONE";
  const bool is_iam = is_str(*ma) && ma->scalar == "AWS_IAM";
  const std::string name = py_str(*ma);
  if (!is_none_auth && !(is_iam && iam_enabled) &&
      (!is_str(*ma) || !authorizers || !authorizers->is_map())) {
    return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                        ". The method authorizer must be a string with a corresponding dict entry "
                        "in the api authorizer.");
  }
  if (is_none_auth) {
    if (truthy(default_auth)) return true;
    return fail(ma, "Unable to set Authorizer" + where +
                        " because 'NONE' is only a valid value when a DefaultAuthorizer on the API "
                        "is specified.");
  }
  if (!(is_iam && iam_enabled)) {
    if (!truthy(authorizers)) {
      return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                          " because the related API does not define any Authorizers.");
    }
    if (!truthy(authorizers->get(ma->scalar))) {
      return fail(ma, "Unable to set Authorizer [" + name + "]" + where +
                          " because it wasn't defined in the API's Authorizers.");
    }
  }
  const tmpl::Node* scopes = auth.get("AuthorizationScopes");
  if (truthy(scopes) && !scopes->is_seq()) {
    return fail(scopes, "Unable to set Authorizer" + where +
                            " because 'AuthorizationScopes' must be a list of strings.");
  }
  return true;
}

}  // namespace

bool check_http_api_event(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const auto r = route_of(props, true);
  if (!r) return true;
  const auto api = api_view(rep.ctx(), r->api_id, true);
  if (!api) return true;
  const tmpl::Node* body = api->props.get("DefinitionBody");
  if (is_none(body) || is_included(*body)) return true;
  if (truthy(body) && !openapi_valid(*body)) {
    rep.generated_error(api->id, rep.at(body),
                        "Structure of the SAM template is invalid. Invalid OpenApi document. "
                        "Invalid values or missing keys for 'openapi' or 'paths' in "
                        "'DefinitionBody'.");
    return false;
  }
  if (api->managed && route_taken(rep, *r)) {
    rep.event_error(
        id, rep.at(props.get("Path")),
        "API method '" + r->method + "' defined multiple times for path '" + r->path + "'.");
    return false;
  }
  const tmpl::Node* auth = props.get("Auth");
  if (truthy(auth) && auth->is_map() && !check_http_method_auth(rep, id, *auth, *api, *r)) {
    return false;
  }
  if (api->managed) claim_route(rep, *r);
  return true;
}

bool check_implicit_api_events(const Reporter& rep) {
  const tmpl::Node* events = rep.props().get("Events");
  if (!events || !events->is_map() || is_intrinsic(*events)) return true;
  for (const tmpl::MapEntry& e : events->entries) {
    const tmpl::Node* type = e.value.get("Type");
    if (!type || !is_str(*type)) continue;
    if (type->scalar != "Api" && type->scalar != "HttpApi") continue;
    if (!check_implicit_event(rep, e, type->scalar == "HttpApi")) return false;
  }
  return true;
}

bool check_api_event_link(const Reporter& rep, std::string_view id, const tmpl::Node& props) {
  const auto r = route_of(props, false);
  if (!r || r->api_id == kImplicitRestApi) return true;
  const tmpl::Resource* api = rep.ctx().app.resource(r->api_id);
  if (!api) {
    rep.event_error(id, rep.at(props.get("RestApiId")),
                    "RestApiId property of Api event must reference a valid resource in the same "
                    "template.");
    return false;
  }
  const tmpl::Node* stage = api->properties.get("StageName");
  if (stage && is_str(*stage) && stage->scalar.empty()) {
    rep.generated_error(r->api_id, rep.at(stage), "StageName cannot be empty.");
    return false;
  }
  return true;
}

bool check_api_event(const Reporter& rep, std::string_view id, const tmpl::Node& props,
                     bool state_machine) {
  const auto r = route_of(props, false);
  if (!r) return true;
  const auto api = api_view(rep.ctx(), r->api_id, false);
  if (!api) return true;
  const tmpl::Node* auth = props.get("Auth");
  const bool merge = !state_machine && truthy(api->props.get("MergeDefinitions"));
  if (api->managed || merge) {
    if (!merge && route_taken(rep, *r)) {
      event_error(
          rep, state_machine, id, rep.at(props.get("Path")),
          "API method \"" + r->method + "\" defined multiple times for path \"" + r->path + "\".");
      return false;
    }
    const tmpl::Node* api_auth = api->props.get("Auth");
    if (!state_machine && truthy(api_auth) && !api_auth->is_map()) {
      rep.generated_error(api->id, rep.at(api_auth), "Property 'Auth' should be a map.");
      return false;
    }
    if (truthy(auth) && auth->is_map() &&
        !check_rest_method_auth(rep, id, *auth, *api, *r, state_machine)) {
      return false;
    }
    if (!state_machine && (!check_request_model(rep, id, props, *api, *r) ||
                           !check_request_parameters(rep, id, props))) {
      return false;
    }
    if (!merge) claim_route(rep, *r);
  }
  if (state_machine || !truthy(auth) || !auth->is_map() || !truthy(auth->get("OverrideApiAuth")) ||
      !truthy(api->props.get("DefinitionBody"))) {
    return true;
  }
  if (!truthy(auth->get("Authorizer")) && !truthy(auth->get("ApiKeyRequired")) &&
      !truthy(auth->get("ResourcePolicy"))) {
    rep.event_error(id, rep.at(auth),
                    "Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using "
                    "the OverrideApiAuth property.");
    return false;
  }
  return check_rest_method_auth(rep, id, *auth, *api, *r, false);
}

}  // namespace sls::validate::sam

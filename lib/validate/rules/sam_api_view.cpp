// The API resources events attach to, as the transform sees them when it reaches the events.
#include "validate/rules/sam_api_view.h"

#include <cctype>

namespace sls::validate::sam {

namespace {

// The definition the transform starts an implicit or managed API from: paths come from events.
tmpl::Node skeleton(bool http) {
  tmpl::Node doc = tmpl::Node::make_map();
  if (http) {
    doc.set("openapi", tmpl::Node::make_scalar("3.0.1"));
  } else {
    doc.set("swagger", tmpl::Node::make_scalar("2.0"));
  }
  doc.set("paths", tmpl::Node::make_map());
  return doc;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const tmpl::Node* api_reference(const tmpl::Node& props, std::string_view key) {
  const tmpl::Node* v = props.get(key);
  if (v && v->is_map() && v->get("Ref")) return v->get("Ref");
  return v;
}

std::optional<Route> route_of(const tmpl::Node& props, bool http) {
  const tmpl::Node* id = api_reference(props, http ? "ApiId" : "RestApiId");
  Route r;
  if (!id) {
    r.api_id = std::string(http ? kImplicitHttpApi : kImplicitRestApi);
  } else if (is_str(*id)) {
    r.api_id = id->scalar;
  } else {
    return std::nullopt;
  }
  const tmpl::Node* path = props.get("Path");
  const tmpl::Node* method = props.get("Method");
  if (http && !truthy(path) && !truthy(method)) {
    r.path = "$default";
    r.method = std::string(kAnyMethod);
    return r;
  }
  if (!path || !is_str(*path) || !method || !is_str(*method)) return std::nullopt;
  r.path = path->scalar;
  r.method = lower(method->scalar);
  return r;
}

std::optional<ApiView> api_view(const Context& ctx, std::string_view id, bool http) {
  const std::string_view implicit = http ? kImplicitHttpApi : kImplicitRestApi;
  const std::string_view section = http ? "HttpApi" : "Api";
  ApiView v;
  v.id = std::string(id);
  if (id == implicit) {
    tmpl::Node props = tmpl::Node::make_map();
    if (!http) props.set("StageName", tmpl::Node::make_scalar("Prod"));
    props.set("DefinitionBody", skeleton(http));
    const tmpl::Node* globals = get(ctx.tpl.section("Globals"), section);
    v.props = globals && globals->is_map() ? tmpl::merge_globals(*globals, props) : props;
    v.managed = true;
    return v;
  }
  const tmpl::Resource* r = ctx.app.resource(id);
  const std::string_view type = http ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api";
  if (!r || r->type != type) return std::nullopt;
  const tmpl::Node* own = r->raw ? r->raw->get("Properties") : nullptr;
  v.managed = !truthy(get(own, "DefinitionBody")) && !truthy(get(own, "DefinitionUri"));
  v.props = effective_properties(ctx, *r);
  if (v.managed) v.props.set("DefinitionBody", skeleton(http));
  return v;
}

}  // namespace sls::validate::sam

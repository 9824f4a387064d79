// App::build: resources with Globals merged, parameters bound. Intrinsic resolution and
// conditions live in resolve.cpp; Globals merge rules in globals.cpp.
#include "template/template.h"

namespace sls::tmpl {

namespace {

void bind_parameters(const Template& tpl, const Bindings& b,
                     std::map<std::string, ParameterValue>& out) {
  const Node* params = tpl.section("Parameters");
  if (!params || !params->is_map()) return;
  for (const MapEntry& e : params->entries) {
    ParameterValue v;
    v.name = e.key;
    v.pos = e.key_pos;
    if (const Node* t = e.value.get("Type"); t && t->is_scalar()) v.type = t->scalar;
    if (const Node* d = e.value.get("Default"); d && d->is_scalar()) v.value = d->scalar;
    if (const Node* d = e.value.get("Default"); d && d->is_seq()) {
      std::string joined;
      for (const Node& i : d->items) {
        if (!joined.empty()) joined += ',';
        joined += i.scalar;
      }
      v.value = joined;
    }
    if (const Node* ne = e.value.get("NoEcho")) v.no_echo = ne->as_bool().value_or(false);
    if (auto it = b.overrides.find(e.key); it != b.overrides.end()) v.value = it->second;
    out.emplace(e.key, std::move(v));
  }
}

}  // namespace

App App::build(Template tpl, const Bindings& bindings) {
  App app;
  app.tpl_ = std::move(tpl);
  app.pseudo_ = bindings.pseudo;
  bind_parameters(app.tpl_, bindings, app.parameters_);
  const Node* globals = app.tpl_.section("Globals");
  const Node* resources = app.tpl_.section("Resources");
  if (!resources || !resources->is_map()) return app;
  for (const MapEntry& e : resources->entries) {
    Resource r;
    r.id = e.key;
    r.pos = e.key_pos;
    r.raw = &e.value;
    if (const Node* t = e.value.get("Type"); t && t->is_scalar()) r.type = t->scalar;
    if (const Node* c = e.value.get("Condition"); c && c->is_scalar()) r.condition = c->scalar;
    const Node* props = e.value.get("Properties");
    r.properties = props ? *props : Node::make_map(e.value.pos);
    if (globals && globals->is_map() && r.properties.is_map()) {
      if (auto section = globals_section_for(r.type)) {
        if (const Node* g = globals->get(*section); g && g->is_map()) {
          r.properties = merge_globals(*g, r.properties);
        }
      }
    }
    app.resources_.push_back(std::move(r));
  }
  return app;
}

const Resource* App::resource(std::string_view id) const {
  for (const Resource& r : resources_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace sls::tmpl

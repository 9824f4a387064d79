// App::build: parameters bound and checked, Globals checked and merged into each resource,
// conditions evaluated. Intrinsics live in resolve.cpp, Globals rules in globals.cpp.
#include "template/internal.h"

namespace sls::tmpl {

App::App(const App& other)
    : tpl_(other.tpl_),
      pseudo_(other.pseudo_),
      parameters_(other.parameters_),
      resources_(other.resources_),
      diagnostics_(other.diagnostics_),
      condition_cache_(other.condition_cache_) {
  index_resources();
}

App& App::operator=(const App& other) {
  if (this != &other) *this = App(other);
  return *this;
}

// Rebuilds the id index and points each Resource::raw into this App's own tree: build() makes
// one Resource per entry of the Resources map, in order.
void App::index_resources() {
  resource_index_.clear();
  const Node* section = tpl_.section("Resources");
  for (size_t i = 0; i < resources_.size(); ++i) {
    resource_index_.try_emplace(resources_[i].id, i);
    const bool in_tree = section && i < section->entries.size();
    resources_[i].raw = in_tree ? &section->entries[i].value : nullptr;
  }
}

namespace {

// Values Globals may copy into resources in all: each resource gets its own copy, so a large
// Globals section times many resources is an alias bomb by other means. Real templates copy a
// few thousand (500 resources, CloudFormation's most, times a few dozen values).
constexpr size_t kMaxGlobalsCopies = 250'000;

size_t count_values(const Node& n) {
  size_t c = 1;
  for (const Node& i : n.items) c += count_values(i);
  for (const MapEntry& e : n.entries) c += count_values(e.value);
  return c;
}

// The resource's properties with its Globals merged, as SAM's Globals plugin leaves them:
// missing Properties count as {}, Properties that are not a map are left alone.
Node merged_properties(const MapEntry& e, const std::map<std::string, Node, std::less<>>& globals,
                       std::string_view type, size_t& copies, std::vector<Diagnostic>& diags) {
  const Node* props = e.value.get("Properties");
  Node own = props ? *props : Node::make_map(e.value.pos);
  const std::optional<std::string_view> section = globals_section_for(type);
  if (!section) return own;
  const auto g = globals.find(*section);
  if (g == globals.end()) return own;
  const Node applied = detail::globals_for_resource(e.key, e.value, g->second, diags);
  copies += count_values(applied);
  if (copies > kMaxGlobalsCopies) return own;
  return merge_globals(applied, own);
}

}  // namespace

App App::build(Template tpl, const Bindings& bindings) {
  App app;
  app.tpl_ = std::move(tpl);
  app.pseudo_ = bindings.pseudo;
  app.parameters_ = detail::bind_parameters(app.tpl_, bindings, app.diagnostics_);
  const std::map<std::string, Node, std::less<>> globals =
      detail::read_globals(app.tpl_, app.diagnostics_);
  Resolver::evaluate_conditions(app);
  const Node* resources = app.tpl_.section("Resources");
  if (!resources || !resources->is_map()) return app;
  app.resources_.reserve(resources->entries.size());
  size_t copies = 0;  // values Globals copied into resources so far
  for (const MapEntry& e : resources->entries) {
    Resource r;
    r.id = e.key;
    r.pos = e.key_pos;
    r.raw = &e.value;
    if (const Node* t = e.value.get("Type"); t && t->is_scalar()) r.type = t->scalar;
    if (const Node* c = e.value.get("Condition"); c && c->is_scalar()) r.condition = c->scalar;
    r.properties = merged_properties(e, globals, r.type, copies, app.diagnostics_);
    app.resources_.push_back(std::move(r));
  }
  if (copies > kMaxGlobalsCopies) {
    const MapEntry* g = app.tpl_.root.entry("Globals");
    app.diagnostics_.push_back(
        Diagnostic{"E0000",
                   "Globals expand to more than " + std::to_string(kMaxGlobalsCopies) +
                       " values across resources; later resources get no Globals",
                   g ? g->key_pos : Pos{}});
  }
  app.index_resources();
  return app;
}

const Resource* App::resource(std::string_view id) const {
  const auto it = resource_index_.find(id);
  return it == resource_index_.end() ? nullptr : &resources_[it->second];
}

}  // namespace sls::tmpl

// E3004: resources do not depend on each other in a circle, through DependsOn, Ref, Fn::GetAtt
// or Fn::Sub. Cycles through a SAM resource are left alone: the transform splits it into
// several resources, which often breaks the apparent cycle (cfn-lint does the same).
#include <algorithm>
#include <map>
#include <set>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3004", Severity::kError, "Resource dependencies are not circular",
                         "Resources do not depend on each other circularly by DependsOn, Ref, "
                         "Sub, or GetAtt.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "aws-attribute-dependson.html"};

// Successors of each resource, in the order cfn-lint's graph adds its edges.
using Graph = std::map<std::string, std::vector<std::string>, std::less<>>;

void add_edge(Graph& g, const std::string& from, std::string_view to) {
  if (!g.contains(to)) return;  // not a (non-SAM) resource of the template
  std::vector<std::string>& out = g[from];
  if (std::find(out.begin(), out.end(), to) == out.end()) out.emplace_back(to);
}

void add_call_edges(Graph& g, const Call& c) {
  const std::string from(c.owner);
  if (c.fn == "Ref" && c.arg.is_scalar()) add_edge(g, from, c.arg.scalar);
  if (c.fn == "Fn::GetAtt") {
    if (c.arg.is_scalar()) add_edge(g, from, c.arg.scalar.substr(0, c.arg.scalar.find('.')));
    if (c.arg.is_seq() && !c.arg.items.empty() && c.arg.items[0].is_scalar()) {
      add_edge(g, from, c.arg.items[0].scalar);
    }
  }
  if (c.fn == "Fn::Sub") {
    const tmpl::Node* text = c.arg.is_seq() && !c.arg.items.empty() ? &c.arg.items[0] : &c.arg;
    const tmpl::Node* vars = c.arg.is_seq() && c.arg.items.size() > 1 ? &c.arg.items[1] : nullptr;
    if (!text->is_scalar()) return;
    for (const SubVariable& v : sub_variables(text->scalar)) {
      if (vars && vars->get(v.name)) continue;  // a variable of the map, not a resource
      add_edge(g, from, v.name.substr(0, v.name.find('.')));
    }
  }
}

Graph build(const Context& ctx) {
  Graph g;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (!is_sam_type(r.type)) g[r.id];
  }
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (!g.contains(r.id)) continue;
    const tmpl::Node* d = r.raw ? r.raw->get("DependsOn") : nullptr;
    if (d && d->is_scalar()) add_edge(g, r.id, d->scalar);
    if (d && d->is_seq()) {
      for (const tmpl::Node& n : d->items) {
        if (n.is_scalar()) add_edge(g, r.id, n.scalar);
      }
    }
  }
  for_each_call(ctx, [&](const Call& c) {
    if (c.section == Section::kResources && g.contains(c.owner)) add_call_edges(g, c);
  });
  return g;
}

using Edge = std::pair<std::string, std::string>;

// Depth-first search from `node` for the first edge that closes a circle (networkx find_cycle):
// returns the circle's edges, or nothing.
bool find_cycle(const Graph& g, const std::string& node, std::vector<std::string>& stack,
                std::set<std::string>& done, std::vector<Edge>& cycle) {
  stack.push_back(node);
  for (const std::string& next : g.at(node)) {
    const auto on_stack = std::find(stack.begin(), stack.end(), next);
    if (on_stack != stack.end()) {
      for (auto it = on_stack; it + 1 != stack.end(); ++it) cycle.emplace_back(*it, *(it + 1));
      cycle.emplace_back(stack.back(), next);
      return true;
    }
    if (done.contains(next)) continue;
    if (find_cycle(g, next, stack, done, cycle)) return true;
  }
  stack.pop_back();
  done.insert(node);
  return false;
}

void check(const Context& ctx) {
  const Graph g = build(ctx);
  std::vector<Edge> reported;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (!g.contains(r.id)) continue;
    std::vector<std::string> stack;
    std::set<std::string> done;
    std::vector<Edge> cycle;
    if (!find_cycle(g, r.id, stack, done, cycle)) continue;
    for (const Edge& e : cycle) {
      if (std::find(reported.begin(), reported.end(), e) != reported.end()) continue;
      reported.push_back(e);
      const tmpl::Resource* source = ctx.app.resource(e.first);
      ctx.report(kInfo,
                 "Circular Dependencies for resource " + e.first + ". Circular dependency with [" +
                     e.second + "]",
                 source->pos, "Resources/" + e.first, e.first);
    }
  }
}

}  // namespace

extern const Rule kE3004{kInfo, check};

}  // namespace sls::validate::defs

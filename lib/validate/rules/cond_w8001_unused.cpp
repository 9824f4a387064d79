// W8001: every condition is used: by a resource or output Condition, an Fn::If, or another
// condition.
#include <set>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"W8001", Severity::kWarning, "Check if Conditions are Used",
                         "The conditions defined are used.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "conditions-section-structure.html"};

// Every Fn::If condition anywhere (Metadata included), and Condition calls in Conditions.
void collect(const tmpl::Node& n, bool in_conditions, std::set<std::string>& used) {
  if (const auto in = tmpl::as_intrinsic(n)) {
    if (in->name == "Fn::If" && in->arg.is_seq() && !in->arg.items.empty() &&
        in->arg.items[0].is_scalar()) {
      used.insert(in->arg.items[0].scalar);
    }
    if (in->name == "Condition" && in_conditions && in->arg.is_scalar()) {
      used.insert(in->arg.scalar);
    }
  }
  for (const tmpl::MapEntry& e : n.entries) collect(e.value, in_conditions, used);
  for (const tmpl::Node& i : n.items) collect(i, in_conditions, used);
}

void collect_attribute(const tmpl::Node* section, std::set<std::string>& used) {
  if (!section || !section->is_map()) return;
  for (const tmpl::MapEntry& e : section->entries) {
    const tmpl::Node* c = e.value.get("Condition");
    if (c && c->is_scalar()) used.insert(c->scalar);
  }
}

void check(const Context& ctx) {
  const tmpl::Node* conditions = ctx.tpl.section("Conditions");
  if (!conditions || !conditions->is_map()) return;
  std::set<std::string> used;
  for (const tmpl::MapEntry& e : ctx.tpl.root.entries) {
    collect(e.value, e.key == "Conditions", used);
  }
  collect_attribute(ctx.tpl.section("Resources"), used);
  collect_attribute(ctx.tpl.section("Outputs"), used);
  for (const tmpl::MapEntry& e : conditions->entries) {
    if (used.contains(e.key)) continue;
    ctx.report(kInfo, "Condition " + e.key + " not used", e.key_pos, "Conditions/" + e.key);
  }
}

}  // namespace

extern const Rule kW8001{kInfo, check};

}  // namespace sls::validate::defs

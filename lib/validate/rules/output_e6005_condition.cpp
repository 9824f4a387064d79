// E6005: an output's Condition names a condition the Conditions section defines.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E6005", Severity::kError, "Validate the Output condition is valid",
                         "An output's Condition is defined in the Conditions section.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "outputs-section-structure.html"};

void check(const Context& ctx) {
  const tmpl::Node* outputs = ctx.tpl.section("Outputs");
  if (!outputs || !outputs->is_map()) return;
  const Names names(ctx);
  for (const tmpl::MapEntry& e : outputs->entries) {
    const tmpl::Node* c = e.value.get("Condition");
    if (!c || !c->is_scalar() || names.is_condition(c->scalar)) continue;
    ctx.report(kInfo, not_one_of(c->scalar, names.condition_names()), c->pos,
               "Outputs/" + e.key + "/Condition", e.key);
  }
}

}  // namespace

extern const Rule kE6005{kInfo, check};

}  // namespace sls::validate::defs

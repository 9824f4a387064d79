// E8002: a resource's Condition attribute names a condition the Conditions section defines.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E8002", Severity::kError,
                         "Check if the referenced Conditions are defined",
                         "The conditions resources use are defined in the Conditions section.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "conditions-section-structure.html"};

void check(const Context& ctx) {
  const Names names(ctx);
  for (const tmpl::Resource& r : ctx.app.resources()) {
    const tmpl::Node* c = r.raw ? r.raw->get("Condition") : nullptr;
    if (!c || !c->is_scalar() || names.is_condition(c->scalar)) continue;
    ctx.report(kInfo, not_one_of(c->scalar, names.condition_names()), c->pos,
               "Resources/" + r.id + "/Condition", r.id);
  }
}

}  // namespace

extern const Rule kE8002{kInfo, check};

}  // namespace sls::validate::defs

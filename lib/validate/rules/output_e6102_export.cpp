// E6102: an output's Export Name is a string (or a function building one), not a list or map.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E6102", Severity::kError,
                         "Validate that output exports have values of strings",
                         "Output export names have a type of string.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "outputs-section-structure.html"};

void check(const Context& ctx) {
  const tmpl::Node* outputs = ctx.tpl.section("Outputs");
  if (!outputs || !outputs->is_map()) return;
  for (const tmpl::MapEntry& e : outputs->entries) {
    const tmpl::Node* exp = e.value.get("Export");
    const tmpl::Node* name = exp ? exp->get("Name") : nullptr;
    if (!name || name->is_scalar() || tmpl::is_intrinsic(*name)) continue;
    ctx.report(kInfo, not_of_type(*name, "'string'"), name->pos,
               "Outputs/" + e.key + "/Export/Name", e.key);
  }
}

}  // namespace

extern const Rule kE6102{kInfo, check};

}  // namespace sls::validate::defs

// E1028: Fn::If takes [condition, value if true, value if false], and the condition is one the
// Conditions section defines.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1028", Severity::kError, "Check Fn::If structure for validity",
                         "Fn::If names a defined condition and has two values.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-conditions.html#"
                         "intrinsic-function-reference-conditions-if"};

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  const Names names(ctx);
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::If" || !list_arg(ctx, kInfo, c, 3, 3)) return;
    const tmpl::Node& cond = c.arg.items[0];
    if (!cond.is_scalar()) {
      report_at(ctx, kInfo, c, cond, not_of_type(cond, "'string'"));
      return;
    }
    if (!names.is_condition(cond.scalar)) {
      report_at(ctx, kInfo, c, cond, not_one_of(cond.scalar, names.condition_names()));
    }
  });
}

}  // namespace

extern const Rule kE1028{kInfo, check};

}  // namespace sls::validate::defs

// E1020: a Ref names one string, and that name is a parameter, a pseudo parameter or a
// resource (declared, or added by the SAM transform). In Conditions only parameters count.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1020", Severity::kError, "Ref validation of value",
                         "A Ref has a string value naming a parameter, pseudo parameter or "
                         "resource of the template.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-ref.html"};

// Conditions are evaluated before any resource exists (cfn-lint gives them no resources).
std::vector<std::string> condition_targets(const Names& names) {
  std::vector<std::string> out = names.parameter_names();
  out.insert(out.end(), pseudo_parameters().begin(), pseudo_parameters().end());
  return out;
}

void check_ref(const Context& ctx, const Names& names, const Call& c) {
  const tmpl::Node& arg = c.arg;
  const tmpl::Pos pos = arg.pos.line ? arg.pos : c.node.pos;
  if (!arg.is_scalar() || arg.plain_is_bool() || arg.plain_is_number()) {
    // AWS::LanguageExtensions allows functions inside Ref; names() is open then.
    if (tmpl::is_intrinsic(arg) && !names.closed()) return;
    ctx.report(kInfo, not_of_type(arg, "'string'"), pos, c.path, std::string(c.owner));
    return;
  }
  if (!names.closed()) return;
  const std::string& name = arg.scalar;
  if (c.section == Section::kConditions) {
    if (names.is_parameter(name) || is_pseudo_parameter(name)) return;
    ctx.report(kInfo, not_one_of(name, condition_targets(names)), pos, c.path);
    return;
  }
  if (names.is_ref_target(name)) return;
  ctx.report(kInfo, not_one_of(name, names.ref_targets()), pos, c.path, std::string(c.owner));
}

void check(const Context& ctx) {
  const Names names(ctx);
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn == "Ref") check_ref(ctx, names, c);
  });
}

}  // namespace

extern const Rule kE1020{kInfo, check};

}  // namespace sls::validate::defs

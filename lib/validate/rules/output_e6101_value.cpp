// E6101: an output's Value is a string: not a list or a map, and not a function that returns
// a list (Fn::Split, Fn::GetAZs, Fn::Cidr).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E6101", Severity::kError, "Validate that outputs values are a string",
                         "Output values have a type of string.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "outputs-section-structure.html"};

// Whether a value is certainly not a string; an Fn::If is judged by both of its values.
bool not_string(const tmpl::Node& v) {
  if (v.is_seq()) return true;
  if (v.is_null() || v.is_scalar()) return false;
  const auto in = tmpl::as_intrinsic(v);
  if (!in) return true;
  if (in->name == "Fn::Split" || in->name == "Fn::GetAZs" || in->name == "Fn::Cidr") {
    return true;
  }
  return false;
}

void check_value(const Context& ctx, const std::string& owner, const tmpl::Node& v,
                 const std::string& path) {
  if (const auto in = tmpl::as_intrinsic(v); in && in->name == "Fn::If") {
    if (!in->arg.is_seq() || in->arg.items.size() != 3) return;
    for (size_t i = 1; i < 3; ++i) {
      const tmpl::Node& branch = in->arg.items[i];
      const bool no_value =
          is_call_to(branch, {"Ref"}) && tmpl::as_intrinsic(branch)->arg.scalar == "AWS::NoValue";
      if (!no_value) check_value(ctx, owner, branch, path);
    }
    return;
  }
  if (not_string(v)) ctx.report(kInfo, not_of_type(v, "'string'"), v.pos, path, owner);
}

void check(const Context& ctx) {
  const tmpl::Node* outputs = ctx.tpl.section("Outputs");
  if (!outputs || !outputs->is_map() || !plain_functions(ctx)) return;
  for (const tmpl::MapEntry& e : outputs->entries) {
    const tmpl::Node* v = e.value.get("Value");
    if (v) check_value(ctx, e.key, *v, "Outputs/" + e.key + "/Value");
  }
}

}  // namespace

extern const Rule kE6101{kInfo, check};

}  // namespace sls::validate::defs

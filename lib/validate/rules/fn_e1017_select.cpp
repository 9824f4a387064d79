// E1017: Fn::Select takes [index, list]: a non-negative integer (or Ref/Fn::FindInMap) and a
// list (or a function returning one).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1017", Severity::kError, "Select validation of parameters",
                         "Fn::Select has an index and a list to select from.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-select.html"};

void check_index(const Context& ctx, const Call& c, const tmpl::Node& index) {
  if (is_call_to(index, {"Ref", "Fn::FindInMap"})) return;
  const std::optional<int64_t> i = index.as_int();
  if (!i || index.plain_is_bool()) {
    report_at(ctx, kInfo, c, index, not_of_type(index, "'integer'"));
    return;
  }
  if (*i < 0) report_at(ctx, kInfo, c, index, py_repr(index) + " is less than the minimum of 0");
}

void check_list(const Context& ctx, const Call& c, const tmpl::Node& list) {
  if (list.is_seq()) return;
  if (is_call_to(list, {"Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::If", "Fn::Split",
                        "Fn::Cidr", "Ref"})) {
    return;
  }
  report_at(ctx, kInfo, c, list, not_of_type(list, "'array'"));
}

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::Select" || !list_arg(ctx, kInfo, c, 2, 2)) return;
    check_index(ctx, c, c.arg.items[0]);
    check_list(ctx, c, c.arg.items[1]);
  });
}

}  // namespace

extern const Rule kE1017{kInfo, check};

}  // namespace sls::validate::defs

// E1022: Fn::Join takes [delimiter, list]: a literal delimiter and a list of strings (or a
// function returning a list).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1022", Severity::kError, "Join validation of parameters",
                         "Fn::Join has a literal delimiter and a list of strings to join.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-join.html"};

void check_values(const Context& ctx, const Call& c, const tmpl::Node& values) {
  if (is_call_to(values,
                 {"Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::If", "Fn::Split", "Ref"})) {
    return;
  }
  if (!values.is_seq()) {
    report_at(ctx, kInfo, c, values, not_of_type(values, "'array'"));
    return;
  }
  for (const tmpl::Node& v : values.items) {
    string_or_call(
        ctx, kInfo, c, v,
        {"Fn::Base64", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetStackOutput", "Fn::If",
         "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Sub", "Fn::Transform", "Ref"});
  }
}

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::Join" || !list_arg(ctx, kInfo, c, 2, 2)) return;
    string_or_call(ctx, kInfo, c, c.arg.items[0], {});
    check_values(ctx, c, c.arg.items[1]);
  });
}

}  // namespace

extern const Rule kE1022{kInfo, check};

}  // namespace sls::validate::defs

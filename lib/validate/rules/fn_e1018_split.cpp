// E1018: Fn::Split takes [delimiter, source]: a literal delimiter and a string (or a function
// returning one).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1018", Severity::kError, "Split validation of parameters",
                         "Fn::Split has a literal delimiter and a string to split.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-split.html"};

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::Split" || !list_arg(ctx, kInfo, c, 2, 2)) return;
    string_or_call(ctx, kInfo, c, c.arg.items[0], {});
    string_or_call(ctx, kInfo, c, c.arg.items[1],
                   {"Fn::Base64", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs", "Fn::If",
                    "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Sub", "Ref"});
  });
}

}  // namespace

extern const Rule kE1018{kInfo, check};

}  // namespace sls::validate::defs

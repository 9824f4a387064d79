// E1015: Fn::GetAZs takes a region name: a string (empty for the stack's region) or a
// function returning one.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1015", Severity::kError, "GetAz validation of parameters",
                         "Fn::GetAZs has a region name as a string.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-getavailabilityzones.html"};

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::GetAZs" || c.arg.is_null()) return;  // null reads as "" (this region)
    string_or_call(ctx, kInfo, c, c.arg,
                   {"Fn::GetAtt", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Sub", "Ref"});
  });
}

}  // namespace

extern const Rule kE1015{kInfo, check};

}  // namespace sls::validate::defs

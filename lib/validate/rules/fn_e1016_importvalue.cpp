// E1016: Fn::ImportValue takes an export name: a string or a function building one (not
// Fn::GetAtt: an import cannot depend on a resource of the same stack).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1016", Severity::kError, "ImportValue validation of parameters",
                         "Fn::ImportValue has an export name as a string.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-importvalue.html"};

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::ImportValue") return;
    string_or_call(
        ctx, kInfo, c, c.arg,
        {"Fn::Base64", "Fn::FindInMap", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Sub", "Ref"});
  });
}

}  // namespace

extern const Rule kE1016{kInfo, check};

}  // namespace sls::validate::defs

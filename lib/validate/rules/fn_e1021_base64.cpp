// E1021: Fn::Base64 encodes a string (or what a function returns), never a list or a map.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1021", Severity::kError, "Base64 validation of parameters",
                         "Fn::Base64 has a string to encode.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-base64.html"};

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::Base64") return;
    string_or_call(ctx, kInfo, c, c.arg,
                   {"Fn::Base64", "Fn::Cidr", "Fn::Contains", "Fn::FindInMap", "Fn::GetAtt",
                    "Fn::GetStackOutput", "Fn::If", "Fn::ImportValue", "Fn::Join", "Fn::Length",
                    "Fn::Select", "Fn::Sub", "Fn::ToJsonString", "Fn::Transform", "Ref"});
  });
}

}  // namespace

extern const Rule kE1021{kInfo, check};

}  // namespace sls::validate::defs

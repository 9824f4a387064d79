// E1024: Fn::Cidr takes [ipBlock, count, cidrBits]: a CIDR block, 1..256 subnets and 1..128
// subnet bits (each literal or from a function).
#include <regex>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1024", Severity::kError, "Cidr validation of parameters",
                         "Fn::Cidr has an address block, a subnet count and a subnet size.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-cidr.html"};

// An IPv4 CIDR block, as cfn-lint's schema writes it (its message prints the pattern).
constexpr std::string_view kIpBlock =
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|"
    "2[0-4][0-9]|25[0-5])(\\/([0-9]|[1-2][0-9]|3[0-2]))$";

// Fn::Cidr's subnet count and subnet bits ranges (the function's documented limits).
constexpr int64_t kMaxCount = 256;
constexpr int64_t kMaxBits = 128;

const std::initializer_list<std::string_view> kFunctions{
    "Fn::FindInMap", "Fn::GetAtt", "Fn::If", "Fn::ImportValue", "Fn::Select", "Fn::Sub", "Ref"};

void check_block(const Context& ctx, const Call& c, const tmpl::Node& block) {
  if (!string_or_call(ctx, kInfo, c, block, kFunctions) || !block.is_scalar()) return;
  static const std::regex kPattern{std::string(kIpBlock)};
  if (std::regex_match(block.scalar, kPattern)) return;
  report_at(ctx, kInfo, c, block,
            py_repr(block) + " does not match " + py_str(std::string(kIpBlock)));
}

void check_number(const Context& ctx, const Call& c, const tmpl::Node& n, int64_t max) {
  if (is_call_to(n, kFunctions)) return;
  const std::optional<int64_t> v = n.as_int();
  if (!v || n.plain_is_bool()) {
    report_at(ctx, kInfo, c, n, not_of_type(n, "'integer'"));
  } else if (*v < 1) {
    report_at(ctx, kInfo, c, n, py_repr(n) + " is less than the minimum of 1");
  } else if (*v > max) {
    report_at(ctx, kInfo, c, n,
              py_repr(n) + " is greater than the maximum of " + std::to_string(max));
  }
}

void check(const Context& ctx) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn != "Fn::Cidr" || !list_arg(ctx, kInfo, c, 2, 3)) return;
    check_block(ctx, c, c.arg.items[0]);
    check_number(ctx, c, c.arg.items[1], kMaxCount);
    if (c.arg.items.size() > 2) check_number(ctx, c, c.arg.items[2], kMaxBits);
  });
}

}  // namespace

extern const Rule kE1024{kInfo, check};

}  // namespace sls::validate::defs

// E8003..E8007: the condition functions' shapes. Fn::Equals compares two strings; Fn::And and
// Fn::Or combine 2..10 conditions; Fn::Not negates one; Condition names a defined condition.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kConditionsDoc =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "intrinsic-function-reference-conditions.html";

constexpr RuleInfo kEquals{"E8003", Severity::kError, "Check Fn::Equals structure for validity",
                           "Fn::Equals compares two strings.", kConditionsDoc};
constexpr RuleInfo kAnd{"E8004", Severity::kError, "Check Fn::And structure for validity",
                        "Fn::And combines 2 to 10 conditions.", kConditionsDoc};
constexpr RuleInfo kNot{"E8005", Severity::kError, "Check Fn::Not structure for validity",
                        "Fn::Not negates one condition.", kConditionsDoc};
constexpr RuleInfo kOr{"E8006", Severity::kError, "Check Fn::Or structure for validity",
                       "Fn::Or combines 2 to 10 conditions.", kConditionsDoc};
constexpr RuleInfo kCondition{"E8007", Severity::kError, "Check Condition structure for validity",
                              "Condition names another condition.", kConditionsDoc};

// Fn::And and Fn::Or take at most this many conditions (CloudFormation's limit).
constexpr size_t kMaxConditions = 10;

const std::initializer_list<std::string_view> kBooleanFunctions{"Condition", "Fn::Equals",
                                                                "Fn::Not", "Fn::And", "Fn::Or"};

void check_booleans(const Context& ctx, const RuleInfo& info, const Call& c, size_t min,
                    size_t max) {
  if (!list_arg(ctx, info, c, min, max)) return;
  for (const tmpl::Node& n : c.arg.items) {
    if (n.plain_is_bool() || is_call_to(n, kBooleanFunctions)) continue;
    report_at(ctx, info, c, n, not_of_type(n, "'boolean'"));
  }
}

void check_equals(const Context& ctx, const Call& c) {
  if (!list_arg(ctx, kEquals, c, 2, 2)) return;
  for (const tmpl::Node& n : c.arg.items) {
    string_or_call(ctx, kEquals, c, n,
                   {"Ref", "Fn::FindInMap", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split",
                    "Fn::Length", "Fn::ToJsonString"});
  }
}

void check_condition(const Context& ctx, const Names& names, const Call& c) {
  if (!c.arg.is_scalar()) {
    report_at(ctx, kCondition, c, c.arg, not_of_type(c.arg, "'string'"));
    return;
  }
  if (names.is_condition(c.arg.scalar)) return;
  report_at(ctx, kCondition, c, c.arg, not_one_of(c.arg.scalar, names.condition_names()));
}

// Calls fn for each call to `name` inside the Conditions section.
void for_each_in_conditions(const Context& ctx, std::string_view name,
                            const std::function<void(const Call&)>& fn) {
  if (!plain_functions(ctx)) return;
  for_each_call(ctx, [&](const Call& c) {
    if (c.section == Section::kConditions && c.fn == name) fn(c);
  });
}

void check_e8003(const Context& ctx) {
  for_each_in_conditions(ctx, "Fn::Equals", [&](const Call& c) { check_equals(ctx, c); });
}

void check_e8004(const Context& ctx) {
  for_each_in_conditions(ctx, "Fn::And",
                         [&](const Call& c) { check_booleans(ctx, kAnd, c, 2, kMaxConditions); });
}

void check_e8005(const Context& ctx) {
  for_each_in_conditions(ctx, "Fn::Not",
                         [&](const Call& c) { check_booleans(ctx, kNot, c, 1, 1); });
}

void check_e8006(const Context& ctx) {
  for_each_in_conditions(ctx, "Fn::Or",
                         [&](const Call& c) { check_booleans(ctx, kOr, c, 2, kMaxConditions); });
}

void check_e8007(const Context& ctx) {
  const Names names(ctx);
  for_each_in_conditions(ctx, "Condition", [&](const Call& c) { check_condition(ctx, names, c); });
}

}  // namespace

extern const Rule kE8003{kEquals, check_e8003};
extern const Rule kE8004{kAnd, check_e8004};
extern const Rule kE8005{kNot, check_e8005};
extern const Rule kE8006{kOr, check_e8006};
extern const Rule kE8007{kCondition, check_e8007};

}  // namespace sls::validate::defs

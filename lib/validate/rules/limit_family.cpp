// The limit rule family (spec/limits.md): AWS service limits, runtime lifecycle and schedule
// expressions. The generic bound rules (E3031-E3034) are defined here: each runs the rows and
// checks every topic file contributes. Own ids sit in 3900-3949, a range cfn-lint does not use.
#include "validate/rules/families.h"
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

constexpr std::string_view kLimitsSource = "spec/limits.md";

const RuleInfo kPatternInfo{"E3031", Severity::kError, "Values match the pattern AWS requires",
                            "Names and values match the pattern the AWS API requires (Lambda "
                            "handlers, function, table, stage, queue, rule names...).",
                            kLimitsSource};
const RuleInfo kArrayLengthInfo{
    "E3032", Severity::kError, "Lists and maps within their size limits",
    "Lists and maps hold no more items than AWS allows (layers, tags, key schemas, indexes, "
    "stage variables...).",
    kLimitsSource};
const RuleInfo kLengthInfo{"E3033", Severity::kError, "Strings within their length limits",
                           "Strings are within the lengths AWS allows (handlers, descriptions, "
                           "names, tags, stage variables...).",
                           kLimitsSource};
const RuleInfo kRangeInfo{"E3034", Severity::kError, "Numbers within their AWS range",
                          "Numbers are within the bounds AWS allows (Lambda memory, timeout, "
                          "/tmp, concurrency; SQS queue settings and batch sizes; API "
                          "integration timeouts; Scheduler settings...).",
                          kLimitsSource};

namespace {

constexpr Bound kPatterns[] = {Bound::kPattern};
constexpr Bound kLengths[] = {Bound::kMinLength, Bound::kMaxLength, Bound::kMaxBytes};
constexpr Bound kRanges[] = {Bound::kMinValue, Bound::kMaxValue};

void check_patterns(const Context& ctx) { check_value_rules(ctx, kPatternInfo, kPatterns); }
void check_lengths(const Context& ctx) { check_value_rules(ctx, kLengthInfo, kLengths); }
void check_ranges(const Context& ctx) { check_value_rules(ctx, kRangeInfo, kRanges); }
void check_counts(const Context& ctx) {
  lambda_counts(ctx, kArrayLengthInfo);
  dynamodb_counts(ctx, kArrayLengthInfo);
  apigw_counts(ctx, kArrayLengthInfo);
}

const Rule kE3031{kPatternInfo, check_patterns};
const Rule kE3032{kArrayLengthInfo, check_counts};
const Rule kE3033{kLengthInfo, check_lengths};
const Rule kE3034{kRangeInfo, check_ranges};

}  // namespace

// The rules of the family's files, in id order.
extern const Rule kE1002, kE1003, kE2010, kE2531, kE2533, kE3010, kE3027, kE3039, kE3501, kE3505,
    kE3638, kE3639, kE3663, kE3697, kE3705, kE3900, kE3910, kE3911, kE3931, kE3940, kE6010, kE7010,
    kI3903, kW2531, kW3901, kW3902, kW3920, kW3921, kW3930;

void append_limit_rules(std::vector<const Rule*>& out) {
  for (const Rule* r :
       {&kE1002, &kE1003, &kE2010, &kE2531, &kE2533, &kE3010, &kE3027, &kE3031, &kE3032,
        &kE3033, &kE3034, &kE3039, &kE3501, &kE3505, &kE3638, &kE3639, &kE3663, &kE3697,
        &kE3705, &kE3900, &kE3910, &kE3911, &kE3931, &kE3940, &kE6010, &kE7010, &kI3903,
        &kW2531, &kW3901, &kW3902, &kW3920, &kW3921, &kW3930}) {
    out.push_back(r);
  }
}

}  // namespace sls::validate::defs

// EventBridge rule and Scheduler schedule bounds (spec/limits.md §8 "Names and options") as rows
// for the generic rules, on the resources and on SAM's Schedule / ScheduleV2 /
// EventBridgeRule events.
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kRule[] = {"AWS::Events::Rule"};
constexpr std::string_view kSchedule[] = {"AWS::Scheduler::Schedule"};
constexpr std::string_view kScheduleEvent[] = {"Schedule"};
constexpr std::string_view kRuleEvents[] = {"CloudWatchEvent", "EventBridgeRule"};
constexpr std::string_view kInputEvents[] = {"Schedule", "CloudWatchEvent", "EventBridgeRule"};
constexpr std::string_view kScheduleV2Event[] = {"ScheduleV2"};

// Rule names are [\.\-_A-Za-z0-9]+ and schedule names [0-9a-zA-Z-_.]+: the same characters.
constexpr std::string_view kRuleNamePattern = "[\\.\\-_A-Za-z0-9]+";
constexpr std::string_view kScheduleNamePattern = "[0-9a-zA-Z-_.]+";

bool name_chars(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

constexpr ValueRule res(std::span<const std::string_view> types, std::string_view path, Bound b,
                        const limits::Limit* limit, std::string_view field) {
  return ValueRule{.types = types, .path = path, .bound = b, .limit = limit, .field = field};
}
constexpr ValueRule ev(std::span<const std::string_view> events, std::string_view path, Bound b,
                       const limits::Limit* limit, std::string_view field) {
  return ValueRule{.types = kSamEventSourceTypes,
                   .events = events,
                   .path = path,
                   .bound = b,
                   .limit = limit,
                   .field = field};
}
constexpr ValueRule name_pattern(std::span<const std::string_view> types,
                                 std::span<const std::string_view> events, std::string_view path,
                                 std::string_view pattern) {
  return ValueRule{.types = types,
                   .events = events,
                   .path = path,
                   .bound = Bound::kPattern,
                   .field = "name",
                   .matches = name_chars,
                   .pattern = pattern};
}

constexpr std::array kRows{
    // EventBridge rules.
    res(kRule, "Name", Bound::kMaxLength, &limits::kEventRuleNameMaxChars, "name"),
    name_pattern(kRule, {}, "Name", kRuleNamePattern),
    res(kRule, "Description", Bound::kMaxLength, &limits::kEventRuleDescriptionMaxChars,
        "description"),
    res(kRule, "Targets/*/Input", Bound::kMaxLength, &limits::kEventTargetInputMaxChars, "input"),
    ev(kScheduleEvent, "Name", Bound::kMaxLength, &limits::kEventRuleNameMaxChars, "name"),
    name_pattern(kSamEventSourceTypes, kScheduleEvent, "Name", kRuleNamePattern),
    ev(kScheduleEvent, "Description", Bound::kMaxLength, &limits::kEventRuleDescriptionMaxChars,
       "description"),
    ev(kRuleEvents, "RuleName", Bound::kMaxLength, &limits::kEventRuleNameMaxChars, "name"),
    name_pattern(kSamEventSourceTypes, kRuleEvents, "RuleName", kRuleNamePattern),
    ev(kInputEvents, "Input", Bound::kMaxLength, &limits::kEventTargetInputMaxChars, "input"),
    // EventBridge Scheduler schedules.
    res(kSchedule, "Name", Bound::kMaxLength, &limits::kSchedulerNameMaxChars, "name"),
    name_pattern(kSchedule, {}, "Name", kScheduleNamePattern),
    res(kSchedule, "GroupName", Bound::kMaxLength, &limits::kSchedulerNameMaxChars, "groupName"),
    res(kSchedule, "ScheduleExpressionTimezone", Bound::kMaxLength,
        &limits::kSchedulerTimezoneMaxChars, "scheduleExpressionTimezone"),
    res(kSchedule, "FlexibleTimeWindow/MaximumWindowInMinutes", Bound::kMinValue,
        &limits::kSchedulerWindowMinMinutes, "maximumWindowInMinutes"),
    res(kSchedule, "FlexibleTimeWindow/MaximumWindowInMinutes", Bound::kMaxValue,
        &limits::kSchedulerWindowMaxMinutes, "maximumWindowInMinutes"),
    res(kSchedule, "Target/RetryPolicy/MaximumRetryAttempts", Bound::kMinValue,
        &limits::kSchedulerRetriesMin, "maximumRetryAttempts"),
    res(kSchedule, "Target/RetryPolicy/MaximumRetryAttempts", Bound::kMaxValue,
        &limits::kSchedulerRetriesMax, "maximumRetryAttempts"),
    res(kSchedule, "Target/RetryPolicy/MaximumEventAgeInSeconds", Bound::kMinValue,
        &limits::kSchedulerEventAgeMinS, "maximumEventAgeInSeconds"),
    res(kSchedule, "Target/RetryPolicy/MaximumEventAgeInSeconds", Bound::kMaxValue,
        &limits::kSchedulerEventAgeMaxS, "maximumEventAgeInSeconds"),
    ev(kScheduleV2Event, "Name", Bound::kMaxLength, &limits::kSchedulerNameMaxChars, "name"),
    name_pattern(kSamEventSourceTypes, kScheduleV2Event, "Name", kScheduleNamePattern),
    ev(kScheduleV2Event, "GroupName", Bound::kMaxLength, &limits::kSchedulerNameMaxChars,
       "groupName"),
    ev(kScheduleV2Event, "ScheduleExpressionTimezone", Bound::kMaxLength,
       &limits::kSchedulerTimezoneMaxChars, "scheduleExpressionTimezone"),
    ev(kScheduleV2Event, "FlexibleTimeWindow/MaximumWindowInMinutes", Bound::kMinValue,
       &limits::kSchedulerWindowMinMinutes, "maximumWindowInMinutes"),
    ev(kScheduleV2Event, "FlexibleTimeWindow/MaximumWindowInMinutes", Bound::kMaxValue,
       &limits::kSchedulerWindowMaxMinutes, "maximumWindowInMinutes"),
    ev(kScheduleV2Event, "RetryPolicy/MaximumRetryAttempts", Bound::kMinValue,
       &limits::kSchedulerRetriesMin, "maximumRetryAttempts"),
    ev(kScheduleV2Event, "RetryPolicy/MaximumRetryAttempts", Bound::kMaxValue,
       &limits::kSchedulerRetriesMax, "maximumRetryAttempts"),
    ev(kScheduleV2Event, "RetryPolicy/MaximumEventAgeInSeconds", Bound::kMinValue,
       &limits::kSchedulerEventAgeMinS, "maximumEventAgeInSeconds"),
    ev(kScheduleV2Event, "RetryPolicy/MaximumEventAgeInSeconds", Bound::kMaxValue,
       &limits::kSchedulerEventAgeMaxS, "maximumEventAgeInSeconds"),
};

}  // namespace

std::span<const ValueRule> schedule_value_rules() { return kRows; }

}  // namespace sls::validate::defs

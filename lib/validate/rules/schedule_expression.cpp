// E3027: schedule expressions are rate(...), cron(...) or, for EventBridge Scheduler, at(...),
// each of the shape EventBridge accepts (spec/limits.md §8 "Schedule expressions").
#include <array>
#include <cctype>
#include <charconv>
#include <vector>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3027", Severity::kError, "Schedule expressions EventBridge accepts",
    "rate(<value> <unit>) with a singular unit for 1 and a plural one above; cron() with six "
    "fields in their ranges and exactly one of day-of-month and day-of-week '?'; at() for "
    "one-time EventBridge Scheduler schedules.",
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html"};

constexpr std::array<std::string_view, 12> kMonths{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDays{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

struct CronField {
  std::string_view name;
  int64_t min;
  int64_t max;
  std::string_view wildcards;               // of ", - * ? / L W #" the ones this field allows
  std::span<const std::string_view> names;  // JAN..DEC / SUN..SAT, numbered from min
};

const std::array<CronField, 6>& cron_fields() {
  static const std::array<CronField, 6> kFields{
      CronField{"minutes", 0, limits::kCronMinuteMax.value, ",-*/", {}},
      CronField{"hours", 0, limits::kCronHourMax.value, ",-*/", {}},
      CronField{"day-of-month", 1, limits::kCronDayOfMonthMax.value, ",-*?/LW", {}},
      CronField{"month", 1, limits::kCronMonthMax.value, ",-*/", kMonths},
      CronField{"day-of-week", 1, limits::kCronDayOfWeekMax.value, ",-*?L#", kDays},
      CronField{"year", limits::kCronYearMin.value, limits::kCronYearMax.value, ",-*/", {}},
  };
  return kFields;
}

std::optional<int64_t> whole(std::string_view s) {
  int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || s[0] == '-') {
    return std::nullopt;
  }
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::string range_text(const CronField& f) {
  return std::to_string(f.min) + "-" + std::to_string(f.max);
}

// A single value of the field (a number in range, or a name); "" when fine.
std::string value_problem(const CronField& f, std::string_view v) {
  for (size_t i = 0; i < f.names.size(); ++i) {
    if (iequals(v, f.names[i])) return {};
  }
  const std::optional<int64_t> n = whole(v);
  if (!n) return "'" + std::string(v) + "' is not a value of the " + std::string(f.name) + " field";
  if (*n < f.min || *n > f.max) {
    return "the " + std::string(f.name) + " field allows " + range_text(f) + ", not " +
           std::string(v);
  }
  return {};
}

bool allows(const CronField& f, char wildcard) {
  return f.wildcards.find(wildcard) != std::string_view::npos;
}

std::string not_allowed(const CronField& f, char wildcard) {
  return "the " + std::string(f.name) + " field does not allow '" + std::string(1, wildcard) + "'";
}

// One comma-separated item of a field: *, a value, a range, each with an optional /step,
// or the field's L / W forms.
std::string item_problem(const CronField& f, std::string_view item) {
  if (allows(f, 'W') && (item == "L" || item == "LW")) return {};
  if (allows(f, 'W') && item.size() > 1 && item.back() == 'W') {
    return value_problem(f, item.substr(0, item.size() - 1));
  }
  if (allows(f, '#')) {  // day-of-week: L or <day>L
    if (item == "L") return {};
    if (item.size() > 1 && item.back() == 'L')
      return value_problem(f, item.substr(0, item.size() - 1));
  }
  std::string_view base = item;
  if (const size_t slash = item.find('/'); slash != std::string_view::npos) {
    if (!allows(f, '/')) return not_allowed(f, '/');
    const std::optional<int64_t> step = whole(item.substr(slash + 1));
    if (!step || *step < 1) {
      return "the step in '" + std::string(item) + "' must be a whole number of at least 1";
    }
    base = item.substr(0, slash);
  }
  if (base == "*") return {};
  const size_t dash = base.find('-');
  if (dash == std::string_view::npos) return value_problem(f, base);
  std::string p = value_problem(f, base.substr(0, dash));
  return p.empty() ? value_problem(f, base.substr(dash + 1)) : p;
}

std::string field_problem(const CronField& f, std::string_view text) {
  if (text.empty()) return "the " + std::string(f.name) + " field is empty";
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) continue;  // values, names, L and W
    if (std::string_view(",-*?/#").find(c) == std::string_view::npos) {
      return "'" + std::string(1, c) + "' is not valid in the " + std::string(f.name) + " field";
    }
    if (!allows(f, c)) return not_allowed(f, c);
  }
  if (text == "?") return allows(f, '?') ? std::string{} : not_allowed(f, '?');
  if (text.find('?') != std::string_view::npos) return "'?' must stand alone in its field";
  if (const size_t hash = text.find('#'); hash != std::string_view::npos) {
    if (!allows(f, '#')) return not_allowed(f, '#');
    const std::optional<int64_t> nth = whole(text.substr(hash + 1));
    if (text.find(',') != std::string_view::npos || !nth || *nth < 1 ||
        *nth > limits::kCronNthWeekdayMax.value) {
      return "'" + std::string(text) + "' must be one <day>#<1-" +
             std::to_string(limits::kCronNthWeekdayMax.value) + "> expression alone";
    }
    return value_problem(f, text.substr(0, hash));
  }
  for (const std::string_view item : split(text, ',')) {
    if (item.empty()) return "the " + std::string(f.name) + " field has an empty list item";
    std::string p = item_problem(f, item);
    if (!p.empty()) return p;
  }
  return {};
}

std::string cron_problem(std::string_view body) {
  std::vector<std::string_view> fields;
  for (const std::string_view part : split(body, ' ')) {
    if (!part.empty()) fields.push_back(part);  // EventBridge tolerates repeated spaces
  }
  if (fields.size() != static_cast<size_t>(limits::kCronFieldCount.value)) {
    return "cron() needs 6 fields (minutes hours day-of-month month day-of-week year), not " +
           std::to_string(fields.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string p = field_problem(cron_fields()[i], fields[i]);
    if (!p.empty()) return p;
  }
  const bool dom_any = fields[2] == "?";
  const bool dow_any = fields[4] == "?";
  if (dom_any && dow_any) return "day-of-month and day-of-week cannot both be '?'";
  if (!dom_any && !dow_any) return "one of day-of-month and day-of-week must be '?'";
  return {};
}

// EventBridge rules want the unit's number to agree with the value; EventBridge Scheduler
// takes either form (deployed templates use rate(5 minute) and rate(1 minutes) there).
std::string rate_problem(std::string_view body, bool scheduler) {
  const std::vector<std::string_view> parts = split(body, ' ');
  if (parts.size() != 2) return "rate() takes a value and a unit, as in rate(5 minutes)";
  const std::optional<int64_t> value = whole(parts[0]);
  if (!value) return "the rate value '" + std::string(parts[0]) + "' is not a whole number";
  if (*value < limits::kScheduleRateMin.value) return "the rate value must be at least 1";
  const std::string_view unit = parts[1];
  const bool singular = unit == "minute" || unit == "hour" || unit == "day";
  const bool plural = unit == "minutes" || unit == "hours" || unit == "days";
  if (!singular && !plural) {
    return "the rate unit must be minute(s), hour(s) or day(s), not '" + std::string(unit) + "'";
  }
  if (scheduler) return {};
  if (*value == 1 && !singular) return "a rate of 1 takes a singular unit (minute, hour, day)";
  if (*value > 1 && !plural) return "a rate above 1 takes a plural unit (minutes, hours, days)";
  return {};
}

// at(yyyy-mm-ddThh:mm:ss)
std::string at_problem(std::string_view body) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  bool shaped = body.size() == kShape.size();
  for (size_t i = 0; shaped && i < body.size(); ++i) {
    shaped = kShape[i] == 'd' ? std::isdigit(static_cast<unsigned char>(body[i])) != 0
                              : body[i] == kShape[i];
  }
  if (!shaped) return "at() takes a date and time as yyyy-mm-ddThh:mm:ss";
  const auto num = [&](size_t at, size_t n) { return *whole(body.substr(at, n)); };
  const bool in_range =
      num(5, 2) >= 1 && num(5, 2) <= limits::kCronMonthMax.value && num(8, 2) >= 1 &&
      num(8, 2) <= limits::kCronDayOfMonthMax.value && num(11, 2) <= limits::kCronHourMax.value &&
      num(14, 2) <= limits::kCronMinuteMax.value && num(17, 2) <= limits::kCronMinuteMax.value;
  return in_range ? std::string{} : "at() holds a date or time that does not exist";
}

// Why `expr` is not a schedule expression, or "" when it is one.
std::string schedule_problem(std::string_view expr, bool scheduler) {
  if (static_cast<int64_t>(char_count(expr)) > limits::kScheduleExpressionMaxChars.value) {
    return "it is longer than " + std::to_string(limits::kScheduleExpressionMaxChars.value) +
           " characters";
  }
  const size_t open = expr.find('(');
  if (open == std::string_view::npos || expr.back() != ')') {
    return scheduler ? "it must be rate(...), cron(...) or at(...)"
                     : "it must be rate(...) or cron(...)";
  }
  const std::string_view kind = expr.substr(0, open);
  const std::string_view body = expr.substr(open + 1, expr.size() - open - 2);
  if (kind == "rate") return rate_problem(body, scheduler);
  if (kind == "cron") return cron_problem(body);
  if (kind == "at" && scheduler) return at_problem(body);
  return scheduler ? "it must be rate(...), cron(...) or at(...)"
                   : "it must be rate(...) or cron(...)";
}

void check_value(const Context& ctx, const tmpl::Resource& r, const std::string& sub,
                 const tmpl::Node* n, bool scheduler) {
  const std::optional<std::string> expr = n ? known_string(ctx, *n) : std::nullopt;
  if (!expr) return;
  const std::string problem = expr->empty() ? "it is empty" : schedule_problem(*expr, scheduler);
  if (problem.empty()) return;
  report_at(ctx, kInfo, r, sub, *n, "Schedule expression '" + *expr + "' is not valid: " + problem);
}

constexpr std::string_view kRule[] = {"AWS::Events::Rule"};
constexpr std::string_view kSchedule[] = {"AWS::Scheduler::Schedule"};
constexpr std::string_view kScheduleEvent[] = {"Schedule"};
constexpr std::string_view kScheduleV2Event[] = {"ScheduleV2"};

void check(const Context& ctx) {
  for_each_of(ctx, kRule, [&](const tmpl::Resource& r) {
    check_value(ctx, r, "ScheduleExpression", r.properties.get("ScheduleExpression"), false);
  });
  for_each_of(ctx, kSchedule, [&](const tmpl::Resource& r) {
    check_value(ctx, r, "ScheduleExpression", r.properties.get("ScheduleExpression"), true);
  });
  for_each_of(ctx, kSamEventSourceTypes, [&](const tmpl::Resource& r) {
    for_each_event(r, kScheduleEvent, [&](const SamEvent& ev) {
      check_value(ctx, r, ev.sub + "/Schedule", ev.properties->get("Schedule"), false);
    });
    for_each_event(r, kScheduleV2Event, [&](const SamEvent& ev) {
      check_value(ctx, r, ev.sub + "/ScheduleExpression", ev.properties->get("ScheduleExpression"),
                  true);
    });
  });
}

}  // namespace

extern const Rule kE3027{kInfo, check};

}  // namespace sls::validate::defs

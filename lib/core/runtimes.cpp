// Lambda runtime lifecycle table (spec/limits.md §3, dates UTC and inclusive). Where §3 gives
// only an upper bound ("≤ 2023-03-31" for the oldest runtimes) the exact day is the one in
// cfn-lint's LmbdRuntimeLifecycle.json of 2026-06-02, the source §3 itself cites.
#include "core/runtimes.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sls::runtimes {

namespace {

constexpr std::string_view kNode = "nodejs24.x";
constexpr std::string_view kPython = "python3.14";
constexpr std::string_view kJava = "java25";
constexpr std::string_view kDotnet = "dotnet10";
constexpr std::string_view kRuby = "ruby4.0";
constexpr std::string_view kProvided = "provided.al2023";

constexpr Runtime kRuntimes[] = {
    {"nodejs26.x", Family::kNode, 0, 0, 0, true, kNode},
    {"nodejs24.x", Family::kNode, 20280430, 20280601, 20280701, false, kNode},
    {"nodejs22.x", Family::kNode, 20270430, 20270601, 20270701, false, kNode},
    {"nodejs20.x", Family::kNode, 20260430, 20270201, 20270303, false, kNode},
    {"nodejs18.x", Family::kNode, 20250901, 20270201, 20270303, false, kNode},
    {"nodejs16.x", Family::kNode, 20240612, 20270201, 20270303, false, kNode},
    {"nodejs14.x", Family::kNode, 20231204, 20240109, 20270303, false, kNode},
    {"nodejs12.x", Family::kNode, 20230331, 20230331, 20230430, false, kNode},
    {"nodejs10.x", Family::kNode, 20210730, 20210730, 20220214, false, kNode},
    {"nodejs8.10", Family::kNode, 20200306, 20200204, 20200306, false, kNode},
    {"nodejs6.10", Family::kNode, 20190812, 20190712, 20190812, false, kNode},
    {"nodejs4.3", Family::kNode, 20200305, 20200203, 20200305, false, kNode},
    {"nodejs4.3-edge", Family::kNode, 20200305, 20190331, 20190430, false, kNode},
    {"nodejs", Family::kNode, 20160830, 20160930, 20161031, false, kNode},
    {"python3.15", Family::kPython, 0, 0, 0, true, kPython},
    {"python3.14", Family::kPython, 20290630, 20290731, 20290831, false, kPython},
    {"python3.13", Family::kPython, 20290630, 20290731, 20290831, false, kPython},
    {"python3.12", Family::kPython, 20281031, 20281130, 20290110, false, kPython},
    {"python3.11", Family::kPython, 20270630, 20270731, 20270831, false, kPython},
    {"python3.10", Family::kPython, 20261031, 20270201, 20270303, false, kPython},
    {"python3.9", Family::kPython, 20251215, 20270201, 20270303, false, kPython},
    {"python3.8", Family::kPython, 20241014, 20270201, 20270303, false, kPython},
    {"python3.7", Family::kPython, 20231204, 20240109, 20270303, false, kPython},
    {"python3.6", Family::kPython, 20220718, 20220718, 20220829, false, kPython},
    {"python2.7", Family::kPython, 20210715, 20210715, 20220530, false, kPython},
    {"java25", Family::kJava, 20290630, 20290731, 20290831, false, kJava},
    {"java21", Family::kJava, 20290630, 20290731, 20290831, false, kJava},
    {"java17", Family::kJava, 20270630, 20270731, 20270831, false, kJava},
    {"java11", Family::kJava, 20270630, 20270731, 20270831, false, kJava},
    {"java8.al2", Family::kJava, 20270630, 20270731, 20270831, false, kJava},
    {"java17.al2023", Family::kJava, 20290630, 0, 20290831, false, kJava},
    {"java11.al2023", Family::kJava, 20290630, 0, 20290831, false, kJava},
    {"java8.al2023", Family::kJava, 20290630, 0, 20290831, false, kJava},
    {"java8", Family::kJava, 20240108, 20240208, 20270303, false, kJava},
    {"dotnet10", Family::kDotnet, 20281114, 20281214, 20290115, false, kDotnet},
    {"dotnet9", Family::kDotnet, 20261110, 0, 0, false, kDotnet},
    {"dotnet8", Family::kDotnet, 20261110, 20270201, 20270303, false, kDotnet},
    {"dotnet6", Family::kDotnet, 20241220, 20270201, 20270303, false, kDotnet},
    {"dotnetcore3.1", Family::kDotnet, 20230403, 20230403, 20230503, false, kDotnet},
    {"dotnetcore2.1", Family::kDotnet, 20220105, 20220105, 20220413, false, kDotnet},
    {"dotnetcore2.0", Family::kDotnet, 20190530, 20190430, 20190530, false, kDotnet},
    {"dotnetcore1.0", Family::kDotnet, 20190627, 20190630, 20190730, false, kDotnet},
    {"ruby4.0", Family::kRuby, 20290331, 20290430, 20290531, false, kRuby},
    {"ruby3.4", Family::kRuby, 20280331, 20280430, 20280531, false, kRuby},
    {"ruby3.3", Family::kRuby, 20270331, 20270430, 20270531, false, kRuby},
    {"ruby3.2", Family::kRuby, 20260331, 20270201, 20270303, false, kRuby},
    {"ruby2.7", Family::kRuby, 20231207, 20240109, 20270303, false, kRuby},
    {"ruby2.5", Family::kRuby, 20210730, 20210730, 20220331, false, kRuby},
    {"provided.al2023", Family::kProvided, 20290630, 20290731, 20290831, false, kProvided},
    {"provided.al2", Family::kProvided, 20260731, 20270201, 20270303, false, kProvided},
    {"provided", Family::kProvided, 20240108, 20240208, 20270303, false, kProvided},
    {"go1.x", Family::kGo, 20240108, 20240208, 20270303, false, kProvided},
};

}  // namespace

std::span<const Runtime> all() { return kRuntimes; }

Stage stage_on(const Runtime& r, Date day) {
  if (r.preview) return Stage::kPreview;
  // 0 = no date published, so that step never comes.
  const auto reached = [day](Date d) { return d != 0 && d <= day; };
  if (reached(r.block_update)) return Stage::kBlocked;
  if (reached(r.block_create)) return Stage::kCreateBlocked;
  if (reached(r.deprecated)) return Stage::kDeprecated;
  if (r.deprecated != 0 && r.deprecated <= add_days(day, kDeprecationNoticeDays)) {
    return Stage::kDeprecationSoon;
  }
  return Stage::kSupported;
}

std::optional<Runtime> find(std::string_view id) {
  for (const Runtime& r : kRuntimes) {
    if (r.id == id) return r;
  }
  return std::nullopt;
}

namespace {

std::chrono::year_month_day to_ymd(Date d) {
  return std::chrono::year_month_day{std::chrono::year{d / 10000},
                                     std::chrono::month{static_cast<unsigned>(d / 100 % 100)},
                                     std::chrono::day{static_cast<unsigned>(d % 100)}};
}

Date from_ymd(const std::chrono::year_month_day& ymd) {
  return static_cast<int>(ymd.year()) * 10000 + static_cast<int>(unsigned(ymd.month())) * 100 +
         static_cast<int>(unsigned(ymd.day()));
}

}  // namespace

Date add_days(Date d, int days) {
  const std::chrono::sys_days base{to_ymd(d)};
  return from_ymd(std::chrono::year_month_day{base + std::chrono::days{days}});
}

Date today() {
  if (const char* env = std::getenv("SLS_TODAY"); env && std::strlen(env) == 10) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(env, "%4d-%2d-%2d", &y, &m, &d) == 3) return y * 10000 + m * 100 + d;
  }
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return from_ymd(std::chrono::year_month_day{now});
}

std::string format_date(Date d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", (d / 10000) % 10000, (d / 100) % 100, d % 100);
  return out;
}

}  // namespace sls::runtimes

// utc_time: the calendar fields of a moment in UTC, as gmtime_r gives them.
#include <cstdint>
#include <ctime>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "core/utc.h"

namespace {

std::string fields(const sls::UtcTime& t) {
  return std::to_string(t.year) + "-" + std::to_string(t.month) + "-" + std::to_string(t.day) +
         " " + std::to_string(t.hour) + ":" + std::to_string(t.minute) + ":" +
         std::to_string(t.second) + " w" + std::to_string(t.weekday);
}

std::string libc_fields(int64_t s) {
  const auto t = static_cast<std::time_t>(s);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  return fields(sls::UtcTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                             tm.tm_sec, tm.tm_wday});
}

}  // namespace

TEST_CASE("utc_time_of_seconds gives the date, time and weekday") {
  CHECK(fields(sls::utc_time_of_seconds(0)) == "1970-1-1 0:0:0 w4");
  CHECK(fields(sls::utc_time_of_seconds(1700000000)) == "2023-11-14 22:13:20 w2");
  CHECK(fields(sls::utc_time_of_seconds(951782400)) == "2000-2-29 0:0:0 w2");  // a leap day
  CHECK(fields(sls::utc_time_of_seconds(-1)) == "1969-12-31 23:59:59 w3");
  CHECK(fields(sls::utc_time_of_seconds(4107542399)) == "2100-2-28 23:59:59 w0");  // no Feb 29
}

TEST_CASE("utc_time_of_seconds agrees with gmtime_r from 1900 to 2400") {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> any(-2208988800LL, 13569465600LL);
  for (int i = 0; i < 20000; ++i) {
    const int64_t s = any(rng);
    INFO("seconds: " << s);
    REQUIRE(fields(sls::utc_time_of_seconds(s)) == libc_fields(s));
  }
}

TEST_CASE("utc_time takes a time_point, whole seconds down") {
  using namespace std::chrono;
  const system_clock::time_point at{milliseconds{1700000000999}};
  CHECK(fields(sls::utc_time(at)) == "2023-11-14 22:13:20 w2");
  const system_clock::time_point before{milliseconds{-1}};
  CHECK(fields(sls::utc_time(before)) == "1969-12-31 23:59:59 w3");
}

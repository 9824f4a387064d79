// The calendar fields of a moment in UTC, from the proleptic Gregorian calendar of <chrono>.
// Unlike gmtime_r, which glibc makes read the local time zone file (/etc/localtime) the first
// time it runs in a process, this reads nothing: the log stream name of a cold `sls invoke` is
// made before its runtime can start.
#pragma once

#include <chrono>
#include <cstdint>

namespace sls {

struct UtcTime {
  int year = 1970;
  int month = 1;    // 1-12
  int day = 1;      // 1-31
  int hour = 0;     // 0-23
  int minute = 0;   // 0-59
  int second = 0;   // 0-59
  int weekday = 4;  // 0 = Sunday; 1970-01-01 was a Thursday
};

UtcTime utc_time(std::chrono::system_clock::time_point when);
// The same for whole seconds since the epoch (negative before 1970).
UtcTime utc_time_of_seconds(int64_t epoch_seconds);

}  // namespace sls

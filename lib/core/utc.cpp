// UTC calendar fields without a time zone file (see utc.h).
#include "core/utc.h"

namespace sls {

UtcTime utc_time(std::chrono::system_clock::time_point when) {
  return utc_time_of_seconds(
      std::chrono::floor<std::chrono::seconds>(when).time_since_epoch().count());
}

UtcTime utc_time_of_seconds(int64_t epoch_seconds) {
  using namespace std::chrono;
  const sys_seconds at{seconds{epoch_seconds}};
  const sys_days day = floor<days>(at);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{at - day};
  UtcTime t;
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(hms.hours().count());
  t.minute = static_cast<int>(hms.minutes().count());
  t.second = static_cast<int>(hms.seconds().count());
  t.weekday = static_cast<int>(weekday{day}.c_encoding());
  return t;
}

}  // namespace sls

// The Lambda runtime identifiers and their lifecycle dates (spec/limits.md §3), one table.
// validate judges deprecation from it; runtime picks interpreters by family from it.
// Thread safety: constants only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sls::runtimes {

// A calendar date as yyyymmdd (20260430), so dates compare as integers. 0 = not published.
using Date = int;

enum class Family : unsigned char { kNode, kPython, kJava, kDotnet, kRuby, kProvided, kGo };

struct Runtime {
  std::string_view id;  // "python3.12"
  Family family;
  Date deprecated;             // no more patches from this day on
  Date block_create;           // CreateFunction rejected from this day on
  Date block_update;           // updates rejected from this day on
  bool preview = false;        // listed by the API but not for production
  std::string_view successor;  // the newest runtime of the family, for suggestions
};

// The runtime with this id, or nullopt when Lambda does not know it.
std::optional<Runtime> find(std::string_view id);

// Every runtime Lambda knows, newest family members first.
std::span<const Runtime> all();

// Where a runtime stands on a given day (spec/limits.md §3 "Suggested rules"; the dates are
// inclusive: on the block-create day CreateFunction already fails).
enum class Stage : unsigned char {
  kSupported,        // nothing to say
  kPreview,          // listed by the Lambda API but not for production
  kDeprecationSoon,  // deprecated within kDeprecationNoticeDays from the day
  kDeprecated,       // no more patches; create and update still work
  kCreateBlocked,    // CreateFunction rejected; updates still work
  kBlocked,          // create and update rejected
};

// How far ahead validate warns about a coming deprecation (spec/limits.md §3).
inline constexpr int kDeprecationNoticeDays = 180;

// The stage of `r` on `day`. Pure, so tests pass the day in.
Stage stage_on(const Runtime& r, Date day);

// Today's date in UTC (or SLS_TODAY=yyyy-mm-dd when set, so tests and CI are reproducible).
Date today();

// "2026-04-30" from 20260430.
std::string format_date(Date d);

// The date `days` days after `d` (negative goes back). Requires: d is a valid calendar date.
Date add_days(Date d, int days);

}  // namespace sls::runtimes

// Header fields, reason phrases and Date values: the small value helpers of the http room.
#include <array>
#include <cstdio>
#include <ctime>

#include "core/utc.h"
#include "http/asio_detail.h"

namespace sls::http {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

const std::string* Headers::find(std::string_view name) const {
  for (const Field& f : fields_) {
    if (iequals(f.first, name)) return &f.second;
  }
  return nullptr;
}

std::string_view Headers::get(std::string_view name) const {
  const std::string* v = find(name);
  return v ? std::string_view(*v) : std::string_view();
}

void Headers::add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string_view name, std::string value) {
  erase(name);
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::erase(std::string_view name) {
  std::erase_if(fields_, [name](const Field& f) { return iequals(f.first, name); });
}

std::string_view reason_phrase(int status) {
  if (status < 100 || status > 999) return {};
  const auto s =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  return {s.data(), s.size()};
}

std::string http_date(std::chrono::system_clock::time_point when) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const UtcTime t = utc_time(when);
  std::array<char, 32> buf{};
  const int n =
      std::snprintf(buf.data(), buf.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                    kDays[static_cast<size_t>(t.weekday)], t.day,
                    kMonths[static_cast<size_t>(t.month - 1)], t.year, t.hour, t.minute, t.second);
  return std::string(buf.data(), n > 0 ? static_cast<size_t>(n) : 0);
}

std::string http_date_now() {
  // Formatting costs more than the rest of a small response's headers; a second's resolution
  // is all the header has.
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const auto now = std::chrono::system_clock::now();
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != cached_second) {
    cached = http_date(now);
    cached_second = second;
  }
  return cached;
}

}  // namespace sls::http

// Checks of flag values shared by several services.
#include "events/checks.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/error.h"

namespace sls::events::detail {

namespace {

constexpr size_t kAccountIdDigits = 12;
// The methods an API Gateway method or route can have besides ANY, which a request never has.
constexpr std::array<std::string_view, 7> kHttpMethods = {"DELETE", "GET",  "HEAD", "OPTIONS",
                                                          "PATCH",  "POST", "PUT"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void refuse(std::string_view flag_name, std::string_view value, std::string_view expected) {
  throw Error(Errc::kUsage, "invalid --" + std::string(flag_name) + " " +
                                Json(std::string(value)).dump() + ": expected " +
                                std::string(expected));
}

void check_account_id(const Values& v) {
  const std::string& id = flag(v, "account-id");
  if (id.size() != kAccountIdDigits || !std::all_of(id.begin(), id.end(), is_digit)) {
    refuse("account-id", id, "12 digits");
  }
}

std::string http_method(const Values& v, std::string_view flag_name) {
  const std::string& given = flag(v, flag_name);
  std::string upper = given;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(kHttpMethods.begin(), kHttpMethods.end(), upper) == kHttpMethods.end()) {
    std::string expected = "one of ";
    for (const std::string_view m : kHttpMethods) {
      if (m != kHttpMethods.front()) expected += ", ";
      expected += m;
    }
    refuse(flag_name, given, expected);
  }
  return upper;
}

Json json_object_flag(const Values& v, std::string_view flag_name) {
  const std::string& text = flag(v, flag_name);
  Json parsed = Json::parse(text, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) refuse(flag_name, text, "a JSON object");
  return parsed;
}

void check_name(const Values& v, std::string_view flag_name, size_t max_size, std::string_view also,
                std::string_view what) {
  const std::string& name = flag(v, flag_name);
  const bool ok = !name.empty() && name.size() <= max_size &&
                  std::all_of(name.begin(), name.end(), [&](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) ||
                           also.find(c) != std::string_view::npos;
                  });
  if (!ok) refuse(flag_name, name, what);
}

std::string dns_suffix(std::string_view partition) {
  return partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

std::string with_leading_slash(std::string_view path) {
  return path.starts_with('/') ? std::string(path) : "/" + std::string(path);
}

}  // namespace sls::events::detail

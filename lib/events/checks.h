// Internal to lib/events: checks of flag values shared by several services, each refusing a
// bad value with Error(kUsage) that names the flag, the value and what was expected.
#pragma once

#include <string>
#include <string_view>

#include "events/sample.h"

namespace sls::events::detail {

// Throws Error(kUsage, "invalid --FLAG \"VALUE\": expected EXPECTED").
[[noreturn]] void refuse(std::string_view flag_name, std::string_view value,
                         std::string_view expected);

// --account-id: 12 digits, as every AWS account id.
void check_account_id(const Values& v);

// --method (or another flag): an HTTP method API Gateway routes, in upper case whatever case
// was given.
std::string http_method(const Values& v, std::string_view flag_name = "method");

// A flag whose value is a JSON object, parsed (keys keep their order).
Json json_object_flag(const Values& v, std::string_view flag_name);

// A resource name: 1..max_size characters, each alphanumeric or one of `also`. `what` ends the
// message ("expected <what>").
void check_name(const Values& v, std::string_view flag_name, size_t max_size, std::string_view also,
                std::string_view what);

// The DNS suffix of a partition's endpoints ("amazonaws.com", "amazonaws.com.cn" for aws-cn).
std::string dns_suffix(std::string_view partition);

// `path` with a leading "/" (SAM CLI's --path and --resource defaults have none).
std::string with_leading_slash(std::string_view path);

}  // namespace sls::events::detail

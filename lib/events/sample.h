// Internal to lib/events: how a service's table describes its events. An event is a JSON
// sample with {{placeholders}}, the flags that fill them, and a function deriving the values
// that are computed from flags (encodings, hashes, ARNs) rather than copied.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sls::events::detail {

// Samples keep their keys in the order the services send them.
using Json = nlohmann::ordered_json;

// Placeholder name -> value. Flags arrive as strings; derived values may be any JSON. A value
// that is `omit()` removes the key (or array element) holding its placeholder.
using Values = std::map<std::string, Json, std::less<>>;

struct FlagDef {
  std::string_view name;
  std::string_view help;
  std::string_view default_value;
};

// Adds the derived placeholders to `v` (which holds every flag, given or default).
// Throws Error(kUsage) for a value the event refuses.
using Derive = void (*)(Values& v);

struct EventDef {
  std::string_view name;
  std::string_view help;
  std::vector<FlagDef> flags;
  // JSON text. A string that is exactly "{{name}}" becomes the value of `name`, whatever its
  // type; "{{name}}" inside a longer string is replaced by the value, which must be a string.
  std::string_view sample;
  Derive derive = nullptr;
};

struct ServiceDef {
  std::string_view name;
  std::string_view help;
  std::vector<EventDef> events;
};

// One table per service (a file each).
ServiceDef apigateway_service();
ServiceDef cloudwatch_service();
ServiceDef dynamodb_service();
ServiceDef eventbridge_service();
ServiceDef kinesis_service();
ServiceDef s3_service();
ServiceDef sns_service();
ServiceDef sqs_service();

// The schedule rule's event, which SAM CLI lists under cloudwatch and we list under eventbridge
// too.
EventDef scheduled_event_def();

// The value that removes its key from the sample (AWS omits some keys rather than sending null).
Json omit();

// `sample` with its placeholders replaced from `v`. Throws Error(kInternal) for a placeholder
// without a value (a bug in a table).
Json render(std::string_view sample, const Values& v);

// The flag's value as a string (every flag is in `v` before derive runs).
const std::string& flag(const Values& v, std::string_view name);

}  // namespace sls::events::detail

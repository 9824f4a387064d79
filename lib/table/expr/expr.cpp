// Names, paths and placeholder bookkeeping shared by every expression kind (spec 4.3, 4.5).
#include "table/expr/expr.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "table/messages.h"

namespace sls::table::expr {
namespace {

// "{#a, #b}"'s inside: the defined keys that no expression used, in sorted order.
template <typename Map, typename Used>
std::string unused_keys(const Map& defined, const Used& used) {
  std::string out;
  for (const auto& [key, value] : defined) {
    if (used.contains(key)) continue;
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

}  // namespace

std::string_view parameter_name(ExpressionKind kind) {
  switch (kind) {
    case ExpressionKind::kCondition:
      return "ConditionExpression";
    case ExpressionKind::kFilter:
      return "FilterExpression";
    case ExpressionKind::kKeyCondition:
      return "KeyConditionExpression";
    case ExpressionKind::kProjection:
      return "ProjectionExpression";
    case ExpressionKind::kUpdate:
      return "UpdateExpression";
  }
  return "ConditionExpression";  // unreachable while every case returns
}

void check_unused(const Placeholders& placeholders, const Usage& usage) {
  const std::string names = unused_keys(placeholders.names, usage.names);
  if (!names.empty()) throw Error(Errc::kValidation, fmt::format(msg::kNamesUnused, names));
  const std::string values = unused_keys(placeholders.values, usage.values);
  if (!values.empty()) throw Error(Errc::kValidation, fmt::format(msg::kValuesUnused, values));
}

std::string to_string(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.elements.size(); ++i) {
    if (i > 0) out += ", ";
    if (const std::string* key = std::get_if<std::string>(&path.elements[i])) {
      out += *key;
    } else {
      out += "[" + std::to_string(std::get<uint32_t>(path.elements[i])) + "]";
    }
  }
  return out + "]";
}

}  // namespace sls::table::expr

// AttributeValue sizes and the JSON edge: parse with DynamoDB's two-stage checks (JSON types,
// then value rules) and render in the form DynamoDB returns (spec/dynamodb-api.md 2.1-2.6).
#include "table/value.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/limits.h"
#include "table/base64.h"
#include "table/messages.h"

namespace sls::table {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> kTags = {"S", "N", "B",  "BOOL", "NULL",
                                                    "M", "L", "SS", "NS",   "BS"};
// Sizes of the fixed parts (spec 2.6).
constexpr size_t kScalarFlagBytes = 1;       // BOOL, NULL, and zero as N
constexpr size_t kDocumentBaseBytes = 3;     // every L and M
constexpr size_t kElementOverheadBytes = 1;  // per element of L and M
constexpr size_t kNumberExponentBytes = 1;
constexpr size_t kNegativeTerminatorBytes = 1;

const int kMaxNesting = static_cast<int>(limits::kDynamoNestingDepth.value);

[[noreturn]] void serialization(std::string message) {
  throw Error(Errc::kSerialization, std::move(message));
}
[[noreturn]] void validation(std::string message) {
  throw Error(Errc::kValidation, std::move(message));
}

// --- stage one: JSON member types ----------------------------------------------------------

// The Java class AWS's unmarshaller names for a JSON number.
std::string_view java_number_class(const json& j) {
  if (j.is_number_float()) {
    const double d = j.get<double>();
    if (d != std::floor(d)) return "java.lang.Double";
    if (d >= std::numeric_limits<int16_t>::min() && d <= std::numeric_limits<int16_t>::max())
      return "java.lang.Short";
    if (d >= std::numeric_limits<int32_t>::min() && d <= std::numeric_limits<int32_t>::max())
      return "java.lang.Integer";
    return "java.lang.Long";
  }
  if (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max()))
    return "java.lang.Long";
  const int64_t v = j.get<int64_t>();
  if (v >= std::numeric_limits<int16_t>::min() && v <= std::numeric_limits<int16_t>::max())
    return "java.lang.Short";
  if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max())
    return "java.lang.Integer";
  return "java.lang.Long";
}

// Containers in a scalar's place are reported the same way for every scalar member type.
void reject_container(const json& j) {
  if (j.is_array()) serialization(std::string(msg::kSerialStartOfList));
  if (j.is_object()) serialization(std::string(msg::kSerialStartOfMap));
}

void check_string_json(const json& j) {
  if (j.is_null() || j.is_string()) return;
  reject_container(j);
  if (j.is_boolean()) serialization(fmt::format(msg::kSerialNotString, "java.lang.Boolean"));
  serialization(fmt::format(msg::kSerialNotString, java_number_class(j)));
}

void check_blob_json(const json& j) {
  if (j.is_null()) return;
  reject_container(j);
  if (j.is_boolean()) serialization(fmt::format(msg::kSerialNotBlob, "java.lang.Boolean"));
  if (!j.is_string()) serialization(fmt::format(msg::kSerialNotBlob, java_number_class(j)));
  const std::string& text = j.get_ref<const std::string&>();
  std::string bytes;
  char bad = 0;
  switch (base64_decode(text, bytes, bad)) {
    case Base64Error::kOk:
      return;
    case Base64Error::kLength:
      serialization(fmt::format(msg::kSerialBase64Length, text, text.size()));
    case Base64Error::kCharacter:
      serialization(fmt::format(msg::kSerialBase64Char, text, bad));
    case Base64Error::kLastCharacter:
      serialization(fmt::format(msg::kSerialBase64LastChar, text));
  }
}

// AWS's JSON layer coerces these strings to booleans (spec 2.2, ◐).
std::optional<bool> boolean_word(std::string_view s) {
  std::string upper(s);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "TRUE" || upper == "1" || upper == "YES") return true;
  if (upper == "FALSE" || upper == "0" || upper == "NO") return false;
  return std::nullopt;
}

void check_boolean_json(const json& j) {
  if (j.is_null() || j.is_boolean()) return;
  reject_container(j);
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (boolean_word(s)) return;
    std::string upper(s);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    serialization(fmt::format(msg::kSerialStringNotBoolean, upper));
  }
  const std::string_view cls = java_number_class(j);
  if (cls != "java.lang.Double") serialization(fmt::format(msg::kSerialNotBoolean, cls));
}

void check_list_json(const json& j) {
  if (j.is_null() || j.is_array()) return;
  if (j.is_object()) serialization(std::string(msg::kSerialStartOfMap));
  serialization(std::string(msg::kSerialExpectedList));
}

void check_types(const json& j, int level);

void check_structure_json(const json& j, int level) {
  if (j.is_null()) return;
  if (j.is_array()) serialization(std::string(msg::kSerialStartOfList));
  if (!j.is_object()) serialization(std::string(msg::kSerialExpectedStructure));
  check_types(j, level);
}

void check_member_types(std::string_view tag, const json& v, int level) {
  const std::optional<ValueType> type = type_from_tag(tag);
  if (!type) return;  // unknown members are ignored
  switch (*type) {
    case ValueType::kS:
    case ValueType::kN:
      return check_string_json(v);
    case ValueType::kB:
      return check_blob_json(v);
    case ValueType::kBool:
    case ValueType::kNull:
      return check_boolean_json(v);
    case ValueType::kSS:
    case ValueType::kNS:
    case ValueType::kBS:
      check_list_json(v);
      if (v.is_array())
        for (const json& e : v) *type == ValueType::kBS ? check_blob_json(e) : check_string_json(e);
      return;
    case ValueType::kL:
      check_list_json(v);
      if (v.is_array())
        for (const json& e : v) check_structure_json(e, level + 1);
      return;
    case ValueType::kM:
      if (v.is_null()) return;
      if (v.is_array()) serialization(std::string(msg::kSerialStartOfList));
      if (!v.is_object()) serialization(std::string(msg::kSerialExpectedMap));
      for (const auto& [name, e] : v.items()) check_structure_json(e, level + 1);
      return;
  }
}

// Requires: j is an object. Values nested deeper than DynamoDB stores are left to stage two,
// which rejects them; stopping here bounds the recursion on hostile input.
void check_types(const json& j, int level) {
  if (level > kMaxNesting) return;
  for (const auto& [tag, v] : j.items()) check_member_types(tag, v, level);
}

// --- stage two: value rules ----------------------------------------------------------------

AttributeValue build(const json& j, int level);

// "[a, b]": how AWS echoes a set in its duplicate message.
std::string echo_list(const json& arr) {
  std::string out = "[";
  for (size_t i = 0; i < arr.size(); ++i) {
    if (i > 0) out += ", ";
    out += arr[i].is_string() ? arr[i].get<std::string>() : std::string("null");
  }
  return out + "]";
}

AttributeValue build_string_set(const json& arr) {
  if (arr.empty()) validation(std::string(msg::kStringSetEmpty));
  StringSet set;
  for (const json& e : arr) {
    if (e.is_null()) validation(std::string(msg::kValueEmpty));  // ? AWS text unknown
    if (!set.insert(e.get<std::string>()).second)
      validation(fmt::format(msg::kStringSetDuplicates, echo_list(arr)));
  }
  return AttributeValue::string_set(std::move(set));
}

AttributeValue build_number_set(const json& arr) {
  if (arr.empty()) validation(std::string(msg::kNumberSetEmpty));
  std::vector<Number> numbers;
  for (const json& e : arr) {
    if (e.is_null()) validation(std::string(msg::kNumberEmpty));
    numbers.push_back(Number::parse(e.get_ref<const std::string&>()));
  }
  NumberSet set;
  for (Number& n : numbers) {
    if (!set.insert(std::move(n)).second) validation(std::string(msg::kNumberSetDuplicates));
  }
  return AttributeValue::number_set(std::move(set));
}

std::string decode_checked(const json& j) {
  std::string bytes;
  char bad = 0;
  (void)base64_decode(j.get_ref<const std::string&>(), bytes, bad);  // stage one checked it
  return bytes;
}

AttributeValue build_binary_set(const json& arr) {
  if (arr.empty()) validation(std::string(msg::kBinarySetEmpty));
  BinarySet set;
  for (const json& e : arr) {
    if (e.is_null()) validation(std::string(msg::kValueEmpty));  // ? AWS text unknown
    if (!set.insert(decode_checked(e)).second)
      validation(fmt::format(msg::kBinarySetDuplicates, echo_list(arr)));
  }
  return AttributeValue::binary_set(std::move(set));
}

bool json_boolean(const json& j) {
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_string()) return *boolean_word(j.get_ref<const std::string&>());
  return std::fabs(j.get<double>()) >= 1;  // fractional numbers coerce (stage one allowed them)
}

AttributeValue build_typed(ValueType type, const json& v, int level) {
  switch (type) {
    case ValueType::kS:
      return AttributeValue::string(v.get<std::string>());
    case ValueType::kN:
      return AttributeValue::number(Number::parse(v.get_ref<const std::string&>()));
    case ValueType::kB:
      return AttributeValue::binary(decode_checked(v));
    case ValueType::kBool:
      return AttributeValue::boolean(json_boolean(v));
    case ValueType::kNull:
      if (!json_boolean(v)) validation(std::string(msg::kNullNotTrue));
      return AttributeValue::null();
    case ValueType::kSS:
      return build_string_set(v);
    case ValueType::kNS:
      return build_number_set(v);
    case ValueType::kBS:
      return build_binary_set(v);
    case ValueType::kL: {
      AttributeList list;
      for (const json& e : v) list.push_back(build(e, level + 1));
      return AttributeValue::list(std::move(list));
    }
    case ValueType::kM: {
      AttributeMap map;
      for (const auto& [name, e] : v.items()) map.emplace(name, build(e, level + 1));
      return AttributeValue::map(std::move(map));
    }
  }
  validation(std::string(msg::kValueEmpty));  // unreachable while every case returns
}

// Requires: stage one passed for j. `level` is the nesting level j would have (1 at the top).
AttributeValue build(const json& j, int level) {
  if (level > kMaxNesting) validation(std::string(msg::kNestingTooDeep));
  if (j.is_null()) validation(std::string(msg::kValueEmpty));
  std::optional<AttributeValue> value;
  int types = 0;
  for (const auto& [tag, v] : j.items()) {
    const std::optional<ValueType> type = type_from_tag(tag);
    if (!type || v.is_null()) continue;
    ++types;
    value = build_typed(*type, v, level);  // each member is checked, as AWS does, then counted
  }
  if (types == 0) validation(std::string(msg::kValueEmpty));
  if (types > 1) validation(std::string(msg::kValueManyTypes));
  return std::move(*value);
}

void require_object(const json& j) {
  if (j.is_object()) return;
  if (j.is_array()) serialization(std::string(msg::kSerialStartOfList));
  serialization(std::string(msg::kSerialExpectedMap));
}

// Placeholder keys: '#' or ':' then one or more of [A-Za-z0-9_] (spec 4.1).
bool valid_placeholder(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string_view type_tag(ValueType type) { return kTags[static_cast<size_t>(type)]; }

std::optional<ValueType> type_from_tag(std::string_view tag) {
  for (size_t i = 0; i < kTags.size(); ++i) {
    if (kTags[i] == tag) return static_cast<ValueType>(i);
  }
  return std::nullopt;
}

int nesting_level(const AttributeValue& v) {
  int deepest = 0;
  if (v.is(ValueType::kL)) {
    for (const AttributeValue& e : v.as_list()) deepest = std::max(deepest, nesting_level(e));
  } else if (v.is(ValueType::kM)) {
    for (const auto& [name, e] : v.as_map()) deepest = std::max(deepest, nesting_level(e));
  }
  return 1 + deepest;
}

size_t number_size(const Number& n) {
  if (n.is_zero()) return kScalarFlagBytes;
  // A base-100 mantissa aligned on the decimal point: the leading digit shares its byte with
  // a neighbour unless the exponent is even and the digit count even (spec 2.6, ◐ dynalite).
  const size_t digits = n.digits().size();
  size_t mantissa = (digits + 1) / 2;
  if (digits % 2 == 0 && n.exponent() % 2 == 0) ++mantissa;
  return kNumberExponentBytes + mantissa + (n.negative() ? kNegativeTerminatorBytes : 0);
}

size_t value_size(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kS:
      return v.as_string().size();
    case ValueType::kN:
      return number_size(v.as_number());
    case ValueType::kB:
      return v.as_binary().size();
    case ValueType::kBool:
    case ValueType::kNull:
      return kScalarFlagBytes;
    case ValueType::kM: {
      size_t total = kDocumentBaseBytes;
      for (const auto& [name, e] : v.as_map())
        total += kElementOverheadBytes + name.size() + value_size(e);
      return total;
    }
    case ValueType::kL: {
      size_t total = kDocumentBaseBytes;
      for (const AttributeValue& e : v.as_list()) total += kElementOverheadBytes + value_size(e);
      return total;
    }
    case ValueType::kSS:
    case ValueType::kBS: {
      const StringSet& set = v.is(ValueType::kSS) ? v.as_string_set() : v.as_binary_set();
      size_t total = 0;
      for (const std::string& e : set) total += e.size();
      return total;
    }
    case ValueType::kNS: {
      size_t total = 0;
      for (const Number& e : v.as_number_set()) total += number_size(e);
      return total;
    }
  }
  return 0;  // unreachable while every case returns
}

size_t item_size(const Item& item) {
  size_t total = 0;
  for (const auto& [name, v] : item) total += name.size() + value_size(v);
  return total;
}

void check_value_json_types(const json& j) { check_structure_json(j, 1); }

void check_item_json_types(const json& j) {
  if (j.is_null()) return;
  require_object(j);
  for (const auto& [name, v] : j.items()) check_structure_json(v, 1);
}

void check_string_member(const json& j) { check_string_json(j); }
void check_boolean_member(const json& j) { check_boolean_json(j); }
void check_list_member(const json& j) { check_list_json(j); }
void check_structure_member(const json& j) {
  if (j.is_null()) return;
  if (j.is_array()) serialization(std::string(msg::kSerialStartOfList));
  if (!j.is_object()) serialization(std::string(msg::kSerialExpectedStructure));
}
void check_map_member(const json& j) {
  if (j.is_null()) return;
  require_object(j);
}
void check_integer_member(const json& j, std::string_view java_type) {
  if (j.is_null() || j.is_number()) return;
  reject_container(j);
  const std::string_view cls = j.is_boolean() ? "java.lang.Boolean" : "java.lang.String";
  serialization(fmt::format(msg::kSerialNotInteger, cls, java_type));
}

AttributeValue parse_value(const json& j) {
  check_value_json_types(j);
  return build(j, 1);
}

Item parse_item(const json& j) {
  check_item_json_types(j);
  Item item;
  if (j.is_null()) return item;
  for (const auto& [name, v] : j.items()) item.emplace(name, build(v, 1));
  return item;
}

json render_value(const AttributeValue& v) {
  const std::string tag(type_tag(v.type()));
  switch (v.type()) {
    case ValueType::kS:
      return {{tag, v.as_string()}};
    case ValueType::kN:
      return {{tag, v.as_number().to_string()}};
    case ValueType::kB:
      return {{tag, base64_encode(v.as_binary())}};
    case ValueType::kBool:
      return {{tag, v.as_bool()}};
    case ValueType::kNull:
      return {{tag, true}};
    case ValueType::kM:
      return {{tag, render_item(v.as_map())}};
    case ValueType::kL: {
      json list = json::array();
      for (const AttributeValue& e : v.as_list()) list.push_back(render_value(e));
      return {{tag, std::move(list)}};
    }
    case ValueType::kSS:
      return {{tag, v.as_string_set()}};
    case ValueType::kNS: {
      json list = json::array();
      for (const Number& e : v.as_number_set()) list.push_back(e.to_string());
      return {{tag, std::move(list)}};
    }
    case ValueType::kBS: {
      json list = json::array();
      for (const std::string& e : v.as_binary_set()) list.push_back(base64_encode(e));
      return {{tag, std::move(list)}};
    }
  }
  return json::object();  // unreachable while every case returns
}

json render_item(const Item& item) {
  json out = json::object();
  for (const auto& [name, v] : item) out[name] = render_value(v);
  return out;
}

std::map<std::string, std::string, std::less<>> parse_expression_names(const json& j) {
  require_object(j);
  for (const auto& [key, v] : j.items()) check_string_json(v);
  if (j.empty()) validation(std::string(msg::kNamesEmpty));
  std::map<std::string, std::string, std::less<>> names;
  for (const auto& [key, v] : j.items()) {
    if (!valid_placeholder(key, '#')) validation(fmt::format(msg::kNamesBadKey, key));
    if (!v.is_null()) names.emplace(key, v.get<std::string>());
  }
  return names;
}

AttributeMap parse_expression_values(const json& j) {
  require_object(j);
  for (const auto& [key, v] : j.items()) check_value_json_types(v);
  if (j.empty()) validation(std::string(msg::kValuesEmpty));
  for (const auto& [key, v] : j.items()) {
    if (!valid_placeholder(key, ':')) validation(fmt::format(msg::kValuesBadKey, key));
  }
  AttributeMap values;
  for (const auto& [key, v] : j.items()) {
    try {
      values.emplace(key, build(v, 1));
    } catch (const Error& e) {
      validation(fmt::format(msg::kValuesBadValue, e.message(), key));
    }
  }
  return values;
}

}  // namespace sls::table

// Request checks shared by every operation (spec/dynamodb-api.md 1.5, 2.4, 4.5).
#include "table/engine/request.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "core/error.h"
#include "core/limits.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

// AWS lists at most this many constraint failures in one message.
constexpr size_t kMaxListedShapeErrors = 10;
const size_t kNameMin = static_cast<size_t>(limits::kDynamoTableNameMinChars.value);
const size_t kNameMax = static_cast<size_t>(limits::kDynamoTableNameMaxChars.value);
// A table ARN may stand for a name (spec 3.0): the model allows 1-1024 characters then.
constexpr size_t kTableArnMax = 1024;
const size_t kHashKeyMax = static_cast<size_t>(limits::kDynamoHashKeyMaxBytes.value);
const size_t kRangeKeyMax = static_cast<size_t>(limits::kDynamoRangeKeyMaxBytes.value);

std::string echo(const json* value) {
  if (value == nullptr || value->is_null()) return "null";
  if (value->is_string()) return fmt::format("'{}'", value->get<std::string>());
  return fmt::format("'{}'", value->dump());
}

bool valid_name_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
  });
}

std::string_view empty_kind(const AttributeValue& v) {
  return v.is(ValueType::kB) ? "binary" : "string";
}

size_t key_bytes(const AttributeValue& v) {
  if (v.is(ValueType::kS)) return v.as_string().size();
  if (v.is(ValueType::kB)) return v.as_binary().size();
  return 0;  // numbers have no byte limit (spec 2.4)
}

bool empty_key_value(const AttributeValue& v) { return key_bytes(v) == 0 && !v.is(ValueType::kN); }

void check_key_sizes(const Item& key, const Table& table) {
  if (key_bytes(key.find(table.meta.hash.name)->second) > kHashKeyMax)
    fail_validation(std::string(msg::kHashKeyTooLarge));
  if (table.meta.range && key_bytes(key.find(table.meta.range->name)->second) > kRangeKeyMax)
    fail_validation(std::string(msg::kRangeKeyTooLarge));
}

}  // namespace

void fail_validation(std::string message) { throw Error(Errc::kValidation, std::move(message)); }

void check_member(const json& v, Member type) {
  switch (type) {
    case Member::kString:
      return check_string_member(v);
    case Member::kBool:
      return check_boolean_member(v);
    case Member::kInteger:
      return check_integer_member(v, "Integer");
    case Member::kLong:
      return check_integer_member(v, "Long");
    case Member::kValue:
      return check_value_json_types(v);
    case Member::kItem:
    case Member::kValues:
      check_map_member(v);
      if (v.is_object())
        for (const auto& [k, e] : v.items()) check_value_json_types(e);
      return;
    case Member::kNames:
      check_map_member(v);
      if (v.is_object())
        for (const auto& [k, e] : v.items()) check_string_member(e);
      return;
    case Member::kStringList:
      check_list_member(v);
      if (v.is_array())
        for (const json& e : v) check_string_member(e);
      return;
    case Member::kStructure:
      return check_structure_member(v);
    case Member::kMap:
      return check_map_member(v);
    case Member::kList:
      return check_list_member(v);
  }
}

void check_members(const json& request, std::initializer_list<MemberSpec> spec) {
  if (!request.is_object()) throw Error(Errc::kSerialization, "");
  for (const MemberSpec& m : spec) {
    const auto it = request.find(m.name);
    if (it != request.end()) check_member(*it, m.type);
  }
}

void ShapeErrors::add(const json* value, std::string_view path, std::string_view rule) {
  errors_.push_back(fmt::format(msg::kShapeItem, echo(value), path, rule));
}

void ShapeErrors::required(const json& request, std::string_view member, std::string_view path) {
  const json* v = get_member(request, member);
  if (v == nullptr) add(nullptr, path, msg::kRuleNotNull);
}

void ShapeErrors::table_name(const json& request, std::string_view member, std::string_view path) {
  const json* v = get_member(request, member);
  if (v == nullptr) return add(nullptr, path, msg::kRuleNotNull);
  const std::string& name = v->get_ref<const std::string&>();
  if (name.starts_with("arn:")) {
    if (name.size() > kTableArnMax) add(v, path, fmt::format(msg::kRuleMaxLength, kTableArnMax));
    return;
  }
  if (!valid_name_chars(name)) add(v, path, msg::kRuleNamePattern);
  if (name.size() < kNameMin) add(v, path, fmt::format(msg::kRuleMinLength, kNameMin));
  if (name.size() > kNameMax) add(v, path, fmt::format(msg::kRuleMaxLength, kNameMax));
}

void ShapeErrors::index_name(const json& request, std::string_view member, std::string_view path) {
  const json* v = get_member(request, member);
  if (v == nullptr) return;
  const std::string& name = v->get_ref<const std::string&>();
  if (!valid_name_chars(name)) add(v, path, msg::kRuleNamePattern);
  if (name.size() < kNameMin) add(v, path, fmt::format(msg::kRuleMinLength, kNameMin));
  if (name.size() > kNameMax) add(v, path, fmt::format(msg::kRuleMaxLength, kNameMax));
}

void ShapeErrors::enumeration(const json& request, std::string_view member, std::string_view path,
                              std::initializer_list<std::string_view> allowed) {
  const json* v = get_member(request, member);
  if (v == nullptr) return;
  const std::string& s = v->get_ref<const std::string&>();
  if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return;
  add(v, path, fmt::format(msg::kRuleEnum, fmt::join(allowed, ", ")));
}

void ShapeErrors::range(const json& request, std::string_view member, std::string_view path,
                        int64_t min, int64_t max) {
  const std::optional<int64_t> v = get_int(request, member);
  if (!v) return;
  const json* j = get_member(request, member);
  if (*v < min) add(j, path, fmt::format(msg::kRuleMinValue, min));
  if (*v > max) add(j, path, fmt::format(msg::kRuleMaxValue, max));
}

void ShapeErrors::length(const json& request, std::string_view member, std::string_view path,
                         size_t min, size_t max) {
  const json* v = get_member(request, member);
  if (v == nullptr) return;
  const size_t n = v->is_string() ? v->get_ref<const std::string&>().size() : v->size();
  if (n < min) add(v, path, fmt::format(msg::kRuleMinLength, min));
  if (n > max) add(v, path, fmt::format(msg::kRuleMaxLength, max));
}

void ShapeErrors::throw_if_any() const {
  if (errors_.empty()) return;
  const size_t n = std::min(errors_.size(), kMaxListedShapeErrors);
  const std::string listed =
      fmt::format("{}", fmt::join(errors_.begin(), errors_.begin() + static_cast<long>(n), "; "));
  if (errors_.size() == 1) fail_validation(fmt::format(msg::kShapeOne, listed));
  fail_validation(fmt::format(msg::kShapeMany, errors_.size(), listed));
}

const json* get_member(const json& request, std::string_view member) {
  const auto it = request.find(member);
  if (it == request.end() || it->is_null()) return nullptr;
  return &*it;
}

const std::string* get_string(const json& request, std::string_view member) {
  const json* v = get_member(request, member);
  return v ? &v->get_ref<const std::string&>() : nullptr;
}

std::string get_string_or(const json& request, std::string_view member, std::string_view fallback) {
  const std::string* s = get_string(request, member);
  return s ? *s : std::string(fallback);
}

bool get_bool(const json& request, std::string_view member, bool fallback) {
  const json* v = get_member(request, member);
  if (v == nullptr) return fallback;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number()) return v->get<double>() != 0;
  std::string s = v->get<std::string>();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s == "TRUE" || s == "1" || s == "YES";
}

std::optional<int64_t> get_int(const json& request, std::string_view member) {
  const json* v = get_member(request, member);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer()) return v->get<int64_t>();
  // A fractional or huge number: clamped into int64's range first (converting a double outside
  // it is undefined), so the member's own range check answers it.
  const double d = v->get<double>();
  constexpr double kHigh = 9.2e18;  // below 2^63, exactly representable as a double
  if (!(d > -kHigh)) return std::numeric_limits<int64_t>::min();
  if (!(d < kHigh)) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(d);
}

CapacityMode capacity_mode(const json& request) {
  const std::string* s = get_string(request, "ReturnConsumedCapacity");
  if (s == nullptr || *s == "NONE") return CapacityMode::kNone;
  return *s == "INDEXES" ? CapacityMode::kIndexes : CapacityMode::kTotal;
}

void check_capacity_enum(ShapeErrors& errors, const json& request) {
  errors.enumeration(request, "ReturnConsumedCapacity", "returnConsumedCapacity",
                     {"INDEXES", "TOTAL", "NONE"});
}

bool collection_metrics(const json& request) {
  const std::string* s = get_string(request, "ReturnItemCollectionMetrics");
  return s != nullptr && *s == "SIZE";
}

void check_metrics_enum(ShapeErrors& errors, const json& request) {
  errors.enumeration(request, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics",
                     {"SIZE", "NONE"});
}

expr::Placeholders parse_placeholders(const json& request) {
  expr::Placeholders p;
  if (const json* names = get_member(request, "ExpressionAttributeNames"))
    p.names = parse_expression_names(*names);
  if (const json* values = get_member(request, "ExpressionAttributeValues"))
    p.values = parse_expression_values(*values);
  return p;
}

void check_key(const Item& key, const Table& table) {
  const auto matches = [&](const KeyAttr& attr) {
    const auto it = key.find(attr.name);
    return it != key.end() && it->second.type() == attr.type;
  };
  if (key.size() != table.key_names.size() || !matches(table.meta.hash) ||
      (table.meta.range && !matches(*table.meta.range)))
    fail_validation(std::string(msg::kKeySchemaMismatch));
  for (const std::string& name : table.key_names) {
    const AttributeValue& v = key.find(name)->second;
    if (empty_key_value(v)) fail_validation(fmt::format(msg::kEmptyKeyInKey, empty_kind(v), name));
  }
  check_key_sizes(key, table);
}

Item parse_key(const json& key, const Table& table) {
  Item k = parse_item(key);
  check_key(k, table);
  return k;
}

void check_item_keys(const Item& item, const Table& table) {
  const auto check = [&](const KeyAttr& attr) {
    const auto it = item.find(attr.name);
    if (it == item.end()) fail_validation(fmt::format(msg::kMissingKey, attr.name));
    if (it->second.type() != attr.type)
      fail_validation(fmt::format(msg::kItemKeyTypeMismatch, attr.name, type_tag(attr.type),
                                  type_tag(it->second.type())));
    if (empty_key_value(it->second))
      fail_validation(fmt::format(msg::kEmptyKeyInItem, empty_kind(it->second), attr.name));
  };
  check(table.meta.hash);
  if (table.meta.range) check(*table.meta.range);
  check_key_sizes(item, table);
  check_index_key_types(item, table);
}

void check_index_key_types(const Item& item, const Table& table) {
  for (const IndexMeta& ix : table.meta.indexes) {
    const auto check = [&](const KeyAttr& attr) {
      const auto it = item.find(attr.name);
      if (it == item.end()) return;
      if (it->second.type() != attr.type)
        fail_validation(fmt::format(msg::kIndexKeyTypeMismatch, attr.name, type_tag(attr.type),
                                    type_tag(it->second.type()), ix.name));
      if (empty_key_value(it->second))
        fail_validation(fmt::format(msg::kEmptyKeyInItem, empty_kind(it->second), attr.name));
    };
    check(ix.hash);
    if (ix.range) check(*ix.range);
  }
}

}  // namespace sls::table::engine

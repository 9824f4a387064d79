// DynamoDB's AttributeValue as a typed value (spec/dynamodb-api.md 2.1, 2.6), and the JSON edge
// that turns the wire form {"S":"x"} into it and back. Below this edge no code sees JSON.
// Thread safety: AttributeValue is a plain value; distinct objects may be used from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "table/number.h"

namespace sls::table {

// The ten types. The enumerator order is AttributeValue's variant index: keep them in step.
enum class ValueType : uint8_t { kS, kN, kB, kBool, kNull, kM, kL, kSS, kNS, kBS };

// The wire tag of a type: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view type_tag(ValueType type);
std::optional<ValueType> type_from_tag(std::string_view tag);

class AttributeValue;
// Maps and items are ordered by the UTF-8 bytes of the attribute name (deterministic output).
// std::map and std::vector of the still-incomplete AttributeValue are fine with libstdc++ and
// libc++ (vector is guaranteed since C++17; node-based map in practice).
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using AttributeList = std::vector<AttributeValue>;
using Item = AttributeMap;                // the top-level attributes of an item
using StringSet = std::set<std::string>;  // std::string orders bytes as unsigned: DynamoDB's order
using NumberSet = std::set<Number>;       // numeric order; equal values are one member
using BinarySet = std::set<std::string>;  // raw bytes

// Equality is DynamoDB's `=`: same type and same value; numbers by value, sets as sets, lists
// and maps deeply. Sets are never empty once parsed (parse rejects empty sets; updates that
// empty a set remove the attribute instead).
class AttributeValue {
  // Declared first: the accessors below return through get<>().
  struct NullTag {
    bool operator==(const NullTag&) const = default;
  };
  template <ValueType T>
  struct Tag {};
  static constexpr size_t kNullIndex = static_cast<size_t>(ValueType::kNull);
  using Storage = std::variant<std::string, Number, std::string, bool, NullTag, AttributeMap,
                               AttributeList, StringSet, NumberSet, BinarySet>;

  template <ValueType T, typename U>
  AttributeValue(Tag<T>, U&& u)
      : v_(std::in_place_index<static_cast<size_t>(T)>, std::forward<U>(u)) {}
  template <ValueType T>
  const auto& get() const {
    return std::get<static_cast<size_t>(T)>(v_);
  }
  template <ValueType T>
  auto& get() {
    return std::get<static_cast<size_t>(T)>(v_);
  }

 public:
  AttributeValue() : v_(std::in_place_index<kNullIndex>, NullTag{}) {}  // {"NULL":true}

  static AttributeValue string(std::string s) {
    return AttributeValue(Tag<ValueType::kS>{}, std::move(s));
  }
  static AttributeValue number(Number n) { return AttributeValue(Tag<ValueType::kN>{}, n); }
  static AttributeValue binary(std::string bytes) {
    return AttributeValue(Tag<ValueType::kB>{}, std::move(bytes));
  }
  static AttributeValue boolean(bool b) { return AttributeValue(Tag<ValueType::kBool>{}, b); }
  static AttributeValue null() { return AttributeValue(); }
  static AttributeValue map(AttributeMap m) {
    return AttributeValue(Tag<ValueType::kM>{}, std::move(m));
  }
  static AttributeValue list(AttributeList l) {
    return AttributeValue(Tag<ValueType::kL>{}, std::move(l));
  }
  static AttributeValue string_set(StringSet s) {
    return AttributeValue(Tag<ValueType::kSS>{}, std::move(s));
  }
  static AttributeValue number_set(NumberSet s) {
    return AttributeValue(Tag<ValueType::kNS>{}, std::move(s));
  }
  static AttributeValue binary_set(BinarySet s) {
    return AttributeValue(Tag<ValueType::kBS>{}, std::move(s));
  }

  ValueType type() const { return static_cast<ValueType>(v_.index()); }
  bool is(ValueType t) const { return type() == t; }
  bool is_set() const { return is(ValueType::kSS) || is(ValueType::kNS) || is(ValueType::kBS); }

  // Accessors. Requires: type() is the named type (std::bad_variant_access otherwise).
  const std::string& as_string() const { return get<ValueType::kS>(); }
  const Number& as_number() const { return get<ValueType::kN>(); }
  const std::string& as_binary() const { return get<ValueType::kB>(); }
  bool as_bool() const { return get<ValueType::kBool>(); }
  const AttributeMap& as_map() const { return get<ValueType::kM>(); }
  AttributeMap& as_map() { return get<ValueType::kM>(); }
  const AttributeList& as_list() const { return get<ValueType::kL>(); }
  AttributeList& as_list() { return get<ValueType::kL>(); }
  const StringSet& as_string_set() const { return get<ValueType::kSS>(); }
  StringSet& as_string_set() { return get<ValueType::kSS>(); }
  const NumberSet& as_number_set() const { return get<ValueType::kNS>(); }
  NumberSet& as_number_set() { return get<ValueType::kNS>(); }
  const BinarySet& as_binary_set() const { return get<ValueType::kBS>(); }
  BinarySet& as_binary_set() { return get<ValueType::kBS>(); }

  bool operator==(const AttributeValue&) const = default;

 private:
  Storage v_;
};

// Nesting level of a value: 1 for scalars and sets, 1 + the deepest element for L and M.
// DynamoDB stores values up to level 32 (spec 2.1).
int nesting_level(const AttributeValue& v);

// Item size by DynamoDB's rules (spec 2.6): names in UTF-8 bytes plus value sizes, where
// L and M cost 3 + Σ(1 + element) and N costs its base-100 mantissa plus an exponent byte.
size_t value_size(const AttributeValue& v);
size_t item_size(const Item& item);
size_t number_size(const Number& n);

// --- JSON edge -----------------------------------------------------------------------------
// A value as it appears in a request: {"S":"x"}, {"N":"1"}, {"B":"<base64>"}, ...
// Parsing runs AWS's two stages over the whole value: first the JSON member types
// (Error{kSerialization}, spec 1.5 step 2), then the value rules of spec 2.2 (Error{kValidation}).
// JSON null members count as absent; unknown members are ignored.
AttributeValue parse_value(const nlohmann::json& json);
Item parse_item(const nlohmann::json& json);  // {"name": <value>, ...}
// Stage one alone, for request parsers that type-check every member before validating any.
void check_value_json_types(const nlohmann::json& json);
void check_item_json_types(const nlohmann::json& json);

// Stage one for request members that are not values (spec 1.5 step 2): the
// SerializationException a member of the wrong JSON type gets. JSON null passes (absent).
void check_string_member(const nlohmann::json& json);
void check_boolean_member(const nlohmann::json& json);
void check_integer_member(const nlohmann::json& json, std::string_view java_type = "Integer");
void check_list_member(const nlohmann::json& json);
void check_structure_member(const nlohmann::json& json);  // a structure (JSON object)
void check_map_member(const nlohmann::json& json);        // a map (JSON object)

// The wire form DynamoDB returns: numbers in canonical text, sets sorted in key order
// (strings and binaries by bytes, numbers numerically), binaries in padded base64.
nlohmann::json render_value(const AttributeValue& v);
nlohmann::json render_item(const Item& item);

// ExpressionAttributeNames {"#n": "name"} and ExpressionAttributeValues {":v": <value>}, with
// the messages of spec 4.5 (empty map, key syntax, invalid value "for key :v").
std::map<std::string, std::string, std::less<>> parse_expression_names(const nlohmann::json& json);
AttributeMap parse_expression_values(const nlohmann::json& json);

}  // namespace sls::table

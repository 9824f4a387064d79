// The request edge shared by every operation (spec/dynamodb-api.md 1.5): JSON member type
// checks (SerializationException), the collected shape constraints ("N validation errors
// detected: ..."), typed getters, and the parameters many operations share (placeholders,
// ReturnConsumedCapacity, keys).
// Thread safety: pure functions; ShapeErrors is a local value.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/schema.h"
#include "table/expr/expr.h"
#include "table/value.h"

namespace sls::table::engine {

enum class Member : uint8_t {
  kString,
  kBool,
  kInteger,
  kLong,
  kValue,   // an AttributeValue
  kItem,    // a map of AttributeValues (Item, Key, ExclusiveStartKey)
  kValues,  // ExpressionAttributeValues
  kNames,   // a map of strings
  kStringList,
  kStructure,
  kMap,
  kList,
};
struct MemberSpec {
  std::string_view name;
  Member type;
};

// Stage two of spec 1.5: the first member (in `spec` order) of the wrong JSON type throws
// Error{kSerialization}. A request that is not an object fails here too.
void check_members(const nlohmann::json& request, std::initializer_list<MemberSpec> spec);
void check_member(const nlohmann::json& value, Member type);

// Stage three: constraints collected over the whole request, thrown as one ValidationException
// "<n> validation error[s] detected: <e1>; <e2>" (at most 10 listed).
class ShapeErrors {
 public:
  // "Value '<v>' at '<path>' failed to satisfy constraint: <rule>" (`Value null` when absent).
  void add(const nlohmann::json* value, std::string_view path, std::string_view rule);
  void table_name(const nlohmann::json& request, std::string_view member = "TableName",
                  std::string_view path = "tableName");
  void index_name(const nlohmann::json& request, std::string_view member, std::string_view path);
  // `allowed` in the service's own order (spec 1.5: copy the lists verbatim).
  void enumeration(const nlohmann::json& request, std::string_view member, std::string_view path,
                   std::initializer_list<std::string_view> allowed);
  void range(const nlohmann::json& request, std::string_view member, std::string_view path,
             int64_t min, int64_t max);
  void length(const nlohmann::json& request, std::string_view member, std::string_view path,
              size_t min, size_t max);
  void required(const nlohmann::json& request, std::string_view member, std::string_view path);
  bool empty() const { return errors_.empty(); }
  void throw_if_any() const;

 private:
  std::vector<std::string> errors_;
};

[[noreturn]] void fail_validation(std::string message);

// Typed getters. Requires: check_members passed. Absent or null members give the default.
const std::string* get_string(const nlohmann::json& request, std::string_view member);
std::string get_string_or(const nlohmann::json& request, std::string_view member,
                          std::string_view fallback);
bool get_bool(const nlohmann::json& request, std::string_view member, bool fallback);
std::optional<int64_t> get_int(const nlohmann::json& request, std::string_view member);
const nlohmann::json* get_member(const nlohmann::json& request, std::string_view member);

// --- Shared parameters -------------------------------------------------------------------

enum class CapacityMode : uint8_t { kNone, kTotal, kIndexes };
CapacityMode capacity_mode(const nlohmann::json& request);
void check_capacity_enum(ShapeErrors& errors, const nlohmann::json& request);
bool collection_metrics(const nlohmann::json& request);  // ReturnItemCollectionMetrics = SIZE
void check_metrics_enum(ShapeErrors& errors, const nlohmann::json& request);

// ExpressionAttributeNames / ExpressionAttributeValues (spec 4.5), parsed when present.
expr::Placeholders parse_placeholders(const nlohmann::json& request);

// A `Key` checked against the table's key schema: exactly the key attributes with the right
// types, non-empty, within the size limits (spec 2.4). Throws Error{kValidation}.
Item parse_key(const nlohmann::json& key, const Table& table);
void check_key(const Item& key, const Table& table);
// The key attributes of an item to be written (PutItem): missing key, type mismatch, empty
// value and size messages, then the index key types (spec 2.4).
void check_item_keys(const Item& item, const Table& table);
// Index key attributes of a written item must have the index's declared types.
void check_index_key_types(const Item& item, const Table& table);

}  // namespace sls::table::engine

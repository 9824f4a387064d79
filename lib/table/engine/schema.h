// What the engine knows about a table: its key schema, indexes, billing, stream, TTL and tags
// (the metadata DescribeTable reports), kept in memory as an immutable snapshot and persisted as
// JSON in the database so a restart finds every table (spec/dynamodb-api.md 3.1, 7).
// Thread safety: TableMeta and Table are immutable once published; a control-plane change
// publishes a new Table and readers keep the snapshot they started with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/expr/expr.h"
#include "table/value.h"

namespace sls::table::engine {

struct KeyAttr {
  std::string name;
  ValueType type = ValueType::kS;  // S, N or B
  bool operator==(const KeyAttr&) const = default;
};

enum class ProjectionType : uint8_t { kAll, kKeysOnly, kInclude };
enum class BillingMode : uint8_t { kProvisioned, kPayPerRequest };

struct Throughput {
  int64_t read = 0;
  int64_t write = 0;
  int decreases_today = 0;
  double last_increase = 0;  // epoch seconds, 0 = never
  double last_decrease = 0;
};

struct IndexMeta {
  std::string name;
  bool global = true;  // GSI, else LSI
  KeyAttr hash;
  std::optional<KeyAttr> range;
  ProjectionType projection = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // kInclude only
  Throughput throughput;                        // GSIs of PROVISIONED tables
  int64_t sql_id = 0;                           // names the SQLite table t<table>_x<sql_id>
};

struct StreamSpec {
  bool enabled = false;
  std::string view_type;  // NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY
  std::string label;      // creation time "YYYY-MM-DDThh:mm:ss.mmm" of the latest stream
};

struct TableMeta {
  std::string name;
  std::string table_id;  // a UUID, as AWS's TableId
  int64_t sql_id = 0;    // names the SQLite table t<sql_id>
  double created = 0;    // epoch seconds
  std::vector<KeyAttr> attribute_definitions;
  KeyAttr hash;
  std::optional<KeyAttr> range;
  std::vector<IndexMeta> indexes;  // LSIs and GSIs in declaration order
  BillingMode billing = BillingMode::kProvisioned;
  double billing_changed = 0;  // LastUpdateToPayPerRequestDateTime
  Throughput throughput;
  StreamSpec stream;
  std::optional<std::string> ttl_attribute;  // TTL enabled on this attribute
  std::vector<std::pair<std::string, std::string>> tags;
  bool deletion_protection = false;
  std::optional<std::string> table_class;
  nlohmann::json sse_description;  // SSEDescription as reported, null when not set

  bool has_lsi() const;
  const IndexMeta* find_index(std::string_view name) const;
};

nlohmann::json meta_to_json(const TableMeta& meta);
TableMeta meta_from_json(const nlohmann::json& json);

// A published table: its metadata plus what every call would otherwise recompute.
struct Table {
  explicit Table(TableMeta m);
  TableMeta meta;
  std::string sql;                     // "t12"
  std::vector<std::string> index_sql;  // parallel to meta.indexes: "t12_x3"
  expr::KeySchema key_schema;
  std::vector<std::string> key_names;  // hash, then range
  std::vector<expr::KeySchema> index_key_schemas;
};

// --- Keys ------------------------------------------------------------------------------------

// A primary (or index) key in its stored form: the order-preserving bytes of each component
// (spec 2.5) and the partition hash that orders Scan and splits parallel scans.
struct EncodedKey {
  int64_t hash = 0;  // partition_hash(pk)
  std::string pk;
  std::string sk;  // empty when there is no sort key
  bool operator==(const EncodedKey&) const = default;
};

// A fixed 64-bit hash of the encoded partition key, shifted by 2^63 so SQLite's signed order
// equals the unsigned order of the hash (spec 7).
int64_t partition_hash(std::string_view pk);
// The first hash of segment `segment` of `total` (parallel scan, spec 3.12); total -> past end.
int64_t segment_start(int64_t segment, int64_t total);

// The stored key of `item` under (hash, range). Requires: the item holds them with the right
// types (validated before).
EncodedKey encode_primary_key(const Item& item, const KeyAttr& hash,
                              const std::optional<KeyAttr>& range);
// The index key, or nullopt when the item lacks an index key attribute or holds a value of
// another type (then the item is not in that sparse index).
std::optional<EncodedKey> encode_index_key(const Item& item, const IndexMeta& index);

// The key attributes of `item` (table key, plus the index key when `index` is given).
Item key_of(const Item& item, const Table& table, const IndexMeta* index = nullptr);

// The part of `item` an index stores, by its projection.
Item project_for_index(const Item& item, const Table& table, const IndexMeta& index);

}  // namespace sls::table::engine

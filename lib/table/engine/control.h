// Pieces of the control plane shared by CreateTable, UpdateTable and DescribeTable: key schema
// and index parsing with their validations (spec/dynamodb-api.md 3.1, 3.5) and the
// TableDescription (3.1, 3.2).
// Thread safety: pure functions over immutable snapshots.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/context.h"
#include "table/engine/request.h"
#include "table/engine/schema.h"

namespace sls::table::engine {

// Member type checks of a KeySchema / Projection / ProvisionedThroughput structure.
void check_key_schema_members(const nlohmann::json& key_schema);
void check_index_members(const nlohmann::json& index);
// Shape constraints of a KeySchema list at `path` ("keySchema", "globalSecondaryIndexes.1.member
// .keySchema").
void key_schema_shape(ShapeErrors& errors, const nlohmann::json* key_schema, std::string_view path);
void throughput_shape(ShapeErrors& errors, const nlohmann::json* throughput, std::string_view path);
void projection_shape(ShapeErrors& errors, const nlohmann::json* projection, std::string_view path);

// A validated key schema: (hash, range) attribute names. Throws with the KeySchema messages.
struct KeyNames {
  std::string hash;
  std::optional<std::string> range;
};
KeyNames parse_key_schema(const nlohmann::json& key_schema,
                          const std::vector<KeyAttr>& definitions);
KeyAttr defined(const std::string& name, const std::vector<KeyAttr>& definitions);

// An index of CreateTable (LocalSecondaryIndexes / GlobalSecondaryIndexes) or an UpdateTable
// GSI Create, validated against the table.
IndexMeta parse_index(const nlohmann::json& index, bool global, const TableMeta& table);
Throughput parse_throughput(const nlohmann::json& throughput);

std::string stream_label(double epoch_seconds);
std::string new_table_id();

// The TableDescription with the given status; live counts when `conn` is given.
nlohmann::json describe(const Context& ctx, const Table& table, std::string_view status,
                        Connection* conn);

}  // namespace sls::table::engine

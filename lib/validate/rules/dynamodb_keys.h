// Reading DynamoDB key schemas for the dynamodb_* rule files of the limit family.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

inline constexpr std::string_view kDynamoTableTypes[] = {"AWS::DynamoDB::Table",
                                                         "AWS::DynamoDB::GlobalTable"};

struct KeyElement {
  std::string name;             // AttributeName
  std::string type;             // KeyType: "HASH" or "RANGE" (as written)
  const tmpl::Node* name_node;  // for locations
  const tmpl::Node* type_node;
};

// The elements of a KeySchema list, or nullopt when any part is unknown until deploy or not
// of the expected shape (the schema rules report shapes).
std::optional<std::vector<KeyElement>> read_key_schema(const Context& ctx,
                                                       const tmpl::Node* key_schema);

// An index of a table: one item of GlobalSecondaryIndexes or LocalSecondaryIndexes.
struct TableIndex {
  const tmpl::Node* node;  // the index map
  bool local;
  std::string sub;  // "GlobalSecondaryIndexes/0"
};

// The table's indexes that are written out (an index list that is an intrinsic is skipped).
std::vector<TableIndex> table_indexes(const tmpl::Node& properties);

}  // namespace sls::validate::defs

// E3910: DynamoDB key schemas have the shape DynamoDB accepts (spec/limits.md §5 "Key schema",
// "LSIs per table"): HASH first, RANGE second, two different names; a table with local
// secondary indexes has a RANGE key, and each LSI shares the table's HASH key and has a RANGE.
#include "validate/rules/dynamodb_keys.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3910", Severity::kError, "DynamoDB key schemas are well formed",
    "A key schema lists a HASH key, then optionally a RANGE key with another name. Local "
    "secondary indexes need a table with a RANGE key, the table's HASH key and a RANGE key "
    "of their own.",
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html"};

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

// Reports the first problem of one key schema; returns whether it is well formed.
bool check_shape(const Context& ctx, const tmpl::Resource& r, const std::vector<KeyElement>& ks,
                 const std::string& sub) {
  if (ks.empty() || ks.size() > static_cast<size_t>(limits::kDynamoKeySchemaMax.value)) {
    return false;  // sizes are E3032's
  }
  if (ks[0].type != "HASH") {
    report_at(ctx, kInfo, r, sub + "/0/KeyType", *ks[0].type_node,
              "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    return false;
  }
  if (ks.size() < 2) return true;
  if (ks[1].type != "RANGE") {
    report_at(ctx, kInfo, r, sub + "/1/KeyType", *ks[1].type_node,
              "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    return false;
  }
  if (ks[0].name == ks[1].name) {
    report_at(ctx, kInfo, r, sub + "/1/AttributeName", *ks[1].name_node,
              "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    return false;
  }
  return true;
}

std::string index_name(const Context& ctx, const TableIndex& index) {
  const tmpl::Node* n = index.node->get("IndexName");
  return n ? known_string(ctx, *n).value_or("") : "";
}

void check_local_index(const Context& ctx, const tmpl::Resource& r,
                       const std::vector<KeyElement>& table, const TableIndex& index,
                       const std::vector<KeyElement>& ks) {
  const std::string name = index_name(ctx, index);
  if (ks[0].name != table[0].name) {
    report_at(ctx, kInfo, r, index.sub + "/KeySchema/0/AttributeName", *ks[0].name_node,
              std::string(kInvalid) +
                  "Index KeySchema does not have the same leading hash key as table KeySchema "
                  "for index: " +
                  name + ". index hash key: " + ks[0].name + ", table hash key: " + table[0].name);
  } else if (ks.size() < 2) {
    report_at(
        ctx, kInfo, r, index.sub + "/KeySchema", *index.node->get("KeySchema"),
        std::string(kInvalid) + "Index KeySchema does not have a range key for index: " + name);
  }
}

void check_table(const Context& ctx, const tmpl::Resource& r) {
  const auto table = read_key_schema(ctx, r.properties.get("KeySchema"));
  const bool table_ok = table && check_shape(ctx, r, *table, "KeySchema");
  for (const TableIndex& index : table_indexes(r.properties)) {
    const std::string sub = index.sub + "/KeySchema";
    const auto ks = read_key_schema(ctx, index.node->get("KeySchema"));
    if (!ks || !check_shape(ctx, r, *ks, sub) || !index.local || !table_ok) continue;
    check_local_index(ctx, r, *table, index, *ks);
  }
  const tmpl::Node* lsis = r.properties.get("LocalSecondaryIndexes");
  if (table_ok && table->size() < 2 && lsis && lsis->is_seq() && !lsis->items.empty()) {
    report_at(ctx, kInfo, r, "LocalSecondaryIndexes", *lsis,
              std::string(kInvalid) +
                  "Table KeySchema does not have a range key, which is required when specifying "
                  "a LocalSecondaryIndex");
  }
}

void check(const Context& ctx) {
  for_each_of(ctx, kDynamoTableTypes, [&](const tmpl::Resource& r) { check_table(ctx, r); });
}

}  // namespace

extern const Rule kE3910{kInfo, check};

}  // namespace sls::validate::defs

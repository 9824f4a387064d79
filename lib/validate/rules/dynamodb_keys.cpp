// Key schema reading shared by the DynamoDB rules.
#include "validate/rules/dynamodb_keys.h"

namespace sls::validate::defs {

std::optional<std::vector<KeyElement>> read_key_schema(const Context& ctx,
                                                       const tmpl::Node* key_schema) {
  if (!key_schema || !key_schema->is_seq()) return std::nullopt;
  std::vector<KeyElement> out;
  for (const tmpl::Node& item : key_schema->items) {
    const tmpl::Node* name = item.get("AttributeName");
    const tmpl::Node* type = item.get("KeyType");
    if (!item.is_map() || tmpl::is_intrinsic(item) || !name || !type) return std::nullopt;
    std::optional<std::string> n = known_string(ctx, *name);
    std::optional<std::string> t = known_string(ctx, *type);
    if (!n || !t) return std::nullopt;
    out.push_back(KeyElement{std::move(*n), std::move(*t), name, type});
  }
  return out;
}

std::vector<TableIndex> table_indexes(const tmpl::Node& properties) {
  std::vector<TableIndex> out;
  for (const bool local : {false, true}) {
    const char* key = local ? "LocalSecondaryIndexes" : "GlobalSecondaryIndexes";
    const tmpl::Node* list = properties.get(key);
    if (!list || !list->is_seq()) continue;
    for (size_t i = 0; i < list->items.size(); ++i) {
      const tmpl::Node& index = list->items[i];
      if (!index.is_map() || tmpl::is_intrinsic(index)) continue;
      out.push_back(TableIndex{&index, local, std::string(key) + "/" + std::to_string(i)});
    }
  }
  return out;
}

}  // namespace sls::validate::defs

// DynamoDB list sizes (spec/limits.md §5), the DynamoDB part of the generic E3032: key schemas
// of 1-2 elements, at most 20 GSIs and 5 LSIs, at most 20 projected non-key attributes per
// index and 100 over all indexes of a table.
#include "validate/rules/dynamodb_keys.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

std::string names(const std::vector<KeyElement>& ks) {
  std::string out = "[";
  for (const KeyElement& k : ks) {
    if (out.size() > 1) out += ", ";
    out += k.name;
  }
  return out + "]";
}

void check_key_schema(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r,
                      const tmpl::Node* node, const std::string& sub) {
  const auto ks = read_key_schema(ctx, node);
  if (!ks) return;
  if (ks->size() > static_cast<size_t>(limits::kDynamoKeySchemaMax.value)) {
    const size_t extra = static_cast<size_t>(limits::kDynamoKeySchemaMax.value);
    report_at(ctx, info, r, sub + "/" + std::to_string(extra), node->items[extra],
              aws_constraint(names(*ks), "keySchema",
                             max_length_rule(limits::kDynamoKeySchemaMax.value)));
  } else if (ks->size() < static_cast<size_t>(limits::kDynamoKeySchemaMin.value)) {
    report_at(
        ctx, info, r, sub, *node,
        aws_constraint("[]", "keySchema", min_length_rule(limits::kDynamoKeySchemaMin.value)));
  }
}

// Reports the first item past `max` in the list at `key`, with `message`.
void check_index_count(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r,
                       std::string_view key, const limits::Limit& max, const std::string& message) {
  const tmpl::Node* list = r.properties.get(key);
  if (!list || !list->is_seq()) return;
  const auto limit = static_cast<size_t>(max.value);
  if (list->items.size() <= limit) return;
  report_at(ctx, info, r, std::string(key) + "/" + std::to_string(limit), list->items[limit],
            message);
}

// Per index and summed over the table (the same name in two indexes counts twice).
void check_projections(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r) {
  const auto per_index = static_cast<size_t>(limits::kDynamoProjectedPerIndexMax.value);
  int64_t total = 0;
  for (const TableIndex& index : table_indexes(r.properties)) {
    const tmpl::Node* projection = index.node->get("Projection");
    const tmpl::Node* attrs = projection ? projection->get("NonKeyAttributes") : nullptr;
    if (!attrs || !attrs->is_seq()) continue;
    const std::string sub = index.sub + "/Projection/NonKeyAttributes";
    if (attrs->items.size() > per_index) {
      report_at(ctx, info, r, sub + "/" + std::to_string(per_index), attrs->items[per_index],
                aws_constraint("[" + std::to_string(attrs->items.size()) + " attributes]",
                               "nonKeyAttributes", max_length_rule(per_index)));
    }
    const int64_t before = total;
    total += static_cast<int64_t>(attrs->items.size());
    const int64_t max = limits::kDynamoProjectedAttrsMax.value;
    if (before <= max && total > max) {
      const auto extra = static_cast<size_t>(max - before);
      report_at(ctx, info, r, sub + "/" + std::to_string(extra), attrs->items[extra],
                std::string(kInvalid) + "the indexes of a table may project at most " +
                    std::to_string(max) + " non-key attributes in total");
    }
  }
}

}  // namespace

void dynamodb_counts(const Context& ctx, const RuleInfo& info) {
  for_each_of(ctx, kDynamoTableTypes, [&](const tmpl::Resource& r) {
    check_key_schema(ctx, info, r, r.properties.get("KeySchema"), "KeySchema");
    for (const TableIndex& index : table_indexes(r.properties)) {
      check_key_schema(ctx, info, r, index.node->get("KeySchema"), index.sub + "/KeySchema");
    }
    check_index_count(ctx, info, r, "GlobalSecondaryIndexes", limits::kDynamoGsiMax,
                      std::string(kInvalid) +
                          "GlobalSecondaryIndex count exceeds the per-table limit of " +
                          std::to_string(limits::kDynamoGsiMax.value));
    check_index_count(ctx, info, r, "LocalSecondaryIndexes", limits::kDynamoLsiMax,
                      std::string(kInvalid) +
                          "Number of LocalSecondaryIndexes exceeds per-table limit of " +
                          std::to_string(limits::kDynamoLsiMax.value));
    check_projections(ctx, info, r);
  });
}

}  // namespace sls::validate::defs

// E3039: a table's AttributeDefinitions list exactly the key attributes of the table and its
// indexes (spec/limits.md §5 "Key schema"), cfn-lint's AttributeMismatch with DynamoDB's text.
#include <algorithm>

#include "validate/rules/dynamodb_keys.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3039", Severity::kError, "DynamoDB AttributeDefinitions match the key attributes",
    "DynamoDB accepts AttributeDefinitions that name every key attribute of the table and its "
    "indexes and nothing else.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "aws-resource-dynamodb-table.html"};

constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

struct Named {
  std::string name;
  const tmpl::Node* node;  // the AttributeName value
  std::string sub;         // its path below Properties
};

bool has(const std::vector<Named>& list, const std::string& name) {
  return std::any_of(list.begin(), list.end(), [&](const Named& n) { return n.name == name; });
}

std::string listed(const std::vector<Named>& list) {
  std::string out = "[";
  for (const Named& n : list) {
    if (out.size() > 1) out += ", ";
    out += n.name;
  }
  return out + "]";
}

// Every key attribute of the table and its indexes, each once; nullopt when one is unknown.
std::optional<std::vector<Named>> key_attributes(const Context& ctx, const tmpl::Node& props) {
  std::vector<Named> out;
  std::vector<std::pair<const tmpl::Node*, std::string>> schemas{
      {props.get("KeySchema"), "KeySchema"}};
  for (const TableIndex& index : table_indexes(props)) {
    schemas.emplace_back(index.node->get("KeySchema"), index.sub + "/KeySchema");
  }
  for (const auto& [schema, sub] : schemas) {
    const auto ks = read_key_schema(ctx, schema);
    if (!ks) return std::nullopt;
    for (size_t i = 0; i < ks->size(); ++i) {
      const KeyElement& k = (*ks)[i];
      const std::string at = sub + "/" + std::to_string(i) + "/AttributeName";
      if (!has(out, k.name)) out.push_back(Named{k.name, k.name_node, at});
    }
  }
  return out;
}

std::optional<std::vector<Named>> definitions(const Context& ctx, const tmpl::Node* defs) {
  if (!defs || !defs->is_seq()) return std::nullopt;
  std::vector<Named> out;
  for (size_t i = 0; i < defs->items.size(); ++i) {
    const tmpl::Node* name = defs->items[i].get("AttributeName");
    const std::optional<std::string> n = name ? known_string(ctx, *name) : std::nullopt;
    if (!n) return std::nullopt;
    out.push_back(Named{*n, name, "AttributeDefinitions/" + std::to_string(i) + "/AttributeName"});
  }
  return out;
}

void check_table(const Context& ctx, const tmpl::Resource& r) {
  const auto defs = definitions(ctx, r.properties.get("AttributeDefinitions"));
  const auto keys = defs ? key_attributes(ctx, r.properties) : std::nullopt;
  if (!keys) return;
  for (const Named& k : *keys) {
    if (has(*defs, k.name)) continue;
    report_at(ctx, kInfo, r, k.sub, *k.node,
              std::string(kInvalid) +
                  "Some index key attributes are not defined in AttributeDefinitions. Keys: " +
                  listed(*keys) + ", AttributeDefinitions: " + listed(*defs));
    return;
  }
  for (const Named& d : *defs) {
    if (has(*keys, d.name)) continue;
    report_at(ctx, kInfo, r, d.sub, *d.node,
              std::string(kInvalid) +
                  "Number of attributes in KeySchema does not exactly match number of "
                  "attributes defined in AttributeDefinitions");
    return;
  }
}

void check(const Context& ctx) {
  for_each_of(ctx, kDynamoTableTypes, [&](const tmpl::Resource& r) { check_table(ctx, r); });
}

}  // namespace

extern const Rule kE3039{kInfo, check};

}  // namespace sls::validate::defs

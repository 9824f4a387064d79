// E3911: an index lists NonKeyAttributes only when its ProjectionType is INCLUDE
// (spec/limits.md §5 "Projected attributes").
#include "validate/rules/dynamodb_keys.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3911", Severity::kError, "DynamoDB NonKeyAttributes only with INCLUDE",
    "DynamoDB rejects an index projection that lists NonKeyAttributes unless its "
    "ProjectionType is INCLUDE.",
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html"};

void check_table(const Context& ctx, const tmpl::Resource& r) {
  for (const TableIndex& index : table_indexes(r.properties)) {
    const tmpl::Node* projection = index.node->get("Projection");
    const tmpl::Node* type = projection ? projection->get("ProjectionType") : nullptr;
    const tmpl::Node* attrs = projection ? projection->get("NonKeyAttributes") : nullptr;
    const std::optional<std::string> t = type ? known_string(ctx, *type) : std::nullopt;
    if (!t || *t == "INCLUDE" || !attrs || !attrs->is_seq() || attrs->items.empty()) continue;
    report_at(ctx, kInfo, r, index.sub + "/Projection/NonKeyAttributes", *attrs,
              "One or more parameter values were invalid: ProjectionType is " + *t +
                  ", but NonKeyAttributes is specified");
  }
}

void check(const Context& ctx) {
  for_each_of(ctx, kDynamoTableTypes, [&](const tmpl::Resource& r) { check_table(ctx, r); });
}

}  // namespace

extern const Rule kE3911{kInfo, check};

}  // namespace sls::validate::defs

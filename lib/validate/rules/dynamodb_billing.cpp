// E3638 / E3639: a table's ProvisionedThroughput agrees with its BillingMode (spec/limits.md §5
// "Billing mode"), cfn-lint's ids with DynamoDB's text. As in cfn-lint, zero capacities are
// tolerated on an on-demand table, and only an explicit PROVISIONED requires throughput.
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kTable[] = {"AWS::DynamoDB::Table"};
constexpr std::string_view kSource =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "aws-resource-dynamodb-table.html";
constexpr std::string_view kInvalid = "One or more parameter values were invalid: ";

constexpr RuleInfo kE3638Info{
    "E3638", Severity::kError, "On-demand DynamoDB tables set no capacity",
    "When BillingMode is PAY_PER_REQUEST, ProvisionedThroughput capacities must be absent "
    "(or 0).",
    kSource};
constexpr RuleInfo kE3639Info{
    "E3639", Severity::kError, "Provisioned DynamoDB tables set both capacities",
    "When BillingMode is PROVISIONED, ProvisionedThroughput must give both capacities, each at "
    "least 1.",
    kSource};

constexpr std::string_view kCapacities[] = {"ReadCapacityUnits", "WriteCapacityUnits"};

std::optional<std::string> billing_mode(const Context& ctx, const tmpl::Resource& r) {
  const tmpl::Node* mode = r.properties.get("BillingMode");
  return mode ? known_string(ctx, *mode) : std::nullopt;
}

void check_on_demand(const Context& ctx) {
  for_each_of(ctx, kTable, [&](const tmpl::Resource& r) {
    const tmpl::Node* pt = r.properties.get("ProvisionedThroughput");
    if (billing_mode(ctx, r) != "PAY_PER_REQUEST" || !pt) return;
    for (const std::string_view key : kCapacities) {
      const tmpl::Node* n = pt->get(key);
      const std::optional<int64_t> v = n ? known_int(ctx, *n) : std::nullopt;
      if (!v || *v == 0) continue;
      report_at(ctx, kE3638Info, r, "ProvisionedThroughput/" + std::string(key), *n,
                std::string(kInvalid) +
                    "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                    "BillingMode is PAY_PER_REQUEST");
      return;
    }
  });
}

void check_provisioned(const Context& ctx) {
  for_each_of(ctx, kTable, [&](const tmpl::Resource& r) {
    if (billing_mode(ctx, r) != "PROVISIONED") return;
    const tmpl::Node* pt = r.properties.get("ProvisionedThroughput");
    if (!pt) {
      report_at(ctx, kE3639Info, r, "BillingMode", *r.properties.get("BillingMode"),
                std::string(kInvalid) +
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                    "BillingMode is PROVISIONED");
      return;
    }
    for (const std::string_view key : kCapacities) {
      const tmpl::Node* n = pt->get(key);
      const std::optional<int64_t> v = n ? known_int(ctx, *n) : std::nullopt;
      if (!v || *v >= limits::kDynamoCapacityUnitsMin.value) continue;
      std::string member(key);  // the API's member name starts lower case
      member[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(member[0])));
      const std::string field = "provisionedThroughput." + member;
      report_at(ctx, kE3639Info, r, "ProvisionedThroughput/" + std::string(key), *n,
                aws_constraint(std::to_string(*v), field,
                               min_value_rule(limits::kDynamoCapacityUnitsMin.value)));
    }
  });
}

}  // namespace

extern const Rule kE3638{kE3638Info, check_on_demand};
extern const Rule kE3639{kE3639Info, check_provisioned};

}  // namespace sls::validate::defs

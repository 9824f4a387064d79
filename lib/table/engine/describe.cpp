// TableDescription (spec/dynamodb-api.md 3.1, 3.2), DescribeTable, ListTables, DescribeLimits and
// DescribeEndpoints.
#include <fmt/format.h>

#include "core/limits.h"
#include "table/engine/control.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr int64_t kListTablesMax = 100;
// DescribeLimits: the default quotas of an AWS account (us-east-1).
constexpr int64_t kAccountMaxCapacity = 80000;
constexpr int64_t kTableMaxCapacity = 40000;
// DescribeEndpoints: how long SDKs may cache the answer (AWS answers 1440).
constexpr int64_t kEndpointCacheMinutes = 1440;

json key_schema_json(const KeyAttr& hash, const std::optional<KeyAttr>& range) {
  json ks = json::array({{{"AttributeName", hash.name}, {"KeyType", "HASH"}}});
  if (range) ks.push_back({{"AttributeName", range->name}, {"KeyType", "RANGE"}});
  return ks;
}

json throughput_json(const Throughput& t) {
  json j = {{"NumberOfDecreasesToday", t.decreases_today},
            {"ReadCapacityUnits", t.read},
            {"WriteCapacityUnits", t.write}};
  if (t.last_increase > 0) j["LastIncreaseDateTime"] = t.last_increase;
  if (t.last_decrease > 0) j["LastDecreaseDateTime"] = t.last_decrease;
  return j;
}

json projection_json(const IndexMeta& ix) {
  static constexpr std::string_view kNames[] = {"ALL", "KEYS_ONLY", "INCLUDE"};
  json p = {{"ProjectionType", kNames[static_cast<size_t>(ix.projection)]}};
  if (ix.projection == ProjectionType::kInclude) p["NonKeyAttributes"] = ix.non_key_attributes;
  return p;
}

json index_json(const Context& ctx, const Table& t, size_t i, Connection* conn) {
  const IndexMeta& ix = t.meta.indexes[i];
  const auto [count, bytes] = conn ? count_rows(*conn, t.index_sql[i]) : std::pair{0L, 0L};
  json j = {{"IndexName", ix.name},
            {"KeySchema", key_schema_json(ix.hash, ix.range)},
            {"Projection", projection_json(ix)},
            {"IndexSizeBytes", bytes},
            {"ItemCount", count},
            {"IndexArn", fmt::format("{}/index/{}", ctx.table_arn(t.meta.name), ix.name)}};
  if (ix.global) {
    j["IndexStatus"] = "ACTIVE";
    j["ProvisionedThroughput"] = throughput_json(ix.throughput);
  }
  return j;
}

}  // namespace

json describe(const Context& ctx, const Table& t, std::string_view status, Connection* conn) {
  const TableMeta& m = t.meta;
  json defs = json::array();
  for (const KeyAttr& d : m.attribute_definitions)
    defs.push_back({{"AttributeName", d.name}, {"AttributeType", std::string(type_tag(d.type))}});
  const auto [count, bytes] = conn ? count_rows(*conn, t.sql) : std::pair{0L, 0L};
  json d = {{"AttributeDefinitions", defs},
            {"TableName", m.name},
            {"KeySchema", key_schema_json(m.hash, m.range)},
            {"TableStatus", status},
            {"CreationDateTime", m.created},
            {"ProvisionedThroughput", throughput_json(m.throughput)},
            {"TableSizeBytes", bytes},
            {"ItemCount", count},
            {"TableArn", ctx.table_arn(m.name)},
            {"TableId", m.table_id},
            {"DeletionProtectionEnabled", m.deletion_protection}};
  if (m.billing == BillingMode::kPayPerRequest) {
    d["BillingModeSummary"] = {{"BillingMode", "PAY_PER_REQUEST"},
                               {"LastUpdateToPayPerRequestDateTime", m.billing_changed}};
  } else if (m.billing_changed > 0) {
    d["BillingModeSummary"] = {{"BillingMode", "PROVISIONED"}};
  }
  json lsis = json::array();
  json gsis = json::array();
  for (size_t i = 0; i < m.indexes.size(); ++i)
    (m.indexes[i].global ? gsis : lsis).push_back(index_json(ctx, t, i, conn));
  if (!lsis.empty()) d["LocalSecondaryIndexes"] = lsis;
  if (!gsis.empty()) d["GlobalSecondaryIndexes"] = gsis;
  if (m.stream.enabled) {
    d["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", m.stream.view_type}};
    d["LatestStreamLabel"] = m.stream.label;
    d["LatestStreamArn"] = fmt::format("{}/stream/{}", ctx.table_arn(m.name), m.stream.label);
  }
  if (m.table_class) d["TableClassSummary"] = {{"TableClass", *m.table_class}};
  if (!m.sse_description.is_null()) d["SSEDescription"] = m.sse_description;
  return d;
}

json describe_table(Context& ctx, const json& request) {
  check_members(request, {{"TableName", Member::kString}});
  ShapeErrors errors;
  errors.table_name(request);
  errors.throw_if_any();
  const std::string& name = *get_string(request, "TableName");
  const auto table = ctx.require_table(name, fmt::format(msg::kTableNotFound, name));
  ReadTxn read(ctx.store, /*snapshot=*/true);
  return {{"Table", describe(ctx, *table, "ACTIVE", &read.conn())}};
}

json list_tables(Context& ctx, const json& request) {
  check_members(request,
                {{"ExclusiveStartTableName", Member::kString}, {"Limit", Member::kInteger}});
  ShapeErrors errors;
  if (get_member(request, "ExclusiveStartTableName"))
    errors.table_name(request, "ExclusiveStartTableName", "exclusiveStartTableName");
  errors.range(request, "Limit", "limit", 1, kListTablesMax);
  errors.throw_if_any();
  const std::string start = get_string_or(request, "ExclusiveStartTableName", "");
  const auto limit = static_cast<size_t>(get_int(request, "Limit").value_or(kListTablesMax));
  json names = json::array();
  bool more = false;
  for (const std::string& name : ctx.table_names()) {
    if (!start.empty() && name <= start) continue;
    if (names.size() == limit) {
      more = true;
      break;
    }
    names.push_back(name);
  }
  json out = {{"TableNames", names}};
  if (more) out["LastEvaluatedTableName"] = names.back();
  return out;
}

json describe_limits(Context& /*ctx*/, const json& request) {
  check_members(request, {});
  return {{"AccountMaxReadCapacityUnits", kAccountMaxCapacity},
          {"AccountMaxWriteCapacityUnits", kAccountMaxCapacity},
          {"TableMaxReadCapacityUnits", kTableMaxCapacity},
          {"TableMaxWriteCapacityUnits", kTableMaxCapacity}};
}

json describe_endpoints(Context& ctx, const json& request) {
  check_members(request, {});
  return {{"Endpoints",
           json::array({{{"Address", fmt::format("dynamodb.{}.amazonaws.com", ctx.options.region)},
                         {"CachePeriodInMinutes", kEndpointCacheMinutes}}})}};
}

}  // namespace sls::table::engine

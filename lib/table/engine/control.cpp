// CreateTable and the key schema / index validations it shares with UpdateTable
// (spec/dynamodb-api.md 3.1).
#include "table/engine/control.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>
#include <set>

#include <fmt/format.h>

#include "core/limits.h"
#include "core/utc.h"
#include "table/engine/streams.h"
#include "table/engine/tags.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

const int64_t kMaxLsis = limits::kDynamoLsiMax.value;
const int64_t kMaxGsis = limits::kDynamoGsiMax.value;
const int64_t kMaxProjected = limits::kDynamoProjectedAttrsMax.value;
const int64_t kMaxKeySchema = limits::kDynamoKeySchemaMax.value;
const int64_t kMinCapacity = limits::kDynamoCapacityUnitsMin.value;
// AWS rejects capacity above 10^12 with "out of bounds" (spec 3.1, ◐).
constexpr int64_t kMaxCapacity = 1'000'000'000'000;
constexpr int kMillisPerSecond = 1000;

std::string names_list(const std::vector<std::string>& names) {
  return fmt::format("{}", fmt::join(names, ", "));
}

void check_capacity_bounds(const Throughput& t) {
  if (t.read > kMaxCapacity)
    fail_validation(fmt::format(msg::kThroughputOutOfBounds, t.read, "ReadCapacityUnits"));
  if (t.write > kMaxCapacity)
    fail_validation(fmt::format(msg::kThroughputOutOfBounds, t.write, "WriteCapacityUnits"));
}

ProjectionType parse_projection(const json* p, std::vector<std::string>& non_key) {
  const std::string* type = p ? get_string(*p, "ProjectionType") : nullptr;
  const json* attrs = p ? get_member(*p, "NonKeyAttributes") : nullptr;
  if (type == nullptr) fail_validation(fmt::format(msg::kUnknownProjection, "null"));
  if (*type != "INCLUDE" && attrs != nullptr)
    fail_validation(fmt::format(msg::kNonKeyWithProjection, *type));
  if (attrs) non_key = attrs->get<std::vector<std::string>>();
  if (*type == "ALL") return ProjectionType::kAll;
  return *type == "KEYS_ONLY" ? ProjectionType::kKeysOnly : ProjectionType::kInclude;
}

std::vector<KeyAttr> parse_definitions(const json& defs) {
  std::vector<KeyAttr> out;
  for (const json& d : defs)
    out.push_back({d.at("AttributeName").get<std::string>(),
                   *type_from_tag(d.at("AttributeType").get<std::string>())});
  return out;
}

void check_used_definitions(const TableMeta& m) {
  std::vector<std::string> used;
  const auto use = [&](const std::string& n) {
    if (std::find(used.begin(), used.end(), n) == used.end()) used.push_back(n);
  };
  use(m.hash.name);
  if (m.range) use(m.range->name);
  for (const IndexMeta& ix : m.indexes) {
    use(ix.hash.name);
    if (ix.range) use(ix.range->name);
  }
  if (used.size() == m.attribute_definitions.size()) return;
  if (m.indexes.empty()) fail_validation(std::string(msg::kDefinitionsCountMismatch));
  std::vector<std::string> defined_names;
  for (const KeyAttr& d : m.attribute_definitions) defined_names.push_back(d.name);
  fail_validation(
      fmt::format(msg::kDefinitionsUnused, names_list(defined_names), names_list(used)));
}

void check_index_counts(const TableMeta& m) {
  std::set<std::string> seen;
  int64_t lsis = 0;
  int64_t gsis = 0;
  int64_t projected = 0;
  for (const IndexMeta& ix : m.indexes) {
    if (!seen.insert(ix.name).second)
      fail_validation(fmt::format(msg::kDuplicateIndexName, ix.name));
    (ix.global ? gsis : lsis)++;
    projected += static_cast<int64_t>(ix.non_key_attributes.size());
  }
  if (lsis > kMaxLsis) fail_validation(std::string(msg::kTooManyLsis));
  if (gsis > kMaxGsis) fail_validation(std::string(msg::kTooManyGsis));
  if (projected > kMaxProjected) fail_validation(fmt::format(msg::kTooManyProjected, projected));
}

void parse_indexes(const json& request, const char* member, bool global, TableMeta& m) {
  const json* list = get_member(request, member);
  if (list == nullptr) return;
  if (list->empty())
    fail_validation(fmt::format(msg::kIndexListEmpty,
                                global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes"));
  if (!global && !m.range) fail_validation(std::string(msg::kLsiNeedsTableRange));
  for (const json& ix : *list) m.indexes.push_back(parse_index(ix, global, m));
}

void create_shape(const json& request) {
  ShapeErrors errors;
  if (get_member(request, "TableName")) errors.table_name(request);
  const json* defs = get_member(request, "AttributeDefinitions");
  if (defs == nullptr) errors.add(nullptr, "attributeDefinitions", msg::kRuleNotNull);
  for (size_t i = 0; defs && i < defs->size(); ++i)
    errors.enumeration((*defs)[i], "AttributeType",
                       fmt::format("attributeDefinitions.{}.member.attributeType", i + 1),
                       {"B", "N", "S"});
  key_schema_shape(errors, get_member(request, "KeySchema"), "keySchema");
  errors.enumeration(request, "BillingMode", "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  throughput_shape(errors, get_member(request, "ProvisionedThroughput"), "provisionedThroughput");
  for (const char* member : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"}) {
    const json* list = get_member(request, member);
    const std::string base = member[0] == 'L' ? "localSecondaryIndexes" : "globalSecondaryIndexes";
    for (size_t i = 0; list && i < list->size(); ++i) {
      const json& ix = (*list)[i];
      const std::string path = fmt::format("{}.{}.member", base, i + 1);
      errors.index_name(ix, "IndexName", path + ".indexName");
      if (!get_member(ix, "IndexName")) errors.add(nullptr, path + ".indexName", msg::kRuleNotNull);
      key_schema_shape(errors, get_member(ix, "KeySchema"), path + ".keySchema");
      projection_shape(errors, get_member(ix, "Projection"), path + ".projection");
      throughput_shape(errors, get_member(ix, "ProvisionedThroughput"),
                       path + ".provisionedThroughput");
    }
  }
  if (const json* s = get_member(request, "StreamSpecification")) {
    errors.required(*s, "StreamEnabled", "streamSpecification.streamEnabled");
    errors.enumeration(*s, "StreamViewType", "streamSpecification.streamViewType",
                       {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
  }
  errors.enumeration(request, "TableClass", "tableClass",
                     {"STANDARD", "STANDARD_INFREQUENT_ACCESS"});
  errors.throw_if_any();
}

void check_create_members(const json& request) {
  check_members(request, {{"AttributeDefinitions", Member::kList},
                          {"TableName", Member::kString},
                          {"KeySchema", Member::kList},
                          {"LocalSecondaryIndexes", Member::kList},
                          {"GlobalSecondaryIndexes", Member::kList},
                          {"BillingMode", Member::kString},
                          {"ProvisionedThroughput", Member::kStructure},
                          {"StreamSpecification", Member::kStructure},
                          {"SSESpecification", Member::kStructure},
                          {"Tags", Member::kList},
                          {"TableClass", Member::kString},
                          {"DeletionProtectionEnabled", Member::kBool}});
  if (const json* defs = get_member(request, "AttributeDefinitions"))
    for (const json& d : *defs) {
      check_structure_member(d);
      check_members(d, {{"AttributeName", Member::kString}, {"AttributeType", Member::kString}});
    }
  if (const json* ks = get_member(request, "KeySchema")) check_key_schema_members(*ks);
  if (const json* t = get_member(request, "ProvisionedThroughput"))
    check_members(*t,
                  {{"ReadCapacityUnits", Member::kLong}, {"WriteCapacityUnits", Member::kLong}});
  for (const char* member : {"LocalSecondaryIndexes", "GlobalSecondaryIndexes"})
    if (const json* list = get_member(request, member))
      for (const json& ix : *list) check_index_members(ix);
  if (const json* s = get_member(request, "StreamSpecification"))
    check_members(*s, {{"StreamEnabled", Member::kBool}, {"StreamViewType", Member::kString}});
  if (const json* tags = get_member(request, "Tags"))
    for (const json& t : *tags) {
      check_structure_member(t);
      check_members(t, {{"Key", Member::kString}, {"Value", Member::kString}});
    }
}

StreamSpec parse_stream(const json* spec, double now) {
  StreamSpec s;
  if (spec == nullptr) return s;
  const std::string* view = get_string(*spec, "StreamViewType");
  if (!get_bool(*spec, "StreamEnabled", false)) {
    if (view != nullptr) fail_validation(std::string(msg::kStreamViewTypeWhenDisabled));
    return s;
  }
  if (view == nullptr) fail_validation(std::string(msg::kStreamViewTypeRequired));
  s.enabled = true;
  s.view_type = *view;
  s.label = stream_label(now);
  return s;
}

TableMeta parse_create(Context& ctx, const json& request) {
  TableMeta m;
  m.name = *get_string(request, "TableName");
  m.created = ctx.now();
  m.table_id = new_table_id();
  m.attribute_definitions = parse_definitions(*get_member(request, "AttributeDefinitions"));
  const bool on_demand = get_string_or(request, "BillingMode", "PROVISIONED") == "PAY_PER_REQUEST";
  const json* throughput = get_member(request, "ProvisionedThroughput");
  if (on_demand && throughput) fail_validation(std::string(msg::kPayPerRequestThroughput));
  if (!on_demand && !throughput) fail_validation(std::string(msg::kProvisionedNeedsThroughput));
  m.billing = on_demand ? BillingMode::kPayPerRequest : BillingMode::kProvisioned;
  if (on_demand) m.billing_changed = m.created;
  if (throughput) m.throughput = parse_throughput(*throughput);
  check_capacity_bounds(m.throughput);
  const KeyNames keys =
      parse_key_schema(*get_member(request, "KeySchema"), m.attribute_definitions);
  m.hash = defined(keys.hash, m.attribute_definitions);
  if (keys.range) m.range = defined(*keys.range, m.attribute_definitions);
  parse_indexes(request, "LocalSecondaryIndexes", false, m);
  parse_indexes(request, "GlobalSecondaryIndexes", true, m);
  check_index_counts(m);
  check_used_definitions(m);
  m.stream = parse_stream(get_member(request, "StreamSpecification"), m.created);
  if (const json* tags = get_member(request, "Tags"))
    for (const json& t : *tags) m.tags.emplace_back(t.value("Key", ""), t.value("Value", ""));
  m.deletion_protection = get_bool(request, "DeletionProtectionEnabled", false);
  if (const std::string* c = get_string(request, "TableClass")) m.table_class = *c;
  if (const json* sse = get_member(request, "SSESpecification");
      sse && get_bool(*sse, "Enabled", false))
    m.sse_description = {{"Status", "ENABLED"}, {"SSEType", get_string_or(*sse, "SSEType", "KMS")}};
  return m;
}

}  // namespace

void check_key_schema_members(const json& ks) {
  check_list_member(ks);
  for (const json& e : ks) {
    check_structure_member(e);
    check_members(e, {{"AttributeName", Member::kString}, {"KeyType", Member::kString}});
  }
}

void check_index_members(const json& ix) {
  check_structure_member(ix);
  check_members(ix, {{"IndexName", Member::kString},
                     {"KeySchema", Member::kList},
                     {"Projection", Member::kStructure},
                     {"ProvisionedThroughput", Member::kStructure}});
  if (const json* ks = get_member(ix, "KeySchema")) check_key_schema_members(*ks);
  if (const json* p = get_member(ix, "Projection"))
    check_members(*p,
                  {{"ProjectionType", Member::kString}, {"NonKeyAttributes", Member::kStringList}});
  if (const json* t = get_member(ix, "ProvisionedThroughput"))
    check_members(*t,
                  {{"ReadCapacityUnits", Member::kLong}, {"WriteCapacityUnits", Member::kLong}});
}

void key_schema_shape(ShapeErrors& errors, const json* ks, std::string_view path) {
  if (ks == nullptr) return errors.add(nullptr, path, msg::kRuleNotNull);
  if (ks->empty()) errors.add(ks, path, fmt::format(msg::kRuleMinLength, 1));
  if (static_cast<int64_t>(ks->size()) > kMaxKeySchema)
    errors.add(ks, path, fmt::format(msg::kRuleMaxLength, kMaxKeySchema));
  for (size_t i = 0; i < ks->size(); ++i)
    errors.enumeration((*ks)[i], "KeyType", fmt::format("{}.{}.member.keyType", path, i + 1),
                       {"HASH", "RANGE"});
}

void throughput_shape(ShapeErrors& errors, const json* t, std::string_view path) {
  if (t == nullptr) return;
  for (const auto& [member, camel] : {std::pair{"ReadCapacityUnits", "readCapacityUnits"},
                                      std::pair{"WriteCapacityUnits", "writeCapacityUnits"}}) {
    const std::string p = fmt::format("{}.{}", path, camel);
    if (!get_member(*t, member)) errors.add(nullptr, p, msg::kRuleNotNull);
    errors.range(*t, member, p, kMinCapacity, INT64_MAX);
  }
}

void projection_shape(ShapeErrors& errors, const json* p, std::string_view path) {
  if (p == nullptr) return errors.add(nullptr, path, msg::kRuleNotNull);
  errors.enumeration(*p, "ProjectionType", fmt::format("{}.projectionType", path),
                     {"ALL", "INCLUDE", "KEYS_ONLY"});
}

KeyAttr defined(const std::string& name, const std::vector<KeyAttr>& definitions) {
  for (const KeyAttr& d : definitions)
    if (d.name == name) return d;
  return {name, ValueType::kS};  // unreachable after parse_key_schema
}

KeyNames parse_key_schema(const json& ks, const std::vector<KeyAttr>& definitions) {
  std::vector<std::string> names;
  for (const json& e : ks) names.push_back(e.value("AttributeName", ""));
  if (names.size() > definitions.size()) fail_validation(std::string(msg::kKeyNoDefinition));
  std::vector<std::string> defined_names;
  for (const KeyAttr& d : definitions) defined_names.push_back(d.name);
  for (const std::string& n : names)
    if (std::find(defined_names.begin(), defined_names.end(), n) == defined_names.end())
      fail_validation(
          fmt::format(msg::kKeysNotDefined, names_list(names), names_list(defined_names)));
  if (names.size() == 2 && names[0] == names[1])
    fail_validation(std::string(msg::kHashRangeSameName));
  if (ks[0].value("KeyType", "") != "HASH") fail_validation(std::string(msg::kFirstNotHash));
  if (names.size() == 2 && ks[1].value("KeyType", "") != "RANGE")
    fail_validation(std::string(msg::kSecondNotRange));
  KeyNames k{names[0], std::nullopt};
  if (names.size() == 2) k.range = names[1];
  return k;
}

Throughput parse_throughput(const json& t) {
  Throughput out;
  out.read = get_int(t, "ReadCapacityUnits").value_or(0);
  out.write = get_int(t, "WriteCapacityUnits").value_or(0);
  return out;
}

IndexMeta parse_index(const json& j, bool global, const TableMeta& table) {
  IndexMeta ix;
  ix.name = j.value("IndexName", "");
  ix.global = global;
  const KeyNames keys = parse_key_schema(j.at("KeySchema"), table.attribute_definitions);
  ix.hash = defined(keys.hash, table.attribute_definitions);
  if (keys.range) ix.range = defined(*keys.range, table.attribute_definitions);
  if (!global) {
    if (!ix.range) fail_validation(fmt::format(msg::kLsiNeedsRange, ix.name));
    if (ix.hash.name != table.hash.name)
      fail_validation(fmt::format(msg::kLsiHashMismatch, ix.name, ix.hash.name, table.hash.name));
  }
  ix.projection = parse_projection(get_member(j, "Projection"), ix.non_key_attributes);
  const json* t = get_member(j, "ProvisionedThroughput");
  if (global && table.billing == BillingMode::kPayPerRequest && t)
    fail_validation(fmt::format(msg::kIndexThroughputOnDemand, ix.name));
  if (global && table.billing == BillingMode::kProvisioned && !t)
    fail_validation(fmt::format(msg::kIndexThroughputMissing, ix.name));
  if (global && t) {
    ix.throughput = parse_throughput(*t);
    check_capacity_bounds(ix.throughput);
  }
  return ix;
}

std::string stream_label(double epoch_seconds) {
  const int64_t total_ms = std::llround(epoch_seconds * kMillisPerSecond);
  const int millis = static_cast<int>(total_ms % kMillisPerSecond);
  const UtcTime t = utc_time_of_seconds(total_ms / kMillisPerSecond);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, millis);
}

std::string new_table_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t a = rng();
  const uint64_t b = rng();
  // A version-4 UUID: random bits with the version and variant nibbles set.
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                     (b >> 48 & 0x3fff) | 0x8000, b & 0xffffffffffffULL);
}

nlohmann::json create_table(Context& ctx, const json& request) {
  check_create_members(request);
  create_shape(request);
  if (!get_member(request, "TableName"))
    fail_validation(fmt::format(msg::kParameterRequired, "TableName"));
  TableMeta meta = parse_create(ctx, request);
  // Tags are checked as TagResource checks them (spec 3.18).
  if (const json* tags = get_member(request, "Tags")) meta.tags = parse_tags(*tags);
  WriteTxn txn(ctx.store);
  if (ctx.find_table(meta.name))
    throw Error(Errc::kConflict, fmt::format(msg::kTableExists, meta.name));
  meta.sql_id = ctx.store.next_id(txn);
  for (IndexMeta& ix : meta.indexes) ix.sql_id = ctx.store.next_id(txn);
  auto table = std::make_shared<const Table>(std::move(meta));
  ctx.store.create_table_storage(txn, *table);
  ctx.store.save_table(txn, table->meta);
  sync_stream_catalog(ctx, txn, nullptr, &table->meta);
  txn.commit();
  ctx.publish(table);
  return {{"TableDescription", describe(ctx, *table, "CREATING", nullptr)}};
}

}  // namespace sls::table::engine

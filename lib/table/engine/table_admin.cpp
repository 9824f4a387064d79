// UpdateTable and DeleteTable (spec/dynamodb-api.md 3.4, 3.5). Changes finish before the reply:
// the reply shows AWS's transitional status, the next DescribeTable shows ACTIVE.
#include <fmt/format.h>

#include "table/engine/control.h"
#include "table/engine/streams.h"
#include "table/engine/ttl.h"
#include "table/engine/write_path.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

void check_update_members(const json& request) {
  check_members(request, {{"AttributeDefinitions", Member::kList},
                          {"TableName", Member::kString},
                          {"BillingMode", Member::kString},
                          {"ProvisionedThroughput", Member::kStructure},
                          {"GlobalSecondaryIndexUpdates", Member::kList},
                          {"StreamSpecification", Member::kStructure},
                          {"SSESpecification", Member::kStructure},
                          {"TableClass", Member::kString},
                          {"DeletionProtectionEnabled", Member::kBool}});
  if (const json* t = get_member(request, "ProvisionedThroughput"))
    check_members(*t,
                  {{"ReadCapacityUnits", Member::kLong}, {"WriteCapacityUnits", Member::kLong}});
  if (const json* s = get_member(request, "StreamSpecification"))
    check_members(*s, {{"StreamEnabled", Member::kBool}, {"StreamViewType", Member::kString}});
  if (const json* updates = get_member(request, "GlobalSecondaryIndexUpdates"))
    for (const json& u : *updates) {
      check_structure_member(u);
      check_members(u, {{"Update", Member::kStructure},
                        {"Create", Member::kStructure},
                        {"Delete", Member::kStructure}});
      if (const json* c = get_member(u, "Create")) check_index_members(*c);
    }
}

void update_shape(const json& request) {
  ShapeErrors errors;
  errors.table_name(request);
  errors.enumeration(request, "BillingMode", "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"});
  throughput_shape(errors, get_member(request, "ProvisionedThroughput"), "provisionedThroughput");
  if (const json* s = get_member(request, "StreamSpecification")) {
    errors.required(*s, "StreamEnabled", "streamSpecification.streamEnabled");
    errors.enumeration(*s, "StreamViewType", "streamSpecification.streamViewType",
                       {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"});
  }
  errors.throw_if_any();
}

void update_billing(const json& request, TableMeta& m, double now) {
  const std::string* mode = get_string(request, "BillingMode");
  const json* t = get_member(request, "ProvisionedThroughput");
  const bool on_demand =
      mode ? *mode == "PAY_PER_REQUEST" : m.billing == BillingMode::kPayPerRequest;
  if (on_demand && t) fail_validation(std::string(msg::kPayPerRequestThroughput));
  if (mode && !on_demand && m.billing == BillingMode::kPayPerRequest && !t)
    fail_validation(std::string(msg::kProvisionedNeedsThroughputUpdate));
  if (mode) {
    const BillingMode next = on_demand ? BillingMode::kPayPerRequest : BillingMode::kProvisioned;
    if (next != m.billing) m.billing_changed = now;
    m.billing = next;
    if (on_demand) m.throughput = Throughput{};
  }
  if (!t) return;
  const Throughput want = parse_throughput(*t);
  if (!mode && want.read == m.throughput.read && want.write == m.throughput.write)
    fail_validation(fmt::format(msg::kThroughputUnchanged, m.throughput.read, want.read,
                                m.throughput.write, want.write));
  if (want.read < m.throughput.read || want.write < m.throughput.write) {
    m.throughput.decreases_today++;
    m.throughput.last_decrease = now;
  }
  if (want.read > m.throughput.read || want.write > m.throughput.write)
    m.throughput.last_increase = now;
  m.throughput.read = want.read;
  m.throughput.write = want.write;
}

void update_stream(const json& request, TableMeta& m, double now) {
  const json* s = get_member(request, "StreamSpecification");
  if (s == nullptr) return;
  const std::string* view = get_string(*s, "StreamViewType");
  if (get_bool(*s, "StreamEnabled", false)) {
    if (view == nullptr) fail_validation(std::string(msg::kStreamEnableNeedsViewType));
    if (m.stream.enabled) fail_validation(fmt::format(msg::kStreamAlreadyEnabled, m.name));
    m.stream = {true, *view, stream_label(now)};
  } else {
    if (view != nullptr) fail_validation(std::string(msg::kStreamDisableWithViewType));
    if (!m.stream.enabled) fail_validation(fmt::format(msg::kNoStreamToDisable, m.name));
    m.stream.enabled = false;  // the label stays: the old stream remains readable
  }
}

// GSI Create/Update/Delete. Returns the position of a created index (to backfill), if any.
std::optional<std::string> update_indexes(const json& request, TableMeta& m,
                                          std::optional<std::string>& deleted) {
  const json* updates = get_member(request, "GlobalSecondaryIndexUpdates");
  if (updates == nullptr) return std::nullopt;
  int online = 0;
  std::set<std::string> seen;
  for (const json& u : *updates) {
    const json* c = get_member(u, "Create");
    const json* d = get_member(u, "Delete");
    const json* up = get_member(u, "Update");
    if (!c && !d && !up) fail_validation(std::string(msg::kIndexUpdateEmpty));
    const json& body = c ? *c : d ? *d : *up;
    const std::string name = body.value("IndexName", "");
    if (!seen.insert(name).second) fail_validation(fmt::format(msg::kOneUpdatePerIndex, name));
    if (c || d) online++;
  }
  if (online > 1) throw Error(Errc::kLimitExceeded, std::string(msg::kOneIndexAtATime));
  std::optional<std::string> created;
  for (const json& u : *updates) {
    if (const json* c = get_member(u, "Create")) {
      const std::string name = c->value("IndexName", "");
      if (m.find_index(name)) fail_validation(fmt::format(msg::kIndexExists, name));
      if (const json* defs = get_member(request, "AttributeDefinitions"))
        for (const json& def : *defs) {
          const KeyAttr k{def.value("AttributeName", ""),
                          *type_from_tag(def.value("AttributeType", "S"))};
          const bool known =
              std::any_of(m.attribute_definitions.begin(), m.attribute_definitions.end(),
                          [&](const KeyAttr& a) { return a.name == k.name; });
          if (!known) m.attribute_definitions.push_back(k);
        }
      m.indexes.push_back(parse_index(*c, true, m));
      created = name;
    } else if (const json* d = get_member(u, "Delete")) {
      const std::string name = d->value("IndexName", "");
      const IndexMeta* ix = m.find_index(name);
      if (ix == nullptr || !ix->global)
        throw Error(Errc::kNotFound, fmt::format(msg::kIndexNotFound, name));
      deleted = name;
    } else if (const json* up = get_member(u, "Update")) {
      const std::string name = up->value("IndexName", "");
      const IndexMeta* ix = m.find_index(name);
      if (ix == nullptr || !ix->global)
        throw Error(Errc::kNotFound, fmt::format(msg::kIndexNotFound, name));
      if (const json* t = get_member(*up, "ProvisionedThroughput")) {
        const Throughput want = parse_throughput(*t);
        for (IndexMeta& i : m.indexes)
          if (i.name == name) {
            i.throughput.read = want.read;
            i.throughput.write = want.write;
          }
      }
    }
  }
  return created;
}

// Attribute definitions no key of the table or its indexes uses any more are dropped.
void prune_definitions(TableMeta& m) {
  std::erase_if(m.attribute_definitions, [&](const KeyAttr& d) {
    if (d.name == m.hash.name || (m.range && d.name == m.range->name)) return false;
    return std::none_of(m.indexes.begin(), m.indexes.end(), [&](const IndexMeta& ix) {
      return ix.hash.name == d.name || (ix.range && ix.range->name == d.name);
    });
  });
}

bool has_change(const json& request) {
  for (const char* member : {"ProvisionedThroughput", "BillingMode", "StreamSpecification",
                             "GlobalSecondaryIndexUpdates", "SSESpecification", "TableClass",
                             "DeletionProtectionEnabled", "ReplicaUpdates"})
    if (get_member(request, member)) return true;
  return false;
}

}  // namespace

json update_table(Context& ctx, const json& request) {
  check_update_members(request);
  update_shape(request);
  if (!has_change(request)) fail_validation(std::string(msg::kNothingToUpdate));
  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto old = ctx.require_table(name, fmt::format(msg::kTableNotFound, name));
  TableMeta m = old->meta;
  const double now = ctx.now();
  update_billing(request, m, now);
  std::optional<std::string> deleted;
  const std::optional<std::string> created = update_indexes(request, m, deleted);
  update_stream(request, m, now);
  if (const json* p = get_member(request, "DeletionProtectionEnabled"))
    m.deletion_protection = p->get<bool>();
  if (const std::string* c = get_string(request, "TableClass")) m.table_class = *c;
  if (const json* sse = get_member(request, "SSESpecification"))
    m.sse_description =
        get_bool(*sse, "Enabled", false)
            ? json{{"Status", "ENABLED"}, {"SSEType", get_string_or(*sse, "SSEType", "KMS")}}
            : json();
  if (deleted) {
    for (size_t i = 0; i < m.indexes.size(); ++i)
      if (m.indexes[i].name == *deleted) ctx.store.drop_index_storage(txn, old->index_sql[i]);
    std::erase_if(m.indexes, [&](const IndexMeta& ix) { return ix.name == *deleted; });
    prune_definitions(m);
  }
  if (created) m.indexes.back().sql_id = ctx.store.next_id(txn);
  auto table = std::make_shared<const Table>(std::move(m));
  if (created) {
    ctx.store.create_index_storage(txn, table->index_sql.back());
    backfill_index(txn, *table, table->meta.indexes.size() - 1);
  }
  ctx.store.save_table(txn, table->meta);
  sync_stream_catalog(ctx, txn, &old->meta, &table->meta);
  json description = describe(ctx, *table, "UPDATING", &txn.conn(), created.value_or(""));
  txn.commit();
  ctx.publish(table);
  return {{"TableDescription", description}};
}

json delete_table(Context& ctx, const json& request) {
  check_members(request, {{"TableName", Member::kString}});
  ShapeErrors errors;
  errors.table_name(request);
  errors.throw_if_any();
  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto table = ctx.require_table(name, fmt::format(msg::kTableNotFound, name));
  if (table->meta.deletion_protection) fail_validation(std::string(msg::kDeletionProtected));
  const json full = describe(ctx, *table, "DELETING", &txn.conn());
  json d;
  for (const char* member :
       {"DeletionProtectionEnabled", "ItemCount", "ProvisionedThroughput", "TableArn", "TableId",
        "TableName", "TableSizeBytes", "TableStatus", "StreamSpecification", "LatestStreamLabel",
        "LatestStreamArn", "BillingModeSummary"})
    if (full.contains(member)) d[member] = full[member];
  ctx.store.drop_table_storage(txn, *table);
  ctx.store.delete_table_meta(txn, table->meta.name);
  sync_stream_catalog(ctx, txn, &table->meta, nullptr);  // the stream stays readable for 24 h
  clear_ttl_index(txn, table->meta.sql_id);
  txn.commit();
  ctx.unpublish(table->meta.name);
  return {{"TableDescription", d}};
}

}  // namespace sls::table::engine

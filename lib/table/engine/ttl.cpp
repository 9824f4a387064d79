// UpdateTimeToLive, DescribeTimeToLive, the expiry index and the sweep (spec/dynamodb-api.md
// 3.17; see ttl.h for the index layout).
#include "table/engine/ttl.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "table/engine/item_codec.h"
#include "table/engine/request.h"
#include "table/engine/streams.h"
#include "table/engine/write_path.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr double kMillis = 1000;
// Items whose expiry is more than five years in the past never expire (spec 3.17).
constexpr int64_t kMaxPastMs = int64_t{5} * 365 * 24 * 60 * 60 * 1000;
// Expiry times are clamped into this range so that arithmetic on them cannot overflow.
constexpr double kClampMs = 4e18;
// Deletions per transaction of a sweep: small enough that a writer waits at most a few ms.
constexpr int64_t kSweepBatch = 100;
constexpr size_t kTtlAttributeMax = 255;

const char* const kTtlTable =
    "CREATE TABLE IF NOT EXISTS sls_ttl(tbl INTEGER NOT NULL, expires_ms INTEGER NOT NULL, "
    "h INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, "
    "PRIMARY KEY(tbl, expires_ms, h, pk, sk)) WITHOUT ROWID";

void put_entry(Connection& c, int64_t tbl, int64_t expires, const EncodedKey& k) {
  auto s =
      c.prepare("INSERT OR REPLACE INTO sls_ttl(tbl, expires_ms, h, pk, sk) VALUES(?, ?, ?, ?, ?)");
  s->bind(1, tbl).bind(2, expires).bind(3, k.hash).bind(4, k.pk).bind(5, k.sk);
  s->run();
}

void delete_entry(Connection& c, int64_t tbl, int64_t expires, const EncodedKey& k) {
  auto s = c.prepare(
      "DELETE FROM sls_ttl WHERE tbl = ? AND expires_ms = ? AND h = ? AND pk = ? AND sk = ?");
  s->bind(1, tbl).bind(2, expires).bind(3, k.hash).bind(4, k.pk).bind(5, k.sk);
  s->run();
}

bool expired(int64_t expires, int64_t now_ms) {
  return expires < now_ms && expires >= now_ms - kMaxPastMs;
}

struct Entry {
  int64_t expires = 0;
  EncodedKey key;
};

std::vector<Entry> due_entries(Connection& c, int64_t tbl, int64_t now_ms) {
  auto s = c.prepare(
      "SELECT expires_ms, h, pk, sk FROM sls_ttl WHERE tbl = ? AND expires_ms >= ? AND "
      "expires_ms < ? ORDER BY expires_ms LIMIT ?");
  s->bind(1, tbl).bind(2, now_ms - kMaxPastMs).bind(3, now_ms).bind(4, kSweepBatch);
  std::vector<Entry> out;
  while (s->step())
    out.push_back({s->column_int(0), EncodedKey{s->column_int(1), std::string(s->column_blob(2)),
                                                std::string(s->column_blob(3))}});
  return out;
}

// One batch of one table. Returns (entries looked at, items deleted).
std::pair<size_t, size_t> sweep_batch(Context& ctx, const std::string& name) {
  WriteTxn txn(ctx.store);
  const auto table = ctx.find_table(name);
  if (!table || !table->meta.ttl_attribute) return {0, 0};
  const int64_t now_ms = ctx.now_ms();
  const std::vector<Entry> due = due_entries(txn.conn(), table->meta.sql_id, now_ms);
  size_t deleted = 0;
  for (const Entry& e : due) {
    const std::optional<Item> item = read_item(txn.conn(), *table, e.key);
    const std::optional<int64_t> at =
        item ? expiry_ms(*item, *table->meta.ttl_attribute) : std::nullopt;
    if (!at || *at != e.expires || !expired(*at, now_ms)) {
      delete_entry(txn.conn(), table->meta.sql_id, e.expires, e.key);  // stale: never expected
      continue;
    }
    apply_change(ctx, txn, *table, e.key, &*item, nullptr, ChangeKind::kTtlDelete);
    ++deleted;
  }
  txn.commit();
  return {due.size(), deleted};
}

void check_ttl_members(const json& request) {
  check_members(request,
                {{"TableName", Member::kString}, {"TimeToLiveSpecification", Member::kStructure}});
  if (const json* spec = get_member(request, "TimeToLiveSpecification"))
    check_members(*spec, {{"Enabled", Member::kBool}, {"AttributeName", Member::kString}});
}

void ttl_shape(const json& request) {
  ShapeErrors errors;
  errors.table_name(request);
  const json* spec = get_member(request, "TimeToLiveSpecification");
  if (spec == nullptr) {
    errors.add(nullptr, "timeToLiveSpecification", msg::kRuleNotNull);
  } else {
    if (!get_member(*spec, "Enabled"))
      errors.add(nullptr, "timeToLiveSpecification.enabled", msg::kRuleNotNull);
    if (!get_member(*spec, "AttributeName"))
      errors.add(nullptr, "timeToLiveSpecification.attributeName", msg::kRuleNotNull);
    errors.length(*spec, "AttributeName", "timeToLiveSpecification.attributeName", 0,
                  kTtlAttributeMax);
  }
  errors.throw_if_any();
}

}  // namespace

void create_ttl_storage(Connection& conn) { conn.exec(kTtlTable); }

std::optional<int64_t> expiry_ms(const Item& item, const std::string& attribute) {
  const auto it = item.find(attribute);
  if (it == item.end() || it->second.type() != ValueType::kN) return std::nullopt;
  const double seconds = std::strtod(it->second.as_number().to_string().c_str(), nullptr);
  const double ms = std::clamp(seconds * kMillis, -kClampMs, kClampMs);
  return std::llround(ms);
}

void update_ttl_index(WriteTxn& txn, const Table& table, const Item* old_item,
                      const Item* new_item) {
  const std::string& attribute = *table.meta.ttl_attribute;
  const std::optional<int64_t> before = old_item ? expiry_ms(*old_item, attribute) : std::nullopt;
  const std::optional<int64_t> after = new_item ? expiry_ms(*new_item, attribute) : std::nullopt;
  if (before == after) return;
  const EncodedKey key =
      encode_primary_key(new_item ? *new_item : *old_item, table.meta.hash, table.meta.range);
  if (before) delete_entry(txn.conn(), table.meta.sql_id, *before, key);
  if (after) put_entry(txn.conn(), table.meta.sql_id, *after, key);
}

void fill_ttl_index(WriteTxn& txn, const Table& table) {
  Connection& c = txn.conn();
  std::vector<Entry> entries;
  {
    auto s = c.prepare("SELECT h, pk, sk, item FROM " + table.sql);
    while (s->step()) {
      const std::optional<int64_t> at =
          expiry_ms(decode_item(s->column_blob(3)), *table.meta.ttl_attribute);
      if (at)
        entries.push_back({*at, EncodedKey{s->column_int(0), std::string(s->column_blob(1)),
                                           std::string(s->column_blob(2))}});
    }
  }
  for (const Entry& e : entries) put_entry(c, table.meta.sql_id, e.expires, e.key);
}

void clear_ttl_index(WriteTxn& txn, int64_t table_sql_id) {
  auto s = txn.conn().prepare("DELETE FROM sls_ttl WHERE tbl = ?");
  s->bind(1, table_sql_id);
  s->run();
}

size_t sweep_expired_items(Context& ctx) {
  size_t deleted = 0;
  for (const std::string& name : ctx.table_names()) {
    for (;;) {
      const auto [looked, removed] = sweep_batch(ctx, name);
      deleted += removed;
      if (looked < static_cast<size_t>(kSweepBatch)) break;
    }
  }
  WriteTxn txn(ctx.store);
  trim_streams(txn, ctx.now());
  txn.commit();
  return deleted;
}

json update_time_to_live(Context& ctx, const json& request) {
  check_ttl_members(request);
  ttl_shape(request);
  const json& spec = request["TimeToLiveSpecification"];
  const bool enable = spec["Enabled"].get<bool>();
  const std::string attribute = spec["AttributeName"].get<std::string>();
  if (attribute.empty()) fail_validation(std::string(msg::kTtlAttributeEmpty));
  const std::string& name = *get_string(request, "TableName");
  WriteTxn txn(ctx.store);
  const auto old = ctx.require_table(name, fmt::format(msg::kTableNotFound, name));
  TableMeta m = old->meta;
  if (enable && m.ttl_attribute) fail_validation(std::string(msg::kTtlAlreadyEnabled));
  if (!enable && !m.ttl_attribute) fail_validation(std::string(msg::kTtlAlreadyDisabled));
  if (!enable && *m.ttl_attribute != attribute)
    fail_validation(fmt::format(msg::kTtlOtherAttribute, *m.ttl_attribute));
  if (enable) {
    m.ttl_attribute = attribute;
  } else {
    m.ttl_attribute.reset();
  }
  auto table = std::make_shared<const Table>(std::move(m));
  if (enable) {
    fill_ttl_index(txn, *table);
  } else {
    clear_ttl_index(txn, table->meta.sql_id);
  }
  ctx.store.save_table(txn, table->meta);
  txn.commit();
  ctx.publish(table);
  return {{"TimeToLiveSpecification", {{"Enabled", enable}, {"AttributeName", attribute}}}};
}

json describe_time_to_live(Context& ctx, const json& request) {
  check_members(request, {{"TableName", Member::kString}});
  ShapeErrors errors;
  errors.table_name(request);
  errors.throw_if_any();
  const std::string& name = *get_string(request, "TableName");
  const auto table = ctx.require_table(name, fmt::format(msg::kTableNotFound, name));
  if (!table->meta.ttl_attribute)
    return {{"TimeToLiveDescription", {{"TimeToLiveStatus", "DISABLED"}}}};
  return {{"TimeToLiveDescription",
           {{"TimeToLiveStatus", "ENABLED"}, {"AttributeName", *table->meta.ttl_attribute}}}};
}

}  // namespace sls::table::engine

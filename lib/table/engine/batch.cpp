// BatchGetItem and BatchWriteItem (spec/dynamodb-api.md 3.13, 3.14). A BatchWriteItem runs in one
// SQLite transaction (stronger than AWS's per-item atomicity, and harmless); UnprocessedItems is
// always empty, UnprocessedKeys only fills when the 16 MB response cap is reached.
#include <set>

#include <fmt/format.h>

#include "core/limits.h"
#include "table/engine/item_codec.h"
#include "table/engine/item_common.h"
#include "table/engine/write_path.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

const size_t kMaxGetKeys = static_cast<size_t>(limits::kDynamoBatchGetMax.value);
const size_t kMaxWrites = static_cast<size_t>(limits::kDynamoBatchWriteMax.value);
const size_t kItemMax = static_cast<size_t>(limits::kDynamoItemMaxBytes.value);
// The response cap of BatchGetItem (spec 3.13).
constexpr size_t kMaxResponseBytes = 16 * 1024 * 1024;

struct GetTable {
  std::string name;
  std::shared_ptr<const Table> table;
  std::vector<Item> keys;
  std::optional<std::vector<expr::Path>> projection;
  bool consistent = false;
  const json* request = nullptr;
};

std::vector<GetTable> parse_batch_get(Context& ctx, const json& items) {
  size_t total = 0;
  for (const auto& [name, spec] : items.items()) {
    check_structure_member(spec);
    check_members(spec, {{"Keys", Member::kList},
                         {"AttributesToGet", Member::kStringList},
                         {"ConsistentRead", Member::kBool},
                         {"ProjectionExpression", Member::kString},
                         {"ExpressionAttributeNames", Member::kNames}});
    if (const json* keys = get_member(spec, "Keys"))
      for (const json& k : *keys) check_member(k, Member::kItem);
  }
  for (const auto& [name, spec] : items.items()) {
    const json* keys = get_member(spec, "Keys");
    const size_t n = keys ? keys->size() : 0;
    if (n > kMaxGetKeys)
      fail_validation(fmt::format(msg::kShapeOne, fmt::format(msg::kBatchGetKeysTooMany, name)));
    if (n == 0)
      fail_validation(fmt::format(msg::kShapeOne, fmt::format(msg::kBatchGetKeysEmpty, name)));
    total += n;
  }
  if (total > kMaxGetKeys) fail_validation(std::string(msg::kBatchGetTooMany));
  std::vector<GetTable> out;
  for (const auto& [name, spec] : items.items()) {
    GetTable g;
    g.name = name;
    g.request = &spec;
    expr::Placeholders placeholders;
    if (const json* names = get_member(spec, "ExpressionAttributeNames"))
      placeholders.names = parse_expression_names(*names);
    expr::Usage usage;
    g.projection = read_projection(spec, placeholders, usage);
    expr::check_unused(placeholders, usage);
    g.consistent = get_bool(spec, "ConsistentRead", false);
    for (const json& k : spec["Keys"]) g.keys.push_back(parse_item(k));
    out.push_back(std::move(g));
  }
  for (GetTable& g : out) {
    g.table = ctx.require_table(g.name, msg::kResourceNotFound);
    std::set<EncodedKey, bool (*)(const EncodedKey&, const EncodedKey&)> seen(
        [](const EncodedKey& a, const EncodedKey& b) {
          return std::tie(a.pk, a.sk) < std::tie(b.pk, b.sk);
        });
    for (const Item& k : g.keys) {
      check_key(k, *g.table);
      if (!seen.insert(encode_primary_key(k, g.table->meta.hash, g.table->meta.range)).second)
        fail_validation(std::string(msg::kBatchDuplicates));
    }
  }
  return out;
}

struct WriteRequest {
  bool put = true;
  Item item;  // the item (put) or the key (delete)
};

std::string batch_echo(const json& items) {
  std::vector<std::string> parts;
  for (const auto& [name, list] : items.items()) parts.push_back(name + "=[...]");
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

json batch_get_item(Context& ctx, const json& request) {
  check_members(request,
                {{"RequestItems", Member::kMap}, {"ReturnConsumedCapacity", Member::kString}});
  ShapeErrors errors;
  errors.required(request, "RequestItems", "requestItems");
  check_capacity_enum(errors, request);
  errors.throw_if_any();
  const json& items = request["RequestItems"];
  if (items.empty()) fail_validation(std::string(msg::kBatchGetRequired));
  std::vector<GetTable> tables = parse_batch_get(ctx, items);

  json responses = json::object();
  json unprocessed = json::object();
  std::vector<Capacity> caps;
  size_t response_bytes = 0;
  ReadTxn read(ctx.store, /*snapshot=*/true);
  for (GetTable& g : tables) {
    json list = json::array();
    Capacity cap(g.name);
    for (const Item& k : g.keys) {
      if (response_bytes >= kMaxResponseBytes) {
        json& u = unprocessed[g.name];
        if (u.is_null()) {
          u = *g.request;
          u["Keys"] = json::array();
        }
        u["Keys"].push_back(render_item(k));
        continue;
      }
      const EncodedKey key = encode_primary_key(k, g.table->meta.hash, g.table->meta.range);
      const std::optional<std::string> row = get_row(read.conn(), g.table->sql, key);
      size_t size = 0;
      if (row) {
        const Item item = decode_item(*row);
        size = item_size(item);
        response_bytes += size;
        list.push_back(render_item(g.projection ? expr::project(item, *g.projection) : item));
      }
      cap.table += read_units(size, g.consistent);
    }
    responses[g.name] = std::move(list);
    caps.push_back(std::move(cap));
  }
  json out = {{"Responses", responses}, {"UnprocessedKeys", unprocessed}};
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_list_json(caps, mode);
  return out;
}

json batch_write_item(Context& ctx, const json& request) {
  check_members(request, {{"RequestItems", Member::kMap},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"ReturnItemCollectionMetrics", Member::kString}});
  const json* items = get_member(request, "RequestItems");
  if (items)
    for (const auto& [name, list] : items->items()) {
      check_list_member(list);
      for (const json& w : list) {
        check_structure_member(w);
        check_members(w,
                      {{"PutRequest", Member::kStructure}, {"DeleteRequest", Member::kStructure}});
        if (const json* p = get_member(w, "PutRequest"))
          check_members(*p, {{"Item", Member::kItem}});
        if (const json* d = get_member(w, "DeleteRequest"))
          check_members(*d, {{"Key", Member::kItem}});
      }
    }
  ShapeErrors errors;
  errors.required(request, "RequestItems", "requestItems");
  check_capacity_enum(errors, request);
  check_metrics_enum(errors, request);
  errors.throw_if_any();
  if (items->empty()) fail_validation(std::string(msg::kBatchWriteRequired));
  size_t total = 0;
  for (const auto& [name, list] : items->items()) {
    if (list.empty() || list.size() > kMaxWrites)
      fail_validation(
          fmt::format(msg::kShapeOne, fmt::format(msg::kBatchWriteCount, batch_echo(*items))));
    total += list.size();
  }
  if (total > kMaxWrites)
    fail_validation(
        fmt::format(msg::kShapeOne, fmt::format(msg::kBatchWriteCount, batch_echo(*items))));
  std::vector<std::pair<std::string, std::vector<WriteRequest>>> parsed;
  for (const auto& [name, list] : items->items()) {
    std::vector<WriteRequest> writes;
    for (const json& w : list) {
      const json* p = get_member(w, "PutRequest");
      const json* d = get_member(w, "DeleteRequest");
      if ((p == nullptr) == (d == nullptr))
        fail_validation(std::string(msg::kBatchWriteRequestShape));
      writes.push_back(p ? WriteRequest{true, parse_item(p->value("Item", json::object()))}
                         : WriteRequest{false, parse_item(d->value("Key", json::object()))});
    }
    parsed.emplace_back(name, std::move(writes));
  }

  WriteTxn txn(ctx.store);
  std::vector<std::pair<std::shared_ptr<const Table>, std::vector<EncodedKey>>> plan;
  for (const auto& [name, writes] : parsed) {
    const auto table = ctx.require_table(name, msg::kResourceNotFound);
    std::vector<EncodedKey> keys;
    std::set<std::pair<std::string, std::string>> seen;
    for (const WriteRequest& w : writes) {
      if (w.put) {
        Item key = key_of(w.item, *table);
        try {
          check_key(key, *table);
        } catch (const Error&) {
          fail_validation(std::string(msg::kKeySchemaMismatch));
        }
        check_index_key_types(w.item, *table);
        if (item_size(w.item) > kItemMax) fail_validation(std::string(msg::kItemTooLarge));
      } else {
        check_key(w.item, *table);
      }
      keys.push_back(encode_primary_key(w.item, table->meta.hash, table->meta.range));
      if (!seen.insert({keys.back().pk, keys.back().sk}).second)
        fail_validation(std::string(msg::kBatchDuplicates));
    }
    plan.emplace_back(table, std::move(keys));
  }
  std::vector<Capacity> caps;
  json metrics = json::object();
  for (size_t t = 0; t < plan.size(); ++t) {
    const auto& [table, keys] = plan[t];
    Capacity cap(parsed[t].first);
    for (size_t i = 0; i < keys.size(); ++i) {
      const WriteRequest& w = parsed[t].second[i];
      const std::optional<Item> old = read_item(txn.conn(), *table, keys[i]);
      const size_t old_size = old ? item_size(*old) : 0;
      cap.add_indexes(apply_change(ctx, txn, *table, keys[i], old ? &*old : nullptr,
                                   w.put ? &w.item : nullptr,
                                   w.put ? ChangeKind::kPut : ChangeKind::kDelete));
      cap.table += write_units_for(std::max(old_size, w.put ? item_size(w.item) : 0));
      if (collection_metrics(request) && table->meta.has_lsi())
        metrics[parsed[t].first].push_back(collection_metrics_json(*table, w.item));
    }
    caps.push_back(std::move(cap));
  }
  txn.commit();
  json out = {{"UnprocessedItems", json::object()}};
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_list_json(caps, mode);
  if (collection_metrics(request)) out["ItemCollectionMetrics"] = metrics;
  return out;
}

}  // namespace sls::table::engine

// The change record of every item write (see write_path.h): the TTL index entry and the stream
// record (spec/dynamodb-api.md 3.17, 3.19), in the transaction that changes the item.
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "table/engine/streams.h"
#include "table/engine/ttl.h"
#include "table/engine/write_path.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

std::string event_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", rng(), rng());
}

std::string_view event_name(const Item* old_item, const Item* new_item) {
  if (old_item == nullptr) return "INSERT";
  return new_item == nullptr ? "REMOVE" : "MODIFY";
}

}  // namespace

json stream_record(const Context& ctx, const Table& table, const Item* old_item,
                   const Item* new_item, ChangeKind kind) {
  const std::string& view = table.meta.stream.view_type;
  const bool with_new = view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES";
  const bool with_old = view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES";
  const Item keys = key_of(new_item ? *new_item : *old_item, table);
  // SizeBytes: the item size (spec 2.6) of Keys plus each image the record carries.
  size_t size = item_size(keys);
  json change = {{"ApproximateCreationDateTime", static_cast<int64_t>(std::floor(ctx.now()))},
                 {"Keys", render_item(keys)},
                 {"StreamViewType", view}};
  if (with_new && new_item) {
    change["NewImage"] = render_item(*new_item);
    size += item_size(*new_item);
  }
  if (with_old && old_item) {
    change["OldImage"] = render_item(*old_item);
    size += item_size(*old_item);
  }
  change["SizeBytes"] = size;
  json record = {{"eventID", event_id()},           {"eventName", event_name(old_item, new_item)},
                 {"eventVersion", "1.1"},           {"eventSource", "aws:dynamodb"},
                 {"awsRegion", ctx.options.region}, {"dynamodb", std::move(change)}};
  // The Streams API serializes the service model's member names (Identity.Type, PrincipalId);
  // Lambda's trigger events use lower-case names, and are shaped where they are built.
  if (kind == ChangeKind::kTtlDelete)
    record["userIdentity"] = {{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}};
  return record;
}

void record_change(Context& ctx, WriteTxn& txn, const Table& table, const Item* old_item,
                   const Item* new_item, ChangeKind kind) {
  if (table.meta.ttl_attribute) update_ttl_index(txn, table, old_item, new_item);
  if (table.meta.stream.enabled)
    append_stream_record(ctx, txn, table.meta, stream_record(ctx, table, old_item, new_item, kind));
}

}  // namespace sls::table::engine

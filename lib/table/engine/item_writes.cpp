// The cores of the single-item writes (spec/dynamodb-api.md 3.6-3.9): key and size checks, the
// condition, and the change through apply_change.
#include "table/engine/item_writes.h"

#include <algorithm>

#include "core/limits.h"
#include "table/engine/capacity.h"
#include "table/engine/item_common.h"
#include "table/engine/request.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

const size_t kItemMax = static_cast<size_t>(limits::kDynamoItemMaxBytes.value);

// A SET of a literal of the wrong type on an index key attribute is visible before the update
// runs, and AWS names it as PutItem does (spec 3.8); other wrong types are found after it.
void check_index_key_update(const expr::Update& update, const Table& table) {
  for (const expr::UpdateAction& a : update.actions) {
    if (a.kind != expr::UpdateAction::Kind::kSet || a.path.elements.size() != 1) continue;
    if (a.value.kind != expr::Operand::Kind::kValue) continue;
    Item probe;
    probe.emplace(std::get<std::string>(a.path.elements.front()), a.value.value);
    check_index_key_types(probe, table);
  }
}

// An update of a missing item that only removes creates nothing (spec 3.8).
bool only_removes(const expr::Update& update) {
  return !update.actions.empty() &&
         std::all_of(update.actions.begin(), update.actions.end(), [](const expr::UpdateAction& a) {
           return a.kind == expr::UpdateAction::Kind::kRemove ||
                  a.kind == expr::UpdateAction::Kind::kDelete;
         });
}

}  // namespace

void fail_duplicate_item() {
  throw ServiceError(Errc::kConditionFailed, "DuplicateItemException",
                     std::string(msg::kDuplicateItem));
}

WriteResult put_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& item,
                        const std::optional<expr::Condition>& condition, bool return_old,
                        PutMode mode) {
  check_item_keys(item, table);
  const size_t size = item_size(item);
  if (size > kItemMax) fail_validation(std::string(msg::kItemTooLarge));
  const EncodedKey key = encode_primary_key(item, table.meta.hash, table.meta.range);
  WriteResult r;
  r.old = read_item(txn.conn(), table, key);
  if (mode == PutMode::kInsertOnly && r.old) fail_duplicate_item();
  check_condition(condition, r.old, return_old);
  r.index_units =
      apply_change(ctx, txn, table, key, r.old ? &*r.old : nullptr, &item, ChangeKind::kPut);
  r.units = write_units_for(std::max(size, r.old ? item_size(*r.old) : 0));
  r.next = item;
  return r;
}

WriteResult update_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& key_item,
                           const expr::Update& update,
                           const std::optional<expr::Condition>& condition, bool return_old,
                           UpdateMode mode) {
  check_key(key_item, table);
  expr::check_no_key_update(update, table.key_names);
  const EncodedKey key = encode_primary_key(key_item, table.meta.hash, table.meta.range);
  WriteResult r;
  r.old = read_item(txn.conn(), table, key);
  if (mode == UpdateMode::kExistingOnly && !r.old) throw ConditionFailed(std::nullopt);
  check_condition(condition, r.old, return_old);
  Item next = expr::apply_update(update, r.old ? *r.old : key_item);
  const bool creates_nothing = !r.old && only_removes(update);
  check_index_key_update(update, table);
  try {
    check_index_key_types(next, table);
  } catch (const Error&) {
    fail_validation(std::string(msg::kIndexKeyBadUpdate));
  }
  const size_t size = item_size(next);
  if (size > kItemMax) fail_validation(std::string(msg::kUpdatedItemTooLarge));
  if (!creates_nothing)
    r.index_units =
        apply_change(ctx, txn, table, key, r.old ? &*r.old : nullptr, &next, ChangeKind::kUpdate);
  r.units = write_units_for(std::max(size, r.old ? item_size(*r.old) : 0));
  if (!creates_nothing) r.next = std::move(next);
  return r;
}

WriteResult delete_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& key_item,
                           const std::optional<expr::Condition>& condition, bool return_old) {
  check_key(key_item, table);
  const EncodedKey key = encode_primary_key(key_item, table.meta.hash, table.meta.range);
  WriteResult r;
  r.old = read_item(txn.conn(), table, key);
  check_condition(condition, r.old, return_old);
  r.index_units =
      apply_change(ctx, txn, table, key, r.old ? &*r.old : nullptr, nullptr, ChangeKind::kDelete);
  r.units = write_units_for(r.old ? item_size(*r.old) : 0);
  return r;
}

}  // namespace sls::table::engine

// The one path every item change takes inside a write transaction: the item row, every index
// row, and the change record (record_change, where stream records will be written). PutItem,
// UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems (and later TTL) all call
// apply_change, so indexes and streams can never miss a write.
// Thread safety: Requires the caller's WriteTxn (the writer mutex is held).
#pragma once

#include <string>
#include <vector>

#include "table/engine/context.h"
#include "table/engine/schema.h"
#include "table/engine/store.h"

namespace sls::table::engine {

enum class ChangeKind : uint8_t { kPut, kUpdate, kDelete, kTtlDelete };

// Write units spent on each index by one change (spec 5.2 "index writes").
struct IndexUnits {
  std::string index;
  bool global = true;
  double units = 0;
};

// Replaces the item at `key` by `new_item` (nullptr = delete). `old_item` is the current item
// (nullptr = none). A change that leaves the item identical writes nothing and records nothing.
// Returns the index write units.
std::vector<IndexUnits> apply_change(Context& ctx, WriteTxn& txn, const Table& table,
                                     const EncodedKey& key, const Item* old_item,
                                     const Item* new_item, ChangeKind kind);

// Every item change passes through here, inside the SQLite transaction that makes it, with
// both images (nullptr where absent). Stream records are written here.
void record_change(Context& ctx, WriteTxn& txn, const Table& table, const Item* old_item,
                   const Item* new_item, ChangeKind kind);

// The stream record of one change (spec 3.19), without its SequenceNumber (the store adds it).
// Requires: at least one image is given.
nlohmann::json stream_record(const Context& ctx, const Table& table, const Item* old_item,
                             const Item* new_item, ChangeKind kind);

// The current item at `key` (nullptr-able result as optional), read inside the transaction.
std::optional<Item> read_item(Connection& conn, const Table& table, const EncodedKey& key);

// Fills index `position` of `table` from the table's items (UpdateTable GSI Create).
void backfill_index(WriteTxn& txn, const Table& table, size_t position);

}  // namespace sls::table::engine

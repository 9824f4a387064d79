// Time to live (spec/dynamodb-api.md 3.17): the index of expiry times that lets a sweep find
// expired items without scanning tables, and the sweep itself.
//   sls_ttl(tbl = the table's sql_id, expires_ms, h, pk, sk) WITHOUT ROWID, primary key in that
//   order: a table's entries sorted by expiry, so "expired now" is one range.
// The index holds an entry for every item of a TTL-enabled table whose TTL attribute is a
// top-level Number; record_change keeps it current, UpdateTimeToLive fills or clears it.
// Thread safety: functions taking a WriteTxn require the writer mutex (held by the txn).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "table/engine/context.h"
#include "table/engine/schema.h"
#include "table/engine/store.h"

namespace sls::table::engine {

// Creates the expiry index (idempotent), in the engine's opening transaction.
void create_ttl_storage(Connection& conn);

// The expiry of `item` in epoch milliseconds, when its attribute `attribute` is a Number.
std::optional<int64_t> expiry_ms(const Item& item, const std::string& attribute);

// Requires: table.meta.ttl_attribute is set.
void update_ttl_index(WriteTxn& txn, const Table& table, const Item* old_item,
                      const Item* new_item);
void fill_ttl_index(WriteTxn& txn, const Table& table);
void clear_ttl_index(WriteTxn& txn, int64_t table_sql_id);

// Deletes every expired item of every TTL-enabled table through the write path (REMOVE stream
// records by the service principal, index rows, no capacity) and trims streams. Works in small
// transactions so writers are not held up. Returns the number of items deleted.
size_t sweep_expired_items(Context& ctx);

}  // namespace sls::table::engine

// The single-item writes once their requests are parsed: the checks that need the table, the
// condition against the current item, and the change through apply_change. PutItem, UpdateItem
// and DeleteItem (items.cpp) and PartiQL's INSERT, UPDATE and DELETE (partiql_write.cpp) all
// write here, so both surfaces keep indexes, streams, item sizes and capacity the same way
// (spec/dynamodb-api.md 3.6-3.9, 3.20).
// Thread safety: Requires the caller's WriteTxn; the caller commits.
#pragma once

#include <optional>
#include <vector>

#include "table/engine/context.h"
#include "table/engine/schema.h"
#include "table/engine/store.h"
#include "table/engine/write_path.h"
#include "table/expr/expr.h"

namespace sls::table::engine {

// What one write did: the item before and after, and the units it consumed.
struct WriteResult {
  std::optional<Item> old;   // the item before the write, when there was one
  std::optional<Item> next;  // the item after it; nullopt when deleted or not created
  double units = 0;          // table write units (spec 5.2)
  std::vector<IndexUnits> index_units;
};

// How a put treats an item already stored under the key.
enum class PutMode : uint8_t {
  kReplace,     // PutItem: replaces it
  kInsertOnly,  // PartiQL INSERT: DuplicateItemException, "Duplicate primary key exists in table"
};
// How an update treats a missing item.
enum class UpdateMode : uint8_t {
  kUpsert,        // UpdateItem: creates it from the key (unless the update only removes)
  kExistingOnly,  // PartiQL UPDATE: ConditionalCheckFailedException, nothing created
};

// Each throws ConditionFailed (carrying the old item when `return_old` and one exists) when the
// condition is false, and Error{kValidation} with DynamoDB's messages for keys, sizes and index
// key types.
WriteResult put_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& item,
                        const std::optional<expr::Condition>& condition, bool return_old,
                        PutMode mode);
WriteResult update_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& key,
                           const expr::Update& update,
                           const std::optional<expr::Condition>& condition, bool return_old,
                           UpdateMode mode);
WriteResult delete_item_in(Context& ctx, WriteTxn& txn, const Table& table, const Item& key,
                           const std::optional<expr::Condition>& condition, bool return_old);

// Throws DynamoDB's DuplicateItemException (PartiQL INSERT of a key that exists, spec 1.4).
[[noreturn]] void fail_duplicate_item();

}  // namespace sls::table::engine

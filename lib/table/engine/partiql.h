// What the PartiQL operations share (spec/dynamodb-api.md 3.20): ExecuteStatement
// (partiql.cpp), SELECT (partiql_select.cpp), the writes (partiql_write.cpp), and
// BatchExecuteStatement and ExecuteTransaction (partiql_batch.cpp). Statements come from
// table/partiql; everything here needs the table.
// Thread safety: functions of the Context they are given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/capacity.h"
#include "table/engine/context.h"
#include "table/engine/transact.h"
#include "table/partiql/partiql.h"

namespace sls::table::engine {

// Operations (dispatched from engine.cpp).
nlohmann::json execute_statement(Context& ctx, const nlohmann::json& request);
nlohmann::json batch_execute_statement(Context& ctx, const nlohmann::json& request);
nlohmann::json execute_transaction(Context& ctx, const nlohmann::json& request);

// The request's Parameters as attribute values (the wire rules of spec 2.2 apply).
std::vector<AttributeValue> parse_parameters(const nlohmann::json& entry);

// The item a WHERE clause names: an equality on every key attribute of the table, as top-level
// AND terms (`pk = 'a' AND sk = 1`, either side), and whatever else the clause holds.
struct ItemTarget {
  Item key;
  std::optional<expr::Condition> rest;  // the other terms, ANDed; nullopt when none
};
std::optional<ItemTarget> item_target(const std::optional<expr::Condition>& where,
                                      const Table& table);

// A SELECT's page: the items (projected and named as the SELECT list says), whether the read
// stopped early and where, and its units.
struct SelectPage {
  std::vector<Item> items;
  std::optional<Item> last_key;  // the key of the last row read, when the read stopped early
  Capacity capacity;
};
struct SelectOptions {
  bool consistent = false;
  std::optional<int64_t> limit;
  std::optional<Item> start;  // resume after this key (from a NextToken)
};
SelectPage run_select(Context& ctx, const partiql::Statement& st, const SelectOptions& options);

// The SELECT list applied to an item (every attribute when the list is `*`).
Item select_outputs(const Item& item, const partiql::Statement& st);

// An INSERT, UPDATE or DELETE in a transaction of its own. `items` receives what RETURNING
// asks for; `capacity` the units. Throws as the item operations do (ConditionFailed,
// DuplicateItemException, ValidationException, ResourceNotFoundException).
struct WriteOutcome {
  std::optional<Item> returned;
  Capacity capacity;
};
WriteOutcome run_write(Context& ctx, const partiql::Statement& st, bool return_old);

// The TransactWriteItems action of a write statement, for ExecuteTransaction. Throws
// ValidationException (the key equality) and ResourceNotFoundException.
TransactAction transact_action(Context& ctx, const partiql::Statement& st, bool return_old);

}  // namespace sls::table::engine

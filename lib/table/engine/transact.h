// The transaction machinery behind TransactWriteItems and TransactGetItems (spec/dynamodb-api.md
// 3.15, 3.16), for the operations that build their actions another way: PartiQL's
// ExecuteTransaction runs its statements through the same two functions (spec 3.20).
// Thread safety: each call takes the store's transaction itself.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/capacity.h"
#include "table/engine/context.h"
#include "table/engine/schema.h"
#include "table/expr/expr.h"

namespace sls::table::engine {

enum class ActionKind : uint8_t { kCheck, kPut, kUpdate, kDelete };

struct TransactAction {
  ActionKind kind = ActionKind::kPut;
  std::string table_name;
  Item item;  // kPut: the item; otherwise the key
  std::optional<expr::Condition> condition;
  expr::Update update;
  bool return_old = false;   // ReturnValuesOnConditionCheckFailure: ALL_OLD
  bool insert_only = false;  // PartiQL INSERT: an existing item cancels with DuplicateItem
  bool must_exist = false;   // PartiQL UPDATE: a missing item cancels with ConditionalCheckFailed
  // Filled in by run_write_transaction.
  std::shared_ptr<const Table> table;
  EncodedKey key;
  std::optional<Item> old;
  std::optional<Item> next;
};

// A ClientRequestToken and the canonical form of its request (spec 3.15).
struct TokenUse {
  std::string token;
  std::string canonical;
};
// The token of `request` and the request without it; nullopt when it carries none.
std::optional<TokenUse> token_use(const nlohmann::json& request);

// Runs `actions` as one transaction: every check before anything is written, one
// CancellationReason per action on failure (TransactionCanceled), nothing applied twice under
// one token. Returns the reply's ConsumedCapacity and ItemCollectionMetrics members as
// `request` asks for them (an empty object otherwise). Throws ValidationException for two
// actions on one item and ResourceNotFoundException for a missing table.
nlohmann::json run_write_transaction(Context& ctx, const nlohmann::json& request,
                                     std::vector<TransactAction>& actions, const TokenUse* token);

struct TransactGet {
  std::string table_name;
  Item key;
  // Filled in by run_get_transaction.
  std::shared_ptr<const Table> table;
  EncodedKey encoded;
};

// Reads every item of `gets` from one snapshot; the items in request order (nullopt when
// missing) and the units per table in `capacity`. Key problems cancel the transaction with
// ValidationError; the same item twice is a ValidationException.
std::vector<std::optional<Item>> run_get_transaction(Context& ctx, std::vector<TransactGet>& gets,
                                                     std::vector<Capacity>& capacity);

}  // namespace sls::table::engine

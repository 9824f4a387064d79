// What every operation file of the engine shares: the engine's state (Context), the errors that
// carry more than a message, and the signature of an operation handler.
// Thread safety: Context is shared by every call; its members state what guards them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/engine.h"
#include "table/engine/schema.h"
#include "table/engine/store.h"
#include "table/value.h"

namespace sls::table::engine {

// ConditionalCheckFailedException, with the old item when ReturnValuesOnConditionCheckFailure
// was ALL_OLD and an item existed (spec 3.6).
class ConditionFailed : public Error {
 public:
  explicit ConditionFailed(std::optional<Item> item);
  std::optional<Item> item;
};

// One entry of TransactionCanceledException.CancellationReasons (spec 3.15).
struct CancellationReason {
  std::string code = "None";
  std::string message;  // "" for None
  std::optional<Item> item;
};
class TransactionCanceled : public Error {
 public:
  explicit TransactionCanceled(std::vector<CancellationReason> reasons);
  std::vector<CancellationReason> reasons;
};

// Errors whose __type no Errc names: IdempotentParameterMismatchException,
// UnknownOperationException ("<Op> is not supported by sls").
class ServiceError : public Error {
 public:
  ServiceError(Errc code, std::string type, std::string message, bool capital_message = false);
  std::string type;              // the __type suffix
  bool capital_message = false;  // the body member is "Message"
};

struct Context {
  explicit Context(EngineOptions opts);

  double now() const;
  int64_t now_ms() const;  // now(), in whole milliseconds
  std::string table_arn(std::string_view name) const;
  // The table a request names (a name or a table ARN of this account and region), or nullptr.
  std::shared_ptr<const Table> find_table(std::string_view name_or_arn) const;
  // Like find_table, but throws ResourceNotFoundException with `message`.
  std::shared_ptr<const Table> require_table(std::string_view name_or_arn,
                                             std::string_view message) const;
  std::vector<std::string> table_names() const;
  void publish(std::shared_ptr<const Table> table);  // Requires: inside a WriteTxn
  void unpublish(const std::string& name);           // Requires: inside a WriteTxn

  const EngineOptions options;
  Store store;

 private:
  mutable std::shared_mutex tables_mu_;  // guards tables_
  std::map<std::string, std::shared_ptr<const Table>, std::less<>> tables_;
};

// A success reply: a JSON object whose members are JSON trees or text already rendered (items
// written straight from their stored bytes, json_text.h). render() writes the members in
// name order, which is nlohmann::json's own order, so a reply reads the same byte for byte
// whichever way each member was built.
class Body {
 public:
  Body() = default;
  Body(nlohmann::json tree) : tree_(std::move(tree)) {}  // NOLINT: implicit for tree handlers
  void set(const std::string& name, nlohmann::json value) { tree_[name] = std::move(value); }
  void set_rendered(std::string name, std::string json_text);
  // The JSON text; "" for an empty body (a null tree with no rendered member).
  std::string render() const;

 private:
  nlohmann::json tree_;  // an object, or null
  std::map<std::string, std::string, std::less<>> rendered_;
};

using Handler = Body (*)(Context&, const nlohmann::json&);

// Operations (one file per concern).
nlohmann::json create_table(Context&, const nlohmann::json&);
nlohmann::json describe_table(Context&, const nlohmann::json&);
nlohmann::json list_tables(Context&, const nlohmann::json&);
nlohmann::json update_table(Context&, const nlohmann::json&);
nlohmann::json delete_table(Context&, const nlohmann::json&);
nlohmann::json describe_limits(Context&, const nlohmann::json&);
nlohmann::json describe_endpoints(Context&, const nlohmann::json&);
Body put_item(Context&, const nlohmann::json&);
Body get_item(Context&, const nlohmann::json&);
Body update_item(Context&, const nlohmann::json&);
Body delete_item(Context&, const nlohmann::json&);
Body query(Context&, const nlohmann::json&);
Body scan(Context&, const nlohmann::json&);
nlohmann::json batch_get_item(Context&, const nlohmann::json&);
nlohmann::json batch_write_item(Context&, const nlohmann::json&);
nlohmann::json transact_write_items(Context&, const nlohmann::json&);
nlohmann::json transact_get_items(Context&, const nlohmann::json&);
// Creates the table of remembered ClientRequestTokens (idempotent), in the engine's opening
// transaction.
void create_token_storage(Connection& conn);
// Time to live and tags (ttl.cpp, tags.cpp).
nlohmann::json update_time_to_live(Context&, const nlohmann::json&);
nlohmann::json describe_time_to_live(Context&, const nlohmann::json&);
nlohmann::json tag_resource(Context&, const nlohmann::json&);
nlohmann::json untag_resource(Context&, const nlohmann::json&);
nlohmann::json list_tags_of_resource(Context&, const nlohmann::json&);
// The DynamoDB Streams API (streams_api.cpp).
nlohmann::json stream_list_streams(Context&, const nlohmann::json&);
nlohmann::json stream_describe_stream(Context&, const nlohmann::json&);
nlohmann::json stream_get_shard_iterator(Context&, const nlohmann::json&);
nlohmann::json stream_get_records(Context&, const nlohmann::json&);

// Loads every persisted table into `ctx` (at construction).
void load_tables(Context& ctx);

}  // namespace sls::table::engine

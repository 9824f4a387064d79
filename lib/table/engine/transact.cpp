// TransactWriteItems and TransactGetItems (spec/dynamodb-api.md 3.15, 3.16): every action in one
// SQLite transaction, conditions judged against the state before it, CancellationReasons in
// request order, and ClientRequestToken idempotency for ten minutes.
#include "table/engine/transact.h"

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

const size_t kMaxActions = static_cast<size_t>(limits::kDynamoTransactMax.value);
const size_t kItemMax = static_cast<size_t>(limits::kDynamoItemMaxBytes.value);
constexpr size_t kTokenMaxChars = 36;
// How long a ClientRequestToken is remembered after its call finished (spec 3.15).
constexpr int64_t kTokenWindowMs = int64_t{600} * 1000;

// Tokens live in the database beside the items they guard, written in the same transaction: a
// retry after a crash or a restart is answered from here, never applied twice.
const char* const kTokenTable =
    "CREATE TABLE IF NOT EXISTS sls_tokens(token TEXT PRIMARY KEY, request TEXT NOT NULL, "
    "finished_ms INTEGER NOT NULL, response TEXT NOT NULL)";
// Transactional reads and writes cost twice the plain units (spec 5.2).
constexpr double kTransactionFactor = 2;

const char* const kActionMembers[] = {"ConditionCheck", "Put", "Update", "Delete"};

TransactAction parse_action(const json& entry) {
  check_structure_member(entry);
  const json* body = nullptr;
  TransactAction a;
  int present = 0;
  for (int i = 0; i < 4; ++i)
    if (const json* b = get_member(entry, kActionMembers[i])) {
      body = b;
      a.kind = static_cast<ActionKind>(i);
      present++;
    }
  if (present != 1) fail_validation(std::string(msg::kTransactItemShape));
  check_members(*body, {{"TableName", Member::kString},
                        {"Key", Member::kItem},
                        {"Item", Member::kItem},
                        {"UpdateExpression", Member::kString},
                        {"ConditionExpression", Member::kString},
                        {"ExpressionAttributeNames", Member::kNames},
                        {"ExpressionAttributeValues", Member::kValues},
                        {"ReturnValuesOnConditionCheckFailure", Member::kString}});
  ShapeErrors errors;
  errors.table_name(*body);
  errors.enumeration(*body, "ReturnValuesOnConditionCheckFailure",
                     "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
  errors.throw_if_any();
  a.table_name = *get_string(*body, "TableName");
  const expr::Placeholders placeholders = parse_placeholders(*body);
  expr::Usage usage;
  if (a.kind == ActionKind::kUpdate)
    a.update =
        expr::parse_update(get_string_or(*body, "UpdateExpression", ""), placeholders, usage);
  if (const std::string* c = get_string(*body, "ConditionExpression"))
    a.condition = expr::parse_condition(*c, expr::ExpressionKind::kCondition, placeholders, usage);
  if (a.kind == ActionKind::kCheck && !a.condition)
    fail_validation(std::string(msg::kTransactConditionRequired));
  expr::check_unused(placeholders, usage);
  a.item = parse_item(body->value(a.kind == ActionKind::kPut ? "Item" : "Key", json::object()));
  a.return_old = old_item_on_failure(*body);
  return a;
}

// Table-dependent checks of one action; a failure cancels the transaction (spec 3.15).
void check_action(TransactAction& a) {
  if (a.kind == ActionKind::kPut) {
    check_item_keys(a.item, *a.table);
    if (item_size(a.item) > kItemMax) fail_validation(std::string(msg::kItemTooLarge));
  } else {
    check_key(a.item, *a.table);
    if (a.kind == ActionKind::kUpdate) expr::check_no_key_update(a.update, a.table->key_names);
  }
  a.key = encode_primary_key(a.item, a.table->meta.hash, a.table->meta.range);
}

[[noreturn]] void cancel_at(size_t n, size_t at, const std::string& code,
                            const std::string& message, std::optional<Item> item = std::nullopt) {
  std::vector<CancellationReason> reasons(n);
  reasons[at] = {code, message, std::move(item)};
  throw TransactionCanceled(std::move(reasons));
}

void compute_new_items(std::vector<TransactAction>& actions) {
  for (size_t i = 0; i < actions.size(); ++i) {
    TransactAction& a = actions[i];
    try {
      if (a.kind == ActionKind::kPut) a.next = a.item;
      if (a.kind == ActionKind::kUpdate) {
        a.next = expr::apply_update(a.update, a.old ? *a.old : a.item);
        check_index_key_types(*a.next, *a.table);
        if (item_size(*a.next) > kItemMax) fail_validation(std::string(msg::kUpdatedItemTooLarge));
      }
    } catch (const Error& e) {
      if (e.code() != Errc::kValidation) throw;
      cancel_at(actions.size(), i, "ValidationError", e.message());
    }
  }
}

// The remembered answer of an earlier call with the same token, if any; tokens past their
// window are forgotten first. Runs inside the transaction's WriteTxn, so two calls with one
// token cannot both miss and both apply.
std::optional<json> replayed(WriteTxn& txn, const Context& ctx, const TokenUse& use) {
  auto purge = txn.conn().prepare("DELETE FROM sls_tokens WHERE finished_ms < ?");
  purge->bind(1, ctx.now_ms() - kTokenWindowMs);
  purge->run();
  auto find = txn.conn().prepare("SELECT request, response FROM sls_tokens WHERE token = ?");
  find->bind_text(1, use.token);
  if (!find->step()) return std::nullopt;
  if (find->column_blob(0) != use.canonical)
    throw ServiceError(Errc::kValidation, "IdempotentParameterMismatchException",
                       std::string(msg::kIdempotentMismatch), /*capital_message=*/true);
  return json::parse(find->column_blob(1));
}

void remember(WriteTxn& txn, const Context& ctx, const TokenUse& use, const json& response) {
  auto s = txn.conn().prepare(
      "INSERT OR REPLACE INTO sls_tokens(token, request, finished_ms, response) "
      "VALUES(?, ?, ?, ?)");
  s->bind_text(1, use.token).bind_text(2, use.canonical).bind(3, ctx.now_ms());
  s->bind_text(4, response.dump());
  s->run();
}

}  // namespace

json run_write_transaction(Context& ctx, const json& request, std::vector<TransactAction>& actions,
                           const TokenUse* token) {
  WriteTxn txn(ctx.store);
  if (token)
    if (std::optional<json> earlier = replayed(txn, ctx, *token)) return *earlier;
  for (TransactAction& a : actions)
    a.table = ctx.require_table(a.table_name, msg::kResourceNotFound);
  for (size_t i = 0; i < actions.size(); ++i) {
    try {
      check_action(actions[i]);
    } catch (const Error& e) {
      if (e.code() != Errc::kValidation) throw;
      cancel_at(actions.size(), i, "ValidationError", e.message());
    }
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const TransactAction& a : actions)
    if (!seen.insert({a.table->meta.name, a.key.pk, a.key.sk}).second)
      fail_validation(std::string(msg::kTransactMultipleOnItem));
  std::vector<CancellationReason> reasons(actions.size());
  bool failed = false;
  static const Item kEmpty;
  for (size_t i = 0; i < actions.size(); ++i) {
    TransactAction& a = actions[i];
    a.old = read_item(txn.conn(), *a.table, a.key);
    if (a.insert_only && a.old) {
      reasons[i] = {"DuplicateItem", std::string(msg::kDuplicateItem), std::nullopt};
      failed = true;
    } else if ((a.must_exist && !a.old) ||
               (a.condition && !expr::evaluate(*a.condition, a.old ? *a.old : kEmpty))) {
      reasons[i] = {"ConditionalCheckFailed", std::string(msg::kConditionFailed),
                    a.return_old ? a.old : std::nullopt};
      failed = true;
    }
  }
  if (failed) throw TransactionCanceled(std::move(reasons));
  compute_new_items(actions);
  std::map<std::string, Capacity> caps;
  json metrics = json::object();
  for (TransactAction& a : actions) {
    Capacity& cap = caps.try_emplace(a.table_name, a.table_name).first->second;
    const size_t size = std::max(a.old ? item_size(*a.old) : 0, a.next ? item_size(*a.next) : 0);
    cap.table += kTransactionFactor * write_units_for(size);
    if (a.kind == ActionKind::kCheck) continue;
    const ChangeKind kind = a.kind == ActionKind::kDelete ? ChangeKind::kDelete
                            : a.kind == ActionKind::kPut  ? ChangeKind::kPut
                                                          : ChangeKind::kUpdate;
    cap.add_indexes(apply_change(ctx, txn, *a.table, a.key, a.old ? &*a.old : nullptr,
                                 a.next ? &*a.next : nullptr, kind),
                    kTransactionFactor);
    if (collection_metrics(request) && a.table->meta.has_lsi())
      metrics[a.table_name].push_back(collection_metrics_json(*a.table, a.item));
  }
  json out = json::object();
  const CapacityMode mode = capacity_mode(request);
  std::vector<Capacity> list;
  for (auto& [name, c] : caps) list.push_back(c);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_list_json(list, mode);
  if (collection_metrics(request)) out["ItemCollectionMetrics"] = metrics;
  if (token) remember(txn, ctx, *token, out);
  txn.commit();
  return out;
}

namespace {

void transact_shape(const json& request, bool write) {
  ShapeErrors errors;
  const json* items = get_member(request, "TransactItems");
  if (items == nullptr) errors.add(nullptr, "transactItems", msg::kRuleNotNull);
  if (items && items->empty())
    errors.add(items, "transactItems", fmt::format(msg::kRuleMinLength, 1));
  if (items && items->size() > kMaxActions) {
    const json echo = "[...]";
    errors.add(&echo, "transactItems", fmt::format(msg::kRuleMaxLength, kMaxActions));
  }
  check_capacity_enum(errors, request);
  if (write) {
    check_metrics_enum(errors, request);
    errors.length(request, "ClientRequestToken", "clientRequestToken", 1, kTokenMaxChars);
  }
  errors.throw_if_any();
}

}  // namespace

json transact_write_items(Context& ctx, const json& request) {
  check_members(request, {{"TransactItems", Member::kList},
                          {"ReturnConsumedCapacity", Member::kString},
                          {"ReturnItemCollectionMetrics", Member::kString},
                          {"ClientRequestToken", Member::kString}});
  transact_shape(request, true);
  std::vector<TransactAction> actions;
  for (const json& entry : request["TransactItems"]) actions.push_back(parse_action(entry));
  const std::optional<TokenUse> use = token_use(request);
  return run_write_transaction(ctx, request, actions, use ? &*use : nullptr);
}

std::optional<TokenUse> token_use(const json& request) {
  const std::string* token = get_string(request, "ClientRequestToken");
  if (token == nullptr) return std::nullopt;
  json without = request;
  without.erase("ClientRequestToken");
  return TokenUse{*token, without.dump()};
}

json transact_get_items(Context& ctx, const json& request) {
  check_members(request,
                {{"TransactItems", Member::kList}, {"ReturnConsumedCapacity", Member::kString}});
  for (const json& entry : request.value("TransactItems", json::array())) {
    check_structure_member(entry);
    check_members(entry, {{"Get", Member::kStructure}});
    if (const json* g = get_member(entry, "Get"))
      check_members(*g, {{"TableName", Member::kString},
                         {"Key", Member::kItem},
                         {"ProjectionExpression", Member::kString},
                         {"ExpressionAttributeNames", Member::kNames}});
  }
  transact_shape(request, false);
  std::vector<TransactGet> gets;
  std::vector<std::optional<std::vector<expr::Path>>> projections;
  for (const json& entry : request["TransactItems"]) {
    const json* g = get_member(entry, "Get");
    if (g == nullptr) fail_validation(std::string(msg::kTransactGetShape));
    ShapeErrors errors;
    errors.table_name(*g);
    errors.throw_if_any();
    expr::Placeholders placeholders;
    if (const json* names = get_member(*g, "ExpressionAttributeNames"))
      placeholders.names = parse_expression_names(*names);
    expr::Usage usage;
    TransactGet get;
    get.table_name = *get_string(*g, "TableName");
    get.key = parse_item(g->value("Key", json::object()));
    gets.push_back(std::move(get));
    projections.push_back(read_projection(*g, placeholders, usage));
    expr::check_unused(placeholders, usage);
  }
  std::vector<Capacity> caps;
  const std::vector<std::optional<Item>> items = run_get_transaction(ctx, gets, caps);
  json responses = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    json r = json::object();
    if (items[i])
      r["Item"] =
          render_item(projections[i] ? expr::project(*items[i], *projections[i]) : *items[i]);
    responses.push_back(std::move(r));
  }
  json out = {{"Responses", responses}};
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_list_json(caps, mode);
  return out;
}

std::vector<std::optional<Item>> run_get_transaction(Context& ctx, std::vector<TransactGet>& gets,
                                                     std::vector<Capacity>& capacity) {
  for (TransactGet& g : gets) g.table = ctx.require_table(g.table_name, msg::kResourceNotFound);
  for (size_t i = 0; i < gets.size(); ++i) {
    try {
      check_key(gets[i].key, *gets[i].table);
    } catch (const Error& e) {
      if (e.code() != Errc::kValidation) throw;
      cancel_at(gets.size(), i, "ValidationError", e.message());
    }
    gets[i].encoded =
        encode_primary_key(gets[i].key, gets[i].table->meta.hash, gets[i].table->meta.range);
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const TransactGet& g : gets)
    if (!seen.insert({g.table->meta.name, g.encoded.pk, g.encoded.sk}).second)
      fail_validation(std::string(msg::kTransactMultipleOnItem));
  std::vector<std::optional<Item>> items;
  std::map<std::string, Capacity> caps;
  ReadTxn read(ctx.store, /*snapshot=*/true);
  for (const TransactGet& g : gets) {
    const std::optional<std::string> row = get_row(read.conn(), g.table->sql, g.encoded);
    std::optional<Item> item;
    if (row) item = decode_item(*row);
    caps.try_emplace(g.table_name, g.table_name).first->second.table +=
        kTransactionFactor * read_units(item ? item_size(*item) : 0, true);
    items.push_back(std::move(item));
  }
  for (auto& [name, c] : caps) capacity.push_back(c);
  return items;
}

void create_token_storage(Connection& conn) { conn.exec(kTokenTable); }

}  // namespace sls::table::engine

// BatchExecuteStatement and ExecuteTransaction (spec/dynamodb-api.md 3.20). A batch runs each
// statement on its own and answers an Error entry for each one that fails; a transaction runs
// its writes as TransactWriteItems does and its reads as TransactGetItems does. Both refuse a
// mix of reads and writes, and both want a SELECT to name exactly one item by its full key.
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/limits.h"
#include "table/engine/item_codec.h"
#include "table/engine/item_common.h"
#include "table/engine/partiql.h"
#include "table/engine/request.h"
#include "table/engine/write_path.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;
using partiql::StatementKind;

const size_t kStatementMax = static_cast<size_t>(limits::kDynamoStatementMaxChars.value);
const size_t kBatchMax = static_cast<size_t>(limits::kDynamoBatchStatementsMax.value);
const size_t kTransactMax = static_cast<size_t>(limits::kDynamoTransactMax.value);
constexpr size_t kTokenMaxChars = 36;

// The members of one statement entry; `consistent` only in a batch.
void check_entries(const json& request, const char* member, const char* path, bool batch) {
  const json* list = get_member(request, member);
  if (list == nullptr) return;
  for (const json& entry : *list) {
    check_structure_member(entry);
    if (batch)
      check_members(entry, {{"Statement", Member::kString},
                            {"Parameters", Member::kList},
                            {"ConsistentRead", Member::kBool},
                            {"ReturnValuesOnConditionCheckFailure", Member::kString}});
    else
      check_members(entry, {{"Statement", Member::kString},
                            {"Parameters", Member::kList},
                            {"ReturnValuesOnConditionCheckFailure", Member::kString}});
    if (const json* p = get_member(entry, "Parameters"))
      for (const json& v : *p) check_member(v, Member::kValue);
  }
  ShapeErrors errors;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& entry = (*list)[i];
    const std::string at = fmt::format("{}.{}.member.statement", path, i + 1);
    errors.required(entry, "Statement", at);
    errors.length(entry, "Statement", at, 1, kStatementMax);
    errors.length(entry, "Parameters", fmt::format("{}.{}.member.parameters", path, i + 1), 1,
                  SIZE_MAX);
    errors.enumeration(entry, "ReturnValuesOnConditionCheckFailure",
                       fmt::format("{}.{}.member.returnValuesOnConditionCheckFailure", path, i + 1),
                       {"ALL_OLD", "NONE"});
  }
  errors.throw_if_any();
}

// The statement list's length, ReturnConsumedCapacity, and (ExecuteTransaction) the token.
void check_list_shape(const json& request, const char* member, const char* path, size_t max) {
  ShapeErrors errors;
  const json* list = get_member(request, member);
  if (list == nullptr) errors.add(nullptr, path, msg::kRuleNotNull);
  if (list && list->empty()) errors.add(list, path, fmt::format(msg::kRuleMinLength, 1));
  if (list && list->size() > max) {
    const json echo = "[...]";
    errors.add(&echo, path, fmt::format(msg::kRuleMaxLength, max));
  }
  check_capacity_enum(errors, request);
  errors.length(request, "ClientRequestToken", "clientRequestToken", 1, kTokenMaxChars);
  errors.throw_if_any();
}

bool mixes_reads_and_writes(const std::vector<const partiql::Statement*>& statements) {
  bool reads = false;
  bool writes = false;
  for (const partiql::Statement* st : statements)
    (st->kind == StatementKind::kSelect ? reads : writes) = true;
  return reads && writes;
}

void add_capacity(std::map<std::string, Capacity>& caps, const Capacity& c) {
  Capacity& into = caps.try_emplace(c.table_name, c.table_name).first->second;
  into.table += c.table;
  for (const auto& [name, units] : c.global) into.global[name] += units;
  for (const auto& [name, units] : c.local) into.local[name] += units;
}

json capacity_member(const json& request, const std::map<std::string, Capacity>& caps) {
  std::vector<Capacity> list;
  for (const auto& [name, c] : caps) list.push_back(c);
  return capacity_list_json(list, capacity_mode(request));
}

// The stored key of `key` when it holds the table's key attributes with their types.
std::optional<EncodedKey> encoded_key(const Item& key, const Table& table) {
  for (const std::string& name : table.key_names) {
    const auto it = key.find(name);
    const KeyAttr& attr = name == table.meta.hash.name ? table.meta.hash : *table.meta.range;
    if (it == key.end() || it->second.type() != attr.type) return std::nullopt;
  }
  return encode_primary_key(key, table.meta.hash, table.meta.range);
}

// The item a statement addresses, when it names one: INSERT's item, or the key of the WHERE.
std::optional<EncodedKey> statement_key(const partiql::Statement& st, const Table& table) {
  if (st.kind == StatementKind::kInsert) return encoded_key(st.item, table);
  const std::optional<ItemTarget> target = item_target(st.where, table);
  return target ? encoded_key(target->key, table) : std::nullopt;
}

// "Provided list of item keys contains duplicates" when two statements address one item.
void check_distinct_items(Context& ctx, const std::vector<const partiql::Statement*>& statements) {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const partiql::Statement* st : statements) {
    const auto table = ctx.find_table(st->table);
    if (!table) continue;
    const std::optional<EncodedKey> key = statement_key(*st, *table);
    if (key && !seen.insert({table->meta.name, key->pk, key->sk}).second)
      fail_validation(std::string(msg::kBatchDuplicates));
  }
}

// The key of a SELECT that names exactly one item, or nullopt.
std::optional<Item> single_item_key(const partiql::Statement& st, const Table& table) {
  if (st.index) return std::nullopt;
  std::optional<ItemTarget> target = item_target(st.where, table);
  if (!target || target->rest) return std::nullopt;
  return std::move(target->key);
}

// --- BatchExecuteStatement -------------------------------------------------------------------

struct BatchEntry {
  std::optional<partiql::Statement> st;
  std::string error;  // why the statement did not parse or bind
  bool consistent = false;
};

json batch_error(std::string_view code, const std::string& message) {
  return {{"Error", {{"Code", code}, {"Message", message}}}};
}

json batch_select(Context& ctx, const partiql::Statement& st, bool consistent,
                  std::map<std::string, Capacity>& caps) {
  const auto table = ctx.require_table(st.table, msg::kResourceNotFound);
  const std::optional<Item> key = single_item_key(st, *table);
  if (!key) fail_validation(std::string(msg::kPartiqlBatchSelectKey));
  check_key(*key, *table);
  std::optional<std::string> row;
  {
    ReadTxn read(ctx.store, /*snapshot=*/false);
    row = get_row(read.conn(), table->sql,
                  encode_primary_key(*key, table->meta.hash, table->meta.range));
  }
  json r = {{"TableName", st.table}};
  Capacity cap(st.table);
  if (row) {
    const Item item = decode_item(*row);
    cap.table = read_units(item_size(item), consistent);
    r["Item"] = render_item(select_outputs(item, st));
  } else {
    cap.table = read_units(0, consistent);
  }
  add_capacity(caps, cap);
  return r;
}

// One statement of a batch: its response entry, errors included.
json batch_run(Context& ctx, const BatchEntry& e, std::map<std::string, Capacity>& caps) {
  if (!e.st) return batch_error("ValidationError", e.error);
  const partiql::Statement& st = *e.st;
  try {
    if (st.kind == StatementKind::kSelect) return batch_select(ctx, st, e.consistent, caps);
    WriteOutcome w = run_write(ctx, st, false);
    add_capacity(caps, w.capacity);
    json r = {{"TableName", st.table}};
    if (w.returned && !w.returned->empty()) r["Item"] = render_item(*w.returned);
    return r;
  } catch (const ConditionFailed& err) {
    json r = batch_error("ConditionalCheckFailed", err.message());
    r["TableName"] = st.table;
    return r;
  } catch (const ServiceError& err) {
    if (err.type != "DuplicateItemException") throw;
    json r = batch_error("DuplicateItem", err.message());
    r["TableName"] = st.table;
    return r;
  } catch (const Error& err) {
    if (err.code() == Errc::kValidation) return batch_error("ValidationError", err.message());
    if (err.code() == Errc::kNotFound) return batch_error("ResourceNotFound", err.message());
    throw;
  }
}

// --- ExecuteTransaction ----------------------------------------------------------------------

[[noreturn]] void fail_statement(size_t i, std::string_view message) {
  fail_validation(fmt::format(msg::kPartiqlTransactStatement, i, message));
}

json transaction_reads(Context& ctx, const json& request,
                       const std::vector<partiql::Statement>& statements) {
  std::vector<TransactGet> gets;
  for (size_t i = 0; i < statements.size(); ++i) {
    const partiql::Statement& st = statements[i];
    if (st.index) fail_statement(i, msg::kPartiqlTransactIndexRead);
    const auto table = ctx.require_table(st.table, msg::kResourceNotFound);
    std::optional<Item> key = single_item_key(st, *table);
    if (!key) fail_statement(i, msg::kPartiqlTransactSelectKey);
    TransactGet get;
    get.table_name = st.table;
    get.key = std::move(*key);
    gets.push_back(std::move(get));
  }
  std::vector<Capacity> caps;
  const std::vector<std::optional<Item>> items = run_get_transaction(ctx, gets, caps);
  json responses = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    json r = json::object();
    if (items[i]) r["Item"] = render_item(select_outputs(*items[i], statements[i]));
    responses.push_back(std::move(r));
  }
  json out = {{"Responses", responses}};
  const CapacityMode mode = capacity_mode(request);
  if (mode != CapacityMode::kNone) out["ConsumedCapacity"] = capacity_list_json(caps, mode);
  return out;
}

json transaction_writes(Context& ctx, const json& request,
                        const std::vector<partiql::Statement>& statements) {
  const json& entries = request["TransactStatements"];
  std::vector<TransactAction> actions;
  for (size_t i = 0; i < statements.size(); ++i) {
    try {
      actions.push_back(transact_action(ctx, statements[i], old_item_on_failure(entries[i])));
    } catch (const Error& e) {
      if (e.code() != Errc::kValidation) throw;
      fail_statement(i, e.message());
    }
  }
  const std::optional<TokenUse> use = token_use(request);
  json out = run_write_transaction(ctx, request, actions, use ? &*use : nullptr);
  out["Responses"] = json::array();  // a transaction of writes answers no entries
  return out;
}

}  // namespace

json batch_execute_statement(Context& ctx, const json& request) {
  check_members(request,
                {{"Statements", Member::kList}, {"ReturnConsumedCapacity", Member::kString}});
  check_entries(request, "Statements", "statements", true);
  check_list_shape(request, "Statements", "statements", kBatchMax);
  std::vector<BatchEntry> entries;
  std::vector<const partiql::Statement*> parsed;
  for (const json& entry : request["Statements"]) {
    BatchEntry e;
    e.consistent = get_bool(entry, "ConsistentRead", false);
    try {
      e.st = partiql::parse(*get_string(entry, "Statement"), parse_parameters(entry));
    } catch (const Error& err) {
      if (err.code() != Errc::kValidation) throw;
      e.error = err.message();
    }
    entries.push_back(std::move(e));
  }
  for (const BatchEntry& e : entries)
    if (e.st) parsed.push_back(&*e.st);
  if (mixes_reads_and_writes(parsed)) fail_validation(std::string(msg::kPartiqlBatchMixed));
  check_distinct_items(ctx, parsed);
  std::map<std::string, Capacity> caps;
  json responses = json::array();
  for (const BatchEntry& e : entries) responses.push_back(batch_run(ctx, e, caps));
  json out = {{"Responses", responses}};
  if (capacity_mode(request) != CapacityMode::kNone && !caps.empty())
    out["ConsumedCapacity"] = capacity_member(request, caps);
  return out;
}

json execute_transaction(Context& ctx, const json& request) {
  check_members(request, {{"TransactStatements", Member::kList},
                          {"ClientRequestToken", Member::kString},
                          {"ReturnConsumedCapacity", Member::kString}});
  check_entries(request, "TransactStatements", "transactStatements", false);
  check_list_shape(request, "TransactStatements", "transactStatements", kTransactMax);
  std::vector<partiql::Statement> statements;
  const json& entries = request["TransactStatements"];
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::vector<AttributeValue> parameters = parse_parameters(entries[i]);
    try {
      statements.push_back(partiql::parse(*get_string(entries[i], "Statement"), parameters));
    } catch (const Error& e) {
      if (e.code() != Errc::kValidation) throw;
      fail_statement(i, e.message());
    }
    if (statements.back().returning != partiql::Returning::kNone)
      fail_statement(i, msg::kPartiqlTransactReturning);
  }
  std::vector<const partiql::Statement*> all;
  for (const partiql::Statement& st : statements) all.push_back(&st);
  if (mixes_reads_and_writes(all)) fail_validation(std::string(msg::kPartiqlTransactMixed));
  if (statements.front().kind == StatementKind::kSelect)
    return transaction_reads(ctx, request, statements);
  return transaction_writes(ctx, request, statements);
}

}  // namespace sls::table::engine

// PartiQL's INSERT, UPDATE and DELETE (spec/dynamodb-api.md 3.20) through the item writes of
// PutItem, UpdateItem and DeleteItem: an INSERT is a put that refuses an existing key, an
// UPDATE an update that refuses a missing item, and the WHERE clause beyond the key is the
// write's condition.
#include <fmt/format.h>

#include "table/engine/item_writes.h"
#include "table/engine/partiql.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using partiql::Returning;
using partiql::StatementKind;

// `a = v` or `v = a` with `a` the top-level attribute `name`: the value, else nullptr.
const AttributeValue* equality_on(const expr::Condition& c, const std::string& name) {
  if (c.kind != expr::Condition::Kind::kCompare || c.op != expr::Comparator::kEq) return nullptr;
  for (size_t side = 0; side < 2; ++side) {
    const expr::Operand& path = c.operands[side];
    const expr::Operand& value = c.operands[1 - side];
    if (path.kind == expr::Operand::Kind::kPath && path.path.elements.size() == 1 &&
        std::get<std::string>(path.path.elements.front()) == name &&
        value.kind == expr::Operand::Kind::kValue)
      return &value.value;
  }
  return nullptr;
}

std::vector<expr::Path> action_paths(const expr::Update& update) {
  std::vector<expr::Path> paths;
  for (const expr::UpdateAction& a : update.actions) paths.push_back(a.path);
  return paths;
}

// What RETURNING asks for, as UpdateItem's ReturnValues would give it (spec 3.10).
std::optional<Item> returned(const partiql::Statement& st, const WriteResult& r) {
  switch (st.returning) {
    case Returning::kNone:
      return std::nullopt;
    case Returning::kAllOld:
      return r.old;
    case Returning::kAllNew:
      return r.next;
    case Returning::kModifiedOld:
      if (r.old) return expr::project(*r.old, action_paths(st.update));
      return std::nullopt;
    case Returning::kModifiedNew:
      if (r.next) return expr::project(*r.next, action_paths(st.update));
      return std::nullopt;
  }
  return std::nullopt;  // unreachable while every case returns
}

ItemTarget require_target(const partiql::Statement& st, const Table& table) {
  std::optional<ItemTarget> target = item_target(st.where, table);
  if (!target) fail_validation(std::string(msg::kPartiqlMandatoryKey));
  return std::move(*target);
}

}  // namespace

std::optional<ItemTarget> item_target(const std::optional<expr::Condition>& where,
                                      const Table& table) {
  if (!where) return std::nullopt;
  std::vector<const expr::Condition*> terms;
  if (where->kind == expr::Condition::Kind::kAnd) {
    for (const expr::Condition& c : where->children) terms.push_back(&c);
  } else {
    terms.push_back(&*where);
  }
  ItemTarget target;
  std::vector<bool> used(terms.size(), false);
  for (const std::string& name : table.key_names) {
    bool found = false;
    for (size_t i = 0; i < terms.size() && !found; ++i) {
      const AttributeValue* v = used[i] ? nullptr : equality_on(*terms[i], name);
      if (v == nullptr) continue;
      target.key.emplace(name, *v);
      used[i] = found = true;
    }
    if (!found) return std::nullopt;
  }
  std::vector<expr::Condition> rest;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!used[i]) rest.push_back(*terms[i]);
  }
  if (rest.size() == 1) target.rest = std::move(rest.front());
  if (rest.size() > 1) {
    target.rest.emplace();
    target.rest->kind = expr::Condition::Kind::kAnd;
    target.rest->children = std::move(rest);
  }
  return target;
}

WriteOutcome run_write(Context& ctx, const partiql::Statement& st, bool return_old) {
  if (st.index) fail_validation(std::string(msg::kPartiqlWriteOnIndex));
  WriteTxn txn(ctx.store);
  const auto table = ctx.require_table(st.table, msg::kResourceNotFound);
  WriteResult r;
  switch (st.kind) {
    case StatementKind::kInsert:
      r = put_item_in(ctx, txn, *table, st.item, std::nullopt, return_old, PutMode::kInsertOnly);
      break;
    case StatementKind::kUpdate: {
      const ItemTarget target = require_target(st, *table);
      r = update_item_in(ctx, txn, *table, target.key, st.update, target.rest, return_old,
                         UpdateMode::kExistingOnly);
      break;
    }
    case StatementKind::kDelete: {
      const ItemTarget target = require_target(st, *table);
      r = delete_item_in(ctx, txn, *table, target.key, target.rest, return_old);
      break;
    }
    case StatementKind::kSelect:
      throw Error(Errc::kInternal, "run_write: a SELECT");
  }
  txn.commit();
  WriteOutcome out;
  out.returned = returned(st, r);
  out.capacity = Capacity(st.table);
  out.capacity.table = r.units;
  out.capacity.add_indexes(r.index_units);
  return out;
}

TransactAction transact_action(Context& ctx, const partiql::Statement& st, bool return_old) {
  if (st.index) fail_validation(std::string(msg::kPartiqlWriteOnIndex));
  TransactAction a;
  a.table_name = st.table;
  a.return_old = return_old;
  if (st.kind == StatementKind::kInsert) {
    a.kind = ActionKind::kPut;
    a.item = st.item;
    a.insert_only = true;
    return a;
  }
  const auto table = ctx.require_table(st.table, msg::kResourceNotFound);
  ItemTarget target = require_target(st, *table);
  a.kind = st.kind == StatementKind::kUpdate ? ActionKind::kUpdate : ActionKind::kDelete;
  a.item = std::move(target.key);
  a.condition = std::move(target.rest);
  a.update = st.update;
  a.must_exist = st.kind == StatementKind::kUpdate;
  return a;
}

}  // namespace sls::table::engine

// PartiQL's SELECT (spec/dynamodb-api.md 3.20): an equality on the partition key of the table
// (or of the index named in FROM) reads that partition as a Query does, narrowed by a
// condition on the sort key; any other WHERE clause reads everything as a Scan does. Either
// way the whole WHERE clause filters the rows read, Limit counts rows read, and a page stops at
// 1 MB read (spec 3.11 steps 3-6).
#include <fmt/format.h>

#include "table/engine/item_codec.h"
#include "table/engine/partiql.h"
#include "table/engine/read_source.h"
#include "table/engine/write_path.h"
#include "table/key_codec.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using Op = expr::RangeCondition::Op;

// The top-level AND terms of a WHERE clause.
std::vector<const expr::Condition*> terms_of(const std::optional<expr::Condition>& where) {
  std::vector<const expr::Condition*> terms;
  if (!where) return terms;
  if (where->kind == expr::Condition::Kind::kAnd) {
    for (const expr::Condition& c : where->children) terms.push_back(&c);
  } else {
    terms.push_back(&*where);
  }
  return terms;
}

bool is_attribute(const expr::Operand& o, const std::string& name) {
  return o.kind == expr::Operand::Kind::kPath && o.path.elements.size() == 1 &&
         std::get<std::string>(o.path.elements.front()) == name;
}

bool is_value_of(const expr::Operand& o, ValueType type) {
  return o.kind == expr::Operand::Kind::kValue && o.value.is(type);
}

// The partition key value of `name = v` (either side) with `v` of the key's type.
std::optional<AttributeValue> partition_value(const expr::Condition& c, const std::string& name,
                                              ValueType type) {
  if (c.kind != expr::Condition::Kind::kCompare || c.op != expr::Comparator::kEq) return {};
  for (size_t side = 0; side < 2; ++side) {
    if (is_attribute(c.operands[side], name) && is_value_of(c.operands[1 - side], type))
      return c.operands[1 - side].value;
  }
  return {};
}

// A sort-key condition Query can read as a range: `sk <op> v` (either side), BETWEEN,
// begins_with, with values of the key's type.
std::optional<expr::RangeCondition> range_of(const expr::Condition& c, const std::string& name,
                                             ValueType type) {
  const auto& o = c.operands;
  if (c.kind == expr::Condition::Kind::kBetween && is_attribute(o[0], name) &&
      is_value_of(o[1], type) && is_value_of(o[2], type))
    return expr::RangeCondition{Op::kBetween, o[1].value, o[2].value};
  const bool text = type == ValueType::kS || type == ValueType::kB;
  if (c.kind == expr::Condition::Kind::kBeginsWith && text && is_attribute(o[0], name) &&
      is_value_of(o[1], type))
    return expr::RangeCondition{Op::kBeginsWith, o[1].value, {}};
  if (c.kind != expr::Condition::Kind::kCompare || c.op == expr::Comparator::kNe) return {};
  // With the key on the right, `v < sk` reads as `sk > v`.
  static constexpr Op kLeft[] = {Op::kEq, Op::kEq, Op::kLt, Op::kLe, Op::kGt, Op::kGe};
  static constexpr Op kRight[] = {Op::kEq, Op::kEq, Op::kGt, Op::kGe, Op::kLt, Op::kLe};
  const auto op = static_cast<size_t>(c.op);
  if (is_attribute(o[0], name) && is_value_of(o[1], type))
    return expr::RangeCondition{kLeft[op], o[1].value, {}};
  if (is_attribute(o[1], name) && is_value_of(o[0], type))
    return expr::RangeCondition{kRight[op], o[0].value, {}};
  return {};
}

// How a SELECT reads: one partition (with sort-key bounds) or everything.
struct Plan {
  std::optional<std::string> pk;  // encoded partition key; nullopt = a scan
  KeyBounds bounds;
};

Plan plan_for(const partiql::Statement& st, const expr::KeySchema& keys) {
  Plan plan;
  const std::vector<const expr::Condition*> terms = terms_of(st.where);
  for (const expr::Condition* t : terms) {
    if (std::optional<AttributeValue> v = partition_value(*t, keys.hash_name, keys.hash_type)) {
      plan.pk = encode_key(*v);
      break;
    }
  }
  if (!plan.pk || !keys.range_name) return plan;
  for (const expr::Condition* t : terms) {
    if (std::optional<expr::RangeCondition> r = range_of(*t, *keys.range_name, keys.range_type)) {
      plan.bounds = key_bounds(r);
      break;
    }
  }
  return plan;
}

bool projects(const IndexMeta& index, const Table& table, const std::string& name) {
  if (index.projection == ProjectionType::kAll) return true;
  if (name == index.hash.name || (index.range && name == index.range->name)) return true;
  for (const std::string& k : table.key_names) {
    if (k == name) return true;
  }
  return std::find(index.non_key_attributes.begin(), index.non_key_attributes.end(), name) !=
         index.non_key_attributes.end();
}

// The table or the index FROM names, with the index rules of PartiQL's reads.
ReadSource source_for(const Table& table, const partiql::Statement& st, bool consistent) {
  ReadSource src;
  src.table = &table;
  src.sql = table.sql;
  src.key_schema = table.key_schema;
  if (!st.index) return src;
  for (size_t i = 0; i < table.meta.indexes.size(); ++i) {
    if (table.meta.indexes[i].name != *st.index) continue;
    src.index = &table.meta.indexes[i];
    src.sql = table.index_sql[i];
    src.key_schema = table.index_key_schemas[i];
  }
  if (src.index == nullptr) fail_validation(std::string(msg::kPartiqlNoSuchIndex));
  if (src.index->global && consistent) fail_validation(std::string(msg::kPartiqlGsiConsistentRead));
  std::vector<std::string> missing;
  for (const partiql::Output& o : st.projection) {
    const std::string& top = std::get<std::string>(o.path.elements.front());
    if (projects(*src.index, table, top)) continue;
    if (std::find(missing.begin(), missing.end(), top) == missing.end()) missing.push_back(top);
  }
  // A GSI holds only its projection; an LSI reads the rest from the table (spec 3.11).
  if (!missing.empty() && src.index->global)
    fail_validation(
        fmt::format(msg::kPartiqlGsiNotProjected, src.index->name, fmt::join(missing, ", ")));
  src.fetch_from_table = !missing.empty();
  return src;
}

void check_order_by(const partiql::Statement& st, const Plan& plan, const ReadSource& src) {
  if (!st.order_by) return;
  const bool on_sort_key =
      src.key_schema.range_name && st.order_by->elements.size() == 1 &&
      std::get<std::string>(st.order_by->elements.front()) == *src.key_schema.range_name;
  if (!plan.pk || !on_sort_key) fail_validation(std::string(msg::kPartiqlOrderBy));
}

}  // namespace

Item select_outputs(const Item& item, const partiql::Statement& st) {
  if (st.projection.empty()) return item;
  Item out;
  for (const partiql::Output& o : st.projection) {
    if (const AttributeValue* v = expr::find(item, o.path)) out.insert_or_assign(o.name, *v);
  }
  return out;
}

SelectPage run_select(Context& ctx, const partiql::Statement& st, const SelectOptions& options) {
  const auto table = ctx.require_table(st.table, msg::kResourceNotFound);
  const ReadSource src = source_for(*table, st, options.consistent);
  const Plan plan = plan_for(st, src.key_schema);
  check_order_by(st, plan, src);
  std::optional<StartKey> start;
  if (options.start) {
    if (!is_start_key(*options.start, src))
      fail_validation(std::string(msg::kPartiqlInvalidNextToken));
    start = make_start_key(*options.start, src);
  }
  std::vector<Row> rows;
  ReadTxn read(ctx.store, /*snapshot=*/src.fetch_from_table);
  const bool stopped = plan.pk
                           ? read_partition(read.conn(), src, *plan.pk, plan.bounds, !st.descending,
                                            start ? &*start : nullptr, options.limit, rows)
                           : read_hash_range(read.conn(), src, INT64_MIN, std::nullopt,
                                             start ? &*start : nullptr, options.limit, rows);
  SelectPage page;
  page.capacity = Capacity(st.table);
  size_t bytes = 0;
  size_t table_bytes = 0;
  for (Row& row : rows) {
    bytes += row.size;
    if (src.fetch_from_table) {
      std::optional<Item> full = read_item(read.conn(), *src.table, row.key);
      if (full) table_bytes += item_size(*full);
      if (full) row.item = std::move(*full);
    }
    if (st.where && !expr::evaluate(*st.where, row.decoded())) continue;
    page.items.push_back(select_outputs(row.decoded(), st));
  }
  if (stopped && !rows.empty()) page.last_key = key_of(rows.back().decoded(), *table, src.index);
  const double units = read_units(bytes, options.consistent);
  if (src.index == nullptr) {
    page.capacity.table += units;
  } else {
    page.capacity.table_used = src.fetch_from_table;
    (src.index->global ? page.capacity.global : page.capacity.local)[src.index->name] += units;
    if (src.fetch_from_table) page.capacity.table += read_units(table_bytes, options.consistent);
  }
  return page;
}

}  // namespace sls::table::engine

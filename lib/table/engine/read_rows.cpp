// The row reads under Query and Scan (and PartiQL's SELECT): one partition in sort-key order
// inside key bounds, or a range of partition hashes in Scan order, each stopping at Limit or
// 1 MB read (spec/dynamodb-api.md 3.11, 3.12, 7).
#include <fmt/format.h>

#include "table/engine/read_source.h"
#include "table/key_codec.h"

namespace sls::table::engine {
namespace {

// Reads rows in order until the limit or the page size; true when it stopped early.
bool collect(Statement& s, const ReadSource& src, std::optional<int64_t> limit,
             std::vector<Row>& rows) {
  size_t bytes = 0;
  const int base = src.index ? 2 : 0;
  while (s.step()) {
    Row row;
    row.key = {s.column_int(0), std::string(s.column_blob(base + 1)),
               std::string(s.column_blob(base + 2))};
    if (src.index)
      row.ikey = {s.column_int(0), std::string(s.column_blob(1)), std::string(s.column_blob(2))};
    row.encoded = s.column_blob(base + 3);
    row.size = static_cast<size_t>(s.column_int(base + 4));
    bytes += row.size;
    rows.push_back(std::move(row));
    if (limit && static_cast<int64_t>(rows.size()) >= *limit) return true;
    if (bytes >= page_limit_bytes()) return true;
  }
  return false;
}

std::string columns(const ReadSource& src) {
  return src.index ? "h, ipk, isk, pk, sk, item, size" : "h, pk, sk, item, size";
}

}  // namespace

KeyBounds key_bounds(const std::optional<expr::RangeCondition>& r) {
  KeyBounds b;
  if (!r) return b;
  using Op = expr::RangeCondition::Op;
  const std::string v = encode_key(r->value);
  switch (r->op) {
    case Op::kEq:
      b.lower = b.upper = v;
      break;
    case Op::kLt:
      b.upper = v;
      b.upper_inclusive = false;
      break;
    case Op::kLe:
      b.upper = v;
      break;
    case Op::kGt:
      b.lower = v;
      b.lower_inclusive = false;
      break;
    case Op::kGe:
      b.lower = v;
      break;
    case Op::kBetween:
      b.lower = v;
      b.upper = encode_key(r->upper);
      break;
    case Op::kBeginsWith:
      b.lower = v;
      b.upper = prefix_successor(v);
      b.upper_inclusive = false;
      break;
  }
  return b;
}

bool within(const KeyBounds& b, const std::string& sk) {
  if (b.lower && (b.lower_inclusive ? sk < *b.lower : sk <= *b.lower)) return false;
  if (b.upper && (b.upper_inclusive ? sk > *b.upper : sk >= *b.upper)) return false;
  return true;
}

bool read_partition(Connection& conn, const ReadSource& src, const std::string& pk,
                    const KeyBounds& bounds, bool forward, const StartKey* start,
                    std::optional<int64_t> limit, std::vector<Row>& rows) {
  const char* pkcol = src.index ? "ipk" : "pk";
  const char* skcol = src.index ? "isk" : "sk";
  std::string sql =
      fmt::format("SELECT {} FROM {} WHERE h = ?1 AND {} = ?2", columns(src), src.sql, pkcol);
  if (bounds.lower) sql += fmt::format(" AND {} {} ?3", skcol, bounds.lower_inclusive ? ">=" : ">");
  if (bounds.upper) sql += fmt::format(" AND {} {} ?4", skcol, bounds.upper_inclusive ? "<=" : "<");
  const char* dir = forward ? ">" : "<";
  if (start) {
    sql += src.index ? fmt::format(" AND (isk, pk, sk) {} (?5, ?6, ?7)", dir)
                     : fmt::format(" AND sk {} ?5", dir);
  }
  const char* order = forward ? "" : " DESC";
  sql += src.index ? fmt::format(" ORDER BY isk{0}, pk{0}, sk{0}", order)
                   : fmt::format(" ORDER BY sk{}", order);
  auto s = conn.prepare(sql);
  s->bind(1, partition_hash(pk)).bind(2, pk);
  if (bounds.lower) s->bind(3, *bounds.lower);
  if (bounds.upper) s->bind(4, *bounds.upper);
  if (start && src.index) s->bind(5, start->ikey.sk).bind(6, start->key.pk).bind(7, start->key.sk);
  if (start && !src.index) s->bind(5, start->key.sk);
  return collect(*s, src, limit, rows);
}

bool read_hash_range(Connection& conn, const ReadSource& src, int64_t lo, std::optional<int64_t> hi,
                     const StartKey* start, std::optional<int64_t> limit, std::vector<Row>& rows) {
  std::string sql = fmt::format("SELECT {} FROM {} WHERE h >= ?1", columns(src), src.sql);
  if (hi) sql += " AND h < ?2";
  if (start)
    sql += src.index ? " AND (h, ipk, isk, pk, sk) > (?3, ?4, ?5, ?6, ?7)"
                     : " AND (h, pk, sk) > (?3, ?4, ?5)";
  sql += src.index ? " ORDER BY h, ipk, isk, pk, sk" : " ORDER BY h, pk, sk";
  auto s = conn.prepare(sql);
  s->bind(1, lo);
  if (hi) s->bind(2, *hi);
  if (start && src.index)
    s->bind(3, start->ikey.hash)
        .bind(4, start->ikey.pk)
        .bind(5, start->ikey.sk)
        .bind(6, start->key.pk)
        .bind(7, start->key.sk);
  if (start && !src.index)
    s->bind(3, start->key.hash).bind(4, start->key.pk).bind(5, start->key.sk);
  return collect(*s, src, limit, rows);
}

}  // namespace sls::table::engine

// apply_change: the item row, the index rows and the change record in one transaction
// (spec/dynamodb-api.md 7; index sparseness 3.5; index write units 5.2).
#include "table/engine/write_path.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "table/engine/item_codec.h"

namespace sls::table::engine {
namespace {

constexpr double kWriteUnitBytes = 1024;

double write_units(size_t bytes) {
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / kWriteUnitBytes));
}

struct IndexEntry {
  EncodedKey key;
  Item item;
};

std::optional<IndexEntry> index_entry(const Item* item, const Table& table, const IndexMeta& ix) {
  if (item == nullptr) return std::nullopt;
  std::optional<EncodedKey> k = encode_index_key(*item, ix);
  if (!k) return std::nullopt;
  return IndexEntry{std::move(*k), project_for_index(*item, table, ix)};
}

double update_index(Connection& c, const Table& table, size_t i, const EncodedKey& key,
                    const Item* old_item, const Item* new_item) {
  const IndexMeta& ix = table.meta.indexes[i];
  const std::string& sql = table.index_sql[i];
  const std::optional<IndexEntry> before = index_entry(old_item, table, ix);
  const std::optional<IndexEntry> after = index_entry(new_item, table, ix);
  if (!before && !after) return 0;
  if (before && after && before->key == after->key && before->item == after->item) return 0;
  double units = 0;
  if (before && !(after && before->key == after->key)) {
    delete_index_row(c, sql, before->key, key);
    units += write_units(item_size(before->item));
  }
  if (after) {
    const size_t size = item_size(after->item);
    put_index_row(c, sql, after->key, key, encode_item(after->item), static_cast<int64_t>(size));
    units += write_units(size);
  }
  return units;
}

}  // namespace

std::optional<Item> read_item(Connection& conn, const Table& table, const EncodedKey& key) {
  std::optional<std::string> row = get_row(conn, table.sql, key);
  if (!row) return std::nullopt;
  return decode_item(*row);
}

std::vector<IndexUnits> apply_change(Context& ctx, WriteTxn& txn, const Table& table,
                                     const EncodedKey& key, const Item* old_item,
                                     const Item* new_item, ChangeKind kind) {
  std::vector<IndexUnits> units;
  if (old_item == nullptr && new_item == nullptr) return units;
  if (old_item && new_item && *old_item == *new_item) return units;
  Connection& c = txn.conn();
  if (new_item) {
    put_row(c, table.sql, key, encode_item(*new_item), static_cast<int64_t>(item_size(*new_item)));
  } else {
    delete_row(c, table.sql, key);
  }
  for (size_t i = 0; i < table.meta.indexes.size(); ++i) {
    const double u = update_index(c, table, i, key, old_item, new_item);
    if (u > 0) units.push_back({table.meta.indexes[i].name, table.meta.indexes[i].global, u});
  }
  record_change(ctx, txn, table, old_item, new_item, kind);
  return units;
}

void backfill_index(WriteTxn& txn, const Table& table, size_t position) {
  Connection& c = txn.conn();
  std::vector<std::pair<EncodedKey, std::string>> rows;
  {
    auto s = c.prepare("SELECT h, pk, sk, item FROM " + table.sql);
    while (s->step())
      rows.push_back({EncodedKey{s->column_int(0), std::string(s->column_blob(1)),
                                 std::string(s->column_blob(2))},
                      std::string(s->column_blob(3))});
  }
  for (const auto& [key, blob] : rows) {
    const Item item = decode_item(blob);
    update_index(c, table, position, key, nullptr, &item);
  }
}

}  // namespace sls::table::engine

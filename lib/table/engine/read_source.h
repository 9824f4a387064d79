// What Query and Scan read from: the table or one of its indexes, with the key schema, SQLite
// table and page rules of spec/dynamodb-api.md 3.11-3.12.
// Thread safety: a ReadSource borrows an immutable Table snapshot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/capacity.h"
#include "table/engine/context.h"
#include "table/engine/request.h"
#include "table/expr/expr.h"

namespace sls::table::engine {

enum class Select : uint8_t { kAllAttributes, kAllProjected, kSpecific, kCount };

struct ReadSource {
  const Table* table = nullptr;
  const IndexMeta* index = nullptr;  // nullptr = the table itself
  std::string sql;
  expr::KeySchema key_schema;     // of the table or index
  bool fetch_from_table = false;  // LSI read that needs attributes outside the projection
};

// Resolves IndexName and checks ConsistentRead and Select against it.
ReadSource read_source(const Table& table, const nlohmann::json& request, Select select);

// One row of a read: the stored keys and the item (or index entry), kept in its stored bytes
// until something needs it decoded (a filter, a projection, the last evaluated key), so a
// plain page is rendered straight from the bytes.
struct Row {
  EncodedKey key;   // table key (h, pk, sk)
  EncodedKey ikey;  // index key when reading an index
  std::string encoded;
  std::optional<Item> item;  // decoded on demand, by decoded()
  size_t size = 0;
  const Item& decoded();
};

// The page after the reads: what Query and Scan reply (spec 3.11 steps 3-6).
struct PageRequest {
  std::optional<expr::Condition> filter;
  std::optional<std::vector<expr::Path>> projection;
  Select select = Select::kAllAttributes;
  std::optional<int64_t> limit;
  bool consistent = false;
};

Select parse_select(const nlohmann::json& request, bool has_projection, bool has_index);

// The ExclusiveStartKey as stored keys, validated against the source's key attributes.
struct StartKey {
  EncodedKey key;   // table key
  EncodedKey ikey;  // index key (index reads)
  Item item;
};
std::optional<StartKey> parse_start_key(const nlohmann::json& request, const ReadSource& src,
                                        bool scan);

// Whether `item` holds exactly the key attributes of `src` (the table key, plus the index key
// for an index), with their declared types.
bool is_start_key(const Item& item, const ReadSource& src);
// A StartKey for `item`. Requires: is_start_key(item, src).
StartKey make_start_key(Item item, const ReadSource& src);

// Sort-key bounds of a Query, in stored key bytes (spec 3.11): from the range part of a key
// condition; no bound on a side that is absent.
struct KeyBounds {
  std::optional<std::string> lower;
  bool lower_inclusive = true;
  std::optional<std::string> upper;
  bool upper_inclusive = true;
};
KeyBounds key_bounds(const std::optional<expr::RangeCondition>& range);
bool within(const KeyBounds& bounds, const std::string& sk);

// The rows of one partition of `src` (encoded partition key `pk`) inside `bounds`, in sort-key
// order (reversed when !forward), after `start` when given. Reads until `limit` rows or
// page_limit_bytes() (spec 3.11 step 3); returns true when it stopped for one of them.
bool read_partition(Connection& conn, const ReadSource& src, const std::string& pk,
                    const KeyBounds& bounds, bool forward, const StartKey* start,
                    std::optional<int64_t> limit, std::vector<Row>& rows);
// The rows of `src` whose partition hash is in [lo, hi) (to the end when `hi` is nullopt), in
// Scan order (spec 3.12), after `start` when given; stops as read_partition does.
bool read_hash_range(Connection& conn, const ReadSource& src, int64_t lo, std::optional<int64_t> hi,
                     const StartKey* start, std::optional<int64_t> limit, std::vector<Row>& rows);

// Renders a page of rows. `stopped` = the read ended because of Limit or the 1 MB cap.
Body render_page(const ReadSource& src, const PageRequest& req, Connection& conn,
                 std::vector<Row>& rows, bool stopped, Capacity& cap);

// The ConditionalOperator / filter parsing shared by Query and Scan.
std::optional<expr::Condition> read_filter(const nlohmann::json& request, const char* legacy_member,
                                           const expr::Placeholders& placeholders,
                                           expr::Usage& usage);

// Bytes a page may read before it stops (spec 3.11 step 3).
size_t page_limit_bytes();

}  // namespace sls::table::engine

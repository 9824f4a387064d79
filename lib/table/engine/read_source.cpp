// The parts of Query and Scan that do not depend on how rows are found: index resolution, Select,
// ExclusiveStartKey, filters, and the page rendering (spec/dynamodb-api.md 3.11, 3.12, 5.2).
#include "table/engine/read_source.h"

#include <fmt/format.h>

#include "core/limits.h"
#include "table/engine/item_codec.h"
#include "table/engine/legacy.h"
#include "table/engine/write_path.h"
#include "table/json_text.h"
#include "table/key_codec.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

expr::KeySchema schema_of(const KeyAttr& hash, const std::optional<KeyAttr>& range) {
  expr::KeySchema k;
  k.hash_name = hash.name;
  k.hash_type = hash.type;
  if (range) {
    k.range_name = range->name;
    k.range_type = range->type;
  }
  return k;
}

// The key attributes a start key must hold: the table key, plus the index key for an index.
std::vector<KeyAttr> start_key_attrs(const ReadSource& src) {
  std::vector<KeyAttr> attrs{src.table->meta.hash};
  if (src.table->meta.range) attrs.push_back(*src.table->meta.range);
  if (src.index) {
    for (const std::optional<KeyAttr>& a :
         {std::optional<KeyAttr>(src.index->hash), src.index->range}) {
      if (!a) continue;
      const bool known = std::any_of(attrs.begin(), attrs.end(),
                                     [&](const KeyAttr& k) { return k.name == a->name; });
      if (!known) attrs.push_back(*a);
    }
  }
  return attrs;
}

}  // namespace

size_t page_limit_bytes() { return static_cast<size_t>(limits::kDynamoPageBytes.value); }

Select parse_select(const json& request, bool has_projection, bool has_index) {
  const std::string* s = get_string(request, "Select");
  const char* projection_member =
      get_member(request, "AttributesToGet") ? "AttributesToGet" : "ProjectionExpression";
  if (s == nullptr)
    return has_projection ? Select::kSpecific
                          : (has_index ? Select::kAllProjected : Select::kAllAttributes);
  if (*s == "SPECIFIC_ATTRIBUTES") {
    if (!has_projection) fail_validation(std::string(msg::kSelectSpecificWithoutProjection));
    return Select::kSpecific;
  }
  if (has_projection)
    fail_validation(fmt::format(msg::kSelectWithProjection, projection_member, *s));
  if (*s == "COUNT") return Select::kCount;
  if (*s == "ALL_PROJECTED_ATTRIBUTES") {
    if (!has_index) fail_validation(std::string(msg::kSelectProjectedWithoutIndex));
    return Select::kAllProjected;
  }
  return Select::kAllAttributes;
}

ReadSource read_source(const Table& table, const json& request, Select select) {
  ReadSource src;
  src.table = &table;
  const std::string* index_name = get_string(request, "IndexName");
  if (index_name == nullptr) {
    src.sql = table.sql;
    src.key_schema = table.key_schema;
    return src;
  }
  for (size_t i = 0; i < table.meta.indexes.size(); ++i)
    if (table.meta.indexes[i].name == *index_name) {
      src.index = &table.meta.indexes[i];
      src.sql = table.index_sql[i];
    }
  if (src.index == nullptr) fail_validation(fmt::format(msg::kNoSuchIndex, *index_name));
  src.key_schema = schema_of(src.index->hash, src.index->range);
  if (src.index->global && get_bool(request, "ConsistentRead", false))
    fail_validation(std::string(msg::kGsiConsistentRead));
  const bool partial = src.index->projection != ProjectionType::kAll;
  if (src.index->global && partial && select == Select::kAllAttributes)
    fail_validation(fmt::format(msg::kSelectAllOnGsi, src.index->name));
  src.fetch_from_table = !src.index->global && partial &&
                         (select == Select::kAllAttributes || select == Select::kSpecific);
  return src;
}

std::optional<StartKey> parse_start_key(const json& request, const ReadSource& src, bool scan) {
  const json* j = get_member(request, "ExclusiveStartKey");
  if (j == nullptr) return std::nullopt;
  StartKey start;
  start.item = parse_item(*j);
  const std::vector<KeyAttr> attrs = start_key_attrs(src);
  bool names_match = start.item.size() == attrs.size();
  bool types_match = true;
  for (const KeyAttr& a : attrs) {
    const auto it = start.item.find(a.name);
    if (it == start.item.end())
      names_match = false;
    else if (it->second.type() != a.type)
      types_match = false;
  }
  if (!names_match)
    fail_validation(std::string(scan ? msg::kStartKeyBadType : msg::kStartKeyInvalid));
  if (!types_match) fail_validation(std::string(msg::kStartKeyBadType));
  return make_start_key(std::move(start.item), src);
}

bool is_start_key(const Item& item, const ReadSource& src) {
  const std::vector<KeyAttr> attrs = start_key_attrs(src);
  if (item.size() != attrs.size()) return false;
  return std::all_of(attrs.begin(), attrs.end(), [&](const KeyAttr& a) {
    const auto it = item.find(a.name);
    return it != item.end() && it->second.type() == a.type;
  });
}

StartKey make_start_key(Item item, const ReadSource& src) {
  StartKey start;
  start.item = std::move(item);
  start.key = encode_primary_key(start.item, src.table->meta.hash, src.table->meta.range);
  if (src.index) start.ikey = *encode_index_key(start.item, *src.index);
  return start;
}

std::optional<expr::Condition> read_filter(const json& request, const char* legacy_member,
                                           const expr::Placeholders& placeholders,
                                           expr::Usage& usage) {
  if (const std::string* text = get_string(request, "FilterExpression"))
    return expr::parse_condition(*text, expr::ExpressionKind::kFilter, placeholders, usage);
  if (const json* legacy = get_member(request, legacy_member); legacy && !legacy->empty())
    return legacy_condition(*legacy, get_string_or(request, "ConditionalOperator", "AND") == "OR",
                            LegacyKind::kFilter);
  return std::nullopt;
}

const Item& Row::decoded() {
  if (!item) item = decode_item(encoded);
  return *item;
}

Body render_page(const ReadSource& src, const PageRequest& req, Connection& conn,
                 std::vector<Row>& rows, bool stopped, Capacity& cap) {
  size_t bytes = 0;
  size_t table_bytes = 0;
  std::string items = "[";
  size_t stored_bytes = 0;
  for (const Row& row : rows) stored_bytes += row.encoded.size();
  // The JSON of an item is its stored bytes plus type tags, quotes and braces (and base64's
  // third for binaries): a guess that saves most of the string's regrowth.
  constexpr size_t kJsonBytesPerRow = 64;
  items.reserve(stored_bytes + stored_bytes / 4 + rows.size() * kJsonBytesPerRow);
  int64_t count = 0;
  for (Row& row : rows) {
    bytes += row.size;
    if (src.fetch_from_table) {
      std::optional<Item> full = read_item(conn, *src.table, row.key);
      if (full) {
        table_bytes += item_size(*full);
        row.item = std::move(*full);
      }
    }
    if (req.filter && !expr::evaluate(*req.filter, row.decoded())) continue;
    ++count;
    if (req.select == Select::kCount) continue;
    if (count > 1) items.push_back(',');
    if (req.projection)
      write_item(items, expr::project(row.decoded(), *req.projection));
    else if (row.item)
      write_item(items, *row.item);
    else
      write_item_json(items, row.encoded);  // a plain page: the stored bytes, straight to text
  }
  items.push_back(']');
  Body out = json::object();
  if (req.select != Select::kCount) out.set_rendered("Items", std::move(items));
  out.set("Count", count);
  out.set("ScannedCount", rows.size());
  if (stopped && !rows.empty()) {
    std::string last;
    write_item(last, key_of(rows.back().decoded(), *src.table, src.index));
    out.set_rendered("LastEvaluatedKey", std::move(last));
  }
  const double units = read_units(bytes, req.consistent);
  if (src.index == nullptr) {
    cap.table += units;
  } else {
    cap.table_used = src.fetch_from_table;
    (src.index->global ? cap.global : cap.local)[src.index->name] += units;
    if (src.fetch_from_table) cap.table += read_units(table_bytes, req.consistent);
  }
  return out;
}

}  // namespace sls::table::engine

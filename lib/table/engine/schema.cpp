// Table metadata: JSON persistence, key encoding and index projections.
#include "table/engine/schema.h"

#include <algorithm>

#include <fmt/format.h>

#include "table/key_codec.h"

namespace sls::table::engine {
namespace {

using nlohmann::json;

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
// splitmix64's finalizer: spreads FNV's output so nearby keys land in different segments.
constexpr uint64_t kMix1 = 0xbf58476d1ce4e5b9ULL;
constexpr uint64_t kMix2 = 0x94d049bb133111ebULL;
constexpr uint64_t kSignBit = 0x8000000000000000ULL;

json key_attr_json(const KeyAttr& k) {
  return {{"name", k.name}, {"type", std::string(type_tag(k.type))}};
}
KeyAttr key_attr_from(const json& j) {
  return {j.at("name").get<std::string>(), *type_from_tag(j.at("type").get<std::string>())};
}
json throughput_json(const Throughput& t) {
  return {{"read", t.read},
          {"write", t.write},
          {"decreases", t.decreases_today},
          {"last_increase", t.last_increase},
          {"last_decrease", t.last_decrease}};
}
Throughput throughput_from(const json& j) {
  return {j.at("read").get<int64_t>(), j.at("write").get<int64_t>(), j.at("decreases").get<int>(),
          j.at("last_increase").get<double>(), j.at("last_decrease").get<double>()};
}

json index_json(const IndexMeta& ix) {
  json j = {{"name", ix.name},
            {"global", ix.global},
            {"hash", key_attr_json(ix.hash)},
            {"projection", static_cast<int>(ix.projection)},
            {"non_key", ix.non_key_attributes},
            {"throughput", throughput_json(ix.throughput)},
            {"sql_id", ix.sql_id}};
  if (ix.range) j["range"] = key_attr_json(*ix.range);
  return j;
}

IndexMeta index_from(const json& j) {
  IndexMeta ix;
  ix.name = j.at("name").get<std::string>();
  ix.global = j.at("global").get<bool>();
  ix.hash = key_attr_from(j.at("hash"));
  if (j.contains("range")) ix.range = key_attr_from(j.at("range"));
  ix.projection = static_cast<ProjectionType>(j.at("projection").get<int>());
  ix.non_key_attributes = j.at("non_key").get<std::vector<std::string>>();
  ix.throughput = throughput_from(j.at("throughput"));
  ix.sql_id = j.at("sql_id").get<int64_t>();
  return ix;
}

std::string encode_component(const AttributeValue& v) { return encode_key(v); }

}  // namespace

bool TableMeta::has_lsi() const {
  return std::any_of(indexes.begin(), indexes.end(), [](const IndexMeta& i) { return !i.global; });
}

const IndexMeta* TableMeta::find_index(std::string_view index_name) const {
  for (const IndexMeta& i : indexes)
    if (i.name == index_name) return &i;
  return nullptr;
}

json meta_to_json(const TableMeta& m) {
  json defs = json::array();
  for (const KeyAttr& d : m.attribute_definitions) defs.push_back(key_attr_json(d));
  json indexes = json::array();
  for (const IndexMeta& i : m.indexes) indexes.push_back(index_json(i));
  json tags = json::array();
  for (const auto& [k, v] : m.tags) tags.push_back({k, v});
  json j = {{"name", m.name},
            {"table_id", m.table_id},
            {"sql_id", m.sql_id},
            {"created", m.created},
            {"definitions", defs},
            {"hash", key_attr_json(m.hash)},
            {"indexes", indexes},
            {"pay_per_request", m.billing == BillingMode::kPayPerRequest},
            {"billing_changed", m.billing_changed},
            {"throughput", throughput_json(m.throughput)},
            {"stream",
             {{"enabled", m.stream.enabled},
              {"view_type", m.stream.view_type},
              {"label", m.stream.label}}},
            {"tags", tags},
            {"deletion_protection", m.deletion_protection},
            {"sse", m.sse_description}};
  if (m.range) j["range"] = key_attr_json(*m.range);
  if (m.ttl_attribute) j["ttl_attribute"] = *m.ttl_attribute;
  if (m.table_class) j["table_class"] = *m.table_class;
  return j;
}

TableMeta meta_from_json(const json& j) {
  TableMeta m;
  m.name = j.at("name").get<std::string>();
  m.table_id = j.at("table_id").get<std::string>();
  m.sql_id = j.at("sql_id").get<int64_t>();
  m.created = j.at("created").get<double>();
  for (const json& d : j.at("definitions")) m.attribute_definitions.push_back(key_attr_from(d));
  m.hash = key_attr_from(j.at("hash"));
  if (j.contains("range")) m.range = key_attr_from(j.at("range"));
  for (const json& i : j.at("indexes")) m.indexes.push_back(index_from(i));
  m.billing =
      j.at("pay_per_request").get<bool>() ? BillingMode::kPayPerRequest : BillingMode::kProvisioned;
  m.billing_changed = j.at("billing_changed").get<double>();
  m.throughput = throughput_from(j.at("throughput"));
  const json& s = j.at("stream");
  m.stream = {s.at("enabled").get<bool>(), s.at("view_type").get<std::string>(),
              s.at("label").get<std::string>()};
  for (const json& t : j.at("tags"))
    m.tags.emplace_back(t.at(0).get<std::string>(), t.at(1).get<std::string>());
  m.deletion_protection = j.at("deletion_protection").get<bool>();
  m.sse_description = j.at("sse");
  if (j.contains("ttl_attribute")) m.ttl_attribute = j.at("ttl_attribute").get<std::string>();
  if (j.contains("table_class")) m.table_class = j.at("table_class").get<std::string>();
  return m;
}

Table::Table(TableMeta m) : meta(std::move(m)) {
  sql = fmt::format("t{}", meta.sql_id);
  key_schema.hash_name = meta.hash.name;
  key_schema.hash_type = meta.hash.type;
  key_names.push_back(meta.hash.name);
  if (meta.range) {
    key_schema.range_name = meta.range->name;
    key_schema.range_type = meta.range->type;
    key_names.push_back(meta.range->name);
  }
  for (const IndexMeta& ix : meta.indexes) {
    index_sql.push_back(fmt::format("t{}_x{}", meta.sql_id, ix.sql_id));
    expr::KeySchema ks;
    ks.hash_name = ix.hash.name;
    ks.hash_type = ix.hash.type;
    if (ix.range) {
      ks.range_name = ix.range->name;
      ks.range_type = ix.range->type;
    }
    index_key_schemas.push_back(std::move(ks));
  }
}

int64_t partition_hash(std::string_view pk) {
  uint64_t h = kFnvOffset;
  for (const char c : pk) {
    h ^= static_cast<uint8_t>(c);
    h *= kFnvPrime;
  }
  h ^= h >> 30;
  h *= kMix1;
  h ^= h >> 27;
  h *= kMix2;
  h ^= h >> 31;
  return static_cast<int64_t>(h ^ kSignBit);
}

int64_t segment_start(int64_t segment, int64_t total) {
  if (segment >= total) return INT64_MAX;  // callers treat it as "past the end"
  // floor(segment * 2^64 / total) without 128-bit arithmetic: 2^64 = q * total + r + 1.
  const auto s = static_cast<uint64_t>(segment);
  const auto n = static_cast<uint64_t>(total);
  const uint64_t q = UINT64_MAX / n;
  const uint64_t r = UINT64_MAX % n;
  const uint64_t start = s * q + s * (r + 1) / n;
  return static_cast<int64_t>(start ^ kSignBit);
}

EncodedKey encode_primary_key(const Item& item, const KeyAttr& hash,
                              const std::optional<KeyAttr>& range) {
  EncodedKey k;
  k.pk = encode_component(item.find(hash.name)->second);
  if (range) k.sk = encode_component(item.find(range->name)->second);
  k.hash = partition_hash(k.pk);
  return k;
}

std::optional<EncodedKey> encode_index_key(const Item& item, const IndexMeta& index) {
  const auto h = item.find(index.hash.name);
  if (h == item.end() || h->second.type() != index.hash.type) return std::nullopt;
  EncodedKey k;
  k.pk = encode_component(h->second);
  if (index.range) {
    const auto r = item.find(index.range->name);
    if (r == item.end() || r->second.type() != index.range->type) return std::nullopt;
    k.sk = encode_component(r->second);
  }
  k.hash = partition_hash(k.pk);
  return k;
}

Item key_of(const Item& item, const Table& table, const IndexMeta* index) {
  Item key;
  auto copy = [&](const std::string& name) {
    const auto it = item.find(name);
    if (it != item.end()) key.insert(*it);
  };
  for (const std::string& name : table.key_names) copy(name);
  if (index) {
    copy(index->hash.name);
    if (index->range) copy(index->range->name);
  }
  return key;
}

Item project_for_index(const Item& item, const Table& table, const IndexMeta& index) {
  if (index.projection == ProjectionType::kAll) return item;
  Item out = key_of(item, table, &index);
  for (const std::string& name : index.non_key_attributes) {
    const auto it = item.find(name);
    if (it != item.end()) out.insert(*it);
  }
  return out;
}

}  // namespace sls::table::engine

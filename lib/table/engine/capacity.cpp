// Capacity arithmetic and shapes (spec/dynamodb-api.md 5.1-5.3).
#include "table/engine/capacity.h"

#include <algorithm>
#include <cmath>

namespace sls::table::engine {
namespace {

constexpr double kReadUnitBytes = 4096;
constexpr double kWriteUnitBytes = 1024;
constexpr double kEventualFactor = 0.5;
// AWS's item collection size estimate for a small collection: between 0 and 1 GB.
constexpr double kCollectionEstimateUpperGb = 1.0;

nlohmann::json units(double u) { return {{"CapacityUnits", u}}; }

}  // namespace

void Capacity::add_indexes(const std::vector<IndexUnits>& list, double factor) {
  for (const IndexUnits& u : list) (u.global ? global : local)[u.index] += u.units * factor;
}

double Capacity::total() const {
  double sum = table_used ? table : 0;
  for (const auto& [n, u] : global) sum += u;
  for (const auto& [n, u] : local) sum += u;
  return sum;
}

double read_units(size_t bytes, bool consistent) {
  const double u = std::max(1.0, std::ceil(static_cast<double>(bytes) / kReadUnitBytes));
  return consistent ? u : u * kEventualFactor;
}

double write_units_for(size_t bytes) {
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / kWriteUnitBytes));
}

nlohmann::json capacity_json(const Capacity& c, CapacityMode mode) {
  if (mode == CapacityMode::kNone) return nullptr;
  nlohmann::json j = {{"TableName", c.table_name}, {"CapacityUnits", c.total()}};
  if (mode != CapacityMode::kIndexes) return j;
  if (c.table_used) j["Table"] = units(c.table);
  if (!c.global.empty()) {
    nlohmann::json g = nlohmann::json::object();
    for (const auto& [n, u] : c.global) g[n] = units(u);
    j["GlobalSecondaryIndexes"] = g;
  }
  if (!c.local.empty()) {
    nlohmann::json l = nlohmann::json::object();
    for (const auto& [n, u] : c.local) l[n] = units(u);
    j["LocalSecondaryIndexes"] = l;
  }
  return j;
}

nlohmann::json capacity_list_json(const std::vector<Capacity>& list, CapacityMode mode) {
  if (mode == CapacityMode::kNone) return nullptr;
  nlohmann::json out = nlohmann::json::array();
  for (const Capacity& c : list) out.push_back(capacity_json(c, mode));
  return out;
}

nlohmann::json collection_metrics_json(const Table& table, const Item& item) {
  Item key;
  const auto it = item.find(table.meta.hash.name);
  if (it != item.end()) key.insert(*it);
  return {{"ItemCollectionKey", render_item(key)},
          {"SizeEstimateRangeGB", nlohmann::json::array({0.0, kCollectionEstimateUpperGb})}};
}

}  // namespace sls::table::engine

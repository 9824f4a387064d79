// ConsumedCapacity and ItemCollectionMetrics (spec/dynamodb-api.md 5): DynamoDB's RCU/WCU
// arithmetic and the reply shapes for TOTAL and INDEXES.
// Thread safety: plain values and pure functions.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/request.h"
#include "table/engine/schema.h"
#include "table/engine/write_path.h"

namespace sls::table::engine {

// Units consumed on one table by one operation (or summed over a batch).
struct Capacity {
  explicit Capacity(std::string name = {}) : table_name(std::move(name)) {}
  std::string table_name;  // as the request named it (name or ARN, spec 5.1)
  double table = 0;
  bool table_used = true;  // false for a Query/Scan on an index (only the index is reported)
  std::map<std::string, double> global;
  std::map<std::string, double> local;
  void add_indexes(const std::vector<IndexUnits>& units, double factor = 1);
  double total() const;
};

// ⌈bytes/4096⌉ RCU, at least 1; halved when eventually consistent.
double read_units(size_t bytes, bool consistent);
// ⌈bytes/1024⌉ WCU, at least 1.
double write_units_for(size_t bytes);

// {"TableName":..,"CapacityUnits":..} plus the INDEXES members; null for kNone.
nlohmann::json capacity_json(const Capacity& c, CapacityMode mode);
// The list form of the batch and transaction operations.
nlohmann::json capacity_list_json(const std::vector<Capacity>& list, CapacityMode mode);

// {"ItemCollectionKey":{pk},"SizeEstimateRangeGB":[0.0,1.0]} for tables with an LSI (spec 5.3).
nlohmann::json collection_metrics_json(const Table& table, const Item& item);

}  // namespace sls::table::engine

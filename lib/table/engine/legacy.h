// The pre-2014 parameters mapped onto the expression trees (spec/dynamodb-api.md 4.7):
// Expected / QueryFilter / ScanFilter / KeyConditions + ConditionalOperator become a
// Condition, AttributeUpdates an Update, AttributesToGet a list of top-level paths.
// Thread safety: pure functions.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/expr/expr.h"

namespace sls::table::engine {

enum class LegacyKind : uint8_t { kExpected, kFilter, kKeyConditions };

// Requires: `conditions` is a JSON object of Condition structures. Throws Error{kValidation}
// with the legacy messages.
expr::Condition legacy_condition(const nlohmann::json& conditions, bool use_or, LegacyKind kind);
expr::Update legacy_update(const nlohmann::json& attribute_updates);
std::vector<expr::Path> legacy_projection(const nlohmann::json& attributes_to_get);

// "Can not use both expression and non-expression parameters ..." when the request holds
// members of both families (each list in the operation's member order).
void check_no_mixing(const nlohmann::json& request, std::initializer_list<std::string_view> legacy,
                     std::initializer_list<std::string_view> expressions);

}  // namespace sls::table::engine

// Parameters the item operations share: ReturnValues, the write condition (ConditionExpression
// or Expected), read projections (ProjectionExpression or AttributesToGet) and the placeholder
// rules of spec/dynamodb-api.md 4.5.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "table/engine/capacity.h"
#include "table/engine/context.h"
#include "table/engine/request.h"
#include "table/expr/expr.h"

namespace sls::table::engine {

enum class ReturnValues : uint8_t { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
ReturnValues parse_return_values(const nlohmann::json& request);
void check_return_values_enums(ShapeErrors& errors, const nlohmann::json& request);
bool old_item_on_failure(const nlohmann::json& request);  // ReturnValuesOnConditionCheckFailure

// ConditionExpression (parsed with `placeholders`, recording into `usage`) or legacy Expected +
// ConditionalOperator; nullopt when the request has neither.
std::optional<expr::Condition> write_condition(const nlohmann::json& request,
                                               const expr::Placeholders& placeholders,
                                               expr::Usage& usage);
// ProjectionExpression or AttributesToGet; nullopt = every attribute.
std::optional<std::vector<expr::Path>> read_projection(const nlohmann::json& request,
                                                       const expr::Placeholders& placeholders,
                                                       expr::Usage& usage);

// "ExpressionAttributeNames can only be specified when using expressions" and the values
// variant, whose suffix names the operation's value-taking expressions (`values_suffix`).
void check_placeholders_used(const nlohmann::json& request,
                             std::initializer_list<std::string_view> name_users,
                             std::initializer_list<std::string_view> value_users,
                             std::string_view values_suffix);

// Evaluates a write condition against the current item (absent = no attributes) and throws
// ConditionFailed (with the old item when asked) when it is false.
void check_condition(const std::optional<expr::Condition>& condition,
                     const std::optional<Item>& current, bool return_old);

}  // namespace sls::table::engine

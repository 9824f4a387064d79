// Shared parameters of the item operations (spec/dynamodb-api.md 3.6-3.10, 4.5, 4.7).
#include "table/engine/item_common.h"

#include <fmt/format.h>

#include "table/engine/legacy.h"
#include "table/messages.h"

namespace sls::table::engine {

using nlohmann::json;

ReturnValues parse_return_values(const json& request) {
  const std::string v = get_string_or(request, "ReturnValues", "NONE");
  if (v == "ALL_OLD") return ReturnValues::kAllOld;
  if (v == "UPDATED_OLD") return ReturnValues::kUpdatedOld;
  if (v == "ALL_NEW") return ReturnValues::kAllNew;
  if (v == "UPDATED_NEW") return ReturnValues::kUpdatedNew;
  return ReturnValues::kNone;
}

void check_return_values_enums(ShapeErrors& errors, const json& request) {
  errors.enumeration(request, "ReturnValues", "returnValues",
                     {"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"});
  check_capacity_enum(errors, request);
  check_metrics_enum(errors, request);
  errors.enumeration(request, "ReturnValuesOnConditionCheckFailure",
                     "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"});
  errors.enumeration(request, "ConditionalOperator", "conditionalOperator", {"AND", "OR"});
}

bool old_item_on_failure(const json& request) {
  return get_string_or(request, "ReturnValuesOnConditionCheckFailure", "NONE") == "ALL_OLD";
}

std::optional<expr::Condition> write_condition(const json& request,
                                               const expr::Placeholders& placeholders,
                                               expr::Usage& usage) {
  if (const std::string* text = get_string(request, "ConditionExpression"))
    return expr::parse_condition(*text, expr::ExpressionKind::kCondition, placeholders, usage);
  if (const json* expected = get_member(request, "Expected"); expected && !expected->empty())
    return legacy_condition(*expected, get_string_or(request, "ConditionalOperator", "AND") == "OR",
                            LegacyKind::kExpected);
  return std::nullopt;
}

std::optional<std::vector<expr::Path>> read_projection(const json& request,
                                                       const expr::Placeholders& placeholders,
                                                       expr::Usage& usage) {
  if (const std::string* text = get_string(request, "ProjectionExpression"))
    return expr::parse_projection(*text, placeholders, usage).paths;
  if (const json* names = get_member(request, "AttributesToGet")) return legacy_projection(*names);
  return std::nullopt;
}

void check_placeholders_used(const json& request,
                             std::initializer_list<std::string_view> name_users,
                             std::initializer_list<std::string_view> value_users,
                             std::string_view values_suffix) {
  const auto any = [&](std::initializer_list<std::string_view> members) {
    for (std::string_view m : members)
      if (get_member(request, m)) return true;
    return false;
  };
  if (get_member(request, "ExpressionAttributeNames") && !any(name_users))
    fail_validation(std::string(msg::kNamesWithoutExpression));
  if (get_member(request, "ExpressionAttributeValues") && !any(value_users))
    fail_validation(fmt::format(msg::kValuesWithoutExpression, values_suffix));
}

void check_condition(const std::optional<expr::Condition>& condition,
                     const std::optional<Item>& current, bool return_old) {
  if (!condition) return;
  static const Item kEmpty;
  if (expr::evaluate(*condition, current ? *current : kEmpty)) return;
  throw ConditionFailed(return_old ? current : std::nullopt);
}

}  // namespace sls::table::engine

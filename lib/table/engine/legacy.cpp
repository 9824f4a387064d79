// Legacy parameters as expression trees (spec/dynamodb-api.md 4.7).
#include "table/engine/legacy.h"

#include <set>

#include <fmt/format.h>

#include "core/error.h"
#include "table/engine/request.h"
#include "table/messages.h"

namespace sls::table::engine {
namespace {

using expr::Comparator;
using expr::Condition;
using expr::Operand;
using nlohmann::json;

Operand path_operand(const std::string& name) {
  Operand o;
  o.kind = Operand::Kind::kPath;
  o.path.elements.emplace_back(name);
  return o;
}

Operand value_operand(AttributeValue v) {
  Operand o;
  o.kind = Operand::Kind::kValue;
  o.value = std::move(v);
  return o;
}

Condition node(Condition::Kind kind, std::vector<Operand> operands) {
  Condition c;
  c.kind = kind;
  c.operands = std::move(operands);
  return c;
}

Condition compare(Comparator op, const std::string& name, AttributeValue v) {
  Condition c = node(Condition::Kind::kCompare, {path_operand(name), value_operand(std::move(v))});
  c.op = op;
  return c;
}

Condition negate(Condition inner) {
  Condition c;
  c.kind = Condition::Kind::kNot;
  c.children.push_back(std::move(inner));
  return c;
}

bool scalar(ValueType t) { return t == ValueType::kS || t == ValueType::kN || t == ValueType::kB; }

struct OperatorRule {
  std::string_view name;
  int min_args;
  int max_args;  // -1 = unbounded
};
constexpr OperatorRule kOperators[] = {
    {"EQ", 1, 1},       {"NE", 1, 1},           {"LE", 1, 1},          {"LT", 1, 1},
    {"GE", 1, 1},       {"GT", 1, 1},           {"NULL", 0, 0},        {"NOT_NULL", 0, 0},
    {"CONTAINS", 1, 1}, {"NOT_CONTAINS", 1, 1}, {"BEGINS_WITH", 1, 1}, {"IN", 1, -1},
    {"BETWEEN", 2, 2}};

void check_operand_types(const std::string& op, const std::vector<AttributeValue>& values) {
  for (const AttributeValue& v : values)
    if (v.type() != values.front().type()) fail_validation(std::string(msg::kLegacySameType));
  if (values.empty()) return;
  const ValueType t = values.front().type();
  const bool ok = (op == "EQ" || op == "NE")           ? true
                  : (op == "BEGINS_WITH")              ? t == ValueType::kS || t == ValueType::kB
                  : (op == "NULL" || op == "NOT_NULL") ? true
                                                       : scalar(t);
  if (!ok) fail_validation(fmt::format(msg::kLegacyOperatorType, op, type_tag(t)));
  if (op == "BETWEEN") {
    const AttributeValue& lo = values[0];
    const AttributeValue& hi = values[1];
    Condition probe = node(Condition::Kind::kCompare, {value_operand(lo), value_operand(hi)});
    probe.op = Comparator::kGt;
    if (expr::evaluate(probe, Item{})) fail_validation(std::string(msg::kLegacyBetweenOrder));
  }
}

Condition operator_condition(const std::string& name, const std::string& op,
                             std::vector<AttributeValue> values, LegacyKind kind) {
  const OperatorRule* rule = nullptr;
  for (const OperatorRule& r : kOperators)
    if (r.name == op) rule = &r;
  if (rule == nullptr) fail_validation(fmt::format(msg::kLegacyArgumentCount, op));
  if (kind == LegacyKind::kKeyConditions &&
      (op == "NE" || op == "IN" || op == "NULL" || op == "NOT_NULL" || op == "CONTAINS" ||
       op == "NOT_CONTAINS"))
    fail_validation(std::string(msg::kLegacyNotIndexable));
  const int n = static_cast<int>(values.size());
  if (n < rule->min_args || (rule->max_args >= 0 && n > rule->max_args))
    fail_validation(fmt::format(msg::kLegacyArgumentCount, op));
  check_operand_types(op, values);
  if (op == "NULL") return node(Condition::Kind::kNotExists, {path_operand(name)});
  if (op == "NOT_NULL") return node(Condition::Kind::kExists, {path_operand(name)});
  if (op == "CONTAINS")
    return node(Condition::Kind::kContains, {path_operand(name), value_operand(values[0])});
  if (op == "NOT_CONTAINS") {
    Condition both;
    both.kind = Condition::Kind::kAnd;
    both.children.push_back(node(Condition::Kind::kExists, {path_operand(name)}));
    both.children.push_back(
        negate(node(Condition::Kind::kContains, {path_operand(name), value_operand(values[0])})));
    return both;
  }
  if (op == "BEGINS_WITH")
    return node(Condition::Kind::kBeginsWith, {path_operand(name), value_operand(values[0])});
  if (op == "BETWEEN")
    return node(Condition::Kind::kBetween,
                {path_operand(name), value_operand(values[0]), value_operand(values[1])});
  if (op == "IN") {
    std::vector<Operand> operands{path_operand(name)};
    for (AttributeValue& v : values) operands.push_back(value_operand(std::move(v)));
    return node(Condition::Kind::kIn, std::move(operands));
  }
  const Comparator cmp = op == "EQ"   ? Comparator::kEq
                         : op == "NE" ? Comparator::kNe
                         : op == "LE" ? Comparator::kLe
                         : op == "LT" ? Comparator::kLt
                         : op == "GE" ? Comparator::kGe
                                      : Comparator::kGt;
  return compare(cmp, name, std::move(values[0]));
}

std::vector<AttributeValue> value_list(const json* list) {
  std::vector<AttributeValue> out;
  if (list)
    for (const json& v : *list) out.push_back(parse_value(v));
  return out;
}

Condition expected_entry(const std::string& name, const json& e) {
  const json* value = get_member(e, "Value");
  const json* list = get_member(e, "AttributeValueList");
  const json* exists = get_member(e, "Exists");
  const std::string* op = get_string(e, "ComparisonOperator");
  if (value && list) fail_validation(fmt::format(msg::kLegacyValueAndList, name));
  if (exists && op) fail_validation(fmt::format(msg::kLegacyExistsAndOperator, name));
  if (op) {
    if (!value && !list && *op != "NULL" && *op != "NOT_NULL")
      fail_validation(fmt::format(msg::kLegacyOperatorNeedsValue, *op, name));
    std::vector<AttributeValue> values = list ? value_list(list) : std::vector<AttributeValue>{};
    if (value) values.push_back(parse_value(*value));
    return operator_condition(name, *op, std::move(values), LegacyKind::kExpected);
  }
  if (list) fail_validation(fmt::format(msg::kLegacyListWithoutOperator, name));
  const bool must_exist = exists ? get_bool(e, "Exists", true) : true;
  if (!must_exist) {
    if (value) fail_validation(fmt::format(msg::kLegacyValueWhenNotExists, name));
    return node(Condition::Kind::kNotExists, {path_operand(name)});
  }
  if (!value)
    fail_validation(fmt::format(msg::kLegacyValueRequired, exists ? "true" : "null", name));
  return compare(Comparator::kEq, name, parse_value(*value));
}

}  // namespace

Condition legacy_condition(const json& conditions, bool use_or, LegacyKind kind) {
  Condition all;
  all.kind = use_or ? Condition::Kind::kOr : Condition::Kind::kAnd;
  for (const auto& [name, e] : conditions.items()) {
    if (kind == LegacyKind::kExpected) {
      all.children.push_back(expected_entry(name, e));
      continue;
    }
    const std::string op = get_string_or(e, "ComparisonOperator", "");
    all.children.push_back(
        operator_condition(name, op, value_list(get_member(e, "AttributeValueList")), kind));
  }
  if (all.children.size() == 1) return std::move(all.children.front());
  return all;
}

expr::Update legacy_update(const json& updates) {
  expr::Update u;
  for (const auto& [name, e] : updates.items()) {
    const std::string action = get_string_or(e, "Action", "PUT");
    const json* value = get_member(e, "Value");
    expr::UpdateAction a;
    a.path.elements.emplace_back(name);
    if (!value) {
      if (action != "DELETE") fail_validation(std::string(msg::kLegacyDeleteOnly));
      a.kind = expr::UpdateAction::Kind::kRemove;
      u.actions.push_back(std::move(a));
      continue;
    }
    AttributeValue v = parse_value(*value);
    if (action == "ADD") {
      if (!v.is(ValueType::kN) && !v.is_set() && !v.is(ValueType::kL))
        fail_validation(fmt::format(msg::kLegacyAddType, type_tag(v.type())));
      if (v.is(ValueType::kL)) {
        // ADD of a list appends (legacy only): list_append(if_not_exists(a, []), v).
        Operand fallback = value_operand(AttributeValue::list({}));
        Operand existing;
        existing.kind = Operand::Kind::kIfNotExists;
        existing.args = {path_operand(name), fallback};
        a.kind = expr::UpdateAction::Kind::kSet;
        a.value.kind = Operand::Kind::kListAppend;
        a.value.args = {existing, value_operand(std::move(v))};
      } else {
        a.kind = expr::UpdateAction::Kind::kAdd;
        a.value = value_operand(std::move(v));
      }
    } else if (action == "DELETE") {
      if (!v.is_set()) fail_validation(fmt::format(msg::kLegacyDeleteType, type_tag(v.type())));
      a.kind = expr::UpdateAction::Kind::kDelete;
      a.value = value_operand(std::move(v));
    } else {
      a.kind = expr::UpdateAction::Kind::kSet;
      a.value = value_operand(std::move(v));
    }
    u.actions.push_back(std::move(a));
  }
  return u;
}

std::vector<expr::Path> legacy_projection(const json& names) {
  std::vector<expr::Path> paths;
  std::set<std::string> seen;
  for (const json& n : names) {
    const std::string name = n.get<std::string>();
    if (!seen.insert(name).second) fail_validation(fmt::format(msg::kDuplicateAttributeName, name));
    expr::Path p;
    p.elements.emplace_back(name);
    paths.push_back(std::move(p));
  }
  return paths;
}

void check_no_mixing(const json& request, std::initializer_list<std::string_view> legacy,
                     std::initializer_list<std::string_view> expressions) {
  std::vector<std::string_view> old_present;
  std::vector<std::string_view> new_present;
  for (std::string_view m : legacy)
    if (get_member(request, m)) old_present.push_back(m);
  for (std::string_view m : expressions)
    if (get_member(request, m)) new_present.push_back(m);
  if (old_present.empty() || new_present.empty()) return;
  fail_validation(fmt::format(msg::kMixedParameters, fmt::join(old_present, ", "),
                              fmt::join(new_present, ", ")));
}

}  // namespace sls::table::engine

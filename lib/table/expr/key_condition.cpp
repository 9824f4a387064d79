// KeyConditionExpression: the shape Query accepts, and the match against a key schema
// (spec/dynamodb-api.md 3.11 and 4.2 "Key conditions additionally").
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "table/expr/expr.h"
#include "table/messages.h"

namespace sls::table::expr {

void check_key_condition_shape(const Condition& condition);

namespace {

[[noreturn]] void fail(std::string message) { throw Error(Errc::kValidation, std::move(message)); }

[[noreturn]] void invalid_operator(std::string_view op) {
  fail(fmt::format(msg::kKeyInvalidOperator, op));
}

// One comparison of a key condition: exactly one top-level attribute, compared with values.
void check_leaf(const Condition& c) {
  const Operand* key = nullptr;
  for (const Operand& o : c.operands) {
    if (o.kind == Operand::Kind::kSize) fail(std::string(msg::kKeyNestedOperation));
    if (o.kind != Operand::Kind::kPath) continue;
    if (key) fail(std::string(msg::kKeyMultipleNames));
    key = &o;
  }
  if (!key) fail(std::string(msg::kKeyNoAttribute));
  const bool key_first_only =
      c.kind == Condition::Kind::kBetween || c.kind == Condition::Kind::kBeginsWith;
  if (key_first_only && key != &c.operands[0]) {
    fail(fmt::format(msg::kKeyValueFirst,
                     c.kind == Condition::Kind::kBetween ? "BETWEEN" : "begins_with"));
  }
  if (key->path.elements.size() > 1) fail(std::string(msg::kKeyNestedAttribute));
}

void flatten_and(const Condition& c, std::vector<const Condition*>& leaves) {
  if (c.kind != Condition::Kind::kAnd) {
    leaves.push_back(&c);
    return;
  }
  for (const Condition& child : c.children) flatten_and(child, leaves);
}

// The key attribute a checked leaf constrains.
const std::string& key_name(const Condition& leaf) {
  for (const Operand& o : leaf.operands) {
    if (o.kind == Operand::Kind::kPath) return std::get<std::string>(o.path.elements[0]);
  }
  return std::get<std::string>(leaf.operands[0].path.elements[0]);  // unreachable after shape check
}

// The comparison as seen from the key: `:v < sk` is `sk > :v`.
RangeCondition::Op range_op(const Condition& leaf) {
  if (leaf.kind == Condition::Kind::kBetween) return RangeCondition::Op::kBetween;
  if (leaf.kind == Condition::Kind::kBeginsWith) return RangeCondition::Op::kBeginsWith;
  const bool flipped = leaf.operands[0].kind != Operand::Kind::kPath;
  switch (leaf.op) {
    case Comparator::kLt:
      return flipped ? RangeCondition::Op::kGt : RangeCondition::Op::kLt;
    case Comparator::kLe:
      return flipped ? RangeCondition::Op::kGe : RangeCondition::Op::kLe;
    case Comparator::kGt:
      return flipped ? RangeCondition::Op::kLt : RangeCondition::Op::kGt;
    case Comparator::kGe:
      return flipped ? RangeCondition::Op::kLe : RangeCondition::Op::kGe;
    case Comparator::kEq:
    case Comparator::kNe:  // rejected by the shape check
      break;
  }
  return RangeCondition::Op::kEq;
}

// The literal values of a leaf, in text order, each checked against the key's type.
std::vector<AttributeValue> leaf_values(const Condition& leaf, ValueType key_type) {
  std::vector<AttributeValue> values;
  for (const Operand& o : leaf.operands) {
    if (o.kind != Operand::Kind::kValue) continue;
    if (o.value.type() != key_type) fail(std::string(msg::kKeyTypeMismatch));
    values.push_back(o.value);
  }
  return values;
}

}  // namespace

void check_key_condition_shape(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
      for (const Condition& child : c.children) check_key_condition_shape(child);
      return;
    case Condition::Kind::kOr:
      invalid_operator("OR");
    case Condition::Kind::kNot:
      invalid_operator("NOT");
    case Condition::Kind::kIn:
      invalid_operator("IN");
    case Condition::Kind::kExists:
      invalid_operator("attribute_exists");
    case Condition::Kind::kNotExists:
      invalid_operator("attribute_not_exists");
    case Condition::Kind::kType:
      invalid_operator("attribute_type");
    case Condition::Kind::kContains:
      invalid_operator("contains");
    case Condition::Kind::kCompare:
      if (c.op == Comparator::kNe) invalid_operator("<>");
      return check_leaf(c);
    case Condition::Kind::kBetween:
    case Condition::Kind::kBeginsWith:
      return check_leaf(c);
  }
}

KeyCondition to_key_condition(const Condition& condition, const KeySchema& schema) {
  std::vector<const Condition*> leaves;
  flatten_and(condition, leaves);
  const Condition* hash = nullptr;
  const Condition* range = nullptr;
  for (size_t i = 0; i < leaves.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (key_name(*leaves[i]) == key_name(*leaves[j]))
        fail(std::string(msg::kKeyOneConditionPerKey));
    }
    (key_name(*leaves[i]) == schema.hash_name ? hash : range) = leaves[i];
  }
  if (!hash) fail(fmt::format(msg::kKeyMissedElement, schema.hash_name));
  if (hash->kind != Condition::Kind::kCompare || hash->op != Comparator::kEq)
    fail(std::string(msg::kKeyNotSupported));
  if (leaves.size() > 2) fail(std::string(msg::kKeyNotSupported));
  KeyCondition out;
  out.hash = leaf_values(*hash, schema.hash_type)[0];
  if (!range) return out;
  if (!schema.range_name) fail(std::string(msg::kKeyNotSupported));
  if (key_name(*range) != *schema.range_name)
    fail(fmt::format(msg::kKeyMissedElement, *schema.range_name));
  std::vector<AttributeValue> values = leaf_values(*range, schema.range_type);
  out.range.emplace();
  out.range->op = range_op(*range);
  out.range->value = values[0];
  if (values.size() > 1) out.range->upper = values[1];
  return out;
}

}  // namespace sls::table::expr

// Static checks of condition, filter and key-condition expressions, in AWS's order (spec 4.8:
// redundant parentheses, unknown function, misused function, reserved word, undefined
// placeholder, operand count, distinct operands, operand types), then the typed tree.
#include <array>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/limits.h"
#include "table/base64.h"
#include "table/expr/checks.h"
#include "table/expr/expr.h"
#include "table/expr/parser.h"
#include "table/messages.h"

namespace sls::table::expr {

// Defined in key_condition.cpp: the shape checks Query applies to a key condition.
void check_key_condition_shape(const Condition& condition);

namespace {

// IN takes at most this many values after the operand (spec 4.2).
constexpr size_t kMaxInOperands = static_cast<size_t>(limits::kDynamoInOperandsMax.value);

struct FunctionInfo {
  std::string_view name;
  size_t arity;
};
constexpr std::array<FunctionInfo, 6> kFunctions = {{{"attribute_exists", 1},
                                                     {"attribute_not_exists", 1},
                                                     {"attribute_type", 2},
                                                     {"begins_with", 2},
                                                     {"contains", 2},
                                                     {"size", 1}}};

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

bool orderable(ValueType t) {
  return t == ValueType::kS || t == ValueType::kN || t == ValueType::kB;
}

// The type tag and text AWS prints for a literal in BETWEEN messages ("{N:1}").
std::pair<std::string_view, std::string> between_operand(const AttributeValue& v) {
  std::string text;
  if (v.is(ValueType::kS)) text = v.as_string();
  if (v.is(ValueType::kN)) text = v.as_number().to_string();
  if (v.is(ValueType::kB)) text = base64_encode(v.as_binary());
  return {type_tag(v.type()), std::move(text)};
}

class ConditionChecker {
 public:
  ConditionChecker(ExpressionKind kind, const Placeholders& placeholders, Usage& usage)
      : kind_(kind), placeholders_(placeholders), usage_(usage) {}

  Condition run(const RawCondition& raw) {
    const RawNode* root = &raw.root;
    check_operator_count({&root, 1}, kind_);
    if (raw.redundant_parens) fail(std::string(msg::kExprRedundantParens));
    walk_postorder(raw.root, [&](const RawNode& n) { check_known_function(n); });
    check_misuse(raw.root, /*condition_position=*/true);
    check_reserved(raw.root, kind_);
    check_defined(raw.root, kind_, placeholders_, usage_, true, true);
    walk_postorder(raw.root, [&](const RawNode& n) { check_operand_count(n); });
    walk_postorder(raw.root, [&](const RawNode& n) { check_distinct(n); });
    walk_postorder(raw.root, [&](const RawNode& n) { check_operand_types(n); });
    return condition(raw.root);
  }

 private:
  [[noreturn]] void fail(std::string detail) const { throw_invalid(kind_, std::move(detail)); }

  void check_known_function(const RawNode& n) const {
    if (n.kind == RawNode::Kind::kCall && !find_function(n.text))
      fail(fmt::format(msg::kExprUnknownFunction, n.text));
  }

  // Boolean functions only where a condition goes, size() only where an operand goes.
  void check_misuse(const RawNode& n, bool condition_position) const {
    const bool children_are_conditions = n.kind == RawNode::Kind::kOr ||
                                         n.kind == RawNode::Kind::kAnd ||
                                         n.kind == RawNode::Kind::kNot;
    for (const RawNode& child : n.children) check_misuse(child, children_are_conditions);
    if (n.kind != RawNode::Kind::kCall) return;
    if (condition_position == (n.text == "size"))
      fail(fmt::format(msg::kExprMisusedFunction, n.text));
  }

  void check_operand_count(const RawNode& n) const {
    if (n.kind == RawNode::Kind::kIn && n.children.size() - 1 > kMaxInOperands)
      fail(fmt::format(msg::kExprInTooMany, n.children.size() - 1));
    if (n.kind != RawNode::Kind::kCall) return;
    const FunctionInfo* f = find_function(n.text);
    if (f && f->arity != n.children.size())
      fail(fmt::format(msg::kExprOperandCount, n.text, n.children.size()));
  }

  // `a = a`, `contains(a, a)`: the same path on both sides of a two-operand test.
  void check_distinct(const RawNode& n) const {
    const bool two_operand_test = n.kind == RawNode::Kind::kCompare ||
                                  (n.kind == RawNode::Kind::kCall && n.children.size() == 2);
    if (!two_operand_test) return;
    const RawNode& a = n.children[0];
    const RawNode& b = n.children[1];
    if (a.kind != RawNode::Kind::kPath || b.kind != RawNode::Kind::kPath) return;
    const Path first = resolve_path(a, placeholders_);
    if (first == resolve_path(b, placeholders_))
      fail(fmt::format(msg::kExprNotDistinct, n.text, to_string(first)));
  }

  void check_operand_types(const RawNode& n) const {
    if (n.kind == RawNode::Kind::kCall) return check_function_types(n);
    const bool ordered = n.kind == RawNode::Kind::kBetween ||
                         (n.kind == RawNode::Kind::kCompare && n.text != "=" && n.text != "<>");
    if (!ordered) return;
    const std::string_view op = n.kind == RawNode::Kind::kBetween ? "BETWEEN" : n.text;
    for (const RawNode& operand : n.children) {
      const std::optional<ValueType> t = static_type(operand, placeholders_);
      if (t && !orderable(*t)) fail(fmt::format(msg::kExprOperandType, op, type_tag(*t)));
    }
    if (n.kind == RawNode::Kind::kBetween) check_between_bounds(n.children[1], n.children[2]);
  }

  void check_between_bounds(const RawNode& lo, const RawNode& hi) const {
    if (lo.kind != RawNode::Kind::kValueRef || hi.kind != RawNode::Kind::kValueRef) return;
    const AttributeValue& a = resolve_value(lo, placeholders_);
    const AttributeValue& b = resolve_value(hi, placeholders_);
    const auto [ta, va] = between_operand(a);
    const auto [tb, vb] = between_operand(b);
    if (a.type() != b.type()) fail(fmt::format(msg::kExprBetweenTypes, ta, va, tb, vb));
    if (greater(a, b)) fail(fmt::format(msg::kExprBetweenOrder, ta, va, tb, vb));
  }

  static bool greater(const AttributeValue& a, const AttributeValue& b) {
    if (a.is(ValueType::kN)) return a.as_number() > b.as_number();
    if (a.is(ValueType::kS)) return a.as_string() > b.as_string();
    return a.as_binary() > b.as_binary();
  }

  void check_function_types(const RawNode& n) const {
    const std::optional<ValueType> first = static_type(n.children[0], placeholders_);
    if (n.text == "attribute_exists" || n.text == "attribute_not_exists") {
      if (n.children[0].kind != RawNode::Kind::kPath)
        fail(fmt::format(msg::kExprNeedsPath, n.text));
    } else if (n.text == "begins_with") {
      for (const RawNode& arg : n.children) {
        const std::optional<ValueType> t = static_type(arg, placeholders_);
        if (t && *t != ValueType::kS && *t != ValueType::kB)
          fail(fmt::format(msg::kExprOperandType, n.text, type_tag(*t)));
      }
    } else if (n.text == "attribute_type") {
      check_type_name(n.children[1]);
    } else if (n.text == "size") {
      if (first &&
          (*first == ValueType::kN || *first == ValueType::kBool || *first == ValueType::kNull))
        fail(fmt::format(msg::kExprOperandType, n.text, type_tag(*first)));
    }
  }

  void check_type_name(const RawNode& arg) const {
    const std::optional<ValueType> t = static_type(arg, placeholders_);
    if (!t) return;  // a path: its value names the type at evaluation time
    if (*t != ValueType::kS)
      fail(fmt::format(msg::kExprOperandType, "attribute_type", type_tag(*t)));
    const std::string& name = resolve_value(arg, placeholders_).as_string();
    if (!type_from_tag(name)) fail(fmt::format(msg::kExprBadTypeName, name));
  }

  // --- the typed tree ----------------------------------------------------------------------
  Operand operand(const RawNode& n) const {
    Operand out;
    switch (n.kind) {
      case RawNode::Kind::kPath:
        out.kind = Operand::Kind::kPath;
        out.path = resolve_path(n, placeholders_);
        break;
      case RawNode::Kind::kValueRef:
        out.kind = Operand::Kind::kValue;
        out.value = resolve_value(n, placeholders_);
        break;
      default:  // size(), the only function left in operand position after the checks
        out.kind = Operand::Kind::kSize;
        out.args.push_back(operand(n.children[0]));
        break;
    }
    return out;
  }

  Condition condition(const RawNode& n) const {
    Condition out;
    switch (n.kind) {
      case RawNode::Kind::kOr:
      case RawNode::Kind::kAnd:
      case RawNode::Kind::kNot:
        out.kind = n.kind == RawNode::Kind::kOr    ? Condition::Kind::kOr
                   : n.kind == RawNode::Kind::kAnd ? Condition::Kind::kAnd
                                                   : Condition::Kind::kNot;
        for (const RawNode& child : n.children) out.children.push_back(condition(child));
        return out;
      case RawNode::Kind::kCompare:
        out.kind = Condition::Kind::kCompare;
        out.op = comparator(n.text);
        break;
      case RawNode::Kind::kBetween:
        out.kind = Condition::Kind::kBetween;
        break;
      case RawNode::Kind::kIn:
        out.kind = Condition::Kind::kIn;
        break;
      default:  // a boolean function
        out.kind = function_kind(n.text);
        break;
    }
    for (const RawNode& child : n.children) out.operands.push_back(operand(child));
    return out;
  }

  static Comparator comparator(std::string_view text) {
    if (text == "=") return Comparator::kEq;
    if (text == "<>") return Comparator::kNe;
    if (text == "<") return Comparator::kLt;
    if (text == "<=") return Comparator::kLe;
    if (text == ">") return Comparator::kGt;
    return Comparator::kGe;
  }

  static Condition::Kind function_kind(std::string_view name) {
    if (name == "attribute_exists") return Condition::Kind::kExists;
    if (name == "attribute_not_exists") return Condition::Kind::kNotExists;
    if (name == "attribute_type") return Condition::Kind::kType;
    if (name == "begins_with") return Condition::Kind::kBeginsWith;
    return Condition::Kind::kContains;
  }

  ExpressionKind kind_;
  const Placeholders& placeholders_;
  Usage& usage_;
};

}  // namespace

Condition parse_condition(std::string_view text, ExpressionKind kind,
                          const Placeholders& placeholders, Usage& usage) {
  const RawCondition raw = parse_condition_syntax(text, kind);
  Condition condition = ConditionChecker(kind, placeholders, usage).run(raw);
  if (kind == ExpressionKind::kKeyCondition) check_key_condition_shape(condition);
  return condition;
}

}  // namespace sls::table::expr

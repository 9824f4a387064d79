// Binding of a parsed PartiQL statement (spec/dynamodb-api.md 3.20): parameters substituted,
// literals turned into attribute values with DynamoDB's number rules, the WHERE clause turned
// into the ConditionExpression tree and SET/REMOVE into the UpdateExpression tree, with the
// checks that need no table (functions, operand counts and types, RETURNING on DELETE).
#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/base64.h"
#include "table/messages.h"
#include "table/partiql/lexer.h"
#include "table/partiql/partiql.h"
#include "table/partiql/syntax.h"

namespace sls::table::partiql {
namespace {

using Kind = Node::Kind;

[[noreturn]] void fail(std::string message) { throw Error(Errc::kValidation, std::move(message)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_value(const Node& n) {
  switch (n.kind) {
    case Kind::kString:
    case Kind::kNumber:
    case Kind::kTrue:
    case Kind::kFalse:
    case Kind::kNull:
    case Kind::kParameter:
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kBag:
    case Kind::kNegate:
      return true;
    default:
      return false;
  }
}

bool orderable(ValueType t) {
  return t == ValueType::kS || t == ValueType::kN || t == ValueType::kB;
}

// The DynamoDB types a PartiQL type name stands for in `x IS <type>`; empty for MISSING and
// NULL (handled apart) and for names with no DynamoDB counterpart.
std::vector<ValueType> types_named(std::string_view name) {
  static const std::vector<std::pair<std::vector<std::string_view>, std::vector<ValueType>>>
      kTable = {
          {{"BOOL", "BOOLEAN"}, {ValueType::kBool}},
          {{"SMALLINT", "INT", "INT2", "INT4", "INT8", "INTEGER", "INTEGER2", "INTEGER4",
            "INTEGER8", "BIGINT", "REAL", "FLOAT", "DOUBLE PRECISION", "DECIMAL", "DEC", "NUMERIC"},
           {ValueType::kN}},
          {{"CHAR", "CHARACTER", "CHARACTER VARYING", "VARCHAR", "STRING", "SYMBOL", "CLOB"},
           {ValueType::kS}},
          {{"BLOB"}, {ValueType::kB}},
          {{"STRUCT", "TUPLE"}, {ValueType::kM}},
          {{"LIST"}, {ValueType::kL}},
      };
  for (const auto& [names, types] : kTable) {
    if (std::find(names.begin(), names.end(), name) != names.end()) return types;
  }
  return {};
}

expr::Operand value_operand(AttributeValue v) {
  expr::Operand o;
  o.kind = expr::Operand::Kind::kValue;
  o.value = std::move(v);
  return o;
}

expr::Condition negate(expr::Condition c) {
  expr::Condition n;
  n.kind = expr::Condition::Kind::kNot;
  n.children.push_back(std::move(c));
  return n;
}

expr::Condition junction(expr::Condition::Kind kind, expr::Condition a, expr::Condition b) {
  expr::Condition c;
  c.kind = kind;
  c.children.push_back(std::move(a));
  c.children.push_back(std::move(b));
  return c;
}

expr::Condition path_test(expr::Condition::Kind kind, expr::Operand operand) {
  expr::Condition c;
  c.kind = kind;
  c.operands.push_back(std::move(operand));
  return c;
}

expr::Condition type_test(expr::Operand operand, ValueType type) {
  expr::Condition c = path_test(expr::Condition::Kind::kType, std::move(operand));
  c.operands.push_back(value_operand(AttributeValue::string(std::string(type_tag(type)))));
  return c;
}

std::string output_name(const expr::Path& path) {
  size_t last_name = 0;
  for (size_t i = 0; i < path.elements.size(); ++i) {
    if (std::holds_alternative<std::string>(path.elements[i])) last_name = i;
  }
  std::string name = std::get<std::string>(path.elements[last_name]);
  for (size_t i = last_name + 1; i < path.elements.size(); ++i)
    name += fmt::format("[{}]", std::get<uint32_t>(path.elements[i]));
  return name;
}

class Binder {
 public:
  Binder(std::string_view text, std::span<const AttributeValue> parameters)
      : text_(text), parameters_(parameters) {}

  Statement run(const SyntaxStatement& s) const {
    if (s.parameters != parameters_.size()) fail(std::string(msg::kPartiqlParameterCount));
    Statement out;
    out.kind = s.kind;
    out.table = s.table;
    out.index = s.index;
    for (const Node& o : s.outputs) out.projection.push_back({output_name(o.path), o.path});
    if (s.where) out.where = condition(*s.where);
    if (s.value) out.item = item(*s.value);
    for (const SyntaxAction& a : s.actions) out.update.actions.push_back(action(a));
    if (!out.update.actions.empty()) expr::check_update_paths(out.update);
    if (s.kind == StatementKind::kDelete && s.returning != Returning::kNone &&
        s.returning != Returning::kAllOld)
      fail(fmt::format(msg::kPartiqlDeleteReturning, s.returning_text));
    out.returning = s.returning;
    if (s.order_by) out.order_by = s.order_by->path;
    out.descending = s.descending;
    return out;
  }

 private:
  std::string at(const Node& n) const { return position(text_, n.span.begin, n.span.end); }

  [[noreturn]] void unknown_function(const Node& call) const {
    fail(fmt::format(msg::kPartiqlUnknownFunction, lower(call.text), at(call)));
  }

  // --- values ------------------------------------------------------------------------------
  // `where` is the value's place for number messages: "" at the top, ".x" or "[1]" inside.
  AttributeValue value(const Node& n, const std::string& where) const {
    switch (n.kind) {
      case Kind::kString:
        return AttributeValue::string(n.text);
      case Kind::kNumber:
        return number(n.text, where);
      case Kind::kNegate:
        if (n.children[0].kind == Kind::kNumber) return number("-" + n.children[0].text, where);
        break;
      case Kind::kTrue:
      case Kind::kFalse:
        return AttributeValue::boolean(n.kind == Kind::kTrue);
      case Kind::kNull:
        return AttributeValue::null();
      case Kind::kParameter:
        return parameters_[n.parameter];
      case Kind::kList: {
        AttributeList list;
        for (size_t i = 0; i < n.children.size(); ++i)
          list.push_back(value(n.children[i], fmt::format("{}[{}]", where, i)));
        return AttributeValue::list(std::move(list));
      }
      case Kind::kTuple: {
        AttributeMap map;
        for (size_t i = 0; i < n.children.size(); ++i)
          map.insert_or_assign(n.keys[i], value(n.children[i], where + "." + n.keys[i]));
        return AttributeValue::map(std::move(map));
      }
      case Kind::kBag:
        return bag(n, where);
      case Kind::kCall:
        fail(fmt::format(msg::kPartiqlUnsupportedValue, lower(n.text), at(n)));
      default:
        break;
    }
    if (n.kind == Kind::kPath)
      fail(fmt::format(msg::kPartiqlUnsupportedValue,
                       std::get<std::string>(n.path.elements.front()), at(n)));
    fail(std::string(msg::kPartiqlNotValue));
  }

  static AttributeValue number(const std::string& text, const std::string& where) {
    try {
      return AttributeValue::number(Number::parse(text));
    } catch (const Error& e) {
      fail(fmt::format(msg::kPartiqlNumberUnder, e.message(), where));
    }
  }

  // <<...>>: a string, number or binary set, built through the wire parser so duplicates get
  // the messages a request's set gets.
  AttributeValue bag(const Node& n, const std::string& where) const {
    if (n.children.empty()) fail(std::string(msg::kPartiqlEmptyBag));
    std::vector<AttributeValue> elements;
    for (size_t i = 0; i < n.children.size(); ++i)
      elements.push_back(value(n.children[i], fmt::format("{}[{}]", where, i)));
    const ValueType t = elements.front().type();
    if (!orderable(t)) fail(std::string(msg::kPartiqlBagElement));
    nlohmann::json members = nlohmann::json::array();
    for (const AttributeValue& e : elements) {
      if (e.type() != t) fail(std::string(msg::kPartiqlMixedBag));
      if (t == ValueType::kS) members.push_back(e.as_string());
      if (t == ValueType::kN) members.push_back(e.as_number().to_string());
      if (t == ValueType::kB) members.push_back(base64_encode(e.as_binary()));
    }
    const char* tag = t == ValueType::kS ? "SS" : t == ValueType::kN ? "NS" : "BS";
    return parse_value(nlohmann::json{{tag, members}});
  }

  Item item(const Node& n) const {
    if (n.kind == Kind::kBag) fail(std::string(msg::kPartiqlInsertMany));
    if (n.kind != Kind::kTuple) fail(std::string(msg::kPartiqlInsertNotTuple));
    // Number messages place a value inside its attribute: "root" is the attribute's value.
    Item out;
    for (size_t i = 0; i < n.children.size(); ++i)
      out.insert_or_assign(n.keys[i], value(n.children[i], ""));
    return out;
  }

  // --- conditions ----------------------------------------------------------------------------
  expr::Condition condition(const Node& n) const {
    switch (n.kind) {
      case Kind::kOr:
      case Kind::kAnd: {
        expr::Condition c;
        c.kind = n.kind == Kind::kOr ? expr::Condition::Kind::kOr : expr::Condition::Kind::kAnd;
        for (const Node& child : n.children) c.children.push_back(condition(child));
        return c;
      }
      case Kind::kNot:
        return negate(condition(n.children[0]));
      case Kind::kCompare:
        return compare(n);
      case Kind::kBetween:
        return between(n);
      case Kind::kIn: {
        expr::Condition c;
        c.kind = expr::Condition::Kind::kIn;
        for (const Node& child : n.children) c.operands.push_back(operand(child));
        return n.negated ? negate(std::move(c)) : c;
      }
      case Kind::kIs:
        return is(n);
      case Kind::kCall:
        return function(n);
      default:
        fail(std::string(msg::kPartiqlNotCondition));
    }
  }

  expr::Condition compare(const Node& n) const {
    const Node& a = n.children[0];
    const Node& b = n.children[1];
    // attribute_exists(a) = true: the function's own truth, compared with a boolean literal.
    const bool a_bool = a.kind == Kind::kTrue || a.kind == Kind::kFalse;
    const bool b_bool = b.kind == Kind::kTrue || b.kind == Kind::kFalse;
    const Node* call = a.kind == Kind::kCall && b_bool   ? &a
                       : b.kind == Kind::kCall && a_bool ? &b
                                                         : nullptr;
    if (call && lower(call->text) != "size" && (n.text == "=" || n.text == "<>")) {
      const bool truth = (call == &a ? b : a).kind == Kind::kTrue;
      expr::Condition c = function(*call);
      return truth == (n.text == "=") ? c : negate(std::move(c));
    }
    expr::Condition c;
    c.kind = expr::Condition::Kind::kCompare;
    c.op = comparator(n.text);
    c.operands.push_back(operand(a));
    c.operands.push_back(operand(b));
    if (n.text != "=" && n.text != "<>") check_orderable(c.operands, n.text);
    return c;
  }

  expr::Condition between(const Node& n) const {
    expr::Condition c;
    c.kind = expr::Condition::Kind::kBetween;
    for (const Node& child : n.children) c.operands.push_back(operand(child));
    check_orderable(c.operands, "BETWEEN");
    return n.negated ? negate(std::move(c)) : c;
  }

  // An ordering operator refuses a value whose type has no order, before anything is read.
  static void check_orderable(const std::vector<expr::Operand>& operands, std::string_view op) {
    for (const expr::Operand& o : operands) {
      if (o.kind == expr::Operand::Kind::kValue && !orderable(o.value.type()))
        fail(fmt::format(msg::kExprOperandType, op, type_tag(o.value.type())));
    }
  }

  static expr::Comparator comparator(std::string_view text) {
    if (text == "=") return expr::Comparator::kEq;
    if (text == "<>") return expr::Comparator::kNe;
    if (text == "<") return expr::Comparator::kLt;
    if (text == "<=") return expr::Comparator::kLe;
    if (text == ">") return expr::Comparator::kGt;
    return expr::Comparator::kGe;
  }

  // x IS [NOT] MISSING | NULL | <type>. NULL holds for a NULL value and, as in PartiQL, for a
  // missing one.
  expr::Condition is(const Node& n) const {
    const expr::Operand x = operand(n.children[0]);
    expr::Condition c;
    if (n.text == "MISSING") {
      c = path_test(expr::Condition::Kind::kNotExists, x);
    } else if (n.text == "NULL") {
      c = junction(expr::Condition::Kind::kOr, path_test(expr::Condition::Kind::kNotExists, x),
                   type_test(x, ValueType::kNull));
    } else {
      const std::vector<ValueType> types = types_named(n.text);
      if (types.empty()) fail(fmt::format(msg::kNotSupported, "IS " + n.text));
      c = type_test(x, types.front());
    }
    return n.negated ? negate(std::move(c)) : c;
  }

  expr::Condition function(const Node& n) const {
    const std::string name = lower(n.text);
    using CK = expr::Condition::Kind;
    CK kind = CK::kExists;
    size_t arity = 1;
    if (name == "attribute_exists") {
      kind = CK::kExists;
    } else if (name == "attribute_not_exists") {
      kind = CK::kNotExists;
    } else if (name == "attribute_type" || name == "begins_with" || name == "contains") {
      kind = name == "attribute_type" ? CK::kType
             : name == "begins_with"  ? CK::kBeginsWith
                                      : CK::kContains;
      arity = 2;
    } else if (name == "size") {
      fail(fmt::format(msg::kExprMisusedFunction, name));
    } else {
      unknown_function(n);
    }
    if (n.children.size() != arity)
      fail(fmt::format(msg::kExprOperandCount, name, n.children.size()));
    if ((kind == CK::kExists || kind == CK::kNotExists) && n.children[0].kind != Kind::kPath)
      fail(fmt::format(msg::kExprNeedsPath, name));
    expr::Condition c;
    c.kind = kind;
    for (const Node& arg : n.children) c.operands.push_back(operand(arg));
    check_function_types(name, c.operands);
    return c;
  }

  static void check_function_types(std::string_view name,
                                   const std::vector<expr::Operand>& operands) {
    for (const expr::Operand& o : operands) {
      if (o.kind != expr::Operand::Kind::kValue) continue;
      const ValueType t = o.value.type();
      if (name == "begins_with" && t != ValueType::kS && t != ValueType::kB)
        fail(fmt::format(msg::kExprOperandType, name, type_tag(t)));
    }
    if (name != "attribute_type" || operands[1].kind != expr::Operand::Kind::kValue) return;
    const AttributeValue& type = operands[1].value;
    if (!type.is(ValueType::kS))
      fail(fmt::format(msg::kExprOperandType, name, type_tag(type.type())));
    if (!type_from_tag(type.as_string()))
      fail(fmt::format(msg::kExprBadTypeName, type.as_string()));
  }

  // A condition's operand: a path, a value, or size(path).
  expr::Operand operand(const Node& n) const {
    if (n.kind == Kind::kPath) {
      expr::Operand o;
      o.path = n.path;
      return o;
    }
    if (is_value(n)) return value_operand(value(n, ""));
    if (n.kind == Kind::kCall) {
      const std::string name = lower(n.text);
      if (name != "size") {
        if (name == "attribute_exists" || name == "attribute_not_exists" ||
            name == "attribute_type" || name == "begins_with" || name == "contains")
          fail(fmt::format(msg::kExprMisusedFunction, name));
        unknown_function(n);
      }
      if (n.children.size() != 1)
        fail(fmt::format(msg::kExprOperandCount, name, n.children.size()));
      expr::Operand o;
      o.kind = expr::Operand::Kind::kSize;
      o.args.push_back(operand(n.children[0]));
      const expr::Operand& arg = o.args.front();
      if (arg.kind == expr::Operand::Kind::kValue &&
          (arg.value.is(ValueType::kN) || arg.value.is(ValueType::kBool) ||
           arg.value.is(ValueType::kNull)))
        fail(fmt::format(msg::kExprOperandType, name, type_tag(arg.value.type())));
      return o;
    }
    if (n.kind == Kind::kPlus || n.kind == Kind::kMinus)
      fail(fmt::format(msg::kNotSupported, "Arithmetic in a WHERE clause"));
    fail(std::string(msg::kPartiqlNotValue));
  }

  // --- updates -------------------------------------------------------------------------------
  expr::UpdateAction action(const SyntaxAction& a) const {
    expr::UpdateAction out;
    out.kind = a.kind;
    out.path = a.target.path;
    if (a.kind == expr::UpdateAction::Kind::kRemove) return out;
    const Node& v = *a.value;
    const std::string name = v.kind == Kind::kCall ? lower(v.text) : "";
    if (name == "set_add" || name == "set_delete") return set_function(a, v, name);
    out.value = update_operand(v);
    return out;
  }

  // SET a = set_add(a, <<...>>) adds members to the set at `a` (ADD), set_delete removes them
  // (DELETE).
  expr::UpdateAction set_function(const SyntaxAction& a, const Node& call,
                                  const std::string& name) const {
    std::string shout = name;
    for (char& c : shout) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    if (call.children.size() != 2) fail(fmt::format(msg::kPartiqlSetArity, shout, at(call)));
    const Node& first = call.children[0];
    if (first.kind != Kind::kPath || first.path != a.target.path)
      fail(fmt::format(msg::kPartiqlSetFirstArgument, shout, at(call)));
    const Node& second = call.children[1];
    if (second.kind != Kind::kBag && second.kind != Kind::kParameter)
      fail(fmt::format(msg::kPartiqlSetSecondArgument, shout, at(first)));
    AttributeValue set = value(second, "");
    if (!set.is_set()) fail(fmt::format(msg::kPartiqlSetSecondArgument, shout, at(first)));
    expr::UpdateAction out;
    out.kind =
        name == "set_add" ? expr::UpdateAction::Kind::kAdd : expr::UpdateAction::Kind::kDelete;
    out.path = a.target.path;
    out.value = value_operand(std::move(set));
    return out;
  }

  // A SET right-hand side: a path, a value, + and -, list_append, if_not_exists.
  expr::Operand update_operand(const Node& n) const {
    expr::Operand o;
    switch (n.kind) {
      case Kind::kPath:
        o.path = n.path;
        return o;
      case Kind::kPlus:
      case Kind::kMinus:
        o.kind = n.kind == Kind::kPlus ? expr::Operand::Kind::kPlus : expr::Operand::Kind::kMinus;
        o.args.push_back(update_operand(n.children[0]));
        o.args.push_back(update_operand(n.children[1]));
        return o;
      case Kind::kCall:
        return update_function(n);
      default:
        break;
    }
    if (is_value(n)) return value_operand(value(n, ""));
    fail(std::string(msg::kPartiqlNotValue));
  }

  expr::Operand update_function(const Node& n) const {
    const std::string name = lower(n.text);
    if (name != "list_append" && name != "if_not_exists") unknown_function(n);
    if (n.children.size() != 2) fail(fmt::format(msg::kExprOperandCount, name, n.children.size()));
    if (name == "if_not_exists" && n.children[0].kind != Kind::kPath)
      fail(fmt::format(msg::kExprNeedsPath, name));
    expr::Operand o;
    o.kind = name == "list_append" ? expr::Operand::Kind::kListAppend
                                   : expr::Operand::Kind::kIfNotExists;
    for (const Node& arg : n.children) o.args.push_back(update_operand(arg));
    return o;
  }

  std::string_view text_;
  std::span<const AttributeValue> parameters_;
};

}  // namespace

Statement parse(std::string_view text, std::span<const AttributeValue> parameters) {
  return Binder(text, parameters).run(parse_syntax(text));
}

}  // namespace sls::table::partiql

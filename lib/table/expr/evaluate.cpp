// Condition evaluation and projection over typed items (spec/dynamodb-api.md 4.2
// "Evaluation", 4.3).
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "table/expr/expr.h"

namespace sls::table::expr {
namespace {

// An operand's value: a pointer into the item or the expression, or a computed size().
// Not copyable: `value` may point at the object's own `computed`.
struct Resolved {
  Resolved() = default;
  Resolved(const Resolved&) = delete;
  Resolved& operator=(const Resolved&) = delete;

  const AttributeValue* value = nullptr;  // nullptr: the operand has no value
  AttributeValue computed;                // owns size() results; `value` points here then
};

std::optional<size_t> size_of(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kS:  // UTF-8 bytes, as Alternator measures (spec 4.2, ?)
      return v.as_string().size();
    case ValueType::kB:
      return v.as_binary().size();
    case ValueType::kSS:
      return v.as_string_set().size();
    case ValueType::kNS:
      return v.as_number_set().size();
    case ValueType::kBS:
      return v.as_binary_set().size();
    case ValueType::kL:
      return v.as_list().size();
    case ValueType::kM:
      return v.as_map().size();
    case ValueType::kN:
    case ValueType::kBool:
    case ValueType::kNull:
      break;
  }
  return std::nullopt;
}

void resolve(const Operand& o, const Item& item, Resolved& out) {
  switch (o.kind) {
    case Operand::Kind::kPath:
      out.value = find(item, o.path);
      return;
    case Operand::Kind::kValue:
      out.value = &o.value;
      return;
    case Operand::Kind::kSize: {
      Resolved arg;
      resolve(o.args[0], item, arg);
      const std::optional<size_t> n = arg.value ? size_of(*arg.value) : std::nullopt;
      if (!n) return;
      out.computed = AttributeValue::number(Number::from_int(static_cast<int64_t>(*n)));
      out.value = &out.computed;
      return;
    }
    case Operand::Kind::kIfNotExists:
    case Operand::Kind::kListAppend:
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
      return;  // update-only operands never reach a condition
  }
}

// The order of two S, two N or two B values; nullopt for any other pair (spec 4.2: such
// comparisons are false, not errors).
std::optional<std::strong_ordering> order(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case ValueType::kS:
      return a.as_string().compare(b.as_string()) <=> 0;
    case ValueType::kB:
      return a.as_binary().compare(b.as_binary()) <=> 0;
    case ValueType::kN:
      return a.as_number() <=> b.as_number();
    default:
      return std::nullopt;
  }
}

bool compare(Comparator op, const AttributeValue* a, const AttributeValue* b) {
  if (op == Comparator::kEq) return a && b && *a == *b;
  if (op == Comparator::kNe) return !(a && b && *a == *b);
  if (!a || !b) return false;
  const std::optional<std::strong_ordering> o = order(*a, *b);
  if (!o) return false;
  switch (op) {
    case Comparator::kLt:
      return *o < 0;
    case Comparator::kLe:
      return *o <= 0;
    case Comparator::kGt:
      return *o > 0;
    case Comparator::kGe:
      return *o >= 0;
    case Comparator::kEq:
    case Comparator::kNe:
      break;
  }
  return false;
}

bool begins_with(const AttributeValue& v, const AttributeValue& prefix) {
  if (v.type() != prefix.type()) return false;
  if (v.is(ValueType::kS)) return v.as_string().starts_with(prefix.as_string());
  if (v.is(ValueType::kB)) return v.as_binary().starts_with(prefix.as_binary());
  return false;
}

bool contains(const AttributeValue& v, const AttributeValue& needle) {
  switch (v.type()) {
    case ValueType::kS:
      return needle.is(ValueType::kS) &&
             v.as_string().find(needle.as_string()) != std::string::npos;
    case ValueType::kB:  // a subsequence of the bytes (legacy CONTAINS documents it)
      return needle.is(ValueType::kB) &&
             v.as_binary().find(needle.as_binary()) != std::string::npos;
    case ValueType::kSS:
      return needle.is(ValueType::kS) && v.as_string_set().contains(needle.as_string());
    case ValueType::kNS:
      return needle.is(ValueType::kN) && v.as_number_set().contains(needle.as_number());
    case ValueType::kBS:
      return needle.is(ValueType::kB) && v.as_binary_set().contains(needle.as_binary());
    case ValueType::kL:
      for (const AttributeValue& e : v.as_list()) {
        if (e == needle) return true;
      }
      return false;
    case ValueType::kN:
    case ValueType::kBool:
    case ValueType::kNull:
    case ValueType::kM:
      break;
  }
  return false;
}

bool evaluate_function(const Condition& c, const Item& item) {
  Resolved a;
  resolve(c.operands[0], item, a);
  if (c.kind == Condition::Kind::kExists) return a.value != nullptr;
  if (c.kind == Condition::Kind::kNotExists) return a.value == nullptr;
  Resolved b;
  resolve(c.operands[1], item, b);
  if (!a.value || !b.value) return false;
  switch (c.kind) {
    case Condition::Kind::kType:
      return b.value->is(ValueType::kS) && type_tag(a.value->type()) == b.value->as_string();
    case Condition::Kind::kBeginsWith:
      return begins_with(*a.value, *b.value);
    case Condition::Kind::kContains:
      return contains(*a.value, *b.value);
    default:
      return false;
  }
}

bool evaluate_between(const Condition& c, const Item& item) {
  Resolved x, lo, hi;
  resolve(c.operands[0], item, x);
  resolve(c.operands[1], item, lo);
  resolve(c.operands[2], item, hi);
  return compare(Comparator::kGe, x.value, lo.value) && compare(Comparator::kLe, x.value, hi.value);
}

bool evaluate_in(const Condition& c, const Item& item) {
  Resolved x;
  resolve(c.operands[0], item, x);
  if (!x.value) return false;
  for (size_t i = 1; i < c.operands.size(); ++i) {
    Resolved v;
    resolve(c.operands[i], item, v);
    if (v.value && *v.value == *x.value) return true;
  }
  return false;
}

// --- projection ------------------------------------------------------------------------------

// The requested paths as a tree: a node is either requested whole (`whole`) or has children
// by map key and/or list index.
struct PathTree {
  bool whole = false;
  std::map<std::string, PathTree, std::less<>> keys;
  std::map<uint32_t, PathTree> indexes;
};

void add_path(PathTree& root, const Path& path) {
  PathTree* node = &root;
  for (const PathElement& e : path.elements) {
    node = std::holds_alternative<std::string>(e) ? &node->keys[std::get<std::string>(e)]
                                                  : &node->indexes[std::get<uint32_t>(e)];
  }
  node->whole = true;
}

std::optional<AttributeValue> project_value(const AttributeValue& v, const PathTree& tree);

AttributeMap project_map(const AttributeMap& map, const PathTree& tree) {
  AttributeMap out;
  for (const auto& [key, sub] : tree.keys) {
    const auto it = map.find(key);
    if (it == map.end()) continue;
    if (std::optional<AttributeValue> p = project_value(it->second, sub))
      out.emplace(key, std::move(*p));
  }
  return out;
}

std::optional<AttributeValue> project_value(const AttributeValue& v, const PathTree& tree) {
  if (tree.whole) return v;
  if (v.is(ValueType::kM) && !tree.keys.empty()) {
    AttributeMap m = project_map(v.as_map(), tree);
    if (!m.empty()) return AttributeValue::map(std::move(m));
  }
  if (v.is(ValueType::kL) && !tree.indexes.empty()) {
    AttributeList l;
    for (const auto& [index, sub] : tree.indexes) {  // index order: elements are packed
      if (index >= v.as_list().size()) continue;
      if (std::optional<AttributeValue> p = project_value(v.as_list()[index], sub))
        l.push_back(std::move(*p));
    }
    if (!l.empty()) return AttributeValue::list(std::move(l));
  }
  return std::nullopt;
}

}  // namespace

const AttributeValue* find(const Item& item, const Path& path) {
  const auto top = item.find(std::get<std::string>(path.elements[0]));
  if (top == item.end()) return nullptr;
  const AttributeValue* v = &top->second;
  for (size_t i = 1; i < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (const std::string* key = std::get_if<std::string>(&e)) {
      if (!v->is(ValueType::kM)) return nullptr;
      const auto it = v->as_map().find(*key);
      if (it == v->as_map().end()) return nullptr;
      v = &it->second;
    } else {
      const uint32_t index = std::get<uint32_t>(e);
      if (!v->is(ValueType::kL) || index >= v->as_list().size()) return nullptr;
      v = &v->as_list()[index];
    }
  }
  return v;
}

bool evaluate(const Condition& c, const Item& item) {
  switch (c.kind) {
    case Condition::Kind::kOr:
      for (const Condition& child : c.children) {
        if (evaluate(child, item)) return true;
      }
      return false;
    case Condition::Kind::kAnd:
      for (const Condition& child : c.children) {
        if (!evaluate(child, item)) return false;
      }
      return true;
    case Condition::Kind::kNot:
      return !evaluate(c.children[0], item);
    case Condition::Kind::kCompare: {
      Resolved a, b;
      resolve(c.operands[0], item, a);
      resolve(c.operands[1], item, b);
      // size() of a missing or unsized value has no value, and then even `<>` is false (spec
      // 4.2, "the comparison is false"), unlike a missing attribute.
      const bool no_size = (!a.value && c.operands[0].kind == Operand::Kind::kSize) ||
                           (!b.value && c.operands[1].kind == Operand::Kind::kSize);
      return !no_size && compare(c.op, a.value, b.value);
    }
    case Condition::Kind::kBetween:
      return evaluate_between(c, item);
    case Condition::Kind::kIn:
      return evaluate_in(c, item);
    case Condition::Kind::kExists:
    case Condition::Kind::kNotExists:
    case Condition::Kind::kType:
    case Condition::Kind::kBeginsWith:
    case Condition::Kind::kContains:
      return evaluate_function(c, item);
  }
  return false;
}

Item project(const Item& item, std::span<const Path> paths) {
  PathTree tree;
  for (const Path& p : paths) add_path(tree, p);
  return project_map(item, tree);
}

}  // namespace sls::table::expr

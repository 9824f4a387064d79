// UpdateExpression evaluation (spec/dynamodb-api.md 4.4 and 3.8): SET right-hand sides are read
// from the item as it was, then SET, REMOVE, ADD and DELETE apply to a copy.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "core/limits.h"
#include "table/expr/expr.h"
#include "table/messages.h"

namespace sls::table::expr {
namespace {

[[noreturn]] void fail(std::string_view message) {
  throw Error(Errc::kValidation, std::string(message));
}

// --- SET right-hand sides ----------------------------------------------------------------

AttributeValue value_of(const Operand& o, const Item& item) {
  switch (o.kind) {
    case Operand::Kind::kPath: {
      const AttributeValue* v = find(item, o.path);
      if (!v) fail(msg::kUpdateMissingOperand);
      return *v;
    }
    case Operand::Kind::kValue:
      return o.value;
    case Operand::Kind::kIfNotExists: {
      const AttributeValue* v = find(item, o.args[0].path);
      return v ? *v : value_of(o.args[1], item);
    }
    case Operand::Kind::kListAppend: {
      AttributeValue a = value_of(o.args[0], item);
      const AttributeValue b = value_of(o.args[1], item);
      if (!a.is(ValueType::kL) || !b.is(ValueType::kL)) fail(msg::kUpdateOperandType);
      a.as_list().insert(a.as_list().end(), b.as_list().begin(), b.as_list().end());
      return a;
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      const AttributeValue a = value_of(o.args[0], item);
      const AttributeValue b = value_of(o.args[1], item);
      if (!a.is(ValueType::kN) || !b.is(ValueType::kN)) fail(msg::kUpdateOperandType);
      return AttributeValue::number(o.kind == Operand::Kind::kPlus
                                        ? add(a.as_number(), b.as_number())
                                        : subtract(a.as_number(), b.as_number()));
    }
    case Operand::Kind::kSize:
      break;  // condition-only; never in an update
  }
  fail(msg::kUpdateOperandType);
}

// --- navigation ----------------------------------------------------------------------------

// The value at `path` for in-place change, nullptr when absent. find() is read-only; the item
// is ours to change, so dropping its const is sound.
AttributeValue* slot(Item& item, const Path& path) {
  return const_cast<AttributeValue*>(find(item, path));
}

// The container that holds the last element of `path`; it must exist and be a map (for a key)
// or a list (for an index), else the path is invalid for update (spec 4.4).
AttributeValue* parent_of(Item& item, const Path& path) {
  const Path parent{{path.elements.begin(), path.elements.end() - 1}};
  AttributeValue* v = slot(item, parent);
  const bool wants_map = std::holds_alternative<std::string>(path.elements.back());
  if (!v || !v->is(wants_map ? ValueType::kM : ValueType::kL)) fail(msg::kUpdateBadPath);
  return v;
}

void put(Item& item, const Path& path, AttributeValue value) {
  if (path.elements.size() == 1) {
    item.insert_or_assign(std::get<std::string>(path.elements[0]), std::move(value));
    return;
  }
  AttributeValue* parent = parent_of(item, path);
  if (const std::string* key = std::get_if<std::string>(&path.elements.back())) {
    parent->as_map().insert_or_assign(*key, std::move(value));
    return;
  }
  AttributeList& list = parent->as_list();
  const uint32_t index = std::get<uint32_t>(path.elements.back());
  if (index < list.size()) {
    list[index] = std::move(value);
  } else {
    list.push_back(std::move(value));  // past the end appends (spec 4.4)
  }
}

void remove(Item& item, const Path& path) {
  if (path.elements.size() == 1) {
    item.erase(std::get<std::string>(path.elements[0]));
    return;
  }
  AttributeValue* parent = parent_of(item, path);
  if (const std::string* key = std::get_if<std::string>(&path.elements.back())) {
    parent->as_map().erase(*key);
    return;
  }
  AttributeList& list = parent->as_list();
  const uint32_t index = std::get<uint32_t>(path.elements.back());
  if (index < list.size()) list.erase(list.begin() + index);  // later elements shift down
}

// --- ADD and DELETE ------------------------------------------------------------------------

template <typename Set>
void merge(Set& into, const Set& from) {
  into.insert(from.begin(), from.end());
}

template <typename Set>
void subtract_set(Set& from, const Set& what) {
  for (const auto& e : what) from.erase(e);
}

void apply_add(Item& item, const Path& path, const AttributeValue& operand) {
  if (path.elements.size() > 1) parent_of(item, path);
  AttributeValue* current = slot(item, path);
  if (!current) return put(item, path, operand);  // a missing number starts at 0
  if (current->type() != operand.type()) fail(msg::kUpdateOperandType);
  switch (operand.type()) {
    case ValueType::kN:
      *current = AttributeValue::number(add(current->as_number(), operand.as_number()));
      return;
    case ValueType::kSS:
      return merge(current->as_string_set(), operand.as_string_set());
    case ValueType::kNS:
      return merge(current->as_number_set(), operand.as_number_set());
    case ValueType::kBS:
      return merge(current->as_binary_set(), operand.as_binary_set());
    default:
      fail(msg::kUpdateOperandType);  // excluded by the static check
  }
}

void apply_delete(Item& item, const Path& path, const AttributeValue& operand) {
  if (path.elements.size() > 1) parent_of(item, path);
  AttributeValue* current = slot(item, path);
  if (!current) return;
  if (current->type() != operand.type()) fail(msg::kUpdateOperandType);
  switch (operand.type()) {
    case ValueType::kSS:
      subtract_set(current->as_string_set(), operand.as_string_set());
      if (current->as_string_set().empty()) remove(item, path);
      return;
    case ValueType::kNS:
      subtract_set(current->as_number_set(), operand.as_number_set());
      if (current->as_number_set().empty()) remove(item, path);
      return;
    case ValueType::kBS:
      subtract_set(current->as_binary_set(), operand.as_binary_set());
      if (current->as_binary_set().empty()) remove(item, path);  // sets are never empty
      return;
    default:
      fail(msg::kUpdateOperandType);  // excluded by the static check
  }
}

// Paths ordered element by element, indexes numerically: appends to one list then land in
// index order ("several appends go in index order", spec 4.4).
bool path_less(const Path& a, const Path& b) { return a.elements < b.elements; }

std::vector<const UpdateAction*> actions_of(const Update& u, UpdateAction::Kind kind) {
  std::vector<const UpdateAction*> out;
  for (const UpdateAction& a : u.actions) {
    if (a.kind == kind) out.push_back(&a);
  }
  return out;
}

// A value written into a document can push it past the 32 levels DynamoDB stores (spec 2.1).
void check_nesting(const Item& item, const Update& update) {
  for (const UpdateAction& a : update.actions) {
    if (a.kind != UpdateAction::Kind::kSet && a.kind != UpdateAction::Kind::kAdd) continue;
    const auto it = item.find(std::get<std::string>(a.path.elements[0]));
    if (it != item.end() && nesting_level(it->second) > limits::kDynamoNestingDepth.value)
      fail(msg::kNestingTooDeep);
  }
}

}  // namespace

Item apply_update(const Update& update, const Item& item) {
  std::vector<const UpdateAction*> sets = actions_of(update, UpdateAction::Kind::kSet);
  std::vector<std::pair<const UpdateAction*, AttributeValue>> assignments;
  for (const UpdateAction* a : sets) assignments.emplace_back(a, value_of(a->value, item));
  std::stable_sort(assignments.begin(), assignments.end(), [](const auto& x, const auto& y) {
    return path_less(x.first->path, y.first->path);
  });
  Item out = item;
  for (auto& [action, value] : assignments) put(out, action->path, std::move(value));
  // Removals from one list run from the highest index down, so every index names an element
  // of the list as it was.
  std::vector<const UpdateAction*> removals = actions_of(update, UpdateAction::Kind::kRemove);
  std::stable_sort(removals.begin(), removals.end(),
                   [](const auto* x, const auto* y) { return path_less(y->path, x->path); });
  for (const UpdateAction* a : removals) remove(out, a->path);
  for (const UpdateAction* a : actions_of(update, UpdateAction::Kind::kAdd))
    apply_add(out, a->path, a->value.value);
  for (const UpdateAction* a : actions_of(update, UpdateAction::Kind::kDelete))
    apply_delete(out, a->path, a->value.value);
  check_nesting(out, update);
  return out;
}

void check_no_key_update(const Update& update, std::span<const std::string> key_names) {
  for (const UpdateAction& a : update.actions) {
    const std::string& top = std::get<std::string>(a.path.elements[0]);
    if (std::find(key_names.begin(), key_names.end(), top) != key_names.end())
      throw Error(Errc::kValidation, fmt::format(msg::kUpdateKeyAttribute, top));
  }
}

}  // namespace sls::table::expr

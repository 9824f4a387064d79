// Static checks of UpdateExpression and ProjectionExpression, in AWS's order (spec 4.3, 4.4,
// 4.8; for updates as dynalite captured it: reserved word, unknown function, section used twice,
// undefined name, undefined value, overlapping paths, conflicting paths, ADD/DELETE operand
// type, then function operand count, document-path and literal types), then the typed trees.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "table/expr/checks.h"
#include "table/expr/expr.h"
#include "table/expr/parser.h"
#include "table/messages.h"

namespace sls::table::expr {
namespace {

struct FunctionInfo {
  std::string_view name;
  size_t arity;
};
constexpr std::array<FunctionInfo, 2> kUpdateFunctions = {
    {{"if_not_exists", 2}, {"list_append", 2}}};

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : kUpdateFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string_view clause_name(UpdateAction::Kind kind) {
  switch (kind) {
    case UpdateAction::Kind::kSet:
      return "SET";
    case UpdateAction::Kind::kRemove:
      return "REMOVE";
    case UpdateAction::Kind::kAdd:
      return "ADD";
    case UpdateAction::Kind::kDelete:
      return "DELETE";
  }
  return "SET";  // unreachable while every case returns
}

// The words AWS uses for operand types in ADD/DELETE messages; nullopt for the set types.
std::optional<std::string_view> operand_type_word(ValueType t) {
  switch (t) {
    case ValueType::kS:
      return "STRING";
    case ValueType::kN:
      return "NUMBER";
    case ValueType::kB:
      return "BINARY";
    case ValueType::kBool:
      return "BOOLEAN";
    case ValueType::kNull:
      return "NULL";
    case ValueType::kL:
      return "LIST";
    case ValueType::kM:
      return "MAP";
    case ValueType::kSS:
    case ValueType::kNS:
    case ValueType::kBS:
      break;
  }
  return std::nullopt;
}

class UpdateChecker {
 public:
  UpdateChecker(const Placeholders& placeholders, Usage& usage)
      : placeholders_(placeholders), usage_(usage) {}

  Update run(const RawUpdate& raw) {
    std::vector<const RawNode*> values;
    for (const RawAction& a : raw.actions) {
      if (a.value) values.push_back(&*a.value);
    }
    check_operator_count(values, kKind);
    for_each_node(raw, [&](const RawNode& n) { check_reserved(n, kKind); });
    for_each_node(raw, [&](const RawNode& n) {
      walk_postorder(n, [&](const RawNode& m) { check_known_function(m); });
    });
    check_sections(raw.clauses);
    for_each_node(raw, [&](const RawNode& n) {
      check_defined(n, kKind, placeholders_, usage_, true, false);
    });
    for_each_node(raw, [&](const RawNode& n) {
      check_defined(n, kKind, placeholders_, usage_, false, true);
    });
    std::vector<Path> paths;
    for (const RawAction& a : raw.actions) paths.push_back(resolve_path(a.path, placeholders_));
    check_disjoint(paths, kKind);
    for (const RawAction& a : raw.actions) check_add_delete_operand(a);
    for (const RawAction& a : raw.actions) {
      if (a.value) walk_postorder(*a.value, [&](const RawNode& n) { check_function(n); });
    }
    Update update;
    for (size_t i = 0; i < raw.actions.size(); ++i)
      update.actions.push_back(action(raw.actions[i], paths[i]));
    return update;
  }

 private:
  static constexpr ExpressionKind kKind = ExpressionKind::kUpdate;

  [[noreturn]] void fail(std::string detail) const { throw_invalid(kKind, std::move(detail)); }

  // Every action's target path, then its value, in text order.
  template <typename F>
  static void for_each_node(const RawUpdate& raw, F&& visit) {
    for (const RawAction& a : raw.actions) {
      visit(a.path);
      if (a.value) visit(*a.value);
    }
  }

  void check_known_function(const RawNode& n) const {
    if (n.kind == RawNode::Kind::kCall && !find_function(n.text))
      fail(fmt::format(msg::kExprUnknownFunction, n.text));
  }

  void check_sections(const std::vector<UpdateAction::Kind>& clauses) const {
    for (size_t i = 0; i < clauses.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (clauses[i] == clauses[j])
          fail(fmt::format(msg::kExprSectionTwice, clause_name(clauses[i])));
      }
    }
  }

  void check_add_delete_operand(const RawAction& a) const {
    if (a.kind != UpdateAction::Kind::kAdd && a.kind != UpdateAction::Kind::kDelete) return;
    const ValueType t = resolve_value(*a.value, placeholders_).type();
    const std::optional<std::string_view> word = operand_type_word(t);
    const bool add = a.kind == UpdateAction::Kind::kAdd;
    if (!word || (add && t == ValueType::kN)) return;  // sets, and numbers for ADD
    fail(fmt::format(msg::kExprUpdateOperandType, clause_name(a.kind), *word,
                     add ? "ALLOWED_FOR_ADD_OPERAND" : "ALLOWED_FOR_DELETE_OPERAND"));
  }

  // Operand count, document path and literal types of functions and + / -.
  void check_function(const RawNode& n) const {
    const bool arithmetic = n.kind == RawNode::Kind::kPlus || n.kind == RawNode::Kind::kMinus;
    if (n.kind != RawNode::Kind::kCall && !arithmetic) return;
    const std::string_view name =
        arithmetic ? (n.kind == RawNode::Kind::kPlus ? "+" : "-") : n.text;
    const FunctionInfo* f = arithmetic ? nullptr : find_function(n.text);
    if (f && f->arity != n.children.size())
      fail(fmt::format(msg::kExprOperandCount, name, n.children.size()));
    if (name == "if_not_exists") {
      if (n.children[0].kind != RawNode::Kind::kPath) fail(fmt::format(msg::kExprNeedsPath, name));
      return;
    }
    const ValueType wanted = arithmetic ? ValueType::kN : ValueType::kL;
    for (const RawNode& arg : n.children) {
      if (arg.kind != RawNode::Kind::kValueRef) continue;
      const ValueType t = resolve_value(arg, placeholders_).type();
      if (t != wanted) fail(fmt::format(msg::kExprOperandType, name, type_tag(t)));
    }
  }

  // --- the typed tree ----------------------------------------------------------------------
  Operand operand(const RawNode& n) const {
    Operand out;
    switch (n.kind) {
      case RawNode::Kind::kPath:
        out.path = resolve_path(n, placeholders_);
        return out;
      case RawNode::Kind::kValueRef:
        out.kind = Operand::Kind::kValue;
        out.value = resolve_value(n, placeholders_);
        return out;
      case RawNode::Kind::kPlus:
        out.kind = Operand::Kind::kPlus;
        break;
      case RawNode::Kind::kMinus:
        out.kind = Operand::Kind::kMinus;
        break;
      default:  // the two update functions, the only calls left after the checks
        out.kind =
            n.text == "if_not_exists" ? Operand::Kind::kIfNotExists : Operand::Kind::kListAppend;
        break;
    }
    for (const RawNode& child : n.children) out.args.push_back(operand(child));
    return out;
  }

  UpdateAction action(const RawAction& a, Path path) const {
    UpdateAction out;
    out.kind = a.kind;
    out.path = std::move(path);
    if (a.value) out.value = operand(*a.value);
    return out;
  }

  const Placeholders& placeholders_;
  Usage& usage_;
};

}  // namespace

Update parse_update(std::string_view text, const Placeholders& placeholders, Usage& usage) {
  return UpdateChecker(placeholders, usage).run(parse_update_syntax(text));
}

Projection parse_projection(std::string_view text, const Placeholders& placeholders, Usage& usage) {
  const std::vector<RawNode> raw = parse_projection_syntax(text);
  constexpr ExpressionKind kKind = ExpressionKind::kProjection;
  for (const RawNode& p : raw) check_reserved(p, kKind);
  for (const RawNode& p : raw) check_defined(p, kKind, placeholders, usage, true, false);
  Projection projection;
  for (const RawNode& p : raw) projection.paths.push_back(resolve_path(p, placeholders));
  check_disjoint(projection.paths, kKind);
  return projection;
}

void check_update_paths(const Update& update) {
  std::vector<Path> paths;
  for (const UpdateAction& a : update.actions) paths.push_back(a.path);
  check_disjoint(paths, ExpressionKind::kUpdate);
}

}  // namespace sls::table::expr

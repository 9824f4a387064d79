// Static checks shared by the expression grammars.
#include "table/expr/checks.h"

#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/limits.h"
#include "table/expr/reserved_words.h"
#include "table/messages.h"

namespace sls::table::expr {
namespace {

// How two paths relate, judged element by element over their common prefix.
enum class PathRelation { kDisjoint, kOverlap, kConflict };

PathRelation relate(const Path& a, const Path& b) {
  const size_t common = std::min(a.elements.size(), b.elements.size());
  for (size_t i = 0; i < common; ++i) {
    if (a.elements[i].index() != b.elements[i].index()) return PathRelation::kConflict;
    if (a.elements[i] != b.elements[i]) return PathRelation::kDisjoint;
  }
  return PathRelation::kOverlap;
}

}  // namespace

void check_operator_count(std::span<const RawNode* const> roots, ExpressionKind kind) {
  size_t count = 0;
  for (const RawNode* root : roots) {
    walk_preorder(*root, [&](const RawNode& n) {
      switch (n.kind) {
        case RawNode::Kind::kOr:
        case RawNode::Kind::kAnd:
          count += n.children.size() - 1;
          break;
        case RawNode::Kind::kNot:
        case RawNode::Kind::kCompare:
        case RawNode::Kind::kBetween:
        case RawNode::Kind::kIn:
        case RawNode::Kind::kCall:
        case RawNode::Kind::kPlus:
        case RawNode::Kind::kMinus:
          ++count;
          break;
        case RawNode::Kind::kPath:
        case RawNode::Kind::kValueRef:
          break;
      }
    });
  }
  if (count > static_cast<size_t>(limits::kDynamoExpressionOperatorsMax.value))
    throw_invalid(kind, fmt::format(msg::kExprTooManyOperators, count));
}

void check_reserved(const RawNode& node, ExpressionKind kind) {
  walk_preorder(node, [&](const RawNode& n) {
    for (const RawSegment& s : n.path) {
      if (s.kind == RawSegment::Kind::kName && is_reserved_word(s.text)) {
        throw_invalid(kind, fmt::format(msg::kExprReserved, s.text));
      }
    }
  });
}

void check_defined(const RawNode& node, ExpressionKind kind, const Placeholders& placeholders,
                   Usage& usage, bool names, bool values) {
  walk_preorder(node, [&](const RawNode& n) {
    for (const RawSegment& s : n.path) {
      if (!names || s.kind != RawSegment::Kind::kNameRef) continue;
      if (!placeholders.names.contains(s.text))
        throw_invalid(kind, fmt::format(msg::kExprUndefinedName, s.text));
      usage.names.emplace(s.text);
    }
    if (values && n.kind == RawNode::Kind::kValueRef) {
      if (!placeholders.values.contains(n.text))
        throw_invalid(kind, fmt::format(msg::kExprUndefinedValue, n.text));
      usage.values.emplace(n.text);
    }
  });
}

Path resolve_path(const RawNode& node, const Placeholders& placeholders) {
  Path path;
  path.elements.reserve(node.path.size());
  for (const RawSegment& s : node.path) {
    switch (s.kind) {
      case RawSegment::Kind::kName:
        path.elements.emplace_back(std::string(s.text));
        break;
      case RawSegment::Kind::kNameRef:
        path.elements.emplace_back(placeholders.names.find(s.text)->second);
        break;
      case RawSegment::Kind::kIndex:
        path.elements.emplace_back(s.index);
        break;
    }
  }
  return path;
}

const AttributeValue& resolve_value(const RawNode& node, const Placeholders& placeholders) {
  return placeholders.values.find(node.text)->second;
}

std::optional<ValueType> static_type(const RawNode& node, const Placeholders& placeholders) {
  if (node.kind == RawNode::Kind::kValueRef) return resolve_value(node, placeholders).type();
  if (node.kind == RawNode::Kind::kCall && node.text == "size") return ValueType::kN;
  return std::nullopt;
}

void check_disjoint(std::span<const Path> paths, ExpressionKind kind) {
  std::optional<std::string> conflict;
  for (size_t j = 1; j < paths.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const PathRelation r = relate(paths[i], paths[j]);
      if (r == PathRelation::kOverlap) {
        throw_invalid(
            kind, fmt::format(msg::kExprPathsOverlap, to_string(paths[i]), to_string(paths[j])));
      }
      if (r == PathRelation::kConflict && !conflict) {
        conflict = fmt::format(msg::kExprPathsConflict, to_string(paths[i]), to_string(paths[j]));
      }
    }
  }
  if (conflict) throw_invalid(kind, std::move(*conflict));
}

}  // namespace sls::table::expr

// The pieces the static checks of every grammar share: tree walks in AWS's reporting order,
// reserved words, placeholder substitution and path overlap (spec/dynamodb-api.md 4.3-4.5, 4.8).
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "table/expr/expr.h"
#include "table/expr/parser.h"

namespace sls::table::expr {

// Visits `node` and everything under it, parents before children, children in text order.
template <typename F>
void walk_preorder(const RawNode& node, F&& visit) {
  visit(node);
  for (const RawNode& child : node.children) walk_preorder(child, visit);
}

// Children before parents: the order in which AWS's checks meet inner function calls first.
template <typename F>
void walk_postorder(const RawNode& node, F&& visit) {
  for (const RawNode& child : node.children) walk_postorder(child, visit);
  visit(node);
}

// "The expression contains too many operators; operator count: <n>" when the nodes hold more
// than 300 operators and functions (AND/OR count once per joint; NOT, comparisons, BETWEEN, IN,
// function calls, + and - once each).
void check_operator_count(std::span<const RawNode* const> roots, ExpressionKind kind);

// "Attribute name is a reserved keyword; reserved keyword: <as written>" for the first bare
// path segment (in text order) that is a reserved word.
void check_reserved(const RawNode& node, ExpressionKind kind);

// The first #name (when `names`) or :value (when `values`) used but not defined, in text order;
// records every placeholder met in `usage`.
void check_defined(const RawNode& node, ExpressionKind kind, const Placeholders& placeholders,
                   Usage& usage, bool names, bool values);

// The path a kPath node denotes, #names substituted. Requires: check_defined passed.
Path resolve_path(const RawNode& node, const Placeholders& placeholders);

// The value of a :value node. Requires: check_defined passed.
const AttributeValue& resolve_value(const RawNode& node, const Placeholders& placeholders);

// The type a node is known to have before any item is read: a :value's type, N for size().
std::optional<ValueType> static_type(const RawNode& node, const Placeholders& placeholders);

// "Two document paths overlap ..." (one path is a prefix of, or equal to, another), else
// "Two document paths conflict ..." (one path uses a name where another uses an index).
// Overlap wins over conflict; within each, the first pair met in text order.
void check_disjoint(std::span<const Path> paths, ExpressionKind kind);

}  // namespace sls::table::expr

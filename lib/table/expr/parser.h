// The syntax stage of expression parsing: text -> raw tree, with placeholders and function
// names still unresolved. Only syntax errors are raised here; every other check runs on the
// finished raw tree (checks.cpp), because AWS reports a syntax error anywhere in the text before
// any other mistake (spec/dynamodb-api.md 4.8).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "table/expr/expr.h"

namespace sls::table::expr {

// One element of a path as written.
struct RawSegment {
  enum class Kind : uint8_t { kName, kNameRef, kIndex };
  Kind kind = Kind::kName;
  std::string_view text;  // the name, "#ref" or the index digits, as written
  uint32_t index = 0;     // kIndex; indexes past UINT32_MAX saturate (they never resolve)
};

struct RawNode {
  enum class Kind : uint8_t {
    kOr,
    kAnd,
    kNot,       // children: conditions
    kCompare,   // text: the comparator; children: two operands
    kBetween,   // children: operand, lower, upper
    kIn,        // children: operand, then the list
    kCall,      // text: function name; children: arguments
    kPath,      // path
    kValueRef,  // text: ":v"
    kPlus,
    kMinus,  // children: two operands (update SET values)
  };
  Kind kind = Kind::kPath;
  std::string_view text;
  std::vector<RawSegment> path;
  std::vector<RawNode> children;
  int parens = 0;  // how many parentheses directly enclose this node
};

// A condition node (as opposed to an operand). Calls are either, decided by the checks.
bool is_condition_node(const RawNode& node);

struct RawCondition {
  RawNode root;
  bool redundant_parens = false;  // some node sat directly inside two pairs of parentheses
};

struct RawAction {
  UpdateAction::Kind kind = UpdateAction::Kind::kSet;
  RawNode path;                  // a kPath node
  std::optional<RawNode> value;  // SET: the right-hand side; ADD/DELETE: a kValueRef
};

struct RawUpdate {
  std::vector<RawAction> actions;
  std::vector<UpdateAction::Kind> clauses;  // the clause keywords in text order
};

// Each throws Error{kValidation} "Invalid <Parameter>: The expression can not be empty;" or
// "Invalid <Parameter>: Syntax error; token: "<tok>", near: "<ctx>"".
RawCondition parse_condition_syntax(std::string_view text, ExpressionKind kind);
std::vector<RawNode> parse_projection_syntax(std::string_view text);
RawUpdate parse_update_syntax(std::string_view text);

// Throws Error{kValidation} "Invalid <Parameter>: <detail>".
[[noreturn]] void throw_invalid(ExpressionKind kind, std::string detail);

}  // namespace sls::table::expr

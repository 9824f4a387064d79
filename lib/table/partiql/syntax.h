// The syntax stage of PartiQL: statement text -> a tree as written, before parameters are bound
// and before any check that needs more than the grammar (function names, operand types). As in
// PartiQL itself, conditions and values are one kind of expression; binding (bind.cpp) sorts
// out which is which.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "table/partiql/partiql.h"

namespace sls::table::partiql {

// Where a node came from: the byte range of its first token, for messages that locate it.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

struct Node {
  enum class Kind : uint8_t {
    // values
    kString,     // text: the value
    kNumber,     // text: as written (without a leading '-', see kNegate)
    kTrue,       // TRUE
    kFalse,      // FALSE
    kNull,       // NULL
    kParameter,  // ?; parameter: its 0-based position among the statement's parameters
    kList,       // [children]
    kTuple,      // {keys[i]: children[i]}
    kBag,        // <<children>>
    kPath,       // path
    kCall,       // text: the function name as written; children: arguments
    kNegate,     // -children[0]
    kPlus,       // children[0] + children[1]
    kMinus,      // children[0] - children[1]
    // conditions
    kOr,       // children[0] OR children[1] OR ...
    kAnd,      // children[0] AND ...
    kNot,      // NOT children[0]
    kCompare,  // children[0] <text> children[1]; text: = <> != < <= > >=
    kBetween,  // children[0] [NOT] BETWEEN children[1] AND children[2]
    kIn,       // children[0] [NOT] IN (children[1..])
    kIs,       // children[0] IS [NOT] <text>; text: the type name in upper case
  };
  Kind kind = Kind::kNull;
  std::string text;
  bool negated = false;  // NOT BETWEEN, NOT IN, IS NOT
  size_t parameter = 0;
  expr::Path path;
  std::vector<std::string> keys;  // kTuple
  std::vector<Node> children;
  Span span;
};

struct SyntaxAction {
  expr::UpdateAction::Kind kind = expr::UpdateAction::Kind::kSet;  // kSet or kRemove
  Node target;                                                     // a kPath
  std::optional<Node> value;                                       // kSet
};

struct SyntaxStatement {
  StatementKind kind = StatementKind::kSelect;
  std::string table;
  std::optional<std::string> index;
  Span table_span;
  bool star = false;                  // SELECT *
  std::vector<Node> outputs;          // SELECT a, b.c (kPath nodes)
  std::optional<Node> where;          // SELECT, UPDATE, DELETE
  std::optional<Node> value;          // INSERT ... VALUE <value>
  std::vector<SyntaxAction> actions;  // UPDATE, in text order
  Returning returning = Returning::kNone;
  std::string returning_text;    // "MODIFIED OLD", for the DELETE message
  std::optional<Node> order_by;  // a kPath
  bool descending = false;
  size_t parameters = 0;  // how many ? the statement holds
};

// Throws Error{kValidation} with DynamoDB's PartiQL syntax messages.
SyntaxStatement parse_syntax(std::string_view text);

}  // namespace sls::table::partiql

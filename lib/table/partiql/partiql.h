// DynamoDB's PartiQL (spec/dynamodb-api.md 3.20): a statement's text and its `?` parameters ->
// a typed statement whose conditions, updates and items are the expression trees of expr.h, so
// the engine evaluates a WHERE clause exactly as a ConditionExpression and applies SET/REMOVE
// exactly as an UpdateExpression. Parsing is a hand-written lexer and recursive descent
// (lexer.cpp, parser.cpp); binding (bind.cpp) substitutes parameters and runs the checks that
// need no table. Checks that need the table (key schema, indexes) belong to the engine.
// Thread safety: pure functions; results are plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "table/expr/expr.h"
#include "table/value.h"

namespace sls::table::partiql {

enum class StatementKind : uint8_t { kSelect, kInsert, kUpdate, kDelete };

// RETURNING <ALL|MODIFIED> <OLD|NEW> * on UPDATE and DELETE: ReturnValues' ALL_OLD,
// UPDATED_OLD, ALL_NEW and UPDATED_NEW.
enum class Returning : uint8_t { kNone, kAllOld, kModifiedOld, kAllNew, kModifiedNew };

// One item of a SELECT list: the value at `path`, named in the result by the path's last name
// (`a.b.c` -> "c"; `l[0]` -> "l[0]").
struct Output {
  std::string name;
  expr::Path path;
  bool operator==(const Output&) const = default;
};

struct Statement {
  StatementKind kind = StatementKind::kSelect;
  std::string table;
  std::optional<std::string> index;      // SELECT ... FROM "table"."index"
  std::vector<Output> projection;        // SELECT; empty = *
  std::optional<expr::Condition> where;  // SELECT, UPDATE, DELETE: the whole WHERE clause
  Item item;                             // INSERT: the item
  expr::Update update;                   // UPDATE: SET, REMOVE, set_add/set_delete in text order
  Returning returning = Returning::kNone;
  std::optional<expr::Path> order_by;  // SELECT ... ORDER BY <path> [ASC|DESC]
  bool descending = false;
};

// Parses `text` and binds `parameters` to its `?` in order. Throws Error{kValidation} with
// DynamoDB's messages: "Statement wasn't well formed, can't be processed: <detail>" for syntax,
// and the bare messages of the checks (parameter count, unknown functions, operand types,
// number literals, RETURNING on DELETE).
Statement parse(std::string_view text, std::span<const AttributeValue> parameters);

}  // namespace sls::table::partiql

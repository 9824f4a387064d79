// DynamoDB's expression languages (spec/dynamodb-api.md 4): ConditionExpression,
// FilterExpression, KeyConditionExpression, ProjectionExpression and UpdateExpression.
// Parsing is a hand-written recursive descent that first proves the text well-formed (syntax
// errors name the token, as AWS does), then runs AWS's static checks in AWS's order (spec 4.8)
// and returns a typed tree with every #name and :value substituted. Evaluation works on typed
// items: conditions give true/false, updates give the new item or a run-time error.
// Thread safety: parsed trees are immutable values; all functions are pure.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "table/value.h"

namespace sls::table::expr {

// Which request parameter an expression came from: it names the parameter in every message
// ("Invalid FilterExpression: ...") and selects the grammar.
enum class ExpressionKind : uint8_t { kCondition, kFilter, kKeyCondition, kProjection, kUpdate };
std::string_view parameter_name(ExpressionKind kind);  // "ConditionExpression", ...

// ExpressionAttributeNames and ExpressionAttributeValues of one request (value.h parses them).
struct Placeholders {
  std::map<std::string, std::string, std::less<>> names;  // "#n" -> attribute name
  AttributeMap values;                                    // ":v" -> value
};

// The placeholders the expressions of one request used. "Used" spans every expression of the
// request (spec 4.5), so the parse functions add to one Usage and check_unused() runs last.
struct Usage {
  std::set<std::string, std::less<>> names;
  std::set<std::string, std::less<>> values;
};

// Throws Error{kValidation} "Value provided in ExpressionAttributeNames unused in expressions:
// keys: {#a, #b}" (then the same for values) when a placeholder was defined but not used.
// Keys are listed in sorted order (AWS's order is unspecified).
void check_unused(const Placeholders& placeholders, const Usage& usage);

// --- Typed trees -----------------------------------------------------------------------------

// A document path element: a map key (attribute name) or a list index.
using PathElement = std::variant<std::string, uint32_t>;
struct Path {
  std::vector<PathElement> elements;  // elements[0] is always a name
  bool operator==(const Path&) const = default;
};
// How AWS prints a path in messages: "[a, b, [0]]".
std::string to_string(const Path& path);

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// A value-producing term.
struct Operand {
  enum class Kind : uint8_t {
    kPath,         // `path`
    kValue,        // a substituted :value
    kSize,         // size(args[0])
    kIfNotExists,  // if_not_exists(args[0] (a kPath), args[1])
    kListAppend,   // list_append(args[0], args[1])
    kPlus,         // args[0] + args[1]
    kMinus,        // args[0] - args[1]
  };
  Kind kind = Kind::kPath;
  Path path;                  // kPath
  AttributeValue value;       // kValue
  std::vector<Operand> args;  // the functions and + / -
  bool operator==(const Operand&) const = default;
};

struct Condition {
  enum class Kind : uint8_t {
    kOr,          // children[0] OR children[1] OR ...
    kAnd,         // children[0] AND ...
    kNot,         // NOT children[0]
    kCompare,     // operands[0] <op> operands[1]
    kBetween,     // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,          // operands[0] IN (operands[1..])
    kExists,      // attribute_exists(operands[0])
    kNotExists,   // attribute_not_exists(operands[0])
    kType,        // attribute_type(operands[0], operands[1])
    kBeginsWith,  // begins_with(operands[0], operands[1])
    kContains,    // contains(operands[0], operands[1])
  };
  Kind kind = Kind::kCompare;
  Comparator op = Comparator::kEq;  // kCompare only
  std::vector<Condition> children;
  std::vector<Operand> operands;
  bool operator==(const Condition&) const = default;
};

struct Projection {
  std::vector<Path> paths;  // no two overlap or conflict (checked at parse)
};

struct UpdateAction {
  enum class Kind : uint8_t { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  Path path;
  Operand value;  // kSet: the right-hand side; kAdd, kDelete: a kValue; kRemove: unused
};
struct Update {
  std::vector<UpdateAction> actions;  // in text order; no two paths overlap or conflict
};

// --- Parsing -------------------------------------------------------------------------------
// Each throws Error{kValidation} "Invalid <Parameter>: <detail>" (spec 4.8), records the
// placeholders it used in `usage`, and returns a tree whose placeholders are all substituted.

// kind: kCondition, kFilter or kKeyCondition. A key condition is also checked for the shape
// Query allows (AND of =, <, <=, >, >=, BETWEEN, begins_with on top-level attributes); the
// checks that need the table's key schema are in to_key_condition().
Condition parse_condition(std::string_view text, ExpressionKind kind,
                          const Placeholders& placeholders, Usage& usage);
Projection parse_projection(std::string_view text, const Placeholders& placeholders, Usage& usage);
Update parse_update(std::string_view text, const Placeholders& placeholders, Usage& usage);

// For an update built from another language (PartiQL): "Invalid UpdateExpression: Two document
// paths overlap ..." or "... conflict ..." (spec 4.4) when two actions' paths do.
void check_update_paths(const Update& update);

// --- Key conditions (Query) ------------------------------------------------------------------

struct KeySchema {
  std::string hash_name;
  ValueType hash_type = ValueType::kS;
  std::optional<std::string> range_name;
  ValueType range_type = ValueType::kS;
};

struct RangeCondition {
  enum class Op : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  Op op = Op::kEq;
  AttributeValue value;  // the bound; the lower bound for kBetween
  AttributeValue upper;  // kBetween only
};

struct KeyCondition {
  AttributeValue hash;                  // the partition key value (always `=`)
  std::optional<RangeCondition> range;  // with the key attribute on the left
};

// Matches a parsed key condition against the table's (or index's) key schema. Throws
// Error{kValidation} with the Query messages of spec 4.2 (missed key schema element, key
// condition not supported, one condition per key, type mismatch).
// Requires: `condition` came from parse_condition(..., kKeyCondition, ...).
KeyCondition to_key_condition(const Condition& condition, const KeySchema& schema);

// --- Evaluation ------------------------------------------------------------------------------

// The value at `path`, or nullptr when the path does not resolve.
const AttributeValue* find(const Item& item, const Path& path);

// DynamoDB's condition semantics (spec 4.2, "Evaluation"): comparisons across types are false,
// `<>` is true when a side is missing, size() of an unsized type makes its comparison false.
bool evaluate(const Condition& condition, const Item& item);

// The requested parts of `item`, rebuilt inside their enclosing maps and lists; elements taken
// from one list are packed in index order; paths that do not resolve are left out (spec 4.3).
Item project(const Item& item, std::span<const Path> paths);
inline Item project(const Item& item, const Projection& p) { return project(item, p.paths); }

// The item after `update` (spec 4.4, 3.8): every SET right-hand side is read from `item` before
// any action applies. Throws Error{kValidation} with the run-time messages (invalid document
// path, missing operand attribute, incorrect operand data type, number overflow).
Item apply_update(const Update& update, const Item& item);

// Throws Error{kValidation} "...Cannot update attribute <k>. This attribute is part of the key"
// when an action targets one of `key_names` (spec 3.8).
void check_no_key_update(const Update& update, std::span<const std::string> key_names);

}  // namespace sls::table::expr

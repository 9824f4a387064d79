// Expression parsing: grammar, precedence and every static check with AWS's exact message, in
// AWS's order (spec/dynamodb-api.md 4.1-4.8).
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/expr/expr.h"
#include "table/expr/reserved_words.h"

namespace {

using nlohmann::json;
using sls::table::expr::Comparator;
using sls::table::expr::Condition;
using sls::table::expr::ExpressionKind;
using sls::table::expr::Placeholders;
using sls::table::expr::Usage;

// Placeholders from the request's two JSON maps ("" for an absent map).
Placeholders placeholders(const std::string& names, const std::string& values) {
  Placeholders p;
  if (!names.empty()) p.names = sls::table::parse_expression_names(json::parse(names));
  if (!values.empty()) p.values = sls::table::parse_expression_values(json::parse(values));
  return p;
}

constexpr const char* kValues =
    R"({":v":{"S":"x"},":w":{"S":"y"},":n":{"N":"1"},":n5":{"N":"5"},":l":{"L":[]},)"
    R"(":b":{"B":"AQ=="},":t":{"S":"SS"},":bad":{"S":"X"},":ss":{"SS":["a"]},":m":{"M":{}}})";
constexpr const char* kNames = R"({"#n":"name","#a":"a","#ab":"a.b","#1":"one"})";

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kValidation);
    return e.message();
  }
  return "(no error)";
}

std::string condition_error(const std::string& text,
                            ExpressionKind kind = ExpressionKind::kCondition) {
  const Placeholders p = placeholders(kNames, kValues);
  Usage usage;
  return error_of([&] { (void)sls::table::expr::parse_condition(text, kind, p, usage); });
}

std::string update_error(const std::string& text) {
  const Placeholders p = placeholders(kNames, kValues);
  Usage usage;
  return error_of([&] { (void)sls::table::expr::parse_update(text, p, usage); });
}

std::string projection_error(const std::string& text) {
  const Placeholders p = placeholders(kNames, kValues);
  Usage usage;
  return error_of([&] { (void)sls::table::expr::parse_projection(text, p, usage); });
}

Condition condition(const std::string& text) {
  const Placeholders p = placeholders(kNames, kValues);
  Usage usage;
  return sls::table::expr::parse_condition(text, ExpressionKind::kCondition, p, usage);
}

}  // namespace

TEST_CASE("Syntax errors name the token and its neighbours, as in AWS's captured examples") {
  CHECK(update_error("INVALID SYNTAX HERE") ==
        R"(Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX")");
  CHECK(projection_error("!!! INVALID !!!") ==
        R"(Invalid ProjectionExpression: Syntax error; token: "!", near: "!!")");
  CHECK(update_error("SET _123 = :v") ==
        R"(Invalid UpdateExpression: Syntax error; token: "_", near: "SET _123")");
  CHECK(condition_error("begins_with(#a, :v", ExpressionKind::kKeyCondition) ==
        R"(Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: ":v")");
}

TEST_CASE("Syntax errors of conditions") {
  CHECK(condition_error("a = :v b") ==
        R"(Invalid ConditionExpression: Syntax error; token: "b", near: ":v b")");
  CHECK(condition_error("a") ==
        R"(Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a")");
  CHECK(condition_error("a AND b = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "AND", near: "a AND b")");
  CHECK(condition_error("_x = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "_", near: "_x")");
  CHECK(condition_error("1a = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "1", near: "1a")");
  CHECK(condition_error("hi-there = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "-", near: "hi-there")");
  CHECK(condition_error("# = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "#", near: "# =")");
  CHECK(condition_error("a = and") ==
        R"(Invalid ConditionExpression: Syntax error; token: "and", near: "= and")");
  CHECK(condition_error("attribute_exists()") ==
        R"x(Invalid ConditionExpression: Syntax error; token: ")", near: "()")x");
  CHECK(condition_error("(a = :v) = :w") ==
        R"x(Invalid ConditionExpression: Syntax error; token: "=", near: ") = :w")x");
  CHECK(condition_error("a BETWEEN :v", ExpressionKind::kFilter) ==
        R"(Invalid FilterExpression: Syntax error; token: "<EOF>", near: ":v")");
  CHECK(condition_error("a IN :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: ":v", near: "IN :v")");
  CHECK(condition_error("a[x] = :v") ==
        R"(Invalid ConditionExpression: Syntax error; token: "x", near: "[x]")");
  CHECK(condition_error("a = :v é") ==
        R"(Invalid ConditionExpression: Syntax error; token: "é", near: ":v é")");
  CHECK(condition_error("NOT a") ==
        R"(Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "a")");
}

TEST_CASE("Empty expressions are rejected with AWS's trailing semicolon") {
  CHECK(condition_error("") == "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(update_error("") == "Invalid UpdateExpression: The expression can not be empty;");
  CHECK(projection_error("") == "Invalid ProjectionExpression: The expression can not be empty;");
  CHECK(condition_error("", ExpressionKind::kFilter) ==
        "Invalid FilterExpression: The expression can not be empty;");
}

TEST_CASE("Doubled parentheses around one thing are redundant, single ones are fine") {
  CHECK(condition_error("((a = :v))") ==
        "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(condition_error("((a)) = :v") ==
        "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(condition("(a = :v)") == condition("a = :v"));
  CHECK(condition("(a = :v) AND (b = :w)") == condition("a = :v AND b = :w"));
  CHECK(condition("(a) = :v") == condition("a = :v"));
  CHECK(condition("a = (:v)") == condition("a = :v"));
  SUBCASE("a syntax error later in the text wins") {
    CHECK(condition_error("((a = :v)) AND") ==
          R"(Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND")");
  }
}

TEST_CASE("Precedence is OR < AND < NOT < comparisons") {
  const Condition c = condition("a = :v OR b = :v AND c = :v");
  REQUIRE(c.kind == Condition::Kind::kOr);
  CHECK(c.children[0].kind == Condition::Kind::kCompare);
  CHECK(c.children[1].kind == Condition::Kind::kAnd);
  const Condition n = condition("NOT a = :v AND b = :v");
  REQUIRE(n.kind == Condition::Kind::kAnd);
  CHECK(n.children[0].kind == Condition::Kind::kNot);
  const Condition p = condition("(a = :v OR b = :v) AND c = :v");
  REQUIRE(p.kind == Condition::Kind::kAnd);
  CHECK(p.children[0].kind == Condition::Kind::kOr);
  CHECK(condition("NOT NOT a = :v").children[0].kind == Condition::Kind::kNot);
  CHECK(condition("a BETWEEN :n AND :n5 AND b = :v").kind == Condition::Kind::kAnd);
  CHECK(condition("a <= :v").op == Comparator::kLe);
  CHECK(condition("a <> :v").op == Comparator::kNe);
}

TEST_CASE("Keywords are case-insensitive, function names case-sensitive") {
  CHECK(condition("a = :v and b = :w or NoT c = :v") ==
        condition("a = :v AND b = :w OR NOT c = :v"));
  CHECK(condition("a between :n and :n5").kind == Condition::Kind::kBetween);
  CHECK(condition("a in (:v, :w)").operands.size() == 3);
  CHECK(condition_error("Begins_With(a, :v)") ==
        "Invalid ConditionExpression: Invalid function name; function: Begins_With");
  const Placeholders p = placeholders("", R"({":v":{"N":"1"}})");
  Usage usage;
  CHECK(sls::table::expr::parse_update("sEt a = :v", p, usage).actions.size() == 1);
}

TEST_CASE("Paths: nested maps and lists, #names anywhere, names with dots via placeholders") {
  const Condition c = condition("a.b[1].c = :v");
  CHECK(sls::table::expr::to_string(c.operands[0].path) == "[a, b, [1], c]");
  CHECK(sls::table::expr::to_string(condition("#a.#n[0][2] = :v").operands[0].path) ==
        "[a, name, [0], [2]]");
  CHECK(sls::table::expr::to_string(condition("#ab = :v").operands[0].path) == "[a.b]");
  CHECK(sls::table::expr::to_string(condition("#1 = :v").operands[0].path) == "[one]");
  CHECK(sls::table::expr::to_string(condition("a [ 3 ] . b = :v").operands[0].path) ==
        "[a, [3], b]");
}

TEST_CASE("Static checks of conditions, each with AWS's message") {
  CHECK(condition_error("foo(a)") ==
        "Invalid ConditionExpression: Invalid function name; function: foo");
  CHECK(condition_error("if_not_exists(a, :v) = :v") ==
        "Invalid ConditionExpression: Invalid function name; function: if_not_exists");
  CHECK(condition_error("attribute_exists(a) = :v") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: attribute_exists");
  CHECK(condition_error("size(a)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: size");
  CHECK(condition_error("name = :v") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "name");
  CHECK(condition_error("a.Status = :v") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "Status");
  CHECK(condition_error("#zz = :v") ==
        "Invalid ConditionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #zz");
  CHECK(condition_error("a = :zz") ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :zz");
  CHECK(condition_error("attribute_exists(a, b)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: attribute_exists, number of operands: 2");
  CHECK(condition_error("begins_with(a)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: begins_with, number of operands: 1");
  CHECK(condition_error("attribute_exists(:v)") ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator "
        "or function: attribute_exists");
  CHECK(condition_error("a = a") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [a]");
  CHECK(condition_error("contains(#a, a)") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: contains, first operand: [a]");
  CHECK(condition_error("begins_with(a, :n)") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
  CHECK(condition_error("size(:n) = :n") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: size, operand type: N");
  CHECK(condition_error("attribute_type(a, :n)") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: attribute_type, operand type: N");
  CHECK(condition_error("attribute_type(a, :bad)") ==
        "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  CHECK(condition_error("a < :l") ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: <, operand type: L");
  CHECK(condition_error("a BETWEEN :n AND :v") ==
        "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower "
        "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
        "AttributeValue: {S:x}");
  CHECK(condition_error("a BETWEEN :n5 AND :n") ==
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        "operand: AttributeValue: {N:1}");
  CHECK(condition("a = :l").kind == Condition::Kind::kCompare);  // = takes any type
}

TEST_CASE("IN takes at most 100 values") {
  std::string list = ":v";
  for (int i = 1; i < 100; ++i) list += ", :v";
  CHECK(condition("a IN (" + list + ")").operands.size() == 101);
  CHECK(condition_error("a IN (" + list + ", :v)") ==
        "Invalid ConditionExpression: The IN operator is provided with too many operands; "
        "number of operands: 101");
}

TEST_CASE("Static checks run in AWS's order: each mistake hides the ones after it") {
  // unknown function > misused function > reserved word > undefined placeholder > count >
  // distinct > types (spec 4.8)
  CHECK(condition_error("foo(name) AND size(a)") ==
        "Invalid ConditionExpression: Invalid function name; function: foo");
  CHECK(condition_error("name = :zz AND size(a)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: size");
  CHECK(condition_error("#zz = :v AND name = :v") ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "name");
  CHECK(condition_error("attribute_exists(a, b) AND c = :zz") ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :zz");
  CHECK(condition_error("a = a AND attribute_exists(a, b)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: attribute_exists, number of operands: 2");
  CHECK(condition_error("begins_with(a, :n) AND b = b") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [b]");
}

TEST_CASE("The reserved-word table has the documented 573 words, case-insensitive") {
  CHECK(sls::table::expr::reserved_words().size() == 573);
  for (const char* w : {"NAME", "status", "Data", "date", "TIMESTAMP", "count", "VALUE", "user",
                        "KEY", "ttl", "TYPE", "size", "SET", "add", "DELETE", "zone", "abort"}) {
    CAPTURE(w);
    CHECK(sls::table::expr::is_reserved_word(w));
  }
  for (const char* w : {"REMOVE", "contains", "id", "pk", "email", "aborted", ""}) {
    CAPTURE(w);
    CHECK_FALSE(sls::table::expr::is_reserved_word(w));
  }
}

TEST_CASE("Unused placeholders are reported over all expressions of a request") {
  const Placeholders p =
      placeholders(R"({"#a":"a","#b":"b","#c":"c"})", R"({":x":{"S":"1"},":y":{"S":"2"}})");
  Usage usage;
  (void)sls::table::expr::parse_update("SET #a = :x", p, usage);
  (void)sls::table::expr::parse_condition("attribute_exists(#b)", ExpressionKind::kCondition, p,
                                          usage);
  CHECK(error_of([&] { sls::table::expr::check_unused(p, usage); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#c}");
  (void)sls::table::expr::parse_projection("#c", p, usage);
  CHECK(error_of([&] { sls::table::expr::check_unused(p, usage); }) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
  Usage none;
  CHECK(error_of([&] { sls::table::expr::check_unused(p, none); }) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b, #c}");
}

TEST_CASE("Projection paths may not overlap or conflict") {
  CHECK(projection_error("a, a.b") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a], path two: [a, b]");
  CHECK(projection_error("a, #a") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(projection_error("a.b, a[0]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
        "or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
  CHECK(projection_error("a.b, a[0], c, c.d") ==
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [c], path two: [c, d]");
  CHECK(projection_error("a, count") ==
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "count");
  CHECK(projection_error("a, #zz") ==
        "Invalid ProjectionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #zz");
  CHECK(projection_error("a,") ==
        R"(Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ",")");
}

TEST_CASE("Expressions are limited to 4 KB as sent and 300 operators") {
  const std::string padded = "a = :v" + std::string(4090, ' ');
  CHECK(condition(padded) == condition("a = :v"));
  CHECK(condition_error(padded + " ") ==
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
        "expression size: 4097");
  CHECK(condition_error(padded + " ", ExpressionKind::kFilter) ==
        "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
        "expression size: 4097");
  CHECK(update_error("SET a = :v" + std::string(4087, ' ')) ==
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;");
  auto ors = [](int n) {
    std::string text = "a = :v";
    for (int i = 1; i < n; ++i) text += " OR a = :v";
    return text;
  };
  CHECK(condition(ors(150)).children.size() == 150);  // 150 comparisons + 149 ORs
  CHECK(condition_error(ors(151)) ==
        "Invalid ConditionExpression: The expression contains too many operators; operator "
        "count: 301");
}

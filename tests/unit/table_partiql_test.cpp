// PartiQL: the parser and binder (table/partiql) with DynamoDB's messages
// (spec/dynamodb-api.md 3.20).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/expr/expr.h"
#include "table/partiql/partiql.h"
#include "table/value.h"

namespace {

using nlohmann::json;
using sls::table::AttributeValue;
namespace expr = sls::table::expr;
namespace partiql = sls::table::partiql;

std::vector<AttributeValue> values(const std::string& json_array) {
  std::vector<AttributeValue> out;
  for (const json& v : json::parse(json_array)) out.push_back(sls::table::parse_value(v));
  return out;
}

partiql::Statement parse(const std::string& text, const std::string& params = "[]") {
  return partiql::parse(text, values(params));
}

// The message a statement is refused with ("" when it parses).
std::string refusal(const std::string& text, const std::string& params = "[]") {
  try {
    (void)parse(text, params);
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kValidation);
    return e.message();
  }
  return "";
}

// The ConditionExpression tree of `text` with :s = "x", :k = "k", :one = 1, :three = 3, :t = "SS".
expr::Condition condition(const std::string& text) {
  expr::Placeholders p;
  p.values = sls::table::parse_expression_values(json::parse(
      R"({":s":{"S":"x"},":k":{"S":"k"},":one":{"N":"1"},":three":{"N":"3"},":t":{"S":"SS"}})"));
  expr::Usage usage;
  return expr::parse_condition(text, expr::ExpressionKind::kCondition, p, usage);
}

const std::string kNotWellFormed = "Statement wasn't well formed, can't be processed: ";

// --- parsing and binding -------------------------------------------------------------------

TEST_CASE("A WHERE clause binds to the ConditionExpression tree it means") {
  const auto where = [](const std::string& w, const std::string& params = "[]") {
    return parse("SELECT * FROM \"Tab\" WHERE " + w, params).where.value();
  };
  CHECK(where("a = 1 AND (b <> 'x' OR NOT c < 3)") ==
        condition("a = :one AND (b <> :s OR NOT c < :three)"));
  CHECK(where("a != 'x' OR b >= 1 OR c <= 3 OR d > 1") ==
        condition("a <> :s OR b >= :one OR c <= :three OR d > :one"));
  CHECK(where("n BETWEEN 1 AND 3") == condition("n BETWEEN :one AND :three"));
  CHECK(where("n NOT BETWEEN 1 AND 3") == condition("NOT n BETWEEN :one AND :three"));
  CHECK(where("n IN [1, 3]") == condition("n IN (:one, :three)"));
  CHECK(where("n NOT IN (1, 3)") == condition("NOT n IN (:one, :three)"));
  CHECK(where("begins_with(\"s\", 'x') AND contains(ss, ?)", R"([{"S":"x"}])") ==
        condition("begins_with(s, :s) AND contains(ss, :s)"));
  CHECK(where("ATTRIBUTE_EXISTS(m.x[3]) AND attribute_not_exists(y)") ==
        condition("attribute_exists(m.x[3]) AND attribute_not_exists(y)"));
  CHECK(where("attribute_type(ss, 'SS') AND size(l) > 3") ==
        condition("attribute_type(ss, :t) AND size(l) > :three"));
  CHECK(where("x IS MISSING") == condition("attribute_not_exists(x)"));
  CHECK(where("x IS NOT MISSING") == condition("NOT attribute_not_exists(x)"));
  CHECK(where("attribute_exists(x) = true") == condition("attribute_exists(x)"));
  CHECK(where("attribute_exists(x) = false") == condition("NOT attribute_exists(x)"));
  CHECK(where("a = ? AND b = ?", R"([{"N":"1"},{"S":"x"}])") == condition("a = :one AND b = :s"));
  CHECK(where("a = -.73e1") == where("a = -7.3"));
}

TEST_CASE("INSERT values cover every literal, nested, with parameters") {
  const partiql::Statement st = parse(
      "insert into \"Tab\" value {'pk': ?, 'n': 1, 's': 'it''s', 'l': [1, 'a'], "
      "'m': {'x': true, 'y': [?]}, 'z': null, 'ns': <<1, 2>>, 'ss': <<'a','b'>>, "
      "'e': 7.31E6, 'f': .5}",
      R"([{"S":"k"},{"B":"AQI="}])");
  CHECK(st.kind == partiql::StatementKind::kInsert);
  CHECK(st.table == "Tab");
  CHECK(sls::table::render_item(st.item) ==
        json::parse(R"({"pk":{"S":"k"},"n":{"N":"1"},"s":{"S":"it's"},
          "l":{"L":[{"N":"1"},{"S":"a"}]},"m":{"M":{"x":{"BOOL":true},"y":{"L":[{"B":"AQI="}]}}},
          "z":{"NULL":true},"ns":{"NS":["1","2"]},"ss":{"SS":["a","b"]},"e":{"N":"7310000"},
          "f":{"N":"0.5"}})"));
}

TEST_CASE("UPDATE clauses bind to the UpdateExpression they mean, in text order") {
  const partiql::Statement st = parse(
      "UPDATE \"Tab\" SET a = ?, b.c = 'x' SET n = n + 1 REMOVE d, l[0] "
      "SET ss = set_add(ss, <<'z'>>) SET ns = SET_DELETE(ns, ?) "
      "WHERE pk = 'k' RETURNING MODIFIED NEW *",
      R"([{"S":"x"},{"NS":["1"]}])");
  expr::Placeholders p;
  p.values = sls::table::parse_expression_values(
      json::parse(R"({":s":{"S":"x"},":one":{"N":"1"},":z":{"SS":["z"]},":ns":{"NS":["1"]}})"));
  expr::Usage usage;
  const expr::Update want = expr::parse_update(
      "SET a = :s, b.c = :s, n = n + :one REMOVE d, l[0] ADD ss :z DELETE ns :ns", p, usage);
  REQUIRE(st.update.actions.size() == want.actions.size());
  using Kind = expr::UpdateAction::Kind;
  const std::vector<Kind> order = {Kind::kSet,    Kind::kSet, Kind::kSet,   Kind::kRemove,
                                   Kind::kRemove, Kind::kAdd, Kind::kDelete};
  for (size_t i = 0; i < order.size(); ++i) {
    CHECK(st.update.actions[i].kind == order[i]);
    CHECK(st.update.actions[i].path == want.actions[i].path);
    CHECK(st.update.actions[i].value == want.actions[i].value);
  }
  CHECK(st.returning == partiql::Returning::kModifiedNew);
  CHECK(st.where == condition("pk = :k"));
}

TEST_CASE("SELECT lists name results by the last name of each path") {
  const partiql::Statement st =
      parse("SELECT pk, a.b.c, \"x y\", l[2], m.l[0][1] FROM \"Tab\".\"byCat\" ORDER BY sk DESC");
  std::vector<std::string> names;
  for (const partiql::Output& o : st.projection) names.push_back(o.name);
  CHECK(names == std::vector<std::string>{"pk", "c", "x y", "l[2]", "l[0][1]"});
  CHECK(st.index == "byCat");
  CHECK(st.descending);
  CHECK(st.order_by == expr::Path{{std::string("sk")}});
  CHECK(parse("SELECT * FROM Tab -- all of it\n/* every row */").projection.empty());
}

TEST_CASE("Malformed statements are refused with DynamoDB's messages") {
  // Captured against the live service (spec 3.20; messages.h marks each).
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"SLECT * FROM \"Tab\"", kNotWellFormed + "Expected data manipulation"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1 foo",
       kNotWellFormed + "Unexpected token after expression"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1 e5",
       kNotWellFormed + "Unexpected token after expression"},
      {"INSERT INTO \"Tab\" VALUE {'pk': 1} foo",
       kNotWellFormed + "Unexpected token after expression"},
      {"INSERT INTO \"Tab\" t VALUE {'pk': 'x'}",
       kNotWellFormed + "Unexpected token after expression"},
      {"DELETE FROM \"Tab\" WHERE pk = 1 ORDER BY pk",
       kNotWellFormed + "Unexpected token after expression"},
      {"SELECT * FROM \"Tab\" ORDER BY pk WHERE pk = 1",
       kNotWellFormed + "Unexpected token after expression"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1)", kNotWellFormed + "Unexpected token after expression"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1e2147483648", kNotWellFormed},
      {"SELECT * FROM \"Tab\" WHERE pk = 1.5e-2147483647", kNotWellFormed},
      {"SELECT * FROM \"Tab\" WHERE pk = 1 # note", kNotWellFormed},
      {"SELECT * FROM \"Tab\" WHERE pk = 1 /* note", kNotWellFormed},
      {"SELECT * FROM \"Tab\" WHERE pk = 'open", kNotWellFormed},
      {"SELECT * FROM \"Tab\" t WHERE pk = 'x'", "Aliasing is not supported"},
      {"SELECT * FROM \"Tab\" AS t WHERE pk = 'x'", "Aliasing is not supported"},
      {"UPDATE \"Tab\" t SET a = 3 WHERE pk = 'x'", "Aliasing is not supported"},
      {"DELETE FROM \"Tab\" t WHERE pk = 'x'", "Aliasing is not supported"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1e126",
       "Number overflow. Attempting to store a number "
       "with magnitude larger than supported range under root"},
      {"SELECT * FROM \"Tab\" WHERE pk = 1e-131",
       "Number underflow. Attempting to store a number "
       "with magnitude smaller than supported range under root"},
      {"SELECT * FROM \"Tab\" WHERE pk = 123456789012345678901234567890123456789",
       "Attempting to store more than 38 significant digits in a Number under root"},
      {"INSERT INTO \"Tab\" VALUE {'pk': 1, 'm': {'x': 1e126}}",
       "Number overflow. Attempting to "
       "store a number with magnitude larger than supported range under root.x"},
      {"INSERT INTO \"Tab\" VALUE {'pk': 1, 'l': [1, 1e126]}",
       "Number overflow. Attempting to "
       "store a number with magnitude larger than supported range under root[1]"},
      {"SELECT * FROM \"Tab\" WHERE", kNotWellFormed + "Unexpected term"},
      {"SELECT * FROM \"Tab\" WHERE;", kNotWellFormed + "Unexpected term"},
      {"SELECT * FROM \"Tab\" WHERE NOT", kNotWellFormed + "Unexpected term"},
      {"SELECT * FROM \"Tab\" WHERE (", kNotWellFormed + "Unexpected term"},
      {"UPDATE \"Tab\" SET a = 1 WHERE", kNotWellFormed + "Unexpected term"},
      {"SELECT * FROM", kNotWellFormed + "Unexpected term"},
      {"SELECT * FROM \"Tab\" WHERE pk = 'p1' AND", kNotWellFormed +
                                                        "Missing right-hand side "
                                                        "expression of infix operator"},
      {"SELECT * FROM \"Tab\" WHERE pk = 'p1' OR", kNotWellFormed + "Missing right-hand side "
                                                                    "expression of infix operator"},
      {"SELECT * FROM \"Tab\" WHERE ORDER BY pk", kNotWellFormed + "Unexpected keyword"},
      {"SELECT * FROM \"Tab\" WHERE pk = 'a' AND x IS FOO", kNotWellFormed + "Expected type name"},
      {"SELECT * FROM \"Tab\" WHERE IS NULL", kNotWellFormed + "Unexpected operator"},
      {"SELECT * FROM \"Tab\" WHERE pk = LIKE", kNotWellFormed + "Unexpected operator"},
      {"DELETE FROM", kNotWellFormed + "Expected identifier for simple path"},
      {"DELETE FROM;", kNotWellFormed + "Expected identifier for simple path"},
      {"DELETE FROM WHERE pk = 'a'", kNotWellFormed + "Expected identifier for simple path"},
      {"SELECT * FROM \"Tab\" WHERE attribute_exists(m.inner)",
       kNotWellFormed + "Invalid path dot component"},
      {"SELECT COUNT(*) FROM \"Tab\"", "Unexpected path component at 1:8:5"},
      {"SELECT attribute_exists(ss) FROM \"Tab\"", "Unexpected path component at 1:8:16"},
      {"SELECT * FROM \"Tab\" WHERE pk = 'a' AND EXISTS(ss)",
       "Unrecognized function: exists at 1:40:6"},
      {"SELECT * FROM \"Tab\" WHERE set_add(ss, <<'x'>>) = ss",
       "Unrecognized function: set_add at 1:27:7"},
      {"SELECT * FROM \"Tab\" WHERE attribute_exists('ss')",
       "Operator or function requires a document path; operator or function: attribute_exists"},
      {"SELECT * FROM \"Tab\" WHERE attribute_exists()",
       "Incorrect number of operands for operator "
       "or function; operator or function: attribute_exists, number of operands: 0"},
      {"SELECT * FROM \"Tab\" WHERE attribute_exists(ss, ns)",
       "Incorrect number of operands for "
       "operator or function; operator or function: attribute_exists, number of operands: 2"},
      {"SELECT * FROM \"Tab\" WHERE val < true",
       "Incorrect operand type for operator or function; "
       "operator or function: <, operand type: BOOL"},
      {"SELECT * FROM \"Tab\" WHERE val >= [1]",
       "Incorrect operand type for operator or function; "
       "operator or function: >=, operand type: L"},
      {"SELECT * FROM \"Tab\" WHERE val BETWEEN true AND false",
       "Incorrect operand type for "
       "operator or function; operator or function: BETWEEN, operand type: BOOL"},
      {"UPDATE \"Tab\" SET t = set_add(ss, <<'x'>>) WHERE pk = 'a'",
       "The first argument to SET_ADD must equal the assignment value at 1:22:7"},
      {"UPDATE \"Tab\" SET ss = set_add(<<'a'>>, <<'b'>>) WHERE pk = 'a'",
       "The first argument to SET_ADD must equal the assignment value at 1:23:7"},
      {"UPDATE \"Tab\" SET ss = set_add(ss, 'x') WHERE pk = 'a'",
       "The second argument to SET_ADD must be a value with type SET at 1:31:2"},
      {"UPDATE \"Tab\" SET ss = set_delete(ss, ['x']) WHERE pk = 'a'",
       "The second argument to SET_DELETE must be a value with type SET at 1:34:2"},
      {"UPDATE \"Tab\" SET ss = set_add(ss) WHERE pk = 'a'",
       "SET_ADD must have exactly two arguments at 1:23:7"},
      {"UPDATE \"Tab\" SET ss = set_add(ss, <<'x', 'x'>>) WHERE pk = 'a'",
       "One or more parameter values were invalid: Input collection [x, x] contains duplicates."},
      {"UPDATE \"Tab\" SET ss = set_add(ss, <<>>) WHERE pk = 'a'", "Empty bags are not supported"},
      {"INSERT INTO \"Tab\" VALUE {'pk': 'a', 'ss': set_add(<<'a'>>, <<'b'>>)}",
       "Unsupported data type: set_add under key root at 1:43:7"},
      {"DELETE FROM \"Tab\" WHERE pk = 'a' RETURNING MODIFIED OLD *",
       "Invalid returning clause: "
       "RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements."},
      {"INSERT INTO \"Tab\".\"idx\" VALUE {'pk': 'a'}",
       "FROM clause may only contain a single "
       "table name in data manipulation statements at 1:13:5"},
      {"SELECT * FROM \"Tab\" WHERE a = ?",
       "Number of parameters in request and statement don't "
       "match."},
  };
  for (const auto& c : cases) {  // not a structured binding: INFO captures it in a lambda
    INFO(c.first);
    CHECK(refusal(c.first) == c.second);
  }
}

TEST_CASE("Statements nested past the parser's depth are refused, not overflowed") {
  const std::string parens = "SELECT * FROM \"Tab\" WHERE " + std::string(5000, '(') + "a = 1";
  CHECK(refusal(parens) == kNotWellFormed + "Statement nests too deeply");
  std::string nots = "SELECT * FROM \"Tab\" WHERE ";
  for (int i = 0; i < 3000; ++i) nots += "NOT ";
  CHECK(refusal(nots + "a = 1") == kNotWellFormed + "Statement nests too deeply");
  CHECK(refusal("INSERT INTO \"Tab\" VALUE " + std::string(3000, '[')) ==
        kNotWellFormed + "Statement nests too deeply");
  std::string sum = "UPDATE \"Tab\" SET n = n";
  for (int i = 0; i < 2000; ++i) sum += " + 1";
  CHECK(refusal(sum + " WHERE pk = 'a'") == kNotWellFormed + "Statement nests too deeply");
}

}  // namespace

// PartiQL: the parser and binder (table/partiql) with DynamoDB's messages, and ExecuteStatement
// through Engine::call (spec/dynamodb-api.md 3.20). BatchExecuteStatement and
// ExecuteTransaction are in table_partiql_batch_test.cpp.
#include <algorithm>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/engine.h"
#include "table/expr/expr.h"
#include "table/partiql/partiql.h"
#include "table/value.h"
#include "table_engine_util.h"

namespace {

using engine_test::call;
using engine_test::create;
using engine_test::error;
using engine_test::failure;
using engine_test::ok;
using nlohmann::json;
using sls::table::AttributeValue;
using sls::table::Engine;
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

// --- ExecuteStatement ------------------------------------------------------------------------

// ExecuteStatement's reply body (the test fails if the call fails).
json exec(Engine& e, const std::string& statement, const json& extra = json::object()) {
  json req = extra;
  req["Statement"] = statement;
  return ok(e, "ExecuteStatement", req.dump());
}

// The error body of an ExecuteStatement that fails.
json exec_error(Engine& e, const std::string& statement, const json& extra = json::object()) {
  json req = extra;
  req["Statement"] = statement;
  return failure(e, "ExecuteStatement", req.dump());
}

json get(Engine& e, const std::string& key) {
  return ok(e, "GetItem", json{{"TableName", "Tab"}, {"Key", json::parse(key)}}.dump());
}

// Tab: pk S + sk N, items a/1..a/5 (n = sk, odd = true for odd sk) and b/1.
void seed(Engine& e) {
  create(e, "Tab", "pk", "S", "sk", "N");
  for (int i = 1; i <= 5; ++i)
    exec(e, "INSERT INTO \"Tab\" VALUE {'pk': 'a', 'sk': ?, 'n': ?, 'odd': ?}",
         {{"Parameters",
           {{{"N", std::to_string(i)}}, {{"N", std::to_string(i)}}, {{"BOOL", i % 2 == 1}}}}});
  exec(e, "INSERT INTO \"Tab\" VALUE {'pk': 'b', 'sk': 1, 'n': 9}");
}

std::vector<std::string> keys(const json& reply) {
  std::vector<std::string> out;
  for (const json& i : reply["Items"])
    out.push_back(i["pk"]["S"].get<std::string>() + i["sk"]["N"].get<std::string>());
  return out;
}

TEST_CASE("INSERT stores the item and refuses a key that exists with DuplicateItemException") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(exec(e, "INSERT INTO \"Tab\" VALUE {'pk': 'k', 'n': 1, 'l': [1, 'a'], 'z': null}") ==
        json::parse(R"({"Items":[]})"));
  CHECK(get(e, R"({"pk":{"S":"k"}})") ==
        json::parse(R"({"Item":{"pk":{"S":"k"},"n":{"N":"1"},"l":{"L":[{"N":"1"},{"S":"a"}]},
          "z":{"NULL":true}}})"));
  CHECK(exec_error(e, "INSERT INTO \"Tab\" VALUE {'pk': 'k'}") ==
        json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#DuplicateItemException",
          "message":"Duplicate primary key exists in table"})"));
  CHECK(get(e, R"({"pk":{"S":"k"}})")["Item"]["n"] == json::parse(R"({"N":"1"})"));
  CHECK(exec_error(e, "INSERT INTO \"Tab\" VALUE {'n': 1}")["message"] ==
        "One or more parameter values were invalid: Missing the key pk in the item");
  CHECK(exec_error(e, "INSERT INTO \"Nope\" VALUE {'pk': 'k'}") ==
        json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          "message":"Requested resource not found"})"));
  CHECK(exec_error(e, "INSERT INTO \"Tab\" VALUE {'pk': 'big', 'b': ?}",
                   {{"Parameters", {{{"S", std::string(409600, 'x')}}}}})["message"] ==
        "Item size has exceeded the maximum allowed size");
}

TEST_CASE("SELECT with the partition key reads that partition, narrowed by the sort key") {
  Engine e(engine_test::options());
  seed(e);
  CHECK(keys(exec(e, "SELECT * FROM \"Tab\" WHERE pk = 'a' AND sk BETWEEN 2 AND 4")) ==
        std::vector<std::string>{"a2", "a3", "a4"});
  CHECK(keys(exec(e, "SELECT * FROM \"Tab\" WHERE 3 >= sk AND 'a' = pk ORDER BY sk DESC")) ==
        std::vector<std::string>{"a3", "a2", "a1"});
  CHECK(keys(exec(e, "SELECT * FROM Tab WHERE pk = ? AND odd = true AND sk <> 3",
                  {{"Parameters", {{{"S", "a"}}}}})) == std::vector<std::string>{"a1", "a5"});
  CHECK(exec(e, "SELECT sk, n FROM \"Tab\" WHERE pk = 'a' AND sk = 2") ==
        json::parse(R"({"Items":[{"sk":{"N":"2"},"n":{"N":"2"}}]})"));
  CHECK(exec(e, "SELECT nope FROM \"Tab\" WHERE pk = 'a' AND sk = 2") ==
        json::parse(R"({"Items":[{}]})"));
  CHECK(exec(e, "SELECT * FROM \"Tab\" WHERE pk = 'zz'") == json::parse(R"({"Items":[]})"));
  // Read units count the rows read (5 in partition a), halved for an eventual read.
  CHECK(exec(e, "SELECT * FROM \"Tab\" WHERE pk = 'a' AND n > 4",
             {{"ReturnConsumedCapacity", "TOTAL"}, {"ConsistentRead", true}}) ==
        json::parse(R"({"Items":[{"pk":{"S":"a"},"sk":{"N":"5"},"n":{"N":"5"},"odd":{"BOOL":true}}],
          "ConsumedCapacity":{"TableName":"Tab","CapacityUnits":1.0}})"));
  CHECK(exec_error(e, "SELECT * FROM \"Tab\" WHERE sk = 1 ORDER BY sk")["message"] ==
        "ORDER BY is only supported on the sort key of a WHERE clause with a partition key "
        "equality");
}

TEST_CASE("SELECT without the partition key scans, filtering every row by the WHERE clause") {
  Engine e(engine_test::options());
  seed(e);
  std::vector<std::string> all = keys(exec(e, "SELECT * FROM \"Tab\""));
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<std::string>{"a1", "a2", "a3", "a4", "a5", "b1"});
  std::vector<std::string> some =
      keys(exec(e, "SELECT pk, sk FROM \"Tab\" WHERE sk = 1 OR n IN [4, 9] OR n IS MISSING"));
  std::sort(some.begin(), some.end());
  CHECK(some == std::vector<std::string>{"a1", "a4", "b1"});
  CHECK(exec(e, "SELECT * FROM \"Tab\" WHERE attribute_exists(nope)") ==
        json::parse(R"({"Items":[]})"));
}

TEST_CASE("Limit counts the rows read and NextToken continues the same statement") {
  Engine e(engine_test::options());
  seed(e);
  const std::string q = "SELECT sk FROM \"Tab\" WHERE pk = 'a' AND odd = true";
  json page = exec(e, q, {{"Limit", 2}});
  CHECK(page["Items"] == json::parse(R"([{"sk":{"N":"1"}}])"));
  REQUIRE(page.contains("NextToken"));
  page = exec(e, q, {{"Limit", 2}, {"NextToken", page["NextToken"]}});
  CHECK(page["Items"] == json::parse(R"([{"sk":{"N":"3"}}])"));
  page = exec(e, q, {{"Limit", 2}, {"NextToken", page["NextToken"]}});
  CHECK(page == json::parse(R"({"Items":[{"sk":{"N":"5"}}]})"));
  const json token = exec(e, q, {{"Limit", 1}})["NextToken"];
  CHECK(exec_error(e, "SELECT * FROM \"Tab\"", {{"NextToken", token}})["message"] ==
        "NextToken does not match request");
  CHECK(exec_error(e, q, {{"NextToken", "not a token"}})["message"] == "Invalid NextToken");
  CHECK(exec_error(e, "DELETE FROM \"Tab\" WHERE pk = 'a' AND sk = 1",
                   {{"NextToken", token}})["message"] ==
        "NextToken is only valid on a SELECT statement");
}

// Games: user + game; GSI byScore (game, score) projecting `name`; LSI byLevel (user, level)
// keys only; a NEW_AND_OLD_IMAGES stream.
constexpr const char* kGames =
    R"({"TableName":"Games","BillingMode":"PAY_PER_REQUEST",)"
    R"("AttributeDefinitions":[{"AttributeName":"user","AttributeType":"S"},)"
    R"({"AttributeName":"game","AttributeType":"S"},{"AttributeName":"score","AttributeType":"N"},)"
    R"({"AttributeName":"level","AttributeType":"N"}],)"
    R"("KeySchema":[{"AttributeName":"user","KeyType":"HASH"},{"AttributeName":"game","KeyType":"RANGE"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"byScore","KeySchema":[{"AttributeName":"game","KeyType":"HASH"},)"
    R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name"]}}],)"
    R"("LocalSecondaryIndexes":[{"IndexName":"byLevel","KeySchema":[{"AttributeName":"user","KeyType":"HASH"},)"
    R"({"AttributeName":"level","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],)"
    R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})";

TEST_CASE("SELECT reads an index FROM names, with the index rules of PartiQL") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  exec(e,
       "INSERT INTO Games VALUE {'user': 'u1', 'game': 'go', 'score': 7, 'level': 2, "
       "'name': 'Ann', 'extra': 'x'}");
  exec(e, "INSERT INTO Games VALUE {'user': 'u2', 'game': 'go', 'score': 3, 'name': 'Bo'}");
  CHECK(exec(e, "SELECT * FROM \"Games\".\"byScore\" WHERE game = 'go'") ==
        json::parse(R"({"Items":[
          {"user":{"S":"u2"},"game":{"S":"go"},"score":{"N":"3"},"name":{"S":"Bo"}},
          {"user":{"S":"u1"},"game":{"S":"go"},"score":{"N":"7"},"name":{"S":"Ann"}}]})"));
  CHECK(exec(e, "SELECT name FROM Games.byScore WHERE game = 'go' AND score > 5",
             {{"ReturnConsumedCapacity", "INDEXES"}}) ==
        json::parse(R"({"Items":[{"name":{"S":"Ann"}}],"ConsumedCapacity":{"TableName":"Games",
          "CapacityUnits":0.5,"GlobalSecondaryIndexes":{"byScore":{"CapacityUnits":0.5}}}})"));
  // An LSI reads what it does not project from the table; SELECT * is the index entry.
  CHECK(exec(e, "SELECT extra FROM \"Games\".\"byLevel\" WHERE user = 'u1'") ==
        json::parse(R"({"Items":[{"extra":{"S":"x"}}]})"));
  CHECK(exec(e, "SELECT * FROM \"Games\".\"byLevel\" WHERE user = 'u1'") ==
        json::parse(R"({"Items":[{"user":{"S":"u1"},"game":{"S":"go"},"level":{"N":"2"}}]})"));
  CHECK(exec_error(e, "SELECT extra, name, extra FROM \"Games\".\"byScore\"")["message"] ==
        "One or more parameter values were invalid: Global secondary index byScore does not "
        "project [extra]");
  CHECK(exec_error(e, "SELECT * FROM \"Games\".\"nope\"")["message"] ==
        "The table does not have the specified index");
  CHECK(
      exec_error(e, "SELECT * FROM \"Games\".\"byScore\"", {{"ConsistentRead", true}})["message"] ==
      "Strongly consistent read is not supported on Global Secondary Indexes");
  CHECK(exec_error(e, "UPDATE \"Games\".\"byScore\" SET a = 1 WHERE user = 'u1'")["message"] ==
        "This operation is not supported on an index");
}

TEST_CASE("UPDATE changes an existing item and fails on a missing one or a false condition") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  exec(e, "INSERT INTO \"Tab\" VALUE {'pk': 'k', 'n': 1, 'l': [1], 'm': {'x': 1}, 'd': 'gone'}");
  CHECK(exec(e,
             "UPDATE \"Tab\" SET n = n + 1, m.y = ? SET l = list_append(l, [2]) "
             "SET c = if_not_exists(c, 'new') REMOVE d WHERE pk = 'k'",
             {{"Parameters", {{{"S", "why"}}}}}) == json::parse(R"({"Items":[]})"));
  CHECK(get(e, R"({"pk":{"S":"k"}})") ==
        json::parse(R"({"Item":{"pk":{"S":"k"},"n":{"N":"2"},"l":{"L":[{"N":"1"},{"N":"2"}]},
          "m":{"M":{"x":{"N":"1"},"y":{"S":"why"}}},"c":{"S":"new"}}})"));
  CHECK(exec_error(e, "UPDATE \"Tab\" SET n = 5 WHERE pk = 'missing'") ==
        json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
          "message":"The conditional request failed"})"));
  CHECK(get(e, R"({"pk":{"S":"missing"}})") == json::object());
  CHECK(exec_error(e, "UPDATE \"Tab\" SET n = 5 WHERE pk = 'k' AND n > 10",
                   {{"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}})["Item"]["n"] ==
        json::parse(R"({"N":"2"})"));
  CHECK(exec_error(e, "UPDATE \"Tab\" SET n = 5 WHERE n = 2")["message"] ==
        "Where clause does not contain a mandatory equality on all key attributes");
  CHECK(exec_error(e, "UPDATE \"Tab\" SET n = 5 WHERE pk = 'k' OR pk = 'j'")["message"] ==
        "Where clause does not contain a mandatory equality on all key attributes");
  CHECK(exec_error(e, "UPDATE \"Tab\" SET pk = 'j' WHERE pk = 'k'")["message"] ==
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
        "part of the key");
  CHECK(exec_error(e,
                   "UPDATE \"Tab\" SET ss = set_add(ss, <<1>>) SET n = set_add(n, <<1>>) "
                   "WHERE pk = 'k'")["message"] ==
        "An operand in the update expression has an incorrect data type");
  CHECK(exec_error(e, "UPDATE \"Tab\" SET a = 1 SET a = 2 WHERE pk = 'k'")["message"] ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a]");
}

TEST_CASE("UPDATE RETURNING answers as UpdateItem's ReturnValues would") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  exec(e, "INSERT INTO \"Tab\" VALUE {'pk': 'k', 'a': 1, 'b': 2}");
  const auto upd = [&e](const std::string& returning) {
    return exec(e, "UPDATE \"Tab\" SET a = a + 1 REMOVE c WHERE pk = 'k' RETURNING " + returning);
  };
  CHECK(upd("ALL OLD *") ==
        json::parse(R"({"Items":[{"pk":{"S":"k"},"a":{"N":"1"},"b":{"N":"2"}}]})"));
  CHECK(upd("MODIFIED OLD *") == json::parse(R"({"Items":[{"a":{"N":"2"}}]})"));
  CHECK(upd("ALL NEW *") ==
        json::parse(R"({"Items":[{"pk":{"S":"k"},"a":{"N":"4"},"b":{"N":"2"}}]})"));
  CHECK(upd("MODIFIED NEW *") == json::parse(R"({"Items":[{"a":{"N":"5"}}]})"));
  CHECK(exec(e, "UPDATE \"Tab\" REMOVE zz WHERE pk = 'k' RETURNING MODIFIED NEW *") ==
        json::parse(R"({"Items":[]})"));
}

TEST_CASE("DELETE removes the item; the rest of the WHERE clause is its condition") {
  Engine e(engine_test::options());
  seed(e);
  CHECK(exec(e, "DELETE FROM \"Tab\" WHERE pk = 'a' AND sk = 1") == json::parse(R"({"Items":[]})"));
  CHECK(get(e, R"({"pk":{"S":"a"},"sk":{"N":"1"}})") == json::object());
  CHECK(exec(e, "DELETE FROM \"Tab\" WHERE pk = 'a' AND sk = 1") == json::parse(R"({"Items":[]})"));
  CHECK(exec_error(e, "DELETE FROM \"Tab\" WHERE pk = 'a' AND sk = 2 AND n = 7")["message"] ==
        "The conditional request failed");
  CHECK(exec(e, "DELETE FROM \"Tab\" WHERE sk = 2 AND pk = 'a' AND n = 2 RETURNING ALL OLD *") ==
        json::parse(
            R"({"Items":[{"pk":{"S":"a"},"sk":{"N":"2"},"n":{"N":"2"},"odd":{"BOOL":false}}]})"));
  CHECK(exec_error(e, "DELETE FROM \"Tab\" WHERE pk = 'a'")["message"] ==
        "Where clause does not contain a mandatory equality on all key attributes");
  CHECK(exec_error(e, "DELETE FROM \"Tab\" WHERE pk = 'a' AND sk = 'x'")["message"] ==
        "The provided key element does not match the schema");
}

TEST_CASE("Statement writes keep indexes, streams and capacity as the item operations do") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  CHECK(exec(e, "INSERT INTO Games VALUE {'user': 'u1', 'game': 'go', 'score': 7}",
             {{"ReturnConsumedCapacity", "INDEXES"}}) ==
        json::parse(R"({"Items":[],"ConsumedCapacity":{"TableName":"Games","CapacityUnits":2.0,
          "Table":{"CapacityUnits":1.0},"GlobalSecondaryIndexes":{"byScore":{"CapacityUnits":1.0}}}})"));
  exec(e, "UPDATE Games SET score = 9 WHERE user = 'u1' AND game = 'go'");
  CHECK(ok(e, "Query",
           R"({"TableName":"Games","IndexName":"byScore","KeyConditionExpression":"game = :g",)"
           R"("ExpressionAttributeValues":{":g":{"S":"go"}}})")["Items"] ==
        json::parse(R"([{"user":{"S":"u1"},"game":{"S":"go"},"score":{"N":"9"}}])"));
  exec(e, "DELETE FROM Games WHERE user = 'u1' AND game = 'go'");
  const std::string arn =
      ok(e, "DescribeTable", R"({"TableName":"Games"})")["Table"]["LatestStreamArn"];
  const std::string shard =
      e.call(sls::table::Api::kStreams, "DescribeStream", {{"StreamArn", arn}})
          .body["StreamDescription"]["Shards"][0]["ShardId"];
  const std::string it =
      e.call(sls::table::Api::kStreams, "GetShardIterator",
             {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}})
          .body["ShardIterator"];
  const json records =
      e.call(sls::table::Api::kStreams, "GetRecords", {{"ShardIterator", it}}).body["Records"];
  std::vector<std::string> events;
  for (const json& r : records) events.push_back(r["eventName"]);
  CHECK(events == std::vector<std::string>{"INSERT", "MODIFY", "REMOVE"});
}

TEST_CASE("ExecuteStatement's request is validated with DynamoDB's messages") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(error(e, "ExecuteStatement", "{}") ==
        "1 validation error detected: Value null at 'statement' failed to satisfy constraint: "
        "Member must not be null");
  json long_statement = {{"Statement", std::string(8193, ' ')}};
  CHECK(error(e, "ExecuteStatement", long_statement.dump())
            .ends_with(
                "at 'statement' failed to satisfy constraint: Member must have length less than or "
                "equal to 8192"));
  CHECK(error(e, "ExecuteStatement", R"({"Statement":"SELECT * FROM Tab","Limit":0})") ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
  CHECK(error(e, "ExecuteStatement",
              R"({"Statement":"SELECT * FROM Tab WHERE pk = ?","Parameters":[{"N":"abc"}]})") ==
        "The parameter cannot be converted to a numeric value: abc");
  CHECK(call(e, "ExecuteStatement", R"({"Statement":"SELECT * FROM Tab","Parameters":"x"})")
            .error_type == "com.amazon.coral.service#SerializationException");
}

}  // namespace

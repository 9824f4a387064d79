// BatchExecuteStatement and ExecuteTransaction through Engine::call (spec/dynamodb-api.md 3.20,
// 3.15, 3.16): per-statement errors of a batch, the atomicity and cancellation reasons of a
// transaction, and the rules both share.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "table/engine.h"
#include "table_engine_util.h"

namespace {

using engine_test::call;
using engine_test::create;
using engine_test::error;
using engine_test::failure;
using engine_test::ok;
using nlohmann::json;
using sls::table::Engine;

// A list of {"Statement": s} entries.
json statements(std::initializer_list<std::string> texts) {
  json out = json::array();
  for (const std::string& t : texts) out.push_back({{"Statement", t}});
  return out;
}

json batch(Engine& e, const json& list, const json& extra = json::object()) {
  json req = extra;
  req["Statements"] = list;
  return ok(e, "BatchExecuteStatement", req.dump());
}

json transact(Engine& e, const json& list, const json& extra = json::object()) {
  json req = extra;
  req["TransactStatements"] = list;
  return ok(e, "ExecuteTransaction", req.dump());
}

json transact_error(Engine& e, const json& list, const json& extra = json::object()) {
  json req = extra;
  req["TransactStatements"] = list;
  return failure(e, "ExecuteTransaction", req.dump());
}

json get(Engine& e, const std::string& pk) {
  return ok(e, "GetItem", json{{"TableName", "Tab"}, {"Key", {{"pk", {{"S", pk}}}}}}.dump());
}

void seed(Engine& e) {
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}})");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"b"},"n":{"N":"2"}}})");
}

TEST_CASE("BatchExecuteStatement reads each item and answers each statement in its place") {
  Engine e(engine_test::options());
  seed(e);
  json list = statements({
      "SELECT n FROM \"Tab\" WHERE pk = 'a'",
      "SELECT * FROM \"Tab\" WHERE pk = 'nobody'",
      "SELECT * FROM \"Nope\" WHERE pk = 'a'",
      "SELECT * FROM \"Tab\" WHERE n = 2",
      "SELECT * FROM \"Tab\" WHERE pk = 'c' AND n = 2",
      "SLECT * FROM \"Tab\"",
      "SELECT * FROM \"Tab\" WHERE pk = ?",
  });
  list[6]["Parameters"] = {{{"S", "b"}}};
  list[6]["ConsistentRead"] = true;
  CHECK(batch(e, list, {{"ReturnConsumedCapacity", "TOTAL"}}) == json::parse(R"({"Responses":[
      {"TableName":"Tab","Item":{"n":{"N":"1"}}},
      {"TableName":"Tab"},
      {"Error":{"Code":"ResourceNotFound","Message":"Requested resource not found"}},
      {"Error":{"Code":"ValidationError","Message":"Select statements within BatchExecuteStatement must specify the primary key in the where clause."}},
      {"Error":{"Code":"ValidationError","Message":"Select statements within BatchExecuteStatement must specify the primary key in the where clause."}},
      {"Error":{"Code":"ValidationError","Message":"Statement wasn't well formed, can't be processed: Expected data manipulation"}},
      {"TableName":"Tab","Item":{"pk":{"S":"b"},"n":{"N":"2"}}}],
    "ConsumedCapacity":[{"TableName":"Tab","CapacityUnits":2.0}]})"));
}

TEST_CASE("BatchExecuteStatement runs each write on its own, failures as Error entries") {
  Engine e(engine_test::options());
  seed(e);
  CHECK(batch(e, statements({
                     "INSERT INTO \"Tab\" VALUE {'pk': 'c', 'n': 3}",
                     "INSERT INTO \"Tab\" VALUE {'pk': 'a'}",
                     "UPDATE \"Tab\" SET n = 9 WHERE pk = 'missing'",
                     "UPDATE \"Tab\" SET n = n + 1 WHERE pk = 'b' RETURNING MODIFIED NEW *",
                     "DELETE FROM \"Tab\" WHERE pk = 'gone' AND n = 5",
                     "DELETE FROM \"Tab\" WHERE n = 5",
                 })) == json::parse(R"({"Responses":[
      {"TableName":"Tab"},
      {"Error":{"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"},"TableName":"Tab"},
      {"Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},"TableName":"Tab"},
      {"TableName":"Tab","Item":{"n":{"N":"3"}}},
      {"Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},"TableName":"Tab"},
      {"Error":{"Code":"ValidationError","Message":"Where clause does not contain a mandatory equality on all key attributes"}}]})"));
  CHECK(get(e, "c") == json::parse(R"({"Item":{"pk":{"S":"c"},"n":{"N":"3"}}})"));
  CHECK(get(e, "missing") == json::object());
  CHECK(get(e, "a")["Item"]["n"] == json::parse(R"({"N":"1"})"));
}

TEST_CASE("A batch may not mix reads and writes, name one item twice, or hold 0 or 26 statements") {
  Engine e(engine_test::options());
  seed(e);
  json req = {{"Statements", statements({"SELECT * FROM \"Tab\" WHERE pk = 'a'",
                                         "DELETE FROM \"Tab\" WHERE pk = 'b'"})}};
  CHECK(error(e, "BatchExecuteStatement", req.dump()) ==
        "Read and write requests together in the same batch is not supported.");
  req["Statements"] =
      statements({"UPDATE \"Tab\" SET n = 1 WHERE pk = 'a'", "DELETE FROM \"Tab\" WHERE pk = 'a'"});
  CHECK(error(e, "BatchExecuteStatement", req.dump()) ==
        "Provided list of item keys contains duplicates");
  req["Statements"] = json::array();
  CHECK(error(e, "BatchExecuteStatement", req.dump()) ==
        "1 validation error detected: Value '[]' at 'statements' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  for (int i = 0; i < 26; ++i) req["Statements"].push_back({{"Statement", "SELECT * FROM Tab"}});
  CHECK(error(e, "BatchExecuteStatement", req.dump()) ==
        "1 validation error detected: Value '[...]' at 'statements' failed to satisfy constraint: "
        "Member must have length less than or equal to 25");
}

TEST_CASE("ExecuteTransaction applies every write or none, with one reason per statement") {
  Engine e(engine_test::options());
  seed(e);
  CHECK(transact(e,
                 statements({"INSERT INTO \"Tab\" VALUE {'pk': 'c'}",
                             "UPDATE \"Tab\" SET n = n + 1 WHERE pk = 'a' AND s = 'x'",
                             "DELETE FROM \"Tab\" WHERE pk = 'b'"}),
                 {{"ReturnConsumedCapacity", "TOTAL"}}) ==
        json::parse(
            R"({"Responses":[],"ConsumedCapacity":[{"TableName":"Tab","CapacityUnits":6.0}]})"));
  CHECK(get(e, "a")["Item"]["n"] == json::parse(R"({"N":"2"})"));
  CHECK(get(e, "b") == json::object());
  json list = statements({"INSERT INTO \"Tab\" VALUE {'pk': 'new'}",
                          "INSERT INTO \"Tab\" VALUE {'pk': 'c'}",
                          "UPDATE \"Tab\" SET n = 1 WHERE pk = 'missing'",
                          "DELETE FROM \"Tab\" WHERE pk = 'a' AND n = 7"});
  list[3]["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
  CHECK(transact_error(e, list) == json::parse(R"({
      "__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, ConditionalCheckFailed, ConditionalCheckFailed]",
      "CancellationReasons":[{"Code":"None"},
        {"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"},
        {"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},
        {"Code":"ConditionalCheckFailed","Message":"The conditional request failed",
         "Item":{"pk":{"S":"a"},"n":{"N":"2"},"s":{"S":"x"}}}]})"));
  CHECK(get(e, "new") == json::object());
}

TEST_CASE("ExecuteTransaction reads items by their full key from one snapshot") {
  Engine e(engine_test::options());
  seed(e);
  json list =
      statements({"SELECT n FROM \"Tab\" WHERE pk = 'a'",
                  "SELECT * FROM \"Tab\" WHERE pk = 'nobody'", "SELECT * FROM Tab WHERE pk = ?"});
  list[2]["Parameters"] = {{{"S", "b"}}};
  CHECK(transact(e, list, {{"ReturnConsumedCapacity", "TOTAL"}}) ==
        json::parse(
            R"({"Responses":[{"Item":{"n":{"N":"1"}}},{},{"Item":{"pk":{"S":"b"},"n":{"N":"2"}}}],
          "ConsumedCapacity":[{"TableName":"Tab","CapacityUnits":6.0}]})"));
  CHECK(transact_error(
            e, statements(
                   {"SELECT * FROM \"Tab\" WHERE pk = 'a' AND attribute_exists(n)"}))["message"] ==
        "Validation failed in TransactStatements[0]: Select statements within "
        "ExecuteTransaction must specify the primary key in the where clause.");
  CHECK(
      transact_error(e, statements({"SELECT * FROM \"Tab\" WHERE pk = 'a'",
                                    "SELECT * FROM \"Tab\".\"idx\" WHERE pk = 'b'"}))["message"] ==
      "Validation failed in TransactStatements[1]: Reads on indices are not supported within "
      "transactions.");
}

TEST_CASE("ExecuteTransaction refuses malformed statements, mixes and RETURNING up front") {
  Engine e(engine_test::options());
  seed(e);
  CHECK(transact_error(e, statements({"DELETE FROM \"Tab\" WHERE pk = 'a'",
                                      "SELECT * FROM \"Tab\" WHERE"}))["message"] ==
        "Validation failed in TransactStatements[1]: Statement wasn't well formed, can't be "
        "processed: Unexpected term");
  CHECK(transact_error(e, statements({"DELETE FROM \"Tab\" WHERE pk = 'a'",
                                      "SELECT * FROM \"Tab\" WHERE pk = 'b'"}))["message"] ==
        "ExecuteTransaction API does not support both read and write operations in the same "
        "request.");
  CHECK(transact_error(
            e, statements({"DELETE FROM \"Tab\" WHERE pk = 'a' RETURNING ALL OLD *"}))["message"] ==
        "Validation failed in TransactStatements[0]: RETURNING clause is not "
        "supported in ExecuteTransaction.");
  CHECK(transact_error(e, statements({"DELETE FROM \"Tab\" WHERE n = 1"}))["message"] ==
        "Validation failed in TransactStatements[0]: Where clause does not contain a mandatory "
        "equality on all key attributes");
  CHECK(transact_error(e, statements({"DELETE FROM \"Tab\" WHERE pk = 'a'",
                                      "UPDATE \"Tab\" SET n = 1 WHERE pk = 'a'"}))["message"] ==
        "Transaction request cannot include multiple operations on one item");
  CHECK(transact_error(e, statements({"INSERT INTO \"Nope\" VALUE {'pk': 'a'}"}))["message"] ==
        "Requested resource not found");
  CHECK(get(e, "a")["Item"]["n"] == json::parse(R"({"N":"1"})"));
}

TEST_CASE("ExecuteTransaction with a ClientRequestToken applies once") {
  Engine e(engine_test::options());
  seed(e);
  const json list = statements({"UPDATE \"Tab\" SET n = n + 1 WHERE pk = 'a'"});
  CHECK(transact(e, list, {{"ClientRequestToken", "tok-1"}}) == json::parse(R"({"Responses":[]})"));
  CHECK(transact(e, list, {{"ClientRequestToken", "tok-1"}}) == json::parse(R"({"Responses":[]})"));
  CHECK(get(e, "a")["Item"]["n"] == json::parse(R"({"N":"2"})"));
  const json other = statements({"UPDATE \"Tab\" SET n = n + 2 WHERE pk = 'a'"});
  CHECK(transact_error(e, other, {{"ClientRequestToken", "tok-1"}})["__type"] ==
        "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
}

}  // namespace

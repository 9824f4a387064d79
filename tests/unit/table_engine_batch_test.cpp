// BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems
// (spec/dynamodb-api.md 3.13-3.16).
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "table/engine.h"
#include "table_engine_util.h"

namespace {

using engine_test::call;
using engine_test::create;
using engine_test::error;
using engine_test::ok;
using nlohmann::json;
using sls::table::Engine;

TEST_CASE("BatchWriteItem writes and deletes, BatchGetItem reads them back") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  create(e, "Other", "id", "N");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"gone"}}})");
  CHECK(
      ok(e, "BatchWriteItem",
         R"({"RequestItems":{"Tab":[{"PutRequest":{"Item":{"pk":{"S":"a"},"v":{"N":"1"}}}},)"
         R"({"DeleteRequest":{"Key":{"pk":{"S":"gone"}}}}],"Other":[{"PutRequest":{"Item":{"id":{"N":"7"}}}}]},)"
         R"("ReturnConsumedCapacity":"TOTAL"})") ==
      json::parse(
          R"({"UnprocessedItems":{},"ConsumedCapacity":[{"TableName":"Other","CapacityUnits":1.0},)"
          R"({"TableName":"Tab","CapacityUnits":2.0}]})"));
  CHECK(
      ok(e, "BatchGetItem",
         R"({"RequestItems":{"Tab":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"gone"}}]},)"
         R"("Other":{"Keys":[{"id":{"N":"7.0"}}],"ProjectionExpression":"id"}}})") ==
      json::parse(
          R"({"Responses":{"Tab":[{"pk":{"S":"a"},"v":{"N":"1"}}],"Other":[{"id":{"N":"7"}}]},"UnprocessedKeys":{}})"));
}

TEST_CASE("Batch operations validate with AWS's messages") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(error(e, "BatchGetItem", R"({"RequestItems":{}})") ==
        "The requestItems parameter is required for BatchGetItem");
  CHECK(error(e, "BatchWriteItem", R"({"RequestItems":{}})") ==
        "The requestItems parameter is required for BatchWriteItem");
  CHECK(error(e, "BatchGetItem",
              R"({"RequestItems":{"Tab":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"a"}}]}}})") ==
        "Provided list of item keys contains duplicates");
  CHECK(error(e, "BatchWriteItem",
              R"({"RequestItems":{"Tab":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},)"
              R"({"DeleteRequest":{"Key":{"pk":{"S":"a"}}}}]}})") ==
        "Provided list of item keys contains duplicates");
  CHECK(error(e, "BatchWriteItem",
              R"({"RequestItems":{"Nope":[{"DeleteRequest":{"Key":{"pk":{"S":"a"}}}}]}})") ==
        "Requested resource not found");
  CHECK(error(e, "BatchWriteItem",
              R"({"RequestItems":{"Tab":[{"PutRequest":{"Item":{"x":{"S":"a"}}}}]}})") ==
        "The provided key element does not match the schema");
  json many = json::array();
  for (int i = 0; i < 26; ++i)
    many.push_back({{"DeleteRequest", {{"Key", {{"pk", {{"S", std::to_string(i)}}}}}}}});
  const std::string msg =
      error(e, "BatchWriteItem", json{{"RequestItems", {{"Tab", many}}}}.dump());
  CHECK(msg.find(
            "' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
            "[Member must have length less than or equal to 25, Member must have length greater "
            "than or equal to 1]") != std::string::npos);
  json keys = json::array();
  for (int i = 0; i < 101; ++i) keys.push_back({{"pk", {{"S", std::to_string(i)}}}});
  CHECK(error(e, "BatchGetItem", json{{"RequestItems", {{"Tab", {{"Keys", keys}}}}}}.dump()) ==
        "1 validation error detected: Value at 'RequestItems.Tab.member.Keys' failed to satisfy "
        "constraint: Member must have length less than or equal to 100");
}

TEST_CASE("TransactWriteItems applies every action or none, with reasons in request order") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})");
  const auto r = call(
      e, "TransactWriteItems",
      R"({"TransactItems":[{"Put":{"TableName":"Tab","Item":{"pk":{"S":"b"}}}},)"
      R"({"ConditionCheck":{"TableName":"Tab","Key":{"pk":{"S":"a"}},"ConditionExpression":"n = :two",)"
      R"("ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]})");
  CHECK(
      r.body ==
      json::parse(
          R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",)"
          R"("Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",)"
          R"("CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed",)"
          R"("Message":"The conditional request failed","Item":{"pk":{"S":"a"},"n":{"N":"1"}}}]})"));
  CHECK(ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"b"}}})") == json::object());
  CHECK(
      ok(e, "TransactWriteItems",
         R"({"TransactItems":[{"Put":{"TableName":"Tab","Item":{"pk":{"S":"b"}}}},)"
         R"({"Update":{"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD n :one",)"
         R"("ExpressionAttributeValues":{":one":{"N":"1"}}}},{"Delete":{"TableName":"Tab","Key":{"pk":{"S":"c"}}}}],)"
         R"("ReturnConsumedCapacity":"TOTAL"})") ==
      json::parse(R"({"ConsumedCapacity":[{"TableName":"Tab","CapacityUnits":6.0}]})"));
  CHECK(ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})")["Item"]["n"]["N"] == "2");
  CHECK(error(e, "TransactWriteItems",
              R"({"TransactItems":[{"Put":{"TableName":"Tab","Item":{"pk":{"S":"b"}}}},)"
              R"({"Delete":{"TableName":"Tab","Key":{"pk":{"S":"b"}}}}]})") ==
        "Transaction request cannot include multiple operations on one item");
  CHECK(error(e, "TransactWriteItems", R"({"TransactItems":[]})") ==
        "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1");
  const auto bad = call(e, "TransactWriteItems",
                        R"({"TransactItems":[{"Put":{"TableName":"Tab","Item":{"pk":{"S":"x"}}}},)"
                        R"({"Put":{"TableName":"Tab","Item":{"pk":{"N":"1"}}}}]})");
  CHECK(
      bad.body["CancellationReasons"] ==
      json::parse(
          R"([{"Code":"None"},{"Code":"ValidationError","Message":"One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"}])"));
}

TEST_CASE("A ClientRequestToken replays the first answer and rejects a different request") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  const std::string req =
      R"({"ClientRequestToken":"tok-1","TransactItems":[{"Update":{"TableName":"Tab","Key":{"pk":{"S":"a"}},)"
      R"("UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}]})";
  ok(e, "TransactWriteItems", req);
  ok(e, "TransactWriteItems", req);
  CHECK(ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})")["Item"]["n"]["N"] == "1");
  const auto r = call(
      e, "TransactWriteItems",
      R"({"ClientRequestToken":"tok-1","TransactItems":[{"Delete":{"TableName":"Tab","Key":{"pk":{"S":"a"}}}}]})");
  CHECK(r.error_type == "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
  CHECK(r.body.contains("Message"));
}

TEST_CASE("TransactGetItems answers in request order with {} for a missing item") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"x":{"S":"y"}}})");
  CHECK(
      ok(e, "TransactGetItems",
         R"({"TransactItems":[{"Get":{"TableName":"Tab","Key":{"pk":{"S":"zz"}}}},)"
         R"({"Get":{"TableName":"Tab","Key":{"pk":{"S":"a"}},"ProjectionExpression":"x"}}],"ReturnConsumedCapacity":"TOTAL"})") ==
      json::parse(
          R"({"Responses":[{},{"Item":{"x":{"S":"y"}}}],"ConsumedCapacity":[{"TableName":"Tab","CapacityUnits":4.0}]})"));
  CHECK(error(e, "TransactGetItems",
              R"({"TransactItems":[{"Get":{"TableName":"Nope","Key":{"pk":{"S":"a"}}}}]})") ==
        "Requested resource not found");
}

}  // namespace

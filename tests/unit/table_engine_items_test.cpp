// PutItem, GetItem, UpdateItem and DeleteItem through Engine::call, with exact reply and error
// bodies (spec/dynamodb-api.md 2.4, 3.6-3.10, 4.7).
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

TEST_CASE("PutItem then GetItem returns the item with canonical numbers") {
  Engine e(engine_test::options());
  create(e, "Users", "id", "S");
  CHECK(ok(e, "PutItem",
           R"({"TableName":"Users","Item":{"id":{"S":"u1"},"n":{"N":"1e3"},"b":{"B":"AQI="}}})") ==
        json::object());
  CHECK(ok(e, "GetItem", R"({"TableName":"Users","Key":{"id":{"S":"u1"}}})") ==
        json::parse(R"({"Item":{"id":{"S":"u1"},"n":{"N":"1000"},"b":{"B":"AQI="}}})"));
  CHECK(ok(e, "GetItem", R"({"TableName":"Users","Key":{"id":{"S":"nope"}}})") == json::object());
}

TEST_CASE("PutItem with a false condition keeps the old item and can return it") {
  Engine e(engine_test::options());
  create(e, "Users", "id", "S");
  ok(e, "PutItem", R"({"TableName":"Users","Item":{"id":{"S":"u1"},"n":{"N":"1"}}})");
  const auto r = call(e, "PutItem",
                      R"({"TableName":"Users","Item":{"id":{"S":"u1"}},)"
                      R"j("ConditionExpression":"attribute_not_exists(id)",)j"
                      R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD"})");
  CHECK(r.status == 400);
  CHECK(
      r.body ==
      json::parse(
          R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
          R"("message":"The conditional request failed","Item":{"id":{"S":"u1"},"n":{"N":"1"}}})"));
  CHECK(ok(e, "GetItem", R"({"TableName":"Users","Key":{"id":{"S":"u1"}}})")["Item"] ==
        json::parse(R"({"id":{"S":"u1"},"n":{"N":"1"}})"));
}

TEST_CASE("PutItem key validation uses DynamoDB's messages") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S", "sk", "N");
  CHECK(error(e, "PutItem", R"({"TableName":"Tab","Item":{"sk":{"N":"1"}}})") ==
        "One or more parameter values were invalid: Missing the key pk in the item");
  CHECK(
      error(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"N":"1"},"sk":{"N":"1"}}})") ==
      "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
  CHECK(error(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":""},"sk":{"N":"1"}}})") ==
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
  CHECK(error(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})") ==
        "The provided key element does not match the schema");
  CHECK(error(e, "GetItem", R"({"TableName":"Nope","Key":{"pk":{"S":"a"}}})") ==
        "Requested resource not found");
  CHECK(
      error(
          e, "PutItem",
          R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"ReturnValues":"ALL_NEW"})") ==
      "ReturnValues can only be ALL_OLD or NONE");
}

TEST_CASE("PutItem rejects an item over 400 KB") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  json req = {{"TableName", "Tab"},
              {"Item", {{"pk", {{"S", "a"}}}, {"big", {{"S", std::string(409600, 'x')}}}}}};
  CHECK(error(e, "PutItem", req.dump()) == "Item size has exceeded the maximum allowed size");
}

TEST_CASE("UpdateItem creates the item and honours every ReturnValues option") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(
      ok(e, "UpdateItem",
         R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = :one, s = :s",)"
         R"("ExpressionAttributeValues":{":one":{"N":"1"},":s":{"S":"x"}},"ReturnValues":"ALL_NEW"})") ==
      json::parse(R"({"Attributes":{"pk":{"S":"a"},"n":{"N":"1"},"s":{"S":"x"}}})"));
  CHECK(ok(e, "UpdateItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD n :one REMOVE s",)"
           R"("ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_OLD"})") ==
        json::parse(R"({"Attributes":{"n":{"N":"1"},"s":{"S":"x"}}})"));
  CHECK(ok(e, "UpdateItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD n :one",)"
           R"("ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_NEW"})") ==
        json::parse(R"({"Attributes":{"n":{"N":"3"}}})"));
  CHECK(ok(e, "UpdateItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET m = :one",)"
           R"("ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_OLD"})") ==
        json::parse(R"({"Attributes":{"pk":{"S":"a"},"n":{"N":"3"}}})"));
  CHECK(error(e, "UpdateItem",
              R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET pk = :one",)"
              R"("ExpressionAttributeValues":{":one":{"N":"1"}}})") ==
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
}

// An UpdateItem on the item {pk: "a", a: {b: "dog", c: [1, 2, 3]}} with `expression` (values
// :x = 70, :y = "cat" when it uses them) and `return_values`; the whole reply body.
json update_list_item(Engine& e, const std::string& expression, const std::string& return_values) {
  ok(e, "PutItem",
     R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"a":{"M":{"b":{"S":"dog"},)"
     R"("c":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]}}}}})");
  json req = {{"TableName", "Tab"},
              {"Key", {{"pk", {{"S", "a"}}}}},
              {"UpdateExpression", expression},
              {"ReturnValues", return_values}};
  if (expression.find(":x") != std::string::npos)
    req["ExpressionAttributeValues"][":x"] = {{"N", "70"}};
  if (expression.find(":y") != std::string::npos)
    req["ExpressionAttributeValues"][":y"] = {{"S", "cat"}};
  return ok(e, "UpdateItem", req.dump());
}

TEST_CASE("UPDATED_NEW and UPDATED_OLD on list elements follow DynamoDB's quirks") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  const auto stored_list = [&e] {
    return ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})")["Item"]["a"]["M"]["c"];
  };
  SUBCASE("a SET past the end appends but is not in UPDATED_NEW; the other SET is") {
    CHECK(update_list_item(e, "SET a.c[100] = :x, a.b = :y", "UPDATED_NEW") ==
          json::parse(R"({"Attributes":{"a":{"M":{"b":{"S":"cat"}}}}})"));
    CHECK(stored_list() == json::parse(R"({"L":[{"N":"1"},{"N":"2"},{"N":"3"},{"N":"70"}]})"));
  }
  SUBCASE("a SET past the end had no old value, so UPDATED_OLD shows only the other SET") {
    CHECK(update_list_item(e, "SET a.c[100] = :x, a.b = :y", "UPDATED_OLD") ==
          json::parse(R"({"Attributes":{"a":{"M":{"b":{"S":"dog"}}}}})"));
  }
  SUBCASE("after REMOVE of an element, UPDATED_NEW shows the element that shifted into its place") {
    CHECK(update_list_item(e, "REMOVE a.c[1]", "UPDATED_NEW") ==
          json::parse(R"({"Attributes":{"a":{"M":{"c":{"L":[{"N":"3"}]}}}}})"));
    CHECK(stored_list() == json::parse(R"({"L":[{"N":"1"},{"N":"3"}]})"));
  }
  SUBCASE("UPDATED_OLD of a REMOVE of an element shows the element that was removed") {
    CHECK(update_list_item(e, "REMOVE a.c[1]", "UPDATED_OLD") ==
          json::parse(R"({"Attributes":{"a":{"M":{"c":{"L":[{"N":"2"}]}}}}})"));
  }
  SUBCASE("REMOVE of the last element leaves nothing at its index, so no Attributes") {
    CHECK(update_list_item(e, "REMOVE a.c[2]", "UPDATED_NEW") == json::object());
    CHECK(update_list_item(e, "REMOVE a.c[2]", "UPDATED_OLD") ==
          json::parse(R"({"Attributes":{"a":{"M":{"c":{"L":[{"N":"3"}]}}}}})"));
  }
  SUBCASE("an empty result omits Attributes") {
    CHECK(update_list_item(e, "SET a.c[100] = :x", "UPDATED_NEW") == json::object());
    CHECK(update_list_item(e, "SET a.c[100] = :x", "UPDATED_OLD") == json::object());
    CHECK(update_list_item(e, "REMOVE a.b", "UPDATED_NEW") == json::object());
  }
}

TEST_CASE("UpdateItem that only removes does not create a missing item") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(ok(e, "UpdateItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"REMOVE x"})") ==
        json::object());
  CHECK(ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})") == json::object());
  ok(e, "UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"b"}}})");
  CHECK(ok(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"b"}}})") ==
        json::parse(R"({"Item":{"pk":{"S":"b"}}})"));
}

TEST_CASE("DeleteItem returns the old item and succeeds on a missing one") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"v":{"BOOL":true}}})");
  CHECK(ok(e, "DeleteItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"})") ==
        json::parse(R"({"Attributes":{"pk":{"S":"a"},"v":{"BOOL":true}}})"));
  CHECK(ok(e, "DeleteItem",
           R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ReturnValues":"ALL_OLD"})") ==
        json::object());
}

TEST_CASE("GetItem projects and reports consumed capacity") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem",
     R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"m":{"M":{"x":{"N":"1"},"y":{"N":"2"}}}}})");
  CHECK(
      ok(e, "GetItem",
         R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ProjectionExpression":"m.y",)"
         R"("ReturnConsumedCapacity":"TOTAL"})") ==
      json::parse(
          R"({"Item":{"m":{"M":{"y":{"N":"2"}}}},"ConsumedCapacity":{"TableName":"Tab","CapacityUnits":0.5}})"));
  CHECK(
      ok(e, "GetItem",
         R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["pk"],"ConsistentRead":true,)"
         R"("ReturnConsumedCapacity":"INDEXES"})") ==
      json::parse(
          R"({"Item":{"pk":{"S":"a"}},"ConsumedCapacity":{"TableName":"Tab","CapacityUnits":1.0,"Table":{"CapacityUnits":1.0}}})"));
  CHECK(error(e, "GetItem",
              R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["pk","pk"]})") ==
        "One or more parameter values were invalid: Duplicate value in attribute name: pk");
}

TEST_CASE("Legacy Expected and AttributeUpdates map onto conditions and updates") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  ok(e, "PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})");
  CHECK(
      error(
          e, "PutItem",
          R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},"Expected":{"n":{"Value":{"N":"2"}}}})") ==
      "The conditional request failed");
  ok(e, "PutItem",
     R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"}},"Expected":{"n":{"Value":{"N":"1"}}}})");
  CHECK(
      ok(e, "UpdateItem",
         R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"5"}},)"
         R"("s":{"Value":{"SS":["x"]}}},"Expected":{"n":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"2"}]}},)"
         R"("ReturnValues":"ALL_NEW"})") ==
      json::parse(R"({"Attributes":{"pk":{"S":"a"},"n":{"N":"6"},"s":{"SS":["x"]}}})"));
  CHECK(error(e, "PutItem",
              R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},"Expected":{"n":{"Exists":false}},)"
              R"j("ConditionExpression":"attribute_exists(n)"})j") ==
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
  CHECK(
      error(
          e, "PutItem",
          R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},"Expected":{"n":{"Exists":false,"Value":{"N":"1"}}}})") ==
      "One or more parameter values were invalid: Value cannot be used when Exists is false for "
      "Attribute: n");
}

TEST_CASE("Expression placeholders must be used and need an expression") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  CHECK(
      error(
          e, "PutItem",
          R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},"ExpressionAttributeValues":{":v":{"N":"1"}}})") ==
      "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression "
      "is null");
  CHECK(
      error(
          e, "PutItem",
          R"j({"TableName":"Tab","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)",)j"
          R"("ExpressionAttributeNames":{"#u":"x"}})") ==
      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}");
}

}  // namespace

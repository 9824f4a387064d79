// Query and Scan through Engine::call: key conditions, order, pages, filters, Select and
// parallel scans (spec/dynamodb-api.md 2.5, 3.11, 3.12, 6.6).
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "table/engine.h"
#include "table_engine_util.h"

namespace {

using engine_test::create;
using engine_test::error;
using engine_test::ok;
using nlohmann::json;
using sls::table::Engine;

std::vector<std::string> sort_keys(const json& reply, const std::string& attr,
                                   const std::string& tag) {
  std::vector<std::string> out;
  for (const json& item : reply["Items"]) out.push_back(item[attr][tag].get<std::string>());
  return out;
}

void put_numbers(Engine& e, const std::vector<std::string>& numbers) {
  for (const std::string& n : numbers)
    ok(e, "PutItem",
       json{{"TableName", "Nums"}, {"Item", {{"pk", {{"S", "p"}}}, {"sk", {{"N", n}}}}}}.dump());
}

TEST_CASE("Query returns numbers in numeric order across signs and exponent forms") {
  Engine e(engine_test::options());
  create(e, "Nums", "pk", "S", "sk", "N");
  put_numbers(e, {"10", "-1e2", "2", "0.5", "-0.25", "1E1", "3e-3", "0", "-7", "125"});
  const json r = ok(e, "Query",
                    R"({"TableName":"Nums","KeyConditionExpression":"pk = :p",)"
                    R"("ExpressionAttributeValues":{":p":{"S":"p"}}})");
  CHECK(sort_keys(r, "sk", "N") ==
        std::vector<std::string>{"-100", "-7", "-0.25", "0", "0.003", "0.5", "2", "10", "125"});
  CHECK(r["Count"] == 9);
  const json back =
      ok(e, "Query",
         R"({"TableName":"Nums","KeyConditionExpression":"pk = :p AND sk BETWEEN :a AND :b",)"
         R"("ExpressionAttributeValues":{":p":{"S":"p"},":a":{"N":"-7"},":b":{"N":"2"}},)"
         R"("ScanIndexForward":false})");
  CHECK(sort_keys(back, "sk", "N") ==
        std::vector<std::string>{"2", "0.5", "0.003", "0", "-0.25", "-7"});
}

TEST_CASE("Binary sort keys sort as unsigned bytes and begins_with bounds the range") {
  Engine e(engine_test::options());
  create(e, "Bin", "pk", "S", "sk", "B");
  for (const char* b64 : {"gA==", "fw==", "/w==", "AA==", "/wA=", "f/8="})
    ok(e, "PutItem",
       json{{"TableName", "Bin"}, {"Item", {{"pk", {{"S", "p"}}}, {"sk", {{"B", b64}}}}}}.dump());
  const json r = ok(e, "Query",
                    R"({"TableName":"Bin","KeyConditionExpression":"pk = :p",)"
                    R"("ExpressionAttributeValues":{":p":{"S":"p"}}})");
  CHECK(sort_keys(r, "sk", "B") ==
        std::vector<std::string>{"AA==", "fw==", "f/8=", "gA==", "/w==", "/wA="});
  const json p =
      ok(e, "Query",
         R"j({"TableName":"Bin","KeyConditionExpression":"pk = :p AND begins_with(sk, :b)",)j"
         R"("ExpressionAttributeValues":{":p":{"S":"p"},":b":{"B":"/w=="}}})");
  CHECK(sort_keys(p, "sk", "B") == std::vector<std::string>{"/w==", "/wA="});
  const json q =
      ok(e, "Query",
         R"j({"TableName":"Bin","KeyConditionExpression":"pk = :p AND begins_with(sk, :b)",)j"
         R"("ExpressionAttributeValues":{":p":{"S":"p"},":b":{"B":"fw=="}}})");
  CHECK(sort_keys(q, "sk", "B") == std::vector<std::string>{"fw==", "f/8="});
}

TEST_CASE("Query pages with Limit and LastEvaluatedKey, filter after the read") {
  Engine e(engine_test::options());
  create(e, "Nums", "pk", "S", "sk", "N");
  for (const char* n : {"1", "2", "3", "4", "5"})
    ok(e, "PutItem",
       json{{"TableName", "Nums"},
            {"Item", {{"pk", {{"S", "p"}}}, {"sk", {{"N", n}}}, {"v", {{"N", n}}}}}}
           .dump());
  const json first =
      ok(e, "Query",
         R"({"TableName":"Nums","KeyConditionExpression":"pk = :p",)"
         R"("FilterExpression":"v <> :two","Limit":2,"ProjectionExpression":"pk, sk",)"
         R"("ExpressionAttributeValues":{":p":{"S":"p"},":two":{"N":"2"}}})");
  CHECK(first ==
        json::parse(R"({"Items":[{"pk":{"S":"p"},"sk":{"N":"1"}}],"Count":1,"ScannedCount":2,)"
                    R"("LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"2"}}})"));
  const json last =
      ok(e, "Query",
         R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","Limit":3,"Select":"COUNT",)"
         R"("ExclusiveStartKey":{"pk":{"S":"p"},"sk":{"N":"2"}},)"
         R"("ExpressionAttributeValues":{":p":{"S":"p"}}})");
  CHECK(last ==
        json::parse(
            R"({"Count":3,"ScannedCount":3,"LastEvaluatedKey":{"pk":{"S":"p"},"sk":{"N":"5"}}})"));
  const json none = ok(e, "Query",
                       R"({"TableName":"Nums","KeyConditionExpression":"pk = :p",)"
                       R"("ExclusiveStartKey":{"pk":{"S":"p"},"sk":{"N":"5"}},)"
                       R"("ExpressionAttributeValues":{":p":{"S":"p"}}})");
  CHECK(none == json::parse(R"({"Items":[],"Count":0,"ScannedCount":0})"));
}

TEST_CASE("Query validates key conditions, start keys and filters with AWS's messages") {
  Engine e(engine_test::options());
  create(e, "Nums", "pk", "S", "sk", "N");
  CHECK(error(e, "Query", R"({"TableName":"Nums"})") ==
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditionExpression":"sk = :v","ExpressionAttributeValues":{":v":{"N":"1"}}})") ==
      "Query condition missed key schema element: pk");
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","FilterExpression":"sk > :p",)"
          R"("ExpressionAttributeValues":{":p":{"S":"p"}}})") ==
      "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","ExclusiveStartKey":{"pk":{"S":"q"},"sk":{"N":"1"}},)"
          R"("ExpressionAttributeValues":{":p":{"S":"p"}}})") ==
      "The provided starting key is outside query boundaries based on provided conditions");
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","ExclusiveStartKey":{"pk":{"S":"p"}},)"
          R"("ExpressionAttributeValues":{":p":{"S":"p"}}})") ==
      "The provided starting key is invalid");
  CHECK(error(e, "Query",
              R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","Limit":0,)"
              R"("ExpressionAttributeValues":{":p":{"S":"p"}}})") ==
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must "
        "have value greater than or equal to 1");
  CHECK(error(e, "Query",
              R"({"TableName":"Nums","IndexName":"nope","KeyConditionExpression":"pk = :p",)"
              R"("ExpressionAttributeValues":{":p":{"S":"p"}}})") ==
        "The table does not have the specified index: nope");
}

TEST_CASE("Legacy KeyConditions and QueryFilter work like the expressions") {
  Engine e(engine_test::options());
  create(e, "Nums", "pk", "S", "sk", "N");
  put_numbers(e, {"1", "2", "3"});
  const json r = ok(
      e, "Query",
      R"({"TableName":"Nums","KeyConditions":{"pk":{"ComparisonOperator":"EQ",)"
      R"("AttributeValueList":[{"S":"p"}]},"sk":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"2"}]}},)"
      R"("AttributesToGet":["sk"]})");
  CHECK(r ==
        json::parse(R"({"Items":[{"sk":{"N":"2"}},{"sk":{"N":"3"}}],"Count":2,"ScannedCount":2})"));
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditions":{"pk":{"ComparisonOperator":"NE","AttributeValueList":[{"S":"p"}]}}})") ==
      "Attempted conditional constraint is not an indexable operation");
  CHECK(
      error(
          e, "Query",
          R"({"TableName":"Nums","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p"}},)"
          R"("KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"p"}]}}})") ==
      "Can not use both expression and non-expression parameters in the same request: "
      "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
  CHECK(ok(e, "Query",
           R"({"TableName":"Nums","KeyConditions":{"pk":{"ComparisonOperator":"EQ",)"
           R"j("AttributeValueList":[{"S":"p"}]}},"FilterExpression":"attribute_exists(v)"})j")
            ["Count"] == 0);
}

TEST_CASE("Parallel scan segments return every item exactly once") {
  Engine e(engine_test::options());
  create(e, "Many", "pk", "S");
  for (int i = 0; i < 200; ++i)
    ok(e, "PutItem",
       json{{"TableName", "Many"}, {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}}}}.dump());
  std::multiset<std::string> seen;
  for (int s = 0; s < 4; ++s) {
    json req = {{"TableName", "Many"}, {"Segment", s}, {"TotalSegments", 4}, {"Limit", 30}};
    while (true) {
      const json r = ok(e, "Scan", req.dump());
      for (const json& item : r["Items"]) seen.insert(item["pk"]["S"].get<std::string>());
      if (!r.contains("LastEvaluatedKey")) break;
      req["ExclusiveStartKey"] = r["LastEvaluatedKey"];
    }
  }
  CHECK(seen.size() == 200);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 200);
  CHECK(error(e, "Scan", R"({"TableName":"Many","Segment":5,"TotalSegments":5})") ==
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: 5 is not less than TotalSegments: 5");
  CHECK(error(e, "Scan", R"({"TableName":"Many","Segment":1})") ==
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
}

TEST_CASE("Scan filters with ScannedCount and reports capacity of the items read") {
  Engine e(engine_test::options());
  create(e, "Many", "pk", "S");
  for (int i = 0; i < 10; ++i)
    ok(e, "PutItem",
       json{{"TableName", "Many"},
            {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}, {"n", {{"N", std::to_string(i)}}}}}}
           .dump());
  const json r =
      ok(e, "Scan",
         R"({"TableName":"Many","FilterExpression":"n >= :five","Select":"COUNT",)"
         R"("ExpressionAttributeValues":{":five":{"N":"5"}},"ReturnConsumedCapacity":"TOTAL"})");
  CHECK(
      r ==
      json::parse(
          R"({"Count":5,"ScannedCount":10,"ConsumedCapacity":{"TableName":"Many","CapacityUnits":0.5}})"));
}

}  // namespace

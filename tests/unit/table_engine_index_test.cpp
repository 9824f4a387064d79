// Secondary indexes: maintenance on every write, sparseness, projections, index order, their
// rules for reads, and capacity with INDEXES and ItemCollectionMetrics (spec/dynamodb-api.md
// 2.4, 2.5, 3.11, 5).
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

constexpr const char* kGames =
    R"({"TableName":"Games","BillingMode":"PAY_PER_REQUEST",)"
    R"("AttributeDefinitions":[{"AttributeName":"user","AttributeType":"S"},{"AttributeName":"game","AttributeType":"S"},)"
    R"({"AttributeName":"score","AttributeType":"N"},{"AttributeName":"level","AttributeType":"N"}],)"
    R"("KeySchema":[{"AttributeName":"user","KeyType":"HASH"},{"AttributeName":"game","KeyType":"RANGE"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"byScore","KeySchema":[{"AttributeName":"game","KeyType":"HASH"},)"
    R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name"]}}],)"
    R"("LocalSecondaryIndexes":[{"IndexName":"byLevel","KeySchema":[{"AttributeName":"user","KeyType":"HASH"},)"
    R"({"AttributeName":"level","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})";

void put(Engine& e, const std::string& user, const std::string& game, const std::string& score) {
  json item = {{"user", {{"S", user}}},
               {"game", {{"S", game}}},
               {"name", {{"S", user + "!"}}},
               {"extra", {{"S", "x"}}}};
  if (!score.empty()) item["score"] = {{"N", score}};
  ok(e, "PutItem", json{{"TableName", "Games"}, {"Item", item}}.dump());
}

std::vector<std::string> users(const json& r) {
  std::vector<std::string> out;
  for (const json& i : r["Items"]) out.push_back(i["user"]["S"].get<std::string>());
  return out;
}

TEST_CASE("A GSI holds only items with its key, projected, ordered by index key then table key") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  put(e, "u3", "chess", "10");
  put(e, "u1", "chess", "-5");
  put(e, "u2", "chess", "10");
  put(e, "u4", "chess", "");  // no score: not in the index
  put(e, "u5", "go", "1");
  const json r =
      ok(e, "Query",
         R"({"TableName":"Games","IndexName":"byScore","KeyConditionExpression":"game = :g",)"
         R"("ExpressionAttributeValues":{":g":{"S":"chess"}}})");
  CHECK(users(r) == std::vector<std::string>{"u1", "u2", "u3"});
  CHECK(r["Items"][0] ==
        json::parse(
            R"({"user":{"S":"u1"},"game":{"S":"chess"},"score":{"N":"-5"},"name":{"S":"u1!"}})"));
  // An update moves the entry; a delete removes it.
  ok(e, "UpdateItem",
     R"({"TableName":"Games","Key":{"user":{"S":"u1"},"game":{"S":"chess"}},)"
     R"("UpdateExpression":"SET score = :s","ExpressionAttributeValues":{":s":{"N":"99"}}})");
  ok(e, "DeleteItem", R"({"TableName":"Games","Key":{"user":{"S":"u2"},"game":{"S":"chess"}}})");
  const json after =
      ok(e, "Query",
         R"({"TableName":"Games","IndexName":"byScore","KeyConditionExpression":"game = :g",)"
         R"("ExpressionAttributeValues":{":g":{"S":"chess"}},"ScanIndexForward":false,"Limit":1})");
  CHECK(
      after ==
      json::parse(
          R"({"Items":[{"user":{"S":"u1"},"game":{"S":"chess"},"score":{"N":"99"},"name":{"S":"u1!"}}],)"
          R"("Count":1,"ScannedCount":1,"LastEvaluatedKey":{"user":{"S":"u1"},"game":{"S":"chess"},"score":{"N":"99"}}})"));
  CHECK(ok(e, "Scan", R"({"TableName":"Games","IndexName":"byScore","Select":"COUNT"})")["Count"] ==
        3);
}

TEST_CASE("Index reads page with LastEvaluatedKey through ties on the index key") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  for (const char* u : {"u5", "u1", "u3", "u2", "u4"}) put(e, u, "chess", "7");
  for (const bool forward : {true, false}) {
    json req = {{"TableName", "Games"},
                {"IndexName", "byScore"},
                {"KeyConditionExpression", "game = :g"},
                {"ExpressionAttributeValues", {{":g", {{"S", "chess"}}}}},
                {"Limit", 2},
                {"ScanIndexForward", forward}};
    std::vector<std::string> seen;
    for (int page = 0; page < 5; ++page) {
      const json r = ok(e, "Query", req.dump());
      for (const std::string& u : users(r)) seen.push_back(u);
      if (!r.contains("LastEvaluatedKey")) break;
      req["ExclusiveStartKey"] = r["LastEvaluatedKey"];
    }
    CHECK(seen == (forward ? std::vector<std::string>{"u1", "u2", "u3", "u4", "u5"}
                           : std::vector<std::string>{"u5", "u4", "u3", "u2", "u1"}));
  }
  json scan = {{"TableName", "Games"}, {"IndexName", "byScore"}, {"Limit", 2}};
  size_t scanned = 0;
  for (int page = 0; page < 5; ++page) {
    const json r = ok(e, "Scan", scan.dump());
    scanned += r["Items"].size();
    if (!r.contains("LastEvaluatedKey")) break;
    scan["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(scanned == 5);
}

TEST_CASE("Index rules: key types, consistent reads, Select on a partial projection") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  CHECK(
      error(
          e, "PutItem",
          R"({"TableName":"Games","Item":{"user":{"S":"u"},"game":{"S":"g"},"score":{"S":"high"}}})") ==
      "One or more parameter values were invalid: Type mismatch for Index Key score Expected: N "
      "Actual: S IndexName: byScore");
  CHECK(
      error(
          e, "UpdateItem",
          R"({"TableName":"Games","Key":{"user":{"S":"u"},"game":{"S":"g"}},)"
          R"("UpdateExpression":"SET score = :s","ExpressionAttributeValues":{":s":{"S":"x"}}})") ==
      "One or more parameter values were invalid: Type mismatch for Index Key score Expected: N "
      "Actual: S IndexName: byScore");
  ok(e, "PutItem",
     R"({"TableName":"Games","Item":{"user":{"S":"u"},"game":{"S":"g"},"name":{"S":"n"}}})");
  CHECK(error(e, "UpdateItem",
              R"({"TableName":"Games","Key":{"user":{"S":"u"},"game":{"S":"g"}},)"
              R"("UpdateExpression":"SET score = #n","ExpressionAttributeNames":{"#n":"name"}})") ==
        "The update expression attempted to update the secondary index key to unsupported type");
  CHECK(error(e, "Query",
              R"({"TableName":"Games","IndexName":"byScore","KeyConditionExpression":"game = :g",)"
              R"("ConsistentRead":true,"ExpressionAttributeValues":{":g":{"S":"chess"}}})") ==
        "Consistent reads are not supported on global secondary indexes");
  CHECK(
      error(e, "Query",
            R"({"TableName":"Games","IndexName":"byScore","KeyConditionExpression":"game = :g",)"
            R"("Select":"ALL_ATTRIBUTES","ExpressionAttributeValues":{":g":{"S":"chess"}}})") ==
      "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
      "global secondary index byScore because its projection type is not ALL");
}

TEST_CASE("An LSI query with ALL_ATTRIBUTES fetches whole items from the table") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  ok(e, "PutItem",
     R"({"TableName":"Games","Item":{"user":{"S":"u"},"game":{"S":"a"},"level":{"N":"2"},"extra":{"S":"x"}}})");
  ok(e, "PutItem",
     R"({"TableName":"Games","Item":{"user":{"S":"u"},"game":{"S":"b"},"level":{"N":"1"}}})");
  const json keys = ok(
      e, "Query",
      R"({"TableName":"Games","IndexName":"byLevel","KeyConditionExpression":"#u = :u",)"
      R"("ExpressionAttributeNames":{"#u":"user"},"ExpressionAttributeValues":{":u":{"S":"u"}}})");
  CHECK(keys["Items"] == json::parse(R"([{"user":{"S":"u"},"game":{"S":"b"},"level":{"N":"1"}},)"
                                     R"({"user":{"S":"u"},"game":{"S":"a"},"level":{"N":"2"}}])"));
  const json all = ok(
      e, "Query",
      R"({"TableName":"Games","IndexName":"byLevel","KeyConditionExpression":"#u = :u AND #l > :one",)"
      R"("Select":"ALL_ATTRIBUTES","ReturnConsumedCapacity":"INDEXES",)"
      R"("ExpressionAttributeNames":{"#u":"user","#l":"level"},"ExpressionAttributeValues":{":u":{"S":"u"},":one":{"N":"1"}}})");
  CHECK(
      all ==
      json::parse(
          R"({"Items":[{"user":{"S":"u"},"game":{"S":"a"},"level":{"N":"2"},"extra":{"S":"x"}}],)"
          R"("Count":1,"ScannedCount":1,"ConsumedCapacity":{"TableName":"Games","CapacityUnits":1.0,)"
          R"("Table":{"CapacityUnits":0.5},"LocalSecondaryIndexes":{"byLevel":{"CapacityUnits":0.5}}}})"));
}

TEST_CASE("Writes report index capacity with INDEXES and item collection metrics with an LSI") {
  Engine e(engine_test::options());
  ok(e, "CreateTable", kGames);
  const json r = ok(
      e, "PutItem",
      R"({"TableName":"Games","Item":{"user":{"S":"u"},"game":{"S":"g"},"score":{"N":"1"},"level":{"N":"1"}},)"
      R"("ReturnConsumedCapacity":"INDEXES","ReturnItemCollectionMetrics":"SIZE"})");
  CHECK(
      r ==
      json::parse(
          R"({"ConsumedCapacity":{"TableName":"Games","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},)"
          R"("GlobalSecondaryIndexes":{"byScore":{"CapacityUnits":1.0}},"LocalSecondaryIndexes":{"byLevel":{"CapacityUnits":1.0}}},)"
          R"("ItemCollectionMetrics":{"ItemCollectionKey":{"user":{"S":"u"}},"SizeEstimateRangeGB":[0.0,1.0]}})"));
  const json moved = ok(
      e, "UpdateItem",
      R"({"TableName":"Games","Key":{"user":{"S":"u"},"game":{"S":"g"}},"UpdateExpression":"SET score = :two",)"
      R"("ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnConsumedCapacity":"INDEXES"})");
  CHECK(moved["ConsumedCapacity"] ==
        json::parse(R"({"TableName":"Games","CapacityUnits":3.0,"Table":{"CapacityUnits":1.0},)"
                    R"("GlobalSecondaryIndexes":{"byScore":{"CapacityUnits":2.0}}})"));
}

}  // namespace

// CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable with exact descriptions and
// messages (spec/dynamodb-api.md 3.1-3.5).
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

constexpr const char* kOrders =
    R"({"TableName":"Orders","BillingMode":"PAY_PER_REQUEST",)"
    R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"customer","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"byCustomer","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"ALL"}}],)"
    R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})";

TEST_CASE("CreateTable answers the full description with CREATING, DescribeTable with ACTIVE") {
  Engine e(engine_test::options());
  json created = ok(e, "CreateTable", kOrders)["TableDescription"];
  CHECK(created["TableId"].get<std::string>().size() == 36);
  created.erase("TableId");
  CHECK(created == json::parse(R"({
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"customer","AttributeType":"S"}],
    "TableName":"Orders","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"TableStatus":"CREATING",
    "CreationDateTime":1785585600.123,
    "ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},
    "BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1785585600.123},
    "TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders",
    "DeletionProtectionEnabled":false,
    "GlobalSecondaryIndexes":[{"IndexName":"byCustomer","KeySchema":[{"AttributeName":"customer","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"ALL"},"IndexStatus":"CREATING",
      "ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},
      "IndexSizeBytes":0,"ItemCount":0,"IndexArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders/index/byCustomer"}],
    "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},
    "LatestStreamLabel":"2026-08-01T12:00:00.123",
    "LatestStreamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-08-01T12:00:00.123"})"));
  ok(e, "PutItem", R"({"TableName":"Orders","Item":{"id":{"S":"o1"},"customer":{"S":"c1"}}})");
  const json t = ok(e, "DescribeTable", R"({"TableName":"Orders"})")["Table"];
  CHECK(t["TableStatus"] == "ACTIVE");
  CHECK(t["ItemCount"] == 1);
  CHECK(t["TableSizeBytes"] == 14);
  CHECK(error(e, "CreateTable", kOrders) == "Table already exists: Orders");
  CHECK(call(e, "CreateTable", kOrders).error_type ==
        "com.amazonaws.dynamodb.v20120810#ResourceInUseException");
}

TEST_CASE("CreateTable validates key schema, definitions, billing and indexes") {
  Engine e(engine_test::options());
  const auto req = [](const std::string& extra) {
    return R"({"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],)"
           R"("KeySchema":[{"AttributeName":"a","KeyType":"HASH"}])" +
           extra + "}";
  };
  CHECK(error(e, "CreateTable", req("")) ==
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
        "both be specified when BillingMode is PROVISIONED");
  CHECK(
      error(
          e, "CreateTable",
          req(R"(,"BillingMode":"PAY_PER_REQUEST","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1})")) ==
      "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
      "can be specified when BillingMode is PAY_PER_REQUEST");
  CHECK(
      error(
          e, "CreateTable",
          R"({"AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})") ==
      "The parameter 'TableName' is required but was not present in the request");
  CHECK(
      error(
          e, "CreateTable",
          R"({"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"X"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})") ==
      "1 validation error detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' "
      "failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
  CHECK(
      error(
          e, "CreateTable",
          R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},)"
          R"({"AttributeName":"b","AttributeType":"S"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})") ==
      "One or more parameter values were invalid: Number of attributes in KeySchema does not "
      "exactly match number of attributes defined in AttributeDefinitions");
  CHECK(
      error(
          e, "CreateTable",
          R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],)"
          R"("KeySchema":[{"AttributeName":"b","KeyType":"HASH"}]})") ==
      "One or more parameter values were invalid: Some index key attributes are not defined in "
      "AttributeDefinitions. Keys: [b], AttributeDefinitions: [a]");
  CHECK(
      error(
          e, "CreateTable",
          R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],)"
          R"("KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"LocalSecondaryIndexes":[{"IndexName":"lsi",)"
          R"("KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]})") ==
      "One or more parameter values were invalid: Table KeySchema does not have a range key, "
      "which is required when specifying a LocalSecondaryIndex");
}

TEST_CASE("ListTables pages by name and looks ahead for LastEvaluatedTableName") {
  Engine e(engine_test::options());
  for (const char* n : {"ccc", "aaa", "bbb"}) create(e, n, "id", "S");
  CHECK(ok(e, "ListTables", R"({"Limit":2})") ==
        json::parse(R"({"TableNames":["aaa","bbb"],"LastEvaluatedTableName":"bbb"})"));
  CHECK(ok(e, "ListTables", R"({"ExclusiveStartTableName":"bbb","Limit":1})") ==
        json::parse(R"({"TableNames":["ccc"]})"));
  CHECK(error(e, "ListTables", R"({"Limit":0})") ==
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
        "must have value greater than or equal to 1");
}

TEST_CASE("UpdateTable adds a GSI with its backfill and changes billing") {
  Engine e(engine_test::options());
  create(e, "Users", "id", "S");
  ok(e, "PutItem", R"({"TableName":"Users","Item":{"id":{"S":"u1"},"email":{"S":"a@b"}}})");
  ok(e, "PutItem", R"({"TableName":"Users","Item":{"id":{"S":"u2"}}})");
  const json r = ok(
      e, "UpdateTable",
      R"({"TableName":"Users","AttributeDefinitions":[{"AttributeName":"email","AttributeType":"S"}],)"
      R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"byEmail",)"
      R"("KeySchema":[{"AttributeName":"email","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}}]})");
  CHECK(r["TableDescription"]["TableStatus"] == "UPDATING");
  CHECK(r["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "CREATING");
  CHECK(ok(e, "DescribeTable",
           R"({"TableName":"Users"})")["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"] ==
        "ACTIVE");
  CHECK(ok(e, "Query",
           R"({"TableName":"Users","IndexName":"byEmail","KeyConditionExpression":"email = :e",)"
           R"("ExpressionAttributeValues":{":e":{"S":"a@b"}}})") ==
        json::parse(
            R"({"Items":[{"id":{"S":"u1"},"email":{"S":"a@b"}}],"Count":1,"ScannedCount":1})"));
  CHECK(error(e, "UpdateTable", R"({"TableName":"Users"})") ==
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  ok(e, "UpdateTable",
     R"({"TableName":"Users","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5},)"
     R"("GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"byEmail","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}}]})");
  CHECK(
      error(
          e, "UpdateTable",
          R"({"TableName":"Users","ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})") ==
      "The provisioned throughput for the table will not change. The requested value equals the "
      "current value. Current ReadCapacityUnits provisioned for the table: 5. Requested "
      "ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested "
      "WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits "
      "and how to request higher limits.");
  ok(e, "UpdateTable",
     R"({"TableName":"Users","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byEmail"}}]})");
  const json t = ok(e, "DescribeTable", R"({"TableName":"Users"})")["Table"];
  CHECK_FALSE(t.contains("GlobalSecondaryIndexes"));
  CHECK(t["AttributeDefinitions"] ==
        json::parse(R"([{"AttributeName":"id","AttributeType":"S"}])"));
}

TEST_CASE("DeleteTable returns the trimmed description and honours deletion protection") {
  Engine e(engine_test::options());
  ok(e, "CreateTable",
     R"({"TableName":"Keep","BillingMode":"PAY_PER_REQUEST","DeletionProtectionEnabled":true,)"
     R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})");
  CHECK(call(e, "DeleteTable", R"({"TableName":"Keep"})").error_type ==
        "com.amazon.coral.validate#ValidationException");
  ok(e, "UpdateTable", R"({"TableName":"Keep","DeletionProtectionEnabled":false})");
  const json d = ok(e, "DeleteTable", R"({"TableName":"Keep"})")["TableDescription"];
  CHECK(d["TableStatus"] == "DELETING");
  CHECK_FALSE(d.contains("KeySchema"));
  CHECK(error(e, "DescribeTable", R"({"TableName":"Keep"})") ==
        "Requested resource not found: Table: Keep not found");
}

TEST_CASE("UpdateTable limits online index changes and toggles streams with AWS's errors") {
  Engine e(engine_test::options());
  create(e, "Users", "id", "S");
  const auto r = call(
      e, "UpdateTable",
      R"({"TableName":"Users","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"},)"
      R"({"AttributeName":"b","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[)"
      R"({"Create":{"IndexName":"ia","KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}},)"
      R"({"Create":{"IndexName":"ib","KeySchema":[{"AttributeName":"b","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})");
  CHECK(
      r.body ==
      json::parse(
          R"({"__type":"com.amazonaws.dynamodb.v20120810#LimitExceededException",)"
          R"("message":"Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"})"));
  CHECK(
      call(
          e, "UpdateTable",
          R"({"TableName":"Users","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"nope"}}]})")
          .error_type == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  CHECK(error(e, "UpdateTable",
              R"({"TableName":"Users","StreamSpecification":{"StreamEnabled":false}})") ==
        "Table has no stream to disable: TableName: Users");
  const json on = ok(
      e, "UpdateTable",
      R"({"TableName":"Users","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");
  CHECK(on["TableDescription"]["LatestStreamLabel"] == "2026-08-01T12:00:00.123");
  CHECK(
      error(
          e, "UpdateTable",
          R"({"TableName":"Users","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})") ==
      "Table already has an enabled stream: TableName: Users");
  const json off = ok(e, "UpdateTable",
                      R"({"TableName":"Users","StreamSpecification":{"StreamEnabled":false}})");
  CHECK_FALSE(off["TableDescription"].contains("StreamSpecification"));
}

TEST_CASE("DescribeLimits and DescribeEndpoints answer the shapes SDKs expect") {
  Engine e(engine_test::options());
  CHECK(ok(e, "DescribeLimits", "{}") ==
        json::parse(R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,)"
                    R"("TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})"));
  CHECK(
      ok(e, "DescribeEndpoints", "{}") ==
      json::parse(
          R"({"Endpoints":[{"Address":"dynamodb.us-east-1.amazonaws.com","CachePeriodInMinutes":1440}]})"));
}

}  // namespace

// The engine's door: dispatch, the error edge and the request shape checks
// (spec/dynamodb-api.md 1.4, 1.5).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "table/engine.h"
#include "table_engine_util.h"

namespace {

using engine_test::call;
using engine_test::create;
using engine_test::error;
using nlohmann::json;
using sls::table::Api;
using sls::table::Engine;

TEST_CASE("An unknown operation answers UnknownOperationException without a message") {
  Engine e(engine_test::options());
  const auto r = call(e, "FlyToTheMoon", "{}");
  CHECK(r.status == 400);
  CHECK(r.body ==
        json::parse(R"({"__type":"com.amazon.coral.service#UnknownOperationException"})"));
}

TEST_CASE("A known but unsupported operation names itself") {
  Engine e(engine_test::options());
  const auto r = call(e, "CreateBackup", "{}");
  CHECK(r.body == json::parse(R"({"__type":"com.amazon.coral.service#UnknownOperationException",)"
                              R"("message":"CreateBackup is not supported by sls"})"));
}

TEST_CASE("A body that is not an object is a SerializationException") {
  Engine e(engine_test::options());
  const auto r = e.call(Api::kDynamoDb, "ListTables", json::array());
  CHECK(r.status == 400);
  CHECK(r.body == json::parse(R"({"__type":"com.amazon.coral.service#SerializationException"})"));
}

TEST_CASE("A member of the wrong JSON type is a SerializationException") {
  Engine e(engine_test::options());
  create(e, "Tab", "pk", "S");
  const auto r = call(e, "GetItem", R"({"TableName":"Tab","Key":{"pk":{"N":123}}})");
  CHECK(r.error_type == "com.amazon.coral.service#SerializationException");
  CHECK(call(e, "GetItem", R"({"TableName":7,"Key":{}})").body["message"] ==
        "class java.lang.Short can not be converted to an String");
  CHECK(call(e, "ListTables", R"({"Limit":"5"})").body["message"] ==
        "class java.lang.String can not be converted to an Integer");
}

TEST_CASE("Shape constraints are collected into one ValidationException") {
  Engine e(engine_test::options());
  const auto r =
      call(e, "PutItem",
           R"({"TableName":"T","Item":{},"ReturnValues":"INVALID",)"
           R"("ReturnConsumedCapacity":"INVALID","ReturnItemCollectionMetrics":"INVALID"})");
  CHECK(r.error_type == "com.amazon.coral.validate#ValidationException");
  CHECK(r.body["message"] ==
        "4 validation errors detected: Value 'T' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3; Value 'INVALID' at 'returnValues' "
        "failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, "
        "ALL_OLD, NONE, UPDATED_NEW]; Value 'INVALID' at 'returnConsumedCapacity' failed to "
        "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value "
        "'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must "
        "satisfy enum value set: [SIZE, NONE]");
  CHECK(error(e, "DescribeTable", "{}") ==
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
        "Member must not be null");
  CHECK(error(e, "DescribeTable", R"({"TableName":"bad table!@#"})") ==
        "1 validation error detected: Value 'bad table!@#' at 'tableName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
}

TEST_CASE("Missing tables are ResourceNotFoundException with the operation's message") {
  Engine e(engine_test::options());
  const auto r = call(e, "DescribeTable", R"({"TableName":"Orders"})");
  CHECK(r.body ==
        json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                    R"("message":"Requested resource not found: Table: Orders not found"})"));
}

TEST_CASE("A table ARN stands for its name") {
  Engine e(engine_test::options());
  create(e, "Orders", "id", "S");
  engine_test::ok(
      e, "PutItem",
      R"({"TableName":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders","Item":{"id":{"S":"1"}}})");
  CHECK(engine_test::ok(e, "GetItem", R"({"TableName":"Orders","Key":{"id":{"S":"1"}}})")
            .contains("Item"));
}

}  // namespace

TEST_CASE("A Limit beyond int64 is answered by the range check, not converted blindly") {
  // (A fuzzer's find: converting such a double to int64_t is undefined behaviour.)
  Engine e(engine_test::options());
  auto r = call(e, "Scan", R"({"TableName":"abc","Limit":2.2e53})");
  CHECK(r.body ==
        json::parse(R"({"__type":"com.amazonaws.dynamodb.v20120810#)"
                    R"(ResourceNotFoundException","message":"Requested resource not found"})"));
  r = call(e, "ListTables", R"({"Limit":-2.2e53})");
  CHECK(r.body ==
        json::parse(R"({"__type":"com.amazon.coral.validate#ValidationException",)"
                    R"("message":"1 validation error detected: Value '-2.2e+53' at 'limit' )"
                    R"(failed to satisfy constraint: Member must have value greater than )"
                    R"(or equal to 1"})"));
}

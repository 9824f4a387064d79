// DynamoDB Streams: StreamSpecification on CreateTable/UpdateTable, the records every item write
// leaves (images by view type, SizeBytes, sequence numbers), and the Streams API with its
// iterators, expiry, trimming and persistence (spec/dynamodb-api.md 3.1, 3.5, 3.19).
#include <filesystem>
#include <regex>
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
using engine_test::TempDir;
using nlohmann::json;
using sls::table::Api;
using sls::table::Engine;
using sls::table::EngineOptions;
using sls::table::Reply;

constexpr double kDay = 24 * 60 * 60;
constexpr const char* kArn =
    "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-08-01T12:00:00.123";

struct Clock {
  double now = engine_test::kNow;
};

EngineOptions options(Clock& clock, std::string path = "") {
  EngineOptions o = engine_test::options(std::move(path));
  o.clock = [&clock] { return clock.now; };
  return o;
}

Reply scall(Engine& e, std::string_view op, const json& body) {
  return e.call(Api::kStreams, op, body);
}

json sok(Engine& e, std::string_view op, const json& body) {
  const Reply r = scall(e, op, body);
  INFO(op, " ", body.dump(), " -> ", r.body.dump());
  CHECK(r.ok());
  return r.body;
}

std::string serror(Engine& e, std::string_view op, const json& body) {
  const Reply r = scall(e, op, body);
  if (r.ok()) return "";
  const std::string type = r.error_type.substr(r.error_type.find('#') + 1);
  return type + ": " + r.body.value("message", "");
}

void create_with_stream(Engine& e, const std::string& name, const std::string& view) {
  ok(e, "CreateTable",
     json{{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
          {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view}}}}
         .dump());
}

std::string latest_arn(Engine& e, const std::string& table) {
  return ok(e, "DescribeTable", json{{"TableName", table}}.dump())["Table"]["LatestStreamArn"];
}

std::string shard_of(Engine& e, const std::string& arn) {
  return sok(e, "DescribeStream",
             {{"StreamArn", arn}})["StreamDescription"]["Shards"][0]["ShardId"];
}

std::string iterator(Engine& e, const std::string& arn, const std::string& type,
                     const std::string& seq = "") {
  json req = {{"StreamArn", arn}, {"ShardId", shard_of(e, arn)}, {"ShardIteratorType", type}};
  if (!seq.empty()) req["SequenceNumber"] = seq;
  return sok(e, "GetShardIterator", req)["ShardIterator"];
}

// Every record of the stream from TRIM_HORIZON, with eventIDs checked and removed.
json records(Engine& e, const std::string& arn, const std::string& type = "TRIM_HORIZON") {
  const json r = sok(e, "GetRecords", {{"ShardIterator", iterator(e, arn, type)}});
  json out = r["Records"];
  for (json& rec : out) {
    CHECK(std::regex_match(rec["eventID"].get<std::string>(), std::regex("[0-9a-f]{32}")));
    rec.erase("eventID");
  }
  return out;
}

void put(Engine& e, const std::string& table, const json& item) {
  ok(e, "PutItem", json{{"TableName", table}, {"Item", item}}.dump());
}

TEST_CASE("StreamSpecification is validated on CreateTable and UpdateTable with AWS's messages") {
  Clock clock;
  Engine e(options(clock));
  const auto create_req = [](const std::string& spec) {
    return R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST",)"
           R"("AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],)"
           R"("KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"StreamSpecification":)" +
           spec + "}";
  };
  CHECK(error(e, "CreateTable", create_req(R"({"StreamEnabled":true})")) ==
        "One or more parameter values were invalid: Table is being created with a stream "
        "enabled, UpdateViewType is required");
  CHECK(error(e, "CreateTable",
              create_req(R"({"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"})")) ==
        "One or more parameter values were invalid: Table is being created with a stream "
        "disabled, UpdateViewType should not be specified");
  CHECK(error(e, "CreateTable", create_req(R"({"StreamViewType":"KEYS_ONLY"})")) ==
        "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed "
        "to satisfy constraint: Member must not be null");
  CHECK(error(e, "CreateTable", create_req(R"({"StreamEnabled":true,"StreamViewType":"ALL"})")) ==
        "1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed "
        "to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, "
        "NEW_AND_OLD_IMAGES, KEYS_ONLY]");
  CHECK(call(e, "CreateTable", create_req(R"({"StreamEnabled":[true]})")).error_type ==
        "com.amazon.coral.service#SerializationException");

  create(e, "Tab", "a", "S");
  const auto update = [&](const std::string& spec) {
    return error(e, "UpdateTable", R"({"TableName":"Tab","StreamSpecification":)" + spec + "}");
  };
  CHECK(update(R"({"StreamEnabled":false})") == "Table has no stream to disable: TableName: Tab");
  CHECK(update(R"({"StreamEnabled":true})") ==
        "One or more parameter values were invalid: If stream is being enabled then "
        "UpdateViewType is required");
  CHECK(update(R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})").empty());
  CHECK(update(R"({"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"})") ==
        "Table already has an enabled stream: TableName: Tab");
  CHECK(update(R"({"StreamEnabled":false,"StreamViewType":"KEYS_ONLY"})") ==
        "One or more parameter values were invalid: If stream is being disabled, then "
        "UpdateViewType must not be specified");
  const json t = ok(e, "DescribeTable", R"({"TableName":"Tab"})")["Table"];
  CHECK(t["StreamSpecification"] ==
        json::parse(R"({"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"})"));
  CHECK(t["LatestStreamLabel"] == "2026-08-01T12:00:00.123");
  CHECK(t["LatestStreamArn"] ==
        "arn:aws:dynamodb:us-east-1:000000000000:table/Tab/stream/2026-08-01T12:00:00.123");
  CHECK(update(R"({"StreamEnabled":false})").empty());
  CHECK_FALSE(
      ok(e, "DescribeTable", R"({"TableName":"Tab"})")["Table"].contains("StreamSpecification"));
}

TEST_CASE("Every change leaves one record: INSERT, MODIFY, REMOVE, and none for a no-op write") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "NEW_AND_OLD_IMAGES");
  put(e, "Orders", {{"id", {{"S", "a"}}}, {"n", {{"N", "1"}}}});
  clock.now += 1.5;
  put(e, "Orders", {{"id", {{"S", "a"}}}, {"n", {{"N", "1"}}}});  // identical: no record
  ok(e, "UpdateItem",
     R"({"TableName":"Orders","Key":{"id":{"S":"a"}},"UpdateExpression":"SET n = :v",)"
     R"("ExpressionAttributeValues":{":v":{"N":"2"}}})");
  ok(e, "DeleteItem", R"({"TableName":"Orders","Key":{"id":{"S":"a"}}})");
  ok(e, "DeleteItem", R"({"TableName":"Orders","Key":{"id":{"S":"a"}}})");  // nothing to delete
  const json got = records(e, kArn);
  REQUIRE(got.size() == 3);
  CHECK(got == json::parse(R"([
    {"eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
     "dynamodb":{"ApproximateCreationDateTime":1785585600,"Keys":{"id":{"S":"a"}},
       "NewImage":{"id":{"S":"a"},"n":{"N":"1"}},"SequenceNumber":"000000000000000000001",
       "SizeBytes":9,"StreamViewType":"NEW_AND_OLD_IMAGES"}},
    {"eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
     "dynamodb":{"ApproximateCreationDateTime":1785585601,"Keys":{"id":{"S":"a"}},
       "NewImage":{"id":{"S":"a"},"n":{"N":"2"}},"OldImage":{"id":{"S":"a"},"n":{"N":"1"}},
       "SequenceNumber":"000000000000000000002","SizeBytes":15,"StreamViewType":"NEW_AND_OLD_IMAGES"}},
    {"eventName":"REMOVE","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
     "dynamodb":{"ApproximateCreationDateTime":1785585601,"Keys":{"id":{"S":"a"}},
       "OldImage":{"id":{"S":"a"},"n":{"N":"2"}},"SequenceNumber":"000000000000000000003",
       "SizeBytes":9,"StreamViewType":"NEW_AND_OLD_IMAGES"}}])"));
}

TEST_CASE("Images follow the view type and SizeBytes reproduces AWS's worked examples") {
  Clock clock;
  Engine e(options(clock));
  // KEYS_ONLY, ForumName="DynamoDB", Subject="DynamoDB Thread 3" -> 41 (spec 3.19).
  ok(e, "CreateTable",
     R"({"TableName":"Thread","BillingMode":"PAY_PER_REQUEST",)"
     R"("AttributeDefinitions":[{"AttributeName":"ForumName","AttributeType":"S"},)"
     R"({"AttributeName":"Subject","AttributeType":"S"}],)"
     R"("KeySchema":[{"AttributeName":"ForumName","KeyType":"HASH"},)"
     R"({"AttributeName":"Subject","KeyType":"RANGE"}],)"
     R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})");
  put(e, "Thread",
      {{"ForumName", {{"S", "DynamoDB"}}},
       {"Subject", {{"S", "DynamoDB Thread 3"}}},
       {"Views", {{"N", "100"}}}});
  json keys_only = records(e, latest_arn(e, "Thread"))[0]["dynamodb"];
  CHECK(keys_only["SizeBytes"] == 41);
  CHECK(keys_only["Keys"] ==
        json::parse(R"({"ForumName":{"S":"DynamoDB"},"Subject":{"S":"DynamoDB Thread 3"}})"));
  CHECK_FALSE(keys_only.contains("NewImage"));

  // NEW_AND_OLD_IMAGES INSERTs: {id:"test"} -> 12; {id, attr1, attr2} -> 46.
  create_with_stream(e, "Both", "NEW_AND_OLD_IMAGES");
  put(e, "Both", {{"id", {{"S", "test"}}}});
  put(e, "Both",
      {{"id", {{"S", "my-item-id"}}}, {"attr1", {{"S", "value1"}}}, {"attr2", {{"S", "value2"}}}});
  const json both = records(e, latest_arn(e, "Both"));
  CHECK(both[0]["dynamodb"]["SizeBytes"] == 12);
  CHECK(both[1]["dynamodb"]["SizeBytes"] == 46);

  create_with_stream(e, "New", "NEW_IMAGE");
  create_with_stream(e, "Old", "OLD_IMAGE");
  for (const char* t : {"New", "Old"}) {
    put(e, t, {{"id", {{"S", "k"}}}, {"v", {{"S", "1"}}}});
    put(e, t, {{"id", {{"S", "k"}}}, {"v", {{"S", "2"}}}});
    ok(e, "DeleteItem", json{{"TableName", t}, {"Key", {{"id", {{"S", "k"}}}}}}.dump());
  }
  const auto members = [](const json& recs) {
    std::string out;
    for (const json& r : recs) {
      out += r["eventName"].get<std::string>() + ":";
      for (const char* m : {"NewImage", "OldImage"})
        if (r["dynamodb"].contains(m)) out += std::string(m) + " ";
    }
    return out;
  };
  CHECK(members(records(e, latest_arn(e, "New"))) == "INSERT:NewImage MODIFY:NewImage REMOVE:");
  CHECK(members(records(e, latest_arn(e, "Old"))) == "INSERT:MODIFY:OldImage REMOVE:OldImage ");
}

TEST_CASE("ListStreams and DescribeStream show one open shard per stream") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "NEW_IMAGE");
  clock.now += 1;
  create_with_stream(e, "Users", "KEYS_ONLY");
  create(e, "Plain", "id", "S");
  const std::string users =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Users/stream/2026-08-01T12:00:01.123";
  CHECK(sok(e, "ListStreams", json::object()) ==
        json::parse(R"({"Streams":[
    {"StreamArn":")" +
                    std::string(kArn) +
                    R"(","TableName":"Orders","StreamLabel":"2026-08-01T12:00:00.123"},
    {"StreamArn":")" +
                    users + R"(","TableName":"Users","StreamLabel":"2026-08-01T12:00:01.123"}]})"));
  const json page = sok(e, "ListStreams", {{"Limit", 1}});
  CHECK(page["Streams"].size() == 1);
  CHECK(page["LastEvaluatedStreamArn"] == kArn);
  CHECK(sok(e, "ListStreams", {{"ExclusiveStartStreamArn", kArn}})["Streams"][0]["TableName"] ==
        "Users");
  CHECK(sok(e, "ListStreams", {{"TableName", "Users"}})["Streams"].size() == 1);
  CHECK(sok(e, "ListStreams", {{"TableName", "Plain"}}) == json::parse(R"({"Streams":[]})"));
  CHECK(serror(e, "ListStreams", {{"TableName", "Nope"}}) ==
        "ResourceNotFoundException: Requested resource not found: Table: Nope not found");
  CHECK(serror(e, "ListStreams", {{"Limit", 0}}) ==
        "ValidationException: 1 validation error detected: Value '0' at 'limit' failed to "
        "satisfy constraint: Member must have value greater than or equal to 1");

  json d = sok(e, "DescribeStream", {{"StreamArn", kArn}})["StreamDescription"];
  const std::string shard = d["Shards"][0]["ShardId"];
  CHECK(shard.size() == 37);
  CHECK(std::regex_match(shard, std::regex("shardId-00000001785585600123-[0-9a-f]{8}")));
  d["Shards"][0].erase("ShardId");
  CHECK(d == json::parse(R"({"StreamArn":")" + std::string(kArn) + R"(",
    "StreamLabel":"2026-08-01T12:00:00.123","StreamStatus":"ENABLED","StreamViewType":"NEW_IMAGE",
    "CreationRequestDateTime":1785585600.123,"TableName":"Orders",
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
    "Shards":[{"SequenceNumberRange":{"StartingSequenceNumber":"000000000000000000001"}}]})"));
  CHECK(sok(e, "DescribeStream",
            {{"StreamArn", kArn},
             {"ExclusiveStartShardId", shard}})["StreamDescription"]["Shards"] == json::array());
  const std::string missing =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2020-01-01T00:00:00.000";
  CHECK(serror(e, "DescribeStream", {{"StreamArn", missing}}) ==
        "ResourceNotFoundException: Requested resource not found: Stream: " + missing +
            " not found");
  CHECK(serror(e, "DescribeStream", json::object()) ==
        "ValidationException: 1 validation error detected: Value null at 'streamArn' failed to "
        "satisfy constraint: Member must not be null");
  CHECK(serror(e, "DescribeStream", {{"StreamArn", "short"}}) ==
        "ValidationException: 1 validation error detected: Value 'short' at 'streamArn' failed "
        "to satisfy constraint: Member must have length greater than or equal to 37");
  CHECK(serror(e, "DescribeStream", {{"StreamArn", std::string(40, 'x')}}) ==
        "ValidationException: Invalid StreamArn: " + std::string(40, 'x'));
  CHECK(scall(e, "DescribeStream", {{"StreamArn", missing}}).error_type ==
        "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  CHECK(scall(e, "PutRecord", json::object()).error_type ==
        "com.amazon.coral.service#UnknownOperationException");
}

TEST_CASE("GetShardIterator positions: TRIM_HORIZON, LATEST, AT and AFTER a sequence number") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "KEYS_ONLY");
  for (const char* id : {"a", "b", "c"}) put(e, "Orders", {{"id", {{"S", id}}}});
  const auto ids = [&](const std::string& it) {
    std::string out;
    const json got = sok(e, "GetRecords", {{"ShardIterator", it}});
    for (const json& r : got["Records"]) out += r["dynamodb"]["Keys"]["id"]["S"].get<std::string>();
    return out;
  };
  CHECK(ids(iterator(e, kArn, "TRIM_HORIZON")) == "abc");
  CHECK(ids(iterator(e, kArn, "AT_SEQUENCE_NUMBER", "000000000000000000002")) == "bc");
  CHECK(ids(iterator(e, kArn, "AFTER_SEQUENCE_NUMBER", "000000000000000000002")) == "c");
  const std::string latest = iterator(e, kArn, "LATEST");
  put(e, "Orders", {{"id", {{"S", "d"}}}});
  CHECK(ids(latest) == "d");

  const std::string shard = shard_of(e, kArn);
  const auto get = [&](const json& extra) {
    json req = {{"StreamArn", kArn}, {"ShardId", shard}};
    req.update(extra);
    return serror(e, "GetShardIterator", req);
  };
  CHECK(get({{"ShardIteratorType", "LATEST"}, {"SequenceNumber", "000000000000000000001"}}) ==
        "ValidationException: Invalid request: SequenceNumber cannot be specified with "
        "ShardIteratorType LATEST");
  CHECK(get({{"ShardIteratorType", "AT_SEQUENCE_NUMBER"}}) ==
        "ValidationException: Invalid request: SequenceNumber is required with "
        "ShardIteratorType AT_SEQUENCE_NUMBER");
  CHECK(get({{"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
             {"SequenceNumber", "000000000000000000099"}}) ==
        "ValidationException: Invalid SequenceNumber 000000000000000000099 for shard " + shard);
  CHECK(get({{"ShardIteratorType", "FIRST"}}) ==
        "ValidationException: 1 validation error detected: Value 'FIRST' at 'shardIteratorType' "
        "failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, "
        "AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
  CHECK(get({{"ShardIteratorType", "LATEST"}, {"SequenceNumber", "12"}}) ==
        "ValidationException: 1 validation error detected: Value '12' at 'sequenceNumber' failed "
        "to satisfy constraint: Member must have length greater than or equal to 21");
  CHECK(get({{"ShardIteratorType", "LATEST"},
             {"ShardId", "shardId-00000000000000000000-00000000"}}) ==
        "ResourceNotFoundException: Requested resource not found: Shard: "
        "shardId-00000000000000000000-00000000 in Stream: " +
            std::string(kArn) + " not found");
}

TEST_CASE("GetRecords pages by Limit, returns a next iterator, and iterators expire in 15 min") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "KEYS_ONLY");
  for (const char* id : {"a", "b", "c"}) put(e, "Orders", {{"id", {{"S", id}}}});
  json r =
      sok(e, "GetRecords", {{"ShardIterator", iterator(e, kArn, "TRIM_HORIZON")}, {"Limit", 2}});
  CHECK(r["Records"].size() == 2);
  r = sok(e, "GetRecords", {{"ShardIterator", r["NextShardIterator"]}});
  CHECK(r["Records"].size() == 1);
  CHECK(r["Records"][0]["dynamodb"]["SequenceNumber"] == "000000000000000000003");
  r = sok(e, "GetRecords", {{"ShardIterator", r["NextShardIterator"]}});
  CHECK(r["Records"] == json::array());
  const std::string next = r["NextShardIterator"];
  CHECK(next.starts_with(std::string(kArn) + "|1|"));
  CHECK(serror(e, "GetRecords", {{"ShardIterator", next}, {"Limit", 1001}}) ==
        "ValidationException: 1 validation error detected: Value '1001' at 'limit' failed to "
        "satisfy constraint: Member must have value less than or equal to 1000");
  CHECK(serror(e, "GetRecords", {{"ShardIterator", "garbage"}}) ==
        "ValidationException: Invalid ShardIterator");
  clock.now += 15 * 60;
  CHECK(sok(e, "GetRecords", {{"ShardIterator", next}})["Records"] == json::array());
  clock.now += 1;
  const Reply expired = scall(e, "GetRecords", {{"ShardIterator", next}});
  CHECK(expired.error_type == "com.amazonaws.dynamodb.v20120810#ExpiredIteratorException");
  CHECK(expired.body["message"] ==
        "Iterator expired. The iterator was created at time 2026-08-01T12:00:00Z while right now "
        "it is 2026-08-01T12:15:01Z which is further in the future than the tolerated delay of "
        "900000 milliseconds.");
}

TEST_CASE("Records older than 24 hours are trimmed; reading behind the trim point fails") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "KEYS_ONLY");
  put(e, "Orders", {{"id", {{"S", "old"}}}});
  clock.now += kDay - 10;
  put(e, "Orders", {{"id", {{"S", "new"}}}});
  const std::string horizon = iterator(e, kArn, "TRIM_HORIZON");
  clock.now += 20;  // "old" is now older than 24 h
  const Reply trimmed = scall(e, "GetRecords", {{"ShardIterator", horizon}});
  CHECK(trimmed.error_type == "com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException");
  CHECK(serror(e, "GetShardIterator",
               {{"StreamArn", kArn},
                {"ShardId", shard_of(e, kArn)},
                {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                {"SequenceNumber", "000000000000000000001"}}) ==
        "TrimmedDataAccessException: The operation attempted to read past the oldest stream "
        "record in a shard.");
  json got = records(e, kArn);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["dynamodb"]["Keys"]["id"]["S"] == "new");
  e.sweep_ttl();  // also trims streams physically; the answers stay the same
  got = records(e, kArn);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["dynamodb"]["SequenceNumber"] == "000000000000000000002");
  CHECK(scall(e, "GetRecords", {{"ShardIterator", horizon}}).error_type ==
        "com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException");
}

TEST_CASE("A disabled or deleted table's stream stays readable, closed, for 24 hours") {
  Clock clock;
  Engine e(options(clock));
  create_with_stream(e, "Orders", "KEYS_ONLY");
  put(e, "Orders", {{"id", {{"S", "a"}}}});
  const std::string open_it = iterator(e, kArn, "TRIM_HORIZON");
  ok(e, "UpdateTable", R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":false}})");
  put(e, "Orders", {{"id", {{"S", "b"}}}});  // no stream any more: no record
  const json d = sok(e, "DescribeStream", {{"StreamArn", kArn}})["StreamDescription"];
  CHECK(d["StreamStatus"] == "DISABLED");
  CHECK(d["Shards"][0]["SequenceNumberRange"] ==
        json::parse(R"({"StartingSequenceNumber":"000000000000000000001",)"
                    R"("EndingSequenceNumber":"000000000000000000001"})"));
  json r = sok(e, "GetRecords", {{"ShardIterator", open_it}});
  CHECK(r["Records"].size() == 1);
  CHECK_FALSE(r.contains("NextShardIterator"));  // the closed shard is read to its end

  clock.now += 1;
  ok(e, "UpdateTable",
     R"({"TableName":"Orders","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}})");
  const std::string second = latest_arn(e, "Orders");
  CHECK(second != kArn);
  CHECK(sok(e, "ListStreams", {{"TableName", "Orders"}})["Streams"].size() == 2);
  put(e, "Orders", {{"id", {{"S", "c"}}}});
  ok(e, "DeleteTable", R"({"TableName":"Orders"})");
  CHECK(sok(e, "DescribeStream", {{"StreamArn", second}})["StreamDescription"]["StreamStatus"] ==
        "DISABLED");
  CHECK(records(e, second).size() == 1);
  CHECK(sok(e, "ListStreams", {{"TableName", "Orders"}})["Streams"].size() == 2);

  clock.now += kDay + 1;
  CHECK(sok(e, "ListStreams", json::object()) == json::parse(R"({"Streams":[]})"));
  CHECK(serror(e, "DescribeStream", {{"StreamArn", second}}) ==
        "ResourceNotFoundException: Requested resource not found: Stream: " + second +
            " not found");
}

TEST_CASE("Stream records and sequence numbers survive a restart") {
  TempDir dir;
  const std::string db = (dir.path / "streams.db").string();
  Clock clock;
  {
    Engine e(options(clock, db));
    create_with_stream(e, "Orders", "NEW_IMAGE");
    put(e, "Orders", {{"id", {{"S", "a"}}}});
  }
  Engine e(options(clock, db));
  put(e, "Orders", {{"id", {{"S", "b"}}}});
  const json got = records(e, kArn);
  REQUIRE(got.size() == 2);
  CHECK(got[0]["dynamodb"]["NewImage"] == json::parse(R"({"id":{"S":"a"}})"));
  CHECK(got[1]["dynamodb"]["SequenceNumber"] == "000000000000000000002");
}

}  // namespace

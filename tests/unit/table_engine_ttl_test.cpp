// Time to live: UpdateTimeToLive / DescribeTimeToLive with AWS's messages, which items the sweep
// deletes and how (index rows, REMOVE stream records by the service), persistence, and the
// background sweeper (spec/dynamodb-api.md 3.17).
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

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

constexpr int64_t kNowSeconds = 1785585600;  // engine_test::kNow, rounded down
constexpr int64_t kYear = 365 * 24 * 60 * 60;

struct Clock {
  double now = engine_test::kNow;
};

EngineOptions options(Clock& clock, std::string path = "") {
  EngineOptions o = engine_test::options(std::move(path));
  o.clock = [&clock] { return clock.now; };
  return o;
}

std::string ttl_request(const std::string& table, bool enabled, const std::string& attribute) {
  return json{{"TableName", table},
              {"TimeToLiveSpecification", {{"Enabled", enabled}, {"AttributeName", attribute}}}}
      .dump();
}

void put(Engine& e, const std::string& table, const json& item) {
  ok(e, "PutItem", json{{"TableName", table}, {"Item", item}}.dump());
}

json n(int64_t v) { return {{"N", std::to_string(v)}}; }
json s(const std::string& v) { return {{"S", v}}; }

bool exists(Engine& e, const std::string& table, const std::string& id) {
  return ok(e, "GetItem", json{{"TableName", table}, {"Key", {{"id", s(id)}}}}.dump())
      .contains("Item");
}

TEST_CASE("UpdateTimeToLive and DescribeTimeToLive answer as AWS does") {
  Clock clock;
  Engine e(options(clock));
  create(e, "Events", "id", "S");
  CHECK(ok(e, "DescribeTimeToLive", R"({"TableName":"Events"})") ==
        json::parse(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})"));
  CHECK(ok(e, "UpdateTimeToLive", ttl_request("Events", true, "expiresAt")) ==
        json::parse(R"({"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expiresAt"}})"));
  CHECK(ok(e, "DescribeTimeToLive", R"({"TableName":"Events"})") ==
        json::parse(R"({"TimeToLiveDescription":{"TimeToLiveStatus":"ENABLED",)"
                    R"("AttributeName":"expiresAt"}})"));
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", true, "expiresAt")) ==
        "TimeToLive is already enabled");
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", true, "other")) ==
        "TimeToLive is already enabled");
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", false, "other")) ==
        "TimeToLive is active on a different AttributeName: current AttributeName is expiresAt");
  CHECK(
      ok(e, "UpdateTimeToLive", ttl_request("Events", false, "expiresAt")) ==
      json::parse(R"({"TimeToLiveSpecification":{"Enabled":false,"AttributeName":"expiresAt"}})"));
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", false, "expiresAt")) ==
        "TimeToLive is already disabled");

  CHECK(error(e, "UpdateTimeToLive", ttl_request("Nope", true, "x")) ==
        "Requested resource not found: Table: Nope not found");
  CHECK(error(e, "DescribeTimeToLive", R"({"TableName":"Nope"})") ==
        "Requested resource not found: Table: Nope not found");
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", true, "")) ==
        "TimeToLiveSpecification.AttributeName must be non empty");
  CHECK(error(e, "UpdateTimeToLive", R"({"TableName":"Events"})") ==
        "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy "
        "constraint: Member must not be null");
  CHECK(error(e, "UpdateTimeToLive", R"({"TableName":"Events","TimeToLiveSpecification":{}})") ==
        "2 validation errors detected: Value null at 'timeToLiveSpecification.enabled' failed to "
        "satisfy constraint: Member must not be null; Value null at "
        "'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not "
        "be null");
  CHECK(error(e, "UpdateTimeToLive", ttl_request("Events", true, std::string(256, 'a'))) ==
        "1 validation error detected: Value '" + std::string(256, 'a') +
            "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member "
            "must have length less than or equal to 255");
  CHECK(call(e, "UpdateTimeToLive",
             R"({"TableName":"Events","TimeToLiveSpecification":{"Enabled":[true]}})")
            .error_type == "com.amazon.coral.service#SerializationException");
}

TEST_CASE("The sweep deletes only items whose top-level Number TTL is past, within five years") {
  Clock clock;
  Engine e(options(clock));
  ok(e, "CreateTable",
     R"({"TableName":"Events","BillingMode":"PAY_PER_REQUEST",)"
     R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},)"
     R"({"AttributeName":"kind","AttributeType":"S"}],)"
     R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
     R"("GlobalSecondaryIndexes":[{"IndexName":"byKind","KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],)"
     R"("Projection":{"ProjectionType":"ALL"}}]})");
  // Items written before TTL is enabled are found too (the index is filled on enabling).
  put(e, "Events", {{"id", s("past")}, {"kind", s("k")}, {"exp", n(kNowSeconds - 60)}});
  ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
  put(e, "Events", {{"id", s("future")}, {"kind", s("k")}, {"exp", n(kNowSeconds + 60)}});
  put(e, "Events", {{"id", s("now")}, {"exp", n(kNowSeconds + 1)}});
  put(e, "Events", {{"id", s("string")}, {"exp", s(std::to_string(kNowSeconds - 60))}});
  put(e, "Events", {{"id", s("nested")}, {"m", {{"M", {{"exp", n(kNowSeconds - 60)}}}}}});
  put(e, "Events", {{"id", s("ancient")}, {"exp", n(kNowSeconds - 6 * kYear)}});
  put(e, "Events", {{"id", s("missing")}});
  put(e, "Events", {{"id", s("fraction")}, {"exp", {{"N", "1785585600.1"}}}});
  put(e, "Events", {{"id", s("rescued")}, {"exp", n(kNowSeconds - 30)}});
  ok(e, "UpdateItem",
     R"({"TableName":"Events","Key":{"id":{"S":"rescued"}},"UpdateExpression":"SET exp = :f",)"
     R"("ExpressionAttributeValues":{":f":{"N":")" +
         std::to_string(kNowSeconds + 3600) + R"("}}})");

  CHECK(exists(e, "Events", "past"));  // expired but not yet swept: still readable (parity)
  CHECK(e.sweep_ttl() == 2);           // "past" and "fraction" (1785585600.1 < ...600.123)
  CHECK(e.sweep_ttl() == 0);
  for (const char* gone : {"past", "fraction"}) CHECK_FALSE(exists(e, "Events", gone));
  for (const char* kept : {"future", "now", "string", "nested", "ancient", "missing", "rescued"})
    CHECK(exists(e, "Events", kept));
  const json by_kind = ok(e, "Query",
                          R"({"TableName":"Events","IndexName":"byKind","KeyConditionExpression":)"
                          R"("kind = :k","ExpressionAttributeValues":{":k":{"S":"k"}}})");
  CHECK(by_kind["Count"] == 1);
  CHECK(by_kind["Items"][0]["id"] == s("future"));

  clock.now += 61;  // "now" was due at +1 s, "future" at +60 s
  CHECK(e.sweep_ttl() == 2);
  CHECK_FALSE(exists(e, "Events", "future"));
  CHECK_FALSE(exists(e, "Events", "now"));
}

TEST_CASE("A TTL deletion writes a REMOVE record by the DynamoDB service principal") {
  Clock clock;
  Engine e(options(clock));
  ok(e, "CreateTable",
     R"({"TableName":"Sessions","BillingMode":"PAY_PER_REQUEST",)"
     R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
     R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
     R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"OLD_IMAGE"}})");
  ok(e, "UpdateTimeToLive", ttl_request("Sessions", true, "exp"));
  put(e, "Sessions", {{"id", s("a")}, {"exp", n(kNowSeconds - 1)}});
  ok(e, "DeleteItem", R"({"TableName":"Sessions","Key":{"id":{"S":"zz"}}})");  // no record
  CHECK(e.sweep_ttl() == 1);
  const std::string arn =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Sessions/stream/2026-08-01T12:00:00.123";
  const json shard = e.call(Api::kStreams, "DescribeStream", {{"StreamArn", arn}})
                         .body["StreamDescription"]["Shards"][0]["ShardId"];
  const std::string it =
      e.call(Api::kStreams, "GetShardIterator",
             {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}})
          .body["ShardIterator"];
  json recs = e.call(Api::kStreams, "GetRecords", {{"ShardIterator", it}}).body["Records"];
  REQUIRE(recs.size() == 2);
  CHECK_FALSE(recs[0].contains("userIdentity"));  // the PutItem
  recs[1].erase("eventID");
  CHECK(recs[1] == json::parse(R"({"eventName":"REMOVE","eventVersion":"1.1",
    "eventSource":"aws:dynamodb","awsRegion":"us-east-1",
    "userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"},
    "dynamodb":{"ApproximateCreationDateTime":1785585600,"Keys":{"id":{"S":"a"}},
      "OldImage":{"id":{"S":"a"},"exp":{"N":"1785585599"}},"SequenceNumber":"000000000000000000002",
      "SizeBytes":15,"StreamViewType":"OLD_IMAGE"}})"));
}

TEST_CASE("Disabling TTL stops deletions; a deleted table leaves no sweep work behind") {
  Clock clock;
  Engine e(options(clock));
  create(e, "Events", "id", "S");
  ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
  put(e, "Events", {{"id", s("a")}, {"exp", n(kNowSeconds - 1)}});
  ok(e, "UpdateTimeToLive", ttl_request("Events", false, "exp"));
  CHECK(e.sweep_ttl() == 0);
  CHECK(exists(e, "Events", "a"));
  ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
  ok(e, "DeleteTable", R"({"TableName":"Events"})");
  create(e, "Events", "id", "S");
  ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
  CHECK(e.sweep_ttl() == 0);
}

TEST_CASE("TTL settings and pending expiries survive a restart") {
  TempDir dir;
  const std::string db = (dir.path / "ttl.db").string();
  Clock clock;
  {
    Engine e(options(clock, db));
    create(e, "Events", "id", "S");
    ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
    put(e, "Events", {{"id", s("a")}, {"exp", n(kNowSeconds + 10)}});
  }
  clock.now += 11;
  Engine e(options(clock, db));
  CHECK(ok(e, "DescribeTimeToLive",
           R"({"TableName":"Events"})")["TimeToLiveDescription"]["AttributeName"] == "exp");
  CHECK(e.sweep_ttl() == 1);
  CHECK_FALSE(exists(e, "Events", "a"));
}

TEST_CASE("The background sweeper deletes an expired item within a bounded wait") {
  EngineOptions o;  // the system clock and the sweeper thread, as `sls local-table` runs
  o.ttl_sweeper = true;
  Engine e(o);
  create(e, "Events", "id", "S");
  ok(e, "UpdateTimeToLive", ttl_request("Events", true, "exp"));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  put(e, "Events", {{"id", s("a")}, {"exp", n(now - 1)}});
  put(e, "Events", {{"id", s("b")}, {"exp", n(now + 3600)}});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (exists(e, "Events", "a") && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(exists(e, "Events", "a"));
  CHECK(exists(e, "Events", "b"));
  // Writers keep working while the sweeper runs, and ~Engine stops it promptly.
  for (int i = 0; i < 50; ++i) put(e, "Events", {{"id", s("w" + std::to_string(i))}});
}

}  // namespace

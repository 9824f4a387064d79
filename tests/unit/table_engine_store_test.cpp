// The engine's store: persistence across restarts, concurrent callers, and a sanity loop over
// many writes and reads (spec/dynamodb-api.md 7).
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "table/engine.h"
#include "table/engine/item_codec.h"
#include "table/json_text.h"
#include "table_engine_util.h"

namespace {

using engine_test::create;
using engine_test::ok;
using engine_test::TempDir;
using nlohmann::json;
using sls::table::Engine;

json put_body(const std::string& table, const std::string& id, int n) {
  return {{"TableName", table}, {"Item", {{"id", {{"S", id}}}, {"n", {{"N", std::to_string(n)}}}}}};
}

TEST_CASE("A file database keeps tables, indexes and items across a restart") {
  TempDir dir;
  const std::string db = (dir.path / "sub" / "tables.db").string();
  {
    Engine e(engine_test::options(db));
    ok(e, "CreateTable",
       R"({"TableName":"Users","BillingMode":"PAY_PER_REQUEST",)"
       R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"n","AttributeType":"N"}],)"
       R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
       R"("GlobalSecondaryIndexes":[{"IndexName":"byN","KeySchema":[{"AttributeName":"n","KeyType":"HASH"}],)"
       R"("Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
    ok(e, "PutItem", put_body("Users", "u1", 7).dump());
  }
  Engine e(engine_test::options(db));
  CHECK(ok(e, "ListTables", "{}") == json::parse(R"({"TableNames":["Users"]})"));
  CHECK(ok(e, "GetItem", R"({"TableName":"Users","Key":{"id":{"S":"u1"}}})") ==
        json::parse(R"({"Item":{"id":{"S":"u1"},"n":{"N":"7"}}})"));
  CHECK(ok(e, "Query",
           R"({"TableName":"Users","IndexName":"byN","KeyConditionExpression":"n = :n",)"
           R"("ExpressionAttributeValues":{":n":{"N":"7"}}})") ==
        json::parse(R"({"Items":[{"id":{"S":"u1"},"n":{"N":"7"}}],"Count":1,"ScannedCount":1})"));
  const json d = ok(e, "DescribeTable", R"({"TableName":"Users"})");
  CHECK(d["Table"]["ItemCount"] == 1);
  CHECK(d["Table"]["GlobalSecondaryIndexes"][0]["ItemCount"] == 1);
}

TEST_CASE("A ClientRequestToken is remembered across a restart, for ten minutes") {
  TempDir dir;
  const std::string db = (dir.path / "tables.db").string();
  double now = engine_test::kNow;
  auto opts = [&] {
    sls::table::EngineOptions o = engine_test::options(db);
    o.clock = [&now] { return now; };
    return o;
  };
  const std::string add =
      R"({"ClientRequestToken":"tok-1","ReturnConsumedCapacity":"TOTAL","TransactItems":[)"
      R"({"Update":{"TableName":"Tab","Key":{"pk":{"S":"a"}},)"
      R"("UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}}}}]})";
  const std::string get = R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})";
  json first;
  {
    Engine e(opts());
    create(e, "Tab", "pk", "S");
    first = ok(e, "TransactWriteItems", add);
  }
  {
    Engine e(opts());  // a restart: the retry is answered, not applied again
    now += 599;
    CHECK(ok(e, "TransactWriteItems", add) == first);
    CHECK(ok(e, "GetItem", get)["Item"]["n"]["N"] == "1");
    const auto other = engine_test::call(
        e, "TransactWriteItems",
        R"({"ClientRequestToken":"tok-1","TransactItems":[{"Delete":{"TableName":"Tab","Key":{"pk":{"S":"a"}}}}]})");
    CHECK(other.error_type ==
          "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException");
  }
  Engine e(opts());
  now += 2;  // 601 s after the first call: the token is forgotten and the call applies again
  CHECK(ok(e, "TransactWriteItems", add) == first);
  CHECK(ok(e, "GetItem", get)["Item"]["n"]["N"] == "2");
}

TEST_CASE("An acknowledged write survives the process dying without closing the database") {
  TempDir dir;
  const std::string db = (dir.path / "crash.db").string();
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes, then ends like kill -9 would: no destructors, no checkpoint, no close.
    auto* e = new Engine(engine_test::options(db));
    json create = {{"TableName", "Users"}, {"BillingMode", "PAY_PER_REQUEST"}};
    create["AttributeDefinitions"] = {{{"AttributeName", "id"}, {"AttributeType", "S"}}};
    create["KeySchema"] = {{{"AttributeName", "id"}, {"KeyType", "HASH"}}};
    const bool ok_create = e->call(sls::table::Api::kDynamoDb, "CreateTable", create).ok();
    const bool ok_put =
        e->call(sls::table::Api::kDynamoDb, "PutItem", put_body("Users", "u1", 1)).ok();
    _exit(ok_create && ok_put ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  Engine e(engine_test::options(db));
  CHECK(ok(e, "GetItem", R"({"TableName":"Users","Key":{"id":{"S":"u1"}}})") ==
        json::parse(R"({"Item":{"id":{"S":"u1"},"n":{"N":"1"}}})"));
}

TEST_CASE("A file that is not an sls database is refused with its path") {
  TempDir dir;
  const std::string path = (dir.path / "other.db").string();
  std::ofstream(path) << "this is not sqlite at all, just text that fills a header page.....";
  CHECK_THROWS_AS(Engine(engine_test::options(path)), sls::Error);
}

TEST_CASE("Several threads writing and reading at once lose nothing") {
  TempDir dir;
  for (const std::string& db : {std::string(), (dir.path / "mt.db").string()}) {
    Engine e(engine_test::options(db));
    create(e, "Conc", "id", "S");
    constexpr int kThreads = 4;
    constexpr int kPerThread = 250;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const std::string id = std::to_string(t) + "-" + std::to_string(i);
          if (!e.call(sls::table::Api::kDynamoDb, "PutItem", put_body("Conc", id, i)).ok())
            failures++;
          const auto r = e.call(sls::table::Api::kDynamoDb, "GetItem",
                                json{{"TableName", "Conc"}, {"Key", {{"id", {{"S", id}}}}}});
          if (!r.ok() || !r.body.contains("Item")) failures++;
        }
      });
    for (std::thread& th : threads) th.join();
    CHECK(failures == 0);
    CHECK(ok(e, "Scan", R"({"TableName":"Conc","Select":"COUNT"})")["Count"] ==
          kThreads * kPerThread);
  }
}

TEST_CASE("Many puts and gets in a loop round-trip every item") {
  Engine e(engine_test::options());
  create(e, "Loop", "id", "S");
  constexpr int kItems = 5000;
  int mismatches = 0;
  for (int i = 0; i < kItems; ++i)
    ok(e, "PutItem", put_body("Loop", "k" + std::to_string(i), i).dump());
  for (int i = 0; i < kItems; ++i) {
    const auto r =
        e.call(sls::table::Api::kDynamoDb, "GetItem",
               json{{"TableName", "Loop"}, {"Key", {{"id", {{"S", "k" + std::to_string(i)}}}}}});
    if (r.body["Item"]["n"]["N"] != std::to_string(i)) mismatches++;
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("Items render to JSON straight from their stored bytes as from the decoded item") {
  using sls::table::AttributeValue;
  using sls::table::Item;
  using sls::table::Number;
  const Item nested = {{"n", AttributeValue::number(Number::parse("-1.50"))},
                       {"s", AttributeValue::string("tab\t\"quoted\" é \x01")}};
  const std::vector<Item> items = {
      {},
      {{"pk", AttributeValue::string("a")}, {"v", AttributeValue::string(std::string(1000, 'x'))}},
      {{"b", AttributeValue::binary(std::string("\0\xff\x10", 3))},
       {"bool", AttributeValue::boolean(false)},
       {"bs", AttributeValue::binary_set({"", std::string("\x01", 1), "\xfe"})},
       {"l", AttributeValue::list(
                 {AttributeValue::null(), AttributeValue::map(nested), AttributeValue::list({})})},
       {"m", AttributeValue::map({{"deep", AttributeValue::map(nested)}})},
       {"n", AttributeValue::number(Number::parse("1e125"))},
       {"ns", AttributeValue::number_set({Number::parse("10"), Number::parse("-0.000001")})},
       {"null", AttributeValue::null()},
       {"ss", AttributeValue::string_set({"b", "a", "日本"})},
       {"\xc3(bad", AttributeValue::string("\xed\xa0\x80")}},  // not UTF-8: replaced alike
  };
  for (const Item& item : items) {
    std::string direct;
    sls::table::engine::write_item_json(direct, sls::table::engine::encode_item(item));
    std::string from_item;
    sls::table::write_item(from_item, item);
    CHECK(direct == from_item);
    CHECK(direct ==
          sls::table::render_item(item).dump(-1, ' ', false, json::error_handler_t::replace));
  }
  std::string out;
  CHECK_THROWS_AS(sls::table::engine::write_item_json(out, "\x01\x01"), sls::Error);
}

// TagResource, UntagResource and ListTagsOfResource: empty bodies, overwrite semantics, tags from
// CreateTable, ARN checks, limits with AWS's messages, and persistence (spec/dynamodb-api.md 3.18).
#include <chrono>
#include <filesystem>
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
using sls::table::Engine;
using sls::table::Reply;

constexpr const char* kArn = "arn:aws:dynamodb:us-east-1:000000000000:table/Music";

json tags_of(Engine& e, const std::string& arn = kArn) {
  return ok(e, "ListTagsOfResource", json{{"ResourceArn", arn}}.dump())["Tags"];
}

std::string tag(Engine& e, const json& tags, const std::string& arn = kArn) {
  return error(e, "TagResource", json{{"ResourceArn", arn}, {"Tags", tags}}.dump());
}

json numbered(int from, int to) {
  json tags = json::array();
  for (int i = from; i < to; ++i)
    tags.push_back({{"Key", "k" + std::to_string(i)}, {"Value", std::to_string(i)}});
  return tags;
}

TEST_CASE("Tags are added with overwrite, removed, listed, and replies of changes are empty") {
  Engine e(engine_test::options());
  ok(e, "CreateTable",
     R"({"TableName":"Music","BillingMode":"PAY_PER_REQUEST",)"
     R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
     R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
     R"("Tags":[{"Key":"env","Value":"dev"},{"Key":"team","Value":"a"}]})");
  CHECK(tags_of(e) == json::parse(R"([{"Key":"env","Value":"dev"},{"Key":"team","Value":"a"}])"));
  const Reply r =
      call(e, "TagResource",
           json{{"ResourceArn", kArn},
                {"Tags", {{{"Key", "env"}, {"Value", "prod"}}, {{"Key", "owner"}, {"Value", ""}}}}}
               .dump());
  CHECK(r.ok());
  CHECK(r.status == 200);
  CHECK(r.body.is_null());  // an empty body, as AWS answers
  CHECK(tags_of(e) == json::parse(R"([{"Key":"env","Value":"prod"},{"Key":"team","Value":"a"},)"
                                  R"({"Key":"owner","Value":""}])"));
  const Reply u = call(e, "UntagResource",
                       json{{"ResourceArn", kArn}, {"TagKeys", {"team", "not-there"}}}.dump());
  CHECK(u.ok());
  CHECK(u.body.is_null());
  CHECK(tags_of(e) == json::parse(R"([{"Key":"env","Value":"prod"},{"Key":"owner","Value":""}])"));
  create(e, "Plain", "id", "S");
  CHECK(tags_of(e, "arn:aws:dynamodb:us-east-1:000000000000:table/Plain") == json::array());
}

TEST_CASE("A ResourceArn is checked as AWS checks it") {
  Engine e(engine_test::options());
  create(e, "Music", "id", "S");
  const json one = {{{"Key", "k"}, {"Value", "v"}}};
  CHECK(tag(e, one, "I_do_not_exist") ==
        "One or more parameter values were invalid: ARNs must start with 'arn:': I_do_not_exist");
  CHECK(tag(e, one, "arn:aws:s3:::bucket") ==
        "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: "
        "arn:aws:s3:::bucket");
  CHECK(tag(e, one, std::string(kArn) + "/index/byX") ==
        "One or more parameter values were invalid: Invalid resource arn provided, only table or "
        "stream is accepted. Provided resource arn: " +
            std::string(kArn) + "/index/byX");
  CHECK(tag(e, one, "arn:aws:dynamodb:eu-west-1:000000000000:table/Music") ==
        "Invalid TableArn: Invalid ResourceArn provided as input "
        "arn:aws:dynamodb:eu-west-1:000000000000:table/Music");
  CHECK(tag(e, one, "arn:aws:dynamodb:us-east-1:000000000000:table/ab") ==
        "Invalid TableArn: Invalid ResourceArn provided as input "
        "arn:aws:dynamodb:us-east-1:000000000000:table/ab");
  CHECK(tag(e, one, std::string(kArn) + "x") ==
        "Requested resource not found: ResourcArn: " + std::string(kArn) + "x not found");
  CHECK(call(e, "TagResource", json{{"ResourceArn", std::string(kArn) + "x"}, {"Tags", one}}.dump())
            .error_type == "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  const std::string other = "arn:aws:dynamodb:us-east-1:111122223333:table/Music";
  const Reply denied = call(e, "ListTagsOfResource", json{{"ResourceArn", other}}.dump());
  CHECK(denied.error_type == "com.amazon.coral.service#AccessDeniedException");
  CHECK(denied.body["message"] ==
        "User: arn:aws:iam::000000000000:root is not authorized to perform: "
        "dynamodb:ListTagsOfResource on resource: " +
            other);
  CHECK(error(e, "TagResource", json{{"Tags", one}}.dump()) == "Invalid TableArn");
  CHECK(error(e, "ListTagsOfResource", "{}") == "Invalid TableArn");
}

TEST_CASE("Tag keys, values and counts are limited with AWS's messages") {
  Engine e(engine_test::options());
  create(e, "Music", "id", "S");
  CHECK(tag(e, json::array()) == "Atleast one Tag needs to be provided as Input.");
  CHECK(error(e, "TagResource", json{{"ResourceArn", kArn}}.dump()) ==
        "Atleast one Tag needs to be provided as Input.");
  CHECK(error(e, "UntagResource", json{{"ResourceArn", kArn}, {"TagKeys", json::array()}}.dump()) ==
        "Atleast one Tag Key needs to be provided as Input.");
  CHECK(tag(e, {{{"Key", std::string(128, 'k')}, {"Value", std::string(256, 'v')}}}).empty());
  CHECK(tag(e, {{{"Key", std::string(129, 'k')}, {"Value", "v"}}}) ==
        "The Tag Key provided is invalid, Key: " + std::string(129, 'k'));
  CHECK(tag(e, {{{"Key", "k"}, {"Value", std::string(257, 'v')}}}) ==
        "The Tag Value provided is invalid, Value: " + std::string(257, 'v'));
  CHECK(tag(e, {{{"Key", ""}, {"Value", "dog"}}}) == "The Tag Key provided is invalid, Key: ");
  CHECK(tag(e, {{{"Key", "dog"}}}) == "The Tag Value provided is invalid, Value: null");
  CHECK(tag(e, {{{"Key", "hi!"}, {"Value", "v"}}}) == "The Tag Key provided is invalid, Key: hi!");
  CHECK(tag(e, {{{"Key", "k"}, {"Value", "d%g"}}}) ==
        "The Tag Value provided is invalid, Value: d%g");
  CHECK(tag(e, {{{"Key", "aws:owner"}, {"Value", "v"}}}) ==
        "Tag Key cannot be prefixed with aws:, Key: aws:owner");
  CHECK(tag(e, {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "a"}, {"Value", "2"}}}) ==
        "Duplicate Tag Keys provided as input: Duplicate Tag Key found a");
  CHECK(tag(e, {{{"Key", "ok key_.:/=+-@"}, {"Value", "Ünïcödé välue"}}}).empty());
  std::string accented;
  for (int i = 0; i < 128; ++i) accented += "é";  // 128 characters, 256 bytes
  CHECK(tag(e, {{{"Key", accented}, {"Value", "v"}}}).empty());

  create(e, "Many", "id", "S");
  const std::string many = "arn:aws:dynamodb:us-east-1:000000000000:table/Many";
  CHECK(tag(e, numbered(0, 51), many) ==
        "Number of Tags exceed the current limit for the provided ResourceArn");
  CHECK(tag(e, numbered(0, 30), many).empty());
  CHECK(tag(e, numbered(10, 50), many).empty());  // 20 overwritten, 20 new: 50 in all
  CHECK(tags_of(e, many).size() == 50);
  CHECK(tag(e, numbered(50, 51), many) ==
        "Number of Tags exceed the current limit for the provided ResourceArn");
  CHECK(tag(e, {{{"Key", "k0"}, {"Value", "new"}}}, many).empty());  // overwrite at the limit

  const std::string create_51 = json{
      {"TableName", "Tagged"},
      {"BillingMode", "PAY_PER_REQUEST"},
      {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
      {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
      {"Tags", numbered(0, 51)}}.dump();
  CHECK(error(e, "CreateTable", create_51) ==
        "Number of Tags exceed the current limit for the provided ResourceArn");
  CHECK(error(e, "DescribeTable", R"({"TableName":"Tagged"})") ==
        "Requested resource not found: Table: Tagged not found");
}

TEST_CASE("Tags survive a restart and go with their table") {
  TempDir dir;
  const std::string db = (dir.path / "tags.db").string();
  {
    Engine e(engine_test::options(db));
    create(e, "Music", "id", "S");
    CHECK(tag(e, {{{"Key", "env"}, {"Value", "dev"}}}).empty());
  }
  Engine e(engine_test::options(db));
  CHECK(tags_of(e) == json::parse(R"([{"Key":"env","Value":"dev"}])"));
  ok(e, "DeleteTable", R"({"TableName":"Music"})");
  create(e, "Music", "id", "S");
  CHECK(tags_of(e) == json::array());
}

}  // namespace

// lib/table/wire.cpp: serve() against a real Engine, for every protocol-level answer of
// spec/dynamodb-api.md 1.1-1.4 (exact status, fields and body; CRC-32 recomputed here).
#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "table/table.h"

namespace {

using sls::http::Request;
using sls::http::Response;

// Bitwise CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): an implementation independent
// of the one under test.
uint32_t reference_crc32(std::string_view bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (const char ch : bytes) {
    crc ^= static_cast<uint8_t>(ch);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

constexpr std::string_view kUnknownOperation =
    R"({"__type":"com.amazon.coral.service#UnknownOperationException"})";
constexpr std::string_view kSerialization =
    R"({"__type":"com.amazon.coral.service#SerializationException"})";

Request post(std::string target, std::string body,
             std::string content_type = "application/x-amz-json-1.0") {
  Request r;
  r.method = "POST";
  r.target = "/";
  if (!content_type.empty()) r.headers.add("Content-Type", std::move(content_type));
  if (!target.empty()) r.headers.add("X-Amz-Target", std::move(target));
  r.headers.add("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-3/dynamodb/aws4_request, "
                "SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
  r.headers.add("X-Amz-Date", "20260101T000000Z");
  r.body = std::move(body);
  return r;
}

std::vector<std::string> names(const Response& r) {
  std::vector<std::string> out;
  for (const auto& [name, value] : r.headers) out.push_back(name);
  return out;
}

// The fields every answer carries: a 52-character [0-9A-Z] request id, the CRC-32 of the body
// as an unsigned decimal, and a Date.
void check_common_fields(const Response& r) {
  const std::string_view id = r.headers.get("x-amzn-RequestId");
  CHECK(id.size() == 52);
  CHECK(id.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos);
  CHECK(r.headers.get("x-amz-crc32") == std::to_string(reference_crc32(r.body)));
  CHECK(r.headers.get("Date").size() == 29);
  CHECK(r.headers.get("Date").ends_with(" GMT"));
}

struct Fixture {
  sls::table::Engine engine{options()};

  static sls::table::EngineOptions options() {
    sls::table::EngineOptions o;
    o.ttl_sweeper = false;
    return o;
  }

  Response serve(const Request& r, const sls::table::WireOptions& o = {}) {
    Response out = sls::table::serve(engine, r, o);
    check_common_fields(out);
    return out;
  }
};

}  // namespace

TEST_CASE("GET answers the health line with its trailing space") {
  Fixture f;
  Request r;
  r.method = "GET";
  r.target = "/";
  const Response out = f.serve(r);
  CHECK(out.status == 200);
  CHECK(out.body == "healthy: dynamodb.us-east-1.amazonaws.com ");
  CHECK(out.headers.get("x-amz-crc32") == "3128867991");  // the value dynalite hard-codes
  CHECK(out.headers.get("Content-Type") == "text/plain");
  CHECK(names(out) ==
        std::vector<std::string>{"Content-Type", "x-amzn-RequestId", "x-amz-crc32", "Date"});
  CHECK(f.serve(r, {.region = "eu-west-1", .strict_auth = false}).body ==
        "healthy: dynamodb.eu-west-1.amazonaws.com ");
}

TEST_CASE("A body that is not JSON 1.0 or JSON, or a method other than POST, is answered 404") {
  Fixture f;
  SUBCASE("x-amz-json-1.1") {
    const Response out =
        f.serve(post("DynamoDB_20120810.ListTables", "{}", "application/x-amz-json-1.1"));
    CHECK(out.status == 404);
    CHECK(out.body == "<UnknownOperationException/>\n");
    CHECK(out.headers.get("x-amz-crc32") == "3552371480");  // dynalite's value for this body
  }
  SUBCASE("no content type with a body") {
    const Response out = f.serve(post("DynamoDB_20120810.ListTables", "{}", ""));
    CHECK(out.status == 404);
    CHECK(out.body == "<UnknownOperationException/>\n");
  }
  SUBCASE("PUT") {
    Request r = post("DynamoDB_20120810.ListTables", "{}");
    r.method = "PUT";
    CHECK(f.serve(r).status == 404);
  }
  SUBCASE("OPTIONS without Origin is no preflight") {
    Request r = post("", "");
    r.method = "OPTIONS";
    CHECK(f.serve(r).status == 404);
  }
}

TEST_CASE("application/json with parameters is accepted like JSON 1.0") {
  Fixture f;
  const Response out = f.serve(post("Nope", "{}", "Application/JSON; charset=utf-8"));
  CHECK(out.status == 400);
  CHECK(out.body == kUnknownOperation);
  CHECK(out.headers.get("Content-Type") == "application/x-amz-json-1.0");
}

TEST_CASE("A missing or unknown X-Amz-Target is UnknownOperationException") {
  Fixture f;
  for (const char* target : {"", "ListTables", "DynamoDB_20120810.", "DynamoDB_20120810.Nope",
                             "DynamoDB_20111205.ListTables", "DynamoDB_20120810.listTables",
                             "DynamoDBStreams_20120810.ListTables", "Other.ListTables"}) {
    CAPTURE(target);
    const Response out = f.serve(post(target, "{}"));
    CHECK(out.status == 400);
    CHECK(out.body == kUnknownOperation);
    CHECK(names(out) ==
          std::vector<std::string>{"Content-Type", "x-amzn-RequestId", "x-amz-crc32", "Date"});
  }
  SUBCASE("even with an empty body, which is only looked at once the target is known") {
    CHECK(f.serve(post("DynamoDB_20120810.Nope", "")).body == kUnknownOperation);
  }
}

TEST_CASE("An unparsable body is SerializationException, before the target is looked at") {
  Fixture f;
  for (const char* body : {"{", "not json", "{\"a\":}", "[1,]", "\"unterminated"}) {
    CAPTURE(body);
    const Response known = f.serve(post("DynamoDB_20120810.ListTables", body));
    CHECK(known.status == 400);
    CHECK(known.body == kSerialization);
    CHECK(f.serve(post("Unknown.Op", body)).body == kSerialization);
  }
}

TEST_CASE("An empty body is SerializationException once the target is known") {
  Fixture f;
  const Response out = f.serve(post("DynamoDB_20120810.PutItem", ""));
  CHECK(out.status == 400);
  CHECK(out.body == kSerialization);
  // Without a body the content type does not matter.
  CHECK(f.serve(post("DynamoDB_20120810.PutItem", "", "")).body == kSerialization);
}

TEST_CASE("Known targets of both APIs reach the engine, whose answer is sent as given") {
  Fixture f;
  for (const char* target : {"DynamoDB_20120810.ListTables", "DynamoDB_20120810.CreateBackup",
                             "DynamoDBStreams_20120810.ListStreams"}) {
    CAPTURE(target);
    const std::string op = std::string(target).substr(std::string(target).find('.') + 1);
    const sls::table::Api api = std::string(target).starts_with("DynamoDBStreams")
                                    ? sls::table::Api::kStreams
                                    : sls::table::Api::kDynamoDb;
    const sls::table::Reply direct = f.engine.call(api, op, nlohmann::json::object());
    const Response out = f.serve(post(target, "{}"));
    CHECK(out.status == direct.status);
    CHECK(out.body == direct.body.dump());
    CHECK(out.headers.get("Content-Type") == "application/x-amz-json-1.0");
  }
}

TEST_CASE("A request with Origin gets CORS fields, and an OPTIONS preflight is answered 200") {
  Fixture f;
  SUBCASE("on an answer") {
    Request r = post("Nope", "{}");
    r.headers.add("Origin", "http://localhost:5173");
    const Response out = f.serve(r);
    CHECK(out.body == kUnknownOperation);
    CHECK(out.headers.get("Access-Control-Allow-Origin") == "*");
    CHECK(out.headers.get("Access-Control-Expose-Headers") ==
          "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date");
  }
  SUBCASE("preflight") {
    Request r;
    r.method = "OPTIONS";
    r.target = "/";
    r.headers.add("Origin", "http://localhost:5173");
    r.headers.add("Access-Control-Request-Method", "POST");
    r.headers.add("Access-Control-Request-Headers", "content-type,x-amz-target,authorization");
    const Response out = f.serve(r);
    CHECK(out.status == 200);
    CHECK(out.body.empty());
    CHECK(out.headers.get("x-amz-crc32") == "0");
    CHECK(names(out) ==
          std::vector<std::string>{"Access-Control-Allow-Headers", "Access-Control-Allow-Methods",
                                   "Access-Control-Max-Age", "Content-Type", "x-amzn-RequestId",
                                   "x-amz-crc32", "Date", "Access-Control-Allow-Origin",
                                   "Access-Control-Expose-Headers"});
    CHECK(out.headers.get("Access-Control-Allow-Headers") ==
          "content-type,x-amz-target,authorization");
    CHECK(out.headers.get("Access-Control-Allow-Methods") == "POST");
    CHECK(out.headers.get("Access-Control-Max-Age") == "172800");
  }
}

TEST_CASE("Credentials are never checked unless strict_auth asks for their presence") {
  Fixture f;
  const sls::table::WireOptions strict{.region = "us-east-1", .strict_auth = true};
  Request bare = post("DynamoDB_20120810.ListTables", "{}");
  bare.headers.erase("Authorization");
  const std::string engine_answer =
      f.engine.call(sls::table::Api::kDynamoDb, "ListTables", nlohmann::json::object()).body.dump();
  CHECK(f.serve(bare).body == engine_answer);
  CHECK(f.serve(post("DynamoDB_20120810.ListTables", "{}"), strict).body == engine_answer);

  SUBCASE("missing") {
    const Response out = f.serve(bare, strict);
    CHECK(out.status == 400);
    CHECK(out.body == R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",)"
                      R"("message":"Request is missing Authentication Token"})");
  }
  SUBCASE("not SigV4") {
    Request r = bare;
    r.headers.add("Authorization", "Basic dXNlcjpwYXNz");
    CHECK(f.serve(r, strict).body.find("MissingAuthenticationTokenException") != std::string::npos);
  }
  SUBCASE("header and query string both") {
    Request r = post("DynamoDB_20120810.ListTables", "{}");
    r.target = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256";
    CHECK(f.serve(r, strict).body ==
          R"({"__type":"com.amazon.coral.service#InvalidSignatureException",)"
          R"("message":"Found both 'X-Amz-Algorithm' as a query-string param and )"
          R"('Authorization' as HTTP header."})");
  }
  SUBCASE("incomplete header") {
    Request r = bare;
    r.headers.erase("X-Amz-Date");
    r.headers.add("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/x, Signature=");
    CHECK(f.serve(r, strict).body ==
          R"({"__type":"com.amazon.coral.service#IncompleteSignatureException",)"
          R"("message":"Authorization header requires 'Signature' parameter. )"
          R"(Authorization header requires 'SignedHeaders' parameter. )"
          R"(Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' )"
          R"(header. Authorization=AWS4-HMAC-SHA256 Credential=AKID/x, Signature="})");
  }
  SUBCASE("incomplete query string") {
    Request r = bare;
    r.target = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a&X-Amz-Signature=";
    CHECK(f.serve(r, strict).body ==
          R"({"__type":"com.amazon.coral.service#IncompleteSignatureException",)"
          R"("message":"AWS query-string parameters must include 'X-Amz-Signature'. )"
          R"(AWS query-string parameters must include 'X-Amz-SignedHeaders'. )"
          R"(AWS query-string parameters must include 'X-Amz-Date'. )"
          R"(Re-examine the query-string parameters."})");
  }
  SUBCASE("the target is checked before the credentials") {
    Request r = bare;
    r.headers.set("X-Amz-Target", "Nope");
    CHECK(f.serve(r, strict).body == kUnknownOperation);
  }
}

TEST_CASE("The credential scope gives the access key id and region for logs") {
  const auto scope = sls::table::parse_credential_scope(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-3/dynamodb/aws4_request, "
      "SignedHeaders=host, Signature=abc");
  REQUIRE(scope);
  CHECK(scope->access_key_id == "AKIDEXAMPLE");
  CHECK(scope->region == "eu-west-3");
  CHECK(!sls::table::parse_credential_scope("AWS4-HMAC-SHA256 Signature=abc"));
  CHECK(!sls::table::parse_credential_scope(""));
  CHECK(!sls::table::parse_credential_scope("AWS4-HMAC-SHA256 Credential=AKID"));
}

TEST_CASE("The request limit is DynamoDB's 16 MiB") {
  CHECK(sls::table::max_request_bytes() == 16u * 1024 * 1024);
}

TEST_CASE("The engine's answers are sent byte for byte, errors with their status") {
  Fixture f;
  const Response empty = f.serve(post("DynamoDB_20120810.ListTables", "{}"));
  CHECK(empty.status == 200);
  CHECK(empty.body == R"({"TableNames":[]})");
  const Response missing =
      f.serve(post("DynamoDB_20120810.DescribeTable", R"({"TableName":"Nope"})"));
  CHECK(missing.status == 400);
  CHECK(missing.body == R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
                        R"("message":"Requested resource not found: Table: Nope not found"})");
  const Response created =
      f.serve(post("DynamoDB_20120810.CreateTable",
                   R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST",)"
                   R"("AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
                   R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}]})"));
  CHECK(created.status == 200);
  // Timestamps are JSON numbers as the engine renders them (spec 1.3), untouched by the wire.
  const nlohmann::json described =
      f.engine.call(sls::table::Api::kDynamoDb, "DescribeTable", {{"TableName", "Tab"}}).body;
  const Response again = f.serve(post("DynamoDB_20120810.DescribeTable", R"({"TableName":"Tab"})"));
  CHECK(again.body == described.dump());
  const Response put =
      f.serve(post("DynamoDB_20120810.PutItem",
                   R"({"TableName":"Tab","Item":{"k":{"S":"a"},"n":{"N":"1.50"}}})"));
  CHECK(put.body == "{}");
  CHECK(f.serve(post("DynamoDB_20120810.GetItem", R"({"TableName":"Tab","Key":{"k":{"S":"a"}}})"))
            .body == R"({"Item":{"k":{"S":"a"},"n":{"N":"1.5"}}})");
}

TEST_CASE(
    "A TransactWriteItems payload over 4 MiB is refused whole; at 4 MiB it reaches the engine") {
  Fixture f;
  REQUIRE(
      f.serve(post("DynamoDB_20120810.CreateTable",
                   R"({"TableName":"tab","AttributeDefinitions":[{"AttributeName":"k",)"
                   R"("AttributeType":"S"}],"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],)"
                   R"("BillingMode":"PAY_PER_REQUEST"})"))
          .status == 200);
  // One Put whose item is padded with spaces (insignificant JSON whitespace) to an exact size.
  const auto body_of_size = [](size_t size) {
    const std::string head =
        R"({"TransactItems":[{"Put":{"TableName":"tab","Item":{"k":{"S":"a"}}}}])";
    std::string body = head;
    body.append(size - head.size() - 1, ' ');
    body += '}';
    return body;
  };
  constexpr size_t kLimit = 4 * 1024 * 1024;
  const Response over =
      f.serve(post("DynamoDB_20120810.TransactWriteItems", body_of_size(kLimit + 1)));
  CHECK(over.status == 400);
  CHECK(over.body == R"({"__type":"com.amazon.coral.validate#ValidationException",)"
                     R"("message":"Transaction request size cannot exceed 4 MB"})");
  const Response missing =
      f.serve(post("DynamoDB_20120810.GetItem", R"({"TableName":"tab","Key":{"k":{"S":"a"}}})"));
  CHECK(missing.body == "{}");  // nothing was written

  const Response at = f.serve(post("DynamoDB_20120810.TransactWriteItems", body_of_size(kLimit)));
  CHECK(at.status == 200);
  CHECK(at.body == "{}");
  const Response written =
      f.serve(post("DynamoDB_20120810.GetItem", R"({"TableName":"tab","Key":{"k":{"S":"a"}}})"));
  CHECK(written.body == R"({"Item":{"k":{"S":"a"}}})");
}

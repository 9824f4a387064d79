// lib/events: every event's exact output with its defaults, substitution of flag values
// (JSON escaping, S3 key and query encoding, MD5, base64, gzip), and the usage errors.
#include "events/events.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "core/error.h"

namespace {

using Json = nlohmann::ordered_json;
using Flags = std::map<std::string, std::string>;
using sls::events::generate;

// The expected event, written compactly here, as generate() prints it: 2-space indentation,
// keys in the order given.
std::string pretty(const char* expected) { return Json::parse(expected).dump(2); }

Json event_json(const std::string& service, const std::string& event, const Flags& flags = {}) {
  return Json::parse(generate(service, event, flags));
}

std::string usage_error(const std::string& service, const std::string& event,
                        const Flags& flags = {}) {
  try {
    (void)generate(service, event, flags);
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kUsage);
    return e.message();
  }
  return "(no error)";
}

std::string base64_decode(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(4096, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

}  // namespace

TEST_CASE("The REST proxy event with defaults has payload 1.0's shape") {
  CHECK(generate("apigateway", "aws-proxy", {}) == pretty(R"json({
  "resource": "/{proxy+}", "path": "/path/to/resource", "httpMethod": "POST",
  "headers": {"Accept": "*/*", "Content-Type": "application/json",
    "Host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "User-Agent": "curl/8.5.0",
    "X-Amzn-Trace-Id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https"},
  "multiValueHeaders": {"Accept": ["*/*"], "Content-Type": ["application/json"],
    "Host": ["a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"], "User-Agent": ["curl/8.5.0"],
    "X-Amzn-Trace-Id": ["Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09"],
    "X-Forwarded-For": ["203.0.113.7"], "X-Forwarded-Port": ["443"],
    "X-Forwarded-Proto": ["https"]},
  "queryStringParameters": {"foo": "bar"},
  "multiValueQueryStringParameters": {"foo": ["bar"]},
  "pathParameters": {"proxy": "path/to/resource"},
  "stageVariables": null,
  "requestContext": {"resourceId": "k7m2q9", "resourcePath": "/{proxy+}", "httpMethod": "POST",
    "extendedRequestId": "Dm4xWhrAIAMEb7A=", "requestTime": "09/Apr/2015:12:34:56 +0000",
    "path": "/prod/path/to/resource", "accountId": "123456789012", "protocol": "HTTP/1.1",
    "stage": "prod", "domainPrefix": "a1b2c3d4e5", "requestTimeEpoch": 1428582896000,
    "requestId": "5f0c1e7a-9b3d-4c2e-8a61-0d2f4b6e8c13",
    "identity": {"cognitoIdentityPoolId": null, "accountId": null, "cognitoIdentityId": null,
      "caller": null, "sourceIp": "203.0.113.7", "principalOrgId": null, "accessKey": null,
      "cognitoAuthenticationType": null, "cognitoAuthenticationProvider": null,
      "userArn": null, "userAgent": "curl/8.5.0", "user": null},
    "domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "apiId": "a1b2c3d4e5"},
  "body": "{\"test\":\"body\"}",
  "isBase64Encoded": false})json"));
}

TEST_CASE("The HTTP API event with defaults has payload 2.0's shape") {
  CHECK(generate("apigateway", "http-api-proxy", {}) == pretty(R"json({
  "version": "2.0", "routeKey": "$default", "rawPath": "/path/to/resource",
  "rawQueryString": "foo=bar",
  "headers": {"accept": "*/*", "content-length": "15", "content-type": "application/json",
    "host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "user-agent": "curl/8.5.0",
    "x-amzn-trace-id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "x-forwarded-for": "203.0.113.7", "x-forwarded-port": "443", "x-forwarded-proto": "https"},
  "queryStringParameters": {"foo": "bar"},
  "requestContext": {"accountId": "123456789012", "apiId": "a1b2c3d4e5",
    "domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "domainPrefix": "a1b2c3d4e5",
    "http": {"method": "POST", "path": "/path/to/resource", "protocol": "HTTP/1.1",
      "sourceIp": "203.0.113.7", "userAgent": "curl/8.5.0"},
    "requestId": "Dm4xWhrAIAMEb7A=", "routeKey": "$default", "stage": "$default",
    "time": "09/Apr/2015:12:34:56 +0000", "timeEpoch": 1428582896000},
  "body": "{\"test\":\"body\"}",
  "isBase64Encoded": false})json"));
}

TEST_CASE("The TOKEN authorizer event puts the actual path in methodArn") {
  CHECK(generate("apigateway", "authorizer", {}) == pretty(R"json({
  "type": "TOKEN", "authorizationToken": "Bearer example-token",
  "methodArn": "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/POST/path/to/resource"
  })json"));
  CHECK(event_json("apigateway", "authorizer",
                   {{"partition", "aws-cn"},
                    {"region", "cn-north-1"},
                    {"stage", "dev"},
                    {"method", "delete"},
                    {"resource", "items/42"},
                    {"restApiId", "zz9"},
                    {"token", "allow"}}) ==
        Json::parse(R"json({"type": "TOKEN", "authorizationToken": "allow",
          "methodArn": "arn:aws-cn:execute-api:cn-north-1:123456789012:zz9/dev/DELETE/items/42"})json"));
}

TEST_CASE("The REQUEST authorizer event is the request without its body") {
  CHECK(generate("apigateway", "request-authorizer", {}) == pretty(R"json({
  "type": "REQUEST",
  "methodArn": "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/test/GET/request",
  "resource": "/request", "path": "/request", "httpMethod": "GET",
  "headers": {"Accept": "*/*", "Authorization": "Bearer example-token",
    "Host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "User-Agent": "curl/8.5.0",
    "X-Amzn-Trace-Id": "Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09",
    "X-Forwarded-For": "203.0.113.7", "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https"},
  "multiValueHeaders": {"Accept": ["*/*"], "Authorization": ["Bearer example-token"],
    "Host": ["a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"], "User-Agent": ["curl/8.5.0"],
    "X-Amzn-Trace-Id": ["Root=1-552671f0-3d8e9c4b7a6f5e4d3c2b1a09"],
    "X-Forwarded-For": ["203.0.113.7"], "X-Forwarded-Port": ["443"],
    "X-Forwarded-Proto": ["https"]},
  "queryStringParameters": {"tenant": "example"},
  "multiValueQueryStringParameters": {"tenant": ["example"]},
  "pathParameters": null, "stageVariables": null,
  "requestContext": {"path": "/test/request", "accountId": "123456789012", "resourceId": "k7m2q9",
    "stage": "test", "requestId": "5f0c1e7a-9b3d-4c2e-8a61-0d2f4b6e8c13",
    "identity": {"sourceIp": "203.0.113.7"}, "resourcePath": "/request", "httpMethod": "GET",
    "apiId": "a1b2c3d4e5"}})json"));
}

TEST_CASE("The S3 put and delete events with defaults") {
  const char* records = R"json({"Records": [{
  "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
  "eventTime": "2015-04-09T12:34:56.000Z", "eventName": "%s",
  "userIdentity": {"principalId": "AWS:AIDAIOSFODNN7EXAMPLE"},
  "requestParameters": {"sourceIPAddress": "203.0.113.7"},
  "responseElements": {"x-amz-request-id": "4D6B8E2A9C1F3E57",
    "x-amz-id-2": "k9Yl2Vq7Rz0HfT3uWm8Xb5Nc1Pd6Ge4Sj0Lh2Ka7Mo9Qr3Ts5Uv8Wx1Yz4Ab6Cd8Ef0Gh2Ij4Kl6="},
  "s3": {"s3SchemaVersion": "1.0", "configurationId": "example-notification",
    "bucket": {"name": "example-bucket", "ownerIdentity": {"principalId": "A1B2C3D4E5F6G7"},
      "arn": "arn:aws:s3:::example-bucket"},
    "object": %s}}]})json";
  const auto expect = [&](const std::string& name, const std::string& object) {
    std::string text = records;
    text.replace(text.find("%s"), 2, name);
    text.replace(text.find("%s"), 2, object);
    return Json::parse(text).dump(2);
  };
  CHECK(generate("s3", "put", {}) ==
        expect("ObjectCreated:Put",
               R"({"key": "test/key", "size": 1024, "eTag": "0f343b0931126a20f133d67c2b018a3b",
                   "sequencer": "00552671F0A1B2C3D4"})"));
  CHECK(
      generate("s3", "delete", {}) ==
      expect("ObjectRemoved:Delete", R"({"key": "test/key", "sequencer": "00552671F0A1B2C3D5"})"));
}

TEST_CASE("The SQS event with defaults carries the body's real MD5") {
  // MD5("Hello from SQS!") from `printf 'Hello from SQS!' | openssl md5`.
  CHECK(generate("sqs", "receive-message", {}) == pretty(R"json({"Records": [{
  "messageId": "3f8d8a5e-2c71-4d5b-9f7e-6c1a0b2d4e6f",
  "receiptHandle": "AQEBz9xK2mV7pL4qR8sT1uW3yA6bC9dE2fG5hJ8kM1nP4rS7tU0vX3zB6cD9eF2gH5jK8mN1pQ4sT7vW0yZ3bC6eF9hJ2kM5nQ8rT1uW4xA7cD0fG3iK6lN9oR2sU5vX8yB1dE4gH7jL0mP3qS6tV9wZ2=",
  "body": "Hello from SQS!",
  "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1428582896000",
    "SenderId": "AIDAIOSFODNN7EXAMPLE", "ApproximateFirstReceiveTimestamp": "1428582896010"},
  "messageAttributes": {},
  "md5OfBody": "7b270e59b47ff90a553787216d55d91d",
  "eventSource": "aws:sqs",
  "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:MyQueue",
  "awsRegion": "us-east-1"}]})json"));
}

TEST_CASE("The SNS event with defaults") {
  CHECK(generate("sns", "notification", {}) == pretty(R"json({"Records": [{
  "EventSource": "aws:sns", "EventVersion": "1.0",
  "EventSubscriptionArn": "arn:aws:sns:us-east-1:123456789012:ExampleTopic:6a1c2f8e-4b3d-4e5f-8a7b-9c0d1e2f3a4b",
  "Sns": {"Type": "Notification", "MessageId": "7c2e9f4a-1b6d-5e8f-a3c0-4d7b2e9f1a6c",
    "TopicArn": "arn:aws:sns:us-east-1:123456789012:ExampleTopic",
    "Subject": "example subject", "Message": "example message",
    "Timestamp": "2015-04-09T12:34:56.000Z", "SignatureVersion": "1",
    "Signature": "RXhhbXBsZVNpZ25hdHVyZU5vdFZlcmlmaWFibGVFeGFtcGxlU2lnbmF0dXJlTm90VmVyaWZpYWJsZQ==",
    "SigningCertUrl": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c1e5b7d3a2f4e6c8b0d1a3f5e7c9b2d.pem",
    "UnsubscribeUrl": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:ExampleTopic:6a1c2f8e-4b3d-4e5f-8a7b-9c0d1e2f3a4b",
    "MessageAttributes": {}}}]})json"));
}

TEST_CASE("The DynamoDB stream event with defaults inserts, modifies and removes an item") {
  const std::string arn =
      "arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream/stream/"
      "2015-04-09T12:00:00.000";
  Json expected = Json::parse(R"json({"Records": [
  {"eventID": "7de3041dd5b4e2a8c6f9b1d0e3a5c7f2", "eventName": "INSERT", "eventVersion": "1.1",
   "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
   "dynamodb": {"ApproximateCreationDateTime": 1428582896, "Keys": {"id": {"S": "order-1"}},
     "NewImage": {"id": {"S": "order-1"}, "status": {"S": "placed"}, "total": {"N": "42.5"}},
     "SequenceNumber": "111100000000004417452191", "SizeBytes": 41,
     "StreamViewType": "NEW_AND_OLD_IMAGES"},
   "eventSourceARN": "ARN"},
  {"eventID": "a2c4e6f8b0d1e3f5a7c9e1b3d5f7a9c0", "eventName": "MODIFY", "eventVersion": "1.1",
   "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
   "dynamodb": {"ApproximateCreationDateTime": 1428582897, "Keys": {"id": {"S": "order-1"}},
     "NewImage": {"id": {"S": "order-1"}, "status": {"S": "shipped"}, "total": {"N": "42.5"}},
     "OldImage": {"id": {"S": "order-1"}, "status": {"S": "placed"}, "total": {"N": "42.5"}},
     "SequenceNumber": "111200000000004417452192", "SizeBytes": 73,
     "StreamViewType": "NEW_AND_OLD_IMAGES"},
   "eventSourceARN": "ARN"},
  {"eventID": "f1e2d3c4b5a69788a9b0c1d2e3f4a5b6", "eventName": "REMOVE", "eventVersion": "1.1",
   "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
   "dynamodb": {"ApproximateCreationDateTime": 1428582898, "Keys": {"id": {"S": "order-1"}},
     "OldImage": {"id": {"S": "order-1"}, "status": {"S": "shipped"}, "total": {"N": "42.5"}},
     "SequenceNumber": "111300000000004417452193", "SizeBytes": 42,
     "StreamViewType": "NEW_AND_OLD_IMAGES"},
   "eventSourceARN": "ARN"}]})json");
  for (Json& r : expected["Records"]) r["eventSourceARN"] = arn;
  CHECK(generate("dynamodb", "update", {}) == expected.dump(2));
  const Json custom =
      event_json("dynamodb", "update",
                 {{"table", "Orders"}, {"region", "eu-west-1"}, {"account-id", "210987654321"}});
  CHECK(custom["Records"][2]["eventSourceARN"] ==
        "arn:aws:dynamodb:eu-west-1:210987654321:table/Orders/stream/2015-04-09T12:00:00.000");
  CHECK(custom["Records"][1]["awsRegion"] == "eu-west-1");
}

TEST_CASE("The schedule event is printed with 2-space indentation, under both service names") {
  const std::string expected = R"({
  "version": "0",
  "id": "0d4c8b2e-6f1a-4e3d-9b7c-5a2e8f1d3c6b",
  "detail-type": "Scheduled Event",
  "source": "aws.events",
  "account": "123456789012",
  "time": "2015-04-09T12:34:56Z",
  "region": "us-east-1",
  "resources": [
    "arn:aws:events:us-east-1:123456789012:rule/ExampleRule"
  ],
  "detail": {}
})";
  CHECK(generate("cloudwatch", "scheduled-event", {}) == expected);
  CHECK(generate("eventbridge", "scheduled-event", {}) == expected);
  CHECK(event_json("cloudwatch", "scheduled-event",
                   {{"rule", "nightly"},
                    {"partition", "aws-us-gov"},
                    {"region", "us-gov-west-1"}})["resources"][0] ==
        "arn:aws-us-gov:events:us-gov-west-1:123456789012:rule/nightly");
}

TEST_CASE("The EventBridge custom event takes its detail as a JSON object") {
  CHECK(generate("eventbridge", "custom-event", {}) == pretty(R"json({
  "version": "0", "id": "9e1f3a5c-7b2d-4c6e-8f0a-1b3d5e7f9a2c", "detail-type": "Order Placed",
  "source": "com.example.orders", "account": "123456789012", "time": "2015-04-09T12:34:56Z",
  "region": "us-east-1", "resources": [], "detail": {"orderId": "order-1"}})json"));
  const Json e = event_json("eventbridge", "custom-event",
                            {{"detail", R"({"b": [1, 2.5, true, null], "a": {"x": "y"}})"},
                             {"detail-type", "Thing \"Happened\""}});
  CHECK(e["detail"].dump() == R"({"b":[1,2.5,true,null],"a":{"x":"y"}})");
  CHECK(e["detail-type"] == "Thing \"Happened\"");
}

TEST_CASE("The Kinesis event base64-encodes the record data") {
  CHECK(generate("kinesis", "get-records", {}) == pretty(R"json({"Records": [{
  "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "partitionKey-03",
    "sequenceNumber": "49545115243490985018280067714973144582180062593244200961",
    "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4=",
    "approximateArrivalTimestamp": 1428582896.123},
  "eventSource": "aws:kinesis", "eventVersion": "1.0",
  "eventID": "shardId-000000000000:49545115243490985018280067714973144582180062593244200961",
  "eventName": "aws:kinesis:record",
  "invokeIdentityArn": "arn:aws:iam::123456789012:role/example-function-role",
  "awsRegion": "us-east-1",
  "eventSourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/example-stream"}]})json"));
  // base64 of the UTF-8 bytes, from python3 -c "base64.b64encode('café ☃'.encode())".
  CHECK(event_json("kinesis", "get-records",
                   {{"data", "café ☃"}})["Records"][0]["kinesis"]["data"] == "Y2Fmw6kg4piD");
  CHECK(event_json("kinesis", "get-records", {{"data", "ab"}})["Records"][0]["kinesis"]["data"] ==
        "YWI=");
  CHECK(event_json("kinesis", "get-records", {{"data", ""}})["Records"][0]["kinesis"]["data"] ==
        "");
}

TEST_CASE("The CloudWatch Logs event holds the gzipped, base64-encoded subscription data") {
  const Json e = event_json("cloudwatch", "logs");
  REQUIRE(e.size() == 1);
  REQUIRE(e["awslogs"].size() == 1);
  const std::string data = e["awslogs"]["data"];
  CHECK(data.starts_with("H4sI"));  // the gzip magic bytes 1f 8b 08, base64-encoded
  CHECK(gunzip(base64_decode(data)) ==
        R"({"messageType":"DATA_MESSAGE","owner":"123456789012",)"
        R"("logGroup":"/aws/lambda/example-function",)"
        R"("logStream":"2015/04/09/[$LATEST]9f3b1c7e5a2d4f6b8c0e1a3d5f7b9c2e",)"
        R"("subscriptionFilters":["example-filter"],"logEvents":[{"id":)"
        R"("32154979853245125963840212430372346453960226375812399104",)"
        R"("timestamp":1428582896000,"message":"example log message"}]})");
  const Json custom = Json::parse(gunzip(base64_decode(
      event_json("cloudwatch", "logs",
                 {{"log-group", "/app/\"x\""}, {"message", "line 1\nline 2"}})["awslogs"]["data"]
          .get<std::string>())));
  CHECK(custom["logGroup"] == "/app/\"x\"");
  CHECK(custom["logEvents"][0]["message"] == "line 1\nline 2");
  CHECK(generate("cloudwatch", "logs", {}) == generate("cloudwatch", "logs", {}));
}

TEST_CASE("Flag values with quotes, backslashes, control characters and Unicode stay exact") {
  const std::string body = "say \"hi\"\\ \n\tcafé ☃ \x01";
  const std::string out = generate("sqs", "receive-message", {{"body", body}});
  CHECK(out.find(R"("body": "say \"hi\"\\ \n\tcafé ☃ \u0001",)") != std::string::npos);
  const Json e = Json::parse(out);
  CHECK(e["Records"][0]["body"] == body);
  // MD5 of the UTF-8 bytes, from python3 hashlib.md5(body.encode()).hexdigest().
  CHECK(e["Records"][0]["md5OfBody"] == "b1b2246104b13b038bdba0698560ef18");
  CHECK(event_json("sqs", "receive-message", {{"body", ""}})["Records"][0]["md5OfBody"] ==
        "d41d8cd98f00b204e9800998ecf8427e");
  // A value that looks like a placeholder is not substituted again.
  CHECK(event_json("sns", "notification",
                   {{"message", "{{topic}} {\"a\": 1}"}})["Records"][0]["Sns"]["Message"] ==
        "{{topic}} {\"a\": 1}");
  CHECK(event_json("apigateway", "aws-proxy", {{"body", "{\"k\": \"v\\n\"}"}})["body"] ==
        "{\"k\": \"v\\n\"}");
}

TEST_CASE("S3 keys are URL-encoded as S3 sends them") {
  const auto key = [](const std::string& k) {
    return event_json("s3", "put", {{"key", k}})["Records"][0]["s3"]["object"]["key"];
  };
  CHECK(key("test/key") == "test/key");
  CHECK(key("my photo (1).jpg") == "my+photo+%281%29.jpg");
  CHECK(key("a+b=c&d") == "a%2Bb%3Dc%26d");
  CHECK(key("dir/sub dir/file_name-1.2*") == "dir/sub+dir/file_name-1.2*");
  CHECK(key("café ☃.txt") == "caf%C3%A9+%E2%98%83.txt");
  CHECK(key("~\"%#") == "%7E%22%25%23");
  const Json del = event_json("s3", "delete",
                              {{"key", "old file.txt"},
                               {"bucket", "my.bucket"},
                               {"region", "eu-west-1"},
                               {"partition", "aws-cn"}});
  CHECK(del["Records"][0]["s3"]["object"]["key"] == "old+file.txt");
  CHECK(del["Records"][0]["s3"]["bucket"]["arn"] == "arn:aws-cn:s3:::my.bucket");
  CHECK(del["Records"][0]["awsRegion"] == "eu-west-1");
}

TEST_CASE("The REST proxy event's path parameters and query strings follow its flags") {
  SUBCASE("a named parameter and a repeated query name") {
    const Json e = event_json("apigateway", "aws-proxy",
                              {{"resource", "/items/{id}"},
                               {"path", "/items/42"},
                               {"method", "get"},
                               {"stage", "Prod"},
                               {"querystringparameters", R"({"tag": ["a", "b"], "q": "x y"})"},
                               {"body", ""}});
    CHECK(e["pathParameters"] == Json::parse(R"({"id": "42"})"));
    CHECK(e["queryStringParameters"] == Json::parse(R"({"tag": "b", "q": "x y"})"));
    CHECK(e["multiValueQueryStringParameters"] ==
          Json::parse(R"({"tag": ["a", "b"], "q": ["x y"]})"));
    CHECK(e["httpMethod"] == "GET");
    CHECK(e["body"].is_null());
    CHECK_FALSE(e["headers"].contains("Content-Type"));
    CHECK_FALSE(e["multiValueHeaders"].contains("Content-Type"));
    CHECK(e["requestContext"]["path"] == "/Prod/items/42");
    CHECK(e["requestContext"]["resourcePath"] == "/items/{id}");
  }
  SUBCASE("no parameters, no query string, a text body") {
    const Json e = event_json(
        "apigateway", "aws-proxy",
        {{"resource", "/"}, {"path", "/"}, {"querystringparameters", "{}"}, {"body", "plain"}});
    CHECK(e["pathParameters"].is_null());
    CHECK(e["queryStringParameters"].is_null());
    CHECK(e["multiValueQueryStringParameters"].is_null());
    CHECK(e["headers"]["Content-Type"] == "text/plain");
    CHECK(e["body"] == "plain");
  }
  SUBCASE("SAM CLI's path without a leading slash") {
    const Json e = event_json("apigateway", "aws-proxy", {{"path", "a/b/c"}});
    CHECK(e["path"] == "/a/b/c");
    CHECK(e["pathParameters"] == Json::parse(R"({"proxy": "a/b/c"})"));
  }
}

TEST_CASE("The HTTP API event encodes rawQueryString and omits what is absent") {
  const Json e =
      event_json("apigateway", "http-api-proxy",
                 {{"stage", "dev"},
                  {"querystringparameters", R"({"q": "a b&c", "t": ["1", "2"], "é": "☃"})"},
                  {"body", ""},
                  {"method", "Put"}});
  CHECK(e["rawPath"] == "/dev/path/to/resource");
  CHECK(e["requestContext"]["http"]["path"] == "/dev/path/to/resource");
  CHECK(e["rawQueryString"] == "q=a%20b%26c&t=1&t=2&%C3%A9=%E2%98%83");
  CHECK(e["queryStringParameters"] == Json::parse(R"({"q": "a b&c", "t": "1,2", "é": "☃"})"));
  CHECK(e["requestContext"]["http"]["method"] == "PUT");
  CHECK(e["requestContext"]["stage"] == "dev");
  CHECK_FALSE(e.contains("body"));
  CHECK_FALSE(e["headers"].contains("content-type"));
  CHECK_FALSE(e["headers"].contains("content-length"));
  const Json bare = event_json("apigateway", "http-api-proxy", {{"querystringparameters", "{}"}});
  CHECK(bare["rawQueryString"] == "");
  CHECK_FALSE(bare.contains("queryStringParameters"));
  CHECK(bare["headers"]["content-length"] == "15");
}

TEST_CASE("An SNS message without a subject arrives with a null Subject") {
  const Json e = event_json("sns", "notification",
                            {{"subject", ""},
                             {"topic", "orders.fifo"},
                             {"region", "cn-north-1"},
                             {"partition", "aws-cn"}});
  CHECK(e["Records"][0]["Sns"]["Subject"].is_null());
  CHECK(e["Records"][0]["Sns"]["TopicArn"] == "arn:aws-cn:sns:cn-north-1:123456789012:orders.fifo");
  CHECK(e["Records"][0]["Sns"]["SigningCertUrl"].get<std::string>().starts_with(
      "https://sns.cn-north-1.amazonaws.com.cn/"));
}

TEST_CASE("Unknown services, events and flags are usage errors that list what exists") {
  CHECK(usage_error("s4", "put") ==
        "unknown service \"s4\"; services: apigateway, cloudwatch, dynamodb, eventbridge, "
        "kinesis, s3, sns, sqs");
  CHECK(usage_error("s3", "get") == "unknown event \"get\" for service s3; events: delete, put");
  CHECK(usage_error("s3", "put", {{"bucket", "b"}, {"size", "1"}}) ==
        "unknown flag --size for s3 put; flags: --region, --partition, --bucket, --key");
  CHECK(usage_error("sqs", "receive-message", {{"queue_name", "q"}}) ==
        "unknown flag --queue_name for sqs receive-message; flags: --partition, --region, "
        "--account-id, --queue-name, --body");
}

TEST_CASE("Values a flag refuses are usage errors naming the flag, the value and the rule") {
  CHECK(usage_error("sqs", "receive-message", {{"account-id", "12345"}}) ==
        "invalid --account-id \"12345\": expected 12 digits");
  CHECK(usage_error("apigateway", "aws-proxy", {{"method", "ANY"}}) ==
        "invalid --method \"ANY\": expected one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  CHECK(usage_error("apigateway", "aws-proxy", {{"resource", "/items/{id}"}, {"path", "/a/b"}}) ==
        "invalid --path \"/a/b\": expected a path that --resource \"/items/{id}\" matches");
  CHECK(usage_error("apigateway", "aws-proxy", {{"querystringparameters", "foo=bar"}}) ==
        "invalid --querystringparameters \"foo=bar\": expected a JSON object");
  CHECK(usage_error("apigateway", "http-api-proxy", {{"querystringparameters", R"({"a": 1})"}}) ==
        "invalid --querystringparameters \"{\\\"a\\\": 1}\": expected a JSON object of strings or "
        "non-empty lists of strings");
  CHECK(usage_error("apigateway", "aws-proxy", {{"stage", "$default"}}) ==
        "invalid --stage \"$default\": expected letters, digits, - and _");
  CHECK(usage_error("eventbridge", "custom-event", {{"detail", "[1]"}}) ==
        "invalid --detail \"[1]\": expected a JSON object");
  CHECK(usage_error("sqs", "receive-message", {{"queue-name", "my queue"}}) ==
        "invalid --queue-name \"my queue\": expected a queue name (up to 80 letters, digits, - "
        "and _, and .fifo for a FIFO queue)");
  CHECK(usage_error("s3", "put", {{"key", ""}}) ==
        "invalid --key \"\": expected an object key (at least one character)");
  CHECK(usage_error("kinesis", "get-records", {{"sequence", "12a"}}) ==
        "invalid --sequence \"12a\": expected a sequence number (digits)");
  CHECK(usage_error("sns", "notification", {{"message", "\xff"}}) ==
        "invalid --message: the value is not valid UTF-8");
}

TEST_CASE("The catalog lists SAM CLI's services, events and flags, each with a default") {
  const auto& services = sls::events::catalog();
  std::map<std::string, std::map<std::string, std::set<std::string>>> flags;
  for (const auto& s : services) {
    CHECK_FALSE(s.help.empty());
    for (const auto& e : s.events) {
      CHECK_FALSE(e.help.empty());
      for (const auto& f : e.flags) {
        CHECK_FALSE(f.help.empty());
        flags[s.name][e.name].insert(f.name);
      }
      // Every event generates with its defaults, and with each default given explicitly.
      Flags given;
      for (const auto& f : e.flags) given[f.name] = f.default_value;
      CHECK(generate(s.name, e.name, given) == generate(s.name, e.name, {}));
    }
    CHECK(std::is_sorted(s.events.begin(), s.events.end(),
                         [](const auto& a, const auto& b) { return a.name < b.name; }));
  }
  CHECK(std::is_sorted(services.begin(), services.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
  using Set = std::set<std::string>;
  // SAM CLI's flags (event-mapping.json) are all accepted, so its scripts work.
  const std::map<std::pair<std::string, std::string>, Set> sam = {
      {{"apigateway", "aws-proxy"},
       {"body", "stage", "method", "resource", "path", "querystringparameters", "account-id",
        "dns-suffix"}},
      {{"apigateway", "http-api-proxy"},
       {"body", "stage", "method", "path", "account-id", "dns-suffix"}},
      {{"apigateway", "authorizer"},
       {"account-id", "partition", "region", "stage", "method", "resource", "restApiId"}},
      {{"apigateway", "request-authorizer"},
       {"account-id", "partition", "region", "stage", "method", "resource", "restApiId"}},
      {{"s3", "put"}, {"region", "partition", "bucket", "key"}},
      {{"s3", "delete"}, {"region", "partition", "bucket", "key"}},
      {{"sqs", "receive-message"}, {"partition", "region", "account-id", "queue-name", "body"}},
      {{"sns", "notification"},
       {"account-id", "partition", "region", "topic", "subject", "message"}},
      {{"dynamodb", "update"}, {"account-id", "partition", "region", "table"}},
      {{"cloudwatch", "scheduled-event"}, {"account-id", "partition", "region", "rule"}},
      {{"cloudwatch", "logs"}, {}},
      {{"kinesis", "get-records"}, {"region", "partition", "sequence", "data", "partition-key"}},
  };
  for (const auto& [where, want] : sam) {
    CAPTURE(where.first);
    CAPTURE(where.second);
    const Set& have = flags[where.first][where.second];
    CHECK(std::includes(have.begin(), have.end(), want.begin(), want.end()));
  }
}

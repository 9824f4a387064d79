// lib/template/tables.cpp: the CreateTable (and UpdateTimeToLive) requests for the tables a
// template declares, compared as whole JSON documents.
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "template/template.h"
#include "template_test_util.h"

namespace {

using nlohmann::json;

json requests(const std::string& yaml, const sls::tmpl::Bindings& bindings = {}) {
  return sls::tmpl::table_requests(
      sls::tmpl::App::build(sls::tmpl::load_string(yaml, "template.yaml"), bindings));
}

// The error table_requests() throws, as "file:line:col: message".
std::string error_of(const std::string& yaml) {
  try {
    requests(yaml);
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kTemplateInvalid);
    return sls::format_loc(e.where()) + ": " + e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE(
    "A SimpleTable without properties is a PAY_PER_REQUEST table keyed by id, named by its "
    "logical id") {
  const json r = requests(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Serverless::SimpleTable
)");
  CHECK(r == json::parse(R"([{"LogicalId":"Users","Line":3,"Column":3,"CreateTable":{
    "TableName":"Users","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}}])"));
}

TEST_CASE("A SimpleTable's PrimaryKey, throughput, name, SSE and tags become CreateTable's") {
  const json r = requests(R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Globals:
  SimpleTable:
    SSESpecification: {SSEEnabled: true}
Resources:
  Orders:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: !Sub orders-${Stage}
      PrimaryKey: {Name: orderId, Type: Number}
      ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: "2"}
      Tags: {team: shop, stage: !Ref Stage}
)",
                          {.overrides = {{"Stage", "prod"}}, .pseudo = {}});
  CHECK(r[0]["CreateTable"] == json::parse(R"({
    "TableName":"orders-prod","BillingMode":"PROVISIONED",
    "AttributeDefinitions":[{"AttributeName":"orderId","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"orderId","KeyType":"HASH"}],
    "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":2},
    "SSESpecification":{"Enabled":true},
    "Tags":[{"Key":"team","Value":"shop"},{"Key":"stage","Value":"prod"}]})"));
}

TEST_CASE("An AWS::DynamoDB::Table maps every CreateTable property, and TTL becomes its own call") {
  const json r = requests(R"(Resources:
  Events:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: events
      BillingMode: PROVISIONED
      ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
      AttributeDefinitions:
        - {AttributeName: pk, AttributeType: S}
        - {AttributeName: sk, AttributeType: S}
        - {AttributeName: g, AttributeType: N}
      KeySchema:
        - {AttributeName: pk, KeyType: HASH}
        - {AttributeName: sk, KeyType: RANGE}
      GlobalSecondaryIndexes:
        - IndexName: byG
          KeySchema: [{AttributeName: g, KeyType: HASH}]
          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [a, b]}
          ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 3}
          ContributorInsightsSpecification: {Enabled: true}
      LocalSecondaryIndexes:
        - IndexName: byPkG
          KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: g, KeyType: RANGE}]
          Projection: {ProjectionType: KEYS_ONLY}
      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
      TimeToLiveSpecification: {AttributeName: expires, Enabled: true}
      SSESpecification: {SSEEnabled: false}
      TableClass: STANDARD
      DeletionProtectionEnabled: false
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
      Tags: [{Key: k, Value: v}]
)");
  CHECK(r == json::parse(R"([{"LogicalId":"Events","Line":2,"Column":3,
   "CreateTable":{"TableName":"events","BillingMode":"PROVISIONED",
    "ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
      {"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
      "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["a","b"]},
      "ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}}],
    "LocalSecondaryIndexes":[{"IndexName":"byPkG","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
      {"AttributeName":"g","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],
    "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},
    "SSESpecification":{"Enabled":false},"TableClass":"STANDARD",
    "DeletionProtectionEnabled":false,"Tags":[{"Key":"k","Value":"v"}]},
   "UpdateTimeToLive":{"TableName":"events",
    "TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}}}])"));
}

TEST_CASE("A DynamoDB table without BillingMode is on-demand unless it gives a throughput") {
  const json r = requests(R"(Resources:
  A:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: k, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: k, AttributeType: S}]
  B:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: k, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: k, AttributeType: S}]
      ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
  NotATable:
    Type: AWS::SQS::Queue
)");
  REQUIRE(r.size() == 2);
  CHECK(r[0]["CreateTable"]["TableName"] == "A");
  CHECK(r[0]["CreateTable"]["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(r[1]["CreateTable"]["TableName"] == "B");
  CHECK(r[1]["CreateTable"]["BillingMode"] == "PROVISIONED");
}

TEST_CASE("Tables whose Condition is false are not created") {
  const json r = requests(R"(Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::Serverless::SimpleTable
    Condition: IsProd
  Always:
    Type: AWS::Serverless::SimpleTable
)");
  REQUIRE(r.size() == 1);
  CHECK(r[0]["LogicalId"] == "Always");
}

TEST_CASE("Properties of the wrong shape, or unresolvable, are located errors") {
  CHECK(error_of(R"(Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !GetAtt Other.Arn
)") == "template.yaml:5:18: table T: TableName uses Fn::GetAtt, which cannot be resolved "
       "without a deployment");
  CHECK(error_of(R"(Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: {AttributeName: k}
)") == "template.yaml:5:18: table T: KeySchema must be a list, not map");
  CHECK(error_of(R"(Resources:
  T:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: k, Type: Text}
)") == "template.yaml:5:35: table T: PrimaryKey Type must be String, Number or Binary, not Text");
  CHECK(error_of(R"(Resources:
  T:
    Type: AWS::Serverless::SimpleTable
    Properties:
      ProvisionedThroughput: {ReadCapacityUnits: many, WriteCapacityUnits: 1}
)") == "template.yaml:5:50: table T: ReadCapacityUnits must be an integer, not \"many\"");
}

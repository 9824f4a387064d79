// Fuzzes the DynamoDB request path: the wire (body parsing, target dispatch) and every engine
// operation's validation and execution. The first byte picks the operation, the rest is the
// request body. One in-memory engine lives for the whole run with two tables (one with a sort
// key, a GSI, an LSI and a stream) so that item operations reach their execution paths, not only
// ResourceNotFoundException. Any input must give an HTTP answer; a crash, a hang or a 500 is a
// finding (500 means an exception of ours escaped to the catch-all).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

#include "table/table.h"

namespace {

constexpr std::string_view kOperations[] = {
    "PutItem",
    "GetItem",
    "UpdateItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchGetItem",
    "BatchWriteItem",
    "TransactWriteItems",
    "TransactGetItems",
    "ExecuteStatement",
    "BatchExecuteStatement",
    "ExecuteTransaction",
    "CreateTable",
    "UpdateTable",
    "DescribeTable",
    "ListTables",
    "DeleteTable",
    "UpdateTimeToLive",
    "DescribeTimeToLive",
    "TagResource",
    "UntagResource",
    "ListTagsOfResource",
    "Streams:ListStreams",
    "Streams:DescribeStream",
    "Streams:GetShardIterator",
    "Streams:GetRecords",
};

constexpr std::string_view kSetup[] = {
    R"({"TableName":"t","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
    R"({"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"},)"
    R"({"AttributeName":"l","AttributeType":"B"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},)"
    R"({"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",)"
    R"("GlobalSecondaryIndexes":[{"IndexName":"gi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],)"
    R"("Projection":{"ProjectionType":"ALL"}}],"LocalSecondaryIndexes":[{"IndexName":"li",)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"l","KeyType":"RANGE"}],)"
    R"("Projection":{"ProjectionType":"KEYS_ONLY"}}],)"
    R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})",
    R"({"TableName":"h","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})",
};

sls::table::Engine& engine() {
  static sls::table::Engine* e = [] {
    sls::table::EngineOptions options;
    options.ttl_sweeper = false;
    auto* out = new sls::table::Engine(options);
    for (std::string_view body : kSetup) {
      sls::http::Request r;
      r.method = "POST";
      r.target = "/";
      r.headers.add("X-Amz-Target", "DynamoDB_20120810.CreateTable");
      r.headers.add("Content-Type", "application/x-amz-json-1.0");
      r.body = body;
      sls::table::serve(*out, r);
    }
    return out;
  }();
  return *e;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view op = kOperations[data[0] % std::size(kOperations)];
  std::string target = "DynamoDB_20120810.";
  if (op.starts_with("Streams:")) {
    target = "DynamoDBStreams_20120810.";
    op.remove_prefix(8);
  }
  target += op;
  sls::http::Request request;
  request.method = "POST";
  request.target = "/";
  request.headers.add("X-Amz-Target", target);
  request.headers.add("Content-Type", "application/x-amz-json-1.0");
  request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  sls::http::Response response = sls::table::serve(engine(), request);
  if (response.status >= 500) std::abort();  // an exception escaped to the catch-all
  return 0;
}

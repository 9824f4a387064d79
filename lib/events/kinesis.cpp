// Kinesis Data Streams records as Lambda's event source mapping delivers them, one record; the
// data is base64-encoded as Lambda sends it.
#include <algorithm>

#include "events/checks.h"
#include "events/encode.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kGetRecords = R"json({
  "Records": [
    {
      "kinesis": {
        "kinesisSchemaVersion": "1.0",
        "partitionKey": "{{partition-key}}",
        "sequenceNumber": "{{sequence}}",
        "data": "{{encoded-data}}",
        "approximateArrivalTimestamp": 1428582896.123
      },
      "eventSource": "aws:kinesis",
      "eventVersion": "1.0",
      "eventID": "shardId-000000000000:{{sequence}}",
      "eventName": "aws:kinesis:record",
      "invokeIdentityArn": "arn:{{partition}}:iam::{{account-id}}:role/example-function-role",
      "awsRegion": "{{region}}",
      "eventSourceARN": "arn:{{partition}}:kinesis:{{region}}:{{account-id}}:stream/{{stream}}"
    }
  ]
})json";

constexpr size_t kStreamNameMax = 128;    // Kinesis's limit
constexpr size_t kPartitionKeyMax = 256;  // Kinesis's limit, in Unicode characters

void derive(Values& v) {
  check_account_id(v);
  check_name(v, "stream", kStreamNameMax, "-_.", "a stream name (letters, digits, -, _ and .)");
  const std::string& key = flag(v, "partition-key");
  if (key.empty() || key.size() > kPartitionKeyMax) {
    refuse("partition-key", key, "1 to 256 characters");
  }
  const std::string& sequence = flag(v, "sequence");
  if (sequence.empty() ||
      !std::all_of(sequence.begin(), sequence.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    refuse("sequence", sequence, "a sequence number (digits)");
  }
  v["encoded-data"] = base64_encode(flag(v, "data"));
}

}  // namespace

ServiceDef kinesis_service() {
  return {"kinesis",
          "Amazon Kinesis Data Streams",
          {
              {"get-records",
               "Records read from a stream",
               {
                   {"region", "AWS region", "us-east-1"},
                   {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
                   {"sequence", "Sequence number",
                    "49545115243490985018280067714973144582180062593244200961"},
                   {"data", "Record data, as text (base64-encoded in the event)",
                    "Hello, this is a test 123."},
                   {"partition-key", "Partition key", "partitionKey-03"},
                   {"account-id", "AWS account id", "123456789012"},
                   {"stream", "Stream name", "example-stream"},
               },
               kGetRecords,
               derive},
          }};
}

}  // namespace sls::events::detail

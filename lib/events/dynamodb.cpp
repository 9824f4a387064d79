// DynamoDB Streams records as Lambda receives them: an item inserted, modified, then removed,
// from a stream with view type NEW_AND_OLD_IMAGES.
#include "events/checks.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kUpdate = R"json({
  "Records": [
    {
      "eventID": "7de3041dd5b4e2a8c6f9b1d0e3a5c7f2",
      "eventName": "INSERT",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "{{region}}",
      "dynamodb": {
        "ApproximateCreationDateTime": 1428582896,
        "Keys": {
          "id": {"S": "order-1"}
        },
        "NewImage": {
          "id": {"S": "order-1"},
          "status": {"S": "placed"},
          "total": {"N": "42.5"}
        },
        "SequenceNumber": "111100000000004417452191",
        "SizeBytes": 41,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "{{stream-arn}}"
    },
    {
      "eventID": "a2c4e6f8b0d1e3f5a7c9e1b3d5f7a9c0",
      "eventName": "MODIFY",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "{{region}}",
      "dynamodb": {
        "ApproximateCreationDateTime": 1428582897,
        "Keys": {
          "id": {"S": "order-1"}
        },
        "NewImage": {
          "id": {"S": "order-1"},
          "status": {"S": "shipped"},
          "total": {"N": "42.5"}
        },
        "OldImage": {
          "id": {"S": "order-1"},
          "status": {"S": "placed"},
          "total": {"N": "42.5"}
        },
        "SequenceNumber": "111200000000004417452192",
        "SizeBytes": 73,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "{{stream-arn}}"
    },
    {
      "eventID": "f1e2d3c4b5a69788a9b0c1d2e3f4a5b6",
      "eventName": "REMOVE",
      "eventVersion": "1.1",
      "eventSource": "aws:dynamodb",
      "awsRegion": "{{region}}",
      "dynamodb": {
        "ApproximateCreationDateTime": 1428582898,
        "Keys": {
          "id": {"S": "order-1"}
        },
        "OldImage": {
          "id": {"S": "order-1"},
          "status": {"S": "shipped"},
          "total": {"N": "42.5"}
        },
        "SequenceNumber": "111300000000004417452193",
        "SizeBytes": 42,
        "StreamViewType": "NEW_AND_OLD_IMAGES"
      },
      "eventSourceARN": "{{stream-arn}}"
    }
  ]
})json";

constexpr size_t kTableNameMax = 255;  // DynamoDB's limit
// A stream's label is the time it was enabled, in ISO 8601 with milliseconds.
constexpr std::string_view kStreamLabel = "2015-04-09T12:00:00.000";

void derive(Values& v) {
  check_account_id(v);
  check_name(v, "table", kTableNameMax, "-_.", "a table name (letters, digits, -, _ and .)");
  v["stream-arn"] = "arn:" + flag(v, "partition") + ":dynamodb:" + flag(v, "region") + ":" +
                    flag(v, "account-id") + ":table/" + flag(v, "table") + "/stream/" +
                    std::string(kStreamLabel);
}

}  // namespace

ServiceDef dynamodb_service() {
  return {"dynamodb",
          "Amazon DynamoDB Streams",
          {
              {"update",
               "Stream records of an item inserted, modified and removed",
               {
                   {"account-id", "AWS account id", "123456789012"},
                   {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
                   {"region", "AWS region", "us-east-1"},
                   {"table", "Table name", "ExampleTableWithStream"},
               },
               kUpdate,
               derive},
          }};
}

}  // namespace sls::events::detail

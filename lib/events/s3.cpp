// S3 event notifications (event message structure version 2.1), one record each. Object keys
// are URL-encoded as S3 sends them: "my photo (1).jpg" arrives as "my+photo+%281%29.jpg".
#include "events/checks.h"
#include "events/encode.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kPut = R"json({
  "Records": [
    {
      "eventVersion": "2.1",
      "eventSource": "aws:s3",
      "awsRegion": "{{region}}",
      "eventTime": "2015-04-09T12:34:56.000Z",
      "eventName": "ObjectCreated:Put",
      "userIdentity": {
        "principalId": "AWS:AIDAIOSFODNN7EXAMPLE"
      },
      "requestParameters": {
        "sourceIPAddress": "203.0.113.7"
      },
      "responseElements": {
        "x-amz-request-id": "4D6B8E2A9C1F3E57",
        "x-amz-id-2": "k9Yl2Vq7Rz0HfT3uWm8Xb5Nc1Pd6Ge4Sj0Lh2Ka7Mo9Qr3Ts5Uv8Wx1Yz4Ab6Cd8Ef0Gh2Ij4Kl6="
      },
      "s3": {
        "s3SchemaVersion": "1.0",
        "configurationId": "example-notification",
        "bucket": {
          "name": "{{bucket}}",
          "ownerIdentity": {
            "principalId": "A1B2C3D4E5F6G7"
          },
          "arn": "arn:{{partition}}:s3:::{{bucket}}"
        },
        "object": {
          "key": "{{encoded-key}}",
          "size": 1024,
          "eTag": "0f343b0931126a20f133d67c2b018a3b",
          "sequencer": "00552671F0A1B2C3D4"
        }
      }
    }
  ]
})json";

// A delete names the object without its size or ETag.
constexpr std::string_view kDelete = R"json({
  "Records": [
    {
      "eventVersion": "2.1",
      "eventSource": "aws:s3",
      "awsRegion": "{{region}}",
      "eventTime": "2015-04-09T12:34:56.000Z",
      "eventName": "ObjectRemoved:Delete",
      "userIdentity": {
        "principalId": "AWS:AIDAIOSFODNN7EXAMPLE"
      },
      "requestParameters": {
        "sourceIPAddress": "203.0.113.7"
      },
      "responseElements": {
        "x-amz-request-id": "4D6B8E2A9C1F3E57",
        "x-amz-id-2": "k9Yl2Vq7Rz0HfT3uWm8Xb5Nc1Pd6Ge4Sj0Lh2Ka7Mo9Qr3Ts5Uv8Wx1Yz4Ab6Cd8Ef0Gh2Ij4Kl6="
      },
      "s3": {
        "s3SchemaVersion": "1.0",
        "configurationId": "example-notification",
        "bucket": {
          "name": "{{bucket}}",
          "ownerIdentity": {
            "principalId": "A1B2C3D4E5F6G7"
          },
          "arn": "arn:{{partition}}:s3:::{{bucket}}"
        },
        "object": {
          "key": "{{encoded-key}}",
          "sequencer": "00552671F0A1B2C3D5"
        }
      }
    }
  ]
})json";

constexpr size_t kBucketNameMax = 63;  // S3's bucket naming rules

void derive(Values& v) {
  check_name(v, "bucket", kBucketNameMax, "-.", "a bucket name (letters, digits, - and .)");
  if (flag(v, "key").empty()) refuse("key", "", "an object key (at least one character)");
  v["encoded-key"] = s3_key_encode(flag(v, "key"));
}

const std::vector<FlagDef> kFlags = {
    {"region", "AWS region", "us-east-1"},
    {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
    {"bucket", "Bucket name", "example-bucket"},
    {"key", "Object key (URL-encoded in the event, as S3 does)", "test/key"},
};

}  // namespace

ServiceDef s3_service() {
  return {"s3",
          "Amazon S3 event notifications",
          {
              {"put", "Object created by a PUT (ObjectCreated:Put)", kFlags, kPut, derive},
              {"delete", "Object deleted (ObjectRemoved:Delete)", kFlags, kDelete, derive},
          }};
}

}  // namespace sls::events::detail

// The SQS event Lambda's event source mapping delivers: a batch of received messages (one here).
// md5OfBody is the MD5 of the body's UTF-8 bytes, as SQS computes it, so code that checks it
// passes.
#include "events/checks.h"
#include "events/encode.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kReceiveMessage = R"json({
  "Records": [
    {
      "messageId": "3f8d8a5e-2c71-4d5b-9f7e-6c1a0b2d4e6f",
      "receiptHandle": "AQEBz9xK2mV7pL4qR8sT1uW3yA6bC9dE2fG5hJ8kM1nP4rS7tU0vX3zB6cD9eF2gH5jK8mN1pQ4sT7vW0yZ3bC6eF9hJ2kM5nQ8rT1uW4xA7cD0fG3iK6lN9oR2sU5vX8yB1dE4gH7jL0mP3qS6tV9wZ2=",
      "body": "{{body}}",
      "attributes": {
        "ApproximateReceiveCount": "1",
        "SentTimestamp": "1428582896000",
        "SenderId": "AIDAIOSFODNN7EXAMPLE",
        "ApproximateFirstReceiveTimestamp": "1428582896010"
      },
      "messageAttributes": {},
      "md5OfBody": "{{md5-of-body}}",
      "eventSource": "aws:sqs",
      "eventSourceARN": "arn:{{partition}}:sqs:{{region}}:{{account-id}}:{{queue-name}}",
      "awsRegion": "{{region}}"
    }
  ]
})json";

constexpr size_t kQueueNameMax = 80;  // SQS's limit, ".fifo" included

void derive(Values& v) {
  check_account_id(v);
  check_name(v, "queue-name", kQueueNameMax, "-_.",
             "a queue name (up to 80 letters, digits, - and _, and .fifo for a FIFO queue)");
  v["md5-of-body"] = md5_hex(flag(v, "body"));
}

}  // namespace

ServiceDef sqs_service() {
  return {"sqs",
          "Amazon SQS queues",
          {
              {"receive-message",
               "Messages received from a queue",
               {
                   {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
                   {"region", "AWS region", "us-east-1"},
                   {"account-id", "AWS account id", "123456789012"},
                   {"queue-name", "Queue name", "MyQueue"},
                   {"body", "Message body (md5OfBody is computed from it)", "Hello from SQS!"},
               },
               kReceiveMessage,
               derive},
          }};
}

}  // namespace sls::events::detail

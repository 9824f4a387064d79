// The SNS notification Lambda receives from a topic subscription, one record. Signatures are
// example values; the URLs point at the region's SNS endpoint as real ones do.
#include "events/checks.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kNotification = R"json({
  "Records": [
    {
      "EventSource": "aws:sns",
      "EventVersion": "1.0",
      "EventSubscriptionArn": "{{subscription-arn}}",
      "Sns": {
        "Type": "Notification",
        "MessageId": "7c2e9f4a-1b6d-5e8f-a3c0-4d7b2e9f1a6c",
        "TopicArn": "{{topic-arn}}",
        "Subject": "{{subject}}",
        "Message": "{{message}}",
        "Timestamp": "2015-04-09T12:34:56.000Z",
        "SignatureVersion": "1",
        "Signature": "RXhhbXBsZVNpZ25hdHVyZU5vdFZlcmlmaWFibGVFeGFtcGxlU2lnbmF0dXJlTm90VmVyaWZpYWJsZQ==",
        "SigningCertUrl": "https://sns.{{region}}.{{dns-suffix}}/SimpleNotificationService-9c1e5b7d3a2f4e6c8b0d1a3f5e7c9b2d.pem",
        "UnsubscribeUrl": "https://sns.{{region}}.{{dns-suffix}}/?Action=Unsubscribe&SubscriptionArn={{subscription-arn}}",
        "MessageAttributes": {}
      }
    }
  ]
})json";

constexpr size_t kTopicNameMax = 256;  // SNS's limit, ".fifo" included
constexpr std::string_view kSubscriptionId = "6a1c2f8e-4b3d-4e5f-8a7b-9c0d1e2f3a4b";

void derive(Values& v) {
  check_account_id(v);
  check_name(v, "topic", kTopicNameMax, "-_.",
             "a topic name (letters, digits, - and _, and .fifo for a FIFO topic)");
  const std::string topic_arn = "arn:" + flag(v, "partition") + ":sns:" + flag(v, "region") + ":" +
                                flag(v, "account-id") + ":" + flag(v, "topic");
  v["topic-arn"] = topic_arn;
  v["subscription-arn"] = topic_arn + ":" + std::string(kSubscriptionId);
  v["dns-suffix"] = dns_suffix(flag(v, "partition"));
  // A message published without a subject arrives with "Subject": null.
  if (flag(v, "subject").empty()) v["subject"] = nullptr;
}

}  // namespace

ServiceDef sns_service() {
  return {"sns",
          "Amazon SNS topics",
          {
              {"notification",
               "Notification delivered from a topic",
               {
                   {"account-id", "AWS account id", "123456789012"},
                   {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
                   {"region", "AWS region", "us-east-1"},
                   {"topic", "Topic name", "ExampleTopic"},
                   {"subject", "Message subject (empty: none, sent as null)", "example subject"},
                   {"message", "Message text", "example message"},
               },
               kNotification,
               derive},
          }};
}

}  // namespace sls::events::detail

// EventBridge (CloudWatch Events) events: a schedule rule's "Scheduled Event", and an event an
// application puts on a bus. SAM CLI files the schedule under `cloudwatch scheduled-event`;
// both names give the same event.
#include "events/checks.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kScheduled = R"json({
  "version": "0",
  "id": "0d4c8b2e-6f1a-4e3d-9b7c-5a2e8f1d3c6b",
  "detail-type": "Scheduled Event",
  "source": "aws.events",
  "account": "{{account-id}}",
  "time": "2015-04-09T12:34:56Z",
  "region": "{{region}}",
  "resources": [
    "arn:{{partition}}:events:{{region}}:{{account-id}}:rule/{{rule}}"
  ],
  "detail": {}
})json";

constexpr std::string_view kCustom = R"json({
  "version": "0",
  "id": "9e1f3a5c-7b2d-4c6e-8f0a-1b3d5e7f9a2c",
  "detail-type": "{{detail-type}}",
  "source": "{{source}}",
  "account": "{{account-id}}",
  "time": "2015-04-09T12:34:56Z",
  "region": "{{region}}",
  "resources": [],
  "detail": "{{detail}}"
})json";

constexpr size_t kRuleNameMax = 64;  // EventBridge's limit

void derive_scheduled(Values& v) {
  check_account_id(v);
  check_name(v, "rule", kRuleNameMax, "-_.", "a rule name (letters, digits, -, _ and .)");
}

void derive_custom(Values& v) {
  check_account_id(v);
  if (flag(v, "source").empty()) refuse("source", "", "a source (at least one character)");
  v["detail"] = json_object_flag(v, "detail");
}

}  // namespace

EventDef scheduled_event_def() {
  return {"scheduled-event",
          "Event of a schedule rule (cron or rate expression)",
          {
              {"account-id", "AWS account id", "123456789012"},
              {"partition", "AWS partition (aws, aws-cn, aws-us-gov)", "aws"},
              {"region", "AWS region", "us-east-1"},
              {"rule", "Rule name", "ExampleRule"},
          },
          kScheduled,
          derive_scheduled};
}

ServiceDef eventbridge_service() {
  return {"eventbridge",
          "Amazon EventBridge (CloudWatch Events)",
          {
              scheduled_event_def(),
              {"custom-event",
               "Event an application put on an event bus (PutEvents)",
               {
                   {"account-id", "AWS account id", "123456789012"},
                   {"region", "AWS region", "us-east-1"},
                   {"source", "Event source", "com.example.orders"},
                   {"detail-type", "Event detail type", "Order Placed"},
                   {"detail", "Event detail as a JSON object", R"({"orderId": "order-1"})"},
               },
               kCustom,
               derive_custom},
          }};
}

}  // namespace sls::events::detail

// CloudWatch events: a schedule rule's event (SAM CLI's name for EventBridge schedules) and a
// CloudWatch Logs subscription delivery, whose log events arrive gzipped and base64-encoded in
// awslogs.data.
#include "events/checks.h"
#include "events/encode.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kLogs = R"json({
  "awslogs": {
    "data": "{{data}}"
  }
})json";

// What awslogs.data holds once decoded (written compactly, as CloudWatch Logs does).
constexpr std::string_view kLogsData = R"json({
  "messageType": "DATA_MESSAGE",
  "owner": "{{account-id}}",
  "logGroup": "{{log-group}}",
  "logStream": "{{log-stream}}",
  "subscriptionFilters": ["{{filter}}"],
  "logEvents": [
    {
      "id": "32154979853245125963840212430372346453960226375812399104",
      "timestamp": 1428582896000,
      "message": "{{message}}"
    }
  ]
})json";

void derive_logs(Values& v) {
  check_account_id(v);
  if (flag(v, "log-group").empty()) refuse("log-group", "", "a log group name");
  if (flag(v, "log-stream").empty()) refuse("log-stream", "", "a log stream name");
  v["data"] = base64_encode(gzip(render(kLogsData, v).dump()));
}

}  // namespace

ServiceDef cloudwatch_service() {
  return {"cloudwatch",
          "Amazon CloudWatch (schedules and Logs subscriptions)",
          {
              scheduled_event_def(),
              {"logs",
               "CloudWatch Logs subscription delivery (awslogs.data is gzipped, base64)",
               {
                   {"account-id", "AWS account id", "123456789012"},
                   {"log-group", "Log group name", "/aws/lambda/example-function"},
                   {"log-stream", "Log stream name",
                    "2015/04/09/[$LATEST]9f3b1c7e5a2d4f6b8c0e1a3d5f7b9c2e"},
                   {"filter", "Subscription filter name", "example-filter"},
                   {"message", "Message of the log event", "example log message"},
               },
               kLogs,
               derive_logs},
          }};
}

}  // namespace sls::events::detail

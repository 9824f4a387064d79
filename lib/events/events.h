// The events room's door: sample events with the shapes AWS services send to Lambda functions
// (API Gateway, S3, SQS, SNS, DynamoDB Streams, EventBridge, Kinesis, CloudWatch Logs), as
// `sls generate-event` prints them. Names of services, events and flags follow SAM CLI's
// `sam local generate-event`, so scripts written for it work; the shapes follow the services
// (spec/apigateway-events.md for API Gateway) where SAM's samples differ from them.
// Thread safety: catalog() and generate() are safe to call from any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sls::events {

// A flag of one event: `--name VALUE`. Every flag has a default, so every event can be
// generated without flags.
struct Flag {
  std::string name;  // without the leading "--", e.g. "bucket", "account-id", "restApiId"
  std::string help;
  std::string default_value;
};

struct Event {
  std::string name;  // e.g. "put", "aws-proxy"
  std::string help;
  std::vector<Flag> flags;  // in the order help lists them
};

struct Service {
  std::string name;  // e.g. "s3", "apigateway"
  std::string help;
  std::vector<Event> events;  // sorted by name
};

// Every service, sorted by name.
const std::vector<Service>& catalog();

// The event as pretty JSON (2-space indent, keys in the service's order, no trailing newline).
// `flags` maps flag names (without "--") to values; missing flags take their defaults.
// The output is deterministic: ids and times are fixed example values.
// Throws Error(kUsage) for an unknown service, event or flag, or a value the flag refuses.
std::string generate(const std::string& service, const std::string& event,
                     const std::map<std::string, std::string>& flags);

}  // namespace sls::events

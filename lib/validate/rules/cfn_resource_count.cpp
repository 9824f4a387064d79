// E3010: at most 500 resources (spec/limits.md §7), counted as CloudFormation counts them:
// after the SAM transform. Until `sls transform` can expand the template, each SAM resource
// counts as the resources SAM always generates for it, so the count is a lower bound and a
// template reported here surely breaks the limit (one that is not may still break it).
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3010", Severity::kError, "At most 500 resources after the SAM transform",
    "A stack has at most 500 resources after the SAM transform. SAM resources are counted as "
    "the fewest resources the transform generates for them (a function and its role, an API "
    "with its deployment and stage, a permission or rule per event...), so the count never "
    "overstates.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"};

// Resources SAM generates for one event source of a function, at least.
int event_resources(std::string_view type) {
  if (type == "Schedule" || type == "CloudWatchEvent" || type == "EventBridgeRule" ||
      type == "SNS" || type == "CloudWatchLogs" || type == "IoTRule") {
    return 2;  // the rule/subscription/filter and the Lambda permission
  }
  if (type == "Api" || type == "HttpApi" || type == "S3" || type == "AlexaSkill" ||
      type == "Cognito" || type == "SQS" || type == "Kinesis" || type == "DynamoDB" ||
      type == "MSK" || type == "MQ" || type == "SelfManagedKafka" || type == "DocumentDB" ||
      type == "ScheduleV2") {
    return 1;  // a permission, an event source mapping or a schedule
  }
  return 0;
}

bool has(const tmpl::Node& props, std::string_view key) { return props.get(key) != nullptr; }

// What a SAM function expands to, at least; notes the implicit APIs its events create.
int function_resources(const tmpl::Resource& r, bool& implicit_rest, bool& implicit_http) {
  int n = 1;                                           // AWS::Lambda::Function
  if (!has(r.properties, "Role")) ++n;                 // its IAM role
  if (has(r.properties, "AutoPublishAlias")) n += 2;   // version and alias
  if (has(r.properties, "FunctionUrlConfig")) n += 2;  // URL and its permission
  if (has(r.properties, "EventInvokeConfig")) ++n;
  for_each_event(r, {}, [&](const SamEvent& ev) {
    n += event_resources(ev.type);
    if (ev.type == "Api" && !has(*ev.properties, "RestApiId")) implicit_rest = true;
    if (ev.type == "HttpApi" && !has(*ev.properties, "ApiId")) implicit_http = true;
  });
  return n;
}

// Every other resource: a SAM type counts what it always generates, anything else is itself.
int resource_count(const tmpl::Resource& r, bool& implicit_rest, bool& implicit_http) {
  if (r.type == "AWS::Serverless::Function")
    return function_resources(r, implicit_rest, implicit_http);
  if (r.type == "AWS::Serverless::Api") return 3;      // RestApi, Deployment, Stage
  if (r.type == "AWS::Serverless::HttpApi") return 2;  // Api, Stage
  if (r.type == "AWS::Serverless::StateMachine") return has(r.properties, "Role") ? 1 : 2;
  if (r.type == "AWS::Serverless::Connector") return 0;  // may only edit other resources
  return 1;
}

void check(const Context& ctx) {
  bool implicit_rest = false;
  bool implicit_http = false;
  int64_t count = 0;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    count += resource_count(r, implicit_rest, implicit_http);
  }
  if (implicit_rest) count += 3;  // ServerlessRestApi with its deployment and stage
  if (implicit_http) count += 2;  // ServerlessHttpApi with its stage
  if (count <= limits::kCfnResourcesMax.value) return;
  const tmpl::MapEntry* section = ctx.tpl.root.entry("Resources");
  const size_t written = ctx.app.resources().size();
  std::string message = "Template format error: Number of resources, " + std::to_string(count) +
                        ", is greater than maximum allowed, " +
                        std::to_string(limits::kCfnResourcesMax.value);
  if (static_cast<int64_t>(written) != count) {
    message += " (at least " + std::to_string(count) + " after the SAM transform expands the " +
               std::to_string(written) + " written here)";
  }
  ctx.report(kInfo, std::move(message), section ? section->key_pos : tmpl::Pos{1, 1}, "Resources");
}

}  // namespace

extern const Rule kE3010{kInfo, check};

}  // namespace sls::validate::defs

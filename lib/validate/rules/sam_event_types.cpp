// The event source types of functions and state machines with the translator's property tables
// (model/eventsources/{push,pull,cloudwatchlogs,scheduler}.py, model/stepfunctions/events.py).
#include "validate/rules/sam_event_types.h"

#include <vector>

namespace sls::validate::sam {

namespace {

using Table = std::vector<PropSpec>;

const Table& schedule_table() {
  static const Table t{
      {"Schedule", true, Check::kStr},     {"RuleName", false, Check::kStr},
      {"Input", false, Check::kStr},       {"Enabled", false, Check::kBool},
      {"State", false, Check::kStr},       {"Name", false, Check::kStr},
      {"Description", false, Check::kStr}, {"DeadLetterConfig", false, Check::kDict},
      {"RetryPolicy", false, Check::kDict}};
  return t;
}

const Table& cloudwatch_event_table() {
  static const Table t{
      {"EventBusName", false, Check::kStr},     {"RuleName", false, Check::kStr},
      {"Pattern", false, Check::kDict},         {"DeadLetterConfig", false, Check::kDict},
      {"RetryPolicy", false, Check::kDict},     {"Input", false, Check::kStr},
      {"InputPath", false, Check::kStr},        {"Target", false, Check::kDict},
      {"Enabled", false, Check::kBool},         {"State", false, Check::kStr},
      {"InputTransformer", false, Check::kDict}};
  return t;
}

const Table& s3_table() {
  static const Table t{{"Bucket", true, Check::kStr},
                       {"Events", true, Check::kStrOrStrList, false},
                       {"Filter", false, Check::kDictOfStr}};
  return t;
}

const Table& sns_table() {
  static const Table t{{"Topic", true, Check::kStr},
                       {"Region", false, Check::kStr},
                       {"FilterPolicy", false, Check::kAny, false},
                       {"FilterPolicyScope", false, Check::kAny, false},
                       {"SqsSubscription", false, Check::kBoolOrDict},
                       {"RedrivePolicy", false, Check::kDict}};
  return t;
}

const Table& api_table() {
  static const Table t{{"Path", true, Check::kStr},
                       {"Method", true, Check::kStr},
                       {"RestApiId", true, Check::kStr},
                       {"Stage", false, Check::kStr},
                       {"Auth", false, Check::kDict},
                       {"RequestModel", false, Check::kDict},
                       {"RequestParameters", false, Check::kList},
                       {"TimeoutInMillis", false, Check::kInt},
                       {"ResponseTransferMode", false, Check::kStr}};
  return t;
}

const Table& alexa_table() {
  static const Table t{{"SkillId", false, Check::kStr}};
  return t;
}

const Table& iot_table() {
  static const Table t{{"Sql", true, Check::kStr}, {"AwsIotSqlVersion", false, Check::kStr}};
  return t;
}

const Table& cognito_table() {
  static const Table t{{"UserPool", true, Check::kStr},
                       {"Trigger", true, Check::kStrOrStrList, false}};
  return t;
}

const Table& http_api_table() {
  static const Table t{
      {"Path", false, Check::kStr},           {"Method", false, Check::kStr},
      {"ApiId", false, Check::kStr},          {"Stage", false, Check::kStr},
      {"Auth", false, Check::kDict},          {"TimeoutInMillis", false, Check::kInt},
      {"RouteSettings", false, Check::kDict}, {"PayloadFormatVersion", false, Check::kStr}};
  return t;
}

const Table& cloudwatch_logs_table() {
  static const Table t{{"LogGroupName", true, Check::kStr}, {"FilterPattern", true, Check::kStr}};
  return t;
}

const Table& schedule_v2_table() {
  static const Table t{{"PermissionsBoundary", false, Check::kStr},
                       {"ScheduleExpression", true, Check::kStr},
                       {"FlexibleTimeWindow", false, Check::kDict},
                       {"Name", false, Check::kStr},
                       {"State", false, Check::kStr},
                       {"Description", false, Check::kStr},
                       {"StartDate", false, Check::kStr},
                       {"EndDate", false, Check::kStr},
                       {"ScheduleExpressionTimezone", false, Check::kStr},
                       {"GroupName", false, Check::kStr},
                       {"KmsKeyArn", false, Check::kStr},
                       {"Input", false, Check::kStr},
                       {"RoleArn", false, Check::kStr},
                       {"DeadLetterConfig", false, Check::kDict},
                       {"RetryPolicy", false, Check::kDict},
                       {"OmitName", false, Check::kBool, false}};
  return t;
}

// PullEventSource's table; StartingPosition is required for stream sources. `extra` rows come
// after the shared ones, as the translator's {**base, ...} tables have them.
Table pull_table(bool starting_position_required, std::initializer_list<PropSpec> extra) {
  Table t{{"BatchSize", false, Check::kInt},
          {"StartingPosition", starting_position_required, Check::kAny, false},
          {"StartingPositionTimestamp", false, Check::kAny, false},
          {"Enabled", false, Check::kBool},
          {"MaximumBatchingWindowInSeconds", false, Check::kInt},
          {"MaximumRetryAttempts", false, Check::kInt},
          {"BisectBatchOnFunctionError", false, Check::kBool},
          {"MaximumRecordAgeInSeconds", false, Check::kInt},
          {"DestinationConfig", false, Check::kDict},
          {"ParallelizationFactor", false, Check::kInt},
          {"Topics", false, Check::kList},
          {"Queues", false, Check::kList},
          {"SourceAccessConfigurations", false, Check::kList},
          {"SecretsManagerKmsKeyId", false, Check::kStr},
          {"TumblingWindowInSeconds", false, Check::kInt},
          {"FunctionResponseTypes", false, Check::kList},
          {"KafkaBootstrapServers", false, Check::kList},
          {"FilterCriteria", false, Check::kDict},
          {"KmsKeyArn", false, Check::kAny, false},
          {"ConsumerGroupId", false, Check::kStr},
          {"ScalingConfig", false, Check::kDict},
          {"ProvisionedPollerConfig", false, Check::kDict},
          {"SchemaRegistryConfig", false, Check::kDict},
          {"MetricsConfig", false, Check::kDict},
          {"LoggingConfig", false, Check::kDict}};
  t.insert(t.end(), extra);
  return t;
}

const Table& stream_table() {
  static const Table t = pull_table(true, {{"Stream", true, Check::kAny, false}});
  return t;
}

const Table& sqs_table() {
  static const Table t = pull_table(false, {{"Queue", true, Check::kAny, false}});
  return t;
}

const Table& mq_table() {
  static const Table t = pull_table(false, {{"Broker", true, Check::kAny, false},
                                            {"DynamicPolicyName", false, Check::kBool, false}});
  return t;
}

const Table& kafka_table() {
  static const Table t = pull_table(false, {});
  return t;
}

const Table& documentdb_table() {
  static const Table t = pull_table(false, {{"Cluster", true, Check::kAny, false},
                                            {"DatabaseName", true, Check::kAny, false},
                                            {"CollectionName", false, Check::kAny, false},
                                            {"FullDocument", false, Check::kAny, false}});
  return t;
}

// State machine event sources (model/stepfunctions/events.py).
const Table& sfn_schedule_table() {
  static const Table t{{"Schedule", true, Check::kStr},
                       {"Input", false, Check::kStr},
                       {"Enabled", false, Check::kBool},
                       {"State", false, Check::kStr},
                       {"Name", false, Check::kStr},
                       {"Description", false, Check::kStr},
                       {"DeadLetterConfig", false, Check::kDict},
                       {"RetryPolicy", false, Check::kDict},
                       {"Target", false, Check::kDict, false},
                       {"RoleArn", false, Check::kStr, false}};
  return t;
}

const Table& sfn_cloudwatch_event_table() {
  static const Table t{
      {"EventBusName", false, Check::kStr},   {"RuleName", false, Check::kStr},
      {"Pattern", false, Check::kDict},       {"Input", false, Check::kStr},
      {"InputPath", false, Check::kStr},      {"DeadLetterConfig", false, Check::kDict},
      {"RetryPolicy", false, Check::kDict},   {"State", false, Check::kStr},
      {"Target", false, Check::kDict, false}, {"InputTransformer", false, Check::kDict}};
  return t;
}

const Table& sfn_api_table() {
  static const Table t{
      {"Path", true, Check::kStr},      {"Method", true, Check::kStr},
      {"RestApiId", true, Check::kStr}, {"Stage", false, Check::kStr},
      {"Auth", false, Check::kDict},    {"UnescapeMappingTemplate", false, Check::kBool, false}};
  return t;
}

}  // namespace

std::optional<EventType> function_event_type(std::string_view name) {
  if (name == "Schedule") return EventType{EventKind::kSchedule, schedule_table()};
  if (name == "CloudWatchEvent" || name == "EventBridgeRule") {
    return EventType{EventKind::kCloudWatchEvent, cloudwatch_event_table()};
  }
  if (name == "S3") return EventType{EventKind::kS3, s3_table()};
  if (name == "SNS") return EventType{EventKind::kSns, sns_table()};
  if (name == "Api") return EventType{EventKind::kApi, api_table()};
  if (name == "AlexaSkill") return EventType{EventKind::kOther, alexa_table()};
  if (name == "IoTRule") return EventType{EventKind::kOther, iot_table()};
  if (name == "Cognito") return EventType{EventKind::kCognito, cognito_table()};
  if (name == "HttpApi") return EventType{EventKind::kHttpApi, http_api_table()};
  if (name == "CloudWatchLogs") return EventType{EventKind::kOther, cloudwatch_logs_table()};
  if (name == "ScheduleV2") return EventType{EventKind::kScheduleV2, schedule_v2_table()};
  if (name == "Kinesis" || name == "DynamoDB") return EventType{EventKind::kPull, stream_table()};
  if (name == "MSK") return EventType{EventKind::kPull, stream_table()};
  if (name == "SQS") return EventType{EventKind::kPull, sqs_table()};
  if (name == "MQ") return EventType{EventKind::kPull, mq_table()};
  if (name == "SelfManagedKafka") return EventType{EventKind::kPull, kafka_table()};
  if (name == "DocumentDB") return EventType{EventKind::kPull, documentdb_table()};
  return std::nullopt;
}

std::optional<EventType> state_machine_event_type(std::string_view name) {
  if (name == "Schedule") return EventType{EventKind::kSchedule, sfn_schedule_table()};
  if (name == "CloudWatchEvent" || name == "EventBridgeRule") {
    return EventType{EventKind::kCloudWatchEvent, sfn_cloudwatch_event_table()};
  }
  if (name == "Api") return EventType{EventKind::kApi, sfn_api_table()};
  if (name == "ScheduleV2") return EventType{EventKind::kScheduleV2, schedule_v2_table()};
  return std::nullopt;
}

}  // namespace sls::validate::sam

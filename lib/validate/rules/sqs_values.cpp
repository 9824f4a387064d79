// SQS queue, SNS topic and event source mapping bounds (spec/limits.md §8) as rows for the
// generic rules. BatchSize 1-10,000 and a batching window of 0-300 s hold for every source SAM
// maps with an event source mapping (SQS, streams, Kafka, MQ, DocumentDB).
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr std::string_view kQueue[] = {"AWS::SQS::Queue"};
constexpr std::string_view kTopic[] = {"AWS::SNS::Topic"};
constexpr std::string_view kMapping[] = {"AWS::Lambda::EventSourceMapping"};
constexpr std::string_view kFunction[] = {"AWS::Serverless::Function"};
constexpr std::string_view kMappedEvents[] = {"SQS", "Kinesis",          "DynamoDB",  "MSK",
                                              "MQ",  "SelfManagedKafka", "DocumentDB"};

constexpr std::string_view kFifoSuffix = ".fifo";
constexpr std::string_view kNamePattern = "[a-zA-Z0-9_-]{1,80}(\\.fifo)?";
constexpr std::string_view kTopicPattern = "[a-zA-Z0-9_-]{1,256}(\\.fifo)?";

// Letters, digits, '-' and '_', with an optional ".fifo" at the end (lengths are other rows).
bool queue_name(std::string_view s) {
  if (s.ends_with(kFifoSuffix)) s.remove_suffix(kFifoSuffix.size());
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

constexpr ValueRule res(std::span<const std::string_view> types, std::string_view path, Bound b,
                        const limits::Limit* limit, std::string_view field) {
  return ValueRule{.types = types, .path = path, .bound = b, .limit = limit, .field = field};
}
constexpr ValueRule ev(std::string_view path, Bound b, const limits::Limit* limit,
                       std::string_view field) {
  return ValueRule{.types = kFunction,
                   .events = kMappedEvents,
                   .path = path,
                   .bound = b,
                   .limit = limit,
                   .field = field};
}

constexpr std::array kRows{
    res(kQueue, "VisibilityTimeout", Bound::kMinValue, &limits::kSqsVisibilityMinS,
        "VisibilityTimeout"),
    res(kQueue, "VisibilityTimeout", Bound::kMaxValue, &limits::kSqsVisibilityMaxS,
        "VisibilityTimeout"),
    res(kQueue, "MessageRetentionPeriod", Bound::kMinValue, &limits::kSqsRetentionMinS,
        "MessageRetentionPeriod"),
    res(kQueue, "MessageRetentionPeriod", Bound::kMaxValue, &limits::kSqsRetentionMaxS,
        "MessageRetentionPeriod"),
    res(kQueue, "DelaySeconds", Bound::kMinValue, &limits::kSqsDelayMinS, "DelaySeconds"),
    res(kQueue, "DelaySeconds", Bound::kMaxValue, &limits::kSqsDelayMaxS, "DelaySeconds"),
    res(kQueue, "ReceiveMessageWaitTimeSeconds", Bound::kMinValue, &limits::kSqsWaitTimeMinS,
        "ReceiveMessageWaitTimeSeconds"),
    res(kQueue, "ReceiveMessageWaitTimeSeconds", Bound::kMaxValue, &limits::kSqsWaitTimeMaxS,
        "ReceiveMessageWaitTimeSeconds"),
    res(kQueue, "MaximumMessageSize", Bound::kMinValue, &limits::kSqsMessageMinBytes,
        "MaximumMessageSize"),
    res(kQueue, "MaximumMessageSize", Bound::kMaxValue, &limits::kSqsMessageMaxBytes,
        "MaximumMessageSize"),
    res(kQueue, "QueueName", Bound::kMinLength, &limits::kSqsQueueNameMinChars, "QueueName"),
    res(kQueue, "QueueName", Bound::kMaxLength, &limits::kSqsQueueNameMaxChars, "QueueName"),
    ValueRule{.types = kQueue,
              .path = "QueueName",
              .bound = Bound::kPattern,
              .field = "QueueName",
              .matches = queue_name,
              .pattern = kNamePattern},
    res(kTopic, "TopicName", Bound::kMinLength, &limits::kSnsTopicNameMinChars, "name"),
    res(kTopic, "TopicName", Bound::kMaxLength, &limits::kSnsTopicNameMaxChars, "name"),
    ValueRule{.types = kTopic,
              .path = "TopicName",
              .bound = Bound::kPattern,
              .field = "name",
              .matches = queue_name,
              .pattern = kTopicPattern},
    res(kMapping, "BatchSize", Bound::kMinValue, &limits::kSqsBatchSizeMin, "batchSize"),
    res(kMapping, "BatchSize", Bound::kMaxValue, &limits::kSqsBatchSizeMax, "batchSize"),
    res(kMapping, "MaximumBatchingWindowInSeconds", Bound::kMinValue, &limits::kSqsBatchWindowMinS,
        "maximumBatchingWindowInSeconds"),
    res(kMapping, "MaximumBatchingWindowInSeconds", Bound::kMaxValue, &limits::kSqsBatchWindowMaxS,
        "maximumBatchingWindowInSeconds"),
    ev("BatchSize", Bound::kMinValue, &limits::kSqsBatchSizeMin, "batchSize"),
    ev("BatchSize", Bound::kMaxValue, &limits::kSqsBatchSizeMax, "batchSize"),
    ev("MaximumBatchingWindowInSeconds", Bound::kMinValue, &limits::kSqsBatchWindowMinS,
       "maximumBatchingWindowInSeconds"),
    ev("MaximumBatchingWindowInSeconds", Bound::kMaxValue, &limits::kSqsBatchWindowMaxS,
       "maximumBatchingWindowInSeconds"),
};

}  // namespace

std::span<const ValueRule> sqs_value_rules() { return kRows; }

}  // namespace sls::validate::defs

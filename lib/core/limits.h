// Every AWS service limit sls enforces, in one table (spec/limits.md). validate reports from
// it; table, runtime and package enforce the same rows. No limit number lives anywhere else.
// Thread safety: constants only.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sls::limits {

struct Limit {
  std::string_view id;      // stable name, e.g. "lambda.memory.max"
  int64_t value;            // in `unit`
  std::string_view unit;    // "MB", "s", "B", "chars", "count"
  std::string_view source;  // section of spec/limits.md
};

// §1 Lambda function configuration.
inline constexpr Limit kLambdaMemoryMinMb{"lambda.memory.min", 128, "MB", "limits.md#1"};
inline constexpr Limit kLambdaMemoryMaxMb{"lambda.memory.max", 10240, "MB", "limits.md#1"};
inline constexpr Limit kLambdaMemoryDefaultMb{"lambda.memory.default", 128, "MB", "limits.md#1"};
inline constexpr Limit kLambdaMemoryNewAccountMb{"lambda.memory.new-account", 3008, "MB",
                                                 "limits.md#1"};
inline constexpr Limit kLambdaMemoryLmiMaxMb{"lambda.memory.lmi.max", 32768, "MB", "limits.md#1"};
inline constexpr Limit kLambdaTimeoutMinS{"lambda.timeout.min", 1, "s", "limits.md#1"};
inline constexpr Limit kLambdaTimeoutMaxS{"lambda.timeout.max", 900, "s", "limits.md#1"};
inline constexpr Limit kLambdaTimeoutDefaultS{"lambda.timeout.default", 3, "s", "limits.md#1"};
inline constexpr Limit kLambdaTimeoutLmiMaxS{"lambda.timeout.lmi.max", 5400, "s", "limits.md#1"};
inline constexpr Limit kLambdaEphemeralMinMb{"lambda.ephemeral.min", 512, "MB", "limits.md#1"};
inline constexpr Limit kLambdaEphemeralMaxMb{"lambda.ephemeral.max", 10240, "MB", "limits.md#1"};
inline constexpr Limit kLambdaEnvBytes{"lambda.env.bytes", 4096, "B", "limits.md#1"};
inline constexpr Limit kLambdaHandlerMaxChars{"lambda.handler.max", 128, "chars", "limits.md#1"};
inline constexpr Limit kLambdaDescriptionMaxChars{"lambda.description.max", 256, "chars",
                                                  "limits.md#1"};
inline constexpr Limit kLambdaNameMaxChars{"lambda.name.max", 64, "chars", "limits.md#1"};
inline constexpr Limit kLambdaNameMinChars{"lambda.name.min", 1, "chars", "limits.md#1"};
inline constexpr Limit kLambdaArnMaxChars{"lambda.name.arn.max", 140, "chars", "limits.md#1"};
inline constexpr Limit kLambdaLayersMax{"lambda.layers.max", 5, "count", "limits.md#1"};
inline constexpr Limit kLambdaLayerArnMaxChars{"lambda.layer.arn.max", 2048, "chars",
                                               "limits.md#1"};
inline constexpr Limit kLambdaArchitecturesMax{"lambda.architectures.max", 1, "count",
                                               "limits.md#1"};
inline constexpr Limit kLambdaReservedMin{"lambda.concurrency.reserved.min", 0, "count",
                                          "limits.md#1"};
inline constexpr Limit kLambdaUnreservedMin{"lambda.concurrency.unreserved.min", 100, "count",
                                            "limits.md#1"};
inline constexpr Limit kLambdaAccountConcurrency{"lambda.concurrency.account", 1000, "count",
                                                 "limits.md#1"};
inline constexpr Limit kLambdaProvisionedMin{"lambda.provisioned.min", 1, "count", "limits.md#1"};
inline constexpr Limit kLambdaTagsMax{"lambda.tags.max", 50, "count", "limits.md#1"};
// SAM adds its own `lambda:createdBy: SAM` tag to every function, and it counts toward the 50.
inline constexpr Limit kSamAddedFunctionTags{"sam.function.tags.added", 1, "count", "limits.md#1"};
inline constexpr Limit kTagKeyMaxChars{"tag.key.max", 128, "chars", "limits.md#1"};
inline constexpr Limit kTagValueMaxChars{"tag.value.max", 256, "chars", "limits.md#1"};
inline constexpr Limit kLambdaPolicyBytes{"lambda.policy.bytes", 20 * 1024, "B", "limits.md#1"};

// §2 Deployment package.
inline constexpr Limit kLambdaZipMaxBytes{"lambda.zip.max", 52428800, "B", "limits.md#2"};
inline constexpr Limit kLambdaUnzippedMaxBytes{"lambda.unzipped.max", 262144000, "B",
                                               "limits.md#2"};
inline constexpr Limit kLambdaRequestMaxBytes{"lambda.create.request.max", 70167211, "B",
                                              "limits.md#2"};

// §4 Invocation payloads.
inline constexpr Limit kInvokeSyncRequestBytes{"lambda.invoke.sync.request", 6291456, "B",
                                               "limits.md#4"};
inline constexpr Limit kInvokeSyncResponseBytes{"lambda.invoke.sync.response", 6291556, "B",
                                                "limits.md#4"};
inline constexpr Limit kInvokeAsyncRequestBytes{"lambda.invoke.async.request", 1048576, "B",
                                                "limits.md#4"};
// X-Amz-Client-Context, base64 text.
inline constexpr Limit kInvokeClientContextBytes{"lambda.invoke.client_context", 3583, "B",
                                                 "limits.md#1"};
inline constexpr Limit kInvokeStreamResponseBytes{"lambda.invoke.stream.response", 209715200, "B",
                                                  "limits.md#4"};
// The init phase of an on-demand environment (spec/lambda-runtime-api.md §4).
inline constexpr Limit kLambdaInitTimeoutS{"lambda.init.timeout", 10, "s", "limits.md#4"};
// Open file descriptors of an execution environment's processes (limits.md §1, run-time caps).
inline constexpr Limit kLambdaOpenFiles{"lambda.runtime.open_files", 1024, "count", "limits.md#1"};
// Processes and threads of an execution environment (limits.md §1, run-time caps).
inline constexpr Limit kLambdaTasks{"lambda.runtime.tasks", 1024, "count", "limits.md#1"};

// §5 DynamoDB.
inline constexpr Limit kDynamoItemMaxBytes{"dynamodb.item.max", 400 * 1024, "B", "limits.md#5"};
inline constexpr Limit kDynamoHashKeyMaxBytes{"dynamodb.key.hash.max", 2048, "B", "limits.md#5"};
inline constexpr Limit kDynamoRangeKeyMaxBytes{"dynamodb.key.range.max", 1024, "B", "limits.md#5"};
inline constexpr Limit kDynamoTableNameMinChars{"dynamodb.name.min", 3, "chars", "limits.md#5"};
inline constexpr Limit kDynamoTableNameMaxChars{"dynamodb.name.max", 255, "chars", "limits.md#5"};
inline constexpr Limit kDynamoKeyAttrNameMaxBytes{"dynamodb.key.attr.name.max", 255, "B",
                                                  "limits.md#5"};
inline constexpr Limit kDynamoAttrNameMaxBytes{"dynamodb.attr.name.max", 65535, "B", "limits.md#5"};
inline constexpr Limit kDynamoGsiMax{"dynamodb.gsi.max", 20, "count", "limits.md#5"};
inline constexpr Limit kDynamoLsiMax{"dynamodb.lsi.max", 5, "count", "limits.md#5"};
inline constexpr Limit kDynamoKeySchemaMax{"dynamodb.keyschema.max", 2, "count", "limits.md#5"};
inline constexpr Limit kDynamoKeySchemaMin{"dynamodb.keyschema.min", 1, "count", "limits.md#5"};
inline constexpr Limit kDynamoCapacityUnitsMin{"dynamodb.capacity.min", 1, "count", "limits.md#5"};
inline constexpr Limit kDynamoProjectedAttrsMax{"dynamodb.projected.max", 100, "count",
                                                "limits.md#5"};
inline constexpr Limit kDynamoProjectedPerIndexMax{"dynamodb.projected.index.max", 20, "count",
                                                   "limits.md#5"};
inline constexpr Limit kDynamoNumberDigits{"dynamodb.number.digits", 38, "count", "limits.md#5"};
inline constexpr Limit kDynamoNestingDepth{"dynamodb.nesting.max", 32, "count", "limits.md#5"};
// A non-zero number's magnitude lies in 1E-130 .. 9.99…E+125: the decimal exponent of its first
// significant digit is within these bounds.
inline constexpr Limit kDynamoNumberMaxExponent{"dynamodb.number.exponent.max", 125, "exponent",
                                                "limits.md#5"};
inline constexpr Limit kDynamoNumberMinExponent{"dynamodb.number.exponent.min", -130, "exponent",
                                                "limits.md#5"};
inline constexpr Limit kDynamoExpressionOperatorsMax{"dynamodb.expression.operators.max", 300,
                                                     "count", "limits.md#5"};
inline constexpr Limit kDynamoInOperandsMax{"dynamodb.expression.in.max", 100, "count",
                                            "limits.md#5"};
inline constexpr Limit kDynamoExpressionBytes{"dynamodb.expression.max", 4096, "B", "limits.md#5"};
inline constexpr Limit kDynamoBatchWriteMax{"dynamodb.batch.write.max", 25, "count", "limits.md#5"};
inline constexpr Limit kDynamoBatchGetMax{"dynamodb.batch.get.max", 100, "count", "limits.md#5"};
inline constexpr Limit kDynamoTransactMax{"dynamodb.transact.max", 100, "count", "limits.md#5"};
// PartiQL (dynamodb-api.md 3.20): a statement's length, and the statements of one
// BatchExecuteStatement (ExecuteTransaction takes kDynamoTransactMax).
inline constexpr Limit kDynamoStatementMaxChars{"dynamodb.partiql.statement.max", 8192, "chars",
                                                "limits.md#5"};
inline constexpr Limit kDynamoBatchStatementsMax{"dynamodb.partiql.batch.max", 25, "count",
                                                 "limits.md#5"};
// The payload of one TransactWriteItems request (dynamodb-api.md: the request, not the items).
inline constexpr Limit kDynamoTransactWriteMaxBytes{"dynamodb.transact.write.bytes.max",
                                                    4 * 1024 * 1024, "B", "limits.md#5"};
inline constexpr Limit kDynamoPageBytes{"dynamodb.page.max", 1024 * 1024, "B", "limits.md#5"};
// A larger request body is answered with HTTP 413 and no JSON (dynamodb-api.md 1.1).
inline constexpr Limit kDynamoRequestMaxBytes{"dynamodb.request.max", 16 * 1024 * 1024, "B",
                                              "limits.md#5"};

// §6 API Gateway.
inline constexpr Limit kApiStageNameMaxChars{"apigw.stage.name.max", 128, "chars", "limits.md#6"};
inline constexpr Limit kApiStageNameMinChars{"apigw.stage.name.min", 1, "chars", "limits.md#6"};
inline constexpr Limit kApiStageVariablesMax{"apigw.stage.variables.max", 100, "count",
                                             "limits.md#6"};
inline constexpr Limit kApiStageVariableNameMaxChars{"apigw.stage.variable.name.max", 64, "chars",
                                                     "limits.md#6"};
inline constexpr Limit kApiStageVariableValueMaxChars{"apigw.stage.variable.value.max", 512,
                                                      "chars", "limits.md#6"};
inline constexpr Limit kApiRoutesMax{"apigw.routes.max", 300, "count", "limits.md#6"};
inline constexpr Limit kApiAuthorizersMax{"apigw.authorizers.max", 10, "count", "limits.md#6"};
inline constexpr Limit kApiIntegrationTimeoutMinMs{"apigw.integration.timeout.min", 50, "ms",
                                                   "limits.md#6"};
inline constexpr Limit kApiIntegrationTimeoutMaxMs{"apigw.integration.timeout.max", 29000, "ms",
                                                   "limits.md#6"};
inline constexpr Limit kHttpApiIntegrationTimeoutMaxMs{"apigw.http.integration.timeout.max", 30000,
                                                       "ms", "limits.md#6"};
inline constexpr Limit kApiPayloadBytes{"apigw.payload.max", 10 * 1024 * 1024, "B", "limits.md#6"};

// §7 CloudFormation template.
inline constexpr Limit kCfnTemplateBodyBytes{"cfn.template.body.max", 51200, "B", "limits.md#7"};
inline constexpr Limit kCfnTemplateS3Bytes{"cfn.template.s3.max", 1000000, "B", "limits.md#7"};
inline constexpr Limit kCfnResourcesMax{"cfn.resources.max", 500, "count", "limits.md#7"};
inline constexpr Limit kCfnParametersMax{"cfn.parameters.max", 200, "count", "limits.md#7"};
inline constexpr Limit kCfnOutputsMax{"cfn.outputs.max", 200, "count", "limits.md#7"};
inline constexpr Limit kCfnMappingsMax{"cfn.mappings.max", 200, "count", "limits.md#7"};
inline constexpr Limit kCfnMappingAttributesMax{"cfn.mapping.attributes.max", 200, "count",
                                                "limits.md#7"};
inline constexpr Limit kCfnLogicalIdMaxChars{"cfn.logical-id.max", 255, "chars", "limits.md#7"};
inline constexpr Limit kCfnParameterValueBytes{"cfn.parameter.value.max", 4096, "B", "limits.md#7"};
inline constexpr Limit kCfnDescriptionBytes{"cfn.description.max", 1024, "B", "limits.md#7"};
inline constexpr Limit kCfnOutputDescriptionBytes{"cfn.output.description.max", 1024, "B",
                                                  "limits.md#7"};
inline constexpr Limit kCfnDynamicRefsMax{"cfn.dynamic-refs.max", 60, "count", "limits.md#7"};
inline constexpr Limit kCfnAndOrMin{"cfn.and-or.min", 2, "count", "limits.md#7"};
inline constexpr Limit kCfnAndOrMax{"cfn.and-or.max", 10, "count", "limits.md#7"};

// §8 Schedules, queues, topics.
inline constexpr Limit kScheduleExpressionMaxChars{"events.schedule.max", 256, "chars",
                                                   "limits.md#8"};
inline constexpr Limit kScheduleRateMin{"events.rate.min", 1, "count", "limits.md#8"};
inline constexpr Limit kCronFieldCount{"events.cron.fields", 6, "count", "limits.md#8"};
inline constexpr Limit kCronMinuteMax{"events.cron.minute.max", 59, "count", "limits.md#8"};
inline constexpr Limit kCronHourMax{"events.cron.hour.max", 23, "count", "limits.md#8"};
inline constexpr Limit kCronDayOfMonthMax{"events.cron.dom.max", 31, "count", "limits.md#8"};
inline constexpr Limit kCronMonthMax{"events.cron.month.max", 12, "count", "limits.md#8"};
inline constexpr Limit kCronDayOfWeekMax{"events.cron.dow.max", 7, "count", "limits.md#8"};
inline constexpr Limit kCronNthWeekdayMax{"events.cron.dow.nth.max", 5, "count", "limits.md#8"};
inline constexpr Limit kCronYearMin{"events.cron.year.min", 1970, "count", "limits.md#8"};
inline constexpr Limit kCronYearMax{"events.cron.year.max", 2199, "count", "limits.md#8"};
inline constexpr Limit kEventRuleNameMaxChars{"events.rule.name.max", 64, "chars", "limits.md#8"};
inline constexpr Limit kEventRuleDescriptionMaxChars{"events.rule.description.max", 512, "chars",
                                                     "limits.md#8"};
inline constexpr Limit kEventTargetInputMaxChars{"events.target.input.max", 8192, "chars",
                                                 "limits.md#8"};
inline constexpr Limit kSchedulerNameMaxChars{"scheduler.name.max", 64, "chars", "limits.md#8"};
inline constexpr Limit kSchedulerTimezoneMaxChars{"scheduler.timezone.max", 50, "chars",
                                                  "limits.md#8"};
inline constexpr Limit kSchedulerWindowMinMinutes{"scheduler.window.min", 1, "min", "limits.md#8"};
inline constexpr Limit kSchedulerWindowMaxMinutes{"scheduler.window.max", 1440, "min",
                                                  "limits.md#8"};
inline constexpr Limit kSchedulerRetriesMin{"scheduler.retries.min", 0, "count", "limits.md#8"};
inline constexpr Limit kSchedulerRetriesMax{"scheduler.retries.max", 185, "count", "limits.md#8"};
inline constexpr Limit kSchedulerEventAgeMinS{"scheduler.event-age.min", 60, "s", "limits.md#8"};
inline constexpr Limit kSchedulerEventAgeMaxS{"scheduler.event-age.max", 86400, "s", "limits.md#8"};
inline constexpr Limit kSqsBatchSizeMin{"sqs.batch.min", 1, "count", "limits.md#8"};
inline constexpr Limit kSqsBatchSizeMax{"sqs.batch.max", 10000, "count", "limits.md#8"};
inline constexpr Limit kSqsFifoBatchSizeMax{"sqs.batch.fifo.max", 10, "count", "limits.md#8"};
// Above this BatchSize, MaximumBatchingWindowInSeconds must be at least kSqsBatchWindowNeededS.
inline constexpr Limit kSqsBatchSizeNoWindowMax{"sqs.batch.nowindow.max", 10, "count",
                                                "limits.md#8"};
inline constexpr Limit kSqsBatchWindowNeededS{"sqs.batch.window.needed", 1, "s", "limits.md#8"};
inline constexpr Limit kSqsBatchWindowMinS{"sqs.batch.window.min", 0, "s", "limits.md#8"};
inline constexpr Limit kSqsBatchWindowMaxS{"sqs.batch.window.max", 300, "s", "limits.md#8"};
inline constexpr Limit kSqsVisibilityMinS{"sqs.visibility.min", 0, "s", "limits.md#8"};
inline constexpr Limit kSqsVisibilityMaxS{"sqs.visibility.max", 43200, "s", "limits.md#8"};
inline constexpr Limit kSqsVisibilityDefaultS{"sqs.visibility.default", 30, "s", "limits.md#8"};
inline constexpr Limit kSqsRetentionMinS{"sqs.retention.min", 60, "s", "limits.md#8"};
inline constexpr Limit kSqsRetentionMaxS{"sqs.retention.max", 1209600, "s", "limits.md#8"};
inline constexpr Limit kSqsDelayMinS{"sqs.delay.min", 0, "s", "limits.md#8"};
inline constexpr Limit kSqsDelayMaxS{"sqs.delay.max", 900, "s", "limits.md#8"};
inline constexpr Limit kSqsWaitTimeMinS{"sqs.wait.min", 0, "s", "limits.md#8"};
inline constexpr Limit kSqsWaitTimeMaxS{"sqs.wait.max", 20, "s", "limits.md#8"};
inline constexpr Limit kSqsMessageMinBytes{"sqs.message.min", 1024, "B", "limits.md#8"};
inline constexpr Limit kSqsMessageMaxBytes{"sqs.message.max", 1048576, "B", "limits.md#8"};
inline constexpr Limit kSqsQueueNameMaxChars{"sqs.name.max", 80, "chars", "limits.md#8"};
inline constexpr Limit kSqsQueueNameMinChars{"sqs.name.min", 1, "chars", "limits.md#8"};
inline constexpr Limit kSnsTopicNameMaxChars{"sns.name.max", 256, "chars", "limits.md#8"};
inline constexpr Limit kSnsTopicNameMinChars{"sns.name.min", 1, "chars", "limits.md#8"};

// Every row above, for `sls validate --list-limits` and the limits data file.
std::span<const Limit> all();

// The row with this id, or nullptr.
const Limit* find(std::string_view id);

}  // namespace sls::limits

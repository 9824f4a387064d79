// The SAM policy templates by name, with the parameters each needs (the facts of SAM's
// policy_templates.json): the transform rejects a template given without all of them.
#include "validate/rules/sam_policy_templates.h"

#include <algorithm>
#include <array>

namespace sls::validate::sam {

namespace {

// Sorted by name for binary search.
constexpr std::array<PolicyTemplate, 81> kTemplates{{
    {"AMIDescribePolicy", {}},
    {"AWSSecretsManagerGetSecretValuePolicy", {"SecretArn"}},
    {"AWSSecretsManagerRotationPolicy", {"FunctionName"}},
    {"AcmGetCertificatePolicy", {"CertificateArn"}},
    {"AthenaQueryPolicy", {"WorkGroupName"}},
    {"CloudFormationDescribeStacksPolicy", {}},
    {"CloudWatchDashboardPolicy", {}},
    {"CloudWatchDescribeAlarmHistoryPolicy", {}},
    {"CloudWatchPutMetricPolicy", {}},
    {"CodeCommitCrudPolicy", {"RepositoryName"}},
    {"CodeCommitReadPolicy", {"RepositoryName"}},
    {"CodePipelineLambdaExecutionPolicy", {}},
    {"CodePipelineReadOnlyPolicy", {"PipelineName"}},
    {"ComprehendBasicAccessPolicy", {}},
    {"CostExplorerReadOnlyPolicy", {}},
    {"DynamoDBBackupFullAccessPolicy", {"TableName"}},
    {"DynamoDBCrudPolicy", {"TableName"}},
    {"DynamoDBReadPolicy", {"TableName"}},
    {"DynamoDBReconfigurePolicy", {"TableName"}},
    {"DynamoDBRestoreFromBackupPolicy", {"TableName"}},
    {"DynamoDBStreamReadPolicy", {"StreamName", "TableName"}},
    {"DynamoDBWritePolicy", {"TableName"}},
    {"EC2CopyImagePolicy", {"ImageId"}},
    {"EC2DescribePolicy", {}},
    {"EFSWriteAccessPolicy", {"AccessPoint", "FileSystem"}},
    {"EKSDescribePolicy", {}},
    {"EcsRunTaskPolicy", {"TaskDefinition"}},
    {"ElasticMapReduceAddJobFlowStepsPolicy", {"ClusterId"}},
    {"ElasticMapReduceCancelStepsPolicy", {"ClusterId"}},
    {"ElasticMapReduceModifyInstanceFleetPolicy", {"ClusterId"}},
    {"ElasticMapReduceModifyInstanceGroupsPolicy", {"ClusterId"}},
    {"ElasticMapReduceSetTerminationProtectionPolicy", {"ClusterId"}},
    {"ElasticMapReduceTerminateJobFlowsPolicy", {"ClusterId"}},
    {"ElasticsearchHttpPostPolicy", {"DomainName"}},
    {"EventBridgePutEventsPolicy", {"EventBusName"}},
    {"FilterLogEventsPolicy", {"LogGroupName"}},
    {"FirehoseCrudPolicy", {"DeliveryStreamName"}},
    {"FirehoseWritePolicy", {"DeliveryStreamName"}},
    {"KMSDecryptPolicy", {"KeyId"}},
    {"KMSEncryptPolicy", {"KeyId"}},
    {"KMSEncryptPolicy_v2", {"KeyId"}},
    {"KinesisCrudPolicy", {"StreamName"}},
    {"KinesisStreamReadPolicy", {"StreamName"}},
    {"LambdaInvokePolicy", {"FunctionName"}},
    {"MobileAnalyticsWriteOnlyAccessPolicy", {}},
    {"OrganizationsListAccountsPolicy", {}},
    {"PinpointEndpointAccessPolicy", {"PinpointApplicationId"}},
    {"PollyFullAccessPolicy", {"LexiconName"}},
    {"RekognitionDetectOnlyPolicy", {}},
    {"RekognitionFacesManagementPolicy", {"CollectionId"}},
    {"RekognitionFacesPolicy", {}},
    {"RekognitionLabelsPolicy", {}},
    {"RekognitionNoDataAccessPolicy", {"CollectionId"}},
    {"RekognitionReadPolicy", {"CollectionId"}},
    {"RekognitionWriteOnlyAccessPolicy", {"CollectionId"}},
    {"Route53ChangeResourceRecordSetsPolicy", {"HostedZoneId"}},
    {"S3CrudPolicy", {"BucketName"}},
    {"S3FullAccessPolicy", {"BucketName"}},
    {"S3ReadPolicy", {"BucketName"}},
    {"S3WritePolicy", {"BucketName"}},
    {"SESBulkTemplatedCrudPolicy", {"IdentityName"}},
    {"SESBulkTemplatedCrudPolicy_v2", {"IdentityName", "TemplateName"}},
    {"SESCrudPolicy", {"IdentityName"}},
    {"SESEmailTemplateCrudPolicy", {}},
    {"SESSendBouncePolicy", {"IdentityName"}},
    {"SNSCrudPolicy", {"TopicName"}},
    {"SNSPublishMessagePolicy", {"TopicName"}},
    {"SQSPollerPolicy", {"QueueName"}},
    {"SQSSendMessagePolicy", {"QueueName"}},
    {"SSMParameterReadPolicy", {"ParameterName"}},
    {"SSMParameterWithSlashPrefixReadPolicy", {"ParameterName"}},
    {"SageMakerCreateEndpointConfigPolicy", {"EndpointConfigName"}},
    {"SageMakerCreateEndpointPolicy", {"EndpointName"}},
    {"ServerlessRepoReadWriteAccessPolicy", {}},
    {"StepFunctionsCallbackPolicy", {"StateMachineName"}},
    {"StepFunctionsExecutionPolicy", {"StateMachineName"}},
    {"StepFunctionsExecutionPolicy_v2", {"StateMachineName"}},
    {"TextractDetectAnalyzePolicy", {}},
    {"TextractGetResultPolicy", {}},
    {"TextractPolicy", {}},
    {"VPCAccessPolicy", {}},
}};

}  // namespace

const PolicyTemplate* find_policy_template(std::string_view name) {
  const auto it =
      std::lower_bound(kTemplates.begin(), kTemplates.end(), name,
                       [](const PolicyTemplate& t, std::string_view n) { return t.name < n; });
  return it != kTemplates.end() && it->name == name ? &*it : nullptr;
}

}  // namespace sls::validate::sam

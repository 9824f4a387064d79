// Which connections AWS::Serverless::Connector supports and the permissions of each (the facts
// of SAM's connector_profiles/profiles.json: source type, destination type, access categories
// and, where restricted, the allowed combinations).
#include "validate/rules/sam_connector_profiles.h"

#include <array>

namespace sls::validate::sam {

namespace {

constexpr std::array<ConnectorProfile, 31> kProfiles{{
    {"AWS::DynamoDB::Table", "AWS::Lambda::Function", {"Read"}, {}},
    {"AWS::Events::Rule", "AWS::SNS::Topic", {"Write"}, {}},
    {"AWS::Events::Rule", "AWS::Events::EventBus", {"Write"}, {}},
    {"AWS::Events::Rule", "AWS::StepFunctions::StateMachine", {"Write"}, {}},
    {"AWS::Events::Rule", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::Events::Rule", "AWS::SQS::Queue", {"Write"}, {}},
    {"AWS::Lambda::Function", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::Lambda::Function", "AWS::S3::Bucket", {"Read", "Write"}, {}},
    {"AWS::Lambda::Function", "AWS::DynamoDB::Table", {"Read", "Write"}, {}},
    {"AWS::Lambda::Function", "AWS::SQS::Queue", {"Read", "Write"}, {}},
    {"AWS::Lambda::Function", "AWS::SNS::Topic", {"Write"}, {}},
    {"AWS::Lambda::Function", "AWS::StepFunctions::StateMachine", {"Write", "Read"}, {}},
    {"AWS::Lambda::Function", "AWS::Events::EventBus", {"Write"}, {}},
    {"AWS::Lambda::Function", "AWS::Location::PlaceIndex", {"Read"}, {}},
    {"AWS::ApiGatewayV2::Api", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::ApiGateway::RestApi", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::SNS::Topic", "AWS::SQS::Queue", {"Write"}, {}},
    {"AWS::SNS::Topic", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::SQS::Queue", "AWS::Lambda::Function", {"Write", "Read"}, {{{"Read", "Write"}}}},
    {"AWS::S3::Bucket", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::StepFunctions::StateMachine", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::StepFunctions::StateMachine", "AWS::SNS::Topic", {"Write"}, {}},
    {"AWS::StepFunctions::StateMachine", "AWS::SQS::Queue", {"Write"}, {}},
    {"AWS::StepFunctions::StateMachine", "AWS::S3::Bucket", {"Read", "Write"}, {}},
    {"AWS::StepFunctions::StateMachine", "AWS::DynamoDB::Table", {"Read", "Write"}, {}},
    {"AWS::StepFunctions::StateMachine",
     "AWS::StepFunctions::StateMachine",
     {"Read", "Write"},
     {{{"Read"}, {"Read", "Write"}}}},
    {"AWS::StepFunctions::StateMachine", "AWS::Events::EventBus", {"Write"}, {}},
    {"AWS::AppSync::DataSource", "AWS::DynamoDB::Table", {"Read", "Write"}, {}},
    {"AWS::AppSync::DataSource", "AWS::Lambda::Function", {"Write"}, {}},
    {"AWS::AppSync::DataSource", "AWS::Events::EventBus", {"Write"}, {}},
    {"AWS::AppSync::GraphQLApi", "AWS::Lambda::Function", {"Write"}, {}},
}};

}  // namespace

const ConnectorProfile* find_connector_profile(std::string_view source, std::string_view dest) {
  for (const ConnectorProfile& p : kProfiles) {
    if (p.source == source && p.destination == dest) return &p;
  }
  return nullptr;
}

}  // namespace sls::validate::sam

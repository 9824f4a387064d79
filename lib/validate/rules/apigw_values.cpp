// API Gateway bounds (spec/limits.md §6) as rows for the generic rules: stage names (1-128 of
// [A-Za-z0-9_-], HTTP APIs also `$default`), stage variable names and values, integration
// timeouts (at least 50 ms; HTTP APIs at most 30 s).
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

// REST and WebSocket stages; the SAM WebSocketApi has no `$default` stage either.
constexpr std::string_view kRestStageTypes[] = {
    "AWS::Serverless::Api", "AWS::Serverless::WebSocketApi", "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::Deployment"};
// HTTP API stages (AWS::ApiGatewayV2::Stage may belong to a WebSocket API too; `$default` is
// left to CloudFormation there).
constexpr std::string_view kHttpStageTypes[] = {"AWS::Serverless::HttpApi",
                                                "AWS::ApiGatewayV2::Stage"};
constexpr std::string_view kAllStageTypes[] = {
    "AWS::Serverless::Api",        "AWS::Serverless::WebSocketApi", "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::Deployment", "AWS::Serverless::HttpApi",      "AWS::ApiGatewayV2::Stage"};
constexpr std::string_view kVariablesTypes[] = {"AWS::Serverless::Api", "AWS::ApiGateway::Stage"};
constexpr std::string_view kStageVariablesTypes[] = {"AWS::Serverless::HttpApi",
                                                     "AWS::ApiGatewayV2::Stage"};
constexpr std::string_view kFunction[] = {"AWS::Serverless::Function"};
constexpr std::string_view kApiEvent[] = {"Api"};
constexpr std::string_view kHttpApiEvent[] = {"HttpApi"};
constexpr std::string_view kRestMethod[] = {"AWS::ApiGateway::Method"};
constexpr std::string_view kV2Integration[] = {"AWS::ApiGatewayV2::Integration"};

constexpr std::string_view kRestStagePattern = "[a-zA-Z0-9_-]+";
constexpr std::string_view kHttpStagePattern = "\\$default|[a-zA-Z0-9_-]+";
constexpr std::string_view kDefaultStage = "$default";

bool rest_stage(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}
bool http_stage(std::string_view s) { return s == kDefaultStage || rest_stage(s); }

constexpr ValueRule row(std::span<const std::string_view> types, std::string_view path, Bound bound,
                        const limits::Limit* limit, std::string_view field, bool keys = false) {
  return ValueRule{
      .types = types, .path = path, .bound = bound, .limit = limit, .field = field, .keys = keys};
}
constexpr ValueRule event_row(std::span<const std::string_view> events, std::string_view path,
                              Bound bound, const limits::Limit* limit, std::string_view field) {
  return ValueRule{.types = kFunction,
                   .events = events,
                   .path = path,
                   .bound = bound,
                   .limit = limit,
                   .field = field};
}

constexpr std::array kRows{
    row(kAllStageTypes, "StageName", Bound::kMinLength, &limits::kApiStageNameMinChars,
        "stageName"),
    row(kAllStageTypes, "StageName", Bound::kMaxLength, &limits::kApiStageNameMaxChars,
        "stageName"),
    ValueRule{.types = kRestStageTypes,
              .path = "StageName",
              .bound = Bound::kPattern,
              .field = "stageName",
              .matches = rest_stage,
              .pattern = kRestStagePattern},
    ValueRule{.types = kHttpStageTypes,
              .path = "StageName",
              .bound = Bound::kPattern,
              .field = "stageName",
              .matches = http_stage,
              .pattern = kHttpStagePattern},
    row(kVariablesTypes, "Variables/*", Bound::kMaxLength, &limits::kApiStageVariableNameMaxChars,
        "variables", true),
    row(kVariablesTypes, "Variables/*", Bound::kMaxLength, &limits::kApiStageVariableValueMaxChars,
        "variables"),
    row(kStageVariablesTypes, "StageVariables/*", Bound::kMaxLength,
        &limits::kApiStageVariableNameMaxChars, "stageVariables", true),
    row(kStageVariablesTypes, "StageVariables/*", Bound::kMaxLength,
        &limits::kApiStageVariableValueMaxChars, "stageVariables"),
    row(kRestMethod, "Integration/TimeoutInMillis", Bound::kMinValue,
        &limits::kApiIntegrationTimeoutMinMs, "timeoutInMillis"),
    row(kV2Integration, "TimeoutInMillis", Bound::kMinValue, &limits::kApiIntegrationTimeoutMinMs,
        "timeoutInMillis"),
    row(kV2Integration, "TimeoutInMillis", Bound::kMaxValue,
        &limits::kHttpApiIntegrationTimeoutMaxMs, "timeoutInMillis"),
    event_row(kApiEvent, "TimeoutInMillis", Bound::kMinValue, &limits::kApiIntegrationTimeoutMinMs,
              "timeoutInMillis"),
    event_row(kHttpApiEvent, "TimeoutInMillis", Bound::kMinValue,
              &limits::kApiIntegrationTimeoutMinMs, "timeoutInMillis"),
    event_row(kHttpApiEvent, "TimeoutInMillis", Bound::kMaxValue,
              &limits::kHttpApiIntegrationTimeoutMaxMs, "timeoutInMillis"),
};

}  // namespace

std::span<const ValueRule> apigw_value_rules() { return kRows; }

}  // namespace sls::validate::defs

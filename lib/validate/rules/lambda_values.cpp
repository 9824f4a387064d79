// Lambda function configuration bounds (spec/limits.md §1) as rows for the generic rules:
// memory, timeout, /tmp, handler, description, name, environment variable names, layer ARNs,
// tags and concurrency. Applies to AWS::Serverless::Function (Globals merged) and
// AWS::Lambda::Function.
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

using limits::Limit;

constexpr std::string_view kSamFunction[] = {"AWS::Serverless::Function"};
constexpr std::string_view kCfnFunction[] = {"AWS::Lambda::Function"};
constexpr std::string_view kProvisionedTypes[] = {"AWS::Serverless::Function", "AWS::Lambda::Alias",
                                                  "AWS::Lambda::Version"};

// The patterns exactly as the Lambda API model writes them (AWS prints them in its message).
constexpr std::string_view kHandlerPattern = "[^\\s]+";
constexpr std::string_view kEnvNamePattern = "[a-zA-Z]([a-zA-Z0-9_])+";
constexpr std::string_view kFunctionNamePattern =
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?"
    "([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

bool no_space(std::string_view s) {
  return !s.empty() && std::none_of(s.begin(), s.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c));
  });
}

bool env_name(std::string_view s) {
  if (s.size() < 2 || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// A plain name must be [a-zA-Z0-9-_]+. The ARN and partial-ARN forms (anything with ':') are
// left to CloudFormation: only their length is checked here.
bool function_name(std::string_view s) {
  if (s.find(':') != std::string_view::npos) return true;
  return !s.empty() && std::all_of(s.begin(), s.end(), is_name_char);
}

// Lambda Managed Instances (a CapacityProviderConfig) allow more memory and time.
bool managed_instances(const tmpl::Node& props) { return props.get("CapacityProviderConfig"); }
const Limit* memory_max(const tmpl::Node& props) {
  return managed_instances(props) ? &limits::kLambdaMemoryLmiMaxMb : nullptr;
}
const Limit* timeout_max(const tmpl::Node& props) {
  return managed_instances(props) ? &limits::kLambdaTimeoutLmiMaxS : nullptr;
}
const Limit* name_max(const tmpl::Node& props) {
  const tmpl::Node* name = props.get("FunctionName");
  const bool arn = name && name->is_scalar() && name->scalar.find(':') != std::string::npos;
  return arn ? &limits::kLambdaArnMaxChars : nullptr;
}

constexpr std::array kRows{
    ValueRule{.types = kFunctionTypes,
              .path = "MemorySize",
              .bound = Bound::kMinValue,
              .limit = &limits::kLambdaMemoryMinMb,
              .field = "memorySize"},
    ValueRule{.types = kFunctionTypes,
              .path = "MemorySize",
              .bound = Bound::kMaxValue,
              .limit = &limits::kLambdaMemoryMaxMb,
              .field = "memorySize",
              .limit_for = memory_max},
    ValueRule{.types = kFunctionTypes,
              .path = "Timeout",
              .bound = Bound::kMinValue,
              .limit = &limits::kLambdaTimeoutMinS,
              .field = "timeout"},
    ValueRule{.types = kFunctionTypes,
              .path = "Timeout",
              .bound = Bound::kMaxValue,
              .limit = &limits::kLambdaTimeoutMaxS,
              .field = "timeout",
              .limit_for = timeout_max},
    ValueRule{.types = kFunctionTypes,
              .path = "EphemeralStorage/Size",
              .bound = Bound::kMinValue,
              .limit = &limits::kLambdaEphemeralMinMb,
              .field = "ephemeralStorage.size"},
    ValueRule{.types = kFunctionTypes,
              .path = "EphemeralStorage/Size",
              .bound = Bound::kMaxValue,
              .limit = &limits::kLambdaEphemeralMaxMb,
              .field = "ephemeralStorage.size"},
    ValueRule{.types = kFunctionTypes,
              .path = "Handler",
              .bound = Bound::kMaxLength,
              .limit = &limits::kLambdaHandlerMaxChars,
              .field = "handler"},
    ValueRule{.types = kFunctionTypes,
              .path = "Handler",
              .bound = Bound::kPattern,
              .field = "handler",
              .matches = no_space,
              .pattern = kHandlerPattern},
    ValueRule{.types = kFunctionTypes,
              .path = "Description",
              .bound = Bound::kMaxLength,
              .limit = &limits::kLambdaDescriptionMaxChars,
              .field = "description"},
    ValueRule{.types = kFunctionTypes,
              .path = "FunctionName",
              .bound = Bound::kMinLength,
              .limit = &limits::kLambdaNameMinChars,
              .field = "functionName"},
    ValueRule{.types = kFunctionTypes,
              .path = "FunctionName",
              .bound = Bound::kMaxLength,
              .limit = &limits::kLambdaNameMaxChars,
              .field = "functionName",
              .limit_for = name_max},
    ValueRule{.types = kFunctionTypes,
              .path = "FunctionName",
              .bound = Bound::kPattern,
              .field = "functionName",
              .matches = function_name,
              .pattern = kFunctionNamePattern},
    ValueRule{.types = kFunctionTypes,
              .path = "Environment/Variables/*",
              .bound = Bound::kPattern,
              .field = "environment.variables",
              .keys = true,
              .matches = env_name,
              .pattern = kEnvNamePattern},
    ValueRule{.types = kFunctionTypes,
              .path = "Layers/*",
              .bound = Bound::kMaxLength,
              .limit = &limits::kLambdaLayerArnMaxChars,
              .field = "layers"},
    ValueRule{.types = kSamFunction,
              .path = "Tags/*",
              .bound = Bound::kMaxLength,
              .limit = &limits::kTagKeyMaxChars,
              .field = "tags",
              .keys = true},
    ValueRule{.types = kSamFunction,
              .path = "Tags/*",
              .bound = Bound::kMaxLength,
              .limit = &limits::kTagValueMaxChars,
              .field = "tags"},
    ValueRule{.types = kCfnFunction,
              .path = "Tags/*/Key",
              .bound = Bound::kMaxLength,
              .limit = &limits::kTagKeyMaxChars,
              .field = "tags"},
    ValueRule{.types = kCfnFunction,
              .path = "Tags/*/Value",
              .bound = Bound::kMaxLength,
              .limit = &limits::kTagValueMaxChars,
              .field = "tags"},
    ValueRule{.types = kFunctionTypes,
              .path = "ReservedConcurrentExecutions",
              .bound = Bound::kMinValue,
              .limit = &limits::kLambdaReservedMin,
              .field = "reservedConcurrentExecutions"},
    ValueRule{.types = kProvisionedTypes,
              .path = "ProvisionedConcurrencyConfig/ProvisionedConcurrentExecutions",
              .bound = Bound::kMinValue,
              .limit = &limits::kLambdaProvisionedMin,
              .field = "provisionedConcurrentExecutions"},
};

}  // namespace

std::span<const ValueRule> lambda_value_rules() { return kRows; }

}  // namespace sls::validate::defs

// E0001, the SAM transform's checks: fixtures of the translator's own error tests must get its
// exact messages at the right place, and valid templates must get none.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "validate/validate.h"

namespace {

using sls::validate::Finding;

constexpr std::string_view kTransform = "AWS::Serverless-2016-10-31";

// The translator fixtures (conformance/sam-translator/input). Those without a Transform line
// get one in front, as the translator's tests apply the transform to every input, so their
// line numbers here are one more than in the file.
std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(SLS_SHARED_DIR) + "/conformance/sam-translator/input/" + name +
                   ".yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.find(kTransform) != std::string::npos) return text;
  return "Transform: " + std::string(kTransform) + "\n" + text;
}

std::vector<Finding> e0001(const std::string& text) {
  const auto report = sls::validate::validate_text(text, "t.yaml", sls::validate::Options{});
  std::vector<Finding> out;
  for (const Finding& f : report.findings) {
    if (f.rule_id == "E0001") out.push_back(f);
  }
  return out;
}

std::string render(const std::vector<Finding>& fs) {
  std::string out;
  for (const Finding& f : fs) {
    out += std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col) + " " + f.message + "\n";
  }
  return out;
}

struct Case {
  const char* fixture;
  const char* expected;  // every E0001 finding, "line:col message" per line
};

// Translator error fixtures with what the translator says about them (output/error_*.json).
const Case kCases[] = {
    {"error_function_no_handler",
     "3:3 Resource with id [Function] is invalid. Runtime and Handler needs to be present when "
     "PackageType is of type `Zip`\n"},
    {"error_function_invalid_codeuri",
     "6:16 Resource with id [Function] is invalid. 'CodeUri' is not a valid S3 Uri of the form "
     "'s3://bucket/key' with optional versionId query parameter.\n"},
    {"error_function_invalid_autopublishalias_name",
     "10:25 Resource with id [MyFunction] is invalid. AutoPublishAlias name "
     "('invalid*alias@name') must contain only alphanumeric characters, hyphens, or underscores "
     "matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.\n"},
    {"error_globals_unsupported_type",
     "3:3 'Globals' section is invalid. 'NewType' is not supported. Must be one of the following "
     "values - ['Api', 'CapacityProvider', 'Function', 'HttpApi', 'LayerVersion', 'SimpleTable', "
     "'StateMachine', 'WebSocketApi']\n"},
    {"error_resource_not_dict",
     "7:3 Structure of the SAM template is invalid. All 'Resources' must be Objects. If you're "
     "using YAML, this may be an indentation issue.\n"},
    {"error_missing_startingposition",
     "10:9 Resource with id [KinesisFunctionMyKinesisStream] is invalid. Missing required "
     "property 'StartingPosition'.\n"},
    {"error_function_with_schedule_missing_dlq_property",
     "15:15 Resource with id [ScheduledFunction] is invalid. Event with id "
     "[ScheduledFunctionSchedule] is invalid. No 'Arn' or 'Type' property provided for "
     "DeadLetterConfig.\n"},
    {"error_api_duplicate_methods_same_path",
     "26:19 Resource with id [Function2] is invalid. Event with id [GetHtml] is invalid. API "
     "method \"post\" defined multiple times for path \"/add\".\n"},
    {"error_http_api_event_multiple_same_path",
     "12:9 Resource with id [HttpApiFunction2] is invalid. Event with id [Api2] is invalid. API "
     "method 'x-amazon-apigateway-any-method' defined multiple times for path '$default'.\n"},
    {"error_table_invalid_attributetype",
     "8:15 Resource with id [Table] is invalid. Invalid 'Type' \"bogus\".\n"},
    {"error_websocket_api_invalid_route_name",
     "15:11 Resource with id [WSApi] is invalid. Route key '$nonsense' must be alphanumeric. Only "
     "$connect, $disconnect, and $default special routes are supported.\n"},
    {"error_existing_role_logical_id",
     "41:3 Transforming resource with id [RestApiFunction] attempts to create a new resource with "
     "id [RestApiFunctionRole] and type \"AWS::IAM::Role\". A resource with that id already "
     "exists within this template. Please use a different id for that resource.\n"},
    {"error_api_invalid_openapi_path",
     "10:9 Structure of the SAM template is invalid. Value of '/foo' path must be a dictionary "
     "according to Swagger spec.\n"},
    {"error_state_machine_with_undefined_api_authorizer",
     "56:27 Event with id [WithLambdaTokenAuth] is invalid. Unable to set Authorizer "
     "[MyUndefinedAuthorizer] on API method [post] for path [/startWithLambdaToken] because it "
     "wasn't defined in the API's Authorizers.\n"},
    {"error_cognito_userpool_duplicate_trigger",
     "24:22 Resource with id [ImplicitApiFunction] is invalid. Event with id [TwoTrigger] is "
     "invalid. Cognito trigger \"PreSignUp\" defined multiple times.\n"},
    {"error_function_policy_template_with_missing_parameter",
     "10:9 Resource with id [MyFunction] is invalid. Following required parameters of template "
     "'LambdaInvokePolicy' don't have values: ['FunctionName']\n"},
    {"error_api_swagger_integration_with_getatt_intrinsic_api_id",
     "13:24 Resource with id [HtmlFunction] is invalid. Event with id [GetHtml] is invalid. "
     "Property 'RestApiId' should be a string.\n"},
    {"error_capacity_provider_multiple_resources_validation",
     "6:3 Resource with id [CapacityProvider1] is invalid. Missing required property "
     "'VpcConfig'.\n"
     "12:3 Resource with id [CapacityProvider2] is invalid. Property 'VpcConfig.SubnetIds' is "
     "required.\n"
     "22:3 Resource with id [CapacityProvider3] is invalid. Property 'VpcConfig.SecurityGroupIds' "
     "value must be dictionary or list. Property 'VpcConfig.SubnetIds' value must be dictionary "
     "or list. Property 'ScalingConfig.MaxVCpuCount' value must be dictionary or integer.\n"
     "32:3 Resource with id [CapacityProvider4] is invalid. Property 'VpcConfig.InvalidProperty' "
     "is an invalid property. Property 'ScalingConfig.AverageCPUUtilization' value must be "
     "dictionary or number.\n"},
    {"error_schema_validation_wrong_property",
     "22:7 Resource with id [MyConnector] is invalid. property Desitation not defined for "
     "resource of type AWS::Serverless::Connector\n"},
    {"error_invalid_mapping_by_findinmap",
     "25:9 Structure of the SAM template is invalid. Cannot use Fn::FindInMap on Mapping "
     "'InvaliMapping' which is not a a two-level map.\n"},
};

}  // namespace

TEST_CASE("Translator error fixtures get the translator's exact messages at their nodes") {
  for (const Case& c : kCases) {
    CAPTURE(c.fixture);
    CHECK(render(e0001(fixture_text(c.fixture))) == c.expected);
  }
}

TEST_CASE("Valid translator fixtures get no E0001") {
  for (const char* name :
       {"alexa_skill", "api_with_auth_all_minimum", "implicit_api", "function_with_ignore_globals",
        "http_api_with_cors", "state_machine_with_api", "connector_function_to_table"}) {
    CAPTURE(std::string(name));
    CHECK(render(e0001(fixture_text(name))) == "");
  }
}

TEST_CASE("A template without the SAM transform gets no E0001") {
  CHECK(render(e0001("Resources:\n"
                     "  Fn:\n"
                     "    Type: AWS::Serverless::Function\n"
                     "    Properties:\n"
                     "      CodeUri: http://example.com/code.zip\n")) == "");
}

TEST_CASE("A local CodeUri is left to packaging, a URI of another scheme is an error") {
  const std::string head =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: app.handler\n"
      "      Runtime: python3.12\n";
  SUBCASE("local path") { CHECK(render(e0001(head + "      CodeUri: ./src\n")) == ""); }
  SUBCASE("no CodeUri at all") { CHECK(render(e0001(head)) == ""); }
  SUBCASE("http URI") {
    CHECK(render(e0001(head + "      CodeUri: https://example.com/a.zip\n")) ==
          "8:16 Resource with id [Fn] is invalid. 'CodeUri' is not a valid S3 Uri of the form "
          "'s3://bucket/key' with optional versionId query parameter.\n");
  }
}

TEST_CASE("An alias from a parameter without a value is left to the deploy") {
  const std::string text =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Parameters:\n"
      "  Alias:\n"
      "    Type: String\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: app.handler\n"
      "      Runtime: python3.12\n"
      "      AutoPublishAlias: !Ref Alias\n"
      "      DeploymentPreference:\n"
      "        Type: AllAtOnce\n";
  CHECK(render(e0001(text)) == "");
}

TEST_CASE("A definition included with Fn::Transform is not judged") {
  const std::string text =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Resources:\n"
      "  Api:\n"
      "    Type: AWS::Serverless::Api\n"
      "    Properties:\n"
      "      StageName: prod\n"
      "      Cors: \"'*'\"\n"
      "      Auth:\n"
      "        ApiKeyRequired: true\n"
      "      DefinitionBody:\n"
      "        Fn::Transform:\n"
      "          Name: AWS::Include\n"
      "          Parameters:\n"
      "            Location: api.yaml\n";
  CHECK(render(e0001(text)) == "");
}

TEST_CASE("With AWS::LanguageExtensions, Fn::ForEach resources and intrinsics are left alone") {
  const std::string text =
      "Transform:\n"
      "  - AWS::LanguageExtensions\n"
      "  - AWS::Serverless-2016-10-31\n"
      "Conditions:\n"
      "  On: !Equals [a, a]\n"
      "Resources:\n"
      "  Fn::ForEach::Topics:\n"
      "    - Name\n"
      "    - [A, B]\n"
      "    - Topic${Name}:\n"
      "        Type: AWS::SNS::Topic\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: app.handler\n"
      "      Runtime: python3.12\n"
      "      AutoPublishAlias: live\n"
      "      AutoPublishAliasAllProperties: !If [On, true, false]\n";
  CHECK(render(e0001(text)) == "");
}

TEST_CASE(
    "Without AWS::LanguageExtensions, an intrinsic where the transform wants a boolean is "
    "an error") {
  const std::string text =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Conditions:\n"
      "  On: !Equals [a, a]\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: app.handler\n"
      "      Runtime: python3.12\n"
      "      AutoPublishAlias: live\n"
      "      AutoPublishAliasAllProperties: !If [On, true, false]\n";
  CHECK(render(e0001(text)) ==
        "11:38 Resource with id [Fn] is invalid. Type of property "
        "'AutoPublishAliasAllProperties' is invalid.\n");
}

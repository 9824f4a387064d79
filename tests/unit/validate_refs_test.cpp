// The reference family of `sls validate`: Ref/GetAtt/Sub/DependsOn/Condition names, intrinsic
// function shapes, Conditions, Outputs and Parameters. Each case is a sentence, a template and
// the exact findings ("line:col id message"), cfn-lint's table style.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "validate/validate.h"

namespace {

using sls::validate::Finding;

struct Case {
  const char* sentence;
  const char* text;
  std::vector<std::string> expected;  // "line:col id message"
};

// The findings as lines "line:col id message", one per line (doctest prints strings).
std::string lint(const std::string& text) {
  sls::validate::Options opts;
  const sls::validate::FileReport r = sls::validate::validate_text(text, "t.yaml", opts);
  std::string out;
  for (const Finding& f : r.findings) {
    out += std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col) + " " + f.rule_id + " " +
           f.message + "\n";
  }
  return out;
}

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

void run(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const std::string sentence = c.sentence;
    CAPTURE(sentence);
    CHECK(lint(c.text) == lines(c.expected));
  }
}

// The pseudo parameters every "is not one of" list of Ref targets ends with.
const std::string kPseudo =
    "'AWS::AccountId', 'AWS::NoValue', 'AWS::NotificationARNs', 'AWS::Partition', "
    "'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'";

}  // namespace

TEST_CASE("Refs name parameters, pseudo parameters and resources, and nothing else") {
  const std::string targets = "['Env', 'Table', " + kPseudo + "]";
  run({
      {"A Ref to a parameter, a resource and a pseudo parameter is fine",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Resources:\n"
       "  Table:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Properties:\n"
       "      TopicName: !Sub '${Env}-${AWS::Region}'\n"
       "      DisplayName: !Ref Env\n"
       "Outputs:\n"
       "  T:\n"
       "    Value: !Ref Table\n",
       {}},
      {"A Ref to a name the template does not define",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Resources:\n"
       "  Table:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Properties:\n"
       "      TopicName: !Ref Missing\n"
       "      DisplayName: !Ref Env\n",
       {"7:18 E1020 'Missing' is not one of " + targets}},
      {"A long-form Ref is located at its value",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Resources:\n"
       "  Table:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Properties:\n"
       "      TopicName: {Ref: Nope}\n"
       "      DisplayName: !Ref Env\n",
       {"7:24 E1020 'Nope' is not one of " + targets}},
      {"A Ref takes a string, not a list",
       "Resources:\n"
       "  T:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Properties:\n"
       "      TopicName: !Ref [a]\n",
       {"5:18 E1020 ['a'] is not of type 'string'"}},
      {"A Ref in Conditions may only name parameters",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Conditions:\n"
       "  IsProd: !Equals [!Ref T, prod]\n"
       "Resources:\n"
       "  T:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Condition: IsProd\n"
       "    Properties:\n"
       "      TopicName: !Ref Env\n",
       {"4:20 E1020 'T' is not one of ['Env', " + kPseudo + "]"}},
  });
}

TEST_CASE("GetAtt names a resource and, for known types, one of its attributes") {
  run({
      {"GetAtt to a parameter is not a resource",
       "Parameters:\n"
       "  P: {Type: String}\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !GetAtt P.Arn\n"
       "      DelaySeconds: !Ref P\n",
       {"7:18 E1010 'P' is not one of ['Q']"}},
      {"GetAtt to an attribute the type does not return",
       "Resources:\n"
       "  Table:\n"
       "    Type: AWS::DynamoDB::Table\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !GetAtt Table.StreamArn\n"
       "      RedrivePolicy: {deadLetterTargetArn: !GetAtt [Table, Stream]}\n",
       {"2:3 E3003 'KeySchema' is a required property",
        "8:60 E1010 'Stream' is not one of ['Arn', 'StreamArn'] in ['us-east-1']"}},
      {"GetAtt with one item is too short",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: {'Fn::GetAtt': [Other]}\n",
       {"5:33 E1010 expected minimum item count: 2, found: 1"}},
      {"A resource that reads its own attribute depends on itself",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !GetAtt Q.Arn\n",
       {"2:3 E3004 Circular Dependencies for resource Q. Circular dependency with [Q]"}},
      {"GetAtt on a type without a known attribute list is not judged",
       "Resources:\n"
       "  B:\n"
       "    Type: AWS::S3::Bucket\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !GetAtt B.Anything\n",
       {}},
  });
}

TEST_CASE("Sub variables are map entries, Refs or GetAtts") {
  run({
      {"${!Literal}, a map variable, a pseudo parameter and a GetAtt are all fine",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !Sub\n"
       "        - '${!NotAVar}-${Name}-${AWS::Region}-${T.TopicName}'\n"
       "        - Name: x\n"
       "  T:\n"
       "    Type: AWS::SNS::Topic\n",
       {}},
      {"An undefined ${Name}",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !Sub '${Stage}-queue'\n",
       {"5:18 E1019 'Stage' is not one of ['Q', " + kPseudo + "]"}},
      {"An undefined resource in ${Res.Attr}",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !Sub '${Fn.Arn}'\n",
       {"5:18 E1019 'Fn' is not one of ['Q']"}},
      {"Sub takes a string or a list of two",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !Sub [a, {}, c]\n",
       {"5:18 E1019 expected maximum item count: 2, found: 3"}},
  });
}

TEST_CASE("Names the SAM transform generates are valid targets") {
  run({
      {"Role, alias, version, URL and implicit API of a function",
       "Transform: AWS::Serverless-2016-10-31\n"
       "Resources:\n"
       "  Fn:\n"
       "    Type: AWS::Serverless::Function\n"
       "    Properties:\n"
       "      Handler: index.handler\n"
       "      Runtime: python3.12\n"
       "      CodeUri: s3://b/k\n"
       "      AutoPublishAlias: live\n"
       "      FunctionUrlConfig: {AuthType: NONE}\n"
       "      Events:\n"
       "        Get: {Type: Api, Properties: {Path: /, Method: get}}\n"
       "  Other:\n"
       "    Type: AWS::SQS::Queue\n"
       "    DependsOn: FnAliaslive\n"
       "Outputs:\n"
       "  Role: {Value: !GetAtt FnRole.Arn}\n"
       "  Alias: {Value: !Ref Fn.Alias}\n"
       "  Version: {Value: !Ref Fn.Version}\n"
       "  Url: {Value: !GetAtt FnUrl.FunctionUrl}\n"
       "  Api: {Value: !Sub "
       "'https://${ServerlessRestApi}.execute-api/${ServerlessRestApiProdStage}'}\n",
       {}},
      {"Stage and deployment of an explicit API, and its custom domain",
       "Transform: AWS::Serverless-2016-10-31\n"
       "Resources:\n"
       "  Api:\n"
       "    Type: AWS::Serverless::Api\n"
       "    Properties: {StageName: prod}\n"
       "  Plan:\n"
       "    Type: AWS::ApiGateway::UsagePlan\n"
       "    Properties:\n"
       "      ApiStages: [{ApiId: !Ref Api, Stage: !Ref Api.Stage}]\n"
       "      Description: !Ref ApiprodStage\n"
       "      UsagePlanName: !Ref Api.DomainName\n",
       {}},
      {"Without any SAM resource, a prefixed name is not generated",
       "Resources:\n"
       "  Fn:\n"
       "    Type: AWS::SQS::Queue\n"
       "Outputs:\n"
       "  Role: {Value: !GetAtt FnRole.Arn}\n",
       {"5:17 E1010 'FnRole' is not one of ['Fn']"}},
      {"A template with another macro may define any name",
       "Transform: [AWS::Serverless-2016-10-31, MyMacro]\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties: {QueueName: !Ref FromMacro}\n",
       {}},
  });
}

TEST_CASE("DependsOn names other resources, and dependencies do not go round") {
  run({
      {"DependsOn an undefined resource and on itself",
       "Resources:\n"
       "  A:\n"
       "    Type: AWS::SQS::Queue\n"
       "    DependsOn: [Nope, A]\n"
       "  B:\n"
       "    Type: AWS::SQS::Queue\n",
       {"2:3 E3004 Circular Dependencies for resource A. Circular dependency with [A]",
        "4:17 E3005 'Nope' is not one of ['B']", "4:23 E3005 'A' is not one of ['B']"}},
      {"A circle through DependsOn and GetAtt",
       "Resources:\n"
       "  A:\n"
       "    Type: AWS::SQS::Queue\n"
       "    DependsOn: B\n"
       "  B:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !GetAtt A.QueueName\n",
       {"2:3 E3004 Circular Dependencies for resource A. Circular dependency with [B]",
        "5:3 E3004 Circular Dependencies for resource B. Circular dependency with [A]"}},
  });
}

TEST_CASE("Intrinsic functions have their argument shapes") {
  const std::string head =
      "Mappings:\n"
      "  M:\n"
      "    us-east-1: {Ami: ami-1}\n"
      "Resources:\n"
      "  Q:\n"
      "    Type: AWS::SQS::Queue\n"
      "    Properties:\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"      QueueName: !Select [-1, [a, b]]\n", "8:27 E1017 -1 is less than the minimum of 0"},
      {"      QueueName: !Select [x, [a, b]]\n", "8:27 E1017 'x' is not of type 'integer'"},
      {"      QueueName: !Select [0, abc]\n", "8:30 E1017 'abc' is not of type 'array'"},
      {"      QueueName: !Split [',']\n", "8:18 E1018 expected minimum item count: 2, found: 1"},
      {"      QueueName: !Join [[a], [b]]\n", "8:25 E1022 ['a'] is not of type 'string'"},
      {"      QueueName: !Join ['', b]\n", "8:29 E1022 'b' is not of type 'array'"},
      {"      QueueName: !Join ['', [!GetAZs '']]\n",
       "8:30 E1022 {'Fn::GetAZs': ''} is not of type 'string'"},
      {"      QueueName: !FindInMap [N, us-east-1, Ami]\n", "8:30 E1011 'N' is not one of ['M']"},
      {"      QueueName: !FindInMap [M, eu-west-1, Ami]\n",
       "8:33 E1011 'eu-west-1' is not one of ['us-east-1'] for mapping 'M'"},
      {"      QueueName: !FindInMap [M, !Ref 'AWS::Region', Id]\n", ""},
      {"      QueueName: !FindInMap [M, us-east-1, Id]\n",
       "8:44 E1011 'Id' is not one of ['Ami'] for mapping 'M' and key 'us-east-1'"},
      {"      QueueName: !GetAZs [a]\n", "8:18 E1015 ['a'] is not of type 'string'"},
      {"      QueueName: !Base64 {a: b}\n", "8:18 E1021 {'a': 'b'} is not of type 'string'"},
      {"      QueueName: !ImportValue {'Fn::GetAZs': ''}\n",
       "8:18 E1016 {'Fn::GetAZs': ''} is not of type 'string'"},
      {"      QueueName: !Cidr [10.0.0.0/16, 300, 8]\n",
       "8:38 E1024 300 is greater than the maximum of 256"},
      {"      QueueName: !Cidr [10.0.0/16, 6, 8]\n",
       "8:25 E1024 '10.0.0/16' does not match '^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-"
       "5])\\\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])(\\\\/([0-9]|[1-2][0-9]|3[0-"
       "2]))$'"},
      {"      QueueName: !If [Nope, a, b]\n", "8:23 E1028 'Nope' is not one of []"},
      {"      QueueName: !If [Nope, a]\n", "8:18 E1028 expected minimum item count: 3, found: 2"},
  };
  for (const auto& [line, expected] : cases) {
    CAPTURE(line);
    CHECK(lint(head + line) == (expected.empty() ? "" : expected + "\n"));
  }
}

TEST_CASE("Conditions are well formed, defined where used, and used") {
  run({
      {"Condition functions with wrong shapes, an undefined Condition and an unused condition",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Conditions:\n"
       "  A: !Equals [!Ref Env, prod, x]\n"
       "  B: !And [!Condition A]\n"
       "  C: !Not [!Condition Z]\n"
       "  D: !Or [!Condition A, yes please]\n"
       "  E: just text\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Condition: Missing\n"
       "    Properties:\n"
       "      QueueName: !If [B, !If [C, a, b], !If [D, c, !If [E, d, e]]]\n",
       {"4:6 E8003 expected maximum item count: 2, found: 3",
        "5:6 E8004 expected minimum item count: 2, found: 1",
        "6:12 E8007 'Z' is not one of ['A', 'B', 'C', 'D', 'E']",
        "7:25 E8006 'yes please' is not of type 'boolean'",
        "8:6 E8001 'just text' is not of type 'boolean'",
        "12:16 E8002 'Missing' is not one of ['A', 'B', 'C', 'D', 'E']"}},
      {"A condition nothing uses",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Conditions:\n"
       "  IsProd: !Equals [!Ref Env, prod]\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n",
       {"4:3 W8001 Condition IsProd not used"}},
  });
}

TEST_CASE("Outputs have a Value of type string and only the keys an output may have") {
  run({
      {"Missing Value, unknown key, bad name, list value, undefined condition, export name",
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "Outputs:\n"
       "  NoValue:\n"
       "    Description: x\n"
       "  Extra:\n"
       "    Value: a\n"
       "    Exported: yes\n"
       "  bad-name:\n"
       "    Value: a\n"
       "  Listed:\n"
       "    Value: [a, b]\n"
       "  Conditional:\n"
       "    Condition: Nope\n"
       "    Value: !Split [',', 'a,b']\n"
       "  Exp:\n"
       "    Value: a\n"
       "    Export: {Name: [a]}\n"
       "  Exp2:\n"
       "    Value: a\n"
       "    Export: {}\n",
       {"5:3 E6002 'Value' is a required property",
        "9:5 E6001 Additional properties are not allowed ('Exported' was unexpected)",
        "10:3 E6001 'bad-name' does not match any of the regexes: '^[a-zA-Z0-9]+$'",
        "13:12 E6101 ['a', 'b'] is not of type 'string'", "15:16 E6005 'Nope' is not one of []",
        "16:12 E6101 {'Fn::Split': [',', 'a,b']} is not of type 'string'",
        "19:20 E6102 ['a'] is not of type 'string'", "22:5 E6002 'Name' is a required property"}},
  });
}

TEST_CASE("Parameters have a known Type and only the keys it allows") {
  run({
      {"Missing Type, unknown type, key for another type, unknown key, unused parameter",
       "Parameters:\n"
       "  NoType:\n"
       "    Default: a\n"
       "  Odd:\n"
       "    Type: Strin\n"
       "  Num:\n"
       "    Type: Number\n"
       "    MaxLength: 3\n"
       "  Str:\n"
       "    Type: String\n"
       "    Defualt: x\n"
       "  Flag:\n"
       "    Type: String\n"
       "    NoEcho: maybe\n"
       "  Ssm:\n"
       "    Type: AWS::SSM::Parameter::Value<List<String>>\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Properties:\n"
       "      QueueName: !Sub '${NoType}${Odd}${Num}${Str}${Ssm}'\n",
       {"2:3 E2001 'Type' is a required property",
        "5:11 E2002 'Strin' is not one of ['AWS::EC2::AvailabilityZone::Name', "
        "'AWS::EC2::Image::Id', 'AWS::EC2::Instance::Id', 'AWS::EC2::KeyPair::KeyName', "
        "'AWS::EC2::SecurityGroup::GroupName', 'AWS::EC2::SecurityGroup::Id', "
        "'AWS::EC2::Subnet::Id', 'AWS::EC2::VPC::Id', 'AWS::EC2::Volume::Id', "
        "'AWS::Route53::HostedZone::Id', 'AWS::SSM::Parameter::Name', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::AvailabilityZone::Name>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::Instance::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::KeyPair::KeyName>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::GroupName>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::Subnet::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::VPC::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::EC2::Volume::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::Route53::HostedZone::Id>', "
        "'AWS::SSM::Parameter::Value<AWS::SSM::Parameter::Name>', "
        "'AWS::SSM::Parameter::Value<CommaDelimitedList>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::AvailabilityZone::Name>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::Image::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::Instance::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::SecurityGroup::GroupName>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::SecurityGroup::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::VPC::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::EC2::Volume::Id>>', "
        "'AWS::SSM::Parameter::Value<List<AWS::Route53::HostedZone::Id>>', "
        "'AWS::SSM::Parameter::Value<List<Number>>', 'AWS::SSM::Parameter::Value<List<String>>', "
        "'AWS::SSM::Parameter::Value<Number>', 'AWS::SSM::Parameter::Value<String>', "
        "'CommaDelimitedList', 'List<AWS::EC2::AvailabilityZone::Name>', "
        "'List<AWS::EC2::Image::Id>', 'List<AWS::EC2::Instance::Id>', "
        "'List<AWS::EC2::SecurityGroup::GroupName>', 'List<AWS::EC2::SecurityGroup::Id>', "
        "'List<AWS::EC2::Subnet::Id>', 'List<AWS::EC2::VPC::Id>', 'List<AWS::EC2::Volume::Id>', "
        "'List<AWS::Route53::HostedZone::Id>', 'List<Number>', 'List<String>', 'Number', "
        "'String']",
        "8:5 E2001 'MaxLength' is not one of ['AllowedValues', 'ConstraintDescription', "
        "'Default', 'Description', 'MaxValue', 'MinValue', 'NoEcho', 'Type']",
        "11:5 E2001 Additional properties are not allowed ('Defualt' was unexpected)",
        "12:3 W2001 Parameter Flag not used.", "14:13 E2001 'maybe' is not of type 'boolean'"}},
  });
}

TEST_CASE("A Ref to a resource with a Condition from an unconditional place is a warning") {
  run({
      {"Unguarded Ref warns; one under Fn::If or in a resource of the same condition does not",
       "Parameters:\n"
       "  Env: {Type: String}\n"
       "Conditions:\n"
       "  IsProd: !Equals [!Ref Env, prod]\n"
       "Resources:\n"
       "  Q:\n"
       "    Type: AWS::SQS::Queue\n"
       "    Condition: IsProd\n"
       "  Topic:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Properties:\n"
       "      TopicName: !Ref Q\n"
       "      DisplayName: !If [IsProd, !Ref Q, none]\n"
       "  Other:\n"
       "    Type: AWS::SNS::Topic\n"
       "    Condition: IsProd\n"
       "    Properties: {TopicName: !GetAtt Q.QueueName}\n",
       {"12:18 W1001 Ref to resource 'Q' that may not be available when condition 'IsProd' is "
        "False at Resources/Topic/Properties/TopicName"}},
  });
}

// The hard requirement of this family: none of its errors on templates AWS accepts.
TEST_CASE("The reference family reports no error on clean SAM fixtures or passing real templates") {
  const std::set<std::string> ours{
      "E1010", "E1011", "E1015", "E1016", "E1017", "E1018", "E1019", "E1020", "E1021", "E1022",
      "E1024", "E1028", "E2001", "E2002", "E3004", "E3005", "E6001", "E6002", "E6003", "E6005",
      "E6101", "E6102", "E8001", "E8002", "E8003", "E8004", "E8005", "E8006", "E8007"};
  const std::filesystem::path shared = SLS_SHARED_DIR;
  const std::filesystem::path sam = shared / "conformance/sam-translator";
  const std::filesystem::path real = shared / "conformance/real-world";
  if (!std::filesystem::exists(sam / "lint-expect.json")) return;
  std::vector<std::filesystem::path> files;
  const nlohmann::json labels = nlohmann::json::parse(std::ifstream(sam / "lint-expect.json"));
  for (const auto& [name, v] : labels.items()) {
    if (v["label"] == "clean") files.push_back(sam / "input" / (name + ".yaml"));
  }
  if (std::filesystem::exists(real / "manifest.json")) {
    const nlohmann::json m = nlohmann::json::parse(std::ifstream(real / "manifest.json"));
    for (const nlohmann::json& t : m["templates"]) {
      if (t["expect"] == "pass") files.push_back(real / "templates" / t["file"].get<std::string>());
    }
  }
  sls::validate::Options opts;
  size_t errors = 0;
  for (const std::filesystem::path& f : files) {
    for (const Finding& x : sls::validate::validate_file(f.string(), opts).findings) {
      if (!ours.contains(x.rule_id)) continue;
      ++errors;
      MESSAGE(f.filename().string()
              << ":" << x.loc.line << ":" << x.loc.col << " " << x.rule_id << " " << x.message);
    }
  }
  CHECK(files.size() > 500);
  CHECK(errors == 0);
}

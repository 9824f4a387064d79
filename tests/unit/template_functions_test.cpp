// lib/template/functions.cpp and env_overrides.cpp: the functions a template declares as a
// local run sees them, and SAM CLI's --env-vars precedence.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "template/template.h"
#include "template_test_util.h"

namespace {

namespace fs = std::filesystem;
using sls::tmpl::EnvOverrides;
using sls::tmpl::Function;

std::vector<Function> functions_of(const std::string& yaml, const std::string& path,
                                   const sls::tmpl::Bindings& bindings = {}) {
  return sls::tmpl::functions(sls::tmpl::App::build(sls::tmpl::load_string(yaml, path), bindings));
}

std::string error_of(const std::string& yaml) {
  try {
    functions_of(yaml, "/app/template.yaml");
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kTemplateInvalid);
    return sls::format_loc(e.where()) + ": " + e.message();
  }
  return "no error";
}

// A file in a fresh temporary directory, removed with the object.
struct TempFile {
  fs::path dir;
  std::string path;
  TempFile(const std::string& name, const std::string& text) {
    dir = fs::temp_directory_path() / ("sls-envtest-" + std::to_string(::getpid()) + "-" + name);
    fs::create_directories(dir);
    path = (dir / name).string();
    std::ofstream(path) << text;
  }
  ~TempFile() { fs::remove_all(dir); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

std::string usage_error(const std::string& path) {
  try {
    sls::tmpl::read_env_overrides(path);
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kUsage);
    return e.message();
  }
  return "no error";
}

}  // namespace

TEST_CASE("A function's properties come with Globals merged, parameters resolved and defaults") {
  const std::vector<Function> fns = functions_of(R"(Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
  Mem: {Type: Number, Default: 256}
Globals:
  Function:
    Runtime: python3.13
    Timeout: 10
    MemorySize: !Ref Mem
    Environment:
      Variables:
        STAGE: !Ref Stage
        SHARED: global
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/hello/
      Handler: app.handler
      Environment:
        Variables:
          TABLE: !Sub "notes-${Stage}"
          QUEUE: !GetAtt Queue.Arn
          DEBUG: true
          COUNT: 3
      ReservedConcurrentExecutions: 2
      Architectures: [arm64]
      EphemeralStorage: {Size: 1024}
      LoggingConfig: {LogFormat: JSON, ApplicationLogLevel: DEBUG}
      EventInvokeConfig: {MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 120}
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub "plain-${Stage}"
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 1
  Queue:
    Type: AWS::SQS::Queue
)",
                                                 "/app/template.yaml");
  REQUIRE(fns.size() == 2);
  const Function& h = fns[0];
  CHECK(h.logical_id == "Hello");
  CHECK(h.name == "Hello");
  CHECK(h.loc == sls::SourceLoc{"/app/template.yaml", 15, 3});
  CHECK(h.runtime == "python3.13");
  CHECK(h.handler == "app.handler");
  CHECK(h.package_type == "Zip");
  CHECK(h.code_dir == "/app/src/hello");
  CHECK(h.code_location.empty());
  CHECK(h.memory_mb == 256);
  CHECK(h.timeout_s == 10);
  CHECK(h.ephemeral_storage_mb == 1024);
  CHECK(h.architecture == "arm64");
  CHECK(h.reserved_concurrency == 2);
  CHECK(h.log_format == "JSON");
  CHECK(h.event_max_retries == 0);
  CHECK(h.event_max_age_s == 120);
  CHECK(h.application_log_level == "DEBUG");
  const std::map<std::string, std::string> env = {{"STAGE", "dev"},       {"SHARED", "global"},
                                                  {"TABLE", "notes-dev"}, {"QUEUE", ""},
                                                  {"DEBUG", "true"},      {"COUNT", "3"}};
  CHECK(h.environment == env);

  const Function& p = fns[1];
  CHECK(p.name == "plain-dev");
  CHECK(p.runtime == "nodejs22.x");
  CHECK(p.code_dir == "/app");  // no CodeUri: the template's directory, as SAM CLI
  CHECK(p.timeout_s == 1);
  CHECK(p.memory_mb == 256);
  CHECK_FALSE(p.reserved_concurrency.has_value());
  CHECK_FALSE(p.event_max_retries.has_value());
  CHECK_FALSE(p.event_max_age_s.has_value());
  CHECK(p.architecture == "x86_64");
}

TEST_CASE("Code that is not local is named, and local layers are found through their Ref") {
  const std::vector<Function> fns = functions_of(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  FromS3:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: "s3://bucket/code.zip", Handler: a.b, Runtime: python3.12}
  FromS3Map:
    Type: AWS::Serverless::Function
    Properties: {CodeUri: {Bucket: b, Key: k.zip}, Handler: a.b, Runtime: python3.12}
  Inline:
    Type: AWS::Serverless::Function
    Properties: {InlineCode: "def h(e, c): return 1", Handler: index.h, Runtime: python3.12}
  Image:
    Type: AWS::Serverless::Function
    Properties: {PackageType: Image, ImageUri: "repo/fn:latest"}
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      Code: ../raw
      Handler: main.handler
      Runtime: provided.al2023
      Layers:
        - !Ref Deps
        - arn:aws:lambda:us-east-1:123456789012:layer:remote:3
        - !Ref RawLayer
  Deps:
    Type: AWS::Serverless::LayerVersion
    Properties: {ContentUri: layers/deps}
  RawLayer:
    Type: AWS::Lambda::LayerVersion
    Properties: {Content: {S3Bucket: b, S3Key: l.zip}}
)",
                                                 "/work/app/template.yaml");
  REQUIRE(fns.size() == 5);
  CHECK(fns[0].code_location == "s3://bucket/code.zip");
  CHECK(fns[0].code_dir.empty());
  CHECK(fns[1].code_location == "s3://b/k.zip");
  CHECK(fns[2].code_location == "inline");
  CHECK(fns[2].inline_code == "def h(e, c): return 1");
  CHECK(fns[3].package_type == "Image");
  CHECK(fns[3].code_location == "image:repo/fn:latest");
  CHECK(fns[4].type == "AWS::Lambda::Function");
  CHECK(fns[4].code_dir == "/work/raw");
  CHECK(fns[4].layer_dirs == std::vector<std::string>{"/work/app/layers/deps"});
  CHECK(fns[4].remote_layers ==
        std::vector<std::string>{"arn:aws:lambda:us-east-1:123456789012:layer:remote:3",
                                 "{\"Ref\":\"RawLayer\"}"});
}

TEST_CASE("A Ref to a table of the template gives its name, and GetAtt Arn its ARN") {
  const std::vector<Function> fns = functions_of(R"(Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      Environment:
        Variables:
          NOTES: !Ref Notes
          NOTES_ARN: !GetAtt Notes.Arn
          ORDERS: !Ref Orders
          ORDERS_ARN: !GetAtt [Orders, Arn]
          STREAM: !GetAtt Orders.StreamArn
          OTHER: !Ref Queue
  Notes:
    Type: AWS::Serverless::SimpleTable
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "${AWS::StackName}-orders"
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  Queue:
    Type: AWS::SQS::Queue
)",
                                                 "/t/template.yaml");
  REQUIRE(fns.size() == 1);
  const std::map<std::string, std::string> want = {
      {"NOTES", "Notes"},
      {"NOTES_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/Notes"},
      {"ORDERS", "sls-local-orders"},
      {"ORDERS_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/sls-local-orders"},
      {"STREAM", ""},
      {"OTHER", ""}};
  CHECK(fns[0].environment == want);
}

TEST_CASE("Functions whose Condition is false are left out") {
  const std::vector<Function> fns = functions_of(R"(Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  OnlyProd:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties: {Handler: a.b, Runtime: python3.12}
  Always:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.b, Runtime: python3.12}
)",
                                                 "/t/template.yaml");
  REQUIRE(fns.size() == 1);
  CHECK(fns[0].logical_id == "Always");
}

TEST_CASE("Properties a local run cannot use are located errors") {
  CHECK(error_of(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: !GetAtt Other.Runtime
)") == "/app/template.yaml:6:16: function Fn: Runtime uses Fn::GetAtt, which cannot be resolved "
       "without a deployment");
  CHECK(error_of(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      Timeout: soon
)") == "/app/template.yaml:7:16: function Fn: Timeout must be an integer, not \"soon\"");
  CHECK(error_of(R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Environment: [A, B]
)") == "/app/template.yaml:6:20: function Fn: Environment must be a map, not list");
}

TEST_CASE(
    "--env-vars: the function's entry wins over Parameters, then the shell, then the "
    "template, and only declared variables are set") {
  const TempFile f("env.json", R"({
  "Parameters": {"A": "from-params", "B": "from-params", "UNDECLARED": "x", "N": 5},
  "Hello": {"A": "from-function", "FLAG": false},
  "Other": {"B": "not-mine"}
})");
  const EnvOverrides o = sls::tmpl::read_env_overrides(f.path);
  CHECK(o.parameters.at("N") == "5");
  CHECK(o.functions.at("Hello").at("FLAG") == "false");
  Function fn;
  fn.logical_id = "Hello";
  fn.name = "hello-fn";
  fn.environment = {{"A", "t"}, {"B", "t"}, {"C", "t"}, {"D", "t"}, {"FLAG", "true"}, {"N", "1"}};
  sls::tmpl::apply_env_overrides(fn, o, {{"C", "from-shell"}, {"B", "shell-loses"}});
  const std::map<std::string, std::string> want = {{"A", "from-function"}, {"B", "from-params"},
                                                   {"C", "from-shell"},    {"D", "t"},
                                                   {"FLAG", "false"},      {"N", "5"}};
  CHECK(fn.environment == want);
}

TEST_CASE("--env-vars: a function entry may be keyed by its FunctionName") {
  const TempFile f("env.json", R"({"hello-fn": {"A": "by-name"}})");
  Function fn;
  fn.logical_id = "Hello";
  fn.name = "hello-fn";
  fn.environment = {{"A", "t"}};
  sls::tmpl::apply_env_overrides(fn, sls::tmpl::read_env_overrides(f.path), {});
  CHECK(fn.environment.at("A") == "by-name");
}

TEST_CASE("--env-vars: a .env file is read as Parameters") {
  const TempFile f(".env",
                   "# comment\nexport A=1\nB = two words \nC=\"quoted \\\"x\\\"\\n\"\n"
                   "D='single # not a comment'\nE=value # comment\n\n");
  const EnvOverrides o = sls::tmpl::read_env_overrides(f.path);
  const std::map<std::string, std::string> want = {{"A", "1"},
                                                   {"B", "two words"},
                                                   {"C", "quoted \"x\"\n"},
                                                   {"D", "single # not a comment"},
                                                   {"E", "value"}};
  CHECK(o.parameters == want);
  CHECK(o.functions.empty());
}

TEST_CASE("--env-vars: unreadable and malformed files are usage errors naming the file") {
  CHECK(usage_error("/nonexistent/env.json") ==
        "Could not read environment variables overrides from file /nonexistent/env.json: "
        "cannot open the file");
  const TempFile list("list.json", "[1, 2]");
  CHECK(usage_error(list.path) == "Could not read environment variables overrides from file " +
                                      list.path + ": the file must hold a JSON object");
  const TempFile entry("entry.json", R"({"Hello": "x"})");
  CHECK(usage_error(entry.path) == "Could not read environment variables overrides from file " +
                                       entry.path + ": the value of \"Hello\" must be an object");
  const TempFile bad("bad.json", "{nope");
  CHECK(usage_error(bad.path).starts_with(
      "Could not read environment variables overrides from file " + bad.path +
      ": [json.exception.parse_error.101]"));
  const TempFile dotenv("x.env", "JUSTAKEY\n");
  CHECK(usage_error(dotenv.path) == "Could not read environment variables overrides from file " +
                                        dotenv.path + ": line 1 is not KEY=VALUE");
}

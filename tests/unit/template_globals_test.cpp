// SAM Globals: merged into resources as SAM's globals plugin does, with its errors for
// properties and sections it refuses, and IgnoreGlobals.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "template/template.h"
#include "template_test_util.h"

namespace sls::tmpl {

namespace {

App build(std::string_view text) { return App::build(load_string(text, "t.yaml")); }

std::string props(const App& app, std::string_view id) {
  const Resource* r = app.resource(id);
  REQUIRE(r != nullptr);
  return to_json(r->properties);
}

std::vector<std::string> diags(const App& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : app.diagnostics()) {
    out.push_back(d.id + " " + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + " " +
                  d.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("Scalars are overridden, maps merged, lists concatenated globals first") {
  const App app = build(
      "Globals:\n"
      "  Function:\n"
      "    Runtime: python3.12\n"
      "    Timeout: 10\n"
      "    Layers: [g1, g2]\n"
      "    Environment:\n"
      "      Variables: {TABLE: t, MODE: global}\n"
      "    Tags: {team: a}\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: app.handler\n"
      "      Timeout: 30\n"
      "      Layers: [l1]\n"
      "      Environment:\n"
      "        Variables: {MODE: local, EXTRA: x}\n");
  CHECK(diags(app).empty());
  CHECK(props(app, "Fn") ==
        R"({"Runtime":"python3.12","Timeout":30,"Layers":["g1","g2","l1"],)"
        R"("Environment":{"Variables":{"TABLE":"t","MODE":"local","EXTRA":"x"}},)"
        R"("Tags":{"team":"a"},"Handler":"app.handler"})");
  const Node& p = app.resource("Fn")->properties;
  CHECK(p.pos == Pos{13, 7});                   // the resource's own map
  CHECK(p.get("Runtime")->pos == Pos{3, 14});   // still points into Globals
  CHECK(p.get("Timeout")->pos == Pos{14, 16});  // the resource's value
  CHECK(p.get("Layers")->items[0].pos == Pos{5, 14});
  CHECK(p.get("Layers")->items[2].pos == Pos{15, 16});
}

TEST_CASE("An intrinsic on either side is a value: the resource's wins") {
  const App app = build(
      "Globals:\n"
      "  Function:\n"
      "    Environment: !If [C, {Variables: {A: 1}}, !Ref AWS::NoValue]\n"
      "    Tags: {a: 1}\n"
      "    Layers: !Ref LayerList\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Environment: {Variables: {B: 2}}\n"
      "      Tags: !Ref TagMap\n"
      "      Layers: [x]\n"
      "  Plain:\n"
      "    Type: AWS::Serverless::Function\n");
  CHECK(props(app, "Fn") ==
        R"({"Environment":{"Variables":{"B":2}},"Tags":{"Ref":"TagMap"},"Layers":["x"]})");
  // Without local values the globals' intrinsics are kept.
  CHECK(props(app, "Plain") ==
        R"({"Environment":{"Fn::If":["C",{"Variables":{"A":1}},{"Ref":"AWS::NoValue"}]},)"
        R"("Tags":{"a":1},"Layers":{"Ref":"LayerList"}})");
}

TEST_CASE("Values of different kinds take the resource's") {
  const App app = build(
      "Globals:\n"
      "  Function:\n"
      "    CodeUri: s3://bucket/key\n"
      "    Layers: [a]\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      CodeUri: {Bucket: b, Key: k}\n"
      "      Layers: single\n");
  CHECK(props(app, "Fn") == R"({"CodeUri":{"Bucket":"b","Key":"k"},"Layers":"single"})");
}

TEST_CASE("Each section applies to its own resource type only") {
  const App app = build(
      "Globals:\n"
      "  Function: {Timeout: 5}\n"
      "  Api: {Cors: '*'}\n"
      "  HttpApi: {FailOnWarnings: true}\n"
      "  SimpleTable: {SSESpecification: {SSEEnabled: true}}\n"
      "  StateMachine: {PropagateTags: true}\n"
      "  LayerVersion: {PublishLambdaVersion: true}\n"
      "  CapacityProvider: {Tags: {a: b}}\n"
      "  WebSocketApi: {RouteSelectionExpression: $request.body.action}\n"
      "Resources:\n"
      "  F: {Type: AWS::Serverless::Function}\n"
      "  A: {Type: AWS::Serverless::Api, Properties: {StageName: prod}}\n"
      "  H: {Type: AWS::Serverless::HttpApi}\n"
      "  T: {Type: AWS::Serverless::SimpleTable}\n"
      "  S: {Type: AWS::Serverless::StateMachine}\n"
      "  L: {Type: AWS::Serverless::LayerVersion}\n"
      "  C: {Type: AWS::Serverless::CapacityProvider}\n"
      "  W: {Type: AWS::Serverless::WebSocketApi}\n"
      "  Lambda: {Type: AWS::Lambda::Function, Properties: {Handler: x}}\n"
      "  App: {Type: AWS::Serverless::Application}\n");
  CHECK(diags(app).empty());
  CHECK(props(app, "F") == R"({"Timeout":5})");
  CHECK(props(app, "A") == R"({"Cors":"*","StageName":"prod"})");
  CHECK(props(app, "H") == R"({"FailOnWarnings":true})");
  CHECK(props(app, "T") == R"({"SSESpecification":{"SSEEnabled":true}})");
  CHECK(props(app, "S") == R"({"PropagateTags":true})");
  CHECK(props(app, "L") == R"({"PublishLambdaVersion":true})");
  CHECK(props(app, "C") == R"({"Tags":{"a":"b"}})");
  CHECK(props(app, "W") == R"({"RouteSelectionExpression":"$request.body.action"})");
  CHECK(props(app, "Lambda") == R"({"Handler":"x"})");
  CHECK(props(app, "App") == "{}");
  CHECK(globals_section_for("AWS::Serverless::Function") == "Function");
  CHECK(globals_section_for("AWS::Serverless::WebSocketApi") == "WebSocketApi");
  CHECK(globals_section_for("AWS::Serverless::Application") == std::nullopt);
  CHECK(globals_section_for("AWS::Lambda::Function") == std::nullopt);
  CHECK(globals_supported_properties("SimpleTable").size() == 1);
  CHECK(globals_supported_properties("Nope").empty());
}

TEST_CASE("Properties that are null or not a map are left as the resource wrote them") {
  const App app = build(
      "Globals:\n  Function: {Timeout: 5}\n"
      "Resources:\n"
      "  NullProps: {Type: AWS::Serverless::Function, Properties: null}\n"
      "  List: {Type: AWS::Serverless::Function, Properties: [1]}\n");
  CHECK(props(app, "NullProps") == "null");
  CHECK(props(app, "List") == "[1]");
}

TEST_CASE("A property SAM refuses in Globals is E0001 at its key, with SAM's list") {
  const App app = build(
      "Globals:\n"
      "  Function:\n"
      "    Timeout: 5\n"
      "    Events: {}\n"
      "  SimpleTable:\n"
      "    PrimaryKey: {Name: id}\n"
      "Resources:\n"
      "  F: {Type: AWS::Serverless::Function}\n");
  CHECK(diags(app) ==
        Lines{"E0001 4:5 'Globals' section is invalid. 'Events' is not a supported property of "
              "'Function'. Must be one of the following values - ['Handler', 'Runtime', "
              "'CodeUri', 'DeadLetterQueue', 'Description', 'MemorySize', 'Timeout', "
              "'VpcConfig', 'Environment', 'Tags', 'PropagateTags', 'Tracing', 'KmsKeyArn', "
              "'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'Layers', "
              "'DeploymentPreference', 'RolePath', 'PermissionsBoundary', "
              "'ReservedConcurrentExecutions', 'ProvisionedConcurrencyConfig', "
              "'AssumeRolePolicyDocument', 'EventInvokeConfig', 'FileSystemConfigs', "
              "'CodeSigningConfigArn', 'Architectures', 'SnapStart', 'EphemeralStorage', "
              "'FunctionUrlConfig', 'RuntimeManagementConfig', 'LoggingConfig', "
              "'RecursiveLoop', 'SourceKMSKeyArn', 'TenancyConfig', 'DurableConfig', "
              "'CapacityProviderConfig', 'FunctionScalingConfig', 'PublishToLatestPublished', "
              "'VersionDeletionPolicy']",
              "E0001 6:5 'Globals' section is invalid. 'PrimaryKey' is not a supported property "
              "of 'SimpleTable'. Must be one of the following values - ['SSESpecification']"});
  // The refused property is not merged; the rest is.
  CHECK(props(app, "F") == R"({"Timeout":5})");
}

TEST_CASE("Api Globals refuse DefinitionBody and StageName") {
  const App app = build("Globals:\n  Api:\n    StageName: v1\n    DefinitionBody: {}\n");
  REQUIRE(app.diagnostics().size() == 2);
  CHECK(app.diagnostics()[0].message.starts_with(
      "'Globals' section is invalid. 'StageName' is not a supported property of 'Api'. Must be "
      "one of the following values - ['Auth', 'Name', 'DefinitionUri', "));
  CHECK(app.diagnostics()[1].pos == Pos{4, 5});
}

TEST_CASE("An unknown Globals section, or one that is not a map, is E0001") {
  CHECK(diags(build("Globals:\n  NewType:\n    Key: Value\n  Function: 5\n")) ==
        Lines{"E0001 2:3 'Globals' section is invalid. 'NewType' is not supported. Must be one "
              "of the following values - ['Api', 'CapacityProvider', 'Function', 'HttpApi', "
              "'LayerVersion', 'SimpleTable', 'StateMachine', 'WebSocketApi']",
              "E0001 4:3 'Globals' section is invalid. Value of ${section} must be a "
              "dictionary"});
  CHECK(diags(build("Globals: [1, 2, 3]\n")) ==
        Lines{"E0001 1:1 'Globals' section is invalid. It must be a non-empty dictionary"});
  CHECK(diags(build("Globals:\n")) ==
        Lines{"E0001 1:1 'Globals' section is invalid. It must be a non-empty dictionary"});
  CHECK(diags(build("Globals: {}\n")).empty());
}

TEST_CASE("IgnoreGlobals drops all or some globals from a resource") {
  const App app = build(
      "Globals:\n"
      "  Function: {Runtime: python3.12, Timeout: 5}\n"
      "Resources:\n"
      "  All:\n"
      "    Type: AWS::Serverless::Function\n"
      "    IgnoreGlobals: '*'\n"
      "  Some:\n"
      "    Type: AWS::Serverless::Function\n"
      "    IgnoreGlobals: [Runtime]\n"
      "    Properties: {Handler: h}\n"
      "  Falsy:\n"
      "    Type: AWS::Serverless::Function\n"
      "    IgnoreGlobals: []\n");
  CHECK(diags(app).empty());
  CHECK(props(app, "All") == "{}");
  CHECK(props(app, "Some") == R"({"Timeout":5,"Handler":"h"})");
  CHECK(props(app, "Falsy") == R"({"Runtime":"python3.12","Timeout":5})");
}

TEST_CASE("A bad IgnoreGlobals is E0001 with SAM's words") {
  const App app = build(
      "Globals:\n"
      "  Function: {Runtime: python3.7}\n"
      "Resources:\n"
      "  Function:\n"
      "    IgnoreGlobals:\n"
      "    - PropertyA\n"
      "    - Runtime\n"
      "    Type: AWS::Serverless::Function\n"
      "  Str:\n"
      "    Type: AWS::Serverless::Function\n"
      "    IgnoreGlobals: Runtime\n"
      "  NoGlobals:\n"
      "    Type: AWS::Serverless::Api\n"
      "    IgnoreGlobals: [Anything]\n");
  CHECK(diags(app) ==
        Lines{"E0001 6:7 Resource with id [Function] is invalid. Resource Function has invalid "
              "resource attribute 'IgnoreGlobals' on item 'PropertyA'.",
              "E0001 11:5 Resource with id [Str] is invalid. Resource Str has invalid resource "
              "attribute 'IgnoreGlobals'."});
  CHECK(props(app, "Function") == "{}");
  CHECK(props(app, "Str") == R"({"Runtime":"python3.7"})");
}

TEST_CASE("merge_globals on its own") {
  const Template t = load_string(
      "g: {a: [1], m: {x: 1, y: 1}, s: g}\nl: {a: [2], m: {y: 2, z: 2}, s: l, n: new}\n", "t.yaml");
  CHECK(to_json(merge_globals(*t.root.get("g"), *t.root.get("l"))) ==
        R"({"a":[1,2],"m":{"x":1,"y":2,"z":2},"s":"l","n":"new"})");
  CHECK(to_json(merge_globals(*t.root.get("g"), Node::make_map())) ==
        R"({"a":[1],"m":{"x":1,"y":1},"s":"g"})");
}

TEST_CASE("Globals copied into many resources are bounded like an alias bomb") {
  std::string text = "Globals:\n  Function:\n    Tags:\n";
  for (int i = 0; i < 1000; ++i) text += "      k" + std::to_string(i) + ": v\n";
  text += "Resources:\n";
  for (int i = 0; i < 400; ++i) {
    text += "  F" + std::to_string(i) + ": {Type: AWS::Serverless::Function}\n";
  }
  const App app = build(text);
  CHECK(diags(app) == Lines{"E0000 1:1 Globals expand to more than 250000 values across "
                            "resources; later resources get no Globals"});
  CHECK(app.resource("F0")->properties.get("Tags")->entries.size() == 1000);
  CHECK(app.resource("F399")->properties.entries.empty());
}

}  // namespace sls::tmpl

// The schema engine (validate/schema.h) keyword by keyword, its CloudFormation leniency, the
// embedded schema files, and the E3001/E3002 rules end to end on fixture templates.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/embedded.h"
#include "template/template.h"
#include "validate/schema.h"
#include "validate/validate.h"

namespace {

using sls::validate::schema::Document;
using sls::validate::schema::Violation;

// Checks `yaml`'s top-level key "V" against `schema_json`; returns "line:col path: message"
// per violation, in walk order.
std::vector<std::string> check(const std::string& schema_json, const std::string& yaml) {
  const std::unique_ptr<Document> doc = Document::compile(schema_json, "test.json");
  const sls::tmpl::Template tpl = sls::tmpl::load_string(yaml, "t.yaml");
  const sls::tmpl::MapEntry* e = tpl.root.entry("V");
  REQUIRE(e != nullptr);
  std::vector<Violation> found;
  sls::validate::schema::check(doc->root(), e->value, e->key_pos, "V", found);
  std::vector<std::string> out;
  for (const Violation& v : found) {
    out.push_back(std::to_string(v.pos.line) + ":" + std::to_string(v.pos.col) + " " + v.path +
                  ": " + v.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

// The findings of the schema family's own ids in a whole template, as "line:col ID message".
// (E3031-E3034 are shared with the limit rules, so the engine tests cover those keywords.)
Lines schema_findings(const std::string& yaml) {
  sls::validate::Options opts;
  opts.ignore_checks = {"E", "W", "I"};
  opts.include_checks = {"E3001,E3002,E3003,E3012,E3014,E3017,E3018,E3020,E3021,E3030"};
  const sls::validate::FileReport r = sls::validate::validate_text(yaml, "t.yaml", opts);
  Lines out;
  for (const sls::validate::Finding& f : r.findings) {
    out.push_back(std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col) + " " + f.rule_id +
                  " " + f.message);
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string kFixtures = std::string(SLS_SOURCE_DIR) + "/tests/fixtures/validate/schema/";

}  // namespace

TEST_CASE("type: a value of another type is reported at its key with cfn-lint's wording") {
  const std::string s = R"({"properties": {"B": {"type": "boolean"}, "I": {"type": "integer"},
                          "L": {"type": "array"}, "O": {"type": ["object", "string"]}}})";
  CHECK(check(s, "V:\n  B: true\n  I: 5\n  L: [a]\n  O: x\n").empty());
  CHECK(check(s, "V:\n  B: 5\n  I: abc\n  L: {a: 1}\n  O: [1]\n") ==
        Lines{"2:3 V/B: 5 is not of type 'boolean'", "3:3 V/I: 'abc' is not of type 'integer'",
              "4:3 V/L: {'a': 1} is not of type 'array'",
              "5:3 V/O: [1] is not of type 'object', 'string'"});
}

TEST_CASE("type: CloudFormation's lenient readings of scalars are accepted") {
  const std::string s = R"({"properties": {"B": {"type": "boolean"}, "I": {"type": "integer"},
                          "N": {"type": "number"}, "S": {"type": "string"}}})";
  SUBCASE("boolean strings, YAML 1.1 booleans, numeric strings, numbers as strings") {
    CHECK(check(s, "V:\n  B: 'true'\n  I: '12'\n  N: '1.5'\n  S: 42\n").empty());
    CHECK(check(s, "V:\n  B: \"False\"\n  I: 1.0\n  N: -3\n  S: true\n").empty());
    CHECK(check(s, "V:\n  B: yes\n").empty());
  }
  SUBCASE("what cfn-lint still rejects") {
    CHECK(check(s, "V:\n  B: 'yes'\n  I: '1.5'\n  N: 'x1'\n  B2: 1\n") ==
          Lines{"2:3 V/B: 'yes' is not of type 'boolean'",
                "3:3 V/I: '1.5' is not of type 'integer'",
                "4:3 V/N: 'x1' is not of type 'number'"});
    CHECK(check(s, "V:\n  B: 1\n") == Lines{"2:3 V/B: 1 is not of type 'boolean'"});
  }
}

TEST_CASE("intrinsics stand for any value; Fn::If branches are checked one by one") {
  const std::string s = R"({"properties": {"B": {"type": "boolean"}, "E": {"enum": ["A"]},
                          "M": {"type": "object", "required": ["K"]}}})";
  CHECK(check(s, "V:\n  B: !Ref P\n  E: !Sub '${X}'\n  M: !GetAtt R.Arn\n").empty());
  CHECK(check(s, "V:\n  B: !Ref AWS::NoValue\n  E: {Fn::FindInMap: [a, b, c]}\n").empty());
  CHECK(check(s, "V:\n  B: !If [C, true, !Ref AWS::NoValue]\n  E: !If [C, A, AWS::NoValue]\n")
            .empty());
  CHECK(check(s, "V:\n  B: !If [C, true, maybe]\n  E: !If [C, B, A]\n") ==
        Lines{"2:3 V/B: 'maybe' is not of type 'boolean'", "3:3 V/E: 'B' is not one of ['A']"});
}

TEST_CASE("x-sls-intrinsics: SAM-read values take only the listed intrinsics") {
  const std::string s = R"({"properties": {"Id": {"type": "string", "x-sls-intrinsics": ["Ref"]},
                          "B": {"type": "boolean", "x-sls-intrinsics": []}}})";
  CHECK(check(s, "V:\n  Id: !Ref Api\n  B: false\n").empty());
  CHECK(check(s, "V:\n  Id: !GetAtt Api.Id\n  B: !If [C, true, false]\n") ==
        Lines{"2:3 V/Id: {'Fn::GetAtt': ['Api', 'Id']} is not of type 'string'",
              "3:3 V/B: {'Fn::If': ['C', True, False]} is not of type 'boolean'"});
}

TEST_CASE("x-sls-strict: a plain number is not a string where SAM checks isinstance") {
  const std::string s = R"({"properties": {"Id": {"type": "string", "x-sls-strict": true}}})";
  CHECK(check(s, "V:\n  Id: Fn\n").empty());
  CHECK(check(s, "V:\n  Id: 42\n") == Lines{"2:3 V/Id: 42 is not of type 'string'"});
}

TEST_CASE("additionalProperties: unknown keys are reported at the key, with a suggestion") {
  const std::string s = R"({"properties": {"TableName": {}, "Tags": {}},
                          "additionalProperties": false})";
  CHECK(check(s, "V:\n  TableName: t\n").empty());
  CHECK(check(s, "V:\n  TableNme: t\n  Foo: 1\n") ==
        Lines{"2:3 V/TableNme: Additional properties are not allowed ('TableNme' was unexpected. "
              "Did you mean 'TableName'?)",
              "3:3 V/Foo: Additional properties are not allowed ('Foo' was unexpected)"});
  SUBCASE("as a schema, it checks every other key's value") {
    const std::string m = R"({"additionalProperties": {"type": "string"}})";
    CHECK(check(m, "V:\n  a: x\n  b: 1\n").empty());
    CHECK(check(m, "V:\n  a: [x]\n") == Lines{"2:3 V/a: ['x'] is not of type 'string'"});
  }
  SUBCASE("a map with Fn::Transform is not checked") {
    CHECK(check(s, "V:\n  Fn::Transform: {Name: AWS::Include}\n").empty());
    CHECK(check(s, "V:\n  Fn::ForEach::Q: [Q, [A], {'${Q}': x}]\n").empty());
  }
}

TEST_CASE("required: reported at the key holding the object; null counts as missing") {
  const std::string s = R"({"type": "object", "required": ["Code", "Role"]})";
  CHECK(check(s, "V:\n  Code: x\n  Role: r\n").empty());
  CHECK(check(s, "V:\n  Code: x\n  Role:\n") == Lines{"1:1 V: 'Role' is a required property"});
  const std::string items = R"({"items": {"required": ["K"]}})";
  CHECK(check(items, "V:\n  - K: 1\n  - J: 2\n") == Lines{"3:5 V/1: 'K' is a required property"});
}

TEST_CASE("dependentRequired: a key that needs another") {
  const std::string s = R"({"dependentRequired": {"Path": ["Method"]}})";
  CHECK(check(s, "V:\n  Path: /x\n  Method: get\n").empty());
  CHECK(check(s, "V:\n  Method: get\n").empty());
  CHECK(check(s, "V:\n  Path: /x\n") == Lines{"1:1 V: 'Method' is a dependency of 'Path'"});
}

TEST_CASE("dependentExcluded: reported at the key that may not be there") {
  const std::string s = R"({"dependentExcluded": {"State": ["Enabled"]}})";
  CHECK(check(s, "V:\n  State: ENABLED\n").empty());
  CHECK(check(s, "V:\n  State: ENABLED\n  Enabled: true\n") ==
        Lines{"3:3 V/Enabled: 'Enabled' should not be included with 'State'"});
}

TEST_CASE("requiredXor: exactly one of the keys") {
  const std::string s = R"({"requiredXor": ["Arn", "Type"]})";
  CHECK(check(s, "V:\n  Type: SQS\n").empty());
  CHECK(check(s, "V:\n  QueueLogicalId: q\n") ==
        Lines{"1:1 V: Only one of ['Arn', 'Type'] is a required property"});
  CHECK(check(s, "V:\n  Arn: a\n  Type: SQS\n") ==
        Lines{"2:3 V/Arn: Only one of ['Arn', 'Type'] is a required property",
              "3:3 V/Type: Only one of ['Arn', 'Type'] is a required property"});
}

TEST_CASE("enum: strings and numbers, numeric strings match numbers") {
  const std::string s = R"({"properties": {"M": {"enum": ["Active", "PassThrough"]},
                          "R": {"enum": [1, 3, 7]}}})";
  CHECK(check(s, "V:\n  M: Active\n  R: 7\n").empty());
  CHECK(check(s, "V:\n  R: '7'\n").empty());
  CHECK(check(s, "V:\n  M: active\n  R: '8'\n") ==
        Lines{"2:3 V/M: 'active' is not one of ['Active', 'PassThrough']",
              "3:3 V/R: '8' is not one of [1, 3, 7]"});
}

TEST_CASE("minimum and maximum") {
  const std::string s = R"({"properties": {"N": {"minimum": 1024, "maximum": 2048.5}}})";
  CHECK(check(s, "V:\n  N: 1024\n").empty());
  CHECK(check(s, "V:\n  N: '1.5'\n") == Lines{"2:3 V/N: '1.5' is less than the minimum of 1024"});
  CHECK(check(s, "V:\n  N: 4096\n") ==
        Lines{"2:3 V/N: 4096 is greater than the maximum of 2048.5"});
}

TEST_CASE("minLength and maxLength count characters of strings only") {
  const std::string s = R"({"properties": {"S": {"minLength": 1, "maxLength": 3}}})";
  CHECK(check(s, "V:\n  S: abc\n").empty());
  CHECK(check(s, "V:\n  S: 12345\n").empty());  // a plain number is not measured
  CHECK(check(s, "V:\n  S: ''\n") == Lines{"2:3 V/S: '' is shorter than 1"});
  CHECK(check(s, "V:\n  S: \"\xC3\xA9t\xC3\xA9s\"\n") ==
        Lines{"2:3 V/S: '\xC3\xA9t\xC3\xA9s' is longer than 3"});
}

TEST_CASE("pattern: a search, reported with both sides quoted") {
  const std::string s = R"({"properties": {"P": {"pattern": "^[a-z]+$"}}})";
  CHECK(check(s, "V:\n  P: abc\n").empty());
  CHECK(check(s, "V:\n  P: it's\n") == Lines{"2:3 V/P: \"it's\" does not match '^[a-z]+$'"});
}

TEST_CASE("items, minItems and maxItems") {
  const std::string s = R"({"items": {"type": "string"}, "minItems": 1, "maxItems": 2})";
  CHECK(check(s, "V: [a, !Ref AWS::NoValue]\n").empty());
  CHECK(check(s, "V: []\n") == Lines{"1:1 V: expected minimum item count: 1, found: 0"});
  CHECK(check(s, "V: [a, b, {c: 1}]\n") == Lines{"1:1 V: expected maximum item count: 2, found: 3",
                                                 "1:11 V/2: {'c': 1} is not of type 'string'"});
}

TEST_CASE("anyOf and oneOf: the one branch that fits the type speaks for itself") {
  const std::string s = R"({"oneOf": [{"type": "string"},
      {"type": "object", "properties": {"Bucket": {}, "Key": {}}, "required": ["Bucket", "Key"],
       "additionalProperties": false}]})";
  CHECK(check(s, "V: s3://b/k\n").empty());
  CHECK(check(s, "V: {Bucket: b, Key: k}\n").empty());
  CHECK(check(s, "V: {Bucket: b}\n") == Lines{"1:1 V: 'Key' is a required property"});
  CHECK(check(s, "V: [a]\n") == Lines{"1:1 V: ['a'] is not of type 'string', 'object'"});
  SUBCASE("several branches fit: one message when none passes") {
    const std::string two = R"({"anyOf": [{"type": "string", "enum": ["A"]},
                              {"type": "string", "pattern": "^x"}]})";
    CHECK(check(two, "V: xyz\n").empty());
    CHECK(check(two, "V: B\n") == Lines{"1:1 V: 'B' is not valid under any of the given schemas"});
  }
}

TEST_CASE("$ref and x-sls-discriminator: SAM events checked by their Type") {
  const std::string s = R"({"additionalProperties": {"$ref": "#/definitions/Event"},
    "definitions": {
      "Event": {"properties": {"Type": {"enum": ["SQS"]}}, "required": ["Type"],
                "x-sls-discriminator": {"property": "Type", "target": "Properties",
                                        "mapping": {"SQS": "#/definitions/Sqs"}}},
      "Sqs": {"properties": {"Queue": {"type": "string"}}, "required": ["Queue"],
              "additionalProperties": false}}})";
  CHECK(check(s, "V:\n  E:\n    Type: SQS\n    Properties: {Queue: q}\n").empty());
  CHECK(check(s, "V:\n  E:\n    Type: SQS\n    Properties: {Queu: q}\n") ==
        Lines{"4:18 V/E/Properties/Queu: Additional properties are not allowed ('Queu' was "
              "unexpected. Did you mean 'Queue'?)",
              "4:5 V/E/Properties: 'Queue' is a required property"});
  CHECK(check(s, "V:\n  E:\n    Type: SNS\n") ==
        Lines{"3:5 V/E/Type: 'SNS' is not one of ['SQS']"});
}

TEST_CASE("a schema $ref that points nowhere is our bug, reported as kInternal") {
  CHECK_THROWS_AS(Document::compile(R"({"properties": {"A": {"$ref": "#/definitions/X"}}})", "x"),
                  sls::Error);
  CHECK_THROWS_AS(Document::compile("{", "x"), sls::Error);
}

TEST_CASE("py_repr prints values as Python's repr does") {
  using sls::validate::schema::py_repr;
  CHECK(py_repr(std::string_view("a'b")) == "\"a'b\"");
  CHECK(py_repr(std::string_view("a\"'b\n")) == "'a\"\\'b\\n'");
  const sls::tmpl::Template t = sls::tmpl::load_string("V: {a: [1, 'x', true, ~]}\n", "t");
  CHECK(py_repr(*t.root.get("V")) == "{'a': [1, 'x', True, None]}");
}

TEST_CASE("similarity is difflib's ratio") {
  using sls::validate::schema::similarity;
  CHECK(similarity("TableNme", "TableName") == doctest::Approx(16.0 / 17.0));
  CHECK(similarity("abcd", "bcde") == doctest::Approx(0.75));
  CHECK(similarity("", "") == doctest::Approx(1.0));
}

TEST_CASE("every embedded schema file compiles, and each resource file is named by its type") {
  size_t resources = 0;
  for (const sls::embedded::EmbeddedFile& f : sls::embedded::files()) {
    CAPTURE(f.path);
    const sls::validate::schema::Document* doc = sls::validate::schema::embedded_document(f.path);
    REQUIRE(doc != nullptr);
    CHECK_NOTHROW(doc->check_patterns());
    if (f.path.starts_with("resources/")) ++resources;
  }
  CHECK(resources >= 50);
  CHECK(sls::validate::schema::resource_schema_path("AWS::Serverless::Function") ==
        "resources/AWS_Serverless_Function.json");
  CHECK(sls::validate::schema::resource_schema("AWS::Lambda::Function") != nullptr);
  CHECK(sls::validate::schema::resource_schema("Custom::Thing") == nullptr);
}

TEST_CASE("E3002 and friends on a template: ids, positions, Globals reported once") {
  const std::string yaml =
      "Transform: AWS::Serverless-2016-10-31\n"
      "Globals:\n"
      "  Function:\n"
      "    Timeout: abc\n"
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties: {Handler: h, Runtime: python3.12, CodeUri: s3://b/k}\n"
      "  B:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Handler: h\n"
      "      Runtime: python3.12\n"
      "      InlineCode: x\n"
      "      Tracing: Enabled\n"
      "      Events:\n"
      "        Q:\n"
      "          Type: SQS\n"
      "          Properties: {Queue: !GetAtt Q.Arn, BatchSize: ten}\n"
      "  Q:\n"
      "    Type: AWS::SQS::Queue\n"
      "    Properties: {FifoQueue: 'true', VisibilityTimout: 30}\n"
      "  P:\n"
      "    Type: AWS::SQS::QueuePolicy\n";
  CHECK(schema_findings(yaml) ==
        Lines{"4:5 E3012 'abc' is not of type 'integer'",
              "15:7 E3030 'Enabled' is not one of ['Active', 'PassThrough', 'Disabled']",
              "19:46 E3012 'ten' is not of type 'integer'",
              "22:37 E3002 Additional properties are not allowed ('VisibilityTimout' was "
              "unexpected. Did you mean 'VisibilityTimeout'?)",
              "23:3 E3003 'PolicyDocument' is a required property",
              "23:3 E3003 'Queues' is a required property"});
}

TEST_CASE("E3030 on Runtime lists the ids of core/runtimes.h, as cfn-lint lists its own") {
  const Lines found = schema_findings(
      "Resources:\n  F:\n    Type: AWS::Lambda::Function\n"
      "    Properties: {Code: {ZipFile: x}, Role: r, Runtime: python9}\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("4:47 E3030 'python9' is not one of ['dotnet10', 'dotnet6', "));
  CHECK(found[0].find("'python3.12', ") != std::string::npos);
  CHECK(schema_findings("Resources:\n  F:\n    Type: AWS::Lambda::Function\n"
                        "    Properties: {Code: {ZipFile: x}, Role: r, Runtime: python3.12}\n")
            .empty());
}

TEST_CASE("E3001: resource attributes, Type, and the shape of a resource") {
  const std::string yaml =
      "Resources:\n"
      "  A:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Propertes: {}\n"
      "  B:\n"
      "    Properties: {}\n"
      "  C: hello\n"
      "  D:\n"
      "    Type: AWS::SNS::Topic\n"
      "    Properties:\n";
  CHECK(schema_findings(yaml) ==
        Lines{"4:5 E3001 Additional properties are not allowed ('Propertes' was unexpected)",
              "5:3 E3001 'Type' is a required property",
              "7:3 E3001 'hello' is not of type 'object'",
              "10:5 E3012 None is not of type object"});
}

TEST_CASE("schema fixtures: good templates have no schema finding, bad ones match their golden") {
  for (const char* name : {"good/serverless_full", "good/cloudformation_types"}) {
    CAPTURE(name);
    const std::string text = read_file(kFixtures + name + ".yaml");
    REQUIRE(!text.empty());
    CHECK(schema_findings(text) == Lines{});
  }
  for (const char* name : {"bad/serverless_typos", "bad/cloudformation_values"}) {
    CAPTURE(name);
    const std::string text = read_file(kFixtures + name + ".yaml");
    REQUIRE(!text.empty());
    std::string got;
    for (const std::string& l : schema_findings(text)) got += l + "\n";
    const std::string golden = kFixtures + name + ".expected";
    if (std::getenv("SLS_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << got;
    CHECK(got == read_file(golden));
  }
}

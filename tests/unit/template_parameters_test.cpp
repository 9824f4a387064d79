// Parameters: --parameter-overrides read as SAM CLI reads them, values bound (override >
// Default), and value problems reported with cfn-lint's ids.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "template/template.h"
#include "template_test_util.h"

namespace sls::tmpl {

namespace {

using Overrides = std::map<std::string, std::string>;

Overrides parse(std::vector<std::string> args) { return parse_parameter_overrides(args); }

Error parse_error(std::vector<std::string> args) {
  try {
    (void)parse(std::move(args));
  } catch (const Error& e) {
    return e;
  }
  FAIL("no throw");
  return Error(Errc::kInternal, "");
}

App build(std::string_view params, Overrides overrides = {}) {
  Bindings b;
  b.overrides = std::move(overrides);
  return App::build(load_string("Parameters:\n" + std::string(params), "t.yaml"), b);
}

// "id line:col message" for each App diagnostic, in order.
std::vector<std::string> diags(const App& app) {
  std::vector<std::string> out;
  for (const Diagnostic& d : app.diagnostics()) {
    out.push_back(d.id + " " + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + " " +
                  d.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("sls_param_test_" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

}  // namespace

TEST_CASE("Overrides in Key=Value form, several per argument and across arguments") {
  CHECK(parse({"Env=prod Size=3", "Name=x"}) ==
        Overrides{{"Env", "prod"}, {"Size", "3"}, {"Name", "x"}});
  CHECK(parse({"  Env=prod  "}) == Overrides{{"Env", "prod"}});
  CHECK(parse({"A=1 A=2"}) == Overrides{{"A", "2"}});  // the later pair wins
  CHECK(parse({"Url=https://x.com/a?b=c"}) == Overrides{{"Url", "https://x.com/a?b=c"}});
  CHECK(parse({"List=a,b,c"}) == Overrides{{"List", "a,b,c"}});
  CHECK(parse({}).empty());
  CHECK(parse({"", "  "}).empty());
}

TEST_CASE("Override values may be quoted and hold spaces") {
  CHECK(parse({"Name=\"hello world\" Other='it is'"}) ==
        Overrides{{"Name", "hello world"}, {"Other", "it is"}});
  CHECK(parse({R"(Name="say \"hi\"")"}) == Overrides{{"Name", "say \"hi\""}});
  CHECK(parse({R"(Name=a\ b)"}) == Overrides{{"Name", "a b"}});
  CHECK(parse({"Empty=\"\""}) == Overrides{{"Empty", ""}});
  CHECK(parse({"\"Key\"=v"}) == Overrides{{"Key", "v"}});
  // Unquoted values end at a space; SAM drops the words after it.
  CHECK(parse({"Name=hello world"}) == Overrides{{"Name", "hello"}});
  // An unterminated single quote is just a character of an unquoted value.
  CHECK(parse({"Name='open"}) == Overrides{{"Name", "'open"}});
}

TEST_CASE("Overrides in ParameterKey=,ParameterValue= form") {
  CHECK(parse({"ParameterKey=Env,ParameterValue=prod ParameterKey=Size,ParameterValue=3"}) ==
        Overrides{{"Env", "prod"}, {"Size", "3"}});
  CHECK(parse({"ParameterKey=Name,ParameterValue='a b'"}) == Overrides{{"Name", "a b"}});
  CHECK(parse({"ParameterKey=Env,ParameterValue=prod", "Size=3"}) ==
        Overrides{{"Env", "prod"}, {"Size", "3"}});
  // An argument holding the long form is read in that form only, as SAM does.
  CHECK(parse({"ParameterKey=Env,ParameterValue=prod Size=3"}) == Overrides{{"Env", "prod"}});
}

TEST_CASE("An argument with no pair is a usage error with SAM's words") {
  const Error e = parse_error({"nonsense"});
  CHECK(e.code() == Errc::kUsage);
  CHECK(e.message() ==
        "Invalid value for '--parameter-overrides': nonsense is not a valid format. It must look "
        "something like 'ParameterKey=KeyPairName,ParameterValue=MyKey "
        "ParameterKey=InstanceType,ParameterValue=t1.micro', 'KeyPairName=MyKey "
        "InstanceType=t1.micro', or 'file://MyParams.yaml'");
  CHECK(parse_error({"Key="}).code() == Errc::kUsage);
  CHECK(parse_error({"Bad-Key=1"}).code() == Errc::kUsage);
  CHECK(parse_error({"Name=\"unterminated"}).code() == Errc::kUsage);
}

TEST_CASE("file:// overrides read a YAML or TOML file of pairs") {
  const TempDir dir("files");
  const std::string yaml = dir.write(
      "params.yaml",
      "Env: prod\nDebug: true\nZones: [a, ' b', '']\nUnset:\n$include: file://more.toml\n");
  dir.write("more.toml", "Extra = \"x y\"\nCount = 5\n");
  CHECK(parse({"file://" + yaml}) == Overrides{{"Count", "5"},
                                               {"Debug", "True"},  // Python's str(True)
                                               {"Env", "prod"},
                                               {"Extra", "x y"},
                                               {"Unset", ""},
                                               {"Zones", "a,b"}});
  const std::string list = dir.write("list.yaml", "- A=1 B=2\n- C=3\n");
  CHECK(parse({"file://" + list}) == Overrides{{"A", "1"}, {"B", "2"}, {"C", "3"}});

  SUBCASE("a missing file") {
    const Error e = parse_error({"file://" + (dir.path / "nope.yaml").string()});
    CHECK(e.code() == Errc::kNotFound);
    CHECK(e.message() == "Invalid value for '--parameter-overrides': file://" +
                             (dir.path / "nope.yaml").string() +
                             " was not found or is a directory");
  }
  SUBCASE("an unsupported extension") {
    const std::string json = dir.write("p.json", "{}");
    const Error e = parse_error({"file://" + json});
    CHECK(e.code() == Errc::kUsage);
    CHECK(e.message() == "Invalid value for '--parameter-overrides': file://" + json +
                             " uses an unsupported extension");
  }
  SUBCASE("an include cycle") {
    const std::string a = dir.write("a.yaml", "$include: file://b.yaml\n");
    dir.write("b.yaml", "$include: file://a.yaml\n");
    const Error e = parse_error({"file://" + a});
    CHECK(e.code() == Errc::kUsage);
    CHECK(e.message() ==
          "Invalid value for '--parameter-overrides': Infinite recursion detected in file "
          "references: " +
              a);
  }
  SUBCASE("a bad $include") {
    const std::string bad = dir.write("bad.yaml", "$include: {a: 1}\n");
    CHECK(parse_error({"file://" + bad}).message() ==
          "Invalid value for '--parameter-overrides': $include must be a string or list of "
          "strings, got map");
  }
}

TEST_CASE("Parameters bind override > Default > unknown") {
  const App app = build(
      "  A: {Type: String, Default: a}\n"
      "  B: {Type: String}\n"
      "  C: {Type: CommaDelimitedList, Default: [x, y]}\n"
      "  D: {Type: String, NoEcho: true, Default: secret}\n",
      {{"A", "over"}, {"Undeclared", "ignored"}});
  const auto& p = app.parameters();
  REQUIRE(p.size() == 4);
  CHECK(p.at("A").value == "over");
  CHECK(p.at("A").overridden);
  CHECK(p.at("A").type == "String");
  CHECK(p.at("A").pos == Pos{2, 3});
  CHECK(p.at("B").value == std::nullopt);
  CHECK(p.at("C").value == "x,y");
  CHECK(p.at("D").no_echo);
  CHECK_FALSE(p.at("A").no_echo);
  // An override for a parameter the template does not declare is ignored, as SAM CLI does.
  CHECK(app.diagnostics().empty());
}

TEST_CASE("List parameter types are recognized") {
  CHECK(is_list_parameter_type("CommaDelimitedList"));
  CHECK(is_list_parameter_type("List<Number>"));
  CHECK(is_list_parameter_type("List<AWS::EC2::Subnet::Id>"));
  CHECK(is_list_parameter_type("AWS::SSM::Parameter::Value<List<String>>"));
  CHECK(is_list_parameter_type("AWS::SSM::Parameter::Value<CommaDelimitedList>"));
  CHECK_FALSE(is_list_parameter_type("String"));
  CHECK_FALSE(is_list_parameter_type("AWS::SSM::Parameter::Value<String>"));
}

TEST_CASE("A Default outside its constraints is E2015 with cfn-lint's words at Default") {
  const App app = build(
      "  Env:\n"
      "    Type: String\n"
      "    AllowedValues: [dev, prod]\n"
      "    Default: test\n"  // line 5
      "  Name:\n"
      "    Type: String\n"
      "    AllowedPattern: '[a-z]+'\n"
      "    MinLength: 3\n"
      "    MaxLength: 4\n"
      "    Default: 'AB'\n"  // line 11
      "  Size:\n"
      "    Type: Number\n"
      "    MinValue: 5\n"
      "    MaxValue: 1\n"
      "    Default: 3\n"  // line 16
      "  Ok: {Type: String, AllowedValues: [a], Default: a}\n");
  CHECK(diags(app) == Lines{
                          "E2015 5:5 Default should be a value within AllowedValues",
                          "E2015 11:5 Default should be allowed by AllowedPattern",
                          "E2015 11:5 Default should have a length above or equal to MinLength",
                          "E2015 16:5 Default should be equal to or higher than MinValue",
                          "E2015 16:5 Default should be less than or equal to MaxValue",
                      });
}

TEST_CASE("Default checks follow cfn-lint's readings") {
  SUBCASE("AllowedPattern matches at the start only, as Python's re.match") {
    CHECK(
        diags(build("  N: {Type: String, AllowedPattern: '[a-z]+', Default: 'abc-1'}\n")).empty());
  }
  SUBCASE("MinValue 0 is skipped, and quoted numbers are not compared") {
    CHECK(diags(build("  N: {Type: Number, MinValue: 0, Default: -1}\n")).empty());
    CHECK(diags(build("  N: {Type: Number, MaxValue: 1, Default: '5'}\n")).empty());
  }
  SUBCASE("values compare as text") {
    CHECK(diags(build("  N: {Type: String, AllowedValues: ['5', true], Default: 5}\n")).empty());
    CHECK(diags(build("  N: {Type: String, AllowedValues: ['True'], Default: true}\n")).empty());
  }
  SUBCASE("lengths count characters, not bytes") {
    CHECK(diags(build("  N: {Type: String, MaxLength: 2, Default: 'éé'}\n")).empty());
  }
  SUBCASE("a pattern we cannot run safely is not judged") {
    CHECK(diags(build("  N: {Type: String, AllowedPattern: '(?i)[a-z]+', Default: 'ABC'}\n"))
              .empty());
    CHECK(diags(build("  N: {Type: String, AllowedPattern: '((a{100}){100}){100}', Default: b}\n"))
              .empty());
    CHECK(diags(build("  N: {Type: String, AllowedPattern: '(a', Default: b}\n")).empty());
  }
  SUBCASE("intrinsic or list Defaults are not judged item by item") {
    CHECK(diags(build("  N: {Type: String, AllowedValues: [a], Default: !Ref X}\n")).empty());
  }
}

TEST_CASE("A list Default is reported only when its items and its whole text both fail") {
  CHECK(diags(build("  L: {Type: CommaDelimitedList, AllowedValues: [a, b], Default: 'a, b'}\n"))
            .empty());
  CHECK(diags(build("  L: {Type: CommaDelimitedList, AllowedValues: [a, b], Default: 'a,c'}\n")) ==
        Lines{"E2015 2:56 Default should be a value within AllowedValues"});
}

TEST_CASE("A Number Default that is not a number is CloudFormation's error") {
  CHECK(diags(build("  N: {Type: Number, Default: abc}\n")) ==
        Lines{"E2015 2:21 Parameter 'N' must be a number"});
  CHECK(diags(build("  N: {Type: 'List<Number>', Default: '1,x'}\n")) ==
        Lines{"E2015 2:29 Parameter 'N' must be a number"});
  CHECK(diags(build("  N: {Type: Number, Default: '1.5e3'}\n")).empty());
}

TEST_CASE("An override outside its constraints is E2900 with CloudFormation's words") {
  const std::string params =
      "  Env: {Type: String, AllowedValues: [dev, prod]}\n"
      "  Name: {Type: String, AllowedPattern: '[a-z]+', MinLength: 2, MaxLength: 4}\n"
      "  Size: {Type: Number, MinValue: 1, MaxValue: 10}\n"
      "  Desc: {Type: String, AllowedPattern: '[a-z]+', ConstraintDescription: lower case only}\n"
      "  Zones: {Type: CommaDelimitedList, AllowedValues: [a, b]}\n"
      "  Nums: {Type: 'List<Number>'}\n"
      "  Ssm: {Type: 'AWS::SSM::Parameter::Value<String>', AllowedPattern: 'x'}\n";
  CHECK(diags(build(params, {{"Env", "test"}})) ==
        Lines{"E2900 2:3 Parameter 'Env' must be one of AllowedValues"});
  CHECK(diags(build(params, {{"Name", "abc1"}})) ==
        Lines{"E2900 3:3 Parameter 'Name' must match pattern [a-z]+"});
  CHECK(diags(build(params, {{"Name", "a"}})) ==
        Lines{"E2900 3:3 Parameter 'Name' must contain at least 2 characters"});
  CHECK(diags(build(params, {{"Name", "abcde"}})) ==
        Lines{"E2900 3:3 Parameter 'Name' must contain at most 4 characters"});
  CHECK(diags(build(params, {{"Size", "x"}})) ==
        Lines{"E2900 4:3 Parameter 'Size' must be a number"});
  CHECK(diags(build(params, {{"Size", "0"}})) ==
        Lines{"E2900 4:3 Parameter 'Size' must be a number not less than 1"});
  CHECK(diags(build(params, {{"Size", "10.5"}})) ==
        Lines{"E2900 4:3 Parameter 'Size' must be a number not greater than 10"});
  CHECK(diags(build(params, {{"Desc", "ABC"}})) ==
        Lines{"E2900 5:3 Parameter 'Desc' failed to satisfy constraint: lower case only"});
  CHECK(diags(build(params, {{"Zones", "a, c"}})) ==
        Lines{"E2900 6:3 Parameter 'Zones' must be one of AllowedValues"});
  CHECK(diags(build(params, {{"Nums", "1,two"}})) ==
        Lines{"E2900 7:3 Parameter 'Nums' must be a number"});
  CHECK(diags(build(params, {{"Ssm", "/any/name"}})).empty());
  CHECK(diags(build(params, {{"Env", "prod"},
                             {"Name", "abc"},
                             {"Size", "10"},
                             {"Zones", "a,b"},
                             {"Nums", "1, 2.5"}}))
            .empty());
}

TEST_CASE("An override pattern must match the whole value, as CloudFormation checks it") {
  CHECK(diags(build("  N: {Type: String, AllowedPattern: '[a-z]+'}\n", {{"N", "abc-1"}})) ==
        Lines{"E2900 2:3 Parameter 'N' must match pattern [a-z]+"});
}

TEST_CASE("A hostile AllowedPattern cannot hang the build") {
  const std::string value(4000, 'a');
  const App app = build("  N: {Type: String, AllowedPattern: '(a*)*b', Default: '" + value + "'}\n",
                        {{"N", value}});
  CHECK(diags(app) == Lines{"E2015 2:47 Default should be allowed by AllowedPattern",
                            "E2900 2:3 Parameter 'N' must match pattern (a*)*b"});
}

}  // namespace sls::tmpl

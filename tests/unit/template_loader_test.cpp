// The template loader: YAML and JSON into a located Node tree, short-form tags, duplicate keys,
// and the bounds that keep hostile input (alias bombs, deep nesting, huge files) cheap.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "template/template.h"
#include "template_test_util.h"

namespace sls::tmpl {

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLS_TEST_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(SLS_TEST_SANITIZED) || !defined(NDEBUG)
constexpr bool kTimedBuild = false;
#else
constexpr bool kTimedBuild = true;
#endif

Template load(std::string_view text, const LoadOptions& opts = {}) {
  return load_string(text, "t.yaml", opts);
}

// The value at a path of map keys and list indexes ("Resources", "Fn", "Properties", "0").
const Node& at(const Node& root, std::initializer_list<std::string_view> path) {
  const Node* n = &root;
  for (std::string_view step : path) {
    if (n->is_seq()) {
      n = &n->items.at(static_cast<size_t>(std::stoi(std::string(step))));
    } else {
      n = n->get(step);
      REQUIRE_MESSAGE(n != nullptr, "no key " << step);
    }
  }
  return *n;
}

// The Error a load throws (REQUIREs that it throws one).
Error load_error(std::string_view text, const LoadOptions& opts = {}) {
  try {
    (void)load(text, opts);
  } catch (const Error& e) {
    return e;
  }
  FAIL("the load did not throw");
  return Error(Errc::kInternal, "");
}

}  // namespace

TEST_CASE("YAML values keep their line and column") {
  const Template t = load(
      "AWSTemplateFormatVersion: 2010-09-09\n"
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Layers: [a, 'b']\n");
  CHECK(t.path == "t.yaml");
  CHECK_FALSE(t.is_json);
  CHECK(t.root.pos == Pos{1, 1});
  const MapEntry* version = t.root.entry("AWSTemplateFormatVersion");
  REQUIRE(version != nullptr);
  CHECK(version->key_pos == Pos{1, 1});
  CHECK(version->value.pos == Pos{1, 27});
  // YAML 1.1 timestamps are not a thing here: the date stays the text CloudFormation wants.
  CHECK(version->value.scalar == "2010-09-09");
  CHECK_FALSE(version->value.quoted);
  CHECK(at(t.root, {"Resources", "Fn", "Type"}).pos == Pos{4, 11});
  CHECK(t.root.get("Resources")->entry("Fn")->key_pos == Pos{3, 3});
  const Node& layers = at(t.root, {"Resources", "Fn", "Properties", "Layers"});
  REQUIRE(layers.is_seq());
  CHECK(layers.pos == Pos{6, 15});
  CHECK(layers.items[0].pos == Pos{6, 16});
  CHECK(layers.items[1].pos == Pos{6, 19});
  CHECK(layers.items[1].scalar == "b");
}

TEST_CASE("Quoted scalars are strings whatever they say; plain ones keep YAML's reading") {
  const Template t = load("a: 5\nb: '5'\nc: \"true\"\nd: true\ne: ~\nf:\ng: null\nh: !!str 7\n");
  CHECK(at(t.root, {"a"}).plain_is_number());
  CHECK(at(t.root, {"a"}).as_int() == 5);
  CHECK(at(t.root, {"b"}).quoted);
  CHECK_FALSE(at(t.root, {"b"}).plain_is_number());
  CHECK(at(t.root, {"b"}).as_int() == 5);  // CloudFormation reads "5" as 5 where it wants one
  CHECK(at(t.root, {"c"}).quoted);
  CHECK_FALSE(at(t.root, {"c"}).plain_is_bool());
  CHECK(at(t.root, {"d"}).plain_is_bool());
  CHECK(at(t.root, {"e"}).is_null());
  CHECK(at(t.root, {"f"}).is_null());
  CHECK(at(t.root, {"g"}).is_null());
  CHECK(at(t.root, {"h"}).quoted);
  CHECK(describe(at(t.root, {"a"})) == "number");
  CHECK(describe(at(t.root, {"b"})) == "string");
  CHECK(describe(at(t.root, {"d"})) == "boolean");
  CHECK(describe(at(t.root, {"e"})) == "null");
  CHECK(to_json(t.root) ==
        R"({"a":5,"b":"5","c":"true","d":true,"e":null,"f":null,"g":null,"h":"7"})");
}

TEST_CASE("A UTF-8 byte order mark is skipped and columns start after it") {
  const Template t = load("\xEF\xBB\xBFResources:\n  A: {Type: X}\n");
  REQUIRE(t.root.is_map());
  CHECK(t.root.entries.front().key == "Resources");
  CHECK(t.root.entries.front().key_pos == Pos{1, 1});
  CHECK(t.size_bytes == 29);
}

TEST_CASE("JSON templates load, tabs and all, with JSON's positions") {
  const Template t = load_string(
      "{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\",\n\t\"Resources\": {\n"
      "\t\t\"Q\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"DelaySeconds\": 5, "
      "\"Tags\": [\"a\\tb\", true]}}\n\t}\n}\n",
      "t.json");
  CHECK(t.is_json);
  const MapEntry* version = t.root.entry("AWSTemplateFormatVersion");
  REQUIRE(version != nullptr);
  CHECK(version->key_pos == Pos{2, 2});
  CHECK(version->value.quoted);
  CHECK(version->value.pos == Pos{2, 30});
  const Node& props = at(t.root, {"Resources", "Q", "Properties"});
  CHECK(at(props, {"DelaySeconds"}).plain_is_number());
  CHECK(at(props, {"Tags", "0"}).scalar == "a\tb");  // a tab inside a string stays a tab
  CHECK(at(props, {"Tags", "1"}).plain_is_bool());
  CHECK(to_json(props) == R"({"DelaySeconds":5,"Tags":["a\tb",true]})");
}

TEST_CASE("JSON without spaces after colons and with escapes loads") {
  const Template t = load_string(R"({"a":{"b":[1,2]},"c":"x\/y\u00e9"})", "t.json");
  CHECK(to_json(t.root) == R"({"a":{"b":[1,2]},"c":"x/yé"})");
}

TEST_CASE("A multi-line !Sub keeps its text and the tag's position") {
  const Template t = load(
      "Outputs:\n"
      "  Url:\n"
      "    Value: !Sub |\n"
      "      https://${Api}.execute-api.${AWS::Region}.amazonaws.com\n"
      "      second line\n");
  const Node& v = at(t.root, {"Outputs", "Url", "Value"});
  const std::optional<Intrinsic> in = as_intrinsic(v);
  REQUIRE(in.has_value());
  CHECK(in->name == "Fn::Sub");
  CHECK(in->arg.scalar == "https://${Api}.execute-api.${AWS::Region}.amazonaws.com\nsecond line\n");
  CHECK(v.pos == Pos{3, 12});
}

TEST_CASE("A block scalar whose tag starts its line loads (yaml-cpp alone rejects it)") {
  SUBCASE("in a map") {
    const Template t = load(
        "Policy:\n"
        "  !Sub |\n"
        "  {\"Rules\": [\"${AWS::Region}\"]}\n"
        "Next: 1\n");
    const Node& v = at(t.root, {"Policy"});
    REQUIRE(is_intrinsic(v));
    CHECK(v.pos == Pos{2, 3});
    CHECK(at(v, {"Fn::Sub"}).scalar == "{\"Rules\": [\"${AWS::Region}\"]}\n");
    const Template same_line =
        load("Policy: !Sub |\n  {\"Rules\": [\"${AWS::Region}\"]}\nNext: 1\n");
    CHECK(at(same_line.root, {"Policy", "Fn::Sub"}).quoted == at(v, {"Fn::Sub"}).quoted);
    CHECK(at(t.root, {"Next"}).scalar == "1");
  }
  SUBCASE("in a list, folded") {
    const Template t = load("L:\n  - !Sub >-\n    a ${B}\n    c\n  - d\n");
    CHECK(to_json(t.root) == R"({"L":[{"Fn::Sub":"a ${B} c"},"d"]})");
    CHECK(at(t.root, {"L", "0"}).pos == Pos{2, 5});
  }
  SUBCASE("a literal block that only looks like one is left alone") {
    const Template t = load("Code: |\n  x:\n    !Sub |\n    y\n");
    CHECK(at(t.root, {"Code"}).scalar == "x:\n  !Sub |\n  y\n");
  }
}

TEST_CASE("Every short-form tag becomes its long form") {
  const Template t = load(
      "a: !Ref P\n"
      "b: !GetAtt R.Arn\n"
      "c: !GetAtt [R, Arn]\n"
      "d: !Sub 'x-${P}'\n"
      "e: !Join [',', [a, b]]\n"
      "f: !If [C, 1, 2]\n"
      "g: !Select [0, [a]]\n"
      "h: !Split [',', 'a,b']\n"
      "i: !FindInMap [M, K, V]\n"
      "j: !ImportValue X\n"
      "k: !GetAZs ''\n"
      "l: !Base64 x\n"
      "m: !Cidr [10.0.0.0/16, 2, 8]\n"
      "n: !Equals [a, b]\n"
      "o: !Not [!Condition C]\n"
      "p: !And [!Condition C, !Condition D]\n"
      "q: !Or [!Condition C, !Condition D]\n"
      "r: !Transform {Name: X}\n"
      "s: !GetAtt R.Endpoint.Address\n"
      "t: !GetAZs\n");
  CHECK(t.diagnostics.empty());
  CHECK(
      to_json(t.root) ==
      R"({"a":{"Ref":"P"},"b":{"Fn::GetAtt":["R","Arn"]},"c":{"Fn::GetAtt":["R","Arn"]},)"
      R"("d":{"Fn::Sub":"x-${P}"},"e":{"Fn::Join":[",",["a","b"]]},"f":{"Fn::If":["C",1,2]},)"
      R"("g":{"Fn::Select":[0,["a"]]},"h":{"Fn::Split":[",","a,b"]},)"
      R"("i":{"Fn::FindInMap":["M","K","V"]},"j":{"Fn::ImportValue":"X"},"k":{"Fn::GetAZs":""},)"
      R"("l":{"Fn::Base64":"x"},"m":{"Fn::Cidr":["10.0.0.0/16",2,8]},)"
      R"("n":{"Fn::Equals":["a","b"]},"o":{"Fn::Not":[{"Condition":"C"}]},)"
      R"("p":{"Fn::And":[{"Condition":"C"},{"Condition":"D"}]},)"
      R"("q":{"Fn::Or":[{"Condition":"C"},{"Condition":"D"}]},"r":{"Fn::Transform":{"Name":"X"}},)"
      R"("s":{"Fn::GetAtt":["R","Endpoint.Address"]},"t":{"Fn::GetAZs":""}})");
  // The long forms written out are the same values.
  const Template longs = load(
      "a: {Ref: P}\nb: {Fn::GetAtt: [R, Arn]}\nd: {'Fn::Sub': 'x-${P}'}\n"
      "o: {Fn::Not: [{Condition: C}]}\n");
  CHECK(at(longs.root, {"a"}) == at(t.root, {"a"}));
  CHECK(at(longs.root, {"b"}) == at(t.root, {"b"}));
  CHECK(at(longs.root, {"d"}) == at(t.root, {"d"}));
  CHECK(at(longs.root, {"o"}) == at(t.root, {"o"}));
  // A tag's value and the call keep the tag's position.
  CHECK(at(t.root, {"b"}).pos == Pos{2, 4});
  CHECK(at(t.root, {"b", "Fn::GetAtt", "1"}).pos == Pos{2, 4});
  CHECK(at(t.root, {"c", "Fn::GetAtt"}).pos == Pos{3, 4});  // yaml-cpp marks a node at its tag
}

TEST_CASE("Intrinsics are recognized by their single key") {
  const Template t =
      load("a: {Ref: X}\nb: {Ref: X, Other: 1}\nc: {Fn::Foo: 1}\nd: {Condition: C}\n");
  CHECK(is_intrinsic(at(t.root, {"a"})));
  CHECK_FALSE(is_intrinsic(at(t.root, {"b"})));
  CHECK(as_intrinsic(at(t.root, {"c"}))->name == "Fn::Foo");
  CHECK(describe(at(t.root, {"d"})) == "Condition");
  CHECK(describe(at(t.root, {"b"})) == "map");
}

TEST_CASE("An unknown tag is a diagnostic and the value stays as written") {
  const Template t = load("a: !Bogus x\n");
  REQUIRE(t.diagnostics.size() == 1);
  CHECK(t.diagnostics[0].id == "E0000");
  CHECK(t.diagnostics[0].message == "unknown tag !Bogus");
  CHECK(t.diagnostics[0].pos == Pos{1, 4});
  CHECK(at(t.root, {"a"}).scalar == "x");
}

TEST_CASE("Duplicate keys are reported at the second with the first's place; the last wins") {
  SUBCASE("a small map") {
    const Template t = load("Resources:\n  A: {Type: X}\n  B: {Type: Y}\n  A: {Type: Z}\n");
    REQUIRE(t.diagnostics.size() == 1);
    CHECK(t.diagnostics[0].id == "E0000");
    CHECK(t.diagnostics[0].message == "Duplicate found \"A\" (first at line 2, column 3)");
    CHECK(t.diagnostics[0].pos == Pos{4, 3});
    const Node& r = at(t.root, {"Resources"});
    REQUIRE(r.entries.size() == 2);
    CHECK(r.entries[0].key == "A");
    CHECK(r.entries[0].key_pos == Pos{2, 3});
    CHECK(at(r, {"A", "Type"}).scalar == "Z");
  }
  SUBCASE("a large map uses its index and says the same") {
    std::string text = "M:\n";
    for (int i = 0; i < 40; ++i)
      text += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    text += "  k7: last\n";
    const Template t = load(text);
    REQUIRE(t.diagnostics.size() == 1);
    CHECK(t.diagnostics[0].message == "Duplicate found \"k7\" (first at line 9, column 3)");
    CHECK(t.diagnostics[0].pos == Pos{42, 3});
    CHECK(at(t.root, {"M"}).entries.size() == 40);
    CHECK(at(t.root, {"M", "k7"}).scalar == "last");
  }
}

TEST_CASE("Not YAML is a located syntax error") {
  const Error e = load_error("a: [1, 2\nb: 3\n");
  CHECK(e.code() == Errc::kTemplateSyntax);
  CHECK(e.where().file == "t.yaml");
  CHECK(e.where().line == 2);
  CHECK(e.message() == "end of sequence flow not found");
}

TEST_CASE("A mapping key that is not a string is a located syntax error") {
  SUBCASE("a cookiecutter placeholder, which YAML reads as a map") {
    const Error e = load_error("Resources:\n  F:\n    Runtime: {{ cookiecutter.runtime }}\n");
    CHECK(e.code() == Errc::kTemplateSyntax);
    CHECK(e.message() == "a mapping key must be a string, not a map");
    CHECK(e.where() == SourceLoc{"t.yaml", 3, 15});
  }
  SUBCASE("a list") {
    CHECK(load_error("? [a, b]\n: c\n").message() == "a mapping key must be a string, not a list");
  }
  SUBCASE("null") {
    const Error e = load_error("a: 1\n~: 2\n");
    CHECK(e.message() == "a mapping key must be a string, not null");
    CHECK(e.where() == SourceLoc{"t.yaml", 2, 1});
  }
  SUBCASE("an intrinsic") {
    CHECK(load_error("!Ref X: 1\n").message() == "a mapping key must be a string, not a map");
  }
}

TEST_CASE("Aliases are copies of their anchors") {
  const Template t = load("a: &x {k: [1, 2]}\nb: *x\n");
  CHECK(at(t.root, {"b"}) == at(t.root, {"a"}));
  CHECK(at(t.root, {"b", "k", "1"}).scalar == "2");
}

TEST_CASE("A billion-laughs file fails fast with a located error") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 1; j < 10; ++j) text += ", " + prev;
    text += "]\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const Error e = load_error(text);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(e.code() == Errc::kTemplateInvalid);
  CHECK(e.message() == "YAML aliases expand to more than 100000 values (billion laughs?)");
  // a0..a3 copy 12330 values; the 8th *a3 on line 5 (11111 values each) crosses 100000.
  CHECK(e.where() == SourceLoc{"t.yaml", 5, 45});
  CHECK(took < std::chrono::milliseconds(500));
}

TEST_CASE("An alias inside its own anchor is an error, not a loop") {
  const Error e = load_error("a: &x [1, *x]\n");
  CHECK(e.code() == Errc::kTemplateInvalid);
  CHECK(e.message() == "alias refers to its own enclosing anchor (recursive alias)");
  CHECK(e.where() == SourceLoc{"t.yaml", 1, 11});
}

TEST_CASE("An alias to an undefined anchor is yaml-cpp's syntax error") {
  const Error e = load_error("a: *nope\n");
  CHECK(e.code() == Errc::kTemplateSyntax);
  CHECK(e.message() == "the referenced anchor is not defined");
  CHECK(e.where() == SourceLoc{"t.yaml", 1, 4});
}

TEST_CASE("Deep nesting fails with a located error, not a stack overflow") {
  SUBCASE("100000 open brackets") {
    const Error e = load_error(std::string(100000, '['));
    CHECK(e.code() == Errc::kTemplateInvalid);
    CHECK(e.message() == "values nest deeper than 256 levels");
    CHECK(e.where().line == 1);
  }
  SUBCASE("closed lists one past the limit") {
    const Error e = load_error(std::string(257, '[') + std::string(257, ']'));
    CHECK(e.where() == SourceLoc{"t.yaml", 1, 257});
  }
  SUBCASE("nested maps") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "{a: ";
    CHECK(load_error(text).code() == Errc::kTemplateInvalid);
  }
  SUBCASE("exactly at the limit loads") {
    LoadOptions opts;
    opts.max_depth = 8;
    CHECK_NOTHROW(load(std::string(8, '[') + std::string(8, ']'), opts));
    CHECK(load_error(std::string(9, '[') + std::string(9, ']'), opts).code() ==
          Errc::kTemplateInvalid);
  }
}

TEST_CASE("More values than max_nodes is an error") {
  LoadOptions opts;
  opts.max_nodes = 10;
  const Error e = load_error("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", opts);
  CHECK(e.code() == Errc::kTemplateInvalid);
  CHECK(e.message() == "template holds more than 10 values");
  CHECK(e.where() == SourceLoc{"t.yaml", 1, 29});
}

TEST_CASE("Empty text loads as a null root") {
  CHECK(load("").root.is_null());
  CHECK(load("# only a comment\n").root.is_null());
}

TEST_CASE("A file that cannot be read is an I/O error naming it") {
  try {
    (void)load_file("/nonexistent/template.yaml");
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::kIo);
    CHECK(e.message() == "cannot read template: /nonexistent/template.yaml");
    CHECK(e.where().file == "/nonexistent/template.yaml");
  }
}

TEST_CASE("load_file reads a template from disk") {
  const std::filesystem::path p =
      std::filesystem::temp_directory_path() / "sls_loader_test_template.yaml";
  std::ofstream(p) << "Resources:\n  A:\n    Type: AWS::SNS::Topic\n";
  const Template t = load_file(p.string());
  CHECK(t.path == p.string());
  CHECK(at(t.root, {"Resources", "A", "Type"}).pos == Pos{3, 11});
  std::filesystem::remove(p);
}

TEST_CASE("A 5 MB template loads in well under a second") {
  std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n";
  int n = 0;
  while (text.size() < 5 * 1024 * 1024) {
    const std::string i = std::to_string(n++);
    text += "  Fn" + i +
            ":\n    Type: AWS::Serverless::Function\n    Properties:\n"
            "      Handler: app.handler\n      Runtime: python3.12\n      CodeUri: src/" +
            i + "/\n      Environment:\n        Variables:\n          TABLE: !Ref Table" + i +
            "\n          NAME: !Sub '${AWS::StackName}-" + i +
            "'\n      Events:\n        Api:\n          Type: Api\n          Properties:\n"
            "            Path: /fn" +
            i + "\n            Method: get\n";
  }
  // CPU time, not wall time: the bound must hold on a machine busy with other builds.
  const std::clock_t start = std::clock();
  const Template t = load(text);
  const double cpu_s = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  CHECK(t.root.get("Resources")->entries.size() == static_cast<size_t>(n));
  MESSAGE("5 MB loaded in " << cpu_s << " s of CPU");
  // yaml-cpp alone needs about half a second for 5 MB; the bound catches quadratic regressions.
  // Sanitized and unoptimized builds are several times slower: there the load only has to work.
  if (kTimedBuild) CHECK(cpu_s < 1.5);
}

TEST_CASE("Node's scalar readings follow CloudFormation") {
  CHECK(Node::make_scalar("128").as_int() == 128);
  CHECK(Node::make_scalar("+7").as_int() == 7);
  CHECK(Node::make_scalar("128.0").as_int() == 128);
  CHECK(Node::make_scalar("1e3").as_int() == 1000);
  CHECK_FALSE(Node::make_scalar("1.5").as_int());
  CHECK_FALSE(Node::make_scalar("1e999").as_int());  // inf: out of range, no conversion
  CHECK_FALSE(Node::make_scalar("99999999999999999999").as_int());
  CHECK_FALSE(Node::make_scalar("0x10").as_int());
  CHECK_FALSE(Node::make_scalar("").as_int());
  CHECK(Node::make_scalar(".5").as_number() == 0.5);
  CHECK_FALSE(Node::make_scalar("1.2.3").as_number());
  CHECK(Node::make_scalar("TRUE").as_bool() == true);
  CHECK(Node::make_scalar("off").as_bool() == false);
  Node quoted_yes = Node::make_scalar("yes");
  quoted_yes.quoted = true;
  CHECK_FALSE(quoted_yes.as_bool());
  CHECK_FALSE(Node::make_map().as_int());
}

TEST_CASE("Node edits keep maps in order") {
  Node m = Node::make_map();
  m.set("b", Node::make_scalar("1"));
  m.set("a", Node::make_scalar("2"));
  m.set("b", Node::make_scalar("3"));
  CHECK(to_json(m) == R"({"b":3,"a":2})");
  CHECK(m.erase("b"));
  CHECK_FALSE(m.erase("b"));
  CHECK(to_json(m) == R"({"a":2})");
  Node s = Node::make_scalar("x");
  s.set("k", Node::make_scalar("v"));  // a scalar becomes a map
  CHECK(to_json(s) == R"({"k":"v"})");
}

}  // namespace sls::tmpl

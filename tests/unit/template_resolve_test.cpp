// App::resolve and App::condition: intrinsic functions replaced where their inputs are known,
// kept as written where they are not, and conditions evaluated without looping.
#include <string>

#include <doctest/doctest.h>

#include "template/template.h"
#include "template_test_util.h"

namespace sls::tmpl {

namespace {

constexpr std::string_view kParams =
    "Parameters:\n"
    "  Env: {Type: String, Default: dev}\n"  // line 2
    "  Count: {Type: Number, Default: 3}\n"  // line 3
    "  Names: {Type: CommaDelimitedList, Default: 'a, b,c'}\n"
    "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2'}\n"
    "  NoDefault: {Type: String}\n"
    "  Ssm: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /my/param}\n"
    "Mappings:\n"
    "  Sizes:\n"
    "    dev: {Memory: 128, Zones: [a, b]}\n"
    "    prod: {Memory: 1024}\n"
    "    us-east-1: {Memory: 256}\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Env, prod]\n"
    "  IsDev: !Equals [!Ref Env, dev]\n"
    "  NotProd: !Not [!Condition IsProd]\n"
    "  Unknown: !Equals [!Ref NoDefault, x]\n"
    "  DevOrUnknown: !Or [!Condition IsDev, !Condition Unknown]\n"
    "  ProdAndUnknown: !And [!Condition IsProd, !Condition Unknown]\n"
    "  DevAndUnknown: !And [!Condition IsDev, !Condition Unknown]\n"
    "  LoopA: !Condition LoopB\n"
    "  LoopB: !Not [!Condition LoopA]\n"
    "  Self: !Condition Self\n"
    "  Region: !Equals [!Ref 'AWS::Region', us-east-1]\n"
    "  BoolText: !Equals [true, 'true']\n"
    "Resources:\n"
    "  Bucket: {Type: AWS::S3::Bucket}\n";

App build(std::string_view body, std::map<std::string, std::string> overrides = {}) {
  Bindings b;
  b.overrides = std::move(overrides);
  return App::build(load_string(std::string(kParams) + std::string(body), "t.yaml"), b);
}

// Resolves the value of top-level key `key` of the body's `Values:` map.
Node resolved(const App& app, std::string_view key) {
  const Node* values = app.tpl().section("Values");
  REQUIRE(values != nullptr);
  const Node* v = values->get(key);
  REQUIRE_MESSAGE(v != nullptr, "no value " << key);
  return app.resolve(*v);
}

std::string json(const App& app, std::string_view key) { return to_json(resolved(app, key)); }

}  // namespace

TEST_CASE("Ref to a parameter gives its Default, or its override") {
  const App app = build("Values:\n  a: !Ref Env\n  b: {Ref: Count}\n");
  CHECK(json(app, "a") == R"("dev")");
  CHECK(json(app, "b") == "3");  // a Number reads as a number
  const Node a = resolved(app, "a");
  CHECK(a.quoted);
  CHECK(a.pos == Pos{29, 6});  // where the !Ref was
  const App over = build("Values:\n  a: !Ref Env\n", {{"Env", "prod"}});
  CHECK(json(over, "a") == R"("prod")");
  CHECK(over.parameters().at("Env").overridden);
  CHECK_FALSE(app.parameters().at("Env").overridden);
}

TEST_CASE("Ref to a list parameter gives a list of trimmed items at the Ref's position") {
  const App app = build("Values:\n  a: !Ref Names\n  b: !Ref Subnets\n");
  const Node a = resolved(app, "a");
  CHECK(to_json(a) == R"(["a","b","c"])");
  CHECK(a.pos == Pos{29, 6});
  CHECK(a.items[1].pos == Pos{29, 6});
  CHECK(json(app, "b") == R"(["subnet-1","subnet-2"])");
  CHECK(app.parameters().at("Names").value == "a, b,c");
}

TEST_CASE("Refs with unknown values stay symbolic") {
  const App app = build(
      "Values:\n  a: !Ref NoDefault\n  b: !Ref Bucket\n  c: !Ref Ssm\n"
      "  d: !Ref AWS::NotificationARNs\n  e: !Ref Missing\n  f: {Ref: [not, scalar]}\n");
  CHECK(json(app, "a") == R"({"Ref":"NoDefault"})");
  CHECK(json(app, "b") == R"({"Ref":"Bucket"})");
  CHECK(json(app, "c") == R"({"Ref":"Ssm"})");  // its value names an SSM parameter
  CHECK(json(app, "d") == R"({"Ref":"AWS::NotificationARNs"})");
  CHECK(json(app, "e") == R"({"Ref":"Missing"})");
  CHECK(json(app, "f") == R"({"Ref":["not","scalar"]})");
}

TEST_CASE("Pseudo parameters resolve from the bindings") {
  Bindings b;
  b.pseudo.region = "eu-west-1";
  b.pseudo.account_id = "111122223333";
  const App app =
      App::build(load_string("Values:\n  r: !Ref AWS::Region\n  a: !Ref AWS::AccountId\n"
                             "  p: !Ref AWS::Partition\n  s: !Ref AWS::StackName\n"
                             "  i: !Ref AWS::StackId\n  u: !Ref AWS::URLSuffix\n",
                             "t.yaml"),
                 b);
  CHECK(json(app, "r") == R"("eu-west-1")");
  CHECK(json(app, "a") == R"("111122223333")");
  CHECK(json(app, "p") == R"("aws")");
  CHECK(json(app, "s") == R"("sls-local")");
  CHECK(json(app, "i") == R"("arn:aws:cloudformation:us-east-1:123456789012:stack/sls-local/)"
                          R"(51af3dc0-da77-11e4-872e-1234567890ab")");
  CHECK(json(app, "u") == R"("amazonaws.com")");
}

TEST_CASE("AWS::NoValue drops a map entry or a list item") {
  const App app = build(
      "Values:\n"
      "  m: {keep: 1, drop: !Ref AWS::NoValue, ifdrop: !If [IsProd, x, !Ref AWS::NoValue]}\n"
      "  l: [1, !Ref AWS::NoValue, 2]\n"
      "  top: !Ref AWS::NoValue\n");
  CHECK(json(app, "m") == R"({"keep":1})");
  CHECK(json(app, "l") == "[1,2]");
  CHECK(json(app, "top") == R"({"Ref":"AWS::NoValue"})");
}

TEST_CASE("Fn::Sub fills parameters, pseudo parameters and its own variables") {
  const App app = build(
      "Values:\n"
      "  one: !Sub '${Env}-${AWS::Region}-${Count}'\n"
      "  literal: !Sub 'cost ${!Total} for ${Env}'\n"
      "  two: !Sub ['${Name}.${Env}', {Name: !Ref Count}]\n"
      "  shadow: !Sub ['${Env}', {Env: mine}]\n"
      "  plain: !Sub 'no vars'\n"
      "  open: !Sub 'x ${Env'\n");
  CHECK(json(app, "one") == R"("dev-us-east-1-3")");
  CHECK(json(app, "literal") == R"("cost ${Total} for dev")");
  CHECK(json(app, "two") == R"("3.dev")");
  CHECK(json(app, "shadow") == R"("mine")");
  CHECK(json(app, "plain") == R"("no vars")");
  CHECK(json(app, "open") == R"("x ${Env")");
  CHECK(resolved(app, "one").pos == Pos{29, 8});
}

TEST_CASE("Fn::Sub with any unknown variable stays whole") {
  const App app = build(
      "Values:\n"
      "  res: !Sub '${Env}-${Bucket}'\n"
      "  att: !Sub '${Env}-${Bucket.Arn}'\n"
      "  unbound: !Sub '${NoDefault}'\n"
      "  list: !Sub '${Names}'\n"
      "  var: !Sub ['${X}', {X: !GetAtt Bucket.Arn}]\n"
      "  notif: !Sub '${AWS::NotificationARNs}'\n");
  CHECK(json(app, "res") == R"({"Fn::Sub":"${Env}-${Bucket}"})");
  CHECK(json(app, "att") == R"({"Fn::Sub":"${Env}-${Bucket.Arn}"})");
  CHECK(json(app, "unbound") == R"({"Fn::Sub":"${NoDefault}"})");
  CHECK(json(app, "list") == R"({"Fn::Sub":"${Names}"})");
  CHECK(json(app, "var") == R"({"Fn::Sub":["${X}",{"X":{"Fn::GetAtt":["Bucket","Arn"]}}]})");
  CHECK(json(app, "notif") == R"({"Fn::Sub":"${AWS::NotificationARNs}"})");
}

TEST_CASE("Fn::Join, Fn::Select and Fn::Split compute with known inputs") {
  const App app = build(
      "Values:\n"
      "  join: !Join ['-', [a, !Ref Env, !Ref AWS::NoValue, 3]]\n"
      "  joinlist: !Join [',', !Ref Names]\n"
      "  select: !Select [1, !Ref Names]\n"
      "  selectq: !Select ['0', [x, y]]\n"
      "  selectref: !Select [0, [!Ref Bucket, y]]\n"
      "  split: !Split [',', 'a,,b']\n"
      "  splitsel: !Select [2, !Split ['/', !Sub 'x/${Env}/z']]\n"
      "  empty: !Split [',', '']\n");
  CHECK(json(app, "join") == R"("a-dev-3")");
  CHECK(json(app, "joinlist") == R"("a,b,c")");
  CHECK(json(app, "select") == R"("b")");
  CHECK(json(app, "selectq") == R"("x")");
  CHECK(json(app, "selectref") == R"({"Ref":"Bucket"})");  // the item itself, still symbolic
  CHECK(json(app, "split") == R"(["a","","b"])");
  CHECK(json(app, "splitsel") == R"("z")");
  CHECK(json(app, "empty") == R"([""])");
  CHECK(resolved(app, "select").pos == Pos{31, 11});
}

TEST_CASE("Fn::Join, Fn::Select and Fn::Split with unknown inputs stay as written") {
  const App app = build(
      "Values:\n"
      "  join: !Join ['-', [a, !Ref Bucket]]\n"
      "  joinazs: !Join [',', !GetAZs '']\n"
      "  select: !Select [0, !GetAZs '']\n"
      "  split: !Split [',', !GetAtt Bucket.Arn]\n");
  CHECK(json(app, "join") == R"({"Fn::Join":["-",["a",{"Ref":"Bucket"}]]})");
  CHECK(json(app, "joinazs") == R"({"Fn::Join":[",",{"Fn::GetAZs":""}]})");
  CHECK(json(app, "select") == R"({"Fn::Select":[0,{"Fn::GetAZs":""}]})");
  CHECK(json(app, "split") == R"({"Fn::Split":[",",{"Fn::GetAtt":["Bucket","Arn"]}]})");
}

TEST_CASE("Fn::FindInMap looks up Mappings, with LanguageExtensions' DefaultValue") {
  const App app = build(
      "Values:\n"
      "  mem: !FindInMap [Sizes, !Ref Env, Memory]\n"
      "  region: !FindInMap [Sizes, !Ref AWS::Region, Memory]\n"
      "  list: !FindInMap [Sizes, dev, Zones]\n"
      "  dflt: !FindInMap [Sizes, test, Memory, {DefaultValue: 64}]\n"
      "  dfltref: !FindInMap [Sizes, test, Memory, {DefaultValue: !Ref Env}]\n"
      "  miss: !FindInMap [Sizes, test, Memory]\n"
      "  unknownkey: !FindInMap [Sizes, !Ref NoDefault, Memory, {DefaultValue: 1}]\n");
  CHECK(json(app, "mem") == "128");
  CHECK(json(app, "region") == "256");
  CHECK(json(app, "list") == R"(["a","b"])");
  CHECK(json(app, "dflt") == "64");
  CHECK(json(app, "dfltref") == R"("dev")");
  CHECK(json(app, "miss") == R"({"Fn::FindInMap":["Sizes","test","Memory"]})");
  CHECK(json(app, "unknownkey") ==
        R"({"Fn::FindInMap":["Sizes",{"Ref":"NoDefault"},"Memory",{"DefaultValue":1}]})");
  CHECK(resolved(app, "mem").pos == Pos{29, 8});
  CHECK(json(build("Values:\n  m: !FindInMap [Sizes, !Ref Env, Memory]\n", {{"Env", "prod"}}),
             "m") == "1024");
}

TEST_CASE("Fn::If picks its branch when the condition is known") {
  const App app = build(
      "Values:\n"
      "  known: !If [IsDev, {a: !Ref Env}, other]\n"
      "  no: !If [IsProd, yes, !Ref Count]\n"
      "  unknown: !If [Unknown, !Ref Env, !Ref AWS::NoValue]\n"
      "  missing: !If [NotDeclared, 1, 2]\n");
  CHECK(json(app, "known") == R"({"a":"dev"})");
  CHECK(resolved(app, "known").pos == Pos{29, 10});
  CHECK(json(app, "no") == "3");
  // An unknown condition keeps the Fn::If, with both branches resolved and NoValue in place.
  CHECK(json(app, "unknown") == R"({"Fn::If":["Unknown","dev",{"Ref":"AWS::NoValue"}]})");
  CHECK(json(app, "missing") == R"({"Fn::If":["NotDeclared",1,2]})");
}

TEST_CASE("Fn::Base64, Fn::Length and condition functions as values") {
  const App app = build(
      "Values:\n"
      "  b64: !Base64 'hello ${x}'\n"
      "  b64sub: !Base64 {Fn::Sub: \"#!/bin/sh\\necho ${Env}\"}\n"
      "  len: {Fn::Length: [a, !Ref AWS::NoValue, c]}\n"
      "  eq: !Equals [!Ref Env, dev]\n"
      "  not: !Not [!Equals [a, a]]\n");
  CHECK(json(app, "b64") == R"("aGVsbG8gJHt4fQ==")");
  CHECK(json(app, "b64sub") == R"("IyEvYmluL3NoCmVjaG8gZGV2")");
  CHECK(json(app, "len") == "2");
  CHECK(json(app, "eq") == "true");
  CHECK(json(app, "not") == "false");
}

TEST_CASE("Intrinsics that are never known here stay as written") {
  const App app = build(
      "Values:\n"
      "  att: !GetAtt Bucket.Arn\n"
      "  azs: !GetAZs ''\n"
      "  imp: !ImportValue Shared\n"
      "  cidr: !Cidr ['10.0.0.0/16', 2, 8]\n"
      "  cond: {Condition: IsDev}\n");
  CHECK(json(app, "att") == R"({"Fn::GetAtt":["Bucket","Arn"]})");
  CHECK(json(app, "azs") == R"({"Fn::GetAZs":""})");
  CHECK(json(app, "imp") == R"({"Fn::ImportValue":"Shared"})");
  CHECK(json(app, "cidr") == R"({"Fn::Cidr":["10.0.0.0/16",2,8]})");
  CHECK(json(app, "cond") == R"({"Condition":"IsDev"})");
}

TEST_CASE("Malformed intrinsics are left as they are, never thrown on") {
  const App app = build(
      "Values:\n"
      "  a: !Join [only-one]\n"
      "  b: !Select [9, [a]]\n"
      "  c: !Select [-1, [a]]\n"
      "  d: !Select [x, [a]]\n"
      "  e: !Split ['', abc]\n"
      "  f: !FindInMap [Sizes]\n"
      "  g: !If [IsDev, 1]\n"
      "  h: !Sub [a, b, c]\n"
      "  i: !Sub [a, not-a-map]\n"
      "  j: !Base64 [list]\n"
      "  k: !Join ['-', [a, [nested]]]\n"
      "  l: !Equals [a]\n"
      "  m: {Fn::Length: notalist}\n");
  for (const char* k : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"}) {
    const Node* v = app.tpl().section("Values")->get(k);
    REQUIRE(v != nullptr);
    CHECK_MESSAGE(app.resolve(*v) == *v, k);
  }
}

TEST_CASE("Plain maps and lists resolve inside, positions kept") {
  const App app = build("Values:\n  m:\n    Name: !Ref Env\n    List: [!Ref Count, x]\n");
  const Node m = resolved(app, "m");
  CHECK(to_json(m) == R"({"Name":"dev","List":[3,"x"]})");
  CHECK(m.pos == Pos{30, 5});
  CHECK(m.entries[0].key_pos == Pos{30, 5});
  CHECK(m.entries[1].value.items[1].pos == Pos{31, 24});
}

TEST_CASE("Conditions evaluate when their inputs are known") {
  const App app = build("");
  CHECK(app.condition("IsDev") == true);
  CHECK(app.condition("IsProd") == false);
  CHECK(app.condition("NotProd") == true);
  CHECK(app.condition("Region") == true);
  CHECK(app.condition("BoolText") == true);
  CHECK(app.condition("Unknown") == std::nullopt);
  CHECK(app.condition("Undeclared") == std::nullopt);
  const App prod = build("", {{"Env", "prod"}});
  CHECK(prod.condition("IsProd") == true);
  CHECK(prod.condition("NotProd") == false);
  CHECK(build("", {{"NoDefault", "x"}}).condition("Unknown") == true);
}

TEST_CASE("And and Or decide with one known input when it is decisive") {
  const App app = build("");
  CHECK(app.condition("DevOrUnknown") == true);     // true Or unknown
  CHECK(app.condition("ProdAndUnknown") == false);  // false And unknown
  CHECK(app.condition("DevAndUnknown") == std::nullopt);
  const App prod = build("", {{"Env", "prod"}});
  CHECK(prod.condition("DevOrUnknown") == std::nullopt);
}

TEST_CASE("Condition cycles give unknown instead of looping") {
  const App app = build("");
  CHECK(app.condition("LoopA") == std::nullopt);
  CHECK(app.condition("LoopB") == std::nullopt);
  CHECK(app.condition("Self") == std::nullopt);
}

TEST_CASE("A long chain of conditions neither overflows the stack nor guesses") {
  std::string text = "Conditions:\n  C0: !Equals [a, a]\n";
  constexpr int kChain = 5000;
  for (int i = 1; i < kChain; ++i) {
    text += "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i - 1) + "]\n";
  }
  // Declared last-first, so evaluating the first name walks the whole chain.
  std::string reversed = "Conditions:\n";
  for (int i = kChain - 1; i >= 1; --i) {
    reversed += "  C" + std::to_string(i) + ": !Not [!Condition C" + std::to_string(i - 1) + "]\n";
  }
  reversed += "  C0: !Equals [a, a]\n";
  const App app = App::build(load_string(reversed, "t.yaml"));
  CHECK(app.condition("C0") == true);
  CHECK(app.condition("C1") == false);
  // Far down the chain the answer is unknown or right, never wrong.
  const std::optional<bool> far = app.condition("C4999");
  CHECK((!far || *far == false));
  const App forward = App::build(load_string(text, "t.yaml"));
  CHECK(forward.condition("C4999") == false);
}

TEST_CASE("Copies out of Mappings and parameters are bounded per resolve") {
  const std::string big(640'000, 'x');  // 10000 values of copying each
  std::string text = "Mappings:\n  M:\n    K:\n      V: " + big + "\nValues:\n  list:\n";
  for (int i = 0; i < 150; ++i) text += "    - !FindInMap [M, K, V]\n";
  const App app = App::build(load_string(text, "t.yaml"));
  const Node list = resolved(app, "list");
  REQUIRE(list.items.size() == 150);
  CHECK(list.items.front().scalar == big);
  CHECK(to_json(list.items.back()) == R"({"Fn::FindInMap":["M","K","V"]})");
  size_t copied = 0;
  for (const Node& n : list.items) copied += n.is_scalar() ? 1 : 0;
  CHECK(copied == 99);  // 1000000 / 10001
}

TEST_CASE("A Sub that would build an enormous string stays as written") {
  std::string text = "Parameters:\n  P: {Type: String, Default: " + std::string(65'536, 'p') +
                     "}\nValues:\n  s: !Sub '";
  for (int i = 0; i < 2000; ++i) text += "${P}";
  text += "'\n";
  const App app = App::build(load_string(text, "t.yaml"));
  CHECK(is_intrinsic(resolved(app, "s")));
}

TEST_CASE("Conditions chained through deep values stop at a depth instead of the stack") {
  std::string text = "Conditions:\n";
  constexpr int kConditions = 150, kNesting = 200;
  for (int i = 0; i < kConditions; ++i) {
    text += "  C" + std::to_string(i) + ": !Equals [" + std::string(kNesting, '[') + "!If [C" +
            std::to_string(i + 1) + ", a, b]" + std::string(kNesting, ']') + ", x]\n";
  }
  text += "Values:\n  v: !If [C0, 1, 2]\n";
  const App app = App::build(load_string(text, "t.yaml"));
  CHECK(app.condition("C0") == std::nullopt);
  CHECK(is_intrinsic(resolved(app, "v")));
}

TEST_CASE("A built App can be copied and its resources still point into its own tree") {
  const App app = build("");
  const App copy = app;  // NOLINT(performance-unnecessary-copy-initialization)
  const Resource* r = copy.resource("Bucket");
  REQUIRE(r != nullptr);
  REQUIRE(r->raw != nullptr);
  const Node* in_copy = copy.tpl().section("Resources")->get("Bucket");
  CHECK(r->raw == in_copy);
  CHECK(r->raw != app.resource("Bucket")->raw);
  CHECK(copy.condition("IsDev") == true);
  App assigned;
  assigned = copy;
  CHECK(assigned.resource("Bucket")->raw == assigned.tpl().section("Resources")->get("Bucket"));
  CHECK(copy.resource("Nope") == nullptr);
}

}  // namespace sls::tmpl

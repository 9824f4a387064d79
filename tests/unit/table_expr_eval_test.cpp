// Expression evaluation: conditions over typed items, projections, key conditions against a
// key schema, and UpdateExpression with its static and run-time errors
// (spec/dynamodb-api.md 4.2-4.4, 3.8, 3.11).
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/table.h"

namespace {

using nlohmann::json;
using sls::table::AttributeValue;
using sls::table::Item;
using sls::table::ValueType;
using sls::table::expr::ExpressionKind;
using sls::table::expr::KeyCondition;
using sls::table::expr::KeySchema;
using sls::table::expr::Placeholders;
using sls::table::expr::RangeCondition;
using sls::table::expr::Usage;

constexpr const char* kValues =
    R"({":s":{"S":"abc"},":ab":{"S":"ab"},":n1":{"N":"1"},":n2":{"N":"2"},":n3":{"N":"3"},)"
    R"(":n10":{"N":"10"},":b":{"B":"AQI="},":b1":{"B":"AQ=="},":l":{"L":[{"S":"z"}]},)"
    R"(":ss":{"SS":["q","r"]},":ns":{"NS":["1.0","7"]},":big":{"N":"9e125"},":e":{"L":[]},)"
    R"(":tS":{"S":"S"},":tN":{"S":"N"},":null":{"NULL":true},":x":{"S":"x"},":m":{"M":{}}})";

Placeholders placeholders() {
  Placeholders p;
  p.names = sls::table::parse_expression_names(json::parse(R"({"#k":"key.dot"})"));
  p.values = sls::table::parse_expression_values(json::parse(kValues));
  return p;
}

Item item(const char* text) { return sls::table::parse_item(json::parse(text)); }

std::string render(const Item& i) { return sls::table::render_item(i).dump(); }

constexpr const char* kItem =
    R"({"s":{"S":"abcdef"},"n":{"N":"2"},"b":{"B":"AQID"},"t":{"BOOL":true},)"
    R"("z":{"NULL":true},"l":{"L":[{"S":"x"},{"N":"5"},{"M":{"c":{"S":"deep"}}}]},)"
    R"("m":{"M":{"a":{"N":"1"},"b":{"L":[{"S":"y"}]}}},"ss":{"SS":["p","q"]},)"
    R"("ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]},"key.dot":{"S":"dotted"},"u":{"S":"日本"}})";

bool holds(const std::string& text, const char* item_text = kItem) {
  const Placeholders p = placeholders();
  Usage usage;
  const auto c = sls::table::expr::parse_condition(text, ExpressionKind::kCondition, p, usage);
  return sls::table::expr::evaluate(c, item(item_text));
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kValidation);
    return e.message();
  }
  return "(no error)";
}

std::string updated(const std::string& text, const char* item_text = kItem) {
  const Placeholders p = placeholders();
  Usage usage;
  const auto u = sls::table::expr::parse_update(text, p, usage);
  return render(sls::table::expr::apply_update(u, item(item_text)));
}

std::string update_failure(const std::string& text, const char* item_text = kItem) {
  return error_of([&] { (void)updated(text, item_text); });
}

std::string projected(const std::string& text, const char* item_text = kItem) {
  const Placeholders p = placeholders();
  Usage usage;
  const auto proj = sls::table::expr::parse_projection(text, p, usage);
  return render(sls::table::expr::project(item(item_text), proj));
}

KeyCondition key_condition(const std::string& text, const KeySchema& schema) {
  const Placeholders p = placeholders();
  Usage usage;
  const auto c = sls::table::expr::parse_condition(text, ExpressionKind::kKeyCondition, p, usage);
  return sls::table::expr::to_key_condition(c, schema);
}

const KeySchema kHashRange{
    .hash_name = "pk", .hash_type = ValueType::kS, .range_name = "sk", .range_type = ValueType::kN};
const KeySchema kHashOnly{.hash_name = "pk",
                          .hash_type = ValueType::kS,
                          .range_name = std::nullopt,
                          .range_type = ValueType::kS};

std::string key_error(const std::string& text, const KeySchema& schema = kHashRange) {
  return error_of([&] { (void)key_condition(text, schema); });
}

}  // namespace

TEST_CASE("Equality needs the same type and value; <> is true when a side is missing") {
  CHECK(holds("n = :n2"));
  CHECK_FALSE(holds("n = :n1"));
  CHECK_FALSE(holds("s = :n1"));
  CHECK(holds("n <> :n1"));
  CHECK(holds("nope <> :n1"));
  CHECK_FALSE(holds("nope = :n1"));
  CHECK_FALSE(holds("ss = :ss"));
  CHECK(holds("ss = :ss", R"({"ss":{"SS":["r","q"]}})"));
  CHECK(holds("ns = :ns", R"({"ns":{"NS":["7","1"]}})"));
  CHECK(holds("l[0] = :x"));
  CHECK(holds("m.b = :l", R"({"m":{"M":{"b":{"L":[{"S":"z"}]}}}})"));
  CHECK(holds("#k = :s", R"({"key.dot":{"S":"abc"}})"));
}

TEST_CASE("Ordering comparisons work on two S, two N or two B, and are false otherwise") {
  CHECK(holds("n < :n3"));
  CHECK(holds("n <= :n2"));
  CHECK(holds("n > :n1"));
  CHECK(holds("n >= :n2"));
  CHECK(holds("n < :n10"));  // numerically, not as text
  CHECK(holds("s > :ab"));
  CHECK(holds("b > :b1"));
  CHECK_FALSE(holds("s < :n3"));
  CHECK_FALSE(holds("nope < :n3"));
  CHECK_FALSE(holds("nope >= nope2"));
  CHECK_FALSE(holds("t < :n3"));
}

TEST_CASE("BETWEEN and IN") {
  CHECK(holds("n BETWEEN :n1 AND :n3"));
  CHECK(holds("n BETWEEN :n2 AND :n2"));
  CHECK_FALSE(holds("n BETWEEN :n3 AND :n10"));
  CHECK_FALSE(holds("s BETWEEN :n1 AND :n3"));
  CHECK_FALSE(holds("nope BETWEEN :n1 AND :n3"));
  CHECK(holds("n IN (:n1, :n2)"));
  CHECK_FALSE(holds("n IN (:n1, :n3, :s)"));
  CHECK_FALSE(holds("nope IN (:n1)"));
}

TEST_CASE("Functions follow DynamoDB's rules") {
  SUBCASE("attribute_exists sees NULL values; nested paths resolve") {
    CHECK(holds("attribute_exists(z)"));
    CHECK(holds("attribute_exists(l[2].c)"));
    CHECK(holds("attribute_not_exists(l[3])"));
    CHECK(holds("attribute_not_exists(s.x)"));
    CHECK(holds("attribute_not_exists(nothing)", "{}"));
  }
  SUBCASE("attribute_type compares the type tag") {
    CHECK(holds("attribute_type(s, :tS)"));
    CHECK_FALSE(holds("attribute_type(n, :tS)"));
    CHECK(holds("attribute_type(n, :tN)"));
    CHECK_FALSE(holds("attribute_type(nope, :tS)"));
  }
  SUBCASE("begins_with on strings and binaries") {
    CHECK(holds("begins_with(s, :ab)"));
    CHECK_FALSE(holds("begins_with(s, :x)"));
    CHECK(holds("begins_with(b, :b)"));
    CHECK_FALSE(holds("begins_with(ss, :ab)"));
  }
  SUBCASE("contains: substring, subsequence, set member, list element") {
    CHECK(holds("contains(s, :s)"));
    CHECK(holds("contains(b, :b)"));
    CHECK_FALSE(holds("contains(ss, :x)"));
    CHECK(holds("contains(ss, :x)", R"({"ss":{"SS":["x"]}})"));
    CHECK(holds("contains(ns, :n1)"));
    CHECK_FALSE(holds("contains(ns, :n3)"));
    CHECK(holds("contains(l, :x)"));
    CHECK_FALSE(holds("contains(n, :n2)"));
    CHECK_FALSE(holds("contains(ns, :s)"));
  }
  SUBCASE("size counts UTF-8 bytes, bytes, elements and entries; unsized types never compare") {
    CHECK_FALSE(holds("size(s) = :n10"));
    CHECK(holds("size(u) > :n3"));  // 6 bytes for two characters
    CHECK(holds("size(b) = :n3"));
    CHECK(holds("size(l) = :n3"));
    CHECK(holds("size(m) = :n2"));
    CHECK(holds("size(ss) = :n2"));
    CHECK_FALSE(holds("size(n) = :n1"));
    CHECK_FALSE(holds("size(n) <> :n1"));  // no size: even <> is false
    CHECK_FALSE(holds("size(nope) < :n10"));
  }
  SUBCASE("NOT, AND and OR combine") {
    CHECK(holds("NOT n = :n1"));
    CHECK(holds("n = :n1 OR n = :n2"));
    CHECK_FALSE(holds("n = :n2 AND s = :x"));
  }
}

TEST_CASE("Projection rebuilds the enclosing structure and packs list elements") {
  CHECK(projected("s") == R"({"s":{"S":"abcdef"}})");
  CHECK(projected("m.a") == R"({"m":{"M":{"a":{"N":"1"}}}})");
  CHECK(projected("l[2].c, l[0]") == R"({"l":{"L":[{"S":"x"},{"M":{"c":{"S":"deep"}}}]}})");
  CHECK(projected("nope, m.nothing, l[9], s.x") == "{}");
  CHECK(projected("#k, n") == R"({"key.dot":{"S":"dotted"},"n":{"N":"2"}})");
}

TEST_CASE("Key conditions: the shape Query accepts") {
  auto shape_error = [](const std::string& text) {
    const Placeholders p = placeholders();
    Usage usage;
    return error_of([&] {
      (void)sls::table::expr::parse_condition(text, ExpressionKind::kKeyCondition, p, usage);
    });
  };
  CHECK(shape_error("pk = :s OR sk = :n1") ==
        "Invalid operator used in KeyConditionExpression: OR");
  CHECK(shape_error("NOT pk = :s") == "Invalid operator used in KeyConditionExpression: NOT");
  CHECK(shape_error("pk IN (:s)") == "Invalid operator used in KeyConditionExpression: IN");
  CHECK(shape_error("pk <> :s") == "Invalid operator used in KeyConditionExpression: <>");
  CHECK(shape_error("pk = :s AND attribute_exists(sk)") ==
        "Invalid operator used in KeyConditionExpression: attribute_exists");
  CHECK(shape_error("contains(pk, :s)") ==
        "Invalid operator used in KeyConditionExpression: contains");
  CHECK(shape_error("size(pk) = :n1") ==
        "KeyConditionExpressions cannot contain nested operations");
  CHECK(shape_error("pk = sk") ==
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
        "condition");
  CHECK(shape_error(":s = :ab") ==
        "Invalid condition in KeyConditionExpression: No key attribute specified");
  CHECK(shape_error(":n1 BETWEEN sk AND :n2") ==
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
        "attribute as its first operand");
  CHECK(shape_error("begins_with(:s, pk)") ==
        "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
        "attribute as its first operand");
  CHECK(shape_error("pk.a = :s") ==
        "KeyConditionExpressions cannot have conditions on nested attributes");
  CHECK(shape_error("begins_with(sk, :n1)") ==
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
}

TEST_CASE("Key conditions match the key schema") {
  const KeyCondition k = key_condition("pk = :s AND sk BETWEEN :n1 AND :n3", kHashRange);
  CHECK(k.hash == AttributeValue::string("abc"));
  REQUIRE(k.range);
  CHECK(k.range->op == RangeCondition::Op::kBetween);
  CHECK(k.range->value.as_number().to_string() == "1");
  CHECK(k.range->upper.as_number().to_string() == "3");
  CHECK_FALSE(key_condition(":s = pk", kHashOnly).range);
  CHECK(key_condition(":n1 < sk AND pk = :s", kHashRange).range->op == RangeCondition::Op::kGt);
  CHECK(key_condition("sk >= :n1 AND pk = :s", kHashRange).range->op == RangeCondition::Op::kGe);
  const KeySchema string_range{.hash_name = "pk",
                               .hash_type = ValueType::kS,
                               .range_name = "sk",
                               .range_type = ValueType::kS};
  CHECK(key_condition("pk = :s AND begins_with(sk, :ab)", string_range).range->op ==
        RangeCondition::Op::kBeginsWith);

  CHECK(key_error("sk = :n1") == "Query condition missed key schema element: pk");
  CHECK(key_error("extra = :s") == "Query condition missed key schema element: pk");
  CHECK(key_error("pk = :s AND extra = :n1") == "Query condition missed key schema element: sk");
  CHECK(key_error("pk < :s") == "Query key condition not supported");
  CHECK(key_error("pk = :s AND sk = :s", kHashOnly) == "Query key condition not supported");
  CHECK(key_error("pk = :s AND pk = :ab") ==
        "KeyConditionExpressions must only contain one condition per key");
  CHECK(key_error("pk = :n1") ==
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
  CHECK(key_error("pk = :s AND sk > :s") ==
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
}

TEST_CASE("SET creates and replaces, reading every right-hand side from the item as it was") {
  const char* base = R"({"a":{"N":"1"},"b":{"N":"2"}})";
  CHECK(updated("SET a = b, b = a", base) == R"({"a":{"N":"2"},"b":{"N":"1"}})");
  CHECK(updated("SET c = :s", base) == R"({"a":{"N":"1"},"b":{"N":"2"},"c":{"S":"abc"}})");
  CHECK(updated("SET a = a + :n10", base) == R"({"a":{"N":"11"},"b":{"N":"2"}})");
  CHECK(updated("SET a = :n1 - b", base) == R"({"a":{"N":"-1"},"b":{"N":"2"}})");
  CHECK(updated("SET a = (b + :n1)", base) == R"({"a":{"N":"3"},"b":{"N":"2"}})");
  CHECK(updated("SET c = if_not_exists(c, :n3)", base) ==
        R"({"a":{"N":"1"},"b":{"N":"2"},"c":{"N":"3"}})");
  CHECK(updated("SET a = if_not_exists(a, :n3)", base) == R"({"a":{"N":"1"},"b":{"N":"2"}})");
  const char* list = R"({"l":{"L":[{"S":"a"}]}})";
  CHECK(updated("SET l = list_append(l, :l)", list) == R"({"l":{"L":[{"S":"a"},{"S":"z"}]}})");
  CHECK(updated("SET l = list_append(:l, l)", list) == R"({"l":{"L":[{"S":"z"},{"S":"a"}]}})");
  CHECK(updated("SET k = list_append(if_not_exists(k, :e), :l)", list) ==
        R"({"k":{"L":[{"S":"z"}]},"l":{"L":[{"S":"a"}]}})");
  CHECK(updated("SET l[0] = :s", list) == R"({"l":{"L":[{"S":"abc"}]}})");
  CHECK(updated("SET l[10] = :s", list) == R"({"l":{"L":[{"S":"a"},{"S":"abc"}]}})");
  SUBCASE("several appends go in index order, whatever the text order") {
    CHECK(updated("SET l[11] = :ab, l[10] = :s", list) ==
          R"({"l":{"L":[{"S":"a"},{"S":"abc"},{"S":"ab"}]}})");
  }
  CHECK(updated("SET m.c = :s", R"({"m":{"M":{}}})") == R"({"m":{"M":{"c":{"S":"abc"}}}})");
  CHECK(updated("SET #k = :s", "{}") == R"({"key.dot":{"S":"abc"}})");
}

TEST_CASE("REMOVE deletes, later list elements shift down, missing paths are no-ops") {
  CHECK(updated("REMOVE s, nope", R"({"s":{"S":"x"},"t":{"S":"y"}})") == R"({"t":{"S":"y"}})");
  const char* list = R"({"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]}})";
  CHECK(updated("REMOVE l[0], l[2]", list) == R"({"l":{"L":[{"S":"b"}]}})");
  CHECK(updated("REMOVE l[9]", list) == render(item(list)));
  CHECK(updated("REMOVE m.a", R"({"m":{"M":{"a":{"N":"1"},"b":{"N":"2"}}}})") ==
        R"({"m":{"M":{"b":{"N":"2"}}}})");
}

TEST_CASE("ADD adds numbers and unions sets; DELETE removes set elements") {
  CHECK(updated("ADD n :n3", R"({"n":{"N":"2"}})") == R"({"n":{"N":"5"}})");
  CHECK(updated("ADD n :n3", "{}") == R"({"n":{"N":"3"}})");
  CHECK(updated("ADD ns :ns", R"({"ns":{"NS":["1","2"]}})") == R"({"ns":{"NS":["1","2","7"]}})");
  CHECK(updated("ADD ss :ss", R"({"ss":{"SS":["p","q"]}})") == R"({"ss":{"SS":["p","q","r"]}})");
  CHECK(updated("ADD ss :ss", "{}") == R"({"ss":{"SS":["q","r"]}})");
  CHECK(updated("DELETE ss :ss", R"({"ss":{"SS":["p","q"]}})") == R"({"ss":{"SS":["p"]}})");
  CHECK(updated("DELETE ns :ns", R"({"ns":{"NS":["1","2"]}})") == R"({"ns":{"NS":["2"]}})");
  CHECK(updated("DELETE ss :ss", R"({"ss":{"SS":["q","r"]},"x":{"S":"y"}})") ==
        R"({"x":{"S":"y"}})");
  CHECK(updated("DELETE ss :ss", R"({"x":{"S":"y"}})") == R"({"x":{"S":"y"}})");
}

TEST_CASE("Run-time update errors carry AWS's messages") {
  constexpr const char* kBadPath =
      "The document path provided in the update expression is invalid for update";
  CHECK(update_failure("SET x.y = :s") == kBadPath);
  CHECK(update_failure("SET s.y = :s") == kBadPath);
  CHECK(update_failure("SET l.a = :s") == kBadPath);
  CHECK(update_failure("SET m[0] = :s") == kBadPath);
  CHECK(update_failure("REMOVE x.y") == kBadPath);
  CHECK(update_failure("SET c = nope") ==
        "The provided expression refers to an attribute that does not exist in the item");
  constexpr const char* kBadType = "An operand in the update expression has an incorrect data type";
  CHECK(update_failure("SET c = s + :n1") == kBadType);
  CHECK(update_failure("SET c = list_append(s, :l)") == kBadType);
  CHECK(update_failure("ADD s :n1") == kBadType);
  CHECK(update_failure("ADD ss :ns") == kBadType);
  CHECK(update_failure("DELETE ns :ss") == kBadType);
  constexpr const char* kOverflow =
      "Number overflow. Attempting to store a number with magnitude larger than supported range";
  CHECK(update_failure("SET c = :big + :big") == kOverflow);
  CHECK(update_failure("ADD big :big", R"({"big":{"N":"9e125"}})") == kOverflow);
  SUBCASE("a write may not nest a document deeper than 32 levels") {
    std::string deep = R"({"S":"x"})";  // level 1; 31 maps around it make level 32
    for (int i = 0; i < 31; ++i) deep = R"({"M":{"k":)" + deep + "}}";
    Placeholders p = placeholders();
    p.values.insert_or_assign(":deep", sls::table::parse_value(json::parse(deep)));
    Usage usage;
    const auto ok = sls::table::expr::parse_update("SET a = :deep", p, usage);
    CHECK(sls::table::nesting_level(sls::table::expr::apply_update(ok, {}).at("a")) == 32);
    const auto too_deep = sls::table::expr::parse_update("SET a.b = :deep", p, usage);
    CHECK(error_of(
              [&] { (void)sls::table::expr::apply_update(too_deep, item(R"({"a":{"M":{}}})")); }) ==
          "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
          "levels beyond supported limit");
  }
}

TEST_CASE("Static checks of updates, in AWS's order") {
  auto failure = [](const std::string& text) {
    const Placeholders p = placeholders();
    Usage usage;
    return error_of([&] { (void)sls::table::expr::parse_update(text, p, usage); });
  };
  CHECK(failure("SET a = :s REMOVE b SET c = :s") ==
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
        "expression;");
  CHECK(failure("remove a remove b") ==
        "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update "
        "expression;");
  CHECK(failure("SET a = :s REMOVE a") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a]");
  CHECK(failure("SET a.b = :s, a = :s") ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a, b], path two: [a]");
  CHECK(failure("SET a.b = :s REMOVE a[0]") ==
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
  CHECK(failure("ADD a :s") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(failure("ADD a :l") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
  CHECK(failure("DELETE a :n1") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  CHECK(failure("SET a = b + :s") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: S");
  CHECK(failure("SET a = list_append(a, :s)") ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: list_append, operand type: S");
  CHECK(failure("SET a = if_not_exists(:s, a)") ==
        "Invalid UpdateExpression: Operator or function requires a document path; operator or "
        "function: if_not_exists");
  CHECK(failure("SET a = list_append(a)") ==
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
        "operator or function: list_append, number of operands: 1");
  CHECK(failure("SET a = size(b)") ==
        "Invalid UpdateExpression: Invalid function name; function: size");
  CHECK(failure("SET Absolute = :s") ==
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
        "Absolute");
  CHECK(failure("SET #zz = :s") ==
        "Invalid UpdateExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #zz");
  CHECK(failure("SET a = :zz") ==
        "Invalid UpdateExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :zz");
  CHECK(failure("SET a = b + c + d") ==
        R"(Invalid UpdateExpression: Syntax error; token: "+", near: "c + d")");
  CHECK(failure("ADD a b") == R"(Invalid UpdateExpression: Syntax error; token: "b", near: "a b")");
  CHECK(failure("SET a = :s,") ==
        R"(Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ",")");
  SUBCASE("earlier checks hide later ones") {
    CHECK(failure("SET name = foo(a)") ==
          "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
          "name");
    CHECK(failure("SET a = foo(b) SET c = :s") ==
          "Invalid UpdateExpression: Invalid function name; function: foo");
    CHECK(failure("SET a = :zz SET b = :s") ==
          "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
          "expression;");
    CHECK(failure("SET a = :zz, #zz = :s") ==
          "Invalid UpdateExpression: An expression attribute name used in the document path is "
          "not defined; attribute name: #zz");
    CHECK(failure("ADD a :s SET a = :n1") ==
          "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
          "rewrite one of these paths; path one: [a], path two: [a]");
  }
}

TEST_CASE("Updates may not touch key attributes") {
  const Placeholders p = placeholders();
  Usage usage;
  const auto u = sls::table::expr::parse_update("SET a = :s REMOVE pk.x", p, usage);
  const std::vector<std::string> keys = {"pk", "sk"};
  CHECK(error_of([&] { sls::table::expr::check_no_key_update(u, keys); }) ==
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key");
  const auto ok = sls::table::expr::parse_update("SET a = :s", p, usage);
  CHECK(error_of([&] { sls::table::expr::check_no_key_update(ok, keys); }) == "(no error)");
}

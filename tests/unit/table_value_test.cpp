// AttributeValue: parsing with DynamoDB's messages, rendering, equality and item sizes
// (spec/dynamodb-api.md 2.1, 2.2, 2.6, 4.5).
#include <array>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "table/json_text.h"
#include "table/value.h"

namespace {

using nlohmann::json;
using sls::Errc;
using sls::table::AttributeValue;
using sls::table::Item;
using sls::table::ValueType;

// Parses and renders back: the whole round trip as compact JSON text.
std::string round_trip(const std::string& text) {
  return sls::table::render_value(sls::table::parse_value(json::parse(text))).dump();
}

struct Failure {
  Errc code = Errc::kInternal;
  std::string message;
};

template <typename F>
Failure failure_of(F&& f) {
  try {
    f();
  } catch (const sls::Error& e) {
    return {e.code(), e.message()};
  }
  FAIL("no error thrown");
  return {};
}

Failure value_failure(const std::string& text) {
  return failure_of([&] { (void)sls::table::parse_value(json::parse(text)); });
}

// The message of a ValidationException for `text`, checking the code too.
std::string validation_message(const std::string& text) {
  const Failure f = value_failure(text);
  CHECK(f.code == Errc::kValidation);
  return f.message;
}

std::string serialization_message(const std::string& text) {
  const Failure f = value_failure(text);
  CHECK(f.code == Errc::kSerialization);
  return f.message;
}

// {"M":{"a":{"M":{"a": ... {"S":"x"}}}}} with `wraps` maps around the string.
std::string nested_maps(int wraps) {
  std::string text = R"({"S":"x"})";
  for (int i = 0; i < wraps; ++i) text = R"({"M":{"a":)" + text + "}}";
  return text;
}

}  // namespace

TEST_CASE("Every type renders back as DynamoDB returns it") {
  CHECK(round_trip(R"({"S":"text"})") == R"({"S":"text"})");
  CHECK(round_trip(R"({"S":""})") == R"({"S":""})");
  CHECK(round_trip(R"({"N":"-12.5E3"})") == R"({"N":"-12500"})");
  CHECK(round_trip(R"({"B":"AAEC"})") == R"({"B":"AAEC"})");
  CHECK(round_trip(R"({"B":""})") == R"({"B":""})");
  CHECK(round_trip(R"({"BOOL":true})") == R"({"BOOL":true})");
  CHECK(round_trip(R"({"NULL":true})") == R"({"NULL":true})");
  CHECK(round_trip(R"({"M":{}})") == R"({"M":{}})");
  CHECK(round_trip(R"({"M":{"b":{"N":"1.0"},"a":{"S":"x"}}})") ==
        R"({"M":{"a":{"S":"x"},"b":{"N":"1"}}})");
  CHECK(round_trip(R"({"L":[]})") == R"({"L":[]})");
  CHECK(round_trip(R"({"L":[{"N":"1"},{"S":"x"},{"L":[{"NULL":true}]}]})") ==
        R"({"L":[{"N":"1"},{"S":"x"},{"L":[{"NULL":true}]}]})");
}

TEST_CASE("Sets are returned sorted: strings and binaries by bytes, numbers numerically") {
  CHECK(round_trip(R"({"SS":["b","a","B","¿",""]})") == R"({"SS":["","B","a","b","¿"]})");
  CHECK(round_trip(R"({"NS":["10","2","-3","0.5"]})") == R"({"NS":["-3","0.5","2","10"]})");
  CHECK(round_trip(R"({"BS":["AQ==","AA==","/w==","AAA="]})") ==
        R"({"BS":["AA==","AAA=","AQ==","/w=="]})");
}

TEST_CASE("Null members count as absent and unknown members are ignored") {
  CHECK(round_trip(R"({"S":"a","N":null})") == R"({"S":"a"})");
  CHECK(round_trip(R"({"S":"a","X":5})") == R"({"S":"a"})");
}

TEST_CASE("Malformed values are rejected with DynamoDB's validation messages") {
  CHECK(validation_message("{}") ==
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  CHECK(validation_message(R"({"X":"1"})") ==
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  CHECK(validation_message(R"({"S":"a","N":"1"})") ==
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes");
  CHECK(validation_message(R"({"NULL":false})") ==
        "One or more parameter values were invalid: Null attribute value types must have the "
        "value of true");
  CHECK(validation_message(R"({"SS":[]})") ==
        "One or more parameter values were invalid: An string set  may not be empty");
  CHECK(validation_message(R"({"NS":[]})") ==
        "One or more parameter values were invalid: An number set  may not be empty");
  CHECK(validation_message(R"({"BS":[]})") ==
        "One or more parameter values were invalid: Binary sets should not be empty");
  CHECK(validation_message(R"({"SS":["a","a"]})") ==
        "One or more parameter values were invalid: Input collection [a, a] contains "
        "duplicates.");
  CHECK(validation_message(R"({"NS":["1","1.0"]})") == "Input collection contains duplicates");
  CHECK(validation_message(R"({"BS":["Yg==","Yg=="]})") ==
        "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS "
        "contains duplicates.");
  CHECK(validation_message(R"({"N":""})") ==
        "The parameter cannot be converted to a numeric value");
  CHECK(validation_message(R"({"N":"abc"})") ==
        "The parameter cannot be converted to a numeric value: abc");
  CHECK(validation_message(R"({"NS":["1","x"]})") ==
        "The parameter cannot be converted to a numeric value: x");
  CHECK(validation_message(R"({"N":"1e126"})") ==
        "Number overflow. Attempting to store a number with magnitude larger than supported "
        "range");
  CHECK(validation_message(R"({"L":[{}]})") ==
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  CHECK(validation_message(R"({"M":{"a":{"SS":[]}}})") ==
        "One or more parameter values were invalid: An string set  may not be empty");
}

TEST_CASE("Wrong JSON types are SerializationExceptions with AWS's unmarshaller texts") {
  CHECK(serialization_message(R"({"N":123})") ==
        "class java.lang.Short can not be converted to an String");
  CHECK(serialization_message(R"({"N":123456})") ==
        "class java.lang.Integer can not be converted to an String");
  CHECK(serialization_message(R"({"S":12345678901})") ==
        "class java.lang.Long can not be converted to an String");
  CHECK(serialization_message(R"({"S":1.5})") ==
        "class java.lang.Double can not be converted to an String");
  CHECK(serialization_message(R"({"S":true})") ==
        "class java.lang.Boolean can not be converted to an String");
  CHECK(serialization_message(R"({"S":["a"]})") == "Start of list found where not expected");
  CHECK(serialization_message(R"({"S":{"a":1}})") ==
        "Start of structure or map found where not expected.");
  CHECK(serialization_message(R"({"B":5})") ==
        "class java.lang.Short can not be converted to a Blob");
  CHECK(serialization_message(R"({"BOOL":5})") ==
        "class java.lang.Short can not be converted to an Boolean");
  CHECK(serialization_message(R"({"BOOL":"maybe"})") ==
        "'MAYBE' can not be converted to an Boolean");
  CHECK(serialization_message(R"({"L":"x"})") == "Expected list or null");
  CHECK(serialization_message(R"({"SS":{"a":"b"}})") ==
        "Start of structure or map found where not expected.");
  CHECK(serialization_message(R"({"M":[]})") == "Start of list found where not expected");
  CHECK(serialization_message(R"({"M":"x"})") == "Expected map or null");
  CHECK(serialization_message(R"({"L":["x"]})") == "Expected null");
  CHECK(serialization_message(R"({"L":[[]]})") == "Start of list found where not expected");
  CHECK(serialization_message(R"({"NS":[1]})") ==
        "class java.lang.Short can not be converted to an String");
  CHECK(serialization_message("[]") == "Start of list found where not expected");
  CHECK(serialization_message("\"S\"") == "Expected null");
}

TEST_CASE("Binary values must be canonical padded base64") {
  CHECK(serialization_message(R"({"B":"abc"})") ==
        "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 "
        "bytes but found: 3");
  CHECK(serialization_message(R"({"B":"ab!c"})") ==
        "'ab!c' can not be converted to a Blob: Invalid Base64 character: '!'");
  CHECK(serialization_message(R"({"B":"AB=C"})") ==
        "'AB=C' can not be converted to a Blob: Invalid Base64 character: '='");
  CHECK(serialization_message(R"({"B":"AB=="})") ==
        "'AB==' can not be converted to a Blob: Invalid last non-pad Base64 character "
        "dectected");
  CHECK(serialization_message(R"({"BS":["AA==","A==="]})") ==
        "'A===' can not be converted to a Blob: Invalid last non-pad Base64 character "
        "dectected");
  const AttributeValue v = sls::table::parse_value(json::parse(R"({"B":"AP8Q"})"));
  CHECK(v.as_binary() == std::string("\x00\xff\x10", 3));
}

TEST_CASE("Booleans accept the strings AWS's JSON layer coerces") {
  CHECK(round_trip(R"({"BOOL":"yes"})") == R"({"BOOL":true})");
  CHECK(round_trip(R"({"BOOL":"False"})") == R"({"BOOL":false})");
  CHECK(round_trip(R"({"BOOL":"1"})") == R"({"BOOL":true})");
  CHECK(round_trip(R"({"BOOL":0.5})") == R"({"BOOL":false})");
  CHECK(round_trip(R"({"NULL":"true"})") == R"({"NULL":true})");
}

TEST_CASE("Serialization errors anywhere win over validation errors earlier in the item") {
  const Failure f = failure_of(
      [] { (void)sls::table::parse_item(json::parse(R"({"a":{"SS":[]},"b":{"N":5}})")); });
  CHECK(f.code == Errc::kSerialization);
  CHECK(f.message == "class java.lang.Short can not be converted to an String");
}

TEST_CASE("Values nest up to 32 levels") {
  CHECK(sls::table::nesting_level(sls::table::parse_value(json::parse(nested_maps(31)))) == 32);
  CHECK(validation_message(nested_maps(32)) ==
        "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
        "levels beyond supported limit");
  SUBCASE("hostile depth fails cleanly") {
    CHECK(validation_message(nested_maps(5000)) ==
          "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
          "levels beyond supported limit");
  }
}

TEST_CASE("Equality is DynamoDB's: numbers by value, sets as sets, documents deeply") {
  auto v = [](const char* text) { return sls::table::parse_value(json::parse(text)); };
  CHECK(v(R"({"N":"1000"})") == v(R"({"N":"1e3"})"));
  CHECK(v(R"({"NS":["1","2"]})") == v(R"({"NS":["2.0","1"]})"));
  CHECK(v(R"({"SS":["a","b"]})") == v(R"({"SS":["b","a"]})"));
  CHECK(v(R"({"S":"1"})") != v(R"({"N":"1"})"));
  CHECK(v(R"({"B":"AQ=="})") != v(R"({"S":"\u0001"})"));
  CHECK(v(R"({"L":[{"N":"1"},{"S":"a"}]})") == v(R"({"L":[{"N":"1.0"},{"S":"a"}]})"));
  CHECK(v(R"({"L":[{"N":"1"},{"S":"a"}]})") != v(R"({"L":[{"S":"a"},{"N":"1"}]})"));
  CHECK(v(R"({"M":{"a":{"N":"1"}}})") == v(R"({"M":{"a":{"N":"1"}}})"));
  CHECK(v(R"({"SS":["a"]})") != v(R"({"L":[{"S":"a"}]})"));
  CHECK(v(R"({"BOOL":true})").type() == ValueType::kBool);
}

TEST_CASE("Item size follows DynamoDB's sizing rules") {
  auto size = [](const char* text) {
    return sls::table::item_size(sls::table::parse_item(json::parse(text)));
  };
  SUBCASE("the documented 23-byte example") {
    CHECK(size(R"({"shirt-color":{"S":"R"},"shirt-size":{"S":"M"}})") == 23);
  }
  SUBCASE("strings and names count UTF-8 bytes, binaries raw bytes") {
    CHECK(size(R"({"é":{"S":"日本"}})") == 2 + 6);
    CHECK(size(R"({"b":{"B":"AAEC"}})") == 1 + 3);
  }
  SUBCASE("booleans and nulls are one byte") {
    CHECK(size(R"({"a":{"BOOL":false},"n":{"NULL":true}})") == 4);
  }
  SUBCASE("numbers cost about one byte per two digits plus one") {
    CHECK(size(R"({"n":{"N":"0"}})") == 1 + 1);
    CHECK(size(R"({"n":{"N":"1"}})") == 1 + 2);
    CHECK(size(R"({"n":{"N":"12"}})") == 1 + 2);
    CHECK(size(R"({"n":{"N":"1.2"}})") == 1 + 3);
    CHECK(size(R"({"n":{"N":"123"}})") == 1 + 3);
    CHECK(size(R"({"n":{"N":"-1"}})") == 1 + 3);
    CHECK(size(R"({"n":{"N":"12345678901234567890123456789012345678"}})") == 1 + 20);
  }
  SUBCASE("lists and maps cost 3 plus one per element") {
    CHECK(size(R"({"l":{"L":[{"S":"ab"},{"BOOL":true}]}})") == 1 + 3 + (1 + 2) + (1 + 1));
    CHECK(size(R"({"m":{"M":{"k":{"S":"v"}}}})") == 1 + 3 + (1 + 1 + 1));
    CHECK(size(R"({"m":{"M":{}}})") == 1 + 3);
  }
  SUBCASE("sets sum their elements") {
    CHECK(size(R"({"s":{"SS":["ab","c"]}})") == 1 + 3);
    CHECK(size(R"({"s":{"NS":["1","12"]}})") == 1 + 4);
    CHECK(size(R"({"s":{"BS":["AAE="]}})") == 1 + 2);
  }
}

TEST_CASE("ExpressionAttributeNames and ExpressionAttributeValues are checked like AWS") {
  using sls::table::parse_expression_names;
  using sls::table::parse_expression_values;
  CHECK(parse_expression_names(json::parse(R"({"#n":"name","#1":"a.b"})")).at("#1") == "a.b");
  CHECK(parse_expression_values(json::parse(R"({":v":{"N":"1"}})")).at(":v") ==
        AttributeValue::number(sls::table::Number::parse("1")));
  auto names_error = [](const char* text) {
    return failure_of([&] { (void)parse_expression_names(json::parse(text)); }).message;
  };
  auto values_error = [](const char* text) {
    return failure_of([&] { (void)parse_expression_values(json::parse(text)); }).message;
  };
  CHECK(names_error("{}") == "ExpressionAttributeNames must not be empty");
  CHECK(values_error("{}") == "ExpressionAttributeValues must not be empty");
  CHECK(names_error(R"({"a":"x"})") ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  CHECK(names_error(R"({"#a-b":"x"})") ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
  CHECK(values_error(R"({"b":{"S":"x"}})") ==
        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
  CHECK(values_error(R"({":b":{"S":"a","N":"1"}})") ==
        "ExpressionAttributeValues contains invalid value: Supplied AttributeValue has more than "
        "one datatypes set, must contain exactly one of the supported datatypes for key :b");
  CHECK(values_error(R"({":v":{"N":"x"}})") ==
        "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to "
        "a numeric value: x for key :v");
  CHECK(failure_of([] { (void)parse_expression_values(json::parse(R"({":v":{"N":1}})")); }).code ==
        Errc::kSerialization);
}

// --- The JSON writer: byte for byte what nlohmann::json's dump writes ------------------------

namespace {
namespace writer {

using sls::table::AttributeList;
using sls::table::AttributeMap;
using sls::table::Number;

std::string dumped(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string written_string(std::string_view s) {
  std::string out;
  sls::table::write_json_string(out, s);
  return out;
}

// Bytes biased toward the ones escaping and UTF-8 validation care about.
std::string random_bytes(std::mt19937& rng, size_t max_len) {
  static constexpr std::array<unsigned char, 24> kInteresting = {
      0x00, 0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, 0x20, '"',  '\\', 'a',
      0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xf4};
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> pick(0, 3);
  std::uniform_int_distribution<int> any(0, 255);
  std::uniform_int_distribution<size_t> which(0, kInteresting.size() - 1);
  std::string s(len(rng), '\0');
  for (char& c : s) c = static_cast<char>(pick(rng) == 0 ? any(rng) : kInteresting[which(rng)]);
  return s;
}

AttributeValue random_value(std::mt19937& rng, int depth);

AttributeMap random_map(std::mt19937& rng, int depth) {
  AttributeMap m;
  const int n = std::uniform_int_distribution<int>(0, 4)(rng);
  for (int i = 0; i < n; ++i) m.emplace(random_bytes(rng, 6), random_value(rng, depth + 1));
  return m;
}

Number random_number(std::mt19937& rng) {
  static const std::array<const char*, 12> kNumbers = {
      "0",        "-0",      "1",     "-1",     "1e3",
      "0.000001", "-12.5E3", "1E125", "1e-130", "99999999999999999999999999999999999999",
      "-.5",      "123.4500"};
  return Number::parse(kNumbers[std::uniform_int_distribution<size_t>(0, 11)(rng)]);
}

AttributeValue random_value(std::mt19937& rng, int depth) {
  const int kinds = depth < 4 ? 10 : 7;  // no nesting past four levels
  switch (std::uniform_int_distribution<int>(0, kinds - 1)(rng)) {
    case 0:
      return AttributeValue::string(random_bytes(rng, 12));
    case 1:
      return AttributeValue::number(random_number(rng));
    case 2:
      return AttributeValue::binary(random_bytes(rng, 9));
    case 3:
      return AttributeValue::boolean(rng() % 2 == 0);
    case 4:
      return AttributeValue::null();
    case 5: {
      std::set<std::string> s;
      while (s.size() < 1 + rng() % 3) s.insert(random_bytes(rng, 5));
      return rng() % 2 == 0 ? AttributeValue::string_set(s) : AttributeValue::binary_set(s);
    }
    case 6: {
      sls::table::NumberSet s;
      while (s.size() < 1 + rng() % 3) s.insert(random_number(rng));
      return AttributeValue::number_set(std::move(s));
    }
    case 7:
    case 8:
      return AttributeValue::map(random_map(rng, depth));
    default: {
      AttributeList l;
      const int n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) l.push_back(random_value(rng, depth + 1));
      return AttributeValue::list(std::move(l));
    }
  }
}

}  // namespace writer
}  // namespace

TEST_CASE("The JSON writer escapes strings exactly as nlohmann's dump") {
  using writer::dumped;
  using writer::written_string;
  const std::vector<std::string> cases = {
      "",
      "plain text",
      "quote \" and backslash \\",
      "tab\tnewline\nreturn\rback\bfeed\f",
      std::string("nul \0 inside", 12),
      "\x01\x1f\x7f",
      "é, 日本語, 🎉 (two, three and four UTF-8 bytes)",
      "\xef\xbf\xbf\xf4\x8f\xbf\xbf",  // U+FFFF and U+10FFFF, the last of each length
      "\x80 lone continuation",
      "\xc0\xaf overlong slash",
      "\xe0\x80\xaf overlong three-byte",
      "\xed\xa0\x80 a surrogate",
      "\xf4\x90\x80\x80 above U+10FFFF",
      "truncated at the end \xe6\x97",
      "\xff\xfe",
  };
  for (const std::string& s : cases) {
    INFO(json::binary({s.begin(), s.end()}).dump());
    CHECK(written_string(s) == dumped(json(s)));
  }
  for (int a = 0; a < 256; ++a) {  // every one- and two-byte string
    const std::string one(1, static_cast<char>(a));
    CHECK(written_string(one) == dumped(json(one)));
    for (int b = 0; b < 256; ++b) {
      const std::string two = one + static_cast<char>(b);
      if (written_string(two) != dumped(json(two))) FAIL_CHECK("bytes ", a, " ", b);
    }
  }
  std::mt19937 rng(20261123);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = writer::random_bytes(rng, i % 2 == 0 ? 10 : 40);  // 40: word scans
    if (written_string(s) != dumped(json(s))) FAIL_CHECK(json::binary({s.begin(), s.end()}).dump());
  }
}

TEST_CASE("The JSON writer writes any JSON tree as dump does") {
  const json tree = json::parse(R"({"b":[1,-2,18446744073709551615,-9223372036854775808,0.5,1.0,
      1e300,-0.0,true,false,null,"x\u0001"],"a":{"z":{},"y":[]},"":"empty name","é":1.25})");
  std::string out;
  sls::table::write_json(out, tree);
  CHECK(out == writer::dumped(tree));
  json bad = json::object();
  bad["\xff"] = "\xc3(";  // not UTF-8, as name and as value
  out.clear();
  sls::table::write_json(out, bad);
  CHECK(out == writer::dumped(bad));
}

TEST_CASE("The JSON writer renders values and items as render_value and render_item") {
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    const AttributeValue v = writer::random_value(rng, 1);
    std::string out;
    sls::table::write_value(out, v);
    const std::string expected = writer::dumped(sls::table::render_value(v));
    if (out != expected) FAIL_CHECK(expected);
  }
  for (int i = 0; i < 1000; ++i) {
    const Item item = writer::random_map(rng, 1);
    std::string out;
    sls::table::write_item(out, item);
    CHECK(out == writer::dumped(sls::table::render_item(item)));
  }
}

namespace {

// Same tree, member types included (unsigned vs signed integers, floats), or both refused.
bool same_tree(const json& a, const json& b) {
  if (a.type() != b.type() || a.is_discarded() != b.is_discarded()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
      if (i.key() != j.key() || !same_tree(i.value(), j.value())) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same_tree(a[i], b[i])) return false;
    return true;
  }
  return a.is_discarded() || a == b;
}

bool parses_alike(const std::string& text) {
  return same_tree(sls::table::parse_json(text), json::parse(text, nullptr, false));
}

// A random request-like document: nested objects and arrays of the JSON kinds, with a few
// escapes, fractions and odd bytes among them.
std::string random_document(std::mt19937& rng, int depth) {
  static const std::array<const char*, 24> kScalars = {"0",
                                                       "-0",
                                                       "7",
                                                       "-42",
                                                       "123456789012345678",
                                                       "1234567890123456789",
                                                       "-9223372036854775808",
                                                       "18446744073709551616",
                                                       "1.5",
                                                       "-2e3",
                                                       "1E+2",
                                                       "01",
                                                       "true",
                                                       "false",
                                                       "null",
                                                       "\"\"",
                                                       "\"plain\"",
                                                       "\"é日🎉\"",
                                                       "\"esc\\n\\u00e9\"",
                                                       "\"\xff\"",
                                                       "\"\x01\"",
                                                       "\"\x7f\"",
                                                       "tru",
                                                       "-"};
  const int kind = std::uniform_int_distribution<int>(0, depth < 5 ? 3 : 1)(rng);
  if (kind <= 1)
    return kScalars[std::uniform_int_distribution<size_t>(0, kScalars.size() - 1)(rng)];
  const int n = std::uniform_int_distribution<int>(0, 4)(rng);
  std::string out = kind == 2 ? "{" : "[";
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += rng() % 8 == 0 ? " ,\n" : ",";
    if (kind == 2) out += rng() % 4 == 0 ? "\"a\" : " : "\"k" + std::to_string(rng() % 3) + "\":";
    out += random_document(rng, depth + 1);
  }
  return out + (kind == 2 ? "}" : "]");
}

}  // namespace

TEST_CASE("Request bodies parse to nlohmann's own tree, and are refused where it refuses them") {
  const std::vector<std::string> cases = {
      R"({"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})",
      R"( { "a" : [ 1 , -2 , true , false , null , "x" ] } )",
      "\t{\r\n}\n",
      R"({"dup":1,"dup":{"x":2}})",
      R"([[[[[]]]]])",
      R"({"big":18446744073709551615,"neg":-9223372036854775808,"f":0.5,"e":1e2})",
      R"({"s":"quote \" inside"})",
      "{\"s\":\"tab\tinside\"}",
      "{\"s\":\"\xc3\xa9\xe6\x97\xa5\xf0\x9f\x8e\x89\"}",
      "{\"s\":\"\xed\xa0\x80\"}",
      "\xef\xbb\xbf{}",  // a byte order mark
      "",
      "{",
      R"({"a":1,})",
      R"([1,])",
      "{} x",
      "nul",
      "-",
      "-01",
      std::string(100, '[') + std::string(100, ']'),
  };
  for (const std::string& text : cases) {
    INFO(text);
    CHECK(parses_alike(text));
  }
  std::mt19937 rng(11);
  for (int i = 0; i < 5000; ++i) {
    std::string text = random_document(rng, 0);
    if (!parses_alike(text)) FAIL_CHECK(text);
    if (!text.empty()) {  // and damaged: a byte changed, or the end cut off
      const size_t at = rng() % text.size();
      std::string changed = text;
      changed[at] = static_cast<char>(rng() % 256);
      if (!parses_alike(changed)) FAIL_CHECK(changed);
      if (!parses_alike(text.substr(0, at))) FAIL_CHECK(text.substr(0, at));
    }
  }
}

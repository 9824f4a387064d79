// Key encoding: memcmp order of encoded keys is DynamoDB's sort order (spec/dynamodb-api.md 2.5).
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "table/key_codec.h"

namespace {

using sls::table::AttributeValue;
using sls::table::Number;
using sls::table::ValueType;

std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[static_cast<unsigned char>(c) >> 4];
    out += kDigits[static_cast<unsigned char>(c) & 15];
  }
  return out;
}

std::string encode(const char* number) { return sls::table::encode_number(Number::parse(number)); }

// A random number anywhere in DynamoDB's range: 1-38 digits, exponent -130..125, either sign,
// and zero now and then.
Number random_number(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> digit_count(1, Number::kMaxDigits);
  std::uniform_int_distribution<int> digit(0, 9);
  std::uniform_int_distribution<int> exponent(Number::kMinExponent, Number::kMaxExponent);
  std::uniform_int_distribution<int> coin(0, 19);
  if (coin(rng) == 0) return Number();
  std::string text = coin(rng) < 10 ? "-" : "";
  text += static_cast<char>('1' + digit(rng) % 9);
  text += '.';
  const int n = digit_count(rng);
  for (int i = 1; i < n; ++i) text += static_cast<char>('0' + digit(rng));
  // Small exponents and short digit strings are where prefix and sign bugs hide: favour them.
  const int e = coin(rng) < 10 ? exponent(rng) % 4 : exponent(rng);
  return Number::parse(text + "e" + std::to_string(e));
}

}  // namespace

TEST_CASE("Numbers encode to the documented bytes") {
  CHECK(hex(encode("0")) == "02");
  CHECK(hex(encode("1")) == "03 82 31");
  CHECK(hex(encode("1000")) == "03 85 31");
  CHECK(hex(encode("1e3")) == "03 85 31");
  CHECK(hex(encode("0.5")) == "03 81 35");
  CHECK(hex(encode("-300")) == "01 7b 36 ff");
  CHECK(hex(encode("1.23")) == "03 82 31 32 33");
  CHECK(hex(encode("1e-130")) == "03 00 31");
  CHECK(hex(encode("1e125")) == "03 ff 31");
  CHECK(encode("-9.9999999999999999999999999999999999999E+125").size() == 41);
}

TEST_CASE("Strings and binaries encode as their bytes") {
  CHECK(sls::table::encode_key(AttributeValue::string("héllo")) == "héllo");
  CHECK(sls::table::encode_key(AttributeValue::binary(std::string("\x00\xff", 2))) ==
        std::string("\x00\xff", 2));
  SUBCASE("strings order by UTF-8 bytes: A < a < ¿") {
    const std::string upper = sls::table::encode_key(AttributeValue::string("A"));
    const std::string lower = sls::table::encode_key(AttributeValue::string("a"));
    const std::string inverted = sls::table::encode_key(AttributeValue::string("¿"));
    CHECK(upper < lower);
    CHECK(lower < inverted);
  }
  SUBCASE("binaries order by unsigned bytes, shorter first on a common prefix") {
    CHECK(std::string("\x01", 1) < std::string("\x80", 1));
    CHECK(std::string("\x01", 1) < std::string("\x01\x00", 2));
  }
}

TEST_CASE("Equal numbers in different spellings encode to the same bytes") {
  CHECK(encode("1000") == encode("1.000e3"));
  CHECK(encode("-0.50") == encode("-.5"));
  CHECK(encode("-0") == encode("0"));
}

TEST_CASE("Known number orders hold on the encoded bytes") {
  const std::vector<const char*> ascending = {"-9.9999999999999999999999999999999999999E+125",
                                              "-1e20",
                                              "-300",
                                              "-1.25",
                                              "-1.2",
                                              "-1",
                                              "-0.99",
                                              "-1e-130",
                                              "0",
                                              "1e-130",
                                              "0.001",
                                              "0.5",
                                              "1",
                                              "1.2",
                                              "1.25",
                                              "2",
                                              "10",
                                              "11",
                                              "100",
                                              "1e20",
                                              "9.9999999999999999999999999999999999999E+125"};
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    CAPTURE(ascending[i]);
    CHECK(encode(ascending[i]) < encode(ascending[i + 1]));
  }
}

TEST_CASE("Property: comparing encodings equals comparing numbers, over random pairs") {
  std::mt19937_64 rng(0x5151'2026);
  for (int i = 0; i < 20000; ++i) {
    const Number a = random_number(rng);
    const Number b = random_number(rng);
    const std::string ea = sls::table::encode_number(a);
    const std::string eb = sls::table::encode_number(b);
    CAPTURE(a.to_string());
    CAPTURE(b.to_string());
    REQUIRE((ea.compare(eb) <=> 0) == (a <=> b));
  }
}

TEST_CASE("Property: sorting by encoding sorts numerically, including prefix-related numbers") {
  std::mt19937_64 rng(7);
  std::vector<Number> numbers;
  for (int i = 0; i < 2000; ++i) {
    const Number n = random_number(rng);
    numbers.push_back(n);
    // Its truncations share a digit prefix: the case the terminator byte exists for.
    const std::string& d = n.digits();
    if (d.size() > 1) {
      const std::string sign = n.negative() ? "-" : "";
      const std::string shorter = sign + d.substr(0, 1) + "." + d.substr(1, d.size() / 2);
      numbers.push_back(Number::parse(shorter + "e" + std::to_string(n.exponent())));
    }
  }
  std::vector<Number> by_bytes = numbers;
  std::sort(numbers.begin(), numbers.end());
  std::sort(by_bytes.begin(), by_bytes.end(), [](const Number& a, const Number& b) {
    return sls::table::encode_number(a) < sls::table::encode_number(b);
  });
  CHECK(numbers == by_bytes);
}

TEST_CASE("Encoded keys decode back to their values") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 2000; ++i) {
    const AttributeValue v = AttributeValue::number(random_number(rng));
    CHECK(sls::table::decode_key(sls::table::encode_key(v), ValueType::kN) == v);
  }
  CHECK(sls::table::decode_key("ab", ValueType::kS) == AttributeValue::string("ab"));
  CHECK(sls::table::decode_key("ab", ValueType::kB) == AttributeValue::binary("ab"));
  SUBCASE("bytes that no number encodes to are refused") {
    CHECK_FALSE(sls::table::decode_key("", ValueType::kN));
    CHECK_FALSE(sls::table::decode_key("\x04\x82\x31", ValueType::kN));
    CHECK_FALSE(sls::table::decode_key("\x03\x82\x31\x30", ValueType::kN));  // trailing zero
    CHECK_FALSE(sls::table::decode_key("\x01\x7b\x36", ValueType::kN));      // no terminator
    CHECK_FALSE(sls::table::decode_key("ab", ValueType::kBool));
  }
}

TEST_CASE("The begins_with upper bound is the next prefix") {
  CHECK(sls::table::prefix_successor("abc") == "abd");
  CHECK(sls::table::prefix_successor(std::string("a\xff\xff", 3)) == "b");
  CHECK_FALSE(sls::table::prefix_successor(std::string("\xff\xff", 2)));
  CHECK_FALSE(sls::table::prefix_successor(""));
}

// DynamoDB numbers: syntax, normalisation, range, ordering and exact arithmetic
// (spec/dynamodb-api.md 2.2, 2.3).
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/error.h"
#include "table/number.h"

namespace {

using sls::table::Number;

std::string canonical(const std::string& text) { return Number::parse(text).to_string(); }

// The message of the Error that parsing `text` throws ("" when it parses).
std::string parse_error(const std::string& text) {
  try {
    (void)Number::parse(text);
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kValidation);
    return e.message();
  }
  return "";
}

std::string sum_error(const std::string& a, const std::string& b) {
  try {
    (void)add(Number::parse(a), Number::parse(b));
  } catch (const sls::Error& e) {
    CHECK(e.code() == sls::Errc::kValidation);
    return e.message();
  }
  return "";
}

std::string sum(const std::string& a, const std::string& b) {
  return add(Number::parse(a), Number::parse(b)).to_string();
}

std::string difference(const std::string& a, const std::string& b) {
  return subtract(Number::parse(a), Number::parse(b)).to_string();
}

constexpr const char* kCannotConvert = "The parameter cannot be converted to a numeric value";
constexpr const char* kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr const char* kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
constexpr const char* kTooPrecise =
    "Attempting to store more than 38 significant digits in a Number";

}  // namespace

TEST_CASE("Numbers are returned in AWS's canonical plain decimal form") {
  struct Case {
    const char* in;
    const char* out;
  };
  const std::vector<Case> cases = {
      {"1.0", "1"},
      {"1.00", "1"},
      {"+1", "1"},
      {"001", "1"},
      {"1e0", "1"},
      {"-0", "0"},
      {"-0.0", "0"},
      {"0e5", "0"},
      {"0.0e3", "0"},
      {"1.10", "1.1"},
      {".5", "0.5"},
      {"-.5", "-0.5"},
      {"1e3", "1000"},
      {"1E+3", "1000"},
      {"1.0e3", "1000"},
      {"123e-2", "1.23"},
      {"001.23", "1.23"},
      {"1.5e2", "150"},
      {"1e-3", "0.001"},
      {"3.14159", "3.14159"},
      {"1e20", "100000000000000000000"},
      {"1e-20", "0.00000000000000000001"},
      {"-17e5", "-1700000"},
      {"-7.1234", "-7.1234"},
      {"1.", "1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(canonical(c.in) == c.out);
  }
  CHECK(canonical("1e125") == "1" + std::string(125, '0'));
  CHECK(canonical("0.1e126") == "1" + std::string(125, '0'));
  CHECK(canonical("-17.4E37") == "-174" + std::string(36, '0'));
  CHECK(canonical("1e-130") == "0." + std::string(129, '0') + "1");
}

TEST_CASE("Text that is not a number is rejected with the text echoed") {
  CHECK(parse_error("") == kCannotConvert);
  for (const char* bad : {"abc", "NaN", "Infinity", "-Infinity", " 1", "1 ", "1 2", ".", "+", "-",
                          "e5", "1e", "1e+", "1.2.3", "--1", "0x10", "1_000", "１"}) {
    CAPTURE(bad);
    CHECK(parse_error(bad) == std::string(kCannotConvert) + ": " + bad);
  }
}

TEST_CASE("Magnitudes outside 1E-130 .. 9.99E+125 overflow or underflow") {
  CHECK(parse_error("1e126") == kOverflow);
  CHECK(parse_error("-1e126") == kOverflow);
  CHECK(parse_error("10e125") == kOverflow);
  CHECK(parse_error("1e99999999999999999999999") == kOverflow);
  CHECK(parse_error("1e-131") == kUnderflow);
  CHECK(parse_error("0.1e-130") == kUnderflow);
  CHECK(parse_error("1e-99999999999999999999999") == kUnderflow);
  CHECK(parse_error("9.9999999999999999999999999999999999999E+125").empty());
  CHECK(parse_error("-9.9999999999999999999999999999999999999E+125").empty());
  CHECK(parse_error("1E-130").empty());
  SUBCASE("zero is accepted whatever its exponent") {
    CHECK(canonical("0e126") == "0");
    CHECK(canonical("0e-131") == "0");
    CHECK(canonical("0.0e99999999999") == "0");
  }
}

TEST_CASE("More than 38 significant digits are rejected, trimmed zeros do not count") {
  CHECK(parse_error("1.2345678901234567890123456789012345678").empty());
  CHECK(parse_error("1.23456789012345678901234567890123456789") == kTooPrecise);
  CHECK(parse_error("123456789012345678901234567890123456789") == kTooPrecise);
  CHECK(parse_error("1" + std::string(60, '0')).empty());
  CHECK(parse_error("000" + std::string(38, '7') + "000").empty());
  SUBCASE("range is judged before precision") {
    CHECK(parse_error("1.23456789012345678901234567890123456789e200") == kOverflow);
  }
}

TEST_CASE("Equal values have one representation") {
  CHECK(Number::parse("1000") == Number::parse("1e3"));
  CHECK(Number::parse("1") == Number::parse("1.0"));
  CHECK(Number::parse("-0") == Number::parse("0"));
  CHECK(Number::parse("-0").negative() == false);
  CHECK(Number::parse("1") != Number::parse("-1"));
  CHECK(Number::parse("0.5").exponent() == -1);
  CHECK(Number::parse("0.5").digits() == "5");
  CHECK(Number::from_int(-42).to_string() == "-42");
  CHECK(Number().is_zero());
}

TEST_CASE("Numbers order numerically across signs and exponents") {
  const std::vector<std::string> ascending = {"-9.9999999999999999999999999999999999999E+125",
                                              "-1e100",
                                              "-1000",
                                              "-300",
                                              "-1.25",
                                              "-1.2",
                                              "-1",
                                              "-0.5",
                                              "-1e-130",
                                              "0",
                                              "1e-130",
                                              "0.001",
                                              "0.5",
                                              "1",
                                              "1.2",
                                              "1.25",
                                              "1.3",
                                              "2",
                                              "10",
                                              "1000",
                                              "1e100",
                                              "9.9999999999999999999999999999999999999E+125"};
  for (size_t i = 0; i < ascending.size(); ++i) {
    for (size_t j = 0; j < ascending.size(); ++j) {
      CAPTURE(ascending[i]);
      CAPTURE(ascending[j]);
      CHECK((Number::parse(ascending[i]) <=> Number::parse(ascending[j])) == (i <=> j));
    }
  }
}

TEST_CASE("Addition and subtraction are exact") {
  CHECK(sum("1", "2") == "3");
  CHECK(sum("0.1", "0.2") == "0.3");
  CHECK(sum("-1", "1") == "0");
  CHECK(sum("5", "-7.5") == "-2.5");
  CHECK(sum("-5", "-7.5") == "-12.5");
  CHECK(sum("99999999999999999999999999999999999999", "1") == "1" + std::string(38, '0'));
  CHECK(sum("0", "-3") == "-3");
  CHECK(sum("1e-130", "0") == Number::parse("1e-130").to_string());
  CHECK(sum("1e125", "1e125") == "2" + std::string(125, '0'));
  CHECK(difference("10", "0.001") == "9.999");
  CHECK(difference("1", "1") == "0");
  CHECK(difference("-1", "-3") == "2");
  CHECK(difference("0", "5") == "-5");
  CHECK(sum("1.5e-129", "-1.4e-129") == Number::parse("1e-130").to_string());
}

TEST_CASE("Results outside the range or precision fail like stored numbers") {
  SUBCASE("9e125 + 9e125 overflows") { CHECK(sum_error("9e125", "9e125") == kOverflow); }
  SUBCASE("a result needing more than 38 digits reports overflow, as AWS does") {
    CHECK(sum_error("1e50", "1") == kOverflow);
    CHECK(sum_error("1e-50", "1") == kOverflow);
  }
  SUBCASE("a result below 1E-130 underflows") {
    CHECK(sum_error("1.0000000000000000000000000000000000001e-130", "-1e-130") == kUnderflow);
  }
}

TEST_CASE("Random sums agree with integer arithmetic") {
  std::mt19937_64 rng(20260801);
  std::uniform_int_distribution<int64_t> dist(-1'000'000'000'000LL, 1'000'000'000'000LL);
  std::uniform_int_distribution<int> scale(0, 6);
  for (int i = 0; i < 2000; ++i) {
    const int64_t a = dist(rng);
    const int64_t b = dist(rng);
    const int s = scale(rng);  // both divided by 10^s: checks fractions too
    const std::string sa = Number::from_int(a).to_string() + "e-" + std::to_string(s);
    const std::string sb = Number::from_int(b).to_string() + "e-" + std::to_string(s);
    const std::string expected =
        Number::parse(std::to_string(a + b) + "e-" + std::to_string(s)).to_string();
    CAPTURE(sa);
    CAPTURE(sb);
    CHECK(sum(sa, sb) == expected);
    CHECK((Number::parse(sa) <=> Number::parse(sb)) == (a <=> b));
  }
}

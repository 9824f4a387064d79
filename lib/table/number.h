// DynamoDB's Number type as an exact decimal: parsing of the wire text with AWS's messages,
// the canonical text AWS returns, ordering, and exact addition (spec/dynamodb-api.md 2.3).
// Never a double: 38 significant digits and exponents down to -130 do not fit one.
// Thread safety: Number is an immutable value.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/limits.h"

namespace sls::table {

// Invariants, which every factory establishes and every operation keeps:
//   1. The value is zero, or ±d1.d2…dn × 10^e with d1 != 0, dn != 0 (no leading or trailing
//      zero digits), 1 <= n <= 38 and -130 <= e <= 125.
//   2. Zero has no digits, exponent 0 and is never negative ("-0" parses to 0).
// Hence equal values have equal representations, and == is value equality ("1000" == "1e3").
class Number {
 public:
  // spec 2.3; the numbers live in core/limits.h with every other AWS limit.
  static constexpr int kMaxDigits = static_cast<int>(limits::kDynamoNumberDigits.value);
  static constexpr int kMaxExponent = static_cast<int>(limits::kDynamoNumberMaxExponent.value);
  static constexpr int kMinExponent = static_cast<int>(limits::kDynamoNumberMinExponent.value);

  Number() = default;  // zero

  // Parses DynamoDB's number syntax: optional sign, digits with an optional '.', optional
  // exponent (`-17.4E37`, `.5`, `+3`, `0001.23`). Range and precision are judged after
  // normalisation, so `0.1e126` is accepted. Throws Error{kValidation} with AWS's message
  // (cannot be converted / overflow / underflow / more than 38 significant digits).
  [[nodiscard]] static Number parse(std::string_view text);
  [[nodiscard]] static Number from_int(int64_t value);

  // The canonical plain decimal AWS returns: no exponent, no redundant zeros ("1e3" -> "1000",
  // "-.50" -> "-0.5", "-0" -> "0").
  [[nodiscard]] std::string to_string() const;

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  // Position of the first significant digit: value = ±d1.d2…dn × 10^exponent(). 0 for zero.
  int exponent() const { return exponent_; }
  // The significant digits as ASCII '1'..'9' / '0' (never leading/trailing '0'); "" for zero.
  const std::string& digits() const { return digits_; }

  bool operator==(const Number&) const = default;
  friend std::strong_ordering operator<=>(const Number& a, const Number& b);

  // Exact sum and difference, range- and precision-checked like a stored number. A result that
  // needs more than 38 digits fails with the overflow message, as AWS does (spec 2.2).
  // Throws Error{kValidation}.
  friend Number add(const Number& a, const Number& b);
  friend Number subtract(const Number& a, const Number& b);
  [[nodiscard]] Number negated() const;

 private:
  // Builds a number from a sign, a digit string (may have leading/trailing zeros) and the power
  // of ten of the digit string's first character; checks range, then precision.
  // `precision_is_overflow` selects the arithmetic flavour of the precision message.
  static Number normalize(bool negative, std::string digits, int64_t first_exponent,
                          bool precision_is_overflow);

  bool negative_ = false;
  int exponent_ = 0;
  std::string digits_;
};

}  // namespace sls::table

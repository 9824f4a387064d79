// Exact decimal numbers for the table engine (spec/dynamodb-api.md 2.3).
#include "table/number.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "table/messages.h"

namespace sls::table {
namespace {

// An exponent written in the text is clamped to this magnitude while it is read: anything
// beyond it is out of range whatever the mantissa, and clamping keeps the int64 sums below
// from overflowing on inputs like "1e99999999999999999999".
constexpr int64_t kExponentClamp = 1'000'000'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

[[noreturn]] void throw_invalid(std::string_view text) {
  if (text.empty()) throw Error(Errc::kValidation, std::string(msg::kNumberEmpty));
  throw Error(Errc::kValidation, fmt::format(msg::kNumberInvalid, text));
}

// The pieces of the number syntax, before any normalisation.
struct Lexed {
  bool negative = false;
  std::string mantissa;    // every digit, integer part then fraction
  int64_t int_digits = 0;  // how many of them precede the '.'
  int64_t exponent10 = 0;  // the written exponent, clamped
};

// Reads `[+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?` with at least one mantissa digit.
// Returns false on anything else (spaces, "NaN", "Infinity", "1e", ".").
bool lex(std::string_view text, Lexed& out) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) out.negative = text[i++] == '-';
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      out.mantissa += c;
      if (!seen_point) ++out.int_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (out.mantissa.empty()) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i == text.size() || !is_digit(text[i])) return false;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      out.exponent10 = std::min(kExponentClamp, out.exponent10 * 10 + (text[i] - '0'));
    }
    if (exp_negative) out.exponent10 = -out.exponent10;
  }
  return i == text.size();
}

// Magnitude digits of a number placed in a fixed window: cell j holds the digit of 10^(low + j).
std::vector<int> place_digits(const Number& n, int low, size_t width) {
  std::vector<int> cells(width, 0);
  const std::string& d = n.digits();
  for (size_t k = 0; k < d.size(); ++k) {
    const int power = n.exponent() - static_cast<int>(k);
    cells[static_cast<size_t>(power - low)] = d[k] - '0';
  }
  return cells;
}

// a - b over digit cells, Requires: |a| >= |b|.
std::vector<int> subtract_cells(std::vector<int> a, const std::vector<int>& b) {
  int borrow = 0;
  for (size_t j = 0; j < a.size(); ++j) {
    int v = a[j] - b[j] - borrow;
    borrow = v < 0 ? 1 : 0;
    a[j] = v + borrow * 10;
  }
  return a;
}

std::vector<int> add_cells(std::vector<int> a, const std::vector<int>& b) {
  int carry = 0;
  for (size_t j = 0; j < a.size(); ++j) {
    const int v = a[j] + b[j] + carry;
    carry = v / 10;
    a[j] = v % 10;
  }
  return a;  // the window has a spare top cell, so the final carry is always 0
}

// Compares magnitudes only.
std::strong_ordering compare_magnitude(const Number& a, const Number& b) {
  if (a.is_zero() || b.is_zero()) return !a.is_zero() <=> !b.is_zero();
  if (a.exponent() != b.exponent()) return a.exponent() <=> b.exponent();
  return a.digits().compare(b.digits()) <=> 0;
}

}  // namespace

Number Number::normalize(bool negative, std::string digits, int64_t first_exponent,
                         bool precision_is_overflow) {
  const size_t first = digits.find_first_not_of('0');
  Number n;
  if (first == std::string::npos) return n;  // every zero, whatever its exponent, is 0
  const size_t last = digits.find_last_not_of('0');
  const int64_t exponent = first_exponent - static_cast<int64_t>(first);
  if (exponent > kMaxExponent) throw Error(Errc::kValidation, std::string(msg::kNumberOverflow));
  if (exponent < kMinExponent) throw Error(Errc::kValidation, std::string(msg::kNumberUnderflow));
  if (last - first + 1 > static_cast<size_t>(kMaxDigits)) {
    throw Error(Errc::kValidation,
                std::string(precision_is_overflow ? msg::kNumberOverflow : msg::kNumberTooPrecise));
  }
  n.negative_ = negative;
  n.exponent_ = static_cast<int>(exponent);
  n.digits_ = digits.substr(first, last - first + 1);
  return n;
}

Number Number::parse(std::string_view text) {
  Lexed lexed;
  if (!lex(text, lexed)) throw_invalid(text);
  // The mantissa's first character stands for 10^(int_digits - 1), scaled by the exponent.
  return normalize(lexed.negative, std::move(lexed.mantissa),
                   lexed.int_digits - 1 + lexed.exponent10, false);
}

Number Number::from_int(int64_t value) { return parse(std::to_string(value)); }

std::string Number::to_string() const {
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  const int n = static_cast<int>(digits_.size());
  if (exponent_ < 0) {
    out += "0.";
    out.append(static_cast<size_t>(-exponent_ - 1), '0');
    out += digits_;
  } else if (exponent_ >= n - 1) {
    out += digits_;
    out.append(static_cast<size_t>(exponent_ - (n - 1)), '0');
  } else {
    out += digits_.substr(0, static_cast<size_t>(exponent_) + 1);
    out += '.';
    out += digits_.substr(static_cast<size_t>(exponent_) + 1);
  }
  return out;
}

Number Number::negated() const {
  Number n = *this;
  if (!n.is_zero()) n.negative_ = !n.negative_;
  return n;
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
  const int sign_a = a.is_zero() ? 0 : (a.negative() ? -1 : 1);
  const int sign_b = b.is_zero() ? 0 : (b.negative() ? -1 : 1);
  if (sign_a != sign_b) return sign_a <=> sign_b;
  const std::strong_ordering magnitude = compare_magnitude(a, b);
  return sign_a < 0 ? 0 <=> magnitude : magnitude;
}

Number add(const Number& a, const Number& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  // Operands are in range, so the window spans at most 126 + 130 + 38 digits (spec 2.3: align
  // only validated operands; an unchecked 1e100000000 would be a memory DoS).
  const int low = std::min(a.exponent() - static_cast<int>(a.digits().size()) + 1,
                           b.exponent() - static_cast<int>(b.digits().size()) + 1);
  const int high = std::max(a.exponent(), b.exponent()) + 1;  // one spare cell for the carry
  const size_t width = static_cast<size_t>(high - low + 1);
  const std::vector<int> da = place_digits(a, low, width);
  const std::vector<int> db = place_digits(b, low, width);
  std::vector<int> cells;
  bool negative = a.negative();
  if (a.negative() == b.negative()) {
    cells = add_cells(da, db);
  } else if (compare_magnitude(a, b) >= 0) {
    cells = subtract_cells(da, db);
  } else {
    cells = subtract_cells(db, da);
    negative = b.negative();
  }
  std::string digits;
  digits.reserve(width);
  for (size_t j = width; j-- > 0;) digits += static_cast<char>('0' + cells[j]);
  return Number::normalize(negative, std::move(digits), high, true);
}

Number subtract(const Number& a, const Number& b) { return add(a, b.negated()); }

}  // namespace sls::table

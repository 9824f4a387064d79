// The PartiQL lexer (spec/dynamodb-api.md 3.20).
#include "table/partiql/lexer.h"

#include <array>
#include <limits>

#include <fmt/format.h>

#include "core/error.h"
#include "table/expr/lexer.h"
#include "table/messages.h"

namespace sls::table::partiql {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return is_letter(c) || c == '_' || c == '$'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Two-character operators first, so "<=" is not read as "<" then "=".
constexpr std::array<std::string_view, 6> kTwoCharPuncts = {"<>", "!=", "<=", ">=", "<<", ">>"};
constexpr std::string_view kOneCharPuncts = "*,.;[](){}:=<>+-";

[[noreturn]] void fail_unreadable() {
  throw Error(Errc::kValidation, fmt::format(msg::kPartiqlNotWellFormed, ""));
}

size_t scan_while(std::string_view text, size_t i, bool (*pred)(char)) {
  while (i < text.size() && pred(text[i])) ++i;
  return i;
}

// The position after blanks and comments from `i`.
size_t skip_blanks(std::string_view text, size_t i) {
  while (i < text.size()) {
    if (is_blank(text[i])) {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const size_t eol = text.find('\n', i);
      i = eol == std::string_view::npos ? text.size() : eol + 1;
    } else if (text.substr(i, 2) == "/*") {
      const size_t close = text.find("*/", i + 2);
      if (close == std::string_view::npos) fail_unreadable();
      i = close + 2;
    } else {
      break;
    }
  }
  return i;
}

// A quoted run starting at text[i] == quote, where a doubled quote stands for one. Returns the
// position after the closing quote; `value` receives the unescaped text.
size_t scan_quoted(std::string_view text, size_t i, char quote, std::string& value) {
  for (size_t j = i + 1; j < text.size(); ++j) {
    if (text[j] != quote) {
      value.push_back(text[j]);
    } else if (j + 1 < text.size() && text[j + 1] == quote) {
      value.push_back(quote);
      ++j;
    } else {
      return j + 1;
    }
  }
  fail_unreadable();
}

// The value of a run of digits, saturated at a bound past any 32-bit integer.
int64_t digits_value(std::string_view digits) {
  constexpr int64_t kSaturated = int64_t{1} << 40;
  int64_t value = 0;
  for (const char c : digits) value = std::min(kSaturated, value * 10 + (c - '0'));
  return value;
}

// A number: digits, an optional fraction and an optional exponent. DynamoDB reads it as Java's
// BigDecimal does, which refuses an exponent or a scale (fraction digits less the exponent)
// outside a 32-bit integer.
size_t scan_number(std::string_view text, size_t i) {
  const size_t int_end = scan_while(text, i, is_digit);
  size_t end = int_end;
  int64_t fraction_digits = 0;
  if (end < text.size() && text[end] == '.') {
    const size_t frac_end = scan_while(text, end + 1, is_digit);
    fraction_digits = static_cast<int64_t>(frac_end - end - 1);
    end = frac_end;
  }
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t e = end + 1;
    const bool negative = e < text.size() && text[e] == '-';
    if (e < text.size() && (text[e] == '+' || text[e] == '-')) ++e;
    const size_t exp_end = scan_while(text, e, is_digit);
    if (exp_end > e) {
      int64_t exponent = digits_value(text.substr(e, exp_end - e));
      if (negative) exponent = -exponent;
      constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
      constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
      const int64_t scale = fraction_digits - exponent;
      if (exponent > kMax || exponent < kMin || scale > kMax || scale < kMin) fail_unreadable();
      end = exp_end;
    }
  }
  return end;
}

Token next_token(std::string_view text, size_t i) {
  const char c = text[i];
  Token t;
  t.begin = i;
  if (is_name_start(c)) {
    t.kind = TokenKind::kName;
    t.end = scan_while(text, i + 1, is_name_char);
    t.text = std::string(text.substr(i, t.end - i));
  } else if (c == '"' || c == '\'') {
    t.kind = c == '"' ? TokenKind::kQuoted : TokenKind::kString;
    t.end = scan_quoted(text, i, c, t.text);
  } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
    t.kind = TokenKind::kNumber;
    t.end = scan_number(text, i);
    t.text = std::string(text.substr(i, t.end - i));
  } else if (c == '?') {
    t.kind = TokenKind::kParameter;
    t.end = i + 1;
    t.text = "?";
  } else {
    t.kind = TokenKind::kPunct;
    for (const std::string_view two : kTwoCharPuncts) {
      if (text.substr(i, 2) == two) t.end = i + 2;
    }
    if (t.end == 0 && kOneCharPuncts.find(c) != std::string_view::npos) t.end = i + 1;
    if (t.end == 0) fail_unreadable();
    t.text = std::string(text.substr(i, t.end - i));
  }
  return t;
}

// Characters, not bytes: UTF-8 continuation bytes do not count.
size_t characters(std::string_view text) {
  size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

bool Token::is_keyword(std::string_view upper) const {
  return kind == TokenKind::kName && expr::equals_keyword(text, upper);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = skip_blanks(text, 0);
  while (i < text.size()) {
    tokens.push_back(next_token(text, i));
    i = skip_blanks(text, tokens.back().end);
  }
  Token eof;
  eof.begin = eof.end = text.size();
  tokens.push_back(std::move(eof));
  return tokens;
}

std::string position(std::string_view text, size_t begin, size_t end) {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < begin && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const size_t column = characters(text.substr(line_start, begin - line_start)) + 1;
  return fmt::format("{}:{}:{}", line, column, characters(text.substr(begin, end - begin)));
}

}  // namespace sls::table::partiql

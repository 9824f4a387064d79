// The expression lexer (spec/dynamodb-api.md 4.1).
#include "table/expr/lexer.h"

#include <array>
#include <limits>

namespace sls::table::expr {
namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_letter(c) || is_digit(c) || c == '_'; }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Two-character operators first, so "<=" is not read as "<" then "=".
constexpr std::array<std::string_view, 3> kTwoCharPuncts = {"<>", "<=", ">="};
constexpr std::string_view kOneCharPuncts = "=<>(),.[]+-";

size_t scan_while(std::string_view text, size_t i, bool (*pred)(char)) {
  while (i < text.size() && pred(text[i])) ++i;
  return i;
}

// Length of the UTF-8 sequence starting at text[i], so an unknown character is reported whole.
size_t utf8_length(std::string_view text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  size_t len = 1;
  while (len < n && i + len < text.size() &&
         (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) {
    ++len;
  }
  return len;
}

Token next_token(std::string_view text, size_t i) {
  const char c = text[i];
  auto make = [&](TokenKind kind, size_t end) {
    return Token{kind, text.substr(i, end - i), i, end};
  };
  if (is_letter(c)) return make(TokenKind::kName, scan_while(text, i + 1, is_name_char));
  if (is_digit(c)) return make(TokenKind::kNumber, scan_while(text, i + 1, is_digit));
  if ((c == '#' || c == ':') && i + 1 < text.size() && is_name_char(text[i + 1])) {
    const size_t end = scan_while(text, i + 1, is_name_char);
    return make(c == '#' ? TokenKind::kNameRef : TokenKind::kValueRef, end);
  }
  for (const std::string_view two : kTwoCharPuncts) {
    if (text.substr(i, 2) == two) return make(TokenKind::kPunct, i + 2);
  }
  if (kOneCharPuncts.find(c) != std::string_view::npos) return make(TokenKind::kPunct, i + 1);
  return make(TokenKind::kUnknown, i + utf8_length(text, i));
}

}  // namespace

uint32_t parse_index(std::string_view digits) {
  uint64_t value = 0;
  for (const char c : digits) {
    value = value * 10 + static_cast<uint64_t>(c - '0');
    if (value > std::numeric_limits<uint32_t>::max()) return std::numeric_limits<uint32_t>::max();
  }
  return static_cast<uint32_t>(value);
}

bool equals_keyword(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upper[i]) return false;
  }
  return true;
}

bool Token::is_keyword(std::string_view upper) const {
  return kind == TokenKind::kName && equals_keyword(text, upper);
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = scan_while(text, 0, is_blank);
  size_t last_end = 0;
  while (i < text.size()) {
    const Token t = next_token(text, i);
    tokens.push_back(t);
    last_end = t.end;
    i = scan_while(text, t.end, is_blank);
  }
  tokens.push_back(Token{TokenKind::kEof, text.substr(last_end, 0), last_end, last_end});
  return tokens;
}

}  // namespace sls::table::expr

// Tokens of DynamoDB's PartiQL (spec/dynamodb-api.md 3.20): names, "quoted names", 'strings'
// ('' escapes a quote), numbers, `?` parameters and punctuation, with `--` and `/* */` comments
// and whitespace dropped. Keywords are names; the parser decides which names are keywords.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sls::table::partiql {

enum class TokenKind : uint8_t {
  kName,       // [A-Za-z_$][A-Za-z0-9_$]*: an attribute, table or function name, or a keyword
  kQuoted,     // "...": a name, "" escaping a quote; `text` holds the name unescaped
  kString,     // '...': a string literal, '' escaping a quote; `text` holds the value
  kNumber,     // 12, 1.5, .5, 7.31e6: `text` as written
  kParameter,  // ?
  kPunct,      // * , . ; [ ] ( ) { } : = <> != < <= > >= + - << >>
  kEof,        // the end; its text is empty
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string text;
  size_t begin = 0;  // byte offsets into the statement
  size_t end = 0;

  bool is(std::string_view punct) const { return kind == TokenKind::kPunct && text == punct; }
  // A bare name equal to `upper` ignoring case (keywords are case-insensitive).
  bool is_keyword(std::string_view upper) const;
};

// Splits `text` into tokens. Throws Error{kValidation} "Statement wasn't well formed, can't be
// processed: " (nothing after the colon, as DynamoDB answers) for a character outside the
// language, an unterminated string, name or block comment, and a number whose exponent or
// scale does not fit a 32-bit integer.
// Guarantees: the last token is kEof, positioned at the end of the text.
std::vector<Token> tokenize(std::string_view text);

// "<line>:<column>:<length>" of the bytes [begin, end) of `text`, counted in characters from 1,
// as DynamoDB's messages locate a token ("Unexpected path component at 1:8:5").
std::string position(std::string_view text, size_t begin, size_t end);

}  // namespace sls::table::partiql

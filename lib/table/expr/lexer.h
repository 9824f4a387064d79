// Tokens of DynamoDB's expression languages (spec/dynamodb-api.md 4.1). One lexer serves all
// five expression parameters; which names are keywords is up to each grammar.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sls::table::expr {

enum class TokenKind : uint8_t {
  kName,      // [A-Za-z][A-Za-z0-9_]*: an attribute name, function name or keyword
  kNameRef,   // #[A-Za-z0-9_]+
  kValueRef,  // :[A-Za-z0-9_]+
  kNumber,    // [0-9]+, only meaningful as a list index
  kPunct,     // = <> < <= > >= ( ) , . [ ] + -
  kUnknown,   // any other character (a whole UTF-8 sequence): always a syntax error
  kEof,       // the end; its text is empty
};

// The list index a run of decimal digits names, saturated at UINT32_MAX (no index is that
// large, so a huge one is simply out of range).
uint32_t parse_index(std::string_view digits);

// Whether `text` is the keyword `upper` (given in upper case), ignoring ASCII case.
bool equals_keyword(std::string_view text, std::string_view upper);

struct Token {
  TokenKind kind;
  std::string_view text;  // a view into the expression text
  size_t begin;           // byte offsets into the expression text
  size_t end;

  bool is(std::string_view punct) const { return kind == TokenKind::kPunct && text == punct; }
  // Case-insensitive keyword test (AND, sEt ...).
  bool is_keyword(std::string_view upper) const;
};

// Splits `text` into tokens, whitespace (space, tab, CR, LF) dropped. Never fails: characters
// outside the language become kUnknown tokens so the parser can name them in its error.
// Guarantees: the last token is kEof, positioned just after the last non-blank character.
std::vector<Token> tokenize(std::string_view text);

}  // namespace sls::table::expr

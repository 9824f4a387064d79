// DynamoDB's reserved words: a bare attribute name in an expression may not be one of them,
// compared case-insensitively (spec/dynamodb-api.md 4.6; developer guide "Reserved words in
// DynamoDB", 573 words). Thread safety: constants only.
#pragma once

#include <span>
#include <string_view>

namespace sls::table::expr {

// The words in upper case, sorted by byte value (so a binary search finds them).
std::span<const std::string_view> reserved_words();

// Whether `name` (any case) is reserved.
bool is_reserved_word(std::string_view name);

}  // namespace sls::table::expr

// Base64 (RFC 4648, padded): DynamoDB's B and BS values, Lambda's log tails and client contexts.
// Decoding is strict, as DynamoDB's JSON layer is: only canonical encodings are accepted.
#pragma once

#include <string>
#include <string_view>

namespace sls {

std::string base64_encode(std::string_view bytes);

// Why strict decoding failed; kOk when it did not.
enum class Base64Error { kOk, kLength, kCharacter, kLastCharacter };

// Decodes `text` into `out`. On kCharacter, `bad_char` is the offending character.
// Guarantees: on kOk, base64_encode(out) == text.
Base64Error base64_decode(std::string_view text, std::string& out, char& bad_char);

}  // namespace sls

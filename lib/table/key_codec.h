// Key encoding: key values (S, N, B) become byte strings whose memcmp order is DynamoDB's sort
// order, so SQLite BLOB columns sort and range-scan exactly as DynamoDB does
// (spec/dynamodb-api.md 2.5, "Ordering rules and an order-preserving byte encoding").
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "table/number.h"
#include "table/value.h"

namespace sls::table {

// Encodes a key value so that memcmp order on the SQLite BLOB is DynamoDB's sort order.
// Invariant: for a, b of one type, encode_key(a) < encode_key(b) (memcmp, then shorter first)
// iff a sorts before b, and encode_key(a) == encode_key(b) iff a == b.
//   S -> the UTF-8 bytes as they are (DynamoDB orders strings by UTF-8 bytes);
//   B -> the raw bytes (unsigned bytewise order);
//   N -> encode_number().
// Each key component lives in its own column, so no escaping or terminator is needed for S/B.
// Requires: v is S, N or B. Other types cannot be keys and are rejected earlier.
std::string encode_key(const AttributeValue& v);

// The number layout (value = ±d1.d2…dn × 10^e, normalised, see Number):
//   zero      0x02
//   positive  0x03, e + 130 (one byte), then 0x30 + di for each digit
//   negative  0x01, 255 - (e + 130),     then 0x39 - di for each digit, then 0xFF
// The class byte orders negative < zero < positive. Among positives a larger exponent is a larger
// number, and because digit strings have no trailing zeros a proper prefix is the smaller value
// (1.2 < 1.25), which memcmp-then-length also says. Negatives complement every byte to flip the
// order, and the 0xFF terminator, above any complemented digit, makes a shorter digit string sort
// after its extensions (-1.2 > -1.25). At most 41 bytes.
std::string encode_number(const Number& n);

// The inverse of encode_key for a known type; nullopt when `bytes` is not such an encoding.
std::optional<AttributeValue> decode_key(std::string_view bytes, ValueType type);

// The smallest byte string greater than every string that starts with `prefix`: the upper
// bound (exclusive) of a begins_with range scan. nullopt when there is none (prefix empty or
// all 0xFF), i.e. the scan is unbounded above.
std::optional<std::string> prefix_successor(std::string_view prefix);

}  // namespace sls::table

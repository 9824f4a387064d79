// Order-preserving key bytes (spec/dynamodb-api.md 2.5).
#include "table/key_codec.h"

#include <cstdint>

#include "core/error.h"

namespace sls::table {
namespace {

// Class bytes and offsets of the number layout documented in key_codec.h.
constexpr uint8_t kNegativeClass = 0x01;
constexpr uint8_t kZeroClass = 0x02;
constexpr uint8_t kPositiveClass = 0x03;
constexpr int kExponentBias = -Number::kMinExponent;  // maps e in [-130, 125] onto [0, 255]
constexpr uint8_t kMaxByte = 0xFF;
constexpr uint8_t kPositiveDigitBase = 0x30;  // '0': positive digits read as ASCII in a hex dump
constexpr uint8_t kNegativeDigitBase = 0x39;  // 0x39 - d: complemented digits stay below 0xFF
constexpr uint8_t kNegativeTerminator = 0xFF;

static_assert(Number::kMaxExponent + kExponentBias <= kMaxByte, "exponent fits one byte");

std::optional<AttributeValue> decode_number(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  const uint8_t cls = static_cast<uint8_t>(bytes[0]);
  if (cls == kZeroClass) {
    if (bytes.size() != 1) return std::nullopt;
    return AttributeValue::number(Number());
  }
  const bool negative = cls == kNegativeClass;
  if ((!negative && cls != kPositiveClass) || bytes.size() < 3) return std::nullopt;
  if (negative && static_cast<uint8_t>(bytes.back()) != kNegativeTerminator) return std::nullopt;
  const uint8_t e_byte = static_cast<uint8_t>(bytes[1]);
  const int exponent = (negative ? kMaxByte - e_byte : e_byte) - kExponentBias;
  const std::string_view digit_bytes = bytes.substr(2, bytes.size() - 2 - (negative ? 1 : 0));
  std::string text = negative ? "-" : "";
  for (const char b : digit_bytes) {
    const int d = negative ? kNegativeDigitBase - uint8_t(b) : uint8_t(b) - kPositiveDigitBase;
    if (d < 0 || d > 9) return std::nullopt;
    text += static_cast<char>('0' + d);
  }
  text += "e" + std::to_string(exponent - static_cast<int>(digit_bytes.size()) + 1);
  try {
    const Number n = Number::parse(text);
    if (encode_number(n) != bytes) return std::nullopt;  // not canonical (e.g. trailing zero)
    return AttributeValue::number(n);
  } catch (const Error&) {
    return std::nullopt;  // out of range: not something encode_number produces
  }
}

}  // namespace

std::string encode_number(const Number& n) {
  if (n.is_zero()) return std::string(1, static_cast<char>(kZeroClass));
  std::string out;
  out.reserve(n.digits().size() + 3);
  const int biased = n.exponent() + kExponentBias;
  if (!n.negative()) {
    out += static_cast<char>(kPositiveClass);
    out += static_cast<char>(biased);
    for (const char d : n.digits()) out += static_cast<char>(kPositiveDigitBase + (d - '0'));
    return out;
  }
  out += static_cast<char>(kNegativeClass);
  out += static_cast<char>(kMaxByte - biased);
  for (const char d : n.digits()) out += static_cast<char>(kNegativeDigitBase - (d - '0'));
  out += static_cast<char>(kNegativeTerminator);
  return out;
}

std::string encode_key(const AttributeValue& v) {
  switch (v.type()) {
    case ValueType::kS:
      return v.as_string();
    case ValueType::kB:
      return v.as_binary();
    case ValueType::kN:
      return encode_number(v.as_number());
    case ValueType::kBool:
    case ValueType::kNull:
    case ValueType::kM:
    case ValueType::kL:
    case ValueType::kSS:
    case ValueType::kNS:
    case ValueType::kBS:
      break;
  }
  return {};  // not a key type: callers validate key types first (see the header)
}

std::optional<AttributeValue> decode_key(std::string_view bytes, ValueType type) {
  switch (type) {
    case ValueType::kS:
      return AttributeValue::string(std::string(bytes));
    case ValueType::kB:
      return AttributeValue::binary(std::string(bytes));
    case ValueType::kN:
      return decode_number(bytes);
    case ValueType::kBool:
    case ValueType::kNull:
    case ValueType::kM:
    case ValueType::kL:
    case ValueType::kSS:
    case ValueType::kNS:
    case ValueType::kBS:
      break;
  }
  return std::nullopt;
}

std::optional<std::string> prefix_successor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<uint8_t>(out.back()) == kMaxByte) out.pop_back();
  if (out.empty()) return std::nullopt;
  out.back() = static_cast<char>(static_cast<uint8_t>(out.back()) + 1);
  return out;
}

}  // namespace sls::table

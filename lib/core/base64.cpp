// Strict base64 (core/base64.h).
#include "core/base64.h"

#include <array>
#include <cstdint>

namespace sls {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kBase64Quantum = 4;  // characters per 3 bytes
constexpr int kNotBase64 = -1;

constexpr std::array<int, 256> make_reverse() {
  std::array<int, 256> table{};
  for (int& v : table) v = kNotBase64;
  for (size_t i = 0; i < kAlphabet.size(); ++i) table[static_cast<uint8_t>(kAlphabet[i])] = int(i);
  return table;
}
constexpr std::array<int, 256> kReverse = make_reverse();

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * kBase64Quantum);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 |
                       uint8_t(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
  if (rest == 2) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
  out += kAlphabet[v >> 18 & 63];
  out += kAlphabet[v >> 12 & 63];
  out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
  out += '=';
  return out;
}

Base64Error base64_decode(std::string_view text, std::string& out, char& bad_char) {
  out.clear();
  if (text.size() % kBase64Quantum != 0) return Base64Error::kLength;
  // Only alphabet characters, and '=' only when followed by '=' or the end (DynamoDB's check).
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool pad_ok = c == '=' && (i + 1 == text.size() || text[i + 1] == '=');
    if (kReverse[uint8_t(c)] == kNotBase64 && !pad_ok) {
      bad_char = c;
      return Base64Error::kCharacter;
    }
  }
  uint32_t bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    if (c == '=') break;
    bits = bits << 6 | uint32_t(kReverse[uint8_t(c)]);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out += char(bits >> bit_count & 0xFF);
    }
  }
  // Leftover bits must be zero and the padding exact, else the text is not canonical.
  if (base64_encode(out) != text) return Base64Error::kLastCharacter;
  return Base64Error::kOk;
}

}  // namespace sls

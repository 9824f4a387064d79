// AWS event-stream message encoding (event_stream.h).
#include "runtime/event_stream.h"

#include <array>
#include <cassert>
#include <cstdint>
#include <limits>

#include <zlib.h>

namespace sls::runtime {

namespace {

constexpr size_t kPreludeBytes = 12;  // total length, headers length, prelude CRC
constexpr size_t kCrcBytes = 4;
constexpr uint8_t kStringType = 7;

void put_u32(std::string& out, uint32_t v) {
  const std::array<char, 4> bytes = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                                     static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(bytes.data(), bytes.size());
}

void put_u16(std::string& out, uint16_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xff);
}

uint32_t crc32_of(std::string_view bytes) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size()));
  return static_cast<uint32_t>(crc);
}

}  // namespace

std::string encode_event_message(std::span<const EventHeader> headers, std::string_view payload) {
  assert(payload.size() <= kMaxEventPayloadBytes);
  size_t headers_bytes = 0;
  for (const EventHeader& h : headers) {
    assert(h.name.size() <= std::numeric_limits<uint8_t>::max());
    assert(h.value.size() <= std::numeric_limits<uint16_t>::max());
    headers_bytes += 1 + h.name.size() + 1 + 2 + h.value.size();
  }
  const size_t total = kPreludeBytes + headers_bytes + payload.size() + kCrcBytes;
  std::string out;
  out.reserve(total);
  put_u32(out, static_cast<uint32_t>(total));
  put_u32(out, static_cast<uint32_t>(headers_bytes));
  put_u32(out, crc32_of(out));
  for (const EventHeader& h : headers) {
    out += static_cast<char>(h.name.size());
    out += h.name;
    out += static_cast<char>(kStringType);
    put_u16(out, static_cast<uint16_t>(h.value.size()));
    out += h.value;
  }
  out += payload;
  put_u32(out, crc32_of(out));
  return out;
}

std::string payload_chunk_event(std::string_view bytes) {
  static constexpr std::array<EventHeader, 3> kHeaders = {{
      {":event-type", "PayloadChunk"},
      {":content-type", "application/octet-stream"},
      {":message-type", "event"},
  }};
  return encode_event_message(kHeaders, bytes);
}

std::string invoke_complete_event(std::string_view json) {
  static constexpr std::array<EventHeader, 3> kHeaders = {{
      {":event-type", "InvokeComplete"},
      {":content-type", "application/json"},
      {":message-type", "event"},
  }};
  return encode_event_message(kHeaders, json);
}

}  // namespace sls::runtime

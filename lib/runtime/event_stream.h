// AWS event-stream messages (application/vnd.amazon.eventstream), the body of Lambda's
// InvokeWithResponseStream (spec/lambda-runtime-api.md §8). One message on the wire:
//
//   offset  size  field
//   0       4     total length of the message, uint32 big-endian
//   4       4     length of the headers block, uint32 big-endian
//   8       4     CRC32 of bytes 0..7 (the prelude)
//   12      h     headers, each: name length (1 byte), name, value type (7 = string),
//                 value length (uint16 big-endian), value
//   12+h    p     payload
//   12+h+p  4     CRC32 of every byte before it
//
// CRC32 is the IEEE polynomial as zlib's crc32() computes it. Only string headers are written.
// Thread safety: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace sls::runtime {

struct EventHeader {
  std::string_view name;   // at most 255 bytes
  std::string_view value;  // at most 65,535 bytes
};

// The largest payload one message carries: the AWS SDKs' decoders refuse larger ones
// (botocore's _MAX_PAYLOAD_LENGTH, 16 MiB).
inline constexpr size_t kMaxEventPayloadBytes = size_t{16} * 1024 * 1024;

// One message. Requires: header names and values within the sizes above, and payload at most
// kMaxEventPayloadBytes (both are our own constants, never user input).
std::string encode_event_message(std::span<const EventHeader> headers, std::string_view payload);

// InvokeWithResponseStream's PayloadChunk event carrying `bytes` (application/octet-stream).
// Requires: bytes.size() <= kMaxEventPayloadBytes.
std::string payload_chunk_event(std::string_view bytes);
// Its InvokeComplete event carrying the JSON document `json` (application/json).
std::string invoke_complete_event(std::string_view json);

}  // namespace sls::runtime

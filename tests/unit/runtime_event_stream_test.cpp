// lib/runtime event_stream: AWS event-stream messages byte for byte. The expected bytes were
// built independently (Python's struct and zlib.crc32) and decoded by botocore's
// EventStreamBuffer (botocore 1.29) to the same headers and payloads.
#include <array>
#include <string>

#include <doctest/doctest.h>

#include "runtime/event_stream.h"

using sls::runtime::EventHeader;

using namespace std::string_view_literals;

TEST_CASE("A PayloadChunk event is framed with prelude, string headers and both CRCs") {
  const std::string expected = std::string(
      "\x00\x00\x00\x6f\x00\x00\x00\x5a\xf5\xfe\x87\x1f\x0b\x3a\x65\x76"
      "\x65\x6e\x74\x2d\x74\x79\x70\x65\x07\x00\x0c\x50\x61\x79\x6c\x6f"
      "\x61\x64\x43\x68\x75\x6e\x6b\x0d\x3a\x63\x6f\x6e\x74\x65\x6e\x74"
      "\x2d\x74\x79\x70\x65\x07\x00\x18\x61\x70\x70\x6c\x69\x63\x61\x74"
      "\x69\x6f\x6e\x2f\x6f\x63\x74\x65\x74\x2d\x73\x74\x72\x65\x61\x6d"
      "\x0d\x3a\x6d\x65\x73\x73\x61\x67\x65\x2d\x74\x79\x70\x65\x07\x00"
      "\x05\x65\x76\x65\x6e\x74\x68\x65\x6c\x6c\x6f\x29\xe7\x12\x60"sv);
  CHECK(expected.size() == 111);
  CHECK(sls::runtime::payload_chunk_event("hello") == expected);
}

TEST_CASE("An InvokeComplete event carries its JSON as application/json") {
  const std::string expected = std::string(
      "\x00\x00\x00\x66\x00\x00\x00\x54\x1f\x56\xc8\x69\x0b\x3a\x65\x76"
      "\x65\x6e\x74\x2d\x74\x79\x70\x65\x07\x00\x0e\x49\x6e\x76\x6f\x6b"
      "\x65\x43\x6f\x6d\x70\x6c\x65\x74\x65\x0d\x3a\x63\x6f\x6e\x74\x65"
      "\x6e\x74\x2d\x74\x79\x70\x65\x07\x00\x10\x61\x70\x70\x6c\x69\x63"
      "\x61\x74\x69\x6f\x6e\x2f\x6a\x73\x6f\x6e\x0d\x3a\x6d\x65\x73\x73"
      "\x61\x67\x65\x2d\x74\x79\x70\x65\x07\x00\x05\x65\x76\x65\x6e\x74"
      "\x7b\x7d\x70\x06\xd4\x67"sv);
  CHECK(expected.size() == 102);
  CHECK(sls::runtime::invoke_complete_event("{}") == expected);
}

TEST_CASE("A message with no headers and no payload is the prelude and the message CRC") {
  const std::string expected("\x00\x00\x00\x10\x00\x00\x00\x00\x05\xc2\x48\xeb\x7d\x98\xc8\xff",
                             16);
  CHECK(sls::runtime::encode_event_message({}, "") == expected);
}

TEST_CASE("Lengths are big-endian and cover binary payloads with NUL bytes") {
  const std::string payload(300, '\0');
  const std::array<EventHeader, 1> headers = {{{"k", "v"}}};
  const std::string m = sls::runtime::encode_event_message(headers, payload);
  const size_t header_bytes = 1 + 1 + 1 + 2 + 1;
  REQUIRE(m.size() == 12 + header_bytes + 300 + 4);
  CHECK(m.substr(0, 8) == std::string("\x00\x00\x01\x42\x00\x00\x00\x06", 8));
  CHECK(m.substr(12, header_bytes) == std::string("\x01k\x07\x00\x01v", header_bytes));
  CHECK(m.substr(12 + header_bytes, 300) == payload);
}

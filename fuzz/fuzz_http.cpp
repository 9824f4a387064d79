// Fuzzes the HTTP/1.1 request parser lib/http's server runs (http/request_parser.h) with the
// bytes a client may send. The first byte sets the options: bit 0 streams the body to a sink once
// the header is read (as a BodyRouter does), bit 1 sets a 64-byte body limit, bits 2-4 feed the
// input in pieces of 1 to 8 bytes (bits 2-4 all set: whole), as reads from a socket would.
// Any input must parse or fail with an error code, never crash, and a parsed body (buffered or
// streamed) never passes the limit.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/request_parser.h"

namespace {

namespace net = boost::asio;
using sls::http::detail::RequestParser;

constexpr size_t kSmallBodyLimit = 64;
constexpr size_t kBodyLimit = 1 << 20;
constexpr std::uint32_t kHeaderLimit = 8 * 1024;

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t flags = data[0];
  const std::string_view wire(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool stream = (flags & 1) != 0;
  const size_t limit = (flags & 2) != 0 ? kSmallBodyLimit : kBodyLimit;
  const size_t bits = (flags >> 2) & 7;
  const size_t step = bits == 7 ? wire.size() + 1 : bits + 1;

  RequestParser parser;
  parser.body_limit(limit);
  parser.header_limit(kHeaderLimit);
  std::string streamed;
  bool routed = false;
  std::string pending;  // received, not yet consumed by the parser
  size_t at = 0;
  boost::beast::error_code ec;
  while (!parser.is_done() && !ec) {
    if (at < wire.size()) {
      const size_t n = std::min(step, wire.size() - at);
      pending.append(wire.substr(at, n));
      at += n;
    } else {
      // The connection ends; Beast asks for an end only after some bytes (a read loop that got
      // none has nothing to finish).
      if (parser.got_some()) parser.put_eof(ec);
      break;
    }
    // The parser stops after each structured element (header, chunk header, chunk body): call
    // it again while it consumes, as the server's read loop does.
    for (;;) {
      const size_t used = parser.put(net::buffer(pending), ec);
      pending.erase(0, used);
      if (ec == boost::beast::http::error::need_more) {
        ec = {};
        break;
      }
      if (ec) break;
      if (stream && !routed && parser.is_header_done()) {
        routed = true;
        parser.stream_body_to([&streamed](std::string_view piece) {
          streamed.append(piece);
          return sls::http::BodyWait();
        });
      }
      if (parser.is_done() || used == 0) break;
    }
  }
  if (parser.is_done() && !ec) {
    const sls::http::Request& req = parser.request();
    check(req.body.size() <= limit);
    check(streamed.size() <= limit);
    if (req.body_streamed) check(req.body.empty());
  }
  return 0;
}

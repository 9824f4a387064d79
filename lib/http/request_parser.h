// The request parser of lib/http's connections (connection.cpp), in a header of its own so the
// HTTP fuzz target (fuzz/fuzz_http.cpp) drives the very code the server runs. Includes Beast:
// only for lib/http's .cpp files and the fuzzer, never for a public header.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

#include "core/log.h"
#include "http/asio_detail.h"
#include "http/http.h"

namespace sls::http::detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// Parses one request into an http::Request with no intermediate beast::http::fields. Fields
// after the header are a chunked body's trailers. With a sink, body bytes go there as they are
// parsed instead of into Request::body, and a sink that asks to pause leaves its BodyWait here
// for the connection to take once the read in progress is parsed.
class RequestParser final : public bhttp::basic_parser<true> {
 public:
  Request& request() { return req_; }
  void stream_body_to(BodySink sink) {
    sink_ = std::move(sink);
    req_.body_streamed = true;
  }
  // The wait the sink returned last since the previous call (empty when it asked for none).
  BodyWait take_wait() { return std::exchange(wait_, nullptr); }

 private:
  void on_request_impl(bhttp::verb /*method*/, beast::string_view method, beast::string_view target,
                       int version, beast::error_code& /*ec*/) override {
    req_.method.assign(method.data(), method.size());
    req_.target.assign(target.data(), target.size());
    req_.version = version;
  }
  void on_response_impl(int /*code*/, beast::string_view /*reason*/, int /*version*/,
                        beast::error_code& /*ec*/) override {}
  void on_field_impl(bhttp::field /*name*/, beast::string_view name, beast::string_view value,
                     beast::error_code& /*ec*/) override {
    (header_done_ ? req_.trailers : req_.headers)
        .add(std::string(name.data(), name.size()), std::string(value.data(), value.size()));
  }
  void on_header_impl(beast::error_code& /*ec*/) override { header_done_ = true; }
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         beast::error_code& /*ec*/) override {
    // The parser has already refused a length over the body limit.
    if (length && !req_.body_streamed) req_.body.reserve(static_cast<size_t>(*length));
  }
  size_t on_body_impl(beast::string_view body, beast::error_code& /*ec*/) override {
    take(body);
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t /*size*/, beast::string_view /*extensions*/,
                            beast::error_code& /*ec*/) override {}
  size_t on_chunk_body_impl(std::uint64_t /*remain*/, beast::string_view body,
                            beast::error_code& /*ec*/) override {
    take(body);
    return body.size();
  }
  void on_finish_impl(beast::error_code& /*ec*/) override {}

  void take(beast::string_view body) {
    if (!req_.body_streamed) {
      req_.body.append(body.data(), body.size());
      return;
    }
    if (!sink_ || body.empty()) return;
    try {
      if (BodyWait wait = sink_(std::string_view(body.data(), body.size()))) {
        wait_ = std::move(wait);
      }
    } catch (const std::exception& e) {
      sls::log::error("internal error in an HTTP body sink: {}", e.what());
      sink_ = nullptr;  // the rest of the body is dropped
      wait_ = nullptr;
    }
  }

  Request req_;
  BodySink sink_;
  BodyWait wait_;  // see take_wait()
  bool header_done_ = false;
};

}  // namespace sls::http::detail

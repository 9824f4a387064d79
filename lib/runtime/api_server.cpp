// The Runtime API's HTTP surface and state machine (spec/lambda-runtime-api.md §2).
#include "runtime/api_server.h"

#include <array>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "core/limits.h"
#include "runtime/messages.h"

namespace sls::runtime {

namespace {

constexpr std::string_view kPrefix = "/2018-06-01/runtime";
constexpr std::string_view kNextPath = "/invocation/next";
constexpr std::string_view kInvocationPath = "/invocation/";
constexpr std::string_view kInitErrorPath = "/init/error";
constexpr std::string_view kErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
constexpr std::string_view kErrorBodyTrailer = "Lambda-Runtime-Function-Error-Body";
constexpr std::string_view kResponseModeHeader = "Lambda-Runtime-Function-Response-Mode";
constexpr std::string_view kStreaming = "streaming";
// A `next` waits as long as the environment has no work (§1), so the connection has no read
// deadline worth the name; a day stands in for "never".
constexpr auto kIoTimeout = std::chrono::hours(24);
// The process behind a stopped server is dead or being killed: nothing in flight is worth
// waiting for (a connection would otherwise linger until the dying process's socket closes).
constexpr auto kStopGrace = std::chrono::milliseconds(0);
// Streamed responses may reach 200 MB (limits.md §4); buffered ones above 6,291,556 bytes get
// the Runtime API's own 413, so the server's limit must sit above both.
constexpr size_t kBodyLimitBytes =
    static_cast<size_t>(limits::kInvokeStreamResponseBytes.value) + 1024 * 1024;

http::Response json_response(int status, std::string_view body) {
  http::Response r;
  r.status = status;
  r.headers.add("Content-Type", "application/json");
  r.body = body;
  return r;
}

http::Response transition_error(std::string_view from, std::string_view to) {
  return json_response(403, fmt::format("{}{}{}{}{}", msg::kTransitionPrefix, from,
                                        msg::kTransitionMiddle, to, msg::kTransitionSuffix));
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

// The id and the last segment ("response", "error") of POST /invocation/{id}/{what}, taken from
// a path after kPrefix; nullopt for other paths.
std::optional<std::pair<std::string_view, std::string_view>> invocation_post(
    std::string_view path) {
  if (!path.starts_with(kInvocationPath)) return std::nullopt;
  const std::string_view rest = path.substr(kInvocationPath.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  return std::pair{rest.substr(0, slash), rest.substr(slash + 1)};
}

// A trailer of a streamed response, or the same field in the header (a client that knows its
// error before it starts may send it there).
const std::string* trailer_field(const http::Request& req, std::string_view name) {
  const std::string* v = req.trailers.find(name);
  return v != nullptr ? v : req.headers.find(name);
}

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

std::string base64_decode(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = b64_value(c);
    if (v < 0) {
      if (c == '=') break;
      continue;  // whitespace
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

ApiServer::ApiServer(http::EventLoop& loop, uint64_t generation, Listener& listener)
    : ApiServer(loop, generation, listener, http::ListeningSocket::loopback()) {}

ApiServer::ApiServer(http::EventLoop& loop, uint64_t generation, Listener& listener,
                     http::ListeningSocket socket)
    : generation_(generation), listener_(listener) {
  http::ServerOptions options;
  options.io_timeout = kIoTimeout;
  options.stop_grace = kStopGrace;
  options.body_limit_bytes = kBodyLimitBytes;
  options.body_router = [this](const http::Request& head) { return route_body(head); };
  server_ = std::make_unique<http::Server>(
      loop, std::move(socket),
      [this](http::Request req, http::Responder respond) {
        handle(std::move(req), std::move(respond));
      },
      options);
}

ApiServer::~ApiServer() { stop(); }

uint16_t ApiServer::port() const { return server_->port(); }

void ApiServer::stop() {
  http::Responder dropped;
  {
    std::lock_guard lock(mu_);
    dropped = std::move(parked_);
  }
  if (dropped) dropped(json_response(500, msg::kInternalServerError));
  server_->stop();
}

std::string_view ApiServer::state_name(State s) {
  switch (s) {
    case State::kStarted:
      return msg::kStateStarted;
    case State::kReady:
      return msg::kStateReady;
    case State::kRunning:
      return msg::kStateRunning;
    case State::kResponseSent:
      return msg::kStateResponseSent;
    case State::kInitError:
      return msg::kStateInitError;
  }
  return msg::kStateStarted;
}

bool ApiServer::waiting() const {
  std::lock_guard lock(mu_);
  return state_ == State::kReady && parked_;
}

bool ApiServer::deliver(Delivery d) {
  http::Responder respond;
  {
    std::lock_guard lock(mu_);
    if (state_ != State::kReady || !parked_) return false;
    respond = std::move(parked_);
    state_ = State::kRunning;
    current_id_ = d.request_id;
  }
  http::Response r;
  r.status = 200;
  r.headers.add("Lambda-Runtime-Aws-Request-Id", d.request_id);
  r.headers.add("Lambda-Runtime-Deadline-Ms", std::to_string(d.deadline_epoch_ms));
  r.headers.add("Lambda-Runtime-Invoked-Function-Arn", d.function_arn);
  if (!d.trace_id.empty()) r.headers.add("Lambda-Runtime-Trace-Id", d.trace_id);
  if (!d.client_context.empty()) r.headers.add("Lambda-Runtime-Client-Context", d.client_context);
  if (!d.cognito_identity.empty()) {
    r.headers.add("Lambda-Runtime-Cognito-Identity", d.cognito_identity);
  }
  if (!d.tenant_id.empty()) r.headers.add("Lambda-Runtime-Aws-Tenant-Id", d.tenant_id);
  r.headers.add("Content-Type", d.content_type.empty() ? "application/json" : d.content_type);
  r.body = std::move(d.payload);
  respond(std::move(r));
  return true;
}

void ApiServer::handle(http::Request req, http::Responder respond) {
  std::string_view path = path_of(req.target);
  if (!path.starts_with(kPrefix)) return respond(json_response(404, msg::kNotFound));
  path.remove_prefix(kPrefix.size());
  if (req.method == "GET" && path == kNextPath) {
    bool parked = false;
    http::Response r = on_next(respond, parked);
    if (!parked) respond(std::move(r));
    return;
  }
  if (req.method == "POST" && path == kInitErrorPath) return respond(on_init_error(req));
  if (req.body_streamed) return respond(on_stream_end(req));
  if (req.method == "POST") {
    if (const auto post = invocation_post(path)) {
      const auto [id, what] = *post;
      if (what == "response") return respond(on_post(req, id, false));
      if (what == "error") return respond(on_post(req, id, true));
    }
  }
  // /runtime/restore/* (SnapStart only), extensions, telemetry, logs: not served (§2).
  respond(json_response(404, msg::kNotFound));
}

http::Response ApiServer::on_next(http::Responder& respond, bool& parked) {
  bool first = false;
  {
    std::lock_guard lock(mu_);
    switch (state_) {
      case State::kStarted:
      case State::kResponseSent:
        first = state_ == State::kStarted;
        break;
      case State::kReady:
        // A second `next` (a client that retried on a new connection) replaces the first; no news.
        parked_ = std::move(respond);
        parked = true;
        return {};
      case State::kRunning:
      case State::kInitError:
        return transition_error(state_name(state_), msg::kStateReady);
    }
    state_ = State::kReady;
    parked_ = std::move(respond);
    parked = true;
  }
  listener_.on_next(generation_, first);
  return {};
}

http::Response ApiServer::on_post(const http::Request& req, std::string_view id, bool is_error) {
  const std::string_view to = is_error ? msg::kStateErrorResponse : msg::kStateResponse;
  const std::string* mode = req.headers.find(kResponseModeHeader);
  const bool streaming = !is_error && mode != nullptr;
  if (streaming && *mode != kStreaming) return json_response(400, msg::kInvalidResponseMode);
  enum class News : uint8_t { kResponse, kError, kTooLarge } news = News::kResponse;
  {
    std::lock_guard lock(mu_);
    if (state_ == State::kStarted || state_ == State::kInitError) {
      return transition_error(state_name(state_), to);
    }
    if (id != current_id_ || state_ == State::kReady) {
      return json_response(400, msg::kInvalidRequestId);
    }
    if (state_ == State::kResponseSent) return transition_error(state_name(state_), to);
    state_ = State::kResponseSent;
    const auto limit = static_cast<size_t>(limits::kInvokeSyncResponseBytes.value);
    if (is_error || (streaming && trailer_field(req, kErrorTypeHeader) != nullptr)) {
      news = News::kError;
    }
    if (!is_error && !streaming && req.body.size() > limit) news = News::kTooLarge;
  }
  switch (news) {
    case News::kResponse: {
      std::string type(req.headers.get("Content-Type"));
      listener_.on_response(generation_, req.body, type.empty() ? "application/json" : type);
      return json_response(202, msg::kAccepted);
    }
    case News::kError: {
      std::string body = req.body;
      const std::string* type = trailer_field(req, kErrorTypeHeader);
      if (streaming) {
        const std::string* b64 = trailer_field(req, kErrorBodyTrailer);
        body = base64_decode(b64 ? *b64 : "");
      }
      listener_.on_function_error(generation_, std::move(body), type ? *type : std::string());
      return json_response(202, msg::kAccepted);
    }
    case News::kTooLarge: {
      const std::string doc = fmt::format(R"({{"errorType":"{}","errorMessage":"{}"}})",
                                          msg::kResponseTooLarge, msg::kResponseTooLargeMessage);
      listener_.on_function_error(generation_, doc, std::string(msg::kResponseTooLarge));
      return json_response(413, msg::kPayloadTooLarge);
    }
  }
  return json_response(500, msg::kInternalServerError);
}

// A streamed response whose invocation may take it (§2.3) is accepted as soon as its header is
// read, and its body goes to the listener piece by piece. Anything else (another mode, a wrong id
// or state) is buffered and answered by on_post() as before.
http::BodySink ApiServer::route_body(const http::Request& head) {
  if (head.method != "POST") return {};
  std::string_view path = path_of(head.target);
  if (!path.starts_with(kPrefix)) return {};
  path.remove_prefix(kPrefix.size());
  const auto post = invocation_post(path);
  if (!post || post->second != "response") return {};
  const std::string* mode = head.headers.find(kResponseModeHeader);
  if (mode == nullptr || *mode != kStreaming) return {};
  {
    std::lock_guard lock(mu_);
    if (state_ != State::kRunning || post->first != current_id_) return {};
    state_ = State::kResponseSent;
    stream_bytes_ = 0;
    stream_too_large_ = false;
  }
  const std::string_view type = head.headers.get("Content-Type");
  listener_.on_response_start(generation_,
                              std::string(type.empty() ? "application/octet-stream" : type));
  return [this](std::string_view chunk) { return take_chunk(chunk); };
}

// Past 200 MB the rest is read and dropped, at full speed.
http::BodyWait ApiServer::take_chunk(std::string_view chunk) {
  {
    std::lock_guard lock(mu_);
    if (stream_too_large_) return {};
    const auto limit = static_cast<size_t>(limits::kInvokeStreamResponseBytes.value);
    stream_bytes_ += chunk.size();
    if (stream_bytes_ > limit) {
      stream_too_large_ = true;
      return {};
    }
  }
  return listener_.on_response_chunk(generation_, chunk);
}

// The end of a streamed response: error trailers (§2.3) or the 200 MB limit make it a function
// error; otherwise it is complete.
http::Response ApiServer::on_stream_end(const http::Request& req) {
  bool too_large = false;
  {
    std::lock_guard lock(mu_);
    too_large = stream_too_large_;
  }
  if (const std::string* type = trailer_field(req, kErrorTypeHeader)) {
    const std::string* body = trailer_field(req, kErrorBodyTrailer);
    listener_.on_function_error(generation_, base64_decode(body ? *body : ""), *type);
    return json_response(202, msg::kAccepted);
  }
  if (too_large) {
    const std::string doc = fmt::format(R"({{"errorType":"{}","errorMessage":"{}"}})",
                                        msg::kResponseTooLarge, msg::kStreamTooLargeMessage);
    listener_.on_function_error(generation_, doc, std::string(msg::kResponseTooLarge));
    return json_response(413, msg::kStreamPayloadTooLarge);
  }
  listener_.on_response_end(generation_);
  return json_response(202, msg::kAccepted);
}

http::Response ApiServer::on_init_error(const http::Request& req) {
  {
    std::lock_guard lock(mu_);
    if (state_ != State::kStarted)
      return transition_error(state_name(state_), msg::kStateInitError);
    state_ = State::kInitError;
  }
  listener_.on_init_error(generation_, req.body, std::string(req.headers.get(kErrorTypeHeader)));
  return json_response(202, msg::kAccepted);
}

}  // namespace sls::runtime

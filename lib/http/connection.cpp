// One HTTP/1.1 connection: read a request (header, optional 100 Continue, body), hand it to the
// handler, write the answer, repeat while keep-alive holds. Requests are parsed straight into
// http::Request by a Beast basic_parser, and answers are written as two buffers (head, body)
// without copying the body.
#include <array>
#include <charconv>
#include <exception>

#include "core/log.h"
#include "http/asio_detail.h"

namespace sls::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

// After a `Connection: close` answer we stop sending and read (and drop) what the client still
// sends for this long before closing, so a client still uploading a refused body sees the answer
// instead of a reset (RFC 9112 9.6).
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr size_t kLingerChunkBytes = 16 * 1024;

constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// Fields the server writes itself (framing), whatever the handler set.
bool framing_field(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Connection") ||
         iequals(name, "Transfer-Encoding");
}

bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

// Parses one request into an http::Request with no intermediate beast::http::fields.
class RequestParser final : public bhttp::basic_parser<true> {
 public:
  Request& request() { return req_; }

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
    req_.headers.add(std::string(name.data(), name.size()),
                     std::string(value.data(), value.size()));
  }
  void on_header_impl(beast::error_code& /*ec*/) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         beast::error_code& /*ec*/) override {
    // The parser has already refused a length over the body limit.
    if (length) req_.body.reserve(static_cast<size_t>(*length));
  }
  size_t on_body_impl(beast::string_view body, beast::error_code& /*ec*/) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t /*size*/, beast::string_view /*extensions*/,
                            beast::error_code& /*ec*/) override {}
  size_t on_chunk_body_impl(std::uint64_t /*remain*/, beast::string_view body,
                            beast::error_code& /*ec*/) override {
    req_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(beast::error_code& /*ec*/) override {}

  Request req_;
};

}  // namespace

namespace detail {

// Thread safety: every member below is touched only on strand_ (all handlers are bound to it,
// respond() and finish() post to it), except state_'s own guarded fields.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Strand strand, std::shared_ptr<ServerState> state)
      : stream_(std::move(socket)), strand_(std::move(strand)), state_(std::move(state)) {
    boost::system::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = peer.address().to_string();
  }

  ~Session() {
    std::lock_guard lock(state_->mu);
    state_->sessions.erase(this);
    state_->cv.notify_all();
  }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    {
      std::lock_guard lock(state_->mu);
      if (state_->stopping) return;  // the socket closes with this session
      state_->sessions.emplace(this, weak_from_this());
    }
    net::dispatch(strand_, [self = shared_from_this()] { self->do_read(); });
  }

  void respond(Response response) {
    if (strand_.running_in_this_thread()) {
      write(std::move(response));
      return;
    }
    net::post(strand_, [self = shared_from_this(), r = std::move(response)]() mutable {
      self->write(std::move(r));
    });
  }

  // Closes the connection if its read or write has passed its deadline (the server's sweep).
  void sweep(std::chrono::steady_clock::time_point now) {
    net::post(strand_, [self = shared_from_this(), now] {
      if (self->phase_ != Phase::kHandling && now >= self->deadline_) self->close();
    });
  }

  void finish(bool force) {
    net::post(strand_, [self = shared_from_this(), force] {
      self->finishing_ = true;
      if (force || self->phase_ == Phase::kReading || self->phase_ == Phase::kContinue) {
        self->close();
      }
    });
  }

 private:
  enum class Phase : uint8_t { kReading, kContinue, kHandling, kWriting, kLingering, kClosed };

  void do_read() {
    if (phase_ == Phase::kClosed) return;
    if (finishing_) return close();
    phase_ = Phase::kReading;
    parser_.emplace();
    parser_->body_limit(state_->options.body_limit_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit_bytes));
    arm(state_->options.io_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return on_request();
    const Request& req = parser_->request();
    if (req.version >= 11 && iequals(req.headers.get("Expect"), "100-continue")) {
      phase_ = Phase::kContinue;
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       beast::bind_front_handler(&Session::on_continue, shared_from_this()));
      return;
    }
    read_body();
  }

  void on_continue(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return close();
    read_body();
  }

  void read_body() {
    if (phase_ == Phase::kClosed) return;
    arm(state_->options.io_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return on_read_error(ec);
    on_request();
  }

  // A read that did not produce a request: the client left or was too slow (close), or sent
  // something we refuse (answer, then close).
  void on_read_error(beast::error_code ec) {
    if (phase_ == Phase::kClosed) return;
    if (ec == bhttp::error::body_limit) return refuse(413);
    if (ec == bhttp::error::header_limit) return refuse(431);
    const bool parse_error =
        ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
    if (parse_error && phase_ == Phase::kReading) return refuse(400);
    close();
  }

  void refuse(int status) {
    keep_alive_ = false;
    head_only_ = false;
    phase_ = Phase::kHandling;
    write(Response{.status = status, .headers = {}, .body = {}});
  }

  void on_request() {
    phase_ = Phase::kHandling;
    keep_alive_ = parser_->keep_alive();
    Request req = std::move(parser_->request());
    head_only_ = req.method == "HEAD";
    req.remote_address = remote_;
    // Dekker-style handshake with Server::stop(): either stop() sees this call counted, or this
    // call sees `stopping` and does not start.
    state_->in_handler.fetch_add(1);
    if (state_->stopping.load()) {
      end_handler_call();
      return close();
    }
    try {
      state_->handler(std::move(req), Responder(shared_from_this()));
    } catch (const std::exception& e) {
      // The Responder was destroyed while unwinding and answered 500.
      sls::log::error("internal error in an HTTP handler: {}", e.what());
    } catch (...) {
      sls::log::error("internal error in an HTTP handler");
    }
    end_handler_call();
  }

  void end_handler_call() {
    if (state_->in_handler.fetch_sub(1) == 1 && state_->stopping.load()) {
      std::lock_guard lock(state_->mu);
      state_->cv.notify_all();
    }
  }

  void write(Response response) {
    if (phase_ != Phase::kHandling) return;  // closed (or already answered) meanwhile
    response_ = std::move(response);
    if (finishing_) keep_alive_ = false;
    serialize_head();
    phase_ = Phase::kWriting;
    arm(state_->options.io_timeout);
    const bool body = !head_only_ && status_has_body(response_.status);
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(head_), body ? net::buffer(response_.body) : net::const_buffer()};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void serialize_head() {
    const int status = response_.status;
    head_.clear();
    head_ += "HTTP/1.1 ";
    std::array<char, 8> digits{};
    const auto [end, err] = std::to_chars(digits.data(), digits.data() + digits.size(), status);
    head_.append(digits.data(), err == std::errc() ? end : digits.data());
    head_ += ' ';
    head_ += reason_phrase(status);
    head_ += "\r\n";
    bool has_date = false;
    for (const auto& [name, value] : response_.headers) {
      if (framing_field(name) || has_line_break(name) || has_line_break(value)) continue;
      has_date = has_date || iequals(name, "Date");
      head_ += name;
      head_ += ": ";
      head_ += value;
      head_ += "\r\n";
    }
    if (!has_date) {
      head_ += "Date: ";
      head_ += http_date_now();
      head_ += "\r\n";
    }
    if (status_has_body(status)) {
      head_ += "Content-Length: ";
      head_ += std::to_string(response_.body.size());
      head_ += "\r\n";
    }
    head_ += keep_alive_ ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  }

  void on_write(beast::error_code ec, size_t /*bytes*/) {
    response_.body.clear();
    if (ec) return close();
    if (!keep_alive_) return linger();
    do_read();
  }

  void linger() {
    phase_ = Phase::kLingering;
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    arm(kLingerTimeout);
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(kLingerChunkBytes),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              if (ec || self->phase_ == Phase::kClosed) return self->close();
                              self->buffer_.commit(n);
                              self->drain();
                            });
  }

  // The deadline of the read or write starting now. Not a timer per operation (two timerfd
  // updates per request): the server sweeps its connections every few hundred milliseconds.
  void arm(std::chrono::milliseconds timeout) {
    deadline_ = std::chrono::steady_clock::now() + timeout;
  }

  void close() {
    if (phase_ == Phase::kClosed) return;
    phase_ = Phase::kClosed;
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Strand strand_;
  std::shared_ptr<ServerState> state_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::string head_;   // status line and fields of the answer being written
  Response response_;  // the answer being written (its body is sent from here)
  Phase phase_ = Phase::kReading;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  bool keep_alive_ = true;
  bool head_only_ = false;  // a HEAD request: fields only
  bool finishing_ = false;  // the server is stopping: close after this answer
};

void start_session(tcp::socket socket, Strand strand, std::shared_ptr<ServerState> state) {
  std::make_shared<Session>(std::move(socket), std::move(strand), std::move(state))->start();
}

void finish_session(const std::shared_ptr<Session>& session, bool force) { session->finish(force); }

void sweep_session(const std::shared_ptr<Session>& session,
                   std::chrono::steady_clock::time_point now) {
  session->sweep(now);
}

}  // namespace detail

Responder::Responder(std::shared_ptr<detail::Session> session) : session_(std::move(session)) {}

Responder& Responder::operator=(Responder&& other) noexcept {
  if (this != &other) {
    if (session_) (*this)(Response{.status = 500, .headers = {}, .body = {}});
    session_ = std::move(other.session_);
  }
  return *this;
}

Responder::~Responder() {
  if (!session_) return;
  try {
    (*this)(Response{.status = 500, .headers = {}, .body = {}});
  } catch (...) {
    // Only allocation can fail here; the connection then closes at its deadline.
  }
}

void Responder::operator()(Response response) {
  if (!session_) return;
  const std::shared_ptr<detail::Session> session = std::move(session_);
  session_.reset();
  session->respond(std::move(response));
}

Handler sync_handler(SyncHandler handler) {
  return [h = std::move(handler)](Request request, Responder respond) { respond(h(request)); };
}

}  // namespace sls::http

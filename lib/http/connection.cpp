// One HTTP/1.1 connection: read a request (header, optional 100 Continue, body), hand it to the
// handler, write the answer, repeat while keep-alive holds. Requests are parsed straight into
// http::Request by a Beast basic_parser, and answers are written as two buffers (head, body)
// without copying the body. Flow control (http.h): a streamed request body is read one read at a
// time so its sink can pause it, and a streamed answer counts its queued bytes so a producer can
// wait for them to drain.
#include <array>
#include <charconv>
#include <cstdint>
#include <exception>
#include <functional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/log.h"
#include "http/asio_detail.h"
#include "http/request_parser.h"

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

// A read takes at most what the buffer has room for (at least 512 bytes, at most Beast's 64 KB);
// a streamed body gets the 64 KB, or its sink would see pieces of whatever room the header left
// (about 1 KB), each costing a sink call and, for a Lambda stream, an event's framing.
constexpr size_t kStreamedBodyReadBytes = 64 * 1024;

bool has_line_break(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// Fields the server writes itself (framing), whatever the handler set.
bool framing_field(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Connection") ||
         iequals(name, "Transfer-Encoding");
}

bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

// The chunked transfer coding's frame of one piece: size in hex, CRLF, bytes, CRLF.
std::string chunk_frame(std::string_view piece) {
  return fmt::format("{:x}\r\n", piece.size()).append(piece).append("\r\n");
}

constexpr std::string_view kLastChunk = "0\r\n\r\n";

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

  // Starts a streamed answer: its head goes out now, its body through stream_write().
  void stream_start(int status, Headers headers) {
    net::dispatch(strand_, [self = shared_from_this(), status, h = std::move(headers)]() mutable {
      self->begin_stream(status, std::move(h));
    });
  }

  // Counted in queued_ at once, on the caller's thread, so the caller's full() sees it.
  void stream_write(std::string piece) {
    queued_ += piece.size();
    net::post(strand_, [self = shared_from_this(), p = std::move(piece)]() mutable {
      const size_t n = p.size();
      if (self->phase_ != Phase::kStreaming || self->stream_ending_ || !self->stream_body_) {
        return self->unqueue(n);  // dropped
      }
      self->queue_out(self->chunked_ ? chunk_frame(p) : std::move(p), n);
    });
  }

  // Body bytes of the streamed answer written but not yet taken by the socket.
  size_t queued() const { return queued_.load(); }

  // Calls `fn` once the queue is down to half the limit or the connection is gone.
  void when_drained(std::function<void()> fn) {
    net::post(strand_, [self = shared_from_this(), fn = std::move(fn)]() mutable {
      self->drain_waiters_.push_back(std::move(fn));
      self->notify_drained();
    });
  }

  void stream_end() {
    net::post(strand_, [self = shared_from_this()] {
      if (self->phase_ != Phase::kStreaming || self->stream_ending_) return;
      self->stream_ending_ = true;
      if (self->stream_body_ && self->chunked_) return self->queue_out(std::string(kLastChunk));
      if (!self->stream_writing_) self->end_stream();
    });
  }

  // Whether the connection is closed (a streamed answer's later pieces are dropped).
  bool gone() const { return gone_.load(); }

  // Closes the connection if its read or write has passed its deadline (the server's sweep).
  // A streamed answer waiting for its next piece has no deadline: the producer sets the pace.
  // A request body paused by its sink has none either: the consumer sets the pace.
  void sweep(std::chrono::steady_clock::time_point now) {
    net::post(strand_, [self = shared_from_this(), now] {
      const bool waiting = self->phase_ == Phase::kHandling || self->body_paused_ ||
                           (self->phase_ == Phase::kStreaming && !self->stream_writing_);
      if (!waiting && now >= self->deadline_) self->close();
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
  enum class Phase : uint8_t {
    kReading,
    kContinue,
    kHandling,
    kWriting,
    kStreaming,
    kLingering,
    kClosed
  };

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
    route_body();
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

  // Asks the server's BodyRouter where this request's body goes. The router and the sink are
  // the server owner's code, like the handler: counted as handler calls, and never started once
  // the server is stopping, so none runs after Server::stop() returns.
  void route_body() {
    const BodyRouter& router = state_->options.body_router;
    if (!router) return;
    BodySink sink;
    if (!begin_handler_call()) return;
    try {
      sink = router(parser_->request());
    } catch (const std::exception& e) {
      sls::log::error("internal error in an HTTP body router: {}", e.what());
    }
    end_handler_call();
    if (!sink) return;
    buffer_.reserve(kStreamedBodyReadBytes);
    parser_->stream_body_to([this, sink = std::move(sink)](std::string_view piece) -> BodyWait {
      if (!begin_handler_call()) return {};
      BodyWait wait;
      try {
        wait = sink(piece);
      } catch (...) {
        end_handler_call();
        throw;  // RequestParser logs it and drops the rest of the body
      }
      end_handler_call();
      return wait;
    });
  }

  // Counts a call into the server owner's code; false (nothing counted) when the server is
  // stopping. Dekker-style handshake with Server::stop(): either stop() sees this call counted,
  // or this call sees `stopping` and does not start.
  bool begin_handler_call() {
    state_->in_handler.fetch_add(1);
    if (!state_->stopping.load()) return true;
    end_handler_call();
    return false;
  }

  void on_continue(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return close();
    read_body();
  }

  // One read (and its parse) at a time, so that a sink's BodyWait is seen before the next read.
  void read_body() {
    if (phase_ == Phase::kClosed) return;
    arm(state_->options.io_timeout);
    bhttp::async_read_some(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, size_t /*bytes*/) {
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return on_request();  // a last wait is dropped: nothing left to read
    if (BodyWait wait = parser_->take_wait()) return pause_body(std::move(wait));
    read_body();
  }

  // Stops reading the body until the sink's wait calls the resume it is given. The wait is the
  // server owner's code, counted as a handler call like the sink; the resume holds the session.
  void pause_body(BodyWait wait) {
    body_paused_ = true;
    const uint64_t epoch = ++pause_epoch_;
    BodyResume resume = [self = shared_from_this(), epoch] {
      net::post(self->strand_, [self, epoch] { self->resume_body(epoch); });
    };
    if (!begin_handler_call()) return close();
    try {
      wait(std::move(resume));
    } catch (const std::exception& e) {
      sls::log::error("internal error in an HTTP body wait: {}", e.what());
      resume_body(epoch);  // never left paused
    }
    end_handler_call();
  }

  // Only the resume of the current pause counts, and only once.
  void resume_body(uint64_t epoch) {
    if (!body_paused_ || epoch != pause_epoch_ || phase_ == Phase::kClosed) return;
    body_paused_ = false;
    read_body();
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
    version_ = 11;
    head_only_ = false;
    phase_ = Phase::kHandling;
    write(Response{.status = status, .headers = {}, .body = {}});
  }

  void on_request() {
    phase_ = Phase::kHandling;
    keep_alive_ = parser_->keep_alive();
    Request req = std::move(parser_->request());
    head_only_ = req.method == "HEAD";
    version_ = req.version;
    req.remote_address = remote_;
    if (!begin_handler_call()) return close();
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
    serialize_head(Framing::kLength);
    phase_ = Phase::kWriting;
    arm(state_->options.io_timeout);
    const bool body = !head_only_ && status_has_body(response_.status);
    const std::array<net::const_buffer, 2> buffers = {
        net::buffer(head_), body ? net::buffer(response_.body) : net::const_buffer()};
    net::async_write(stream_, buffers,
                     beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  // A streamed answer: the head now, then pieces as they come (queue_out), the last chunk at
  // stream_end(). HTTP/1.0 has no chunked coding: its body goes raw and the connection closes.
  void begin_stream(int status, Headers headers) {
    if (phase_ != Phase::kHandling) {
      gone_ = true;
      return;
    }
    response_ = Response{.status = status, .headers = std::move(headers), .body = {}};
    if (finishing_ || version_ < 11) keep_alive_ = false;
    chunked_ = version_ >= 11;
    stream_body_ = !head_only_ && status_has_body(status);
    stream_ending_ = false;
    const bool has_body = status_has_body(status);
    serialize_head(!has_body ? Framing::kLength : chunked_ ? Framing::kChunked : Framing::kClose);
    phase_ = Phase::kStreaming;
    queue_out(std::move(head_));
    head_.clear();
  }

  // Sends `bytes` (holding `body_bytes` of queued_) after what is already queued; what queues up
  // while a write is in flight goes out in one write after it.
  void queue_out(std::string bytes, size_t body_bytes = 0) {
    out_ += bytes;
    out_body_bytes_ += body_bytes;
    if (!stream_writing_) write_out();
  }

  // `n` body bytes left the queue (written, or dropped); wakes drain waiters when it is low.
  void unqueue(size_t n) {
    queued_ -= n;
    notify_drained();
  }

  void notify_drained() {
    if (drain_waiters_.empty()) return;
    if (!gone_ && queued_.load() > ResponseWriter::kQueueLimitBytes / 2) return;
    std::vector<std::function<void()>> waiters = std::move(drain_waiters_);
    drain_waiters_.clear();
    for (std::function<void()>& fn : waiters) {
      try {
        fn();
      } catch (const std::exception& e) {
        sls::log::error("internal error in a drained callback: {}", e.what());
      }
    }
  }

  void write_out() {
    if (phase_ != Phase::kStreaming) return;
    if (out_.empty()) {
      stream_writing_ = false;
      if (stream_ending_) end_stream();
      return;
    }
    stream_writing_ = true;
    in_flight_.swap(out_);
    out_.clear();
    write_in_flight(0, std::exchange(out_body_bytes_, 0));
  }

  // Writes in_flight_ from `offset` on, re-arming the deadline at each step, so a client that
  // reads slowly but steadily is never cut; its `body_bytes` leave the queue once all is sent.
  void write_in_flight(size_t offset, size_t body_bytes) {
    arm(state_->options.io_timeout);
    stream_.async_write_some(
        net::buffer(in_flight_.data() + offset, in_flight_.size() - offset),
        [self = shared_from_this(), offset, body_bytes](beast::error_code ec, size_t n) {
          if (!ec && offset + n < self->in_flight_.size()) {
            return self->write_in_flight(offset + n, body_bytes);
          }
          self->in_flight_.clear();
          if (ec) self->close();
          self->unqueue(body_bytes);
          if (!ec) self->write_out();
        });
  }

  void end_stream() {
    phase_ = Phase::kWriting;
    on_write({}, 0);
  }

  // How an answer's body is delimited: Content-Length, chunks, or the end of the connection.
  enum class Framing : uint8_t { kLength, kChunked, kClose };

  void serialize_head(Framing framing) {
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
    if (framing == Framing::kChunked) {
      head_ += "Transfer-Encoding: chunked\r\n";
    } else if (framing == Framing::kLength && status_has_body(status)) {
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
    gone_ = true;
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    notify_drained();  // a producer waiting on this client must not wait forever
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
  int version_ = 11;        // of the request being answered
  // A streamed answer (kStreaming): bytes waiting to go (out_) and going (in_flight_).
  std::string out_;
  std::string in_flight_;
  bool stream_writing_ = false;  // a write of in_flight_ is pending
  bool stream_ending_ = false;   // stream_end() was called: end after what is queued
  bool stream_body_ = false;     // the answer has a body (not HEAD, 204, 304)
  bool chunked_ = false;         // its body goes in chunks (HTTP/1.1)
  size_t out_body_bytes_ = 0;    // body bytes of queued_ held in out_
  // Callers of when_drained() waiting for the queue to fall to half ResponseWriter's limit.
  std::vector<std::function<void()>> drain_waiters_;
  std::atomic<size_t> queued_{0};  // body bytes written, not yet taken by the socket; read
                                   // and added to from writers' threads
  std::atomic<bool> gone_{false};  // closed; read from writers' threads
  // A request body paused by its sink (BodyWait): no read is pending until resume_body() with
  // the current epoch (older resumes are stale).
  bool body_paused_ = false;
  uint64_t pause_epoch_ = 0;
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

ResponseWriter Responder::stream(int status, Headers headers) {
  if (!session_) return {};
  std::shared_ptr<detail::Session> session = std::move(session_);
  session_.reset();
  session->stream_start(status, std::move(headers));
  return ResponseWriter(std::move(session));
}

ResponseWriter::ResponseWriter(std::shared_ptr<detail::Session> session)
    : session_(std::move(session)) {}

ResponseWriter& ResponseWriter::operator=(ResponseWriter&& other) noexcept {
  if (this != &other) {
    finish();
    session_ = std::move(other.session_);
  }
  return *this;
}

ResponseWriter::~ResponseWriter() { finish(); }

bool ResponseWriter::write(std::string piece) {
  if (!session_ || session_->gone()) return false;
  if (!piece.empty()) session_->stream_write(std::move(piece));
  return true;
}

size_t ResponseWriter::queued_bytes() const {
  return session_ && !session_->gone() ? session_->queued() : 0;
}

bool ResponseWriter::full() const { return queued_bytes() > kQueueLimitBytes; }

void ResponseWriter::on_drained(std::function<void()> fn) {
  if (queued_bytes() <= kQueueLimitBytes / 2) return fn();  // also: finished, empty or gone
  session_->when_drained(std::move(fn));
}

void ResponseWriter::finish() {
  if (!session_) return;
  const std::shared_ptr<detail::Session> session = std::move(session_);
  session_.reset();
  try {
    session->stream_end();
  } catch (...) {
    // Only allocation can fail here; the connection then closes at its deadline.
  }
}

Handler sync_handler(SyncHandler handler) {
  return [h = std::move(handler)](Request request, Responder respond) { respond(h(request)); };
}

}  // namespace sls::http

// The http room's door: the one HTTP/1.1 server the local services share (table, runtime,
// gateway), on Boost.Beast/Asio behind pimpl so no Boost header leaks past lib/http/.
// A handler gets each request with a Responder it may call at once (synchronous handlers run on
// the connection's strand, with no thread hop) or later from any thread (a Lambda invocation).
// Streaming both ways: a BodyRouter may send a request's body to a sink piece by piece as it
// arrives (the handler is called at its end, trailers included), and Responder::stream() starts
// an answer whose body is written in chunks as it is produced (a streamed Lambda response). The
// two meet with backpressure: a sink feeding a ResponseWriter pauses its body (BodyWait) while
// the writer is full() and resumes it from on_drained(), so a slow reader slows the writer.
// Thread safety: EventLoop and Server are safe to use from any thread; Request, Response and
// Headers are plain values; a Responder may be moved to and called from any one thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sls::http {

// Header fields in arrival order; lookups ignore ASCII case (RFC 9110 5.1). A linear scan: a
// request carries about ten fields, where a map's allocations would cost more than the search.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  // The first field named `name`, or nullptr.
  const std::string* find(std::string_view name) const;
  // The first field's value, or "" when there is none.
  std::string_view get(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }

  void add(std::string name, std::string value);
  // Replaces every field named `name` by one (or adds it).
  void set(std::string_view name, std::string value);
  void erase(std::string_view name);

  size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  void reserve(size_t n) { fields_.reserve(n); }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  bool operator==(const Headers&) const = default;

 private:
  std::vector<Field> fields_;
};

// ASCII case-insensitive equality (header names, tokens such as "100-continue").
bool iequals(std::string_view a, std::string_view b);

struct Request {
  std::string method;  // as sent: "GET", "POST", ...
  std::string target;  // path and query as sent: "/", "/2015-03-31/functions?x=1"
  int version = 11;    // 10 for HTTP/1.0, 11 for HTTP/1.1
  Headers headers;
  std::string body;  // de-chunked; "" when the body went to a BodySink
  // Fields after a chunked body (RFC 9112 7.1.2), such as the Runtime API's error trailers.
  Headers trailers;
  bool body_streamed = false;  // the body went to the BodySink its BodyRouter chose
  std::string remote_address;  // the peer's IP address
};

// Flow control of a streamed request body (backpressure). A sink that cannot take more for now
// returns a BodyWait instead of blocking: the connection stops reading the body (the client's
// writes then block in its own socket), calls the wait once, on the connection's strand with no
// lock held, and reads on when the BodyResume it was given is called. No io deadline runs while
// a body is paused. A sink that returns a wait may still get the pieces of what was already read
// (at most one read, 64 KB): none is lost or reordered. A wait returned for the body's last piece
// is dropped unused (there is nothing left to read).
// Resumes a paused body. Safe from any thread; only the first call counts, and a call after the
// connection closed does nothing. It keeps the connection alive until called or destroyed.
using BodyResume = std::function<void()>;
// Arranges for `resume` to be called once the sink can take more (ResponseWriter::on_drained()
// is one way), and must call it eventually: a body left paused holds its client until the
// server stops.
using BodyWait = std::function<void(BodyResume resume)>;
// Receives a request's body piece by piece as it arrives (de-chunked), on the connection's
// strand, in order. Returns an empty BodyWait to go on, or one to pause the body (see above). It
// must not block; an exception it throws is logged and the rest of the body is dropped.
using BodySink = std::function<BodyWait(std::string_view piece)>;
// Called once a request's header is read (fields only, no body yet), on the connection's strand:
// returns the sink that the body streams to, or an empty function to buffer it into
// Request::body. The body limit applies either way.
using BodyRouter = std::function<BodySink(const Request& head)>;

struct Response {
  int status = 200;
  // Content-Length and Connection are the server's: values set here for them are replaced.
  Headers headers;
  std::string body;
};

// The reason phrase of a status code ("Not Found"), "" for codes without one.
std::string_view reason_phrase(int status);

// An IMF-fixdate for a Date header, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 5.6.7).
std::string http_date(std::chrono::system_clock::time_point when);
// http_date(now), formatted at most once per second per thread.
std::string http_date_now();

namespace detail {
class Session;  // one connection; defined in connection.cpp
}

// The body of an answer started by Responder::stream(), written piece by piece with the chunked
// transfer coding (HTTP/1.0 clients get the bytes raw and the connection closes at the end).
// Pieces go out in call order as soon as the socket takes them; a write in flight has the
// server's io deadline, while no deadline runs when nothing is being written, so a long stream
// is never cut while it makes progress. When the client goes away the rest is dropped.
// Flow control: write() never blocks and queues whatever it is given; a producer that can wait
// (a streamed request body, through BodyWait) checks full() after writing and, when it is,
// waits for on_drained() before producing more. That keeps a slow client's queue near
// kQueueLimitBytes instead of growing with the producer.
// Thread safety: use from one thread at a time (it may move between threads).
class ResponseWriter {
 public:
  // The queue past which full() says a producer should wait: enough to keep a fast client's
  // socket busy while a paused producer wakes up, little enough to hold for every open stream.
  // on_drained() calls back once it is down to half, so a producer is not woken for each write.
  static constexpr size_t kQueueLimitBytes = size_t{1024} * 1024;

  ResponseWriter() = default;
  // shared_ptr: the connection must outlive every pending write (Asio lifetime).
  explicit ResponseWriter(std::shared_ptr<detail::Session> session);
  ResponseWriter(ResponseWriter&&) noexcept = default;
  ResponseWriter& operator=(ResponseWriter&& other) noexcept;
  ResponseWriter(const ResponseWriter&) = delete;
  ResponseWriter& operator=(const ResponseWriter&) = delete;
  ~ResponseWriter();  // finish()

  // Queues one piece of the body (an empty one sends nothing). Returns false when the
  // connection is known to be gone: the piece is dropped, as every later one will be.
  bool write(std::string piece);
  // Ends the body; the connection then goes on with its next request. Later calls do nothing.
  void finish();
  // Body bytes given to write() that the socket has not taken yet (the chunk framing is not
  // counted); 0 when finished, or once the connection is gone.
  size_t queued_bytes() const;
  // More than kQueueLimitBytes queued, and the client still there.
  bool full() const;
  // Calls `fn` once, when no more than kQueueLimitBytes / 2 is queued or the connection is gone:
  // at once on this thread when that already holds (or the writer is finished or empty),
  // otherwise later from a loop thread. Never dropped uncalled, so a producer waiting on it is
  // always woken, also by a client that leaves. `fn` must not block.
  void on_drained(std::function<void()> fn);
  // True until finished (or moved from).
  explicit operator bool() const { return session_ != nullptr; }

 private:
  std::shared_ptr<detail::Session> session_;
};

// Sends the answer to one request. Call it once, from any thread, now or later; calls after the
// first do nothing. Destroying a Responder that was never called answers 500, so a handler that
// throws or forgets still frees its client. When the connection is gone (client left, server
// stopped) the answer is dropped.
class Responder {
 public:
  Responder() = default;
  // shared_ptr: the connection must outlive every pending answer (Asio lifetime).
  explicit Responder(std::shared_ptr<detail::Session> session);
  Responder(Responder&&) noexcept = default;
  Responder& operator=(Responder&& other) noexcept;
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;
  ~Responder();

  void operator()(Response response);
  // Answers with `status` and `headers` now and a body written later through the returned
  // writer; this counts as the call. An empty writer when already called. Content-Length,
  // Transfer-Encoding and Connection are the server's.
  ResponseWriter stream(int status, Headers headers);
  // True until called (or moved from).
  explicit operator bool() const { return session_ != nullptr; }

 private:
  std::shared_ptr<detail::Session> session_;
};

using Handler = std::function<void(Request, Responder)>;
using SyncHandler = std::function<Response(const Request&)>;

// Adapts a handler that answers before returning. It runs on the connection's strand and its
// answer is written from there, with no thread hop.
Handler sync_handler(SyncHandler handler);

// The process's io threads: one io_context run by `threads` threads, started by the constructor.
class EventLoop {
 public:
  static constexpr int kDefaultThreads = 2;

  explicit EventLoop(int threads = kDefaultThreads);
  ~EventLoop();  // stop()
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  int threads() const;
  // Runs `fn` on one of the loop's threads. Exceptions from `fn` are logged and dropped.
  void post(std::function<void()> fn);

  // From now on SIGINT and SIGTERM no longer kill the process; wait_for_stop_signal() returns
  // when one arrives. Call it before announcing readiness, so an early Ctrl-C is not lost.
  void catch_stop_signals();
  // Blocks until SIGINT or SIGTERM (catching them if not yet done) and returns its number, or
  // returns 0 when stop() is called first. Requires: not called on a loop thread.
  int wait_for_stop_signal();

  // Stops the threads and joins them; work not yet run is dropped. Servers should be stopped
  // first for a graceful end. Requires: not called on a loop thread. Idempotent.
  void stop();

  struct Impl;  // asio_detail.h; for lib/http's own .cpp files and io_context()
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct ServerOptions {
  // Larger bodies are answered 413 (checked against Content-Length before any body byte is read,
  // and while de-chunking).
  size_t body_limit_bytes = size_t{16} * 1024 * 1024;
  // Request line plus header fields; more is answered 431.
  size_t header_limit_bytes = size_t{64} * 1024;
  // Deadline of each read (an idle keep-alive connection is closed after it) and each write.
  std::chrono::milliseconds io_timeout = std::chrono::seconds(60);
  // How long stop() waits for replies in flight before closing their connections.
  std::chrono::milliseconds stop_grace = std::chrono::seconds(5);
  // Chooses which request bodies stream to a sink (see BodyRouter); empty: all are buffered.
  BodyRouter body_router;
};

// A TCP socket listening on 127.0.0.1 (a free port), made without an EventLoop: a process that
// must be told the port before the loop exists (a runtime started early) can be. A Server takes
// it over; until then connections wait in its backlog. Closed if no Server takes it.
class ListeningSocket {
 public:
  ListeningSocket() = default;
  // Throws Error{kIo} when no port can be bound.
  static ListeningSocket loopback();
  ~ListeningSocket();
  ListeningSocket(ListeningSocket&& other) noexcept;
  ListeningSocket& operator=(ListeningSocket&& other) noexcept;
  ListeningSocket(const ListeningSocket&) = delete;
  ListeningSocket& operator=(const ListeningSocket&) = delete;

  uint16_t port() const { return port_; }
  bool valid() const { return fd_ >= 0; }
  int release();  // the descriptor, now the caller's

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

// An HTTP/1.1 server: keep-alive, pipelined requests answered in order, chunked request bodies
// with trailers, streamed request and response bodies, `Expect: 100-continue`, body and header
// limits, a deadline on every read and write. Each connection runs on its own strand; the handler
// is called on it, one request at a time per connection.
class Server {
 public:
  // Listens at once. `host` is an IP address or "localhost"; port 0 picks a free port.
  // Throws Error{kIo} when the address cannot be bound.
  Server(EventLoop& loop, const std::string& host, uint16_t port, Handler handler,
         ServerOptions options = {});
  // Serves on a socket already listening. Requires: socket.valid().
  Server(EventLoop& loop, ListeningSocket socket, Handler handler, ServerOptions options = {});
  ~Server();  // stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;  // the bound port
  // Stops accepting, closes idle connections, lets replies in flight finish (up to
  // options.stop_grace), then closes the rest. After it returns the handler is never called
  // again and no call of it is running. Requires: not called on a loop thread. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sls::http

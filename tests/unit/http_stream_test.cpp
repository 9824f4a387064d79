// lib/http streaming: request bodies handed to a sink as they arrive (with their trailers),
// answers written chunk by chunk, and the flow control between the two (a slow reader holds the
// body back), checked byte for byte with plain POSIX-socket clients.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <poll.h>

#include "gate.h"
#include "http/http.h"
#include "socket_client.h"

namespace {

using namespace std::chrono_literals;
using sls::http::BodySink;
using sls::http::Request;
using sls::http::Responder;
using sls::http::Response;
using sls::http::ResponseWriter;
using sls::test::Client;
using sls::test::without_date;

// What a sink received, with a wait for a given total.
class Pieces {
 public:
  BodySink sink() {
    return [this](std::string_view piece) {
      std::lock_guard lock(mu_);
      pieces_.emplace_back(piece);
      cv_.notify_all();
      return sls::http::BodyWait();
    };
  }
  // All pieces joined once they add up to `text` (or what came within 5 s).
  std::string wait_for(std::string_view text) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, 5s, [&] { return joined() == text; });
    return joined();
  }
  size_t count() {
    std::lock_guard lock(mu_);
    return pieces_.size();
  }

 private:
  std::string joined() const {
    std::string all;
    for (const std::string& p : pieces_) all += p;
    return all;
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> pieces_;
};

// Describes what the handler got: whether the body streamed, the buffered body, the trailers,
// and whether a trailer leaked into the header fields.
Response describe(const Request& req) {
  std::string trailers;
  for (const auto& [name, value] : req.trailers) trailers += name + "=" + value + ";";
  return Response{.status = 200,
                  .headers = {},
                  .body = std::string(req.body_streamed ? "streamed" : "buffered") + " [" +
                          req.body + "] trailers " + trailers +
                          (req.headers.contains("X-Trail") ? " in-headers" : "")};
}

using sls::test::Gate;

constexpr std::string_view kChunkedPost =
    "POST /stream HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTrailer: X-Trail\r\n\r\n";

}  // namespace

TEST_CASE("A routed request body reaches its sink as it arrives; the handler gets the trailers") {
  sls::http::EventLoop loop;
  Pieces pieces;
  sls::http::ServerOptions options;
  options.body_router = [&pieces](const Request& head) -> BodySink {
    return head.target == "/stream" ? pieces.sink() : BodySink();
  };
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(describe), options);
  Client c(server.port());
  SUBCASE("chunked, with a trailer: the first chunk arrives before the body ends") {
    c.send(std::string(kChunkedPost) + "5\r\nhello\r\n");
    CHECK(pieces.wait_for("hello") == "hello");
    c.send("6\r\n world\r\n0\r\nX-Trail: t1\r\n\r\n");
    CHECK(without_date(c.response()) ==
          "HTTP/1.1 200 OK\r\nDate: *\r\nContent-Length: 32\r\nConnection: keep-alive\r\n\r\n"
          "streamed [] trailers X-Trail=t1;");
    CHECK(pieces.wait_for("hello world") == "hello world");
    CHECK(pieces.count() == 2);
  }
  SUBCASE("with Content-Length") {
    c.send("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nab");
    CHECK(pieces.wait_for("ab") == "ab");
    c.send("cdef");
    CHECK(c.response().ends_with("\r\n\r\nstreamed [] trailers "));
    CHECK(pieces.wait_for("abcdef") == "abcdef");
  }
  SUBCASE("a body the router leaves alone is buffered, its trailers kept apart from the header") {
    c.send(
        "POST /other HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\nX-Trail: t2\r\n\r\n");
    CHECK(c.response().ends_with("\r\n\r\nbuffered [abc] trailers X-Trail=t2;"));
    CHECK(pieces.count() == 0);
  }
  SUBCASE("the connection serves the next request after a streamed body") {
    c.send(std::string(kChunkedPost) + "1\r\na\r\n0\r\n\r\n");
    CHECK(c.response().ends_with("streamed [] trailers "));
    c.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(c.response().ends_with("buffered [] trailers "));
  }
}

TEST_CASE("A streamed request body still has the body limit") {
  sls::http::EventLoop loop;
  Pieces pieces;
  std::atomic<int> calls = 0;
  sls::http::ServerOptions options;
  options.body_limit_bytes = 10;
  options.body_router = [&pieces](const Request& /*head*/) { return pieces.sink(); };
  sls::http::Server server(loop, "127.0.0.1", 0,
                           sls::http::sync_handler([&calls](const Request& r) {
                             ++calls;
                             return describe(r);
                           }),
                           options);
  Client c(server.port());
  c.send(std::string(kChunkedPost) + "8\r\n12345678\r\n");
  CHECK(pieces.wait_for("12345678") == "12345678");
  c.send("8\r\nabcdefgh\r\n0\r\n\r\n");
  CHECK(without_date(c.response()) ==
        "HTTP/1.1 413 Payload Too Large\r\nDate: *\r\nContent-Length: 0\r\n"
        "Connection: close\r\n\r\n");
  CHECK(c.closed_by_server());
  CHECK(calls.load() == 0);
}

TEST_CASE("A sink that throws loses the rest of the body; the handler still answers") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  std::atomic<int> pieces = 0;
  options.body_router = [&pieces](const Request& /*head*/) -> BodySink {
    return [&pieces](std::string_view /*piece*/) -> sls::http::BodyWait {
      ++pieces;
      throw std::runtime_error("sink failed");
    };
  };
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(describe), options);
  Client c(server.port());
  c.send(std::string(kChunkedPost) + "1\r\na\r\n1\r\nb\r\n0\r\n\r\n");
  CHECK(c.response().ends_with("streamed [] trailers "));
  CHECK(pieces.load() == 1);
}

TEST_CASE("A streamed answer goes out chunk by chunk, and the connection is kept alive") {
  sls::http::EventLoop loop;
  Gate second;
  std::thread producer;
  sls::http::Server server(loop, "127.0.0.1", 0, [&](Request req, Responder respond) {
    if (req.target != "/s") {
      return respond(Response{.status = 200, .headers = {}, .body = "plain " + req.target});
    }
    sls::http::Headers h;
    h.add("Content-Type", "text/plain");
    h.add("Content-Length", "99");  // the server's field: replaced by the chunked coding
    ResponseWriter w = respond.stream(200, std::move(h));
    producer = std::thread([&second, w = std::move(w)]() mutable {
      CHECK(w.write("one"));
      CHECK(w.write(""));  // nothing on the wire
      second.wait();
      CHECK(w.write(std::string(300, 'x')));
      w.finish();
      CHECK_FALSE(w.write("late"));  // finished: dropped
    });
  });
  Client c(server.port());
  c.send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(without_date(c.read_until("one\r\n")) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: *\r\nTransfer-Encoding: chunked\r\n"
        "Connection: keep-alive\r\n\r\n3\r\none\r\n");
  second.open();
  CHECK(c.read_until("0\r\n\r\n") == "12c\r\n" + std::string(300, 'x') + "\r\n0\r\n\r\n");
  producer.join();
  c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(c.response().ends_with("\r\n\r\nplain /next"));
}

TEST_CASE("A streamed answer to HTTP/1.0 is sent raw and ended by closing") {
  sls::http::EventLoop loop;
  std::thread producer;
  sls::http::Server server(loop, "127.0.0.1", 0, [&](Request /*req*/, Responder respond) {
    ResponseWriter w = respond.stream(200, {});
    producer = std::thread([w = std::move(w)]() mutable {
      w.write("ab");
      w.write("cd");
    });  // the writer's destructor finishes the answer
  });
  Client c(server.port());
  c.send("GET / HTTP/1.0\r\n\r\n");
  CHECK(without_date(c.read_to_close()) ==
        "HTTP/1.1 200 OK\r\nDate: *\r\nConnection: close\r\n\r\nabcd");
  producer.join();
}

TEST_CASE("When the client leaves mid-stream, later writes report it and are dropped") {
  sls::http::EventLoop loop;
  Gate left;
  std::atomic<bool> dropped = false;
  std::thread producer;
  sls::http::Server server(loop, "127.0.0.1", 0, [&](Request req, Responder respond) {
    if (req.target != "/s") return respond(Response{.status = 204, .headers = {}, .body = {}});
    ResponseWriter w = respond.stream(200, {});
    producer = std::thread([&, w = std::move(w)]() mutable {
      w.write("first");
      left.wait();
      // The first write after the peer closed may still be taken by the kernel; the connection
      // is known to be gone once one fails.
      const auto deadline = std::chrono::steady_clock::now() + 5s;
      while (std::chrono::steady_clock::now() < deadline) {
        if (!w.write(std::string(64 * 1024, 'z'))) {
          dropped = true;
          break;
        }
        std::this_thread::sleep_for(5ms);
      }
    });
  });
  {
    Client c(server.port());
    c.send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(c.read_until("first\r\n").ends_with("\r\n\r\n5\r\nfirst\r\n"));
    c.close();
  }
  left.open();
  producer.join();
  CHECK(dropped.load());
  Client other(server.port());  // the server goes on
  other.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(other.response().starts_with("HTTP/1.1 204 No Content\r\n"));
}

TEST_CASE("A stream longer than the io deadline is not cut while it waits for or sends data") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  options.io_timeout = 50ms;
  std::thread producer;
  sls::http::Server server(
      loop, "127.0.0.1", 0,
      [&](Request /*req*/, Responder respond) {
        ResponseWriter w = respond.stream(200, {});
        producer = std::thread([w = std::move(w)]() mutable {
          for (int i = 0; i < 4; ++i) {
            w.write(std::to_string(i));
            std::this_thread::sleep_for(120ms);  // over two timeouts between pieces
          }
        });
      },
      options);
  Client c(server.port());
  c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string all = c.read_until("0\r\n\r\n");
  CHECK(all.ends_with("\r\n\r\n1\r\n0\r\n1\r\n1\r\n1\r\n2\r\n1\r\n3\r\n0\r\n\r\n"));
  producer.join();
}

// --- Flow control: a request body feeding a streamed answer, read only as fast as the answer's
// client reads (http.h, BodyWait and ResponseWriter::on_drained).

namespace {

constexpr size_t kBodyBytes = size_t{64} * 1024 * 1024;  // past every kernel buffer on the way
constexpr size_t kPieceBytes = 16 * 1024;
// What may be queued past the limit: the piece that filled it and the rest of one read.
constexpr size_t kQueueSlackBytes = 128 * 1024;

// Byte `i` of the relayed body: position-dependent, so a lost or reordered piece shows.
char pattern(size_t i) { return static_cast<char>('a' + (i * 7 + i / 4093) % 26); }

// A client socket with small kernel buffers (a pause shows as a blocked write early) and 10 s
// send and receive deadlines (a failing test cannot hang).
int small_socket(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int size = 16 * 1024;
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  timeval tv{.tv_sec = 10, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  return fd;
}

// Sends a chunked POST of kBodyBytes of pattern() in kPieceBytes chunks.
class Producer {
 public:
  explicit Producer(uint16_t port) : fd_(small_socket(port)) {
    pending_ = "POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  }
  ~Producer() { ::close(fd_); }
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Sends until the whole request is sent (true), or until the socket has taken nothing for
  // `quiet` (false: the server stopped reading).
  bool send_for(std::chrono::milliseconds quiet) {
    for (;;) {
      if (pending_.empty() && !next()) return true;
      const ssize_t n = ::send(fd_, pending_.data(), pending_.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) {
        pending_.erase(0, static_cast<size_t>(n));
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
      pollfd p{.fd = fd_, .events = POLLOUT, .revents = 0};
      if (::poll(&p, 1, static_cast<int>(quiet.count())) == 0) return false;
    }
  }
  // Body bytes framed so far (all of them sent but for the last frame).
  size_t framed() const { return framed_; }
  // The server's answer, once the request is sent.
  std::string answer() {
    std::string all;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      all.append(buf, static_cast<size_t>(n));
      if (all.find("\r\n\r\n") != std::string::npos && all.ends_with("END")) break;
    }
    return all;
  }

 private:
  // Frames the next chunk (or the last one); false when everything was framed.
  bool next() {
    if (done_) return false;
    if (framed_ == kBodyBytes) {
      pending_ = "0\r\n\r\n";
      done_ = true;
      return true;
    }
    std::string piece(kPieceBytes, '\0');
    for (size_t i = 0; i < kPieceBytes; ++i) piece[i] = pattern(framed_ + i);
    framed_ += kPieceBytes;
    pending_ = fmt_chunk(piece);
    return true;
  }
  static std::string fmt_chunk(const std::string& piece) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    return size + piece + "\r\n";
  }

  int fd_;
  std::string pending_;
  size_t framed_ = 0;
  bool done_ = false;
};

// Reads a chunked answer on its own thread, checking each byte against pattern().
class Consumer {
 public:
  explicit Consumer(uint16_t port) : fd_(small_socket(port)) {
    const std::string_view get = "GET /out HTTP/1.1\r\nHost: x\r\n\r\n";
    ::send(fd_, get.data(), get.size(), MSG_NOSIGNAL);
  }
  ~Consumer() {
    if (reader_.joinable()) reader_.join();
    if (fd_ >= 0) ::close(fd_);
  }
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  void start_reading() {
    reader_ = std::thread([this] { read_all(); });
  }
  // Joins the reader: the body bytes that matched pattern() in order, up to the first mismatch.
  size_t matched() {
    reader_.join();
    return matched_;
  }
  bool ended() const { return ended_; }  // the last chunk came; read after matched()
  // Closes the socket with the answer unread, as a client process that ends does (the kernel
  // answers the server's next bytes with a reset).
  void leave() { ::close(std::exchange(fd_, -1)); }

 private:
  void read_all() {
    std::string in;
    bool body = false;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
      if (!body) {
        const size_t head = in.find("\r\n\r\n");
        if (head == std::string::npos) continue;
        in.erase(0, head + 4);
        body = true;
      }
      if (!take_chunks(in)) return;
    }
  }
  // Consumes whole chunks from `in`; false at the last chunk or a mismatch.
  bool take_chunks(std::string& in) {
    for (;;) {
      const size_t eol = in.find("\r\n");
      if (eol == std::string::npos) return true;
      const size_t size = std::stoul(in.substr(0, eol), nullptr, 16);
      if (size == 0) {
        ended_ = true;
        return false;
      }
      if (in.size() < eol + 2 + size + 2) return true;
      for (size_t i = 0; i < size; ++i) {
        if (in[eol + 2 + i] != pattern(matched_)) return false;
        ++matched_;
      }
      in.erase(0, eol + 2 + size + 2);
    }
  }

  int fd_;
  std::thread reader_;
  size_t matched_ = 0;
  bool ended_ = false;
};

// Server `out` streams to whoever GETs /out; server `in` relays the body POSTed to /in into that
// stream, pausing the body while the stream is full(). Its handler answers with what the sink
// saw, "taken <bytes> dropped <bytes> END".
struct Relay {
  explicit Relay(std::chrono::milliseconds in_io_timeout)
      : out(loop, "127.0.0.1", 0,
            [this](Request /*req*/, Responder respond) {
              std::lock_guard lock(mu);
              writer = respond.stream(200, {});
              cv.notify_all();
            }),
        in(loop, "127.0.0.1", 0, sls::http::sync_handler([this](const Request& /*req*/) {
             std::lock_guard lock(mu);
             writer.finish();
             return Response{.status = 200,
                             .headers = {},
                             .body = "taken " + std::to_string(taken) + " dropped " +
                                     std::to_string(dropped) + " END"};
           }),
           options(in_io_timeout)) {}

  sls::http::ServerOptions options(std::chrono::milliseconds io_timeout) {
    sls::http::ServerOptions o;
    o.io_timeout = io_timeout;
    o.body_limit_bytes = kBodyBytes * 2;
    o.body_router = [this](const Request& /*head*/) -> BodySink {
      return [this](std::string_view piece) -> sls::http::BodyWait {
        std::lock_guard lock(mu);
        taken += piece.size();
        if (!writer.write(std::string(piece))) dropped += piece.size();
        max_queued = std::max(max_queued, writer.queued_bytes());
        if (!writer.full()) return {};
        ++pauses;
        return [this](sls::http::BodyResume resume) {
          std::lock_guard wait_lock(mu);
          writer.on_drained(std::move(resume));
        };
      };
    };
    return o;
  }

  // Sends the body until the producer is blocked while the answer's queue is past its limit: the
  // body is paused. (A socket quiet for a while with the queue below it was a slow moment.)
  bool send_until_paused(Producer& producer) {
    for (int i = 0; i < 20; ++i) {
      if (producer.send_for(500ms)) return false;  // all of it went: never paused
      if (queued() > sls::http::ResponseWriter::kQueueLimitBytes) return true;
    }
    return false;
  }

  bool wait_for_writer() {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 5s, [this] { return static_cast<bool>(writer); });
  }
  size_t queued() {
    std::lock_guard lock(mu);
    return writer.queued_bytes();
  }

  sls::http::EventLoop loop;
  std::mutex mu;  // guards writer and the counts below
  std::condition_variable cv;
  ResponseWriter writer;
  size_t taken = 0;
  size_t dropped = 0;
  size_t max_queued = 0;
  int pauses = 0;
  sls::http::Server out;
  sls::http::Server in;
};

// A relay whose consumer reads nothing yet: the producer's writes block once the queue and the
// kernel buffers between are full, long before the body is sent.
struct PausedRelay {
  explicit PausedRelay(std::chrono::milliseconds io_timeout)
      : relay(io_timeout), consumer(relay.out.port()) {
    REQUIRE(relay.wait_for_writer());
    producer.emplace(relay.in.port());
    REQUIRE(relay.send_until_paused(*producer));
  }
  Relay relay;
  Consumer consumer;
  std::optional<Producer> producer;
};

}  // namespace

TEST_CASE("A slow reader bounds the queue: the body feeding it is paused, then all of it comes") {
  // The relaying connection's io deadline is far shorter than the pause: a paused body has none.
  PausedRelay paused(100ms);
  Relay& relay = paused.relay;
  Consumer& consumer = paused.consumer;
  Producer& producer = *paused.producer;
  CHECK(producer.framed() < kBodyBytes / 2);
  {
    std::lock_guard lock(relay.mu);
    CHECK(relay.max_queued <= sls::http::ResponseWriter::kQueueLimitBytes + kQueueSlackBytes);
    CHECK(relay.pauses >= 1);
  }
  // Once it reads, everything flows, in order, the queue still bounded.
  consumer.start_reading();
  CHECK(producer.send_for(10s));
  CHECK(producer.answer().ends_with("\r\n\r\ntaken 67108864 dropped 0 END"));
  CHECK(consumer.matched() == kBodyBytes);
  CHECK(consumer.ended());
  std::lock_guard lock(relay.mu);
  CHECK(relay.max_queued <= sls::http::ResponseWriter::kQueueLimitBytes + kQueueSlackBytes);
}

TEST_CASE("A reader that leaves while the body is paused resumes it: the rest is read, dropped") {
  PausedRelay paused(60s);
  Relay& relay = paused.relay;
  Producer& producer = *paused.producer;
  paused.consumer.leave();
  // No deadlock: the body is read to its end, what the stream can no longer take is dropped.
  CHECK(producer.send_for(10s));
  const std::string answer = producer.answer();
  CHECK(answer.starts_with("HTTP/1.1 200 OK\r\n"));
  std::lock_guard lock(relay.mu);
  CHECK(relay.taken == kBodyBytes);
  CHECK(relay.dropped > kBodyBytes / 2);
  CHECK(
      answer.ends_with("\r\n\r\ntaken 67108864 dropped " + std::to_string(relay.dropped) + " END"));
}

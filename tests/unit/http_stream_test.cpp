// lib/http streaming: request bodies handed to a sink as they arrive (with their trailers), and
// answers written chunk by chunk, checked byte for byte with a plain POSIX-socket client.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

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
    return [&pieces](std::string_view /*piece*/) {
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

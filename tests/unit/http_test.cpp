// lib/http: a real server on 127.0.0.1 port 0, driven by a plain POSIX-socket client so the
// tests do not share the server's HTTP code.
#include "http/http.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <sys/socket.h>

#include "socket_client.h"

namespace {

using namespace std::chrono_literals;
using sls::http::Request;
using sls::http::Responder;
using sls::http::Response;
using sls::test::Client;
using sls::test::without_date;

// Echoes the method, target, body and X-Echo field.
Response echo(const Request& req) {
  Response r;
  r.status = 200;
  r.headers.add("Content-Type", "text/plain");
  r.body = req.method + " " + req.target + " " + std::string(req.headers.get("x-echo")) + " [" +
           req.body + "]";
  return r;
}

std::string post(std::string_view body, std::string_view extra = "") {
  return "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         std::string(extra) + "\r\n" + std::string(body);
}

}  // namespace

TEST_CASE("Header lookups ignore case and set replaces every field of that name") {
  sls::http::Headers h;
  h.add("Content-Type", "a");
  h.add("X-Two", "1");
  h.add("x-two", "2");
  CHECK(h.get("content-type") == "a");
  CHECK(h.get("CONTENT-TYPE") == "a");
  CHECK(h.get("missing").empty());
  CHECK(h.find("missing") == nullptr);
  h.set("X-TWO", "3");
  CHECK(h.size() == 2);
  CHECK(h.get("x-two") == "3");
  h.erase("CONTENT-type");
  CHECK(!h.contains("Content-Type"));
}

TEST_CASE("Dates are IMF-fixdates in GMT") {
  using namespace std::chrono;
  const sys_seconds t = sys_days{year{2026} / 8 / 1} + 12h + 3min + 4s;
  CHECK(sls::http::http_date(t) == "Sat, 01 Aug 2026 12:03:04 GMT");
  CHECK(sls::http::http_date_now().size() == 29);
}

TEST_CASE("A synchronous handler's answer is written with Date, Content-Length and keep-alive") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  REQUIRE(server.port() != 0);
  Client c(server.port());
  REQUIRE(c.connected());
  c.send("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-ECHO: hi\r\n\r\n");
  CHECK(without_date(c.response()) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: *\r\nContent-Length: 16\r\n"
        "Connection: keep-alive\r\n\r\nGET /a?b=1 hi []");
}

TEST_CASE("A socket listening before its Server exists keeps early connections for it") {
  sls::http::ListeningSocket socket = sls::http::ListeningSocket::loopback();
  REQUIRE(socket.valid());
  const uint16_t port = socket.port();
  REQUIRE(port != 0);
  Client early(port);  // waits in the backlog: nothing accepts yet
  REQUIRE(early.connected());
  early.send("GET /early HTTP/1.1\r\nHost: x\r\n\r\n");
  sls::http::EventLoop loop;
  sls::http::Server server(loop, std::move(socket), sls::http::sync_handler(echo));
  CHECK_FALSE(socket.valid());
  CHECK(server.port() == port);
  CHECK(without_date(early.response()) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: *\r\nContent-Length: 14\r\n"
        "Connection: keep-alive\r\n\r\nGET /early  []");
  Client later(port);
  REQUIRE(later.connected());
  later.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(later.response().find("GET /later  []") != std::string::npos);
}

TEST_CASE("Keep-alive and pipelined requests are answered in order on one connection") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send(post("one"));
  CHECK(c.response().ends_with("POST /p  [one]"));
  c.send(post("two") + post("three") + post("four"));
  CHECK(c.response().ends_with("[two]"));
  CHECK(c.response().ends_with("[three]"));
  CHECK(c.response().ends_with("[four]"));
}

TEST_CASE("HTTP/1.0 without keep-alive is answered then closed") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send("GET / HTTP/1.0\r\n\r\n");
  const std::string r = c.response();
  CHECK(r.find("Connection: close\r\n") != std::string::npos);
  CHECK(c.closed_by_server());
}

TEST_CASE("A chunked request body reaches the handler de-chunked") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  c.send("5\r\nhello\r\n");
  c.send("6\r\n world\r\n0\r\n\r\n");
  CHECK(c.response().ends_with("POST /c  [hello world]"));
}

TEST_CASE("Expect: 100-continue gets 100 Continue before the body is sent") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send("POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  CHECK(c.response() == "HTTP/1.1 100 Continue\r\n\r\n");
  c.send("body");
  CHECK(c.response().ends_with("[body]"));
}

TEST_CASE("A body over the limit is answered 413 and the connection closes") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  options.body_limit_bytes = 10;
  std::atomic<int> calls = 0;
  sls::http::Server server(loop, "127.0.0.1", 0,
                           sls::http::sync_handler([&calls](const Request& r) {
                             ++calls;
                             return echo(r);
                           }),
                           options);
  SUBCASE("by its Content-Length, before any body byte (also with 100-continue)") {
    Client c(server.port());
    c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n");
    CHECK(without_date(c.response()) ==
          "HTTP/1.1 413 Payload Too Large\r\nDate: *\r\nContent-Length: 0\r\n"
          "Connection: close\r\n\r\n");
    CHECK(c.closed_by_server());
    CHECK(calls.load() == 0);
  }
  SUBCASE("while de-chunking") {
    Client c(server.port());
    c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n");
    c.send("8\r\n12345678\r\n0\r\n\r\n");
    CHECK(c.response().starts_with("HTTP/1.1 413 Payload Too Large\r\n"));
    CHECK(c.closed_by_server());
    CHECK(calls.load() == 0);
  }
  SUBCASE("a body at the limit is fine") {
    Client c(server.port());
    c.send(post("0123456789"));
    CHECK(c.response().ends_with("[0123456789]"));
  }
}

TEST_CASE("A malformed request is answered 400 and closed") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send("GET / HTTP/9.x\r\n\r\n");
  CHECK(c.response().starts_with("HTTP/1.1 400 Bad Request\r\n"));
  CHECK(c.closed_by_server());
}

TEST_CASE("HEAD is answered with the fields only") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  Client c(server.port());
  c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /g HTTP/1.1\r\nHost: x\r\n\r\n");
  // The HEAD answer announces 11 bytes but sends none, so this client, reading 11 body bytes,
  // gets the first 11 bytes of the next answer.
  std::string both = c.response();
  CHECK(both.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(both.find("Content-Length: 11\r\n") != std::string::npos);
  CHECK(both.ends_with("\r\n\r\nHTTP/1.1 20"));
}

TEST_CASE("A handler may answer later from another thread") {
  sls::http::EventLoop loop;
  std::vector<std::thread> workers;
  std::mutex mu;
  sls::http::Server server(loop, "127.0.0.1", 0, [&](Request req, Responder respond) {
    std::lock_guard lock(mu);
    workers.emplace_back([req = std::move(req), respond = std::move(respond)]() mutable {
      std::this_thread::sleep_for(20ms);
      respond(Response{.status = 202, .headers = {}, .body = "later " + req.body});
    });
  });
  Client c(server.port());
  c.send(post("x"));
  const std::string r = c.response();
  CHECK(r.starts_with("HTTP/1.1 202 Accepted\r\n"));
  CHECK(r.ends_with("later x"));
  server.stop();
  for (std::thread& t : workers) t.join();
}

TEST_CASE("A handler that throws, or drops its Responder, answers 500") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, [](Request req, Responder /*respond*/) {
    if (req.target == "/throw") throw std::runtime_error("boom");
  });
  Client c(server.port());
  c.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(c.response().starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
  c.send("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(c.response().starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
}

TEST_CASE("Many connections are served at once") {
  sls::http::EventLoop loop;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo));
  constexpr int kClients = 64;
  constexpr int kRequests = 25;
  std::atomic<int> ok = 0;
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      Client c(server.port());
      for (int j = 0; j < kRequests; ++j) {
        const std::string body = std::to_string(i) + "-" + std::to_string(j);
        c.send(post(body));
        if (c.response().ends_with("[" + body + "]")) ++ok;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  CHECK(ok.load() == kClients * kRequests);
}

TEST_CASE("An idle connection is closed at the read deadline") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  options.io_timeout = 100ms;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo), options);
  Client c(server.port());
  c.send(post("a"));
  CHECK(c.response().ends_with("[a]"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.closed_by_server());
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("A request stalled mid-header is closed at the read deadline") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  options.io_timeout = 100ms;
  sls::http::Server server(loop, "127.0.0.1", 0, sls::http::sync_handler(echo), options);
  Client c(server.port());
  c.send("POST /p HTTP/1.1\r\nHost: x\r\n");  // and nothing more
  const auto start = std::chrono::steady_clock::now();
  CHECK(c.closed_by_server());
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("A handler may take longer than the I/O timeout: no deadline runs meanwhile") {
  sls::http::EventLoop loop;
  sls::http::ServerOptions options;
  options.io_timeout = 50ms;
  std::vector<std::thread> workers;
  std::mutex mu;
  sls::http::Server server(
      loop, "127.0.0.1", 0,
      [&](Request req, Responder respond) {
        std::lock_guard lock(mu);
        workers.emplace_back([req = std::move(req), respond = std::move(respond)]() mutable {
          std::this_thread::sleep_for(400ms);  // eight timeouts, several sweeps
          respond(Response{.status = 200, .headers = {}, .body = "slow " + req.body});
        });
      },
      options);
  Client c(server.port());
  c.send(post("x"));
  CHECK(c.response().ends_with("slow x"));
  c.send(post("y"));  // still open, and served again
  CHECK(c.response().ends_with("slow y"));
  server.stop();
  for (std::thread& t : workers) t.join();
}

TEST_CASE("stop() closes idle connections, finishes replies in flight and refuses new ones") {
  sls::http::EventLoop loop;
  std::atomic<bool> in_handler = false;
  std::thread worker;
  sls::http::Server server(loop, "127.0.0.1", 0, [&](Request req, Responder respond) {
    if (req.target != "/slow") return respond(echo(req));
    in_handler = true;
    worker = std::thread([respond = std::move(respond)]() mutable {
      std::this_thread::sleep_for(200ms);
      respond(Response{.status = 200, .headers = {}, .body = "slow done"});
    });
  });
  const uint16_t port = server.port();
  Client idle(port);
  idle.send(post("i"));
  CHECK(idle.response().ends_with("[i]"));
  Client busy(port);
  busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  while (!in_handler) std::this_thread::sleep_for(1ms);
  server.stop();
  const std::string r = busy.response();
  CHECK(r.find("Connection: close\r\n") != std::string::npos);
  CHECK(r.ends_with("slow done"));
  CHECK(idle.closed_by_server());
  Client late(port);
  CHECK(!late.connected());
  worker.join();
}

// lib/runtime/invoke_api.cpp, InvokeWithResponseStream: a real server on 127.0.0.1 over a fake
// Invoker that streams pieces from its own thread; the answer is read from the socket, de-chunked
// and decoded here (CRCs checked with zlib) so every status, header and event is exact. A client
// that lags holds the function back (the wait its on_chunk returns).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "core/base64.h"
#include "core/error.h"
#include "fake_invoker.h"
#include "gate.h"
#include "runtime/event_stream.h"
#include "runtime/invoke_api.h"
#include "socket_client.h"

namespace {

using namespace std::chrono_literals;
using sls::runtime::FunctionConfig;
using sls::runtime::InvokeRequest;
using sls::runtime::InvokeResult;
using sls::test::body_of;
using sls::test::Client;
using sls::test::Gate;
using sls::test::header_of;
using sls::test::without_date;

// Each invocation runs on a thread of its own: it streams `pieces` through on_chunk (gathering
// them when there is none), waiting at `between` after the first, then finishes with `result`
// (its payload is the buffered response or the error document). Throws kLimitExceeded for the
// function "Limited".
class StreamingInvoker : public sls::test::FunctionsInvoker {
 public:
  ~StreamingInvoker() override {
    between.open();
    for (std::thread& t : threads_) t.join();
  }

  void invoke(std::string_view function, InvokeRequest request,
              std::function<void(InvokeResult)> done) override {
    if (function == "Limited") throw sls::Error(sls::Errc::kLimitExceeded, "busy");
    std::lock_guard lock(mu_);
    calls.push_back(request);
    threads_.emplace_back([this, request = std::move(request), done = std::move(done)] {
      InvokeResult r = result;
      r.request_id = request.request_id;
      for (size_t i = 0; i < pieces.size(); ++i) {
        if (i == 1) between.wait();
        if (request.on_chunk) {
          request.on_chunk(pieces[i]);
        } else {
          r.payload += pieces[i];
        }
      }
      done(std::move(r));
    });
  }

  std::vector<std::string> pieces;
  InvokeResult result;
  Gate between;
  std::vector<InvokeRequest> calls;  // read after the answer

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

struct Fixture {
  Fixture() : api(fake), server(loop, "127.0.0.1", 0, api.handler()) {}
  ~Fixture() {
    server.stop();
    api.stop();
  }
  // The request text of an InvokeWithResponseStream call.
  static std::string request(const std::string& name, const std::string& body,
                             const std::string& extra_headers = "") {
    return "POST /2021-11-15/functions/" + name +
           "/response-streaming-invocations HTTP/1.1\r\nHost: x\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
  }
  // One whole answer with a Content-Length (the refusals).
  std::string refused(const std::string& name, const std::string& body,
                      const std::string& extra_headers = "") {
    Client c(server.port());
    c.send(request(name, body, extra_headers));
    return without_date(c.response());
  }

  StreamingInvoker fake;
  sls::http::EventLoop loop{1};
  sls::runtime::InvokeApi api;
  sls::http::Server server;
};

// The head of a streamed answer, without its Date value.
std::string stream_head(const std::string& request_id) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.amazon.eventstream\r\n"
         "X-Amz-Executed-Version: $LATEST\r\nx-amzn-RequestId: " +
         request_id + "\r\nDate: *\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n";
}

// The body of a chunked answer text (after its head), de-chunked.
std::string dechunk(std::string_view text) {
  text.remove_prefix(text.find("\r\n\r\n") + 4);
  std::string body;
  while (!text.empty()) {
    const size_t eol = text.find("\r\n");
    const size_t size = std::stoul(std::string(text.substr(0, eol)), nullptr, 16);
    if (size == 0) break;
    body += text.substr(eol + 2, size);
    text.remove_prefix(eol + 2 + size + 2);
  }
  return body;
}

uint32_t be32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  return v;
}

uint32_t crc_of(std::string_view s) {
  return static_cast<uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// Event-stream messages as "<:event-type> <:content-type> <:message-type> <payload>" lines,
// or "bad message" when a length or CRC does not hold.
std::vector<std::string> decode(std::string_view body) {
  std::vector<std::string> events;
  while (!body.empty()) {
    if (body.size() < 16) return {"bad message"};
    const uint32_t total = be32(body, 0);
    const uint32_t headers_len = be32(body, 4);
    if (total > body.size() || be32(body, 8) != crc_of(body.substr(0, 8)) ||
        be32(body, total - 4) != crc_of(body.substr(0, total - 4))) {
      return {"bad message"};
    }
    std::string_view headers = body.substr(12, headers_len);
    std::string event_type, content_type, message_type;
    while (!headers.empty()) {
      const size_t name_len = static_cast<uint8_t>(headers[0]);
      const std::string name(headers.substr(1, name_len));
      if (headers[1 + name_len] != 7) return {"bad message"};
      const size_t value_len = (static_cast<uint8_t>(headers[2 + name_len]) << 8) |
                               static_cast<uint8_t>(headers[3 + name_len]);
      const std::string value(headers.substr(4 + name_len, value_len));
      if (name == ":event-type") event_type = value;
      if (name == ":content-type") content_type = value;
      if (name == ":message-type") message_type = value;
      headers.remove_prefix(4 + name_len + value_len);
    }
    const std::string payload(body.substr(12 + headers_len, total - 16 - headers_len));
    events.push_back(event_type + " " + content_type + " " + message_type + " " + payload);
    body.remove_prefix(total);
  }
  return events;
}

const std::string kChunk = "PayloadChunk application/octet-stream event ";
const std::string kComplete = "InvokeComplete application/json event ";

}  // namespace

TEST_CASE("InvokeWithResponseStream sends each piece as a PayloadChunk as it is produced") {
  Fixture f;
  f.fake.pieces = {"hello", " world"};
  Client c(f.server.port());
  c.send(Fixture::request("hello", R"({"a":1})"));
  // The first event is on the wire while the fake still waits to produce the second piece.
  const std::string first = c.read_until("hello");
  REQUIRE_FALSE(first.empty());
  f.fake.between.open();
  const std::string r = first + c.read_until("\r\n0\r\n\r\n");
  REQUIRE(f.fake.calls.size() == 1);
  const InvokeRequest& call = f.fake.calls[0];
  CHECK(call.payload == R"({"a":1})");
  CHECK(call.request_id.size() == 36);
  CHECK(call.answer_at_response);
  CHECK_FALSE(call.keep_log);
  CHECK(without_date(r.substr(0, r.find("\r\n\r\n") + 4)) == stream_head(call.request_id));
  CHECK(decode(dechunk(r)) ==
        std::vector<std::string>{kChunk + "hello", kChunk + " world", kComplete + "{}"});
  // The connection is kept alive for the next call.
  c.send(Fixture::request("hello", "{}"));
  CHECK(decode(dechunk(c.read_until("\r\n0\r\n\r\n"))).size() == 3);
}

TEST_CASE("A function that does not stream sends its whole response as one PayloadChunk") {
  Fixture f;
  f.fake.result.payload = R"({"statusCode":200,"body":"whole"})";
  Client c(f.server.port());
  c.send(Fixture::request("HelloFunction", ""));
  const std::string r = c.read_until("\r\n0\r\n\r\n");
  CHECK(
      decode(dechunk(r)) ==
      std::vector<std::string>{kChunk + R"({"statusCode":200,"body":"whole"})", kComplete + "{}"});
  CHECK(f.fake.calls[0].payload == "{}");  // an empty payload is the empty event
}

TEST_CASE("A function that fails mid-stream ends with InvokeComplete naming the trailer's error") {
  Fixture f;
  f.fake.between.open();
  const std::string doc =
      R"({"errorType":"Error","errorMessage":"boom","trace":["Error: boom","    at x.mjs:2:9"]})";
  f.fake.result.payload = doc;
  f.fake.result.function_error = true;
  f.fake.result.streamed = true;
  SUBCASE("after a piece: the piece, then the error type and the whole document") {
    f.fake.pieces = {"partial"};
    f.fake.result.error_type = "Error";
    Client c(f.server.port());
    c.send(Fixture::request("hello", "{}"));
    const std::string body = dechunk(c.read_until("\r\n0\r\n\r\n"));
    CHECK(decode(body) ==
          std::vector<std::string>{
              kChunk + "partial",
              kComplete + R"({"ErrorCode":"Error","ErrorDetails":"{\"errorType\":\"Error\",)"
                          R"(\"errorMessage\":\"boom\",\"trace\":[\"Error: boom\",\")"
                          R"(    at x.mjs:2:9\"]}"})"});
    CHECK(body == sls::runtime::payload_chunk_event("partial") +
                      sls::runtime::invoke_complete_event(
                          nlohmann::json{{"ErrorCode", "Error"}, {"ErrorDetails", doc}}.dump()));
  }
  SUBCASE("before any piece (trailers only): no PayloadChunk; a stream with no type is Unhandled") {
    Client c(f.server.port());
    c.send(Fixture::request("hello", "{}"));
    CHECK(
        decode(dechunk(c.read_until("\r\n0\r\n\r\n"))) ==
        std::vector<std::string>{
            kComplete + nlohmann::json{{"ErrorCode", "Unhandled"}, {"ErrorDetails", doc}}.dump()});
  }
}

TEST_CASE("A function that does not stream and fails sends its error document as the payload") {
  Fixture f;
  f.fake.result.function_error = true;
  SUBCASE("a handler's error: PayloadChunk with the document, then Unhandled with it again") {
    const std::string doc =
        R"({"errorMessage": "Handler fails", "errorType": "Exception", "requestId": "1", )"
        R"("stackTrace": ["  File \"/var/task/app.py\", line 2, in handler\n"]})";
    f.fake.result.payload = doc;
    f.fake.result.error_type = "Exception";
    Client c(f.server.port());
    c.send(Fixture::request("hello", "{}"));
    const std::string body = dechunk(c.read_until("\r\n0\r\n\r\n"));
    CHECK(decode(body) ==
          std::vector<std::string>{
              kChunk + doc,
              kComplete +
                  R"({"ErrorCode":"Unhandled","ErrorDetails":"{\"errorMessage\": \"Handler )"
                  R"(fails\", \"errorType\": \"Exception\", \"requestId\": \"1\", )"
                  R"(\"stackTrace\": [\"  File \\\"/var/task/app.py\\\", line 2, in )"
                  R"(handler\\n\"]}"})"});
    CHECK(body ==
          sls::runtime::payload_chunk_event(doc) +
              sls::runtime::invoke_complete_event(
                  nlohmann::json{{"ErrorCode", "Unhandled"}, {"ErrorDetails", doc}}.dump()));
  }
  SUBCASE("a timeout before any response: its document, and Unhandled, not the error type") {
    const std::string doc =
        R"({"errorType":"Sandbox.Timedout","errorMessage":"RequestId: 1 Error: Task timed out )"
        R"(after 3.00 seconds"})";
    f.fake.result.payload = doc;
    f.fake.result.error_type = "Sandbox.Timedout";
    Client c(f.server.port());
    c.send(Fixture::request("hello", "{}"));
    CHECK(
        decode(dechunk(c.read_until("\r\n0\r\n\r\n"))) ==
        std::vector<std::string>{
            kChunk + doc,
            kComplete + nlohmann::json{{"ErrorCode", "Unhandled"}, {"ErrorDetails", doc}}.dump()});
  }
  SUBCASE("a document that is not JSON (or not UTF-8) goes as it is; its details are UTF-8") {
    f.fake.result.payload = "plain \xff text";
    Client c(f.server.port());
    c.send(Fixture::request("hello", "{}"));
    CHECK(decode(dechunk(c.read_until("\r\n0\r\n\r\n"))) ==
          std::vector<std::string>{
              kChunk + "plain \xff text",
              kComplete +
                  "{\"ErrorCode\":\"Unhandled\",\"ErrorDetails\":\"plain \xEF\xBF\xBD text\"}"});
  }
}

TEST_CASE("X-Amz-Log-Type: Tail puts the base64 log tail in InvokeComplete's LogResult") {
  Fixture f;
  f.fake.between.open();
  f.fake.pieces = {"x"};
  f.fake.result.log = "START RequestId: 1 Version: $LATEST\nEND RequestId: 1\n";
  Client c(f.server.port());
  c.send(Fixture::request("hello", "{}", "X-Amz-Log-Type: Tail\r\n"));
  CHECK(decode(dechunk(c.read_until("\r\n0\r\n\r\n"))) ==
        std::vector<std::string>{
            kChunk + "x",
            kComplete + R"({"LogResult":")" +
                sls::base64_encode("START RequestId: 1 Version: $LATEST\nEND RequestId: 1\n") +
                R"("})"});
  CHECK(f.fake.calls[0].keep_log);
}

TEST_CASE("InvokeWithResponseStream refuses as Invoke does, and knows no Event invocation type") {
  Fixture f;
  const auto error_answer = [](int status, std::string_view reason, std::string_view type,
                               std::string_view body) {
    return std::string("HTTP/1.1 ") + std::to_string(status) + " " + std::string(reason) +
           "\r\nContent-Type: application/json\r\nx-amzn-ErrorType: " + std::string(type) +
           "\r\nx-amzn-RequestId: *\r\nDate: *\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: keep-alive\r\n\r\n" + std::string(body);
  };
  // The request id differs each time.
  const auto mask_id = [](std::string r) {
    const size_t at = r.find("x-amzn-RequestId: ");
    if (at == std::string::npos) return r;
    return r.replace(at + 18, 36, "*");
  };
  SUBCASE("Event") {
    CHECK(mask_id(f.refused("hello", "{}", "X-Amz-Invocation-Type: Event\r\n")) ==
          error_answer(400, "Bad Request", "ValidationException",
                       R"({"Type":"User","message":"1 validation error detected: Value 'Event' at )"
                       R"('invocationType' failed to satisfy constraint: Member must satisfy enum )"
                       R"(value set: [RequestResponse, DryRun]"})"));
  }
  SUBCASE("DryRun is 204 and runs nothing") {
    const std::string r = f.refused("hello", "{}", "X-Amz-Invocation-Type: DryRun\r\n");
    CHECK(r.starts_with("HTTP/1.1 204 No Content\r\nx-amzn-RequestId: "));
    CHECK(body_of(r).empty());
  }
  SUBCASE("an unknown function") {
    CHECK(mask_id(f.refused("nope", "{}")) ==
          error_answer(404, "Not Found", "ResourceNotFoundException",
                       R"({"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:)"
                       R"(function:nope:$LATEST","Type":"User"})"));
  }
  SUBCASE("a payload that is not JSON") {
    CHECK(mask_id(f.refused("hello", "{oops")) ==
          error_answer(
              400, "Bad Request", "InvalidRequestContentException",
              R"({"Type":"User","message":"Could not parse request body into json: )"
              R"(Could not parse payload into json: parse error at line 1, column 2: syntax error )"
              R"(while parsing object )"
              R"(key - invalid literal; last read: '{o'; expected string literal"})"));
  }
  SUBCASE("a payload over 6 MB") {
    CHECK(mask_id(f.refused("hello", std::string(6291457, ' '))) ==
          error_answer(413, "Payload Too Large", "RequestEntityTooLargeException",
                       R"({"Type":"User","message":"Request must be smaller than 6291456 bytes )"
                       R"(for the InvokeFunction operation"})"));
  }
  SUBCASE("a client context that is not base64 JSON") {
    CHECK(mask_id(f.refused("hello", "{}", "X-Amz-Client-Context: bm90IGpzb24=\r\n")) ==
          error_answer(400, "Bad Request", "InvalidRequestContentException",
                       R"({"Type":"User","message":"Client context must be a valid )"
                       R"(Base64-encoded JSON object."})"));
  }
  SUBCASE("every environment busy at reserved concurrency") {
    CHECK(mask_id(f.refused("Limited", "{}")) ==
          error_answer(429, "Too Many Requests", "TooManyRequestsException",
                       R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded",)"
                       R"("Type":"User","message":"Rate Exceeded."})"));
  }
  CHECK(f.fake.calls.empty());
}

TEST_CASE("A client context reaches the invocation decoded") {
  Fixture f;
  f.fake.result.payload = "1";
  Client c(f.server.port());
  // base64 of {"custom":{"k":"v"}}
  c.send(Fixture::request("hello", "{}", "X-Amz-Client-Context: eyJjdXN0b20iOnsiayI6InYifX0=\r\n"));
  CHECK(decode(dechunk(c.read_until("\r\n0\r\n\r\n"))).size() == 2);
  CHECK(f.fake.calls[0].client_context == R"({"custom":{"k":"v"}})");
}

namespace {

// Hands each invocation to the test: its on_chunk to drive from the test's thread, and its done.
class HeldInvoker : public sls::test::FunctionsInvoker {
 public:
  void invoke(std::string_view /*function*/, InvokeRequest request,
              std::function<void(InvokeResult)> done) override {
    std::lock_guard lock(mu_);
    request_ = std::move(request);
    done_ = std::move(done);
    cv_.notify_all();
  }
  // The invocation's on_chunk and done, once it came (5 s at most).
  bool wait_invoked() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 5s, [this] { return static_cast<bool>(done_); });
  }
  sls::runtime::ChunkWait chunk(std::string_view piece) { return request_.on_chunk(piece); }
  void finish(InvokeResult r) { done_(std::move(r)); }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  InvokeRequest request_;
  std::function<void(InvokeResult)> done_;
};

constexpr size_t kHeldPieceBytes = 64 * 1024;

}  // namespace

TEST_CASE("InvokeWithResponseStream holds a streaming function back while its client lags") {
  HeldInvoker fake;
  sls::http::EventLoop loop{1};
  sls::runtime::InvokeApi api(fake);
  sls::http::Server server(loop, "127.0.0.1", 0, api.handler());
  auto client = std::make_unique<Client>(server.port());
  client->send(Fixture::request("hello", "{}"));
  REQUIRE(fake.wait_invoked());
  // The client reads nothing: once the answer's queue is past its limit (the kernel's buffers
  // full before it), the next piece comes back with a wait.
  size_t pushed = 0;
  sls::runtime::ChunkWait wait;
  while (!wait && pushed < size_t{64} * 1024 * 1024) {
    wait = fake.chunk(
        std::string(kHeldPieceBytes, static_cast<char>('a' + pushed / kHeldPieceBytes % 26)));
    pushed += kHeldPieceBytes;
  }
  REQUIRE(wait);
  CHECK(pushed < size_t{32} * 1024 * 1024);
  std::promise<void> resumed;
  std::future<void> resumed_future = resumed.get_future();
  wait([&resumed] { resumed.set_value(); });
  SUBCASE("the function is resumed once the client has read; every byte arrives in order") {
    std::string answer;
    std::thread reader([&] { answer = client->read_until("\r\n0\r\n\r\n"); });
    CHECK(resumed_future.wait_for(10s) == std::future_status::ready);
    fake.finish(InvokeResult{});
    reader.join();
    const std::vector<std::string> events = decode(dechunk(answer));
    REQUIRE(events.size() >= 2);
    CHECK(events.back() == kComplete + "{}");
    std::string body;
    for (size_t i = 0; i + 1 < events.size(); ++i) {
      REQUIRE(events[i].starts_with(kChunk));
      body += events[i].substr(kChunk.size());
    }
    REQUIRE(body.size() == pushed);
    bool in_order = true;
    for (size_t i = 0; i < body.size(); i += kHeldPieceBytes) {
      in_order = in_order && body[i] == static_cast<char>('a' + i / kHeldPieceBytes % 26);
    }
    CHECK(in_order);
  }
  SUBCASE("the function is resumed when the client leaves; later pieces are dropped at once") {
    client.reset();  // closed with the answer unread: the server's next write is reset
    CHECK(resumed_future.wait_for(10s) == std::future_status::ready);
    CHECK_FALSE(fake.chunk(std::string(kHeldPieceBytes, 'z')));
    fake.finish(InvokeResult{});
  }
  server.stop();
  api.stop();
}

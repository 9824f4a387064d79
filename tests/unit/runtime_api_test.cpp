// lib/runtime ApiServer: the Runtime API of one environment over real HTTP, driven by a plain
// socket client playing the runtime: status codes, bodies and headers of
// spec/lambda-runtime-api.md §2, and what the environment is told.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "http/http.h"
#include "runtime/api_server.h"
#include "socket_client.h"

using namespace sls;
using namespace sls::runtime;
using sls::test::Client;
using sls::test::without_date;

using namespace std::chrono_literals;

namespace {

constexpr std::string_view kNext =
    "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n";
const std::string kId = "8476a536-e9f4-41e8-9739-2dfe598c3fcd";

// Records what the server reports, one line per callback.
class Recorder final : public ApiServer::Listener {
 public:
  void on_next(uint64_t g, bool first) override { add(fmt("next", g, first ? "first" : "again")); }
  void on_response(uint64_t g, std::string body, std::string type) override {
    add(fmt("response", g, type + " " + body));
  }
  void on_function_error(uint64_t g, std::string body, std::string type) override {
    add(fmt("error", g, "[" + type + "] " + body));
  }
  void on_response_start(uint64_t g, std::string type) override { add(fmt("start", g, type)); }
  // Pieces are recorded, or only counted with count_chunks (a 200 MB stream). With hold, the
  // next piece answers with a wait, whose resume is kept until resume().
  http::BodyWait on_response_chunk(uint64_t g, std::string_view chunk) override {
    if (count_chunks) {
      big_bytes_ += chunk.size();
      return {};
    }
    add(fmt("chunk", g, std::string(chunk)));
    if (!hold.exchange(false)) return {};
    return [this](http::BodyResume resume) {
      std::lock_guard lock(mu_);
      held_ = std::move(resume);
    };
  }
  // Whether a wait was given its resume (within 5 s).
  bool wait_held() {
    for (int i = 0; i < 5000; ++i) {
      {
        std::lock_guard lock(mu_);
        if (held_) return true;
      }
      std::this_thread::sleep_for(1ms);
    }
    return false;
  }
  void resume() {
    http::BodyResume r;
    {
      std::lock_guard lock(mu_);
      r = std::move(held_);
    }
    if (r) r();
  }
  void on_response_end(uint64_t g) override { add(fmt("end", g, "")); }
  void on_init_error(uint64_t g, std::string body, std::string type) override {
    add(fmt("init-error", g, "[" + type + "] " + body));
  }
  std::vector<std::string> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  // The events once there are `n` of them (or what came within 5 s).
  std::vector<std::string> wait_events(size_t n) {
    for (int i = 0; i < 5000 && events().size() < n; ++i) std::this_thread::sleep_for(1ms);
    return events();
  }
  size_t big_bytes() const { return big_bytes_.load(); }
  std::atomic<bool> count_chunks = false;
  std::atomic<bool> hold = false;

 private:
  static std::string fmt(std::string_view what, uint64_t g, const std::string& detail) {
    return std::string(what) + " " + std::to_string(g) + " " + detail;
  }
  void add(std::string e) {
    std::lock_guard lock(mu_);
    events_.push_back(std::move(e));
  }
  std::mutex mu_;
  std::vector<std::string> events_;
  http::BodyResume held_;  // guarded by mu_
  std::atomic<size_t> big_bytes_ = 0;
};

std::string post(std::string_view path, std::string_view body, std::string_view extra = "") {
  return "POST /2018-06-01/runtime" + std::string(path) + " HTTP/1.1\r\nHost: x\r\n" +
         std::string(extra) + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body);
}

std::string answer(int status, std::string_view reason, std::string_view body) {
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
         "\r\nContent-Type: application/json\r\nDate: *\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: keep-alive\r\n\r\n" + std::string(body);
}

const std::string kAccepted = answer(202, "Accepted", R"({"status":"OK"})");

std::string transition(std::string_view from, std::string_view to) {
  return answer(403, "Forbidden",
                R"({"errorType":"InvalidStateTransition","errorMessage":"State transition from )" +
                    std::string(from) + " to " + std::string(to) +
                    R"( failed for runtime. Error: State transition is not allowed"})");
}

Delivery delivery(std::string payload = R"({"a":1})") {
  Delivery d;
  d.request_id = kId;
  d.payload = std::move(payload);
  d.function_arn = "arn:aws:lambda:us-east-1:123456789012:function:fn";
  d.deadline_epoch_ms = 1542409706888;
  d.trace_id = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
  return d;
}

// Sends `next` and waits until the server has parked it and told the listener, which it does
// after parking, outside its lock.
void park(Client& c, ApiServer& api, Recorder& rec) {
  const auto nexts = [&rec] {
    const std::vector<std::string> e = rec.events();
    return std::count_if(e.begin(), e.end(),
                         [](const std::string& s) { return s.starts_with("next "); });
  };
  const auto before = nexts();
  c.send(kNext);
  for (int i = 0; i < 5000 && !(api.waiting() && nexts() > before); ++i) {
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(api.waiting());
  REQUIRE(nexts() > before);
}

}  // namespace

TEST_CASE("next waits for an event and answers it with every header of §2.1") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 7, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(rec.events() == std::vector<std::string>{"next 7 first"});
  Delivery d = delivery();
  d.client_context = R"({"custom":{"k":"v"}})";
  d.cognito_identity = R"({"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"})";
  d.tenant_id = "tenant-1";
  CHECK(api.deliver(d));
  CHECK(without_date(c.response()) ==
        "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: " + kId +
            "\r\nLambda-Runtime-Deadline-Ms: 1542409706888\r\n"
            "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:"
            "fn\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent="
            "9a9197af755a6419;Sampled=1\r\nLambda-Runtime-Client-Context: {\"custom\":{\"k\":\"v\""
            "}}\r\nLambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id-1\",\""
            "cognitoIdentityPoolId\":\"pool-1\"}\r\nLambda-Runtime-Aws-Tenant-Id: tenant-1\r\n"
            "Content-Type: application/json\r\nDate: *\r\nContent-Length: 7\r\nConnection: "
            "keep-alive\r\n\r\n{\"a\":1}");
  CHECK_FALSE(api.deliver(d));  // nobody waits any more
}

TEST_CASE("Headers without a value are not sent") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  Delivery d = delivery("plain");
  d.trace_id.clear();
  d.content_type = "text/plain";
  CHECK(api.deliver(d));
  const std::string r = c.response();
  CHECK(r.find("Trace-Id") == std::string::npos);
  CHECK(r.find("Client-Context") == std::string::npos);
  CHECK(r.find("Cognito-Identity") == std::string::npos);
  CHECK(r.find("Tenant-Id") == std::string::npos);
  CHECK(r.find("Content-Type: text/plain\r\n") != std::string::npos);
}

TEST_CASE("A response is accepted once; later posts are refused as §2.2 says") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(api.deliver(delivery()));
  c.response();
  SUBCASE("next while the invocation runs is an invalid transition") {
    c.send(kNext);
    CHECK(without_date(c.response()) == transition("Running", "Ready"));
  }
  SUBCASE("response, then a second response or error for it") {
    c.send(post("/invocation/" + kId + "/response", "42", "Content-Type: application/json\r\n"));
    CHECK(without_date(c.response()) == kAccepted);
    c.send(post("/invocation/" + kId + "/response", "43"));
    CHECK(without_date(c.response()) ==
          transition("RuntimeResponseSentState", "InvocationResponse"));
    c.send(post("/invocation/" + kId + "/error", "{}"));
    CHECK(without_date(c.response()) ==
          transition("RuntimeResponseSentState", "InvocationErrorResponse"));
    c.send(post("/invocation/other-id/response", "1"));
    CHECK(without_date(c.response()) ==
          answer(400, "Bad Request",
                 R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"));
    park(c, api, rec);
    CHECK(rec.events() == std::vector<std::string>{"next 1 first", "response 1 application/json 42",
                                                   "next 1 again"});
  }
  SUBCASE("a wrong request id") {
    c.send(post("/invocation/nope/response", "1"));
    CHECK(without_date(c.response()) ==
          answer(400, "Bad Request",
                 R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"));
  }
}

TEST_CASE("An error post is passed on verbatim with its error type header") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(api.deliver(delivery()));
  c.response();
  const std::string doc = R"({"errorMessage":"boom","errorType":"Error","trace":[]})";
  c.send(post("/invocation/" + kId + "/error", doc,
              "lambda-runtime-function-error-type: Function.Custom\r\n"));
  CHECK(without_date(c.response()) == kAccepted);
  CHECK(rec.events().back() == "error 1 [Function.Custom] " + doc);
}

TEST_CASE("A response over 6,291,556 bytes is answered 413 and fails the invocation") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(api.deliver(delivery()));
  c.response();
  c.send(post("/invocation/" + kId + "/response", std::string(6291557, 'x')));
  CHECK(without_date(c.response()) ==
        answer(413, "Payload Too Large",
               R"({"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).",)"
               R"("errorType":"RequestEntityTooLarge"})"));
  CHECK(rec.events().back() ==
        R"(error 1 [Function.ResponseSizeTooLarge] {"errorType":"Function.ResponseSizeTooLarge",)"
        R"("errorMessage":"Response payload size exceeded maximum allowed payload size )"
        R"((6291556 bytes)."})");
  c.send(post("/invocation/" + kId + "/error", "{}"));
  CHECK(without_date(c.response()) ==
        transition("RuntimeResponseSentState", "InvocationErrorResponse"));
}

TEST_CASE("A streamed response reaches the listener piece by piece as it arrives") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(api.deliver(delivery()));
  c.response();
  const std::string head =
      "POST /2018-06-01/runtime/invocation/" + kId +
      "/response HTTP/1.1\r\nHost: x\r\nLambda-Runtime-Function-Response-Mode: "
      "streaming\r\nTransfer-Encoding: chunked\r\nContent-Type: "
      "application/octet-stream\r\nTrailer: Lambda-Runtime-Function-Error-"
      "Type, Lambda-Runtime-Function-Error-Body\r\n\r\n";
  SUBCASE("a stream that ends well: the first piece is passed on before the body ends") {
    c.send(head + "5\r\nhello\r\n");
    CHECK(rec.wait_events(3) == std::vector<std::string>{"next 1 first",
                                                         "start 1 application/octet-stream",
                                                         "chunk 1 hello"});
    c.send("6\r\n world\r\n0\r\n\r\n");
    CHECK(without_date(c.response()) == kAccepted);
    CHECK(rec.events() == std::vector<std::string>{"next 1 first",
                                                   "start 1 application/octet-stream",
                                                   "chunk 1 hello", "chunk 1  world", "end 1 "});
    c.send(kNext);  // the keep-alive connection goes on to the next event
    CHECK(rec.wait_events(6).back() == "next 1 again");
  }
  SUBCASE("a listener that cannot take more holds the body back until it resumes") {
    rec.hold = true;
    c.send(head + "5\r\nhello\r\n");
    REQUIRE(rec.wait_held());
    c.send("6\r\n world\r\n0\r\n\r\n");
    std::this_thread::sleep_for(100ms);  // time enough to read on, if the body were not held
    CHECK(rec.events() == std::vector<std::string>{
                              "next 1 first", "start 1 application/octet-stream", "chunk 1 hello"});
    rec.resume();
    CHECK(without_date(c.response()) == kAccepted);
    CHECK(rec.events() == std::vector<std::string>{"next 1 first",
                                                   "start 1 application/octet-stream",
                                                   "chunk 1 hello", "chunk 1  world", "end 1 "});
  }
  SUBCASE("a stream that fails midway: error trailers make it a function error") {
    // base64 of {"errorType":"Error","errorMessage":"mid"}
    c.send(head +
           "5\r\nhello\r\n0\r\nLambda-Runtime-Function-Error-Type: Error\r\n"
           "Lambda-Runtime-Function-Error-Body: "
           "eyJlcnJvclR5cGUiOiJFcnJvciIsImVycm9yTWVzc2FnZSI6Im1pZCJ9\r\n\r\n");
    CHECK(without_date(c.response()) == kAccepted);
    CHECK(rec.events() == std::vector<std::string>{
                              "next 1 first", "start 1 application/octet-stream", "chunk 1 hello",
                              R"(error 1 [Error] {"errorType":"Error","errorMessage":"mid"})"});
  }
  SUBCASE("a second response for the invocation is refused, its body never passed on") {
    c.send(head + "1\r\na\r\n0\r\n\r\n");
    CHECK(without_date(c.response()) == kAccepted);
    Client other(api.port());
    other.send(head + "1\r\nb\r\n0\r\n\r\n");
    CHECK(without_date(other.response()) ==
          transition("RuntimeResponseSentState", "InvocationResponse"));
    CHECK(rec.events().size() == 4);
  }
  SUBCASE("a stream for another request id is refused") {
    c.send(post("/invocation/other-id/response", "x",
                "Lambda-Runtime-Function-Response-Mode: streaming\r\n"));
    CHECK(without_date(c.response()) ==
          answer(400, "Bad Request",
                 R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"));
    CHECK(rec.events() == std::vector<std::string>{"next 1 first"});
  }
  SUBCASE("a response mode other than streaming") {
    c.send(post("/invocation/" + kId + "/response", "1",
                "Lambda-Runtime-Function-Response-Mode: buffered\r\n"));
    CHECK(without_date(c.response()) ==
          answer(400, "Bad Request",
                 R"({"errorMessage":"Invalid function response mode",)"
                 R"("errorType":"InvalidFunctionResponseMode"})"));
  }
}

TEST_CASE("A streamed response over 200 MB is cut there and fails with ResponseSizeTooLarge") {
  http::EventLoop loop(1);
  Recorder rec;
  rec.count_chunks = true;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  park(c, api, rec);
  CHECK(api.deliver(delivery()));
  c.response();
  c.send("POST /2018-06-01/runtime/invocation/" + kId +
         "/response HTTP/1.1\r\nHost: x\r\nLambda-Runtime-Function-Response-Mode: "
         "streaming\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string mib = "100000\r\n" + std::string(1024 * 1024, 'x') + "\r\n";
  for (int i = 0; i < 200; ++i) c.send(mib);  // exactly the limit
  c.send("1\r\ny\r\n0\r\n\r\n");              // one byte more
  CHECK(without_date(c.response()) ==
        answer(413, "Payload Too Large",
               R"({"errorMessage":"Exceeded maximum allowed payload size (209715200 bytes).",)"
               R"("errorType":"RequestEntityTooLarge"})"));
  CHECK(rec.big_bytes() == 209715200);
  CHECK(
      rec.events() ==
      std::vector<std::string>{
          "next 1 first", "start 1 application/octet-stream",
          R"(error 1 [Function.ResponseSizeTooLarge] {"errorType":"Function.ResponseSizeTooLarge",)"
          R"("errorMessage":"Response payload size exceeded maximum allowed payload size )"
          R"((209715200 bytes)."})"});
}

TEST_CASE("init/error is accepted only before the first next") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 3, rec);
  Client c(api.port());
  SUBCASE("during init") {
    const std::string doc = R"({"errorMessage":"Unable to import module 'app'","errorType":)"
                            R"("Runtime.ImportModuleError","requestId":"","stackTrace":[]})";
    c.send(post("/init/error", doc,
                "Lambda-Runtime-Function-Error-Type: Runtime.ImportModuleError\r\n"));
    CHECK(without_date(c.response()) == kAccepted);
    CHECK(rec.events() ==
          std::vector<std::string>{"init-error 3 [Runtime.ImportModuleError] " + doc});
    c.send(kNext);
    CHECK(without_date(c.response()) == transition("InitError", "Ready"));
  }
  SUBCASE("after init") {
    park(c, api, rec);
    Client other(api.port());
    other.send(post("/init/error", "{}"));
    CHECK(without_date(other.response()) == transition("Ready", "InitError"));
  }
  SUBCASE("a response before any next") {
    c.send(post("/invocation/" + kId + "/response", "1"));
    CHECK(without_date(c.response()) == transition("Started", "InvocationResponse"));
  }
}

TEST_CASE("Restore, extension and unknown paths are answered 404") {
  http::EventLoop loop(1);
  Recorder rec;
  ApiServer api(loop, 1, rec);
  Client c(api.port());
  const std::string not_found =
      answer(404, "Not Found", R"({"errorMessage":"Not Found","errorType":"NotFound"})");
  c.send("GET /2018-06-01/runtime/restore/next HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(without_date(c.response()) == not_found);
  c.send(post("/restore/error", "{}"));
  CHECK(without_date(c.response()) == not_found);
  c.send("POST /2020-01-01/extension/register HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  CHECK(without_date(c.response()) == not_found);
  CHECK(rec.events().empty());
}

TEST_CASE("base64_decode reads standard and URL-safe alphabets") {
  CHECK(base64_decode("aGVsbG8=") == "hello");
  CHECK(base64_decode("aGVsbG8") == "hello");
  CHECK(base64_decode("-_8") == "\xfb\xff");
}

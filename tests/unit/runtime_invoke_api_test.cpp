// lib/runtime/invoke_api.cpp: the Lambda Invoke API on a real server on 127.0.0.1, over a fake
// Invoker, so every status, header and error body is checked without processes.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "core/base64.h"
#include "core/error.h"
#include "fake_invoker.h"
#include "runtime/invoke_api.h"
#include "socket_client.h"

namespace {

using namespace std::chrono_literals;
using sls::runtime::FunctionConfig;
using sls::runtime::InvokeRequest;
using sls::runtime::InvokeResult;
using sls::test::body_of;
using sls::test::Client;
using sls::test::header_of;

// Answers every invocation at once with `answer(request)`; throws kLimitExceeded while
// `throttle` is positive (counting it down).
// EventInvokeConfig: "Once" MaximumRetryAttempts 0 and MaximumEventAgeInSeconds 60, "Twice"
// MaximumRetryAttempts 1.
std::vector<FunctionConfig> event_config_functions() {
  FunctionConfig once = sls::test::function_config("Once", "Once");
  once.event_max_retries = 0;
  once.event_max_age = std::chrono::seconds(60);
  FunctionConfig twice = sls::test::function_config("Twice", "Twice");
  twice.event_max_retries = 1;
  return {once, twice};
}

class FakeInvoker : public sls::test::FunctionsInvoker {
 public:
  FakeInvoker() : FunctionsInvoker(event_config_functions()) {}

  void invoke(std::string_view function, InvokeRequest request,
              std::function<void(InvokeResult)> done) override {
    {
      std::lock_guard lock(mu);
      if (throttle > 0) {
        --throttle;
        ++throttled;
        throw sls::Error(sls::Errc::kLimitExceeded, "busy");
      }
      calls.push_back({std::string(function), request});
    }
    InvokeResult r = answer(request);
    r.request_id = "11111111-2222-4333-8444-555555555555";
    done(std::move(r));
    cv.notify_all();
  }

  // Waits until `n` invocations were made (or 5 s pass).
  bool wait_calls(size_t n) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, 5s, [&] { return calls.size() >= n; });
  }

  struct Call {
    std::string function;
    InvokeRequest request;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Call> calls;
  int throttle = 0;
  int throttled = 0;
  std::function<InvokeResult(const InvokeRequest&)> answer = [](const InvokeRequest& req) {
    InvokeResult r;
    r.payload = "{\"echo\":" + req.payload + "}";
    r.log = "START RequestId: x Version: $LATEST\nEND RequestId: x\n";
    return r;
  };
};

struct Fixture {
  explicit Fixture(sls::runtime::InvokeApiOptions options = {})
      : api(fake, std::move(options)), server(loop, "127.0.0.1", 0, api.handler()) {}
  ~Fixture() {
    server.stop();
    api.stop();
  }

  // Sends one request and returns the whole response text.
  std::string send(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& extra_headers = "") {
    Client c(server.port());
    c.send(method + " " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body);
    return c.response();
  }
  std::string invoke(const std::string& name, const std::string& body,
                     const std::string& extra_headers = "") {
    return send("POST", "/2015-03-31/functions/" + name + "/invocations", body, extra_headers);
  }

  FakeInvoker fake;
  sls::http::EventLoop loop{1};
  sls::runtime::InvokeApi api;
  sls::http::Server server;
};

int status_of(const std::string& response) {
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : 0;
}

}  // namespace

TEST_CASE("RequestResponse returns the function's payload with the executed version") {
  Fixture f;
  const std::string r = f.invoke("hello", R"({"a":1})");
  CHECK(status_of(r) == 200);
  CHECK(body_of(r) == R"({"echo":{"a":1}})");
  CHECK(header_of(r, "Content-Type") == "application/json");
  CHECK(header_of(r, "X-Amz-Executed-Version") == "$LATEST");
  CHECK(header_of(r, "x-amzn-RequestId") == "11111111-2222-4333-8444-555555555555");
  CHECK(header_of(r, "X-Amz-Function-Error").empty());
  CHECK(header_of(r, "X-Amz-Log-Result").empty());
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0].function == "hello");
  CHECK_FALSE(f.fake.calls[0].request.keep_log);
}

TEST_CASE("An empty body is the empty event {}") {
  Fixture f;
  CHECK(body_of(f.invoke("hello", "")) == R"({"echo":{}})");
}

TEST_CASE(
    "The function may be named by logical id, name:$LATEST, partial or full ARN, URL-encoded") {
  Fixture f;
  for (const std::string name :
       {"HelloFunction", "hello:$LATEST", "hello%3A%24LATEST", "123456789012:function:hello",
        "arn:aws:lambda:us-east-1:123456789012:function:hello",
        "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ahello%3A%24LATEST"}) {
    CAPTURE(name);
    CHECK(status_of(f.invoke(name, "{}")) == 200);
  }
  CHECK(status_of(f.send("POST", "/2015-03-31/functions/hello/invocations?Qualifier=%24LATEST",
                         "{}")) == 200);
}

TEST_CASE("Unknown functions, qualifiers and other accounts are ResourceNotFoundException") {
  Fixture f;
  const std::string r = f.invoke("nope", "{}");
  CHECK(status_of(r) == 404);
  CHECK(header_of(r, "x-amzn-ErrorType") == "ResourceNotFoundException");
  CHECK(
      body_of(r) ==
      R"({"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:$LATEST","Type":"User"})");
  CHECK(
      body_of(f.invoke("hello:live", "{}")) ==
      R"({"Message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:hello:live","Type":"User"})");
  CHECK(status_of(f.invoke("arn:aws:lambda:us-east-1:999999999999:function:hello", "{}")) == 404);
  CHECK(status_of(f.send("POST", "/2015-03-31/functions/hello/invocations?Qualifier=3", "{}")) ==
        404);
  CHECK(f.fake.calls.empty());
}

TEST_CASE("A function error is 200 with X-Amz-Function-Error: Unhandled and the error document") {
  Fixture f;
  f.fake.answer = [](const InvokeRequest&) {
    InvokeResult r;
    r.payload = R"({"errorMessage":"boom","errorType":"Exception"})";
    r.function_error = true;
    r.error_type = "Exception";
    return r;
  };
  const std::string r = f.invoke("hello", "{}");
  CHECK(status_of(r) == 200);
  CHECK(header_of(r, "X-Amz-Function-Error") == "Unhandled");
  CHECK(body_of(r) == R"({"errorMessage":"boom","errorType":"Exception"})");
}

TEST_CASE("X-Amz-Log-Type: Tail returns the base64 of the invocation's last 4 KB of log") {
  Fixture f;
  std::string log(5000, 'x');
  log += "\nREPORT RequestId: x\tDuration: 1.00 ms\t\n";
  f.fake.answer = [&](const InvokeRequest& req) {
    CHECK(req.keep_log);
    InvokeResult r;
    r.payload = "null";
    r.log = log;
    return r;
  };
  const std::string r = f.invoke("hello", "{}", "X-Amz-Log-Type: Tail\r\n");
  std::string decoded;
  char bad = 0;
  REQUIRE(sls::base64_decode(header_of(r, "X-Amz-Log-Result"), decoded, bad) ==
          sls::Base64Error::kOk);
  CHECK(decoded.size() == 4096);
  CHECK(decoded == log.substr(log.size() - 4096));
  CHECK(body_of(r) == "null");
}

TEST_CASE("DryRun checks the function and answers 204 without invoking") {
  Fixture f;
  const std::string r = f.invoke("hello", "{}", "X-Amz-Invocation-Type: DryRun\r\n");
  CHECK(status_of(r) == 204);
  CHECK(f.fake.calls.empty());
  CHECK(status_of(f.invoke("nope", "{}", "X-Amz-Invocation-Type: DryRun\r\n")) == 404);
}

TEST_CASE("Bad invocation and log types are ValidationException with the enum in the message") {
  Fixture f;
  const std::string r = f.invoke("hello", "{}", "X-Amz-Invocation-Type: Later\r\n");
  CHECK(status_of(r) == 400);
  CHECK(header_of(r, "x-amzn-ErrorType") == "ValidationException");
  CHECK(
      body_of(r) ==
      R"({"Type":"User","message":"1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"})");
  CHECK(
      body_of(f.invoke("hello", "{}", "X-Amz-Log-Type: All\r\n")) ==
      R"({"Type":"User","message":"1 validation error detected: Value 'All' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]"})");
}

TEST_CASE("A payload that is not JSON is InvalidRequestContentException") {
  Fixture f;
  const std::string r = f.invoke("hello", "{nope");
  CHECK(status_of(r) == 400);
  CHECK(header_of(r, "x-amzn-ErrorType") == "InvalidRequestContentException");
  CHECK(
      body_of(r) ==
      R"j({"Type":"User","message":"Could not parse request body into json: Could not parse payload into json: parse error at line 1, column 3: syntax error while parsing object key - invalid literal; last read: '{no'; expected string literal"})j");
  CHECK(f.fake.calls.empty());
}

TEST_CASE("Payloads above the sync and Event limits are RequestEntityTooLargeException") {
  Fixture f;
  const std::string big = "\"" + std::string(6291456, 'a') + "\"";
  const std::string r = f.invoke("hello", big);
  CHECK(status_of(r) == 413);
  CHECK(header_of(r, "x-amzn-ErrorType") == "RequestEntityTooLargeException");
  CHECK(
      body_of(r) ==
      R"({"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"})");
  const std::string event = "\"" + std::string(1048576, 'a') + "\"";
  CHECK(
      body_of(f.invoke("hello", event, "X-Amz-Invocation-Type: Event\r\n")) ==
      R"j({"Type":"User","message":"1048578 byte payload is too large for the Event invocation type (limit 1048576 bytes)"})j");
  const std::string fits = "\"" + std::string(6291454, 'a') + "\"";
  CHECK(status_of(f.invoke("hello", fits)) == 200);
}

TEST_CASE("The client context is decoded from base64 and passed on; a bad one is refused") {
  Fixture f;
  const std::string cc = sls::base64_encode(R"({"custom":{"k":"v"}})");
  CHECK(status_of(f.invoke("hello", "{}", "X-Amz-Client-Context: " + cc + "\r\n")) == 200);
  REQUIRE(f.fake.calls.size() == 1);
  CHECK(f.fake.calls[0].request.client_context == R"({"custom":{"k":"v"}})");
  const std::string r = f.invoke("hello", "{}", "X-Amz-Client-Context: %%%\r\n");
  CHECK(status_of(r) == 400);
  CHECK(header_of(r, "x-amzn-ErrorType") == "InvalidRequestContentException");
}

TEST_CASE("At the concurrency limit a synchronous invoke is TooManyRequestsException") {
  Fixture f;
  f.fake.throttle = 2;
  const std::string r = f.invoke("Limited", "{}");
  CHECK(status_of(r) == 429);
  CHECK(header_of(r, "x-amzn-ErrorType") == "TooManyRequestsException");
  CHECK(
      body_of(r) ==
      R"({"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})");
  CHECK(
      body_of(f.invoke("hello", "{}")) ==
      R"({"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."})");
}

TEST_CASE("An Event invocation is accepted with 202 and run from the queue") {
  Fixture f;
  const std::string r = f.invoke("hello", R"({"n":1})", "X-Amz-Invocation-Type: Event\r\n");
  CHECK(status_of(r) == 202);
  CHECK(body_of(r).empty());
  CHECK(header_of(r, "x-amzn-RequestId").size() == 36);
  REQUIRE(f.fake.wait_calls(1));
  CHECK(f.fake.calls[0].request.payload == R"({"n":1})");
}

TEST_CASE("A failing Event invocation is retried twice, after the configured delays") {
  sls::runtime::InvokeApiOptions o;
  o.event_retry_delays = {20ms, 40ms};
  Fixture f(o);
  std::atomic<int> attempts = 0;
  f.fake.answer = [&](const InvokeRequest&) {
    ++attempts;
    InvokeResult r;
    r.payload = R"({"errorMessage":"x","errorType":"E"})";
    r.function_error = true;
    return r;
  };
  const auto start = std::chrono::steady_clock::now();
  CHECK(status_of(f.invoke("hello", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  REQUIRE(f.fake.wait_calls(3));
  CHECK(std::chrono::steady_clock::now() - start >= 60ms);
  std::this_thread::sleep_for(100ms);
  CHECK(attempts == 3);  // one try and two retries, then dropped
  CHECK(f.api.pending_events() == 0);
}

TEST_CASE("EventInvokeConfig: MaximumRetryAttempts bounds the retries of a failed event") {
  sls::runtime::InvokeApiOptions o;
  o.event_retry_delays = {10ms, 10ms};
  Fixture f(o);
  f.fake.answer = [&](const InvokeRequest&) {
    InvokeResult r;
    r.payload = R"({"errorMessage":"x","errorType":"E"})";
    r.function_error = true;
    return r;
  };
  const auto attempts = [&](const std::string& name) {
    std::lock_guard lock(f.fake.mu);
    size_t n = 0;
    for (const auto& c : f.fake.calls) n += c.function == name ? 1 : 0;
    return n;
  };
  CHECK(status_of(f.invoke("Once", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  CHECK(status_of(f.invoke("Twice", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  REQUIRE(f.fake.wait_calls(3));
  std::this_thread::sleep_for(100ms);  // longer than every retry delay: nothing more comes
  CHECK(attempts("Once") == 1);
  CHECK(attempts("Twice") == 2);
  CHECK(f.api.pending_events() == 0);
}

TEST_CASE("EventInvokeConfig: an event that would wait past MaximumEventAgeInSeconds is dropped") {
  sls::runtime::InvokeApiOptions o;
  o.throttle_retry_first = std::chrono::seconds(61);  // one throttle: the next try is 61 s away
  Fixture f(o);
  f.fake.throttle = 2;
  CHECK(status_of(f.invoke("Once", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  CHECK(status_of(f.invoke("hello", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  const auto throttled = [&] {
    std::lock_guard lock(f.fake.mu);
    return f.fake.throttled;
  };
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (throttled() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(throttled() == 2);
  std::this_thread::sleep_for(20ms);   // the scheduler files or drops each
  CHECK(f.api.pending_events() == 1);  // hello waits (six hours allowed); Once (60 s) is gone
}

TEST_CASE("A throttled Event invocation waits and is tried again, without using up its retries") {
  sls::runtime::InvokeApiOptions o;
  o.throttle_retry_first = 10ms;
  Fixture f(o);
  f.fake.throttle = 3;
  CHECK(status_of(f.invoke("hello", "{}", "X-Amz-Invocation-Type: Event\r\n")) == 202);
  REQUIRE(f.fake.wait_calls(1));
  CHECK(f.fake.throttled == 3);
}

TEST_CASE("Other paths are UnknownOperationException; other methods are refused") {
  Fixture f;
  const std::string r = f.send("GET", "/2015-03-31/functions", "");
  CHECK(status_of(r) == 404);
  CHECK(header_of(r, "x-amzn-ErrorType") == "UnknownOperationException");
  CHECK(status_of(f.send("GET", "/2015-03-31/functions/hello/invocations", "")) == 405);
}

TEST_CASE("log_tail keeps the last bytes and base64-encodes them") {
  CHECK(sls::runtime::log_tail("abcdef", 4) == sls::base64_encode("cdef"));
  CHECK(sls::runtime::log_tail("ab") == sls::base64_encode("ab"));
}

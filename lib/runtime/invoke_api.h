// The Lambda Invoke API (spec/lambda-runtime-api.md §8), the service `sls local-lambda` serves
// so that `aws lambda invoke --endpoint-url` and the AWS SDKs call local functions unchanged:
//   POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=...]
// with RequestResponse, Event (202 at once, run from a queue and retried as Lambda retries
// asynchronous invocations) and DryRun; X-Amz-Log-Type: Tail; X-Amz-Client-Context; errors as
// the service's REST-JSON bodies with x-amzn-ErrorType. And InvokeWithResponseStream:
//   POST /2021-11-15/functions/{FunctionName}/response-streaming-invocations
// (RequestResponse and DryRun, the same checks and errors), answered 200 with an
// application/vnd.amazon.eventstream body (event_stream.h): a PayloadChunk event per piece as
// the runtime streams it (InvokeRequest::on_chunk), or one for a buffered response (or for the
// error document of a function that failed without streaming), then an InvokeComplete event
// with ErrorCode/ErrorDetails (function errors) and LogResult (Tail). A slow client holds the
// function back (InvokeRequest::on_chunk's wait) rather than having its stream queued here.
// Thread safety: handle() may be called from any thread, concurrently.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "http/http.h"
#include "runtime/runtime.h"

namespace sls::runtime {

struct InvokeApiOptions {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // Waits before the retries of an Event invocation whose function failed: Lambda retries
  // twice, about one and two minutes later (MaximumRetryAttempts 2).
  std::vector<std::chrono::milliseconds> event_retry_delays = {std::chrono::minutes(1),
                                                               std::chrono::minutes(2)};
  // A throttled Event invocation waits and tries again, doubling the wait up to the cap, until
  // it is older than max_event_age (Lambda: six hours).
  std::chrono::milliseconds throttle_retry_first = std::chrono::seconds(1);
  std::chrono::milliseconds throttle_retry_cap = std::chrono::minutes(1);
  std::chrono::milliseconds max_event_age = std::chrono::hours(6);
  // Event invocations waiting in the queue at most; more are refused with 429.
  size_t event_queue_limit = 10'000;
};

class InvokeApi {
 public:
  explicit InvokeApi(Invoker& invoker, InvokeApiOptions options = {});
  ~InvokeApi();  // stop()
  InvokeApi(const InvokeApi&) = delete;
  InvokeApi& operator=(const InvokeApi&) = delete;

  // Answers one request (an http::Handler). RequestResponse answers when the function is done,
  // from the thread that finishes it; InvokeWithResponseStream as the function streams.
  void handle(http::Request request, http::Responder respond);
  http::Handler handler();

  // Event invocations queued or running right now.
  size_t pending_events() const;
  // Drops queued Event invocations (they are logged) and waits for the ones running.
  // Idempotent.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// X-Amz-Log-Result: base64 of the last `limit` bytes of an invocation's log text (Lambda sends
// the last 4 KB, so the REPORT line is always in it).
std::string log_tail(std::string_view log, size_t limit = 4096);

}  // namespace sls::runtime

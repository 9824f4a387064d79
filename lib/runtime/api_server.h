// The Runtime API of one execution environment (spec/lambda-runtime-api.md §1, §2): an HTTP
// server on 127.0.0.1 (port 0) and the state machine of the protocol, with the exact status codes
// and bodies of §2. It parks the runtime's `GET next` until deliver() hands it an event, and
// tells its Listener what the runtime did; what that means for the invocation (logs, results,
// timeouts) is the environment's business. A streamed response (§2.3) is passed on piece by
// piece as it arrives, never buffered here.
//
// Thread safety: every method is safe from any thread. Listener callbacks run on the server's
// loop threads with no ApiServer lock held; a callback may call deliver(). Lock order: a caller
// may hold its own lock while calling deliver(), never the other way round.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "http/http.h"

namespace sls::runtime {

// One event for the runtime, with the headers of §2.1.
struct Delivery {
  std::string request_id;
  std::string payload;
  std::string content_type = "application/json";
  std::string function_arn;
  int64_t deadline_epoch_ms = 0;
  std::string trace_id;
  std::string client_context;    // "" = header not sent
  std::string cognito_identity;  // "" = header not sent
  std::string tenant_id;         // "" = header not sent
};

class ApiServer {
 public:
  // Every callback carries the `generation` given at construction, so a listener that outlived
  // one process can tell a stale server's news from the current one's.
  class Listener {
   public:
    virtual ~Listener() = default;
    // The runtime asked for an event. `first`: the first request of this process (init is over);
    // otherwise the previous invocation is over (its response or error came before).
    virtual void on_next(uint64_t generation, bool first) = 0;
    virtual void on_response(uint64_t generation, std::string body, std::string content_type) = 0;
    // A streamed response (§2.3) began. Its pieces follow through on_response_chunk as they
    // arrive (on one thread at a time, in order), then on_response_end, or on_function_error
    // when it ends with error trailers or passes 200 MB. A stream cut short (the runtime died)
    // gets no end: the process's exit tells. on_response_chunk may return a wait to stop the
    // reading of the runtime's body until it resumes it (http::BodyWait); an empty one goes on.
    virtual void on_response_start(uint64_t generation, std::string content_type) = 0;
    virtual http::BodyWait on_response_chunk(uint64_t generation, std::string_view chunk) = 0;
    virtual void on_response_end(uint64_t generation) = 0;
    // The invocation failed: the runtime posted /error (body verbatim), a streamed response
    // ended with error trailers, or the response was too large (Function.ResponseSizeTooLarge).
    // `error_type` is the Lambda-Runtime-Function-Error-Type (or trailer) value, "" when none.
    virtual void on_function_error(uint64_t generation, std::string body,
                                   std::string error_type) = 0;
    virtual void on_init_error(uint64_t generation, std::string body, std::string error_type) = 0;
  };

  // Listens at once. Requires: `listener` outlives the ApiServer's stop().
  // Listens on a free port of 127.0.0.1. Throws Error{kIo} when it cannot.
  ApiServer(http::EventLoop& loop, uint64_t generation, Listener& listener);
  // Serves on `socket`, already listening (a runtime started before the loop existed).
  ApiServer(http::EventLoop& loop, uint64_t generation, Listener& listener,
            http::ListeningSocket socket);
  ~ApiServer();  // stop()
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  uint16_t port() const;
  // Sends `d` as the answer to the runtime's waiting `GET next`. false (nothing sent) when the
  // runtime is not waiting for an event.
  bool deliver(Delivery d);
  // Whether the runtime is waiting in `GET next`.
  bool waiting() const;
  // Drops a waiting `next` and stops the server. Requires: not on a loop thread. Idempotent.
  void stop();

 private:
  enum class State : uint8_t { kStarted, kReady, kRunning, kResponseSent, kInitError };
  static std::string_view state_name(State s);

  void handle(http::Request req, http::Responder respond);
  http::BodySink route_body(const http::Request& head);
  http::BodyWait take_chunk(std::string_view chunk);
  http::Response on_stream_end(const http::Request& req);
  http::Response on_next(http::Responder& respond, bool& parked);
  http::Response on_post(const http::Request& req, std::string_view id, bool is_error);
  http::Response on_init_error(const http::Request& req);

  const uint64_t generation_;
  Listener& listener_;

  mutable std::mutex mu_;  // guards state_, current_id_, parked_, stream_bytes_, stream_too_large_
  State state_ = State::kStarted;
  std::string current_id_;  // the invocation delivered last
  http::Responder parked_;  // the waiting `GET next`, when state_ is kReady
  // The streamed response being received (route_body accepted it): its size so far, and whether
  // it passed the 200 MB limit (what came after is dropped).
  size_t stream_bytes_ = 0;
  bool stream_too_large_ = false;

  std::unique_ptr<http::Server> server_;  // last: its handler uses the members above
};

// Standard base64 (RFC 4648) decoding of a trailer value; invalid input yields what decoded so far.
std::string base64_decode(std::string_view in);

}  // namespace sls::runtime

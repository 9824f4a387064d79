// The Lambda Invoke API over an Invoker (invoke_api.h; spec/lambda-runtime-api.md §8).
#include "runtime/invoke_api.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/log.h"
#include "runtime/event_stream.h"

namespace sls::runtime {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kPathPrefix = "/2015-03-31/functions/";
constexpr std::string_view kPathSuffix = "/invocations";
constexpr std::string_view kLatest = "$LATEST";
constexpr std::string_view kStreamPathPrefix = "/2021-11-15/functions/";
constexpr std::string_view kStreamPathSuffix = "/response-streaming-invocations";
constexpr std::string_view kEventStreamType = "application/vnd.amazon.eventstream";

// Every text this API sends (spec §8; ✔ confirmed, ◐ secondary, ? unconfirmed).
namespace msg {
constexpr std::string_view kNotFound = "Function not found: ";  // ✔ + the ARN
constexpr std::string_view kBadJson =
    "Could not parse request body into json: Could not parse payload into json: ";  // ✔ + detail ◐
// ✔ for Invoke; InvokeWithResponseStream answers the same text (?).
constexpr std::string_view kSyncTooLarge =
    "Request must be smaller than 6291456 bytes for the InvokeFunction operation";
// ◐ "<n> byte payload is too large for the Event invocation type (limit 1048576 bytes)"
constexpr std::string_view kEventTooLargeTail =
    " byte payload is too large for the Event "
    "invocation type (limit 1048576 bytes)";
constexpr std::string_view kRateExceeded = "Rate Exceeded.";  // ?
constexpr std::string_view kBadClientContext =
    "Client context must be a valid Base64-encoded JSON object.";    // ?
constexpr std::string_view kUnknownOperation = "Unknown operation";  // ?
// InvokeWithResponseStream's answer to a failed invocation (spec §8), by how the runtime failed:
// - It streamed (§2.3) and failed mid-stream: no event for the error beyond InvokeComplete, whose
//   ErrorCode is the Lambda-Runtime-Function-Error-Type trailer and ErrorDetails the decoded
//   Lambda-Runtime-Function-Error-Body, the whole error document. ✔ live service:
//   aws/aws-lambda-dotnet's ResponseStreamingTests.UnhandledExceptionHandler (2026) expects
//   ErrorCode "InvalidOperationException" (the trailer's type) and ErrorDetails holding both
//   the errorMessage and "stackTrace". Our own mid-stream failures (timeout, crash, 200 MB) take
//   the same shape with their error type and document (?).
// - It did not stream (a buffered handler's /error, an init failure, a timeout or crash before
//   any response): the error document is the payload, sent as PayloadChunk events as a buffered
//   response is. ✔ for the sandbox side: aws-lambda-runtime-interface-emulator's directinvoke
//   (sendStreamingInvokeErrorResponse) streams a posted /error body as the response body of a
//   streaming invoke, with no trailers; ◐ that the front end relays it as PayloadChunk:
//   remotion's Lambda client (call-lambda-streaming.ts) reads {errorType, errorMessage, trace}
//   documents out of the PayloadChunk bytes. Then InvokeComplete with ErrorCode kUnhandled, as
//   Invoke's X-Amz-Function-Error (◐: the same client tells this code apart), and ErrorDetails
//   the document, as in the mid-stream case (?).
constexpr std::string_view kUnhandled = "Unhandled";
}  // namespace msg

std::string uuid4() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const uint64_t hi = (rng() & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  const uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32),
                unsigned(hi >> 16 & 0xFFFF), unsigned(hi & 0xFFFF), unsigned(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of a path segment or query value ('+' is a space only in queries).
std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int h = hex_value(s[i + 1]);
      const int l = hex_value(s[i + 2]);
      if (h >= 0 && l >= 0) {
        out += static_cast<char>(h * 16 + l);
        i += 2;
        continue;
      }
    }
    out += plus_is_space && s[i] == '+' ? ' ' : s[i];
  }
  return out;
}

// A query parameter's decoded value, or nullopt.
std::optional<std::string> query_param(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    if (url_decode(pair.substr(0, eq), true) == name) {
      return eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// FunctionName as Invoke accepts it: name, name:qualifier, 123456789012:function:name[:q], or
// arn:aws:lambda:region:123456789012:function:name[:q].
struct Target {
  std::string name;
  std::string qualifier;  // "" when none was given
  std::string account;    // "" when not in the name
  std::string region;     // "" when not in the name
};

std::optional<Target> parse_function_name(std::string_view s) {
  const std::vector<std::string_view> p = split(s, ':');
  Target t;
  if (p.size() <= 2) {
    t.name = p[0];
    if (p.size() == 2) t.qualifier = p[1];
  } else if ((p.size() == 3 || p.size() == 4) && p[1] == "function") {
    t.account = p[0];
    t.name = p[2];
    if (p.size() == 4) t.qualifier = p[3];
  } else if ((p.size() == 7 || p.size() == 8) && p[0] == "arn" && p[2] == "lambda" &&
             p[5] == "function") {
    t.region = p[3];
    t.account = p[4];
    t.name = p[6];
    if (p.size() == 8) t.qualifier = p[7];
  } else {
    return std::nullopt;
  }
  if (t.name.empty()) return std::nullopt;
  return t;
}

// The operations served, and the function name segment of their path.
enum class Operation : uint8_t { kInvoke, kInvokeWithResponseStream };
struct Route {
  Operation operation;
  std::string_view function;  // still percent-encoded
};

std::optional<Route> match_route(std::string_view path) {
  const auto name = [path](std::string_view prefix,
                           std::string_view suffix) -> std::optional<std::string_view> {
    if (!path.starts_with(prefix) || !path.ends_with(suffix) ||
        path.size() <= prefix.size() + suffix.size()) {
      return std::nullopt;
    }
    return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  };
  if (const auto n = name(kPathPrefix, kPathSuffix)) return Route{Operation::kInvoke, *n};
  if (const auto n = name(kStreamPathPrefix, kStreamPathSuffix)) {
    return Route{Operation::kInvokeWithResponseStream, *n};
  }
  return std::nullopt;
}

// A request that passed every check.
struct Call {
  std::string function;  // FunctionConfig::name
  std::string type;      // X-Amz-Invocation-Type
  bool tail = false;     // X-Amz-Log-Type: Tail
  InvokeRequest invoke;
};

// InvokeComplete's ErrorCode for a failed invocation (msg::kUnhandled says why).
std::string error_code(const InvokeResult& r) {
  if (!r.streamed || r.error_type.empty()) return std::string(msg::kUnhandled);
  return r.error_type;
}

// One InvokeWithResponseStream answer (spec §8): 200 with the event-stream headers once there is
// something to send, a PayloadChunk event per piece as the function streams it (a buffered
// response, or the error document of a function that did not stream, is one piece), then one
// InvokeComplete event with ErrorCode and ErrorDetails when the function failed and LogResult
// with Tail. Backpressure: while the client has more than ResponseWriter::kQueueLimitBytes
// queued, piece() holds the runtime back (ChunkWait) until the queue drains or the client goes.
// mu_ guards the rest: pieces come from a loop thread (with an environment's lock held: never
// block here), the end from whichever thread finishes the invocation.
// shared_ptr: a wait given to the Runtime API connection keeps the answer it waits on.
class StreamAnswer : public std::enable_shared_from_this<StreamAnswer> {
 public:
  StreamAnswer(http::Responder respond, std::string request_id)
      : respond_(std::move(respond)), request_id_(std::move(request_id)) {}

  ChunkWait piece(std::string_view bytes) {
    std::lock_guard lock(mu_);
    start();
    write_payload(bytes);
    if (!writer_.full()) return {};
    return [self = shared_from_this()](ChunkResume resume) {
      std::lock_guard wait_lock(self->mu_);
      self->writer_.on_drained(std::move(resume));  // at once when finished or gone meanwhile
    };
  }

  void complete(InvokeResult result, bool tail) {
    std::lock_guard lock(mu_);
    start();
    // A buffered response, or the error document of a function that did not stream ("" after a
    // successful stream; a streamed failure's document goes in InvokeComplete only).
    if (!result.streamed) write_payload(result.payload);
    json doc = json::object();
    if (result.function_error) {
      doc["ErrorCode"] = error_code(result);
      doc["ErrorDetails"] = result.payload;
    }
    if (tail) doc["LogResult"] = log_tail(result.log);
    // An error document that is not UTF-8 must not throw here: its bad bytes become U+FFFD.
    writer_.write(invoke_complete_event(doc.dump(-1, ' ', false, json::error_handler_t::replace)));
    writer_.finish();
  }

  // Answers with `r` instead, when nothing was sent yet (the invocation never started).
  void refuse(http::Response r) {
    std::lock_guard lock(mu_);
    if (respond_) respond_(std::move(r));
  }

 private:
  void start() {  // Requires: mu_
    if (!respond_) return;
    http::Headers h;
    h.add("Content-Type", std::string(kEventStreamType));
    h.add("X-Amz-Executed-Version", std::string(kLatest));
    h.add("x-amzn-RequestId", request_id_);
    writer_ = respond_.stream(200, std::move(h));
  }

  // PayloadChunk events, none over the event-stream's payload limit.
  void write_payload(std::string_view bytes) {  // Requires: mu_
    while (!bytes.empty()) {
      const size_t n = std::min(bytes.size(), kMaxEventPayloadBytes);
      writer_.write(payload_chunk_event(bytes.substr(0, n)));
      bytes.remove_prefix(n);
    }
  }

  std::mutex mu_;
  http::Responder respond_;  // until the answer starts
  http::ResponseWriter writer_;
  const std::string request_id_;
};

// One queued Event invocation.
struct EventJob {
  std::string function;
  InvokeRequest request;
  std::string request_id;
  Clock::time_point received;
  int attempt = 0;  // attempts made so far
  std::chrono::milliseconds throttle_wait{0};
};

}  // namespace

struct InvokeApi::Impl : std::enable_shared_from_this<InvokeApi::Impl> {
  Impl(Invoker& inv, InvokeApiOptions opts) : invoker(inv), options(std::move(opts)) {}

  Invoker& invoker;
  InvokeApiOptions options;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::multimap<Clock::time_point, EventJob> queue;  // by due time
  size_t running = 0;
  bool stopping = false;
  std::thread scheduler;

  std::string arn(std::string_view name) const {
    return "arn:aws:lambda:" + options.region + ":" + options.account_id +
           ":function:" + std::string(name);
  }

  static http::Response error(int status, std::string_view code, std::string_view message,
                              std::string_view request_id, bool capital_message = false) {
    http::Response r;
    r.status = status;
    json body = {{"Type", "User"}, {capital_message ? "Message" : "message", message}};
    r.body = body.dump();
    r.headers.add("Content-Type", "application/json");
    r.headers.add("x-amzn-ErrorType", std::string(code));
    r.headers.add("x-amzn-RequestId", std::string(request_id));
    return r;
  }

  http::Response not_found(std::string_view name, std::string_view qualifier,
                           std::string_view request_id) const {
    const std::string full = arn(name) + ":" + std::string(qualifier.empty() ? kLatest : qualifier);
    return error(404, "ResourceNotFoundException", std::string(msg::kNotFound) + full, request_id,
                 true);
  }

  http::Response throttled(std::string_view function, std::string_view request_id) const {
    http::Response r = error(429, "TooManyRequestsException", msg::kRateExceeded, request_id);
    const FunctionConfig* fn = invoker.find(function);
    const bool reserved = fn && fn->reserved_concurrency.has_value();
    json body = {{"Reason", reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                                     : "ConcurrentInvocationLimitExceeded"},
                 {"Type", "User"},
                 {"message", msg::kRateExceeded}};
    r.body = body.dump();
    return r;
  }

  static http::Response validation(std::string_view value, std::string_view member,
                                   std::string_view allowed, std::string_view request_id) {
    return error(400, "ValidationException",
                 "1 validation error detected: Value '" + std::string(value) + "' at '" +
                     std::string(member) +
                     "' failed to satisfy constraint: Member must satisfy enum value set: [" +
                     std::string(allowed) + "]",
                 request_id);
  }

  void handle(http::Request req, http::Responder respond) {
    const std::string request_id = uuid4();
    const std::string_view target = req.target;
    const size_t q = target.find('?');
    const std::optional<Route> route = match_route(target.substr(0, q));
    if (!route) {
      respond(error(404, "UnknownOperationException", msg::kUnknownOperation, request_id));
      return;
    }
    if (req.method != "POST") {
      respond(error(405, "MethodNotAllowedException", msg::kUnknownOperation, request_id));
      return;
    }
    const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
    std::variant<http::Response, Call> checked = check(req, *route, query, request_id);
    if (auto* refused = std::get_if<http::Response>(&checked)) {
      respond(std::move(*refused));
      return;
    }
    Call call = std::get<Call>(std::move(checked));
    if (call.type == "DryRun") {
      http::Response r;
      r.status = 204;
      r.headers.add("x-amzn-RequestId", request_id);
      respond(std::move(r));
      return;
    }
    if (call.type == "Event") {
      enqueue(call.function, std::move(call.invoke), request_id, respond);
      return;
    }
    call.invoke.keep_log = call.tail;
    call.invoke.answer_at_response =
        true;  // as Lambda: the caller need not wait for END and REPORT
    if (route->operation == Operation::kInvokeWithResponseStream) {
      call.invoke.request_id = request_id;
      invoke_stream(call.function, std::move(call.invoke), request_id, std::move(respond));
      return;
    }
    invoke_sync(call.function, std::move(call.invoke), request_id, std::move(respond));
  }

  // Checks a request for `route` as the service does (spec §8): the function, the invocation and
  // log types, the client context, the payload. The refusal, or the call to make.
  std::variant<http::Response, Call> check(http::Request& req, const Route& route,
                                           std::string_view query,
                                           const std::string& request_id) const {
    const std::string raw_name = url_decode(route.function, false);
    std::optional<Target> t = parse_function_name(raw_name);
    if (!t) return not_found(raw_name, "", request_id);
    if (const std::optional<std::string> qp = query_param(query, "Qualifier")) t->qualifier = *qp;
    const FunctionConfig* fn = invoker.find(t->name);
    const bool foreign = (!t->account.empty() && t->account != options.account_id) ||
                         (!t->region.empty() && t->region != options.region);
    if (!fn || foreign || (!t->qualifier.empty() && t->qualifier != kLatest)) {
      return not_found(t->name, t->qualifier, request_id);
    }
    Call call;
    call.function = fn->name;
    if (auto refused = check_headers(req, route.operation, request_id, call)) return *refused;
    if (auto refused = check_payload(req, call.type, request_id)) return *refused;
    call.invoke.payload = std::move(req.body);
    return call;
  }

  // X-Amz-Invocation-Type, X-Amz-Log-Type and X-Amz-Client-Context into `call`; a refusal when
  // one is invalid. InvokeWithResponseStream knows no Event type (its model's
  // ResponseStreamingInvocationType is RequestResponse | DryRun).
  static std::optional<http::Response> check_headers(const http::Request& req, Operation op,
                                                     const std::string& request_id, Call& call) {
    call.type = req.headers.contains("X-Amz-Invocation-Type")
                    ? std::string(req.headers.get("X-Amz-Invocation-Type"))
                    : "RequestResponse";
    const bool streaming = op == Operation::kInvokeWithResponseStream;
    if (call.type != "RequestResponse" && call.type != "DryRun" &&
        (streaming || call.type != "Event")) {
      return validation(call.type, "invocationType",
                        streaming ? "RequestResponse, DryRun" : "Event, RequestResponse, DryRun",
                        request_id);
    }
    const std::string log_type = req.headers.contains("X-Amz-Log-Type")
                                     ? std::string(req.headers.get("X-Amz-Log-Type"))
                                     : "None";
    if (log_type != "None" && log_type != "Tail") {
      return validation(log_type, "logType", "None, Tail", request_id);
    }
    call.tail = log_type == "Tail";
    if (const std::string_view cc = req.headers.get("X-Amz-Client-Context"); !cc.empty()) {
      std::string decoded;
      char bad = 0;
      if (cc.size() > size_t(limits::kInvokeClientContextBytes.value) ||
          base64_decode(cc, decoded, bad) != Base64Error::kOk || !json::accept(decoded)) {
        return error(400, "InvalidRequestContentException", msg::kBadClientContext, request_id);
      }
      call.invoke.client_context = std::move(decoded);
    }
    call.invoke.trace_id = std::string(req.headers.get("X-Amzn-Trace-Id"));
    call.invoke.tenant_id = std::string(req.headers.get("X-Amz-Tenant-Id"));
    return std::nullopt;
  }

  // The payload's size limits and JSON; an empty payload becomes {}.
  static std::optional<http::Response> check_payload(http::Request& req, std::string_view type,
                                                     const std::string& request_id) {
    const size_t size = req.body.size();
    if (type == "Event" && size > size_t(limits::kInvokeAsyncRequestBytes.value)) {
      return error(413, "RequestEntityTooLargeException",
                   std::to_string(size) + std::string(msg::kEventTooLargeTail), request_id);
    }
    if (size > size_t(limits::kInvokeSyncRequestBytes.value)) {
      return error(413, "RequestEntityTooLargeException", msg::kSyncTooLarge, request_id);
    }
    if (req.body.empty()) req.body = "{}";
    if (json::accept(req.body)) return std::nullopt;
    std::string detail;
    try {
      const json ignored = json::parse(req.body);
    } catch (const json::parse_error& e) {
      detail = e.what();
      // nlohmann's "[json.exception.parse_error.101] " prefix is ours, not the service's.
      if (const size_t close = detail.find("] "); close != std::string::npos) {
        detail.erase(0, close + 2);
      }
    }
    return error(400, "InvalidRequestContentException", std::string(msg::kBadJson) + detail,
                 request_id);
  }

  // InvokeWithResponseStream: the function's response as it streams, framed as event-stream
  // messages (StreamAnswer).
  void invoke_stream(const std::string& function, InvokeRequest invoke,
                     const std::string& request_id, http::Responder respond) {
    const bool tail = invoke.keep_log;
    auto answer = std::make_shared<StreamAnswer>(std::move(respond), request_id);
    invoke.on_chunk = [answer](std::string_view piece) { return answer->piece(piece); };
    try {
      invoker.invoke(function, std::move(invoke), [answer, tail](InvokeResult result) {
        answer->complete(std::move(result), tail);
      });
    } catch (const Error& e) {
      if (e.code() == Errc::kLimitExceeded) {
        answer->refuse(throttled(function, request_id));
      } else if (e.code() == Errc::kNotFound) {
        answer->refuse(not_found(function, "", request_id));
      } else {
        answer->refuse(error(500, "ServiceException", e.message(), request_id, true));
      }
    }
  }

  void invoke_sync(const std::string& function, InvokeRequest invoke, const std::string& request_id,
                   http::Responder respond) {
    const bool tail = invoke.keep_log;
    // The Responder is move-only; the callback must be copyable for std::function.
    auto shared = std::make_shared<http::Responder>(std::move(respond));
    try {
      invoker.invoke(function, std::move(invoke), [shared, tail](InvokeResult result) {
        http::Response r;
        r.status = 200;
        r.headers.add("Content-Type",
                      result.content_type.empty() ? "application/json" : result.content_type);
        r.headers.add("X-Amz-Executed-Version", std::string(kLatest));
        r.headers.add("x-amzn-RequestId", result.request_id);
        if (result.function_error) r.headers.add("X-Amz-Function-Error", "Unhandled");
        if (tail) r.headers.add("X-Amz-Log-Result", log_tail(result.log));
        r.body = std::move(result.payload);
        (*shared)(std::move(r));
      });
    } catch (const Error& e) {
      if (e.code() == Errc::kLimitExceeded) {
        (*shared)(throttled(function, request_id));
      } else if (e.code() == Errc::kNotFound) {
        (*shared)(not_found(function, "", request_id));
      } else {
        (*shared)(error(500, "ServiceException", e.message(), request_id, true));
      }
    }
  }

  void enqueue(const std::string& function, InvokeRequest invoke, const std::string& request_id,
               http::Responder& respond) {
    {
      std::lock_guard lock(mu);
      if (stopping || queue.size() >= options.event_queue_limit) {
        respond(throttled(function, request_id));
        return;
      }
      EventJob job{function, std::move(invoke),           request_id, Clock::now(),
                   0,        std::chrono::milliseconds(0)};
      queue.emplace(job.received, std::move(job));
      if (!scheduler.joinable()) {
        scheduler = std::thread([self = shared_from_this()] { self->run_scheduler(); });
      }
    }
    cv.notify_one();
    http::Response r;
    r.status = 202;
    r.headers.add("x-amzn-RequestId", request_id);
    respond(std::move(r));
  }

  // The age past which a queued event of `function` is dropped: its EventInvokeConfig's, or
  // the default.
  Clock::duration max_event_age(const std::string& function) const {
    const FunctionConfig* fn = invoker.find(function);
    if (fn && fn->event_max_age)
      return std::min<Clock::duration>(*fn->event_max_age, options.max_event_age);
    return options.max_event_age;
  }

  // Retries after function errors: EventInvokeConfig's MaximumRetryAttempts, at most one per
  // configured delay.
  size_t max_retries(const std::string& function) const {
    const FunctionConfig* fn = invoker.find(function);
    const size_t configured = options.event_retry_delays.size();
    if (!fn || !fn->event_max_retries) return configured;
    return std::min(configured, static_cast<size_t>(std::max(0, *fn->event_max_retries)));
  }

  // Puts a job back for a later attempt, or drops it (logged) when it may not be retried.
  void reschedule(EventJob job, Clock::duration wait, std::string_view why) {
    const Clock::duration max_age = max_event_age(job.function);
    std::lock_guard lock(mu);
    const Clock::time_point due = Clock::now() + wait;
    if (stopping || due - job.received > max_age) {
      sls::log::warn("event invocation {} of {} dropped: {}", job.request_id, job.function, why);
      return;
    }
    queue.emplace(due, std::move(job));
    cv.notify_one();
  }

  void finished(EventJob job, const InvokeResult& result) {
    {
      std::lock_guard lock(mu);
      --running;
    }
    cv.notify_all();
    if (!result.function_error) return;
    const size_t retry = static_cast<size_t>(job.attempt) - 1;
    if (retry >= max_retries(job.function)) {
      sls::log::warn("event invocation {} of {} failed after {} attempts ({})", job.request_id,
                     job.function, job.attempt, result.error_type);
      return;
    }
    reschedule(std::move(job), options.event_retry_delays[retry], "its function failed");
  }

  void start(EventJob job) {
    ++job.attempt;
    const std::string function = job.function;
    InvokeRequest request = job.request;  // kept in the job for retries
    auto keep = std::make_shared<EventJob>(std::move(job));
    try {
      invoker.invoke(function, std::move(request),
                     [self = shared_from_this(), keep](InvokeResult result) {
                       self->finished(std::move(*keep), result);
                     });
    } catch (const Error& e) {
      {
        std::lock_guard lock(mu);
        --running;
      }
      cv.notify_all();
      EventJob back = std::move(*keep);
      if (e.code() != Errc::kLimitExceeded) {
        sls::log::warn("event invocation {} of {} dropped: {}", back.request_id, back.function,
                       e.message());
        return;
      }
      --back.attempt;  // a throttle is not an attempt
      back.throttle_wait = back.throttle_wait.count() == 0
                               ? options.throttle_retry_first
                               : std::min(back.throttle_wait * 2, options.throttle_retry_cap);
      const auto wait = back.throttle_wait;
      reschedule(std::move(back), wait, "throttled for longer than the maximum event age");
    }
  }

  void run_scheduler() {
    std::unique_lock lock(mu);
    while (!stopping) {
      if (queue.empty()) {
        cv.wait(lock);
        continue;
      }
      const auto due = queue.begin()->first;
      if (Clock::now() < due) {
        cv.wait_until(lock, due);
        continue;
      }
      EventJob job = std::move(queue.begin()->second);
      queue.erase(queue.begin());
      ++running;
      lock.unlock();
      start(std::move(job));
      lock.lock();
    }
  }

  void stop() {
    std::thread t;
    {
      std::lock_guard lock(mu);
      if (stopping && !scheduler.joinable()) return;
      stopping = true;
      for (const auto& [due, job] : queue) {
        sls::log::warn("event invocation {} of {} dropped: sls is stopping", job.request_id,
                       job.function);
      }
      queue.clear();
      t = std::move(scheduler);
    }
    cv.notify_all();
    if (t.joinable()) t.join();
  }
};

InvokeApi::InvokeApi(Invoker& invoker, InvokeApiOptions options)
    : impl_(std::make_shared<Impl>(invoker, std::move(options))) {}

InvokeApi::~InvokeApi() { stop(); }

void InvokeApi::handle(http::Request request, http::Responder respond) {
  impl_->handle(std::move(request), std::move(respond));
}

http::Handler InvokeApi::handler() {
  return [impl = impl_](http::Request request, http::Responder respond) {
    impl->handle(std::move(request), std::move(respond));
  };
}

size_t InvokeApi::pending_events() const {
  std::lock_guard lock(impl_->mu);
  return impl_->queue.size() + impl_->running;
}

void InvokeApi::stop() { impl_->stop(); }

std::string log_tail(std::string_view log, size_t limit) {
  if (log.size() > limit) log.remove_prefix(log.size() - limit);
  return base64_encode(log);
}

}  // namespace sls::runtime

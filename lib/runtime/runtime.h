// The runtime room's door: run Lambda functions locally the way Lambda does
// (spec/lambda-runtime-api.md). A Service owns, per function, a pool of execution environments;
// each environment is one runtime process (an interpreter with the bootstrap sls ships, or the
// function's own `bootstrap`) that talks to a Runtime API server of its own on 127.0.0.1, is
// initialised once and then serves invocations one at a time (warm reuse).
//
// Callers (the CLI's invoke, the Invoke API of local-lambda, later the gateway) see only
// FunctionConfig, InvokeRequest, InvokeResult and the Invoker interface; no Boost, no process
// handling.
// Thread safety: Service and Invoker are safe to call from any thread; the values are plain.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sls::http {
class EventLoop;
}

namespace sls::runtime {

// One function as the template (Globals merged, intrinsics resolved, --env-vars applied)
// describes it. The CLI fills it from tmpl::Function.
struct FunctionConfig {
  std::string logical_id;  // "HelloFunction"
  std::string name;        // FunctionName, else the logical id: AWS_LAMBDA_FUNCTION_NAME
  std::string runtime;     // "python3.13", "nodejs22.x", "provided.al2023"; "" for images
  std::string handler;     // "app.lambda_handler"; may be "" for provided.*
  std::string code_dir;    // absolute: LAMBDA_TASK_ROOT and the process's working directory
  std::vector<std::string> layer_dirs;  // absolute, in layer order: what /opt would hold
  int memory_mb = 128;
  int timeout_s = 3;
  int ephemeral_storage_mb = 512;
  std::string architecture = "x86_64";             // or "arm64"
  std::map<std::string, std::string> environment;  // Environment.Variables, final values
  std::optional<int> reserved_concurrency;         // ReservedConcurrentExecutions
  std::string log_format;                          // "" (not configured), "Text" or "JSON"
  std::string application_log_level;               // "" or TRACE..FATAL
  std::string system_log_level;                    // "" or DEBUG, INFO, WARN
  std::string log_group;                           // "" = "/aws/lambda/<name>"
  // EventInvokeConfig: retries of a failed Event invocation (0-2) and the age past which a
  // queued event is dropped (60-21600 s); unset = Lambda's defaults, 2 and six hours.
  std::optional<int> event_max_retries;
  std::optional<std::chrono::seconds> event_max_age;
};

struct ServiceOptions {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // Environments per function when the template sets no ReservedConcurrentExecutions.
  int default_concurrency = 4;
  // A warm environment idle this long is shut down (Lambda's is unspecified, minutes).
  std::chrono::seconds idle_timeout = std::chrono::minutes(10);
  // Added to every function's environment, under the template's own variables (for example
  // AWS_ENDPOINT_URL_DYNAMODB when a table server runs).
  std::map<std::string, std::string> extra_environment;
  // Where log text goes (the function's output and the START/END/REPORT lines), whole lines
  // with their '\n', in order. Default: stderr. Called with an environment's lock held: it must
  // not call back into the Service.
  std::function<void(std::string_view function, std::string_view text)> log_sink;
  // Freeze an idle environment as Lambda does: its process group is stopped (SIGSTOP) once the
  // runtime asks for its next event and continued (SIGCONT) with that event, so nothing in it
  // (timers, threads, child processes) runs between invocations.
  bool freeze_idle = true;
  // How stop() ends the runtimes. Graceful (servers): SIGTERM, up to 500 ms, then SIGKILL, and
  // every process is reaped before stop() returns. Otherwise (the one-shot `sls invoke`, which
  // exits right after): SIGKILL at once, as Lambda ends a runtime that registered no extension,
  // and stop() does not wait for the kernel to tear the processes down.
  bool graceful_stop = true;
  // Run environments in a sandbox (read-only code, private /tmp) where one can be made here:
  // sls's own (sandbox.h), else bubblewrap's.
  bool sandbox = true;
  // Where the bootstraps are ("<dir>/python/bootstrap.py", "<dir>/nodejs/bootstrap.mjs");
  // "" = found next to the binary (see bootstrap_dir()).
  std::string bootstrap_dir;
};

// Backpressure of a streamed response, shaped as http::BodyResume and http::BodyWait (which is
// what they become): a consumer that cannot take more pieces for now returns a wait, and the
// wait is called with the resume to call once it can.
using ChunkResume = std::function<void()>;
using ChunkWait = std::function<void(ChunkResume resume)>;

// One invocation as the Invoke API receives it.
struct InvokeRequest {
  std::string payload = "{}";                     // the event bytes, passed on verbatim
  std::string content_type = "application/json";  // of the payload
  std::string client_context;                     // decoded JSON text; "" = none
  std::string cognito_identity;                   // JSON text; "" = none
  std::string trace_id;                           // X-Ray header; "" = one is made up
  std::string tenant_id;                          // "" = none
  std::string request_id;                         // "" = one is made up
  bool keep_log = false;                          // fill InvokeResult::log (Tail)
  // The result goes to the caller as soon as the runtime posts its response or error, as Lambda
  // answers its caller (spec §2.1); END and REPORT follow when the runtime asks for its next
  // event, and the result's duration and memory fields stay unset. Ignored with keep_log, whose
  // log ends with REPORT.
  bool answer_at_response = false;
  // Sees a streamed response (spec §2.3) as the runtime sends it: each piece in order, as it
  // arrives. With it, a streamed response's bytes are not gathered into InvokeResult::payload
  // (which then stays ""); a buffered response and error documents still come whole in the
  // result. Without it a streamed response is gathered, and the caller sees no difference.
  // Called on a loop thread with the environment's lock held: it must not block or call back
  // into the Service. It returns an empty ChunkWait to take more, or a wait to hold the runtime
  // back: its response body is then not read (its writes block in its socket, as in Lambda)
  // until the wait's resume is called. The wait runs later, without the lock; it must arrange
  // for the resume to be called, also when its consumer goes away.
  std::function<ChunkWait(std::string_view piece)> on_chunk;
};

struct InvokeResult {
  std::string request_id;
  // The function's response, or the error document (spec §6) when function_error is set.
  std::string payload;
  std::string content_type = "application/json";
  bool function_error = false;  // answered with X-Amz-Function-Error: Unhandled
  std::string error_type;       // "Runtime.ExitError", "Sandbox.Timedout"... ("" when ok)
  // The runtime began a streamed response (spec §2.3), whatever happened after: its error, if
  // any, came as trailers or cut the stream, rather than as a whole document.
  bool streamed = false;
  // With InvokeRequest::keep_log: this invocation's log text, START through REPORT (INIT_START
  // and the init output too on a cold start).
  std::string log;
  double duration_ms = 0;
  std::optional<double> init_duration_ms;  // set on a cold start
  int max_memory_used_mb = 0;
};

// What fronts (local-lambda's Invoke API, the gateway) call; an interface so they can be tested
// without processes.
class Invoker {
 public:
  virtual ~Invoker() = default;
  // The function known by this name (FunctionConfig::name, or the logical id), or nullptr.
  virtual const FunctionConfig* find(std::string_view name) const = 0;
  // Starts an invocation; `done` is called exactly once, from any thread, with the outcome
  // (function errors, timeouts and crashes are outcomes, not exceptions).
  // Throws Error{kNotFound} for an unknown function, and Error{kLimitExceeded} when every
  // environment the function may have is busy (the Invoke API answers 429).
  virtual void invoke(std::string_view function, InvokeRequest request,
                      std::function<void(InvokeResult)> done) = 0;
};

struct Prestart;

// A function's runtime process started before the Service that runs it exists, for the one-shot
// `sls invoke`: the interpreter's start (tens of milliseconds) then overlaps the building of the
// event loop and the Service. Service::adopt() hands it to the function's first environment;
// one never adopted is killed (and its /tmp removed) when it goes.
class Prelaunch {
 public:
  // Starts the runtime of `function` as its Service would (same options). When it cannot (no
  // interpreter, no bootstrap, no port), nothing is started: the Service then meets and reports
  // the problem at the invocation, as it would have without this.
  static Prelaunch start(const FunctionConfig& function, const ServiceOptions& options);

  Prelaunch();
  ~Prelaunch();
  Prelaunch(Prelaunch&&) noexcept;
  Prelaunch& operator=(Prelaunch&&) noexcept;

  bool started() const { return state_ != nullptr; }

 private:
  friend class Service;
  std::string function_;  // FunctionConfig::name
  std::unique_ptr<Prestart> state_;
};

class Service final : public Invoker {
 public:
  // The Runtime API servers run on `loop`.
  Service(http::EventLoop& loop, std::vector<FunctionConfig> functions,
          ServiceOptions options = {});
  ~Service() override;  // stop()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  const FunctionConfig* find(std::string_view name) const override;
  void invoke(std::string_view function, InvokeRequest request,
              std::function<void(InvokeResult)> done) override;
  // invoke() and wait for the outcome. Requires: not called on a loop thread.
  InvokeResult invoke_and_wait(std::string_view function, InvokeRequest request);

  const std::vector<FunctionConfig>& functions() const;

  // Makes an early-started process the first environment of its function (a no-op for one not
  // started, or a function that may not run: ReservedConcurrentExecutions 0).
  void adopt(Prelaunch early);

  // Shuts every environment down (ServiceOptions::graceful_stop: SIGTERM, up to 500 ms, then
  // SIGKILL of its process group; or SIGKILL at once); invocations in flight end with an error.
  // Idempotent.
  void stop();
  // For a process that ends with std::_Exit() right after: the supervisor's thread ends, then
  // every runtime's process group gets SIGKILL and every environment's /tmp is removed, and
  // nothing else is torn down (servers, memory), which saves a one-shot `sls invoke` a
  // millisecond or two. Whatever is in a runtime's cgroups gets SIGKILL too; the cgroups
  // themselves are removed by the next sls. The loop's threads are best ended before it.
  void kill_for_exit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The directory holding the bootstraps: $SLS_BOOTSTRAP_DIR when set, else
// <binary dir>/../share/sls/runtime (installed), else <binary dir>/share/sls/runtime (the build
// tree). Throws Error{kNotFound} naming the places it looked.
std::string bootstrap_dir();

}  // namespace sls::runtime

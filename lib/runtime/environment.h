// One execution environment (spec/lambda-runtime-api.md §4): a Runtime API server, the runtime
// process behind it, its /tmp, its log stream. It starts the process on its first invocation
// (init), serves invocations one at a time while the process lives (warm), and turns what
// happens (responses, errors, exits, deadlines) into InvokeResults and the platform's log lines.
// After a timeout or a crash it starts a new process on the next invocation, keeping its /tmp.
//
// Thread safety: all state is guarded by mu_. Callbacks from the ApiServer (loop threads) and
// the Supervisor (its thread) take mu_; results and pool notifications are delivered after mu_
// is released. Lock order: mu_ before ApiServer's and Supervisor's locks.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "runtime/api_server.h"
#include "runtime/process.h"
#include "runtime/report.h"
#include "runtime/runtime.h"

namespace sls::runtime {

// How runtimes are sandboxed: by sls itself (sandbox.h), under bubblewrap, or not at all.
struct Sandboxing {
  enum class Kind : uint8_t { kNone, kNamespaces, kBwrap };
  Kind kind = Kind::kNone;
  std::string bwrap;  // bwrap's path, for kBwrap

  bool on() const { return kind != Kind::kNone; }
};

// What every environment of a Service shares; constant while the Service lives.
struct EnvironmentContext {
  http::EventLoop* loop = nullptr;
  Supervisor* supervisor = nullptr;
  const FunctionConfig* function = nullptr;
  const ServiceOptions* options = nullptr;
  std::string bootstrap_dir;
  Sandboxing sandboxing;
  std::map<std::string, std::string> host_environment;
};

// How a function's runtime process is started, worked out without a loop or a supervisor.
struct LaunchPlan {
  SpawnSpec spec;
  std::string version;  // INIT_START's runtime version; "" for none
  CapPlan cap;
};
// The command, environment and working directory of the runtime of ctx.function, talking to the
// Runtime API at 127.0.0.1:`port`; nullopt, with `why`, when it has no entrypoint.
std::optional<LaunchPlan> plan_launch(const EnvironmentContext& ctx, const std::string& tmp_dir,
                                      const std::string& log_stream, uint16_t port,
                                      std::string* why);
// The cgroups of a planned cap, where this machine lets sls make them; to be passed to
// spawn_process(), so that the process is born inside.
MemoryCap make_cap(const CapPlan& plan);
// A new, empty directory to be an environment's /tmp. Throws Error{kIo}.
std::string new_tmp_dir();
// The /tmp of a new environment: new_tmp_dir(), or "" when sandboxed (the sandbox mounts a /tmp
// of its own).
std::string tmp_dir_for(const Sandboxing& sandboxing);

// A runtime process started before the environment that runs it existed (Prelaunch, for the
// one-shot `sls invoke`): what that environment takes over. Whatever it still owns when it goes
// (a process never taken over, its pipe, its /tmp) is killed, closed or removed.
struct Prestart {
  std::string tmp_dir;
  std::string log_stream;
  http::ListeningSocket socket;  // the Runtime API's, already listening
  Spawned child;                 // pid -1: none
  MemoryCap cap;
  std::string version;  // for INIT_START
  Clock::time_point spawned_at;

  Prestart() = default;
  ~Prestart();
  Prestart(Prestart&& other) noexcept;
  Prestart& operator=(Prestart&&) = delete;
};

class Environment final : public Supervisor::Listener,
                          public ApiServer::Listener,
                          public std::enable_shared_from_this<Environment> {
 public:
  using Done = std::function<void(InvokeResult)>;
  // Called once per invocation, after its result is known, with mu_ released: the environment
  // can take the next invocation (discard = false) or must be dropped (discard = true).
  using Release = std::function<void(Environment&, bool discard)>;

  Environment(const EnvironmentContext& context, Release release);
  // An environment whose first process is already starting (see Prestart).
  Environment(const EnvironmentContext& context, Release release, Prestart prestart);
  ~Environment() override;  // stops the servers, kills the process, removes /tmp
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // Runs one invocation. Requires: the environment is not serving another one.
  void invoke(InvokeRequest request, Done done);
  // A live process waits for work (a warm start).
  bool warm() const;
  // Sends `sig` (SIGTERM to ask, SIGKILL to end) to the process group; its exit ends any
  // invocation in flight.
  void terminate(int sig);
  // For a process about to exit (Service::kill_for_exit()): the process group gets SIGKILL and
  // the /tmp is removed now; the servers and the supervisor are left to the exit.
  void kill_for_exit();

  // Supervisor::Listener
  void on_output(uint64_t id) override;
  void on_exit(uint64_t id, int wait_status) override;
  void on_timer() override;
  // ApiServer::Listener
  void on_next(uint64_t generation, bool first) override;
  void on_response(uint64_t generation, std::string body, std::string content_type) override;
  void on_response_start(uint64_t generation, std::string content_type) override;
  http::BodyWait on_response_chunk(uint64_t generation, std::string_view chunk) override;
  void on_response_end(uint64_t generation) override;
  void on_function_error(uint64_t generation, std::string body, std::string error_type) override;
  void on_init_error(uint64_t generation, std::string body, std::string error_type) override;

 private:
  enum class Phase : uint8_t { kCold, kInit, kIdle, kRunning, kResponded, kDead };
  struct Invocation {
    InvokeRequest request;
    Done done;
    std::string id;
    bool started = false;  // the event went to the runtime
    Clock::time_point started_at;
    InvokeResult result;
    std::string report_error_type;  // REPORT's "Error Type", "" for none
    bool error = false;             // REPORT's "Status: error"
    bool out_of_memory = false;     // REPORT's Max Memory Used is Memory Size
  };
  // Work to do once mu_ is released.
  struct Outbox {
    std::vector<std::function<void()>> actions;
  };

  void start_process(Outbox& out, Clock::duration init_limit);        // Requires: mu_
  void adopt_prestart(Outbox& out);                                   // Requires: mu_
  void attach(Outbox& out, Prestart& p, Clock::duration init_limit);  // Requires: mu_
  void deliver();                                                     // Requires: mu_
  void finish(Outbox& out, Outcome outcome, bool discard);            // Requires: mu_
  void answer_early(Outbox& out);                                     // Requires: mu_
  // The runtime posted its whole response: answered, or Runtime.OutOfMemory past MemorySize.
  void responded(Outbox& out);                                                 // Requires: mu_
  void fail_before_start(Outbox& out, std::string_view status, bool discard);  // Requires: mu_
  void crash(Outbox& out, int wait_status);                                    // Requires: mu_
  void out_of_memory(Outbox& out);                                             // Requires: mu_
  void timeout(Outbox& out);                                                   // Requires: mu_
  void init_timeout(Outbox& out);                                              // Requires: mu_
  void drop_process();                                                         // Requires: mu_
  void freeze();                                                               // Requires: mu_
  void thaw();                                                                 // Requires: mu_
  void drain_output();                                                         // Requires: mu_
  void emit(std::string_view text);                                            // Requires: mu_
  void write_lines(std::string_view text);                                     // Requires: mu_
  bool memory_exceeded();  // Requires: mu_; samples, and says whether MemorySize was passed
  bool json_logs() const;
  bool platform_info_logged() const;
  void log_init_start(std::string_view version);  // Requires: mu_
  void log_start();                               // Requires: mu_ and inv_
  void log_end_report(const ReportFields& rf);    // Requires: mu_ and inv_
  void log_init_report(double ms, std::string_view phase, std::string_view status,
                       std::string_view error_type);  // Requires: mu_
  void run(Outbox& out);                              // Requires: mu_ NOT held
  void remove_tmp();                                  // Requires: mu_ NOT held

  const EnvironmentContext& ctx_;
  const Release release_;
  const std::string log_stream_;
  std::string tmp_dir_;  // the environment's /tmp; removed with it

  mutable std::mutex mu_;  // guards everything below
  Phase phase_ = Phase::kCold;
  uint64_t generation_ = 0;  // of the current process and its ApiServer
  std::unique_ptr<ApiServer> api_;
  std::vector<std::shared_ptr<ApiServer>> retired_;  // servers of dead processes, to stop
  uint64_t child_ = 0;                               // Supervisor id; 0 = no process
  pid_t pid_ = -1;
  bool frozen_ = false;  // the process group is stopped (SIGSTOP) while idle
  Clock::time_point spawned_at_;
  Clock::time_point deadline_;              // of the init or the invocation in flight
  std::optional<double> init_duration_ms_;  // reported with the next invocation
  bool suppressed_init_ = false;            // init re-runs under the invocation's timeout
  int64_t max_rss_kb_ = 0;                  // peak over the environment's life
  std::string partial_line_;                // output not yet ended by '\n'
  std::optional<Invocation> inv_;
  std::optional<Prestart> prestart_;  // a process started early, taken over at the first invoke
};

}  // namespace sls::runtime

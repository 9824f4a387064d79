// A head start for the runtime of a cold `sls invoke`: the interpreter's start (tens of
// milliseconds) is most of a cold invoke, and sls's own start (its static constructors, the
// command line, the template) used to come before it. So, before main, `sls invoke` starts the
// runtime it started the last time it ran with the same arguments in the same directory, from
// the launch it recorded then (command line, environment, working directory), with this run's
// own /tmp, log stream and Runtime API port put in.
//
// Once the template is read, Prelaunch::start() plans the launch as it always did and compares:
// the process started ahead is taken over only when what it was started with is exactly what
// the plan says; otherwise it is killed and the planned one started. A process started ahead is
// held at a gate until then: its bootstrap (ours; python and node only) reads one byte from
// kGateFd before it loads anything of the function's, and exits when the pipe closes instead.
// So the function's code never runs with a stale launch, and what it sees is what a plain start
// gives it. Launches that could run the function's code before the gate (an
// AWS_LAMBDA_EXEC_WRAPPER, NODE_OPTIONS, a PYTHONPATH of the function's, layers, a provided.*
// bootstrap) are never recorded.
//
// The launches live in private_state_dir() (probe_cache.h), one file per key (a hash of the
// arguments and the working directory), written whole. Values the environment takes from sls's
// own (credentials) are recorded by name only and read again at the next start.
// Thread safety: head_start() runs before main; the rest is for the thread that runs the
// command.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/environment.h"
#include "runtime/process.h"
#include "runtime/runtime.h"

namespace sls::runtime {

// A runtime started before main, held at its gate.
struct HeadStart {
  Prestart process;  // its /tmp, log stream, Runtime API socket, pid, cgroups and start time
  SpawnSpec spec;    // what it was started with
  CapPlan cap;       // and capped with
  int gate_fd = -1;  // the write end of its gate

  HeadStart() = default;
  ~HeadStart();  // the gate closed unopened: the bootstrap exits; then the process is killed
  HeadStart(const HeadStart&) = delete;
  HeadStart& operator=(const HeadStart&) = delete;

  // Lets the process go on: its bootstrap loads the function's code.
  void open_gate();
};

// Called before main with main's arguments: when they name the `invoke` command and a launch
// was recorded for them, starts it. Does nothing on any failure (the normal start follows).
void head_start(int argc, char** argv) noexcept;

// The process head_start() started, once; nullptr when it started none. One never taken is
// killed when sls exits.
std::unique_ptr<HeadStart> take_head_start();

// After a planned launch of `function` (started with this run's `tmp_dir` ("" for none),
// `log_stream` and Runtime API `runtime_api`; `host` is sls's own environment): records it for
// the next start with the same arguments, or forgets the recorded one when it may not be
// started ahead. A no-op when head_start() saw no `invoke`.
void record_launch(const FunctionConfig& function, const std::string& bootstrap_dir,
                   const LaunchPlan& plan, const std::string& tmp_dir,
                   const std::string& log_stream, const std::string& runtime_api,
                   const std::map<std::string, std::string>& host);
// Forgets the launch recorded for this run's arguments (and kills a process started from it):
// this run starts none (the function's tables are served, or it cannot start).
void forget_launch();

// For tests: the recorded form of a launch, and back. `from_host` names the variables whose
// values come from sls's own environment (recorded without their values).
struct RecordedLaunch {
  SpawnSpec spec;
  std::vector<std::string> from_host;
  CapPlan cap;
  std::string tmp_dir;  // "" when the runtime had none of sls's (a sandboxed one)
  std::string log_stream;
  std::string runtime_api;
};
std::string encode_launch(const RecordedLaunch& launch);
std::optional<RecordedLaunch> decode_launch(std::string_view text);
// The launch's spec for a new run: the old /tmp, log stream and Runtime API replaced by the new
// ones, the host's values read from `host`; nullopt when one of them is missing there.
std::optional<SpawnSpec> respecify(const RecordedLaunch& launch, const std::string& tmp_dir,
                                   const std::string& log_stream, const std::string& runtime_api,
                                   const std::map<std::string, std::string>& host);
// Whether a planned launch of `function` may be started ahead (see the header comment).
bool may_start_ahead(const FunctionConfig& function, const std::string& bootstrap_dir,
                     const SpawnSpec& spec);
// The name of the file a launch for these arguments and working directory is recorded in.
std::string launch_key(const std::vector<std::string>& args, const std::string& cwd);

}  // namespace sls::runtime

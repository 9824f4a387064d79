// The lifecycle of one execution environment (spec/lambda-runtime-api.md §4–§6).
#include "runtime/environment.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "core/limits.h"
#include "core/log.h"
#include "runtime/interpreters.h"
#include "runtime/launch.h"
#include "runtime/memory.h"
#include "runtime/messages.h"

namespace sls::runtime {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kKibPerMib = 1024;
constexpr int64_t kBytesPerMib = 1024 * 1024;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

int64_t epoch_ms(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string make_tmp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = fmt::format("{}/sls-env-XXXXXX", base != nullptr && *base ? base : "/tmp");
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw Error(Errc::kIo, fmt::format("cannot create {}: {}", tmpl, std::strerror(errno)));
  }
  return tmpl;
}

// Removes an environment's /tmp; with `measure`, returns the bytes its files took on disk (else
// 0). It is most often left empty: one rmdir then, the whole walk otherwise.
int64_t remove_tmp_dir(const std::string& dir, bool measure) {
  if (dir.empty() || ::rmdir(dir.c_str()) == 0 || errno == ENOENT) return 0;
  int64_t held = 0;
  std::error_code ec;
  if (measure) {
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      struct stat st {};
      if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        // The blocks it holds (a sparse file's holes take none), its file system's own blocks
        // for it aside.
        held += std::min<int64_t>(st.st_size, int64_t{st.st_blocks} * 512);
      }
    }
  }
  fs::remove_all(dir, ec);
  return held;
}

// The interpreter's "not installed" warning is printed once per runtime per sls process.
void warn_once(const std::string& runtime, const std::string& warning) {
  static std::mutex mu;
  static std::set<std::string> warned;
  std::lock_guard lock(mu);
  if (warned.insert(runtime).second) std::fprintf(stderr, "%s\n", warning.c_str());
}

// errorType of an error document, for InvokeResult::error_type ("" when it has none).
std::string error_type_of(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains("errorType") && doc["errorType"].is_string()) {
    return doc["errorType"].get<std::string>();
  }
  return "";
}

}  // namespace

// --- Starting a runtime ------------------------------------------------------------------------

std::optional<LaunchPlan> plan_launch(const EnvironmentContext& ctx, const std::string& tmp_dir,
                                      const std::string& log_stream, uint16_t port,
                                      std::string* why) {
  const FunctionConfig& f = *ctx.function;
  LaunchInputs in;
  in.function = &f;
  in.options = ctx.options;
  in.runtime_api = fmt::format("127.0.0.1:{}", port);
  in.log_stream = log_stream;
  in.bootstrap_dir = ctx.bootstrap_dir;
  in.tmp_dir = tmp_dir;
  in.sandboxed = ctx.sandboxing.on();
  in.host = ctx.host_environment;
  if (parse_runtime_id(f.runtime)) {
    if (const auto choice = Interpreters::choose_installed(f.runtime)) {
      in.interpreter = choice->interpreter;
      if (!choice->warning.empty()) warn_once(f.runtime, choice->warning);
    }
    // The interpreter is this machine's: code it loads that was built for the function's
    // architecture (native modules) will not load when the two differ.
    if (const std::string host = host_architecture(); f.architecture != host) {
      warn_once(f.architecture + " on " + host,
                fmt::format("warning: {} is for {}; this machine runs {}, and native code built "
                            "for {} will not load here",
                            f.logical_id.empty() ? f.name : f.logical_id, f.architecture, host,
                            f.architecture));
    }
  }
  const auto environment = build_environment(in);
  auto argv = build_command(in, environment, why);
  if (!argv) return std::nullopt;
  LaunchPlan plan{SpawnSpec{std::move(*argv), environment, f.code_dir}, runtime_version(f),
                  CapPlan{int64_t{f.memory_mb} * kKibPerMib, false}};
  // Not with a /tmp on tmpfs (the sandbox's is): its files would count as the function's
  // memory, which Lambda's disk-backed /tmp never does.
  plan.cap.memory_cgroup = !in.sandboxed && !tmp_dir.empty() && !on_tmpfs(tmp_dir);
  if (in.sandboxed) {
    std::vector<std::string> keep{f.code_dir};
    keep.insert(keep.end(), f.layer_dirs.begin(), f.layer_dirs.end());
    keep.push_back(ctx.bootstrap_dir);
    const int64_t tmp_bytes = int64_t{f.ephemeral_storage_mb} * kBytesPerMib;
    if (ctx.sandboxing.kind == Sandboxing::Kind::kNamespaces) {
      plan.spec.sandbox = Sandbox{tmp_bytes, std::move(keep)};
    } else {
      auto prefix = sandbox_prefix(ctx.sandboxing.bwrap, tmp_bytes, f.code_dir, keep);
      plan.spec.argv.insert(plan.spec.argv.begin(), prefix.begin(), prefix.end());
    }
  }
  return plan;
}

// MemorySize as the cap of a new process: in a cgroup of its own where the plan and this machine
// allow it, else sampled by the supervisor.
MemoryCap make_cap(const CapPlan& plan) {
  MemoryCap cap;
  cap.limit_kb = plan.limit_kb;
  if (plan.memory_cgroup) {
    if (const CgroupParent& parent = memory_cgroup_parent(); !parent.dir.empty()) {
      cap.cgroup = MemoryCgroup::create(parent, cap.limit_kb * kKibPerMib);
    }
  }
  // In cgroup v2 a process is in one cgroup: its v2 memory cgroup carries pids.max too.
  const CgroupParent& tasks = tasks_cgroup_parent();
  if (!tasks.dir.empty() && (tasks.v1 || !cap.cgroup || cap.cgroup->v1())) {
    cap.tasks = TasksCgroup::create(tasks.dir, limits::kLambdaTasks.value);
  }
  return cap;
}

std::string new_tmp_dir() { return make_tmp_dir(); }

std::string tmp_dir_for(const Sandboxing& sandboxing) {
  return sandboxing.on() ? std::string() : make_tmp_dir();
}

Prestart::~Prestart() {
  if (child.pid > 0) {  // never adopted: it goes with its process group
    signal_group(child.pid, SIGKILL);
    ::waitpid(child.pid, nullptr, 0);
  }
  if (child.output_fd >= 0) ::close(child.output_fd);
  remove_tmp_dir(tmp_dir, false);
}

Prestart::Prestart(Prestart&& other) noexcept
    : tmp_dir(std::exchange(other.tmp_dir, {})),
      log_stream(std::move(other.log_stream)),
      socket(std::move(other.socket)),
      child(std::exchange(other.child, Spawned{})),
      cap(std::move(other.cap)),
      version(std::move(other.version)),
      spawned_at(other.spawned_at) {}

// --- The environment ---------------------------------------------------------------------------

Environment::Environment(const EnvironmentContext& context, Release release)
    : ctx_(context),
      release_(std::move(release)),
      log_stream_(new_log_stream_name(std::chrono::system_clock::now())),
      tmp_dir_(tmp_dir_for(context.sandboxing)) {}

Environment::Environment(const EnvironmentContext& context, Release release, Prestart prestart)
    : ctx_(context),
      release_(std::move(release)),
      log_stream_(prestart.log_stream),
      tmp_dir_(std::exchange(prestart.tmp_dir, {})) {
  prestart_.emplace(std::move(prestart));
}

Environment::~Environment() {
  std::vector<std::shared_ptr<ApiServer>> servers;
  uint64_t child = 0;
  {
    std::lock_guard lock(mu_);
    servers.swap(retired_);
    if (api_) servers.push_back(std::move(api_));
    child = child_;
  }
  if (child != 0) ctx_.supervisor->signal(child, SIGKILL);  // reaped by the supervisor
  for (const auto& s : servers) s->stop();
  remove_tmp();
}

void Environment::kill_for_exit() {
  uint64_t child = 0;
  {
    std::lock_guard lock(mu_);
    child = child_;
  }
  if (child != 0) ctx_.supervisor->signal(child, SIGKILL);
  remove_tmp();
}

// The sandbox's /tmp is a tmpfs of EphemeralStorage's size, where a write past it fails with
// ENOSPC as in Lambda. Without the sandbox nothing stops the function: it is told afterwards.
void Environment::remove_tmp() {
  std::string dir;
  {
    std::lock_guard lock(mu_);
    dir = std::exchange(tmp_dir_, {});
  }
  const bool sandboxed = ctx_.sandboxing.on();
  const int64_t held = remove_tmp_dir(dir, !sandboxed);
  if (held > int64_t{ctx_.function->ephemeral_storage_mb} * kBytesPerMib) {
    sls::log::warn(
        "{}'s /tmp held {} MB, more than its EphemeralStorage of {} MB: in Lambda, writes past "
        "{} MB fail with ENOSPC (No space left on device)",
        ctx_.function->name, (held + kBytesPerMib - 1) / kBytesPerMib,
        ctx_.function->ephemeral_storage_mb, ctx_.function->ephemeral_storage_mb);
  }
}

bool Environment::warm() const {
  std::lock_guard lock(mu_);
  return phase_ == Phase::kIdle;
}

void Environment::terminate(int sig) {
  std::lock_guard lock(mu_);
  if (child_ != 0) ctx_.supervisor->signal(child_, sig);
  thaw();  // a stopped process acts on SIGTERM only once continued
}

void Environment::run(Outbox& out) {
  for (auto& action : out.actions) action();
}

// --- Invocations -------------------------------------------------------------------------------

void Environment::invoke(InvokeRequest request, Done done) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    inv_ = Invocation{};  // (clang 14 refuses emplace(): a nested class with member initializers)
    inv_->id = request.request_id.empty() ? new_request_id() : request.request_id;
    inv_->request = std::move(request);
    inv_->done = std::move(done);
    inv_->result.request_id = inv_->id;
    if (phase_ == Phase::kIdle && api_ && api_->waiting()) {
      deliver();
    } else if (prestart_) {
      adopt_prestart(out);  // the event goes to its first `next`
    } else {
      if (phase_ != Phase::kCold && phase_ != Phase::kDead) drop_process();
      start_process(out, std::chrono::seconds(limits::kLambdaInitTimeoutS.value));
    }
  }
  run(out);
}

void Environment::start_process(Outbox& out, Clock::duration init_limit) {
  ++generation_;
  spawned_at_ = Clock::now();
  phase_ = Phase::kInit;
  if (api_) {
    retired_.push_back(std::shared_ptr<ApiServer>(std::move(api_)));
    ctx_.supervisor->defer([s = retired_.back()] { s->stop(); });
  }
  Prestart p;
  try {
    p.socket = http::ListeningSocket::loopback();
  } catch (const Error& e) {
    // No port for the Runtime API: the runtime could not have started either.
    emit(e.message() + "\n");
    return crash(out, W_EXITCODE(127, 0));
  }
  std::string why;
  auto plan = plan_launch(ctx_, tmp_dir_, log_stream_, p.socket.port(), &why);
  if (!plan) {
    emit(why + "\n");
    inv_->result.payload = runtime_error_document(msg::kInvalidEntrypoint, inv_->id, why);
    inv_->report_error_type = msg::kInvalidEntrypoint;
    return fail_before_start(out, "error", false);
  }
  if (!plan->version.empty() && !suppressed_init_) log_init_start(plan->version);
  p.cap = make_cap(plan->cap);
  try {
    p.child = spawn_process(plan->spec, -1, &p.cap);
  } catch (const Error& e) {
    // What a shell reports for a command it cannot run: exit status 127 (spec §3, a missing
    // AWS_LAMBDA_EXEC_WRAPPER).
    emit(e.message() + "\n");
    return crash(out, W_EXITCODE(127, 0));
  }
  limit_open_files(p.child.pid, limits::kLambdaOpenFiles.value);
  attach(out, p, init_limit);
}

// The environment's first process was started before the environment existed (Prelaunch): it
// takes it over as if it had started it, INIT_START first.
void Environment::adopt_prestart(Outbox& out) {
  Prestart p = std::move(*prestart_);
  prestart_.reset();
  ++generation_;
  spawned_at_ = p.spawned_at;
  phase_ = Phase::kInit;
  if (!p.version.empty()) log_init_start(p.version);
  attach(out, p, std::chrono::seconds(limits::kLambdaInitTimeoutS.value));
}

// Serves the Runtime API on p.socket and watches p.child, with the init deadline.
void Environment::attach(Outbox& out, Prestart& p, Clock::duration init_limit) {
  const Spawned child = std::exchange(p.child, Spawned{});
  try {
    api_ = std::make_unique<ApiServer>(*ctx_.loop, generation_, *this, std::move(p.socket));
  } catch (const Error& e) {
    signal_group(child.pid, SIGKILL);
    ctx_.supervisor->watch(child, {});  // reaped, its pipe closed, with no one told
    emit(e.message() + "\n");
    return crash(out, W_EXITCODE(127, 0));
  }
  pid_ = child.pid;
  child_ = ctx_.supervisor->watch(child, weak_from_this(), std::move(p.cap));
  deadline_ = spawned_at_ + init_limit;
  ctx_.supervisor->set_timer(deadline_, weak_from_this());
}

void Environment::deliver() {
  const FunctionConfig& f = *ctx_.function;
  const ServiceOptions& o = *ctx_.options;
  const auto now_sys = std::chrono::system_clock::now();
  const InvokeRequest& r = inv_->request;
  Delivery d;
  d.request_id = inv_->id;
  d.payload = std::move(inv_->request.payload);  // delivered once: no copy of a large event
  d.content_type = r.content_type;
  d.function_arn = fmt::format("arn:aws:lambda:{}:{}:function:{}", o.region, o.account_id, f.name);
  d.deadline_epoch_ms = epoch_ms(now_sys + std::chrono::seconds(f.timeout_s));
  d.trace_id = r.trace_id.empty() ? new_trace_id(now_sys) : r.trace_id;
  d.client_context = r.client_context;
  d.cognito_identity = r.cognito_identity;
  d.tenant_id = r.tenant_id;
  drain_output();
  log_start();
  inv_->started = true;
  inv_->started_at = Clock::now();
  deadline_ = inv_->started_at + std::chrono::seconds(f.timeout_s);
  phase_ = Phase::kRunning;
  ctx_.supervisor->sample_memory(child_, true);
  ctx_.supervisor->set_timer(deadline_, weak_from_this());
  thaw();
  // When the runtime is no longer waiting (its process is dying), its exit or the deadline ends
  // the invocation.
  api_->deliver(std::move(d));
}

// Ends the invocation in flight: END and REPORT, the caller's result, the pool's notice.
void Environment::finish(Outbox& out, Outcome outcome, bool discard) {
  const FunctionConfig& f = *ctx_.function;
  double duration = ms_between(inv_->started_at, Clock::now());
  if (outcome == Outcome::kTimeout) duration = f.timeout_s * 1000.0;  // clamped (§5)
  InvokeResult& res = inv_->result;
  res.duration_ms = duration;
  res.init_duration_ms = init_duration_ms_;
  res.max_memory_used_mb = inv_->out_of_memory
                               ? f.memory_mb  // §6: the cap is what it reached
                               : static_cast<int>((max_rss_kb_ + kKibPerMib - 1) / kKibPerMib);
  init_duration_ms_.reset();
  ReportFields rf;
  rf.request_id = inv_->id;
  rf.duration_ms = duration;
  rf.memory_size_mb = f.memory_mb;
  rf.max_memory_used_mb = res.max_memory_used_mb;
  rf.init_duration_ms = res.init_duration_ms;
  rf.outcome = outcome;
  rf.error_type = inv_->report_error_type;
  log_end_report(rf);
  Invocation inv = std::move(*inv_);
  inv_.reset();
  out.actions.push_back([this, discard] { release_(*this, discard); });
  if (!inv.done) return;  // answered at the response (answer_early)
  out.actions.push_back([done = std::move(inv.done), res = std::move(inv.result)]() mutable {
    done(std::move(res));
  });
}

// With InvokeRequest::answer_at_response, the caller gets the result now rather than at the
// runtime's next `next`: the round trip of the runtime's 202 and next request leaves its wait.
void Environment::answer_early(Outbox& out) {
  if (!inv_->request.answer_at_response || inv_->request.keep_log || !inv_->done) return;
  InvokeResult early;
  early.request_id = inv_->result.request_id;
  early.payload = std::move(inv_->result.payload);
  early.content_type = inv_->result.content_type;
  early.function_error = inv_->result.function_error;
  early.error_type = inv_->result.error_type;
  early.streamed = inv_->result.streamed;
  out.actions.push_back(
      [done = std::move(inv_->done), res = std::move(early)]() mutable { done(std::move(res)); });
  inv_->done = nullptr;
}

// The invocation ends before its event reached the runtime (no entrypoint, init failure): START,
// END and REPORT still name its request id, so the caller can find it in the log.
void Environment::fail_before_start(Outbox& out, std::string_view status, bool discard) {
  const double init_ms = ms_between(spawned_at_, Clock::now());
  drain_output();
  log_init_report(init_ms, "init", status, inv_->report_error_type);
  log_start();
  inv_->started = true;
  inv_->started_at = Clock::now();
  inv_->result.function_error = true;
  inv_->result.error_type = inv_->report_error_type;
  init_duration_ms_ = init_ms;
  drop_process();
  phase_ = discard ? Phase::kDead : Phase::kCold;
  finish(out, status == "timeout" ? Outcome::kTimeout : Outcome::kError, discard);
}

// --- Runtime API news ---------------------------------------------------------------------------

void Environment::on_next(uint64_t generation, bool first) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (generation != generation_) return;
    if (first && phase_ == Phase::kInit) {
      if (memory_exceeded()) {
        out_of_memory(out);
      } else {
        init_duration_ms_ = ms_between(spawned_at_, Clock::now());
        suppressed_init_ = false;
        phase_ = Phase::kIdle;
        // The cap set at the spawn reached bwrap; its sandboxed child may have been cloned
        // before it. The runtime is running now: the whole tree gets it.
        if (ctx_.sandboxing.kind == Sandboxing::Kind::kBwrap) {
          limit_open_files(pid_, limits::kLambdaOpenFiles.value);
          ctx_.supervisor->contain_tree(child_);
        }
        ctx_.supervisor->sample_memory(child_, false);
        if (inv_ && !inv_->started) {
          deliver();
        } else {
          freeze();
        }
      }
    } else if (!first && phase_ == Phase::kResponded) {
      drain_output();
      if (memory_exceeded()) {
        out_of_memory(out);
      } else {
        phase_ = Phase::kIdle;
        ctx_.supervisor->sample_memory(child_, false);
        freeze();  // before finish: the pool may hand it the next invocation right away
        finish(out, inv_->error ? Outcome::kError : Outcome::kSuccess, false);
      }
    }
  }
  run(out);
}

// A response (or error) that arrives after the process passed MemorySize comes from a process
// Lambda would have killed before it could send it: the invocation fails with
// Runtime.OutOfMemory instead.
void Environment::on_response(uint64_t generation, std::string body, std::string content_type) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (generation != generation_ || phase_ != Phase::kRunning || !inv_) return;
    inv_->result.payload = std::move(body);  // replaced by the error when over MemorySize
    inv_->result.content_type = std::move(content_type);
    responded(out);
  }
  run(out);
}

void Environment::responded(Outbox& out) {
  if (memory_exceeded()) {
    out_of_memory(out);
  } else {
    phase_ = Phase::kResponded;
    answer_early(out);
  }
}

// A streamed response (spec §2.3): its pieces go to the caller's InvokeRequest::on_chunk as they
// arrive, or are gathered into the result for a caller without one. It ends like a buffered
// response (on_response_end) or as a function error (error trailers, 200 MB). The caller's wait,
// when it has one, goes back to the Runtime API connection, which stops reading the runtime.
void Environment::on_response_start(uint64_t generation, std::string content_type) {
  std::lock_guard lock(mu_);
  if (generation != generation_ || phase_ != Phase::kRunning || !inv_) return;
  inv_->result.content_type = std::move(content_type);
  inv_->result.payload.clear();
  inv_->result.streamed = true;
}

http::BodyWait Environment::on_response_chunk(uint64_t generation, std::string_view chunk) {
  std::lock_guard lock(mu_);
  if (generation != generation_ || phase_ != Phase::kRunning || !inv_) return {};
  if (inv_->request.on_chunk) return inv_->request.on_chunk(chunk);
  inv_->result.payload.append(chunk);
  return {};
}

void Environment::on_response_end(uint64_t generation) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (generation != generation_ || phase_ != Phase::kRunning || !inv_) return;
    responded(out);
  }
  run(out);
}

void Environment::on_function_error(uint64_t generation, std::string body, std::string error_type) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (generation != generation_ || phase_ != Phase::kRunning || !inv_) return;
    if (memory_exceeded()) {
      out_of_memory(out);
    } else {
      inv_->result.error_type = error_type.empty() ? error_type_of(body) : error_type;
      inv_->result.payload = std::move(body);
      inv_->result.function_error = true;
      inv_->error = true;
      inv_->report_error_type = error_type;
      phase_ = Phase::kResponded;
      answer_early(out);
    }
  }
  run(out);
}

void Environment::on_init_error(uint64_t generation, std::string body, std::string error_type) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (generation != generation_ || phase_ != Phase::kInit || !inv_) return;
    inv_->result.payload = std::move(body);
    inv_->report_error_type = error_type.empty() ? error_type_of(inv_->result.payload) : error_type;
    fail_before_start(out, "error", true);  // §2.5: the environment is discarded
  }
  run(out);
}

// --- Process news -------------------------------------------------------------------------------

void Environment::on_output(uint64_t id) {
  std::lock_guard lock(mu_);
  if (id != child_) {
    ctx_.supervisor->read_output(id);  // a dropped process's last words: nobody's log
    return;
  }
  drain_output();
}

void Environment::on_exit(uint64_t id, int wait_status) {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (id == child_) {
      drain_output();
      crash(out, wait_status);
    }
  }
  ctx_.supervisor->release(id);
  run(out);
}

void Environment::crash(Outbox& out, int wait_status) {
  if (child_ != 0 && ctx_.supervisor->read_memory(child_).exceeded) return out_of_memory(out);
  drop_process();
  const Phase was = phase_;
  if (phase_ != Phase::kDead) phase_ = Phase::kCold;
  if (!inv_ || (was != Phase::kInit && was != Phase::kRunning && was != Phase::kResponded)) return;
  const bool clean = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
  const std::string why = clean ? std::string(msg::kExitedWithoutReason)
                                : std::string(msg::kExitedWithError) + describe_exit(wait_status);
  inv_->report_error_type = msg::kExitError;
  if (was == Phase::kResponded) {  // the caller keeps the response it was given
    inv_->error = true;
    return finish(out, Outcome::kError, false);
  }
  inv_->result.payload = runtime_error_document(msg::kExitError, inv_->id, why);
  inv_->result.function_error = true;
  inv_->result.error_type = msg::kExitError;
  if (!inv_->started) {
    emit(fmt::format("RequestId: {} Error: {}\n{}\n", inv_->id, why, msg::kExitError));
    return fail_before_start(out, "error", false);
  }
  emit(fmt::format("RequestId: {} Error: {}\n{}\n", inv_->id, why, msg::kExitError));
  inv_->error = true;
  finish(out, Outcome::kError, false);
}

// The process passed MemorySize (spec §6) and is killed: the invocation fails with
// Runtime.OutOfMemory and "signal: killed", REPORT shows Max Memory Used = Memory Size, and the
// next invocation starts a new process. A response posted before stays the caller's (Lambda
// released it already); REPORT still names the error.
void Environment::out_of_memory(Outbox& out) {
  const Phase was = phase_;
  drop_process();
  if (phase_ != Phase::kDead) phase_ = Phase::kCold;
  if (!inv_ || (was != Phase::kInit && was != Phase::kRunning && was != Phase::kResponded)) return;
  inv_->out_of_memory = true;
  inv_->report_error_type = msg::kOutOfMemory;
  emit(fmt::format("RequestId: {} Error: {}\n{}\n", inv_->id, msg::kKilledForMemory,
                   msg::kOutOfMemory));
  if (was != Phase::kResponded) {
    inv_->result.payload =
        runtime_error_document(msg::kOutOfMemory, inv_->id, msg::kKilledForMemory);
    inv_->result.content_type = "application/json";
    inv_->result.function_error = true;
    inv_->result.error_type = msg::kOutOfMemory;
  }
  if (!inv_->started) return fail_before_start(out, "error", false);
  inv_->error = true;
  finish(out, Outcome::kError, false);
}

void Environment::on_timer() {
  Outbox out;
  {
    std::lock_guard lock(mu_);
    if (Clock::now() < deadline_ || !inv_) return;
    if (phase_ == Phase::kRunning || phase_ == Phase::kResponded) timeout(out);
    if (phase_ == Phase::kInit) init_timeout(out);
  }
  run(out);
}

void Environment::timeout(Outbox& out) {
  const FunctionConfig& f = *ctx_.function;
  drain_output();
  memory_exceeded();  // for REPORT's Max Memory Used
  drop_process();
  phase_ = Phase::kCold;  // the next invocation starts a new process; /tmp stays (§4)
  emit(timeout_line(std::chrono::system_clock::now(), inv_->id, f.timeout_s));
  inv_->result.payload = timeout_document(inv_->id, f.timeout_s);
  inv_->result.function_error = true;
  inv_->result.error_type = msg::kTimedOut;
  finish(out, Outcome::kTimeout, false);
}

// Init over its 10 s limit (§4): Lambda logs it and re-runs init inside the invocation, under the
// function's timeout ("suppressed init"); when that fails too, the invocation times out.
void Environment::init_timeout(Outbox& out) {
  const FunctionConfig& f = *ctx_.function;
  if (!suppressed_init_) {
    drain_output();
    log_init_report(ms_between(spawned_at_, Clock::now()), "init", "timeout", "");
    drop_process();
    suppressed_init_ = true;
    return start_process(out, std::chrono::seconds(f.timeout_s));
  }
  suppressed_init_ = false;
  inv_->result.payload = timeout_document(inv_->id, f.timeout_s);
  inv_->result.error_type = msg::kTimedOut;
  drain_output();
  const double init_ms = ms_between(spawned_at_, Clock::now());
  log_init_report(init_ms, "invoke", "timeout", "");
  log_start();
  inv_->started = true;
  inv_->started_at = Clock::now();
  inv_->result.function_error = true;
  drop_process();
  phase_ = Phase::kCold;
  finish(out, Outcome::kTimeout, false);
}

// Kills the current process (if any) and forgets it: its later news is stale.
void Environment::drop_process() {
  if (child_ != 0) {
    drain_output();
    memory_exceeded();  // its last peak, for REPORT (an init failure's too)
    ctx_.supervisor->signal(child_, SIGKILL);
  }
  child_ = 0;
  pid_ = -1;
  frozen_ = false;
  ++generation_;
}

// Lambda freezes an idle environment; sls stops its process group (spec §4). SIGKILL ends a
// stopped process as it ends a running one; SIGTERM needs the SIGCONT of thaw().
void Environment::freeze() {
  if (child_ == 0 || frozen_ || !ctx_.options->freeze_idle) return;
  ctx_.supervisor->signal(child_, SIGSTOP);
  frozen_ = true;
}

void Environment::thaw() {
  if (!frozen_) return;
  frozen_ = false;
  if (child_ != 0) ctx_.supervisor->signal(child_, SIGCONT);
}

// --- Logs and memory ----------------------------------------------------------------------------

void Environment::drain_output() {
  if (child_ == 0) return;
  partial_line_ += ctx_.supervisor->read_output(child_);
  const size_t last = partial_line_.rfind('\n');
  if (last == std::string::npos) return;
  const std::string lines = partial_line_.substr(0, last + 1);
  partial_line_.erase(0, last + 1);
  write_lines(lines);
}

// Platform lines always start a line: a pending partial line of the function's output is ended
// first.
void Environment::emit(std::string_view text) {
  if (!partial_line_.empty()) {
    const std::string line = partial_line_ + "\n";
    partial_line_.clear();
    write_lines(line);
  }
  write_lines(text);
}

// Hands whole lines to the sink one by one, and keeps them for this invocation's log.
void Environment::write_lines(std::string_view text) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const size_t n = nl == std::string_view::npos ? text.size() : nl + 1;
    ctx_.options->log_sink(ctx_.function->name, text.substr(0, n));
    if (inv_ && inv_->request.keep_log) inv_->result.log.append(text.substr(0, n));
    text.remove_prefix(n);
  }
}

// Platform lines as text, or as JSON records when LoggingConfig.LogFormat is JSON (§5).
bool Environment::json_logs() const { return ctx_.function->log_format == "JSON"; }

// SystemLogLevel filters the platform's own records, in the JSON log format only (Lambda applies
// log levels to JSON logs alone). initStart, start, report and initReport are INFO records
// (spec §5), so WARN leaves them out; DEBUG and INFO keep them.
bool Environment::platform_info_logged() const {
  return !json_logs() || ctx_.function->system_log_level != "WARN";
}

void Environment::log_init_start(std::string_view version) {
  if (!platform_info_logged()) return;
  const auto now = std::chrono::system_clock::now();
  emit(json_logs() ? init_start_json(now, version, ctx_.function->name) : init_start_line(version));
}

void Environment::log_start() {
  if (!platform_info_logged()) return;
  const auto now = std::chrono::system_clock::now();
  emit(json_logs() ? start_json(now, inv_->id) : start_line(inv_->id));
}

void Environment::log_end_report(const ReportFields& rf) {
  if (!platform_info_logged()) return;
  if (json_logs()) return emit(report_json(std::chrono::system_clock::now(), rf));
  emit(end_line(inv_->id));
  emit(report_line(rf));
}

void Environment::log_init_report(double ms, std::string_view phase, std::string_view status,
                                  std::string_view error_type) {
  if (!platform_info_logged()) return;
  const auto now = std::chrono::system_clock::now();
  emit(json_logs() ? init_report_json(now, ms, phase, status, error_type)
                   : init_report_line(ms, phase, status, error_type));
}

bool Environment::memory_exceeded() {
  if (child_ == 0) return false;
  const MemoryReading m = ctx_.supervisor->read_memory(child_);
  // A peak past the cap is reported as Memory Size for that invocation alone (§6); it does not
  // raise what the environment's later invocations report.
  if (!m.exceeded) max_rss_kb_ = std::max(max_rss_kb_, m.peak_kb);
  return m.exceeded;
}

}  // namespace sls::runtime

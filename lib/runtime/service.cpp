// The Service: per function, a pool of execution environments up to its concurrency, warm reuse,
// idle reaping and a clean stop (spec/lambda-runtime-api.md §4); and where the bootstraps are.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <future>
#include <optional>

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include "core/environ.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/log.h"
#include "runtime/environment.h"
#include "runtime/head_start.h"
#include "runtime/interpreters.h"
#include "runtime/memory.h"
#include "runtime/probe_cache.h"
#include "runtime/runtime.h"

namespace sls::runtime {

namespace fs = std::filesystem;

namespace {

// Lambda stops a runtime without extensions at once; sls gives it this long after SIGTERM to
// finish writing (spec §4 "Shutdown").
constexpr auto kStopGrace = std::chrono::milliseconds(500);
// After SIGKILL the kernel reaps quickly; this bounds the wait should a child be stuck in D state.
constexpr auto kKillWait = std::chrono::seconds(2);

// A bwrap that can really build a sandbox here (user namespaces may be disabled), probed once.
std::string working_bwrap() {
  static const std::string found = [] {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
    while (!dirs.empty()) {
      const size_t colon = dirs.find(':');
      const std::string dir(dirs.substr(0, colon));
      dirs.remove_prefix(colon == std::string_view::npos ? dirs.size() : colon + 1);
      const std::string candidate = dir + "/bwrap";
      if (dir.empty() || ::access(candidate.c_str(), X_OK) != 0) continue;
      // Running bwrap to find out costs as much as the rest of a cold start: asked once per
      // binary and boot (ProbeCache).
      // The probe asks for everything the sandbox uses; --size came with bubblewrap 0.6.
      const ProbeCache cache("bwrap-tmpfs-probe", candidate);
      if (const auto known = cache.get(); known == "yes" || known == "no") {
        return *known == "yes" ? candidate : std::string();
      }
      const std::string probe = fmt::format(
          "'{}' --ro-bind / / --dev /dev --proc /proc --size 1048576 --tmpfs /tmp true "
          ">/dev/null 2>&1",
          candidate);
      const bool works = std::system(probe.c_str()) == 0;
      cache.put(works ? "yes" : "no");
      return works ? candidate : std::string();
    }
    return std::string();
  }();
  return found;
}

// The sandbox of this machine when one is wanted: sls's own where the kernel lets it make one,
// else bubblewrap's, else none. SLS_SANDBOX=namespaces or =bwrap allows only that one. Chosen
// once per process.
Sandboxing choose_sandboxing(bool wanted) {
  if (!wanted) return {};
  static const Sandboxing chosen = [] {
    Sandboxing s;
    const char* only = std::getenv("SLS_SANDBOX");
    const std::string_view choice = only != nullptr ? only : "";
    if (choice != "bwrap" && sandbox_works()) {
      s.kind = Sandboxing::Kind::kNamespaces;
    } else if (choice != "namespaces") {
      s.bwrap = working_bwrap();
      if (!s.bwrap.empty()) s.kind = Sandboxing::Kind::kBwrap;
    }
    sls::log::debug("runtime: sandbox: {}", s.kind == Sandboxing::Kind::kNamespaces ? "namespaces"
                                            : s.on()                                ? s.bwrap
                                                                                    : "none");
    return s;
  }();
  return chosen;
}

void write_stderr(std::string_view /*function*/, std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

struct Service::Impl {
  // The supervisor's timers reach the Impl through this (they hold weak_ptrs); the supervisor
  // stops before the Impl goes, so the raw pointer never dangles while a timer can fire.
  struct IdleReaper final : Supervisor::Listener {
    Impl* impl = nullptr;
    void on_timer() override { impl->reap_idle(); }
    void on_output(uint64_t /*id*/) override {}
    void on_exit(uint64_t /*id*/, int /*wait_status*/) override {}
  };

  // One function's environments. `busy` marks those serving an invocation; `answered`, those whose
  // caller already has its result (InvokeRequest::answer_at_response) and which are free as soon
  // as their runtime asks for its next event. `ticket` counts the invocations a slot was given.
  struct Slot {
    std::shared_ptr<Environment> env;
    bool busy = false;
    bool answered = false;
    uint64_t ticket = 0;
    Clock::time_point idle_since;
  };
  // An invocation that arrived while every environment was busy but some had already answered
  // (InvokeRequest::answer_at_response): it goes to the first of them to ask for its next event,
  // microseconds later, rather than to a cold new environment or a throttle.
  struct Waiting {
    InvokeRequest request;
    Environment::Done done;
  };
  struct Pool {
    EnvironmentContext context;
    int cap = 0;
    std::vector<Slot> slots;
    std::deque<Waiting> waiting;
  };

  http::EventLoop& loop;
  std::vector<FunctionConfig> functions;
  ServiceOptions options;
  Supervisor supervisor;
  std::map<std::string, std::unique_ptr<Pool>, std::less<>> pools;  // by function name

  std::shared_ptr<IdleReaper> reaper = std::make_shared<IdleReaper>();

  std::mutex mu;  // guards every Pool's slots and `stopped`
  bool stopped = false;

  Impl(http::EventLoop& l, std::vector<FunctionConfig> fns, ServiceOptions o)
      : loop(l), functions(std::move(fns)), options(std::move(o)) {
    reaper->impl = this;
    if (!options.log_sink) options.log_sink = write_stderr;
    // Found now, so a missing installation fails at start rather than on the first invocation;
    // custom runtimes do not need it (it only names their LAMBDA_RUNTIME_DIR).
    const bool managed = std::any_of(functions.begin(), functions.end(), [](const auto& f) {
      return parse_runtime_id(f.runtime).has_value();
    });
    std::string boot = options.bootstrap_dir;
    if (boot.empty()) {
      try {
        boot = bootstrap_dir();
      } catch (const Error&) {
        if (managed) throw;
      }
    }
    const Sandboxing sandboxing = choose_sandboxing(options.sandbox);
    const auto host = process_environment();
    for (const FunctionConfig& f : functions) {
      auto pool = std::make_unique<Pool>();
      pool->context = EnvironmentContext{&loop, &supervisor, &f, &options, boot, sandboxing, host};
      pool->cap = f.reserved_concurrency.value_or(options.default_concurrency);
      pools.emplace(f.name, std::move(pool));
    }
  }

  Pool* pool_of(std::string_view name) {
    if (const auto it = pools.find(name); it != pools.end()) return it->second.get();
    for (auto& [n, p] : pools) {
      if (p->context.function->logical_id == name) return p.get();
    }
    return nullptr;
  }

  // `done`, telling the pool when the caller is answered before the environment is free.
  Environment::Done watch_answer(Pool& pool, const Environment* env, uint64_t ticket,
                                 Environment::Done done) {
    return [this, p = &pool, env, ticket, done = std::move(done)](InvokeResult r) {
      {
        std::lock_guard lock(mu);
        for (Slot& s : p->slots) {
          if (s.env.get() == env && s.busy && s.ticket == ticket) s.answered = true;
        }
      }
      done(std::move(r));
    };
  }

  // An environment for `request`, marked busy (`done` then watches its answer); nullptr when the
  // request was queued for one that is about to be free (it then runs from release()).
  std::shared_ptr<Environment> acquire(Pool& pool, InvokeRequest& request,
                                       Environment::Done& done) {
    std::lock_guard lock(mu);
    if (stopped) throw Error(Errc::kConflict, "the runtime service is stopping");
    Slot* pick = nullptr;
    for (Slot& s : pool.slots) {
      if (s.busy) continue;
      if (pick == nullptr || (s.env->warm() && !pick->env->warm())) pick = &s;
    }
    if (pick == nullptr) {
      const auto finishing = std::count_if(pool.slots.begin(), pool.slots.end(),
                                           [](const Slot& s) { return s.busy && s.answered; });
      if (static_cast<size_t>(finishing) > pool.waiting.size()) {
        pool.waiting.push_back(Waiting{std::move(request), std::move(done)});
        return nullptr;
      }
      if (static_cast<int>(pool.slots.size()) >= pool.cap) {
        throw Error(Errc::kLimitExceeded, "Rate Exceeded.");
      }
      Pool* p = &pool;
      auto env = std::make_shared<Environment>(
          pool.context, [this, p](Environment& e, bool discard) { release(*p, e, discard); });
      Slot fresh;
      fresh.env = std::move(env);
      pool.slots.push_back(std::move(fresh));
      pick = &pool.slots.back();
    }
    pick->busy = true;
    pick->answered = false;
    ++pick->ticket;
    done = watch_answer(pool, pick->env.get(), pick->ticket, std::move(done));
    return pick->env;
  }

  void release(Pool& pool, Environment& env, bool discard) {
    std::shared_ptr<Environment> dropped;
    std::optional<Waiting> next;
    {
      std::lock_guard lock(mu);
      const auto it = std::find_if(pool.slots.begin(), pool.slots.end(),
                                   [&](const Slot& s) { return s.env.get() == &env; });
      if (it == pool.slots.end()) return;
      if (!pool.waiting.empty() && !stopped) {
        next = std::move(pool.waiting.front());
        pool.waiting.pop_front();
      }
      it->answered = false;
      if (discard) {
        dropped = std::move(it->env);
        pool.slots.erase(it);
      } else if (next) {  // still busy: it is next's
        next->done = watch_answer(pool, &env, ++it->ticket, std::move(next->done));
      } else {
        it->busy = false;
        it->idle_since = Clock::now();
      }
    }
    if (next && !discard) {
      env.invoke(std::move(next->request), std::move(next->done));
      return;
    }
    // Destroying an environment stops its servers: never on a loop thread (we may be on one), so
    // the last reference moves into work for the supervisor thread.
    if (dropped) supervisor.defer([last = std::move(dropped)] {});
    if (!discard) supervisor.set_timer(Clock::now() + options.idle_timeout, reaper);
    if (!next) return;
    try {  // the environment went: the queued invocation needs another
      dispatch(pool, std::move(next->request), std::move(next->done));
    } catch (const Error& e) {  // stopping: the caller's responder answers 500 as it goes
      sls::log::debug("runtime: a queued invocation was dropped: {}", e.message());
    }
  }

  // Shuts down environments idle for idle_timeout (supervisor thread).
  void reap_idle() {
    std::vector<std::shared_ptr<Environment>> reaped;
    {
      std::lock_guard lock(mu);
      const auto limit = Clock::now() - options.idle_timeout;
      for (auto& [name, pool] : pools) {
        auto& slots = pool->slots;
        for (auto it = slots.begin(); it != slots.end();) {
          if (!it->busy && it->idle_since <= limit) {
            reaped.push_back(std::move(it->env));
            it = slots.erase(it);
          } else {
            ++it;
          }
        }
      }
    }
    if (!reaped.empty())
      sls::log::debug("runtime: {} idle environment(s) shut down", reaped.size());
  }

  // Runs `request` on an environment of `pool`, or queues it (see Waiting).
  void dispatch(Pool& pool, InvokeRequest request, Environment::Done done) {
    if (auto env = acquire(pool, request, done)) env->invoke(std::move(request), std::move(done));
  }

  void adopt(Prelaunch early) {
    Pool* pool = early.started() ? pool_of(early.function_) : nullptr;
    if (pool == nullptr) return;
    std::lock_guard lock(mu);
    if (stopped || !pool->slots.empty() || pool->cap < 1) return;
    Pool* p = pool;
    Slot slot;
    slot.env = std::make_shared<Environment>(
        pool->context, [this, p](Environment& e, bool discard) { release(*p, e, discard); },
        std::move(*early.state_));
    slot.idle_since = Clock::now();
    pool->slots.push_back(std::move(slot));
  }

  void kill_for_exit() {
    std::vector<std::shared_ptr<Environment>> all;
    {
      std::lock_guard lock(mu);
      stopped = true;
      for (auto& [name, pool] : pools) {
        for (Slot& s : pool->slots) all.push_back(s.env);
      }
    }
    // The supervisor's thread ends first, while the runtimes still wait: woken while they die,
    // it could wait for the CPU that tears one down (most of a millisecond).
    supervisor.stop_leaving_children();
    for (const auto& e : all) e->kill_for_exit();
    supervisor.kill_cgroups();  // what left the process groups
  }

  void stop() {
    std::vector<std::shared_ptr<Environment>> all;
    std::deque<Waiting> unserved;  // their callers are answered 500 as their responders go
    {
      std::lock_guard lock(mu);
      if (stopped) return;
      stopped = true;
      for (auto& [name, pool] : pools) {
        for (Slot& s : pool->slots) all.push_back(s.env);
        std::move(pool->waiting.begin(), pool->waiting.end(), std::back_inserter(unserved));
        pool->waiting.clear();
      }
    }
    if (options.graceful_stop) {
      for (const auto& e : all) e->terminate(SIGTERM);
      if (!supervisor.wait_children_gone(Clock::now() + kStopGrace)) {
        supervisor.signal_all(SIGKILL);
        supervisor.wait_children_gone(Clock::now() + kKillWait);
      }
    } else {
      for (const auto& e : all) e->terminate(SIGKILL);
    }
    // The environments go first (their servers stop, their /tmp is removed), while the supervisor
    // thread takes in the deaths of their processes; then that thread stops.
    all.clear();
    {
      std::vector<Slot> dropped;  // destroyed with no lock held
      {
        std::lock_guard lock(mu);
        for (auto& [name, pool] : pools) {
          std::move(pool->slots.begin(), pool->slots.end(), std::back_inserter(dropped));
          pool->slots.clear();
        }
      }
    }
    if (options.graceful_stop) {
      supervisor.stop();
    } else {
      supervisor.stop_without_reaping();
    }
  }
};

Service::Service(http::EventLoop& loop, std::vector<FunctionConfig> functions,
                 ServiceOptions options)
    : impl_(std::make_unique<Impl>(loop, std::move(functions), std::move(options))) {}

Service::~Service() { stop(); }

const FunctionConfig* Service::find(std::string_view name) const {
  Impl::Pool* p = impl_->pool_of(name);
  return p != nullptr ? p->context.function : nullptr;
}

void Service::invoke(std::string_view function, InvokeRequest request,
                     std::function<void(InvokeResult)> done) {
  Impl::Pool* pool = impl_->pool_of(function);
  if (pool == nullptr) {
    throw Error(Errc::kNotFound, fmt::format("Function not found: {}", function));
  }
  impl_->dispatch(*pool, std::move(request), std::move(done));
}

InvokeResult Service::invoke_and_wait(std::string_view function, InvokeRequest request) {
  std::promise<InvokeResult> promise;
  auto future = promise.get_future();
  invoke(function, std::move(request),
         [&promise](InvokeResult r) { promise.set_value(std::move(r)); });
  return future.get();
}

const std::vector<FunctionConfig>& Service::functions() const { return impl_->functions; }

void Service::stop() { impl_->stop(); }

void Service::kill_for_exit() { impl_->kill_for_exit(); }

void Service::adopt(Prelaunch early) { impl_->adopt(std::move(early)); }

Prelaunch::Prelaunch() = default;
Prelaunch::~Prelaunch() = default;
Prelaunch::Prelaunch(Prelaunch&&) noexcept = default;
Prelaunch& Prelaunch::operator=(Prelaunch&&) noexcept = default;

Prelaunch Prelaunch::start(const FunctionConfig& function, const ServiceOptions& options) {
  Prelaunch early;
  // A runtime started before main from the last run's launch (head_start.h): taken over only
  // when this run plans exactly that launch.
  std::unique_ptr<HeadStart> ahead = take_head_start();
  if (function.reserved_concurrency && *function.reserved_concurrency < 1) {
    forget_launch();
    return early;
  }
  try {
    EnvironmentContext ctx;
    ctx.function = &function;
    ctx.options = &options;
    ctx.bootstrap_dir = options.bootstrap_dir.empty() ? bootstrap_dir() : options.bootstrap_dir;
    ctx.sandboxing = choose_sandboxing(options.sandbox);
    ctx.host_environment = process_environment();
    std::string why;
    std::unique_ptr<Prestart> p;
    std::optional<LaunchPlan> plan;
    if (ahead) {
      Prestart& a = ahead->process;
      plan = plan_launch(ctx, a.tmp_dir, a.log_stream, a.socket.port(), &why);
      if (plan && plan->spec == ahead->spec && plan->cap == ahead->cap) {
        p = std::make_unique<Prestart>(std::move(a));
      } else {
        sls::log::debug("runtime: the launch recorded for these arguments is not {}'s any more",
                        function.name);
        ahead.reset();  // killed at its gate; its /tmp removed
      }
    }
    if (!p) {
      p = std::make_unique<Prestart>();
      p->tmp_dir = tmp_dir_for(ctx.sandboxing);
      p->log_stream = new_log_stream_name(std::chrono::system_clock::now());
      p->socket = http::ListeningSocket::loopback();
      plan = plan_launch(ctx, p->tmp_dir, p->log_stream, p->socket.port(), &why);
      if (!plan) {
        forget_launch();
        return early;  // p goes: its /tmp is removed
      }
      p->cap = make_cap(plan->cap);
      p->spawned_at = Clock::now();
      p->child = spawn_process(plan->spec, -1, &p->cap);
    }
    p->version = plan->version;
    limit_open_files(p->child.pid, limits::kLambdaOpenFiles.value);
    if (ahead) {
      // Capped like any other start before anything of the function's runs.
      ahead->open_gate();
      // Its cgroups were made before main, before the log was set up.
      std::string caps;
      for (const Cgroup* g : p->cap.cgroups()) {
        if (g != nullptr) caps += (caps.empty() ? "; in " : ", ") + g->path();
      }
      sls::log::debug(
          "runtime: {} was started before main, from the launch recorded for these "
          "arguments{}",
          function.name, caps);
    } else {
      record_launch(function, ctx.bootstrap_dir, *plan, p->tmp_dir, p->log_stream,
                    fmt::format("127.0.0.1:{}", p->socket.port()), ctx.host_environment);
    }
    early.function_ = function.name;
    early.state_ = std::move(p);
  } catch (const Error& e) {
    sls::log::debug("runtime: {} not started early: {}", function.name, e.message());
  }
  return early;
}

std::string bootstrap_dir() {
  if (const char* env = std::getenv("SLS_BOOTSTRAP_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  const std::vector<fs::path> places = {exe_dir / ".." / "share" / "sls" / "runtime",
                                        exe_dir / "share" / "sls" / "runtime"};
  // /proc/self/exe is the binary's real path, so a lexical `..` is the physical one.
  for (const fs::path& p : places) {
    if (fs::is_regular_file(p / "python" / "bootstrap.py", ec))
      return p.lexically_normal().string();
  }
  throw Error(
      Errc::kNotFound,
      fmt::format("the runtime bootstraps are not installed: looked in {} and {} (set "
                  "SLS_BOOTSTRAP_DIR)",
                  places[0].lexically_normal().string(), places[1].lexically_normal().string()));
}

}  // namespace sls::runtime

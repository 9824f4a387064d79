// Starting runtime processes and supervising them (see process.h).
#include "runtime/process.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "core/log.h"

namespace sls::runtime {

namespace {

// Without pidfd (kernels before 5.3) exits are found by asking waitpid this often.
constexpr int kReapPollMs = 50;
// A cgroup the kernel would not remove yet is tried again each poll round this many times
// (kReapPollMs apart) before it is left behind.
constexpr int kCgroupRemoveTries = 100;
// One page: a bigger buffer costs a cold `sls invoke` a page fault per page on the supervisor's
// fresh stack (the compiler probes each page of a large frame), and runtimes write little at a
// time.
constexpr size_t kReadChunkBytes = 4096;

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  const long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) {
    ::fcntl(static_cast<int>(fd), F_SETFD, FD_CLOEXEC);
    return static_cast<int>(fd);
  }
#endif
  (void)pid;
  return -1;
}

// RAII for posix_spawn's attribute objects.
struct SpawnAttrs {
  posix_spawnattr_t attr{};
  posix_spawn_file_actions_t actions{};
  SpawnAttrs() {
    ::posix_spawnattr_init(&attr);
    ::posix_spawn_file_actions_init(&actions);
  }
  ~SpawnAttrs() {
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
  }
  SpawnAttrs(const SpawnAttrs&) = delete;
  SpawnAttrs& operator=(const SpawnAttrs&) = delete;
};

// posix_spawn with the child's descriptors and signals set up; throws Error{kIo}.
pid_t spawn_plain(const SpawnSpec& spec, char* const* argv, char* const* envp, int output_fd,
                  int gate_fd) {
  SpawnAttrs a;
  ::posix_spawnattr_setpgroup(&a.attr, 0);  // its own group: a timeout kills the whole tree
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : kDefaultSignals) sigaddset(&defaults, s);
  ::posix_spawnattr_setsigmask(&a.attr, &none);
  ::posix_spawnattr_setsigdefault(&a.attr, &defaults);
  ::posix_spawnattr_setflags(
      &a.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  ::posix_spawn_file_actions_addopen(&a.actions, 0, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(&a.actions, output_fd, 1);
  ::posix_spawn_file_actions_adddup2(&a.actions, output_fd, 2);
  if (gate_fd >= 0) {
    // Every descriptor but the gate closed at the exec: the gate is dup2'ed (which clears
    // close-on-exec on the copy) after every other one was marked close-on-exec.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
      throw Error(Errc::kIo, fmt::format("close_range: {}", std::strerror(errno)));
    }
    ::posix_spawn_file_actions_adddup2(&a.actions, gate_fd, kGateFd);
  } else {
    ::posix_spawn_file_actions_addclosefrom_np(&a.actions, 3);  // no server socket leaks into it
  }
  if (!spec.cwd.empty()) ::posix_spawn_file_actions_addchdir_np(&a.actions, spec.cwd.c_str());
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0], &a.actions, &a.attr, argv, envp);
  if (rc != 0) throw Error(Errc::kIo, fmt::format("{}: {}", spec.argv[0], std::strerror(rc)));
  return pid;
}

// The calling thread in a runtime's cgroups while it starts the runtime, and back out after
// (memory.h: Cgroup::enter_thread). Which ones it entered is kept, with the way back.
class BornInside {
 public:
  explicit BornInside(MemoryCap* cap) {
    if (cap == nullptr) return;
    for (const Cgroup* g : cap->cgroups()) {
      if (g == nullptr) continue;
      if (const int way_back = g->enter_thread(); way_back >= 0) entered_.push_back({g, way_back});
    }
  }
  ~BornInside() { leave(); }
  BornInside(const BornInside&) = delete;
  BornInside& operator=(const BornInside&) = delete;

  void leave() {
    for (const Entered& e : entered_) {
      if (!Cgroup::leave_thread(e.way_back)) {
        sls::log::warn("runtime: this thread stays in cgroup {}: {}", e.cgroup->path(),
                       std::strerror(errno));
      }
      left_.push_back(e.cgroup);
    }
    entered_.clear();
  }
  bool born_in(const Cgroup* g) const {
    return std::find(left_.begin(), left_.end(), g) != left_.end();
  }

 private:
  struct Entered {
    const Cgroup* cgroup;
    int way_back;
  };
  std::vector<Entered> entered_;
  std::vector<const Cgroup*> left_;
};

// The cgroups of `cap` the process was not born in are moved in now; the ones the kernel
// refuses are dropped.
void adopt_rest(MemoryCap& cap, const BornInside& inside, pid_t pid) {
  const auto keep = [&](auto& g) {
    if (g && !inside.born_in(g.get()) && !g->adopt(pid)) g.reset();
  };
  keep(cap.cgroup);
  keep(cap.tasks);
}

}  // namespace

Spawned spawn_process(const SpawnSpec& spec, int gate_fd, MemoryCap* cap) {
  std::vector<std::string> env_strings;
  env_strings.reserve(spec.environment.size());
  for (const auto& [k, v] : spec.environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = spec.argv;
  std::vector<char*> argv;
  for (std::string& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);

  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
    throw Error(Errc::kIo, fmt::format("pipe: {}", std::strerror(errno)));
  }
  pid_t pid = -1;
  BornInside inside(cap);
  try {
    if (spec.sandbox) {
      SandboxedExec e;
      e.path = argv[0];
      e.argv = argv.data();
      e.envp = envp.data();
      e.cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();
      e.output_fd = fds[1];
      e.gate_fd = gate_fd;
      e.gate_target = kGateFd;
      pid = spawn_in_sandbox(*spec.sandbox, e);
    } else {
      pid = spawn_plain(spec, argv.data(), envp.data(), fds[1], gate_fd);
    }
  } catch (...) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw;
  }
  inside.leave();
  if (cap != nullptr) adopt_rest(*cap, inside, pid);
  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  return Spawned{pid, fds[0]};
}

void signal_group(pid_t pgid, int sig) {
  if (pgid > 0) ::kill(-pgid, sig);
}

// --- Supervisor -------------------------------------------------------------------------------

struct Supervisor::Round {
  std::vector<std::pair<uint64_t, std::weak_ptr<Listener>>> output;
  std::vector<std::tuple<uint64_t, int, std::weak_ptr<Listener>>> exits;
  std::vector<std::weak_ptr<Listener>> timers;
  std::vector<std::function<void()>> deferred;
};

Supervisor::Supervisor() : wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (wake_fd_ < 0) throw Error(Errc::kIo, fmt::format("eventfd: {}", std::strerror(errno)));
  thread_ = std::thread([this] { run(); });
}

Supervisor::~Supervisor() {
  stop();
  for (const auto& [id, c] : children_) {  // left to the kernel by stop_without_reaping()
    if (c.output_fd >= 0) ::close(c.output_fd);
    if (c.pidfd >= 0) ::close(c.pidfd);
  }
  ::close(wake_fd_);
}

void Supervisor::wake() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

uint64_t Supervisor::watch(const Spawned& child, std::weak_ptr<Listener> listener, MemoryCap cap) {
  Child c;
  c.pid = child.pid;
  c.pidfd = open_pidfd(child.pid);
  c.output_fd = child.output_fd;
  c.listener = std::move(listener);
  c.limit_kb = cap.limit_kb;
  c.cgroup = std::move(cap.cgroup);
  c.tasks = std::move(cap.tasks);
  uint64_t id = 0;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    children_.emplace(id, std::move(c));
  }
  wake();
  return id;
}

std::string Supervisor::read_output(uint64_t id) {
  std::lock_guard lock(mu_);
  const auto it = children_.find(id);
  if (it == children_.end() || it->second.output_fd < 0) return "";
  std::string out;
  std::array<char, kReadChunkBytes> buf;  // filled by read(): no zeroing
  for (;;) {
    const ssize_t n = ::read(it->second.output_fd, buf.data(), buf.size());
    if (n > 0) {
      out.append(buf.data(), static_cast<size_t>(n));
      continue;
    }
    if (n == 0) it->second.output_eof = true;
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  return out;
}

void Supervisor::release(uint64_t id) {
  std::lock_guard lock(mu_);
  const auto it = children_.find(id);
  if (it == children_.end() || !it->second.exited) return;
  if (it->second.output_fd >= 0) ::close(it->second.output_fd);
  if (it->second.pidfd >= 0) ::close(it->second.pidfd);
  Leftover left;
  if (auto& cg = it->second.cgroup) {
    cg->kill();  // what the runtime left running (a daemonised child) goes with it
    if (!cg->remove()) left.cgroup = std::move(cg);
  }
  if (auto& tasks = it->second.tasks) {
    tasks->kill();
    if (!tasks->remove()) left.tasks = std::move(tasks);
  }
  if (left.cgroup || left.tasks) leftovers_.push_back(std::move(left));
  children_.erase(it);
  reaped_.notify_all();
}

void Supervisor::contain_tree(uint64_t id) {
  std::lock_guard lock(mu_);
  const auto it = children_.find(id);
  if (it == children_.end() || it->second.exited || !it->second.tasks) return;
  for (const pid_t p : process_tree(it->second.pid)) it->second.tasks->adopt(p);
}

void Supervisor::signal(uint64_t id, int sig) {
  std::lock_guard lock(mu_);
  const auto it = children_.find(id);
  if (it != children_.end()) signal_group(it->second.pid, sig);
}

void Supervisor::sample_memory(uint64_t id, bool on) {
  bool sooner = false;
  {
    std::lock_guard lock(mu_);
    const auto it = children_.find(id);
    if (it == children_.end()) return;
    it->second.sampling = on;
    if (!on) return;
    // The first sample comes a period after sampling starts (the caller has just measured).
    next_sample_ = std::max(next_sample_, Clock::now() + kMemorySamplePeriod);
    sooner = next_sample_ < wake_at_;
  }
  if (sooner) wake();
}

MemoryReading Supervisor::read_memory(uint64_t id) {
  std::lock_guard lock(mu_);
  const auto it = children_.find(id);
  if (it == children_.end()) return {};
  Child& c = it->second;
  if (c.cgroup) {
    // Still readable after the exit, until release().
    const auto peak = c.cgroup->peak_kb();
    if (peak) c.peak_kb = std::max(c.peak_kb, *peak);
    // What the process allocated before it was moved in (cgroup v2) stays charged to sls's own
    // cgroup.
    if (!c.exited) c.peak_kb = std::max(c.peak_kb, tree_peak_rss_kb(c.pid));
    if (c.cgroup->oom_killed()) c.over_memory = true;
  } else if (!c.exited) {
    // Not reaped yet (the reaping is done under mu_), so the pid is still this child's.
    check_memory(c, tree_peak_rss_kb(c.pid));
  }
  return MemoryReading{c.peak_kb, c.over_memory};
}

// Requires: mu_ held and c not reaped.
void Supervisor::check_memory(Child& c, int64_t peak_kb) {
  c.peak_kb = std::max(c.peak_kb, peak_kb);
  if (c.limit_kb > 0 && c.peak_kb > c.limit_kb && !c.over_memory) {
    c.over_memory = true;
    signal_group(c.pid, SIGKILL);
    sls::log::debug("runtime: process {} passed its memory cap ({} KiB > {} KiB): killed", c.pid,
                    c.peak_kb, c.limit_kb);
  }
}

bool Supervisor::sampling_due() const {
  return std::any_of(children_.begin(), children_.end(), [](const auto& entry) {
    const Child& c = entry.second;
    return !c.exited && c.sampling && c.limit_kb > 0 && !c.cgroup && !c.over_memory;
  });
}

// Samples every child due for it. The /proc reads run with mu_ released (they cost ~15 us per
// process); pids cannot be reused meanwhile, since only this thread reaps.
void Supervisor::sample_round() {
  std::vector<std::pair<uint64_t, pid_t>> due;
  {
    std::lock_guard lock(mu_);
    const Clock::time_point now = Clock::now();
    if (now < next_sample_) return;
    next_sample_ = now + kMemorySamplePeriod;
    for (const auto& [id, c] : children_) {
      if (!c.exited && c.sampling && c.limit_kb > 0 && !c.cgroup && !c.over_memory) {
        due.emplace_back(id, c.pid);
      }
    }
  }
  if (due.empty()) return;
  std::vector<int64_t> peaks;
  peaks.reserve(due.size());
  for (const auto& [id, pid] : due) peaks.push_back(tree_peak_rss_kb(pid));
  std::lock_guard lock(mu_);
  for (size_t i = 0; i < due.size(); ++i) {
    const auto it = children_.find(due[i].first);
    if (it != children_.end() && !it->second.exited) check_memory(it->second, peaks[i]);
  }
}

void Supervisor::retry_leftovers() {
  std::erase_if(leftovers_, [](Leftover& l) {
    const bool gone = (!l.cgroup || l.cgroup->remove()) && (!l.tasks || l.tasks->remove());
    return gone || ++l.tries >= kCgroupRemoveTries;
  });
}

void Supervisor::set_timer(Clock::time_point when, std::weak_ptr<Listener> listener) {
  bool sooner = false;
  {
    std::lock_guard lock(mu_);
    timers_.emplace(when, std::move(listener));
    sooner = when < wake_at_;
  }
  if (sooner) wake();  // else the thread wakes first anyway, and then counts this timer in
}

void Supervisor::defer(std::function<void()> fn) {
  {
    std::lock_guard lock(mu_);
    deferred_.push_back(std::move(fn));
  }
  wake();
}

size_t Supervisor::live_children() const {
  std::lock_guard lock(mu_);
  return children_.size();
}

void Supervisor::kill_cgroups() {
  std::lock_guard lock(mu_);
  for (const auto& [id, c] : children_) {
    if (c.cgroup) c.cgroup->kill();
    if (c.tasks) c.tasks->kill();
  }
  for (const Leftover& l : leftovers_) {
    if (l.cgroup) l.cgroup->kill();
    if (l.tasks) l.tasks->kill();
  }
}

bool Supervisor::wait_children_gone(Clock::time_point deadline) {
  std::unique_lock lock(mu_);
  return reaped_.wait_until(lock, deadline, [this] { return children_.empty(); });
}

void Supervisor::signal_all(int sig) {
  std::lock_guard lock(mu_);
  for (const auto& [id, c] : children_) signal_group(c.pid, sig);
}

void Supervisor::stop_without_reaping() {
  {
    std::lock_guard lock(mu_);
    reaping_ = false;
  }
  stop();
}

void Supervisor::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    for (const auto& [id, c] : children_) signal_group(c.pid, SIGKILL);
  }
  wake();
  if (thread_.joinable()) thread_.join();
}

void Supervisor::stop_leaving_children() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    leaving_ = true;
  }
  wake();
  if (thread_.joinable()) thread_.join();
}

bool Supervisor::waits_for_children() const {
  if (reaping_) return !children_.empty();
  return std::any_of(children_.begin(), children_.end(),
                     [](const auto& entry) { return entry.second.cgroup != nullptr; });
}

int Supervisor::poll_timeout_ms(Clock::time_point now) const {
  int timeout = -1;
  if (!timers_.empty()) {
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(timers_.begin()->first - now);
    timeout = static_cast<int>(std::clamp<int64_t>(ms.count(), 0, INT_MAX));
  }
  for (const auto& [id, c] : children_) {
    if (!c.exited && c.pidfd < 0)
      timeout = timeout < 0 ? kReapPollMs : std::min(timeout, kReapPollMs);
  }
  if ((stopping_ && waits_for_children()) || !leftovers_.empty())
    timeout = timeout < 0 ? kReapPollMs : std::min(timeout, kReapPollMs);
  if (sampling_due()) {
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next_sample_ - now);
    const int sample = static_cast<int>(std::clamp<int64_t>(ms.count(), 0, INT_MAX));
    timeout = timeout < 0 ? sample : std::min(timeout, sample);
  }
  return timeout;
}

// Requires: mu_ held. `ready` = ids whose pidfd or pipe poll() reported.
void Supervisor::collect(Round& round, const std::vector<uint64_t>& ready) {
  for (auto& [id, c] : children_) {
    const bool flagged = std::find(ready.begin(), ready.end(), id) != ready.end();
    if (flagged && !c.output_eof) round.output.emplace_back(id, c.listener);
    if (c.exited || (!flagged && c.pidfd >= 0 && !stopping_)) continue;
    int status = 0;
    const pid_t r = ::waitpid(c.pid, &status, WNOHANG);
    if (r == c.pid) {
      c.exited = true;
      round.exits.emplace_back(id, status, c.listener);
    }
  }
  const Clock::time_point now = Clock::now();
  const auto due_end = timers_.upper_bound(now);
  for (auto it = timers_.begin(); it != due_end; ++it) round.timers.push_back(it->second);
  timers_.erase(timers_.begin(), due_end);
  round.deferred.swap(deferred_);
  retry_leftovers();
}

void Supervisor::deliver(Round& round) {
  for (auto& [id, weak] : round.output) {
    if (const auto l = weak.lock()) {
      l->on_output(id);
    } else {
      read_output(id);  // nobody wants it; keep the pipe from filling up
    }
  }
  for (auto& [id, status, weak] : round.exits) {
    if (const auto l = weak.lock()) {
      l->on_exit(id, status);
    } else {
      release(id);
    }
  }
  bool stopping = false;
  {
    std::lock_guard lock(mu_);
    stopping = stopping_;
  }
  if (stopping) {
    for (auto& exit : round.exits) release(std::get<0>(exit));  // nobody will, once stopping
  }
  for (auto& weak : round.timers) {
    if (const auto l = weak.lock()) l->on_timer();
  }
  for (auto& fn : round.deferred) {
    try {
      fn();
    } catch (const std::exception& e) {
      sls::log::error("runtime supervisor: {}", e.what());
    }
  }
}

void Supervisor::run() {
  for (;;) {
    std::vector<pollfd> fds{{wake_fd_, POLLIN, 0}};
    std::vector<uint64_t> owners{0};
    int timeout = -1;
    {
      std::lock_guard lock(mu_);
      if (leaving_ || (stopping_ && deferred_.empty() && !waits_for_children())) return;
      for (const auto& [id, c] : children_) {
        if (c.exited) continue;
        if (c.pidfd >= 0) {
          fds.push_back({c.pidfd, POLLIN, 0});
          owners.push_back(id);
        }
        if (!c.output_eof) {
          fds.push_back({c.output_fd, POLLIN, 0});
          owners.push_back(id);
        }
      }
      const Clock::time_point now = Clock::now();
      timeout = poll_timeout_ms(now);
      if (!deferred_.empty()) timeout = 0;
      wake_at_ = timeout < 0 ? Clock::time_point::max() : now + std::chrono::milliseconds(timeout);
    }
    ::poll(fds.data(), fds.size(), timeout);
    uint64_t drained = 0;
    [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &drained, sizeof drained);
    std::vector<uint64_t> ready;
    for (size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].revents != 0) ready.push_back(owners[i]);
    }
    sample_round();
    Round round;
    {
      std::lock_guard lock(mu_);
      collect(round, ready);
    }
    deliver(round);
  }
}

}  // namespace sls::runtime

// Runtime processes: started in a process group of their own with stdout and stderr on one pipe
// (so their lines keep the order they were written in), watched by one supervisor thread that
// reaps them (pidfd, or a short poll where the kernel has none), hands their output to their
// owner, runs deadlines, and caps their memory (memory.h): by sampling the process tree's peak
// RSS while its owner says it runs, or through the cgroup it was given. No SIGCHLD handler:
// sls's other children are never touched, since only known pids are waited for.
//
// Thread safety: Supervisor's methods are safe from any thread. Listener callbacks run on the
// supervisor thread with no Supervisor lock held, so a listener may call back into it.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

#include "runtime/memory.h"
#include "runtime/sandbox.h"

namespace sls::runtime {

using Clock = std::chrono::steady_clock;

struct SpawnSpec {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::map<std::string, std::string> environment;
  std::string cwd;
  std::optional<Sandbox> sandbox{};  // made by sls (sandbox.h); a bwrap sandbox is in argv

  bool operator==(const SpawnSpec&) const = default;
};

// A started process: its pid (= its process group id) and the read end of its output pipe.
struct Spawned {
  pid_t pid = -1;
  int output_fd = -1;  // non-blocking
};

// Where a runtime started ahead of its check finds the read end of its gate (head_start.h): a
// pipe that says whether it may go on. A number no process inherits from sls otherwise (every
// other descriptor is closed at the exec) and below the 1,024 open files Lambda allows.
inline constexpr int kGateFd = 1000;

// The memory cap of a watched child (memory.h).
struct MemoryCap {
  int64_t limit_kb = 0;                  // 0 = measured only, never killed
  std::unique_ptr<MemoryCgroup> cgroup;  // the kernel enforces the cap in it; null = sampling
  // Lambda's cap of 1,024 processes and threads, where this machine has a pids cgroup for it
  // (null = uncapped). Not a memory matter, but it goes with the process as the cgroup does.
  std::unique_ptr<TasksCgroup> tasks;

  // Both cgroups, either one null when there is none.
  std::array<const Cgroup*, 2> cgroups() const { return {cgroup.get(), tasks.get()}; }
};

// What a runtime's MemoryCap is made of, decided before its cgroups are made (and recorded with
// a launch started ahead, head_start.h).
struct CapPlan {
  int64_t limit_kb = 0;
  bool memory_cgroup = false;  // in a memory cgroup where this machine allows one
  bool operator==(const CapPlan&) const = default;
};

// Starts the process. With gate_fd >= 0, that descriptor is its kGateFd. With `cap`, the process
// is born in its cgroups where the kernel lets this thread move alone (Cgroup::enter_thread),
// else moved in right after it started; a cgroup the kernel refuses both ways is dropped from
// `cap` (its cap then falls to sampling, or to none for the tasks). Throws Error{kIo} with the
// errno text when it cannot be started (for example ENOENT for a missing executable).
Spawned spawn_process(const SpawnSpec& spec, int gate_fd = -1, MemoryCap* cap = nullptr);

// Sends `sig` to the whole process group `pgid`; no-op for pgid <= 0.
void signal_group(pid_t pgid, int sig);

// What Supervisor::read_memory() finds.
struct MemoryReading {
  int64_t peak_kb = 0;    // the highest peak seen so far (KiB)
  bool exceeded = false;  // the child passed its cap: it was (or is being) killed
};

// How often a running child's tree is sampled without a cgroup. One sample of a python runtime
// costs ~15 us (two small /proc reads per process), so 10 ms is ~0.15% of a core per running
// environment; a handler that touches memory at ~3 GB/s overshoots the cap by ~30 MB at most
// before the kill. A spike freed between two samples still shows in VmHWM.
inline constexpr std::chrono::milliseconds kMemorySamplePeriod{10};

class Supervisor {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // New output may be readable on child `id`: call read_output(id).
    virtual void on_output(uint64_t id) = 0;
    // Child `id` exited with `wait_status` (waitpid's); its output is still readable until
    // release(id).
    virtual void on_exit(uint64_t id, int wait_status) = 0;
    // A deadline set with set_timer() passed (timers may also fire late or be spurious).
    virtual void on_timer() = 0;
  };

  Supervisor();
  ~Supervisor();  // stop()
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // Watches a started process; returns its id. The supervisor owns the output fd and reaps the
  // pid; the listener is called while it is alive. Without a cgroup, a cap with a limit is
  // enforced by sampling (on from the start; see sample_memory()): once the tree's peak RSS
  // passes it, the process group is killed and read_memory() says so. A cgroup is removed
  // after release().
  uint64_t watch(const Spawned& child, std::weak_ptr<Listener> listener, MemoryCap cap = {});
  // Moves every process of the child's tree into its tasks cgroup (a sandbox's child may have
  // been cloned before bwrap itself was moved in). A no-op without one.
  void contain_tree(uint64_t id);
  // Turns sampling on or off (a runtime waiting for work is not sampled; Lambda freezes it).
  void sample_memory(uint64_t id, bool on);
  // The child's memory now (a fresh sample while it lives; what was last seen once it exited):
  // its peak, and whether it passed its cap. A child found over its cap is killed at once.
  MemoryReading read_memory(uint64_t id);
  // Everything readable now on the child's pipe ("" when nothing, or the child is unknown).
  std::string read_output(uint64_t id);
  // Forgets an exited child and closes its pipe. Requires: on_exit(id) was delivered.
  void release(uint64_t id);
  // Sends `sig` to the child's process group, unless it was released.
  void signal(uint64_t id, int sig);
  // Calls listener->on_timer() at `when` (or soon after).
  void set_timer(Clock::time_point when, std::weak_ptr<Listener> listener);
  // Runs `fn` on the supervisor thread soon (work that may not run on a loop thread or under a
  // caller's lock, like stopping a Runtime API server).
  void defer(std::function<void()> fn);

  // The number of children not yet reaped.
  size_t live_children() const;
  // For a process about to exit: SIGKILL to every process in the children's cgroups and in the
  // ones not yet removed. The directories are left behind, for the next sls that makes a cgroup
  // to remove (see MemoryCgroup, TasksCgroup).
  void kill_cgroups();
  // Waits until every child is reaped or `deadline` passes; true when none is left.
  bool wait_children_gone(Clock::time_point deadline);
  // Sends `sig` to the process group of every child not yet reaped.
  void signal_all(int sig);

  // Stops the thread after running deferred work. Children still alive are killed and reaped.
  // Idempotent; not from the supervisor thread.
  void stop();
  // stop() for a process about to exit: children still alive are sent SIGKILL and left to the
  // kernel to tear down (and to init to reap once this process is gone). Children in a memory
  // cgroup are still waited for, since their cgroup can only be removed once they are gone.
  void stop_without_reaping();
  // Ends the thread at once and leaves the children as they are, alive and watched by no one:
  // for a process about to exit that kills them next (signal(), kill_cgroups()). Their dying
  // then does not compete for a CPU with this thread's end. Not from the supervisor thread.
  void stop_leaving_children();

 private:
  struct Child {
    pid_t pid = -1;
    int pidfd = -1;
    int output_fd = -1;
    bool exited = false;
    bool output_eof = false;  // stop polling a pipe every writer closed
    std::weak_ptr<Listener> listener;
    int64_t limit_kb = 0;  // 0 = no cap
    std::unique_ptr<MemoryCgroup> cgroup;
    std::unique_ptr<TasksCgroup> tasks;
    bool sampling = true;      // with limit_kb and no cgroup: sampled every kMemorySamplePeriod
    int64_t peak_kb = 0;       // highest seen
    bool over_memory = false;  // passed limit_kb (killed) or OOM-killed in its cgroup
  };
  // A released child's cgroup whose removal the kernel refused (processes still leaving).
  struct Leftover {
    std::unique_ptr<MemoryCgroup> cgroup;  // either may be null
    std::unique_ptr<TasksCgroup> tasks;
    int tries = 0;
  };

  void run();
  void wake();
  struct Round;                     // what one poll round found, delivered with no lock held
  bool waits_for_children() const;  // Requires: mu_ held
  int poll_timeout_ms(Clock::time_point now) const;                // Requires: mu_ held
  void collect(Round& round, const std::vector<uint64_t>& ready);  // Requires: mu_ held
  void deliver(Round& round);
  void sample_round();                           // Requires: mu_ NOT held; on the supervisor thread
  void check_memory(Child& c, int64_t peak_kb);  // Requires: mu_ held
  void retry_leftovers();                        // Requires: mu_ held
  bool sampling_due() const;                     // Requires: mu_ held

  int wake_fd_ = -1;       // eventfd: poll() returns when something changed
  mutable std::mutex mu_;  // guards everything below
  std::condition_variable reaped_;
  std::map<uint64_t, Child> children_;
  // Earliest first: a busy function sets one per invocation, so finding the next deadline
  // must not scan them all.
  std::multimap<Clock::time_point, std::weak_ptr<Listener>> timers_;
  std::vector<std::function<void()>> deferred_;
  std::vector<Leftover> leftovers_;
  Clock::time_point next_sample_;
  // When the thread, asleep in poll(), wakes by itself: news due later needs no wake().
  // Set before each poll() with mu_ held, so it never claims a wake-up that will not come.
  Clock::time_point wake_at_ = Clock::time_point::min();
  uint64_t next_id_ = 1;
  bool stopping_ = false;
  bool reaping_ = true;   // stop() waits for the children; false after stop_without_reaping()
  bool leaving_ = false;  // stop_leaving_children(): the thread ends without another round
  std::thread thread_;    // started last, after every member it uses
};

}  // namespace sls::runtime

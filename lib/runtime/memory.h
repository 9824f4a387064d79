// How much memory a runtime process uses, and the cap at its MemorySize
// (spec/lambda-runtime-api.md §4 "Memory", §6 "Out of memory"). Two ways, chosen per process:
// * a cgroup of its own with the cap, where this machine lets sls make one: the kernel enforces
//   it. In cgroup v2, memory.max = MemorySize, memory.peak is the peak, memory.events' oom_kill
//   says the cap was hit; in a cgroup v1 memory hierarchy (older or hybrid hosts, where v2 has
//   no memory controller), memory.limit_in_bytes, memory.max_usage_in_bytes and
//   memory.oom_control's oom_kill. Max Memory Used is the higher of that peak and the tree's
//   VmHWM: a process is born in its v1 cgroups, but in v2 it is moved in after it started, and
//   what it allocated before stays charged to sls's cgroup;
// * otherwise the Supervisor (process.h) samples the peak resident memory (VmHWM) of the process
//   tree and kills its process group once the sum passes the cap. VmHWM is a high-water mark, so
//   a spike between two samples is still seen by the next one.
// Never RLIMIT_AS: it limits address space, not memory, and breaks V8's and other JITs'
// reservations.
//
// Thread safety: the functions are safe from any thread; a MemoryCgroup is used by one owner.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace sls::runtime {

// Peak resident memory of the process and all its descendants, summed (VmHWM of each, from
// /proc), in KiB; 0 when the process is gone. Descendants are found through the main thread's
// children list.
int64_t tree_peak_rss_kb(pid_t pid);

// The process and all its descendants found now (through each main thread's children list),
// the process first; just {pid} when /proc says nothing more.
std::vector<pid_t> process_tree(pid_t pid);

// Caps the open files of the process and its descendants at `max`, soft and hard alike as in
// Lambda (lower when a hard limit already is). A process gone meanwhile is skipped.
void limit_open_files(pid_t pid, int64_t max);

// Where sls may make cgroups of its own: a directory, and whether it is in a cgroup v1
// hierarchy (one controller per hierarchy) or cgroup v2 (one cgroup holds every controller).
struct CgroupParent {
  std::string dir;  // "" = none
  bool v1 = false;
};

// Where sls may make memory-capped cgroups: this process's own cgroup v2 directory when it is
// writable and its children get the memory controller (enabling it there when it is not yet),
// else its own cgroup in a writable v1 memory hierarchy; none otherwise. Probed once per
// process.
const CgroupParent& memory_cgroup_parent();

// The probe behind memory_cgroup_parent(), over the given texts of /proc/self/cgroup and
// /proc/self/mountinfo: the candidate directory (mount point of the cgroup2 file system + this
// process's path), or "" when there is no cgroup v2 hierarchy.
std::string cgroup_v2_dir(std::string_view proc_self_cgroup, std::string_view mountinfo);
// Whether `dir`'s children get the memory controller: it is listed in cgroup.subtree_control,
// or writing "+memory" there succeeds.
bool delegates_memory(const std::string& dir);

// Whether files written to `dir` live in memory (tmpfs): under a memory cgroup they would count
// against MemorySize, which Lambda's disk-backed /tmp does not.
bool on_tmpfs(const std::string& dir);

// One runtime's cgroup directory, <parent>/sls-<pid>-<n>, made by sls. On destruction what is
// left inside is killed and the directory removed when the kernel lets it (else it is left for
// a later sls: see TasksCgroup).
class Cgroup {
 public:
  ~Cgroup();
  Cgroup(const Cgroup&) = delete;
  Cgroup& operator=(const Cgroup&) = delete;

  // Moves `pid` in; processes it starts later are born inside. false when the kernel refuses.
  // The first move of a whole process after a quiet spell waits for an RCU grace period (the
  // kernel's lock over every thread group): 5-50 ms on some machines.
  bool adopt(pid_t pid) const;
  // Moves the calling thread alone in, so that a process it starts now is born inside; returns
  // the way back, or -1 when nothing moved. A single thread moves without that lock:
  // microseconds. Only cgroup v1 takes single threads (its `tasks` file); v2 refuses them
  // outside threaded cgroups. The way back (this process's own cgroup, the parent directory) is
  // opened before the move, so that a thread that went in can always come out: left inside,
  // it would count as the runtime's task and, as the main thread, charge sls's memory to it.
  int enter_thread() const;
  // Moves the calling thread back through a way from enter_thread(), and closes it.
  static bool leave_thread(int way_back);
  // SIGKILL to every process inside: cgroup.kill (v2, kernel 5.14+), else each pid it lists.
  void kill() const;
  // Removes the directory; false while processes are still inside (try again later).
  bool remove();
  const std::string& path() const { return dir_; }

 protected:
  explicit Cgroup(std::string dir) : dir_(std::move(dir)) {}
  // Makes <parent>/sls-<pid>-<tag><n> and writes `value` to its `file`; "" (logged at debug,
  // nothing left behind) when the kernel refuses either.
  static std::string make(const std::string& parent, std::string_view tag, const std::string& file,
                          const std::string& value);

 private:
  std::string dir_;
  bool removed_ = false;
};

// A runtime's memory cgroup. Like the tasks cgroups, the ones of sls processes that no longer
// exist are removed when the next one is made.
class MemoryCgroup : public Cgroup {
 public:
  // Makes the cgroup with the cap at limit_bytes and no swap (where the kernel accounts swap).
  // In v2, memory.oom.group = 1: an OOM kill takes the whole tree, as Lambda's environment dies
  // whole; v1 has no such switch, and its OOM killer takes the largest process (most often the
  // runtime itself). nullptr when the kernel refuses (logged at debug).
  static std::unique_ptr<MemoryCgroup> create(const CgroupParent& parent, int64_t limit_bytes);

  // The peak usage in KiB (v2: memory.peak, kernel 5.19+; v1: memory.max_usage_in_bytes);
  // nullopt when the kernel has no such file.
  std::optional<int64_t> peak_kb() const;
  // The kernel's OOM killer ran in it (v2: memory.events, v1: memory.oom_control; oom_kill > 0).
  bool oom_killed() const;
  bool v1() const { return v1_; }

 private:
  MemoryCgroup(std::string dir, bool v1) : Cgroup(std::move(dir)), v1_(v1) {}
  bool v1_;
};

// Where sls may make cgroups that cap a runtime's tasks (processes and threads together, Lambda's
// 1,024): this process's own cgroup in a cgroup v1 `pids` hierarchy, or its cgroup v2 directory
// when that one delegates the pids controller (enabling it when it is not yet). None: the tasks
// are not capped. Probed once per process.
const CgroupParent& tasks_cgroup_parent();
// The directory of this process's cgroup in the cgroup v1 hierarchy that has `controller`, from
// the texts of /proc/self/cgroup and /proc/self/mountinfo; "" when there is none.
std::string cgroup_v1_dir(std::string_view proc_self_cgroup, std::string_view mountinfo,
                          std::string_view controller);

// One runtime's task cap: a cgroup with pids.max. A fork or thread past it fails with EAGAIN,
// as in Lambda. An `sls invoke` exits without waiting for its runtime to be gone, so the cgroup
// of an sls process that no longer exists is removed when another one is made.
class TasksCgroup : public Cgroup {
 public:
  // nullptr when the kernel refuses (logged at debug).
  static std::unique_ptr<TasksCgroup> create(const std::string& parent, int64_t max_tasks);

 private:
  using Cgroup::Cgroup;
};

// The value of `key` in a flat-keyed cgroup file ("oom_kill 1\noom_group_kill 0\n"), or 0.
int64_t flat_keyed_value(std::string_view text, std::string_view key);

}  // namespace sls::runtime

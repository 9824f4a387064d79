// Measuring and capping a runtime process's memory (see memory.h).
#include "runtime/memory.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <linux/magic.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "core/limits.h"
#include "core/log.h"

namespace sls::runtime {

namespace {

// /proc/<pid>/status is about 1.4 KB; a children list of a runtime is a few pids.
constexpr size_t kProcFileBytes = 4096;
constexpr int64_t kBytesPerKib = 1024;

// The whole of a small file (/proc, cgroupfs) with plain syscalls: sampling runs every few
// milliseconds, and an ifstream costs several times more than the read itself.
std::string read_small(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string out;
  std::array<char, kProcFileBytes> buf{};
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      out.append(buf.data(), static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  ::close(fd);
  return out;
}

bool write_small(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const ssize_t n = ::write(fd, text.data(), text.size());
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return n == static_cast<ssize_t>(text.size());
}

int64_t peak_rss_kb(pid_t pid) {
  const std::string status = read_small(fmt::format("/proc/{}/status", pid));
  const size_t at = status.find("\nVmHWM:");
  if (at == std::string::npos) return 0;
  return std::strtoll(status.c_str() + at + 7, nullptr, 10);
}

std::vector<pid_t> children_of(pid_t pid) {
  const std::string text = read_small(fmt::format("/proc/{}/task/{}/children", pid, pid));
  std::vector<pid_t> out;
  const char* p = text.c_str();
  char* end = nullptr;
  for (long c = std::strtol(p, &end, 10); end != p; c = std::strtol(p, &end, 10)) {
    out.push_back(static_cast<pid_t>(c));
    p = end;
  }
  return out;
}

bool contains_word(std::string_view text, std::string_view word) {
  size_t at = 0;
  while ((at = text.find(word, at)) != std::string_view::npos) {
    const bool starts = at == 0 || text[at - 1] == ' ' || text[at - 1] == '\n';
    const size_t after = at + word.size();
    const bool ends = after == text.size() || text[after] == ' ' || text[after] == '\n';
    if (starts && ends) return true;
    at = after;
  }
  return false;
}

}  // namespace

std::vector<pid_t> process_tree(pid_t pid) {
  std::vector<pid_t> tree;
  std::vector<pid_t> todo{pid};
  std::set<pid_t> seen;
  while (!todo.empty()) {
    const pid_t p = todo.back();
    todo.pop_back();
    if (!seen.insert(p).second) continue;
    tree.push_back(p);
    for (pid_t c : children_of(p)) todo.push_back(c);
  }
  return tree;
}

int64_t tree_peak_rss_kb(pid_t pid) {
  int64_t total = 0;
  for (pid_t p : process_tree(pid)) total += peak_rss_kb(p);
  return total;
}

void limit_open_files(pid_t pid, int64_t max) {
  for (pid_t p : process_tree(pid)) {
    rlimit now{};
    if (::prlimit(p, RLIMIT_NOFILE, nullptr, &now) != 0) continue;
    const auto cap = static_cast<rlim_t>(max);
    const rlim_t hard = now.rlim_max == RLIM_INFINITY ? cap : std::min(now.rlim_max, cap);
    const rlimit want{hard, hard};  // Lambda's soft limit is its hard one
    if (want.rlim_cur != now.rlim_cur || want.rlim_max != now.rlim_max) {
      ::prlimit(p, RLIMIT_NOFILE, &want, nullptr);
    }
  }
}

int64_t flat_keyed_value(std::string_view text, std::string_view key) {
  size_t at = 0;
  while (at < text.size()) {
    const size_t nl = text.find('\n', at);
    const std::string_view line =
        text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ') {
      return std::strtoll(std::string(line.substr(key.size() + 1)).c_str(), nullptr, 10);
    }
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return 0;
}

std::string cgroup_v2_dir(std::string_view proc_self_cgroup, std::string_view mountinfo) {
  // "0::/user.slice/session-2.scope": the v2 line has hierarchy id 0 and no controllers.
  std::string path;
  for (size_t at = 0; at < proc_self_cgroup.size();) {
    const size_t nl = proc_self_cgroup.find('\n', at);
    const std::string_view line = proc_self_cgroup.substr(
        at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    if (line.starts_with("0::")) path = std::string(line.substr(3));
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  if (path.empty() || path.ends_with(" (deleted)")) return "";
  // mountinfo: "id parent maj:min root mount-point options [tags] - fstype source super-options".
  for (size_t at = 0; at < mountinfo.size();) {
    const size_t nl = mountinfo.find('\n', at);
    const std::string line(
        mountinfo.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
    at = nl == std::string_view::npos ? mountinfo.size() : nl + 1;
    const size_t dash = line.find(" - ");
    if (dash == std::string::npos || line.compare(dash + 3, 8, "cgroup2 ") != 0) continue;
    std::array<std::string, 5> f;
    size_t pos = 0;
    for (std::string& field : f) {
      const size_t sp = line.find(' ', pos);
      field = line.substr(pos, sp - pos);
      pos = sp == std::string::npos ? line.size() : sp + 1;
    }
    const std::string& root = f[3];
    const std::string& mount_point = f[4];
    // The process's path is relative to the cgroup namespace root, as the mount's root is.
    std::string rel = path;
    if (root != "/" && rel.starts_with(root)) rel.erase(0, root.size());
    if (rel == "/") rel.clear();
    return mount_point + rel;
  }
  return "";
}

namespace {

// The lines of a text, without their ends.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = 0; at < text.size();) {
    const size_t nl = text.find('\n', at);
    out.push_back(text.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at));
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return out;
}

bool in_comma_list(std::string_view list, std::string_view word) {
  for (size_t at = 0; at <= list.size();) {
    const size_t comma = std::min(list.find(',', at), list.size());
    if (list.substr(at, comma - at) == word) return true;
    at = comma + 1;
  }
  return false;
}

}  // namespace

std::string cgroup_v1_dir(std::string_view proc_self_cgroup, std::string_view mountinfo,
                          std::string_view controller) {
  // "8:pids:/docker/abc": hierarchy id, its controllers, this process's path.
  std::string path;
  for (const std::string_view line : lines_of(proc_self_cgroup)) {
    const size_t a = line.find(':');
    const size_t b = a == std::string_view::npos ? a : line.find(':', a + 1);
    if (b == std::string_view::npos) continue;
    if (in_comma_list(line.substr(a + 1, b - a - 1), controller)) {
      path = std::string(line.substr(b + 1));
      break;
    }
  }
  if (path.empty() || path.ends_with(" (deleted)")) return "";
  // mountinfo: "id parent maj:min root mount-point options [tags] - fstype source super-options".
  for (const std::string_view line : lines_of(mountinfo)) {
    const size_t dash = line.find(" - ");
    if (dash == std::string_view::npos || line.substr(dash + 3, 7) != "cgroup ") continue;
    const std::string_view tail = line.substr(dash + 3);  // "cgroup cgroup rw,pids"
    const size_t last = tail.rfind(' ');
    if (last == std::string_view::npos || !in_comma_list(tail.substr(last + 1), controller)) {
      continue;
    }
    std::array<std::string_view, 5> f;
    size_t pos = 0;
    for (std::string_view& field : f) {
      const size_t sp = std::min(line.find(' ', pos), line.size());
      field = line.substr(pos, sp - pos);
      pos = sp + 1;
    }
    const std::string_view root = f[3];
    std::string rel = path;
    if (root != "/" && rel.starts_with(root)) rel.erase(0, root.size());
    if (rel == "/") rel.clear();
    return std::string(f[4]) + rel;
  }
  return "";
}

namespace {

// This process's /proc/self/cgroup and /proc/self/mountinfo, read once for both probes.
struct CgroupTexts {
  std::string self = read_small("/proc/self/cgroup");
  std::string mounts = read_small("/proc/self/mountinfo");
};
const CgroupTexts& cgroup_texts() {
  static const CgroupTexts texts;
  return texts;
}

}  // namespace

const CgroupParent& tasks_cgroup_parent() {
  static const CgroupParent parent = [] {
    const auto& [self, mounts] = cgroup_texts();
    CgroupParent p;
    if (const std::string v1 = cgroup_v1_dir(self, mounts, "pids");
        !v1.empty() && ::access(v1.c_str(), W_OK) == 0) {
      p = CgroupParent{v1, true};
    } else if (const std::string v2 = cgroup_v2_dir(self, mounts);
               !v2.empty() && ::access(v2.c_str(), W_OK) == 0 &&
               contains_word(read_small(v2 + "/cgroup.controllers"), "pids") &&
               (contains_word(read_small(v2 + "/cgroup.subtree_control"), "pids") ||
                write_small(v2 + "/cgroup.subtree_control", "+pids"))) {
      p = CgroupParent{v2, false};
    }
    sls::log::debug("runtime: tasks cap by {}", p.dir.empty()
                                                    ? std::string("nothing (no pids cgroup here)")
                                                    : "cgroup under " + p.dir);
    return p;
  }();
  return parent;
}

bool delegates_memory(const std::string& dir) {
  if (dir.empty() || ::access(dir.c_str(), W_OK) != 0) return false;
  if (!contains_word(read_small(dir + "/cgroup.controllers"), "memory")) return false;
  if (contains_word(read_small(dir + "/cgroup.subtree_control"), "memory")) return true;
  // Refused (EBUSY) when this cgroup holds processes and is not a namespace root: the kernel's
  // "no internal processes" rule. sls does not move itself to make room.
  return write_small(dir + "/cgroup.subtree_control", "+memory");
}

const CgroupParent& memory_cgroup_parent() {
  static const CgroupParent parent = [] {
    const auto& [self, mounts] = cgroup_texts();
    CgroupParent p;
    if (const std::string v2 = cgroup_v2_dir(self, mounts); delegates_memory(v2)) {
      p = CgroupParent{v2, false};
    } else if (const std::string v1 = cgroup_v1_dir(self, mounts, "memory");
               !v1.empty() && ::access(v1.c_str(), W_OK) == 0) {
      p = CgroupParent{v1, true};
    }
    sls::log::debug("runtime: memory cap by {}",
                    p.dir.empty() ? std::string("sampling RSS")
                                  : fmt::format("cgroup {} under {}", p.v1 ? "v1" : "v2", p.dir));
    return p;
  }();
  return parent;
}

bool on_tmpfs(const std::string& dir) {
  struct statfs st {};
  return ::statfs(dir.c_str(), &st) == 0 && st.f_type == TMPFS_MAGIC;
}

// --- Cgroup ------------------------------------------------------------------------------------

std::string Cgroup::make(const std::string& parent, std::string_view tag, const std::string& file,
                         const std::string& value) {
  static std::atomic<uint64_t> counter{0};
  const std::string dir = fmt::format("{}/sls-{}-{}{}", parent, ::getpid(), tag, ++counter);
  if (::mkdir(dir.c_str(), 0755) != 0) {
    sls::log::debug("runtime: cannot make cgroup {}: {}", dir, std::strerror(errno));
    return "";
  }
  if (!write_small(dir + "/" + file, value)) {
    sls::log::debug("runtime: cannot set {}/{}: {}", dir, file, std::strerror(errno));
    ::rmdir(dir.c_str());
    return "";
  }
  return dir;
}

Cgroup::~Cgroup() {
  if (removed_) return;
  kill();
  if (!remove()) {
    sls::log::debug("runtime: cgroup {} left to a later sls: {}", dir_, std::strerror(errno));
  }
}

bool Cgroup::adopt(pid_t pid) const {
  return write_small(dir_ + "/cgroup.procs", std::to_string(pid));
}

// "0" names the writer itself, and only then does the kernel skip the thread-group lock.
int Cgroup::enter_thread() const {
  const std::string back = dir_.substr(0, dir_.rfind('/')) + "/tasks";
  const int way_back = ::open(back.c_str(), O_WRONLY | O_CLOEXEC);
  if (way_back < 0) return -1;
  if (!write_small(dir_ + "/tasks", "0")) {
    ::close(way_back);
    return -1;
  }
  return way_back;
}

bool Cgroup::leave_thread(int way_back) {
  const bool ok = ::write(way_back, "0", 1) == 1;
  const int saved = errno;
  ::close(way_back);
  errno = saved;
  return ok;
}

void Cgroup::kill() const {
  if (write_small(dir_ + "/cgroup.kill", "1")) return;
  const std::string procs = read_small(dir_ + "/cgroup.procs");  // outlives the views into it
  for (const std::string_view line : lines_of(procs)) {
    const auto p = static_cast<pid_t>(std::strtol(std::string(line).c_str(), nullptr, 10));
    if (p > 0) ::kill(p, SIGKILL);
  }
}

bool Cgroup::remove() {
  if (removed_) return true;
  if (::rmdir(dir_.c_str()) == 0 || errno == ENOENT) removed_ = true;
  return removed_;
}

namespace {

// Removes the cgroups "sls-<pid>-<n>" under `parent` whose sls process is gone (an `sls invoke`
// that exited without waiting for its runtime): the kernel refuses the ones still in use.
void remove_orphans(const std::string& parent) {
  DIR* d = ::opendir(parent.c_str());
  if (d == nullptr) return;
  const pid_t self = ::getpid();
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (!name.starts_with("sls-")) continue;
    const pid_t owner = static_cast<pid_t>(std::strtol(e->d_name + 4, nullptr, 10));
    if (owner <= 0 || owner == self || ::kill(owner, 0) == 0 || errno != ESRCH) continue;
    ::unlinkat(::dirfd(d), e->d_name, AT_REMOVEDIR);
  }
  ::closedir(d);
}

}  // namespace

// --- MemoryCgroup ------------------------------------------------------------------------------

std::unique_ptr<MemoryCgroup> MemoryCgroup::create(const CgroupParent& parent,
                                                   int64_t limit_bytes) {
  remove_orphans(parent.dir);
  const std::string limit = std::to_string(limit_bytes);
  const std::string dir =
      make(parent.dir, "", parent.v1 ? "memory.limit_in_bytes" : "memory.max", limit);
  if (dir.empty()) return nullptr;
  std::unique_ptr<MemoryCgroup> cg(new MemoryCgroup(dir, parent.v1));
  // Best effort: kernels without swap accounting have neither swap file.
  if (parent.v1) {
    write_small(dir + "/memory.memsw.limit_in_bytes", limit);  // memory and swap together
    return cg;
  }
  // pids.max exists when the pids controller is on for the children (the process lives in one
  // v2 cgroup only, so its task cap must be in this one).
  write_small(dir + "/memory.swap.max", "0");
  write_small(dir + "/pids.max", std::to_string(limits::kLambdaTasks.value));
  write_small(dir + "/memory.oom.group", "1");
  return cg;
}

std::optional<int64_t> MemoryCgroup::peak_kb() const {
  const std::string text =
      read_small(path() + (v1_ ? "/memory.max_usage_in_bytes" : "/memory.peak"));
  if (text.empty()) return std::nullopt;
  return std::strtoll(text.c_str(), nullptr, 10) / kBytesPerKib;
}

bool MemoryCgroup::oom_killed() const {
  const std::string events = read_small(path() + (v1_ ? "/memory.oom_control" : "/memory.events"));
  return flat_keyed_value(events, "oom_kill") > 0 || flat_keyed_value(events, "oom_group_kill") > 0;
}

// --- TasksCgroup ------------------------------------------------------------------------------

std::unique_ptr<TasksCgroup> TasksCgroup::create(const std::string& parent, int64_t max_tasks) {
  remove_orphans(parent);
  const std::string dir = make(parent, "t", "pids.max", std::to_string(max_tasks));
  if (dir.empty()) return nullptr;
  return std::unique_ptr<TasksCgroup>(new TasksCgroup(dir));
}

}  // namespace sls::runtime

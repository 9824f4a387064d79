// The runtime's sandbox, made with namespaces between clone and exec (see sandbox.h).
//
// The child shares sls's memory until its exec (CLONE_VM | CLONE_VFORK, as posix_spawn does):
// no page tables are copied, and the caller waits until the exec has happened or failed. So
// the child only makes system calls on what the parent prepared; it allocates nothing and
// touches no lock. All signals are blocked around the clone, and the child sets every caught
// signal back to its default before unblocking them, so no handler of sls's runs in it.
#include "runtime/sandbox.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "runtime/probe_cache.h"

namespace sls::runtime {

namespace {

// For the functions that run in the child, uninstrumented: AddressSanitizer's hook before a
// noreturn call (_exit) does not know the child's mmap'ed stack and writes a warning to stderr.
// The child only makes system calls on memory the parent prepared, so no check is lost.
#define SLS_CHILD_SIDE __attribute__((no_sanitize("address")))

// The child's stack: its frames are small (no allocation, no formatting).
constexpr size_t kChildStackBytes = 64 * 1024;
// The probe's /tmp: it asks for everything the sandbox uses, at a token size.
constexpr int64_t kProbeTmpBytes = 1024 * 1024;

// The step that failed, for the error message.
enum class Step : int {
  kNone = 0,
  kUserMap,
  kKeepDir,
  kReadOnly,
  kTmp,
  kRebind,
  kChdir,
  kParent,
  kDescriptors,
  kExec,
};

std::string_view step_text(Step s) {
  switch (s) {
    case Step::kUserMap:
      return "mapping the user into its namespace";
    case Step::kKeepDir:
      return "keeping a directory under /tmp";
    case Step::kReadOnly:
      return "making the file system read-only";
    case Step::kTmp:
      return "mounting the private /tmp";
    case Step::kRebind:
      return "binding a directory over the private /tmp";
    case Step::kChdir:
      return "entering the working directory";
    case Step::kParent:
      return "tying the process to sls";
    case Step::kDescriptors:
      return "setting up its descriptors";
    case Step::kExec:
      return "exec";
    case Step::kNone:
      break;
  }
  return "";
}

// A directory of Sandbox::read_only that the private /tmp would hide: bound again over it.
struct Keep {
  std::string path;
  std::vector<std::string> parents;  // to create in the private /tmp first, outermost first
  int tree_fd = -1;                  // set by the child: the detached copy to mount there
};

// Everything the child reads, prepared by the parent; `step` and `error` are what it writes.
struct ChildPlan {
  std::string uid_map;
  std::string gid_map;
  std::string tmp_options;
  std::vector<Keep> keeps;
  const SandboxedExec* exec = nullptr;  // nullptr: the probe, which exits 0 instead
  pid_t parent = 0;
  Step step = Step::kNone;
  int error = 0;
};

bool under_tmp(const std::string& path) { return path == "/tmp" || path.rfind("/tmp/", 0) == 0; }

// Writes `text` to the file at `path` (a /proc file of the child's own); false on failure.
bool write_file(const char* path, const std::string& text) {
  const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

[[noreturn]] SLS_CHILD_SIDE void fail(ChildPlan* plan, Step step) {
  plan->step = step;
  plan->error = errno;
  ::_exit(127);
}

SLS_CHILD_SIDE int child_main(void* arg) {
  auto* plan = static_cast<ChildPlan*>(arg);
  // Signals: what sls catches goes back to its default before anything can be delivered.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int s = 1; s < NSIG; ++s) {
    struct sigaction now {};
    if (s == SIGKILL || s == SIGSTOP || ::sigaction(s, nullptr, &now) != 0) continue;
    const bool caught = now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN;
    const bool listed =
        std::find(kDefaultSignals.begin(), kDefaultSignals.end(), s) != kDefaultSignals.end();
    if (caught || listed) ::sigaction(s, &dfl, nullptr);
  }
  if (plan->exec != nullptr) ::setpgid(0, 0);

  // The user, mapped to itself; setgroups must be refused before an unprivileged gid_map.
  if (!write_file("/proc/self/setgroups", "deny") ||
      !write_file("/proc/self/uid_map", plan->uid_map) ||
      !write_file("/proc/self/gid_map", plan->gid_map)) {
    fail(plan, Step::kUserMap);
  }
  // Copies of the directories the private /tmp will hide, taken before anything changes.
  mount_attr ro{};
  ro.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID;
  for (Keep& k : plan->keeps) {
    k.tree_fd =
        ::open_tree(AT_FDCWD, k.path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
    if (k.tree_fd < 0 ||
        ::mount_setattr(k.tree_fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &ro, sizeof ro) != 0) {
      fail(plan, Step::kKeepDir);
    }
  }
  // Every mount read-only; /proc writable again (a process may write its own files there, as
  // it can under bwrap's fresh /proc).
  if (::mount_setattr(AT_FDCWD, "/", AT_RECURSIVE, &ro, sizeof ro) != 0) {
    fail(plan, Step::kReadOnly);
  }
  mount_attr rw{};
  rw.attr_clr = MOUNT_ATTR_RDONLY;
  ::mount_setattr(AT_FDCWD, "/proc", 0, &rw, sizeof rw);
  if (::mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, plan->tmp_options.c_str()) != 0) {
    fail(plan, Step::kTmp);
  }
  for (const Keep& k : plan->keeps) {
    for (const std::string& dir : k.parents) {
      if (::mkdir(dir.c_str(), S_IRWXU | S_IRGRP | S_IXGRP | S_IROTH | S_IXOTH) != 0 &&
          errno != EEXIST) {
        fail(plan, Step::kRebind);
      }
    }
    if (::move_mount(k.tree_fd, "", AT_FDCWD, k.path.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) {
      fail(plan, Step::kRebind);
    }
  }
  if (plan->exec == nullptr) ::_exit(0);  // the probe: all of it worked

  const SandboxedExec& e = *plan->exec;
  if (e.cwd != nullptr && ::chdir(e.cwd) != 0) fail(plan, Step::kChdir);
  // Killed with the thread of sls that started it (bwrap's --die-with-parent); a parent gone
  // before that was set is seen as a new parent.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != plan->parent) {
    fail(plan, Step::kParent);
  }
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd < 0 || (null_fd != 0 && ::dup2(null_fd, 0) != 0)) fail(plan, Step::kDescriptors);
  if (::dup2(e.output_fd, 1) != 1 || ::dup2(e.output_fd, 2) != 2) fail(plan, Step::kDescriptors);
  int keep_open = -1;
  if (e.gate_fd >= 0) {
    keep_open = e.gate_target;
    const bool moved = e.gate_fd == e.gate_target
                           ? ::fcntl(e.gate_fd, F_SETFD, 0) == 0
                           : ::dup2(e.gate_fd, e.gate_target) == e.gate_target;
    if (!moved) fail(plan, Step::kDescriptors);
  }
  if (keep_open > 3) {
    ::close_range(3, static_cast<unsigned>(keep_open) - 1, 0);
    ::close_range(static_cast<unsigned>(keep_open) + 1, ~0U, 0);
  } else {
    ::close_range(3, ~0U, 0);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::execve(e.path, e.argv, e.envp);
  fail(plan, Step::kExec);
}

// Clones the child of `plan` and waits until it has exec'd or failed; returns its pid (-1 with
// plan.step set when it failed, the child then reaped).
pid_t clone_child(ChildPlan& plan) {
  void* stack = ::mmap(nullptr, kChildStackBytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    throw Error(Errc::kIo, fmt::format("sandbox: stack: {}", std::strerror(errno)));
  }
  sigset_t all;
  sigset_t old;
  sigfillset(&all);
  ::pthread_sigmask(SIG_BLOCK, &all, &old);
  plan.parent = ::getpid();
  const pid_t pid = ::clone(child_main, static_cast<char*>(stack) + kChildStackBytes,
                            CLONE_VM | CLONE_VFORK | CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, &plan);
  const int clone_error = errno;
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  ::munmap(stack, kChildStackBytes);
  if (pid < 0) {
    throw Error(Errc::kIo, fmt::format("sandbox: clone: {}", std::strerror(clone_error)));
  }
  if (plan.step != Step::kNone) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return -1;
  }
  return pid;
}

ChildPlan plan_for(const Sandbox& sandbox) {
  ChildPlan plan;
  plan.uid_map = fmt::format("{0} {0} 1", ::geteuid());
  plan.gid_map = fmt::format("{0} {0} 1", ::getegid());
  plan.tmp_options = fmt::format("size={},mode=1777", sandbox.tmp_bytes);
  for (const std::string& p : sandbox.read_only) {
    if (!under_tmp(p) || p == "/tmp") continue;
    Keep k;
    k.path = p;
    for (size_t at = p.find('/', 5); at != std::string::npos; at = p.find('/', at + 1)) {
      k.parents.push_back(p.substr(0, at));
    }
    k.parents.push_back(p);
    plan.keeps.push_back(std::move(k));
  }
  return plan;
}

}  // namespace

pid_t spawn_in_sandbox(const Sandbox& sandbox, const SandboxedExec& exec) {
  ChildPlan plan = plan_for(sandbox);
  plan.exec = &exec;
  const pid_t pid = clone_child(plan);
  if (pid < 0) {
    const std::string what = plan.step == Step::kExec
                                 ? std::string(exec.path)
                                 : fmt::format("sandbox: {}", step_text(plan.step));
    throw Error(Errc::kIo, fmt::format("{}: {}", what, std::strerror(plan.error)));
  }
  return pid;
}

bool sandbox_works() {
  static const bool works = [] {
    const ProbeCache cache("sandbox-probe", "/proc/self/exe");
    if (const auto known = cache.get(); known == "yes" || known == "no") return *known == "yes";
    Sandbox probe;
    probe.tmp_bytes = kProbeTmpBytes;
    ChildPlan plan = plan_for(probe);
    bool ok = false;
    try {
      const pid_t pid = clone_child(plan);
      int status = 0;
      if (pid > 0) {
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      }
    } catch (const Error&) {
      ok = false;
    }
    cache.put(ok ? "yes" : "no");
    return ok;
  }();
  return works;
}

}  // namespace sls::runtime

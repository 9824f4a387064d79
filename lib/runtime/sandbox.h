// The runtime's sandbox, made by sls itself with the kernel's namespaces: the process is cloned
// into a user namespace of its own (the user's uid and gid mapped to themselves) and a mount
// namespace of its own, where
//   - every mount is read-only (the code directory too, as in Lambda), /proc excepted;
//   - /tmp is a private tmpfs of EphemeralStorage's size (a write past it fails with ENOSPC);
//   - the directories it must still see that lie under the real /tmp (the code, layers, sls's
//     bootstraps) are bound again, read-only, over the private one;
// and it is killed when the thread of sls that started it ends, like bwrap's
// --die-with-parent. The network, pids and hostname are the host's, as under bwrap's defaults:
// the runtime reaches sls's Runtime API on 127.0.0.1.
//
// This is what `bwrap --ro-bind / / --tmpfs /tmp --ro-bind DIR DIR ... --die-with-parent` gives,
// done in the child between clone and exec: ~0.1 ms of system calls against ~2.7 ms for bwrap
// (its exec, its libraries, its own fork, a fresh /dev). It needs unprivileged user namespaces
// and mount_setattr(2) (Linux 5.12); sandbox_works() says whether this machine allows it, and
// sls falls back to bwrap, then to no sandbox, where it does not (service.cpp).
#pragma once

#include <array>
#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>

namespace sls::runtime {

// Signals a serving sls catches or ignores; a runtime gets their default actions back.
inline constexpr std::array kDefaultSignals = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD};

struct Sandbox {
  int64_t tmp_bytes = 0;               // the private /tmp's size
  std::vector<std::string> read_only;  // absolute paths still seen, read-only, under it

  bool operator==(const Sandbox&) const = default;
};

// What the sandboxed child execs, prepared by the caller (the child allocates nothing).
struct SandboxedExec {
  const char* path = nullptr;  // absolute
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* cwd = nullptr;  // nullptr: the caller's
  int output_fd = -1;         // becomes stdout and stderr; stdin is /dev/null
  int gate_fd = -1;           // becomes kGateFd when >= 0
  int gate_target = -1;
};

// Clones a process into the sandbox, in a process group of its own with default signal
// dispositions and an empty signal mask, and execs it there; every descriptor but 0-2 and the
// gate is closed. Returns its pid. Throws Error{kIo} naming the step that failed ("sandbox:
// mounting the private /tmp: Operation not permitted") when it cannot be made or the exec fails.
pid_t spawn_in_sandbox(const Sandbox& sandbox, const SandboxedExec& exec);

// Whether this machine lets sls make the sandbox: found by making one once per sls binary and
// boot (ProbeCache), ~0.3 ms.
bool sandbox_works();

}  // namespace sls::runtime

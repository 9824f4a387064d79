// lib/runtime sandbox: a process cloned into sls's own namespaces sees a read-only file system,
// a private /tmp of the asked size with the kept directories bound over it, its own /proc
// writable, the user's own ids, and only the descriptors it was given; a step that fails is
// named. Skipped where this machine allows no unprivileged user namespaces.
#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child_output.h"
#include "core/error.h"
#include "runtime/process.h"
#include "runtime/sandbox.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

// Everything the child writes until it exits (10 s at most), and its wait status.
std::pair<std::string, int> run_to_end(const Spawned& child) {
  std::string out = sls::test::output_of(child, std::chrono::seconds(10));
  ::close(child.output_fd);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  return {out, status};
}

SpawnSpec shell(const std::string& script, const Sandbox& box) {
  SpawnSpec s;
  s.argv = {"/bin/sh", "-c", script};
  s.environment = {{"PATH", "/usr/bin:/bin"}};
  s.cwd = "/";
  s.sandbox = box;
  return s;
}

// A directory under the host's /tmp, removed at the end.
struct HostDir {
  fs::path path = fs::path("/tmp") / ("sls-sandbox-test-" + std::to_string(::getpid()));
  HostDir() { fs::create_directories(path / "code"); }
  ~HostDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  HostDir(const HostDir&) = delete;
  HostDir& operator=(const HostDir&) = delete;
};

}  // namespace

TEST_CASE("sls's sandbox: read-only files, a private /tmp of its size, kept directories") {
  if (!sandbox_works()) {
    MESSAGE("no unprivileged user and mount namespaces here: skipped");
    return;
  }
  HostDir host;
  std::ofstream(host.path / "code" / "app.py") << "print('hi')\n";
  std::ofstream(host.path / "host-only") << "x";
  const std::string code = (host.path / "code").string();
  const std::string script =
      "cd " + code +
      " && cat app.py"
      " && ((echo x > app.py) 2>/dev/null && echo code-writable || echo code-read-only)"
      " && (touch /usr/sls-sandbox-probe 2>/dev/null && echo usr-writable || echo usr-read-only)"
      " && (test -e " +
      (host.path / "host-only").string() +
      " && echo sees-host || echo private)"
      " && echo y > /tmp/new && echo tmp-writable"
      " && echo $(( $(stat -f -c '%b * %S' /tmp) ))"
      " && echo 3 > /proc/self/oom_score_adj && echo proc-writable"
      " && echo z > /dev/null && echo null-writable"
      " && id -u && id -g";
  const auto [out, status] = run_to_end(spawn_process(shell(script, Sandbox{8 << 20, {code}})));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(out == "print('hi')\ncode-read-only\nusr-read-only\nprivate\ntmp-writable\n" +
                   std::to_string(8 << 20) + "\nproc-writable\nnull-writable\n" +
                   std::to_string(::getuid()) + "\n" + std::to_string(::getgid()) + "\n");
  CHECK_FALSE(fs::exists("/tmp/new"));  // (unless the host has one of its own)
  CHECK(std::ifstream(host.path / "code" / "app.py").get() == 'p');
}

TEST_CASE("sls's sandbox: its own process group, only the gate open, default signals") {
  if (!sandbox_works()) return;
  std::array<int, 2> gate{};
  REQUIRE(::pipe2(gate.data(), O_CLOEXEC) == 0);
  const int stray = ::open("/dev/null", O_RDONLY);  // not close-on-exec: must not leak
  REQUIRE(stray >= 0);
  // Looked at from outside once the shell has become `sleep` (a shell's own forks would open
  // pipes and block signals while they run).
  const Spawned child = spawn_process(shell("exec sleep 30", Sandbox{1 << 20, {}}), gate[0]);
  ::close(stray);
  ::close(gate[0]);
  const fs::path proc = "/proc/" + std::to_string(child.pid);
  std::string command;
  for (int i = 0; i < 500 && command.rfind("sleep", 0) != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::ifstream(proc / "cmdline") >> command;
  }
  REQUIRE(command.rfind("sleep", 0) == 0);
  std::vector<int> fds;
  for (const auto& e : fs::directory_iterator(proc / "fd")) {
    fds.push_back(std::stoi(e.path().filename().string()));
  }
  std::sort(fds.begin(), fds.end());
  CHECK(fds == std::vector<int>{0, 1, 2, kGateFd});
  std::ifstream status(proc / "status");
  std::string masks;
  for (std::string l; std::getline(status, l);) {
    if (l.rfind("SigBlk", 0) == 0 || l.rfind("SigIgn", 0) == 0) masks += l + "\n";
  }
  CHECK(masks == "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
  std::ifstream stat(proc / "stat");
  std::string field;
  for (int i = 0; i < 5; ++i) stat >> field;  // pid, comm, state, ppid, pgrp
  CHECK(field == std::to_string(child.pid));
  ::close(gate[1]);
  ::kill(child.pid, SIGKILL);
  const auto [out, wait_status] = run_to_end(child);
  CHECK(out.empty());
  CHECK(WTERMSIG(wait_status) == SIGKILL);
}

TEST_CASE("sls's sandbox: a step that fails is named, and the exec's own error is the path's") {
  if (!sandbox_works()) return;
  try {
    (void)spawn_process(shell("true", Sandbox{1 << 20, {"/tmp/sls-no-such-dir-for-a-test"}}));
    FAIL("a missing kept directory was accepted");
  } catch (const sls::Error& e) {
    CHECK(std::string(e.what()) ==
          "sandbox: keeping a directory under /tmp: No such file or directory");
  }
  SpawnSpec missing = shell("", Sandbox{1 << 20, {}});
  missing.argv = {"/no/such/runtime"};
  try {
    (void)spawn_process(missing);
    FAIL("a missing executable was started");
  } catch (const sls::Error& e) {
    CHECK(std::string(e.what()) == "/no/such/runtime: No such file or directory");
  }
}

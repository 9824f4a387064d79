// lib/runtime memory caps (memory.h, the Supervisor's sampling, the Environment's outcome): the
// cgroup probe over sample /proc texts, a sampled process killed past its cap, and functions
// that pass MemorySize failing with Runtime.OutOfMemory exactly as spec §6 shows.
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child_output.h"
#include "http/http.h"
#include "runtime/memory.h"
#include "runtime/process.h"
#include "runtime/runtime.h"

using namespace sls;
using namespace sls::runtime;

namespace {

namespace fs = std::filesystem;

const std::string kMemoryFixtures = std::string(SLS_SOURCE_DIR) + "/tests/fixtures/runtime/memory";
const std::string kId = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
constexpr int64_t kKib = 1024;

bool matches(const std::string& text, const std::string& re) {
  return std::regex_match(text, std::regex(re));
}

std::string python3() {
  for (const char* p : {"/usr/bin/python3", "/usr/local/bin/python3"}) {
    if (fs::exists(p)) return p;
  }
  return "python3";
}

// Records what the Supervisor tells about one child.
struct Recorder final : Supervisor::Listener {
  Supervisor* sup = nullptr;
  std::mutex mu;
  std::string output;
  std::promise<int> exited;
  void on_output(uint64_t id) override {
    std::lock_guard lock(mu);
    output += sup->read_output(id);
  }
  void on_exit(uint64_t /*id*/, int wait_status) override { exited.set_value(wait_status); }
  void on_timer() override {}
  bool saw(const std::string& text) {
    std::lock_guard lock(mu);
    return output.find(text) != std::string::npos;
  }
};

Spawned spawn_hog(int mb) {
  return spawn_process(
      SpawnSpec{{python3(), kMemoryFixtures + "/hog.py", std::to_string(mb)}, {}, ""});
}

// Polls `pred` every few ms until it holds or 10 s pass.
template <typename Pred>
bool eventually(Pred pred) {
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

struct Logs {
  std::mutex mu;
  std::string text;
};

ServiceOptions options(Logs& logs) {
  ServiceOptions o;
  o.sandbox = false;
  o.default_concurrency = 1;
  o.log_sink = [&logs](std::string_view, std::string_view text) {
    std::lock_guard lock(logs.mu);
    logs.text.append(text);
  };
  return o;
}

FunctionConfig fn(std::string name, std::string runtime, std::string handler, int memory_mb) {
  FunctionConfig f;
  f.logical_id = name;
  f.name = std::move(name);
  f.runtime = std::move(runtime);
  f.handler = std::move(handler);
  f.code_dir = kMemoryFixtures;
  f.memory_mb = memory_mb;
  f.timeout_s = 30;
  return f;
}

InvokeRequest event(std::string payload) {
  InvokeRequest r;
  r.payload = std::move(payload);
  r.keep_log = true;
  return r;
}

std::string oom_document(const std::string& id) {
  return R"({"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: )" + id +
         R"( Error: Runtime exited with error: signal: killed"})";
}

}  // namespace

TEST_CASE("flat_keyed_value reads one key of memory.events and ignores longer keys") {
  const std::string events = "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n";
  CHECK(flat_keyed_value(events, "oom_kill") == 1);
  CHECK(flat_keyed_value(events, "oom") == 1);
  CHECK(flat_keyed_value(events, "max") == 12);
  CHECK(flat_keyed_value(events, "oom_group_kill") == 0);
  CHECK(flat_keyed_value(events, "missing") == 0);
  CHECK(flat_keyed_value("oom_kill_disable 0\nunder_oom 0\noom_kill 3", "oom_kill") == 3);
}

TEST_CASE("cgroup_v2_dir joins the cgroup2 mount point and this process's v2 path") {
  const std::string unified_mount =
      "24 30 0:22 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 "
      "rw,nsdelegate,memory_recursiveprot\n";
  SUBCASE("a pure v2 machine") {
    CHECK(cgroup_v2_dir("0::/user.slice/user-1000.slice/session-2.scope\n",
                        "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n" + unified_mount) ==
          "/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope");
  }
  SUBCASE("a hybrid machine: the v2 line of /proc/self/cgroup and the unified mount") {
    CHECK(cgroup_v2_dir("4:memory:/process_api/x\n1:cpu:/\n0::/\n",
                        "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n") ==
          "/sys/fs/cgroup/unified");
  }
  SUBCASE("a container whose mount root is its own cgroup") {
    CHECK(cgroup_v2_dir("0::/docker/abc/app\n",
                        "30 20 0:26 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n") ==
          "/sys/fs/cgroup/app");
  }
  SUBCASE("no cgroup2 mount, or v1 only") {
    CHECK(cgroup_v2_dir("0::/\n", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n").empty());
    CHECK(cgroup_v2_dir("4:memory:/x\n", unified_mount).empty());
  }
}

TEST_CASE("cgroup_v1_dir finds the v1 hierarchy of a controller and this process's path in it") {
  const std::string mounts =
      "1234 1200 0:60 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n"
      "1235 1200 0:61 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime - cgroup cgroup "
      "rw,pids\n"
      "1236 1200 0:62 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
  SUBCASE("this machine's kind: the root of the pids hierarchy") {
    CHECK(cgroup_v1_dir("8:pids:/\n4:memory:/process_api/x\n0::/\n", mounts, "pids") ==
          "/sys/fs/cgroup/pids");
  }
  SUBCASE("a nested path, and a controller sharing its hierarchy") {
    CHECK(cgroup_v1_dir("8:pids:/user.slice/x.scope\n", mounts, "pids") ==
          "/sys/fs/cgroup/pids/user.slice/x.scope");
    CHECK(cgroup_v1_dir("2:cpu,cpuacct:/a\n", mounts, "cpuacct") == "/sys/fs/cgroup/cpu,cpuacct/a");
  }
  SUBCASE("a container whose mount root is its own cgroup") {
    CHECK(cgroup_v1_dir("8:pids:/docker/abc\n",
                        "30 20 0:26 /docker/abc /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n",
                        "pids") == "/sys/fs/cgroup/pids");
  }
  SUBCASE("no such hierarchy, or a name that only begins like the controller") {
    CHECK(cgroup_v1_dir("0::/\n", mounts, "pids").empty());
    CHECK(cgroup_v1_dir("8:pids:/\n", "1236 1200 0:62 / /x rw - cgroup2 cgroup2 rw\n", "pids")
              .empty());
    CHECK(cgroup_v1_dir("8:pidsx:/\n", mounts, "pids").empty());
    CHECK(cgroup_v1_dir("8:pids:/\n", "1 2 0:1 / /sys/fs/cgroup/p rw - cgroup cgroup rw,pidsx\n",
                        "pids")
              .empty());
  }
}

TEST_CASE("A tasks cgroup, where this machine has one, stops a fork past its pids.max") {
  const CgroupParent& parent = tasks_cgroup_parent();
  if (parent.dir.empty()) {
    MESSAGE("no writable pids cgroup here: skipped");
    return;
  }
  auto cg = TasksCgroup::create(parent.dir, 4);
  REQUIRE(cg);
  CHECK(fs::is_directory(cg->path()));
  CHECK(fs::path(cg->path())
            .filename()
            .string()
            .rfind("sls-" + std::to_string(::getpid()) + "-t", 0) == 0);
  // Python and three children fit; the fourth and fifth forks fail with EAGAIN. In cgroup v1 it
  // is born inside; in v2 it is moved in right after the spawn, most often long before the
  // interpreter gets to its first fork, but on a loaded machine this thread may run only after
  // that, so python waits until it is in.
  SpawnSpec spec;
  spec.argv = {"/usr/bin/python3", "-c",
               "import os, signal, time\n"
               "for _ in range(500):\n"
               "    if '/sls-' in open('/proc/self/cgroup').read(): break\n"
               "    time.sleep(0.01)\n"
               "kids = []\n"
               "for i in range(5):\n"
               "    try:\n"
               "        pid = os.fork()\n"
               "    except BlockingIOError:\n"
               "        continue\n"
               "    if pid == 0:\n"
               "        time.sleep(5)\n"
               "        os._exit(0)\n"
               "    kids.append(pid)\n"
               "print('started=%d' % len(kids), flush=True)\n"
               "for pid in kids:\n"
               "    os.kill(pid, signal.SIGKILL)\n"
               "    os.waitpid(pid, 0)\n"};
  spec.environment = {{"PATH", "/usr/bin:/bin"}};
  MemoryCap cap{0, nullptr, std::move(cg)};
  const Spawned child = spawn_process(spec, -1, &cap);
  REQUIRE(cap.tasks);
  auto& cg_in = cap.tasks;
  std::string out;
  for (int i = 0; i < 500 && out.find('\n') == std::string::npos; ++i) {
    std::array<char, 256> buf{};
    const ssize_t n = ::read(child.output_fd, buf.data(), buf.size());
    if (n > 0) out.append(buf.data(), static_cast<size_t>(n));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(out == "started=3\n");
  ::waitpid(child.pid, nullptr, 0);
  ::close(child.output_fd);
  bool removed = false;
  for (int i = 0; i < 200 && !removed; ++i) {
    removed = cg_in->remove();
    if (!removed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(removed);
  CHECK_FALSE(fs::exists(cg_in->path()));
}

TEST_CASE("A thread enters a v1 tasks cgroup alone and comes back by the way it was given") {
  const CgroupParent& parent = tasks_cgroup_parent();
  if (parent.dir.empty() || !parent.v1) {
    MESSAGE("no writable v1 pids cgroup here: skipped");
    return;
  }
  const auto own = [] {
    std::ifstream in("/proc/thread-self/cgroup");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  auto cg = TasksCgroup::create(parent.dir, 8);
  REQUIRE(cg);
  const std::string name = "/" + fs::path(cg->path()).filename().string() + "\n";
  const std::string before = own();
  std::string inside;
  std::string listed;
  pid_t tid = 0;
  bool back = false;
  // On a thread of its own: the test's main thread stays where it is whatever happens.
  std::thread([&] {
    const int way_back = cg->enter_thread();
    if (way_back < 0) return;
    inside = own();
    std::ifstream in(cg->path() + "/tasks");  // this thread alone
    std::ostringstream text;
    text << in.rdbuf();
    listed = text.str();
    tid = static_cast<pid_t>(::syscall(SYS_gettid));
    back = Cgroup::leave_thread(way_back);
  }).join();
  CHECK(inside.find(name) != std::string::npos);
  CHECK(listed == std::to_string(tid) + "\n");
  CHECK(back);
  CHECK(own() == before);
  CHECK(cg->remove());  // empty again
}

TEST_CASE("A process is born in its cgroups v1; the thread that started it is back in its own") {
  const std::string parent_tasks = tasks_cgroup_parent().dir;
  const CgroupParent& memory = memory_cgroup_parent();
  if (parent_tasks.empty() && memory.dir.empty()) {
    MESSAGE("no writable cgroup here: skipped");
    return;
  }
  const auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string before = read("/proc/thread-self/cgroup");
  MemoryCap cap;
  if (!parent_tasks.empty()) cap.tasks = TasksCgroup::create(parent_tasks, 8);
  if (!memory.dir.empty()) cap.cgroup = MemoryCgroup::create(memory, 64 * kKib * kKib);
  const std::string tasks = cap.tasks ? cap.tasks->path() : "";
  const std::string mem = cap.cgroup ? cap.cgroup->path() : "";
  // cat reads its cgroups first thing: moved in after its start, it would most often see its
  // parent's (a first move of a process waits milliseconds for the kernel).
  const Spawned child =
      spawn_process(SpawnSpec{{"/bin/cat", "/proc/self/cgroup"}, {{"PATH", "/bin"}}, ""}, -1, &cap);
  const std::string seen = sls::test::output_of(child);
  ::waitpid(child.pid, nullptr, 0);
  ::close(child.output_fd);
  CHECK(read("/proc/thread-self/cgroup") == before);
  const auto name = [](const std::string& dir) {
    return "/" + fs::path(dir).filename().string() + "\n";
  };
  if (!tasks.empty() && tasks_cgroup_parent().v1) {
    CHECK(cap.tasks);
    CHECK(seen.find(name(tasks)) != std::string::npos);
  }
  if (!mem.empty() && memory.v1) {
    CHECK(cap.cgroup);
    CHECK(seen.find(name(mem)) != std::string::npos);
  }
  if (!tasks_cgroup_parent().v1 && !memory.v1) MESSAGE("cgroup v2 here: moved in after the start");
}

TEST_CASE("delegates_memory needs the memory controller, listed or enabled for the children") {
  const fs::path dir =
      fs::temp_directory_path() / ("sls-cgroup-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto write = [&dir](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  SUBCASE("no memory controller available") {
    write("cgroup.controllers", "cpu io pids\n");
    write("cgroup.subtree_control", "");
    CHECK_FALSE(delegates_memory(dir.string()));
  }
  SUBCASE("already enabled for the children") {
    write("cgroup.controllers", "cpu io memory pids\n");
    write("cgroup.subtree_control", "cpu memory\n");
    CHECK(delegates_memory(dir.string()));
  }
  SUBCASE("available and enabled by writing +memory") {
    write("cgroup.controllers", "memory\n");
    write("cgroup.subtree_control", "");
    CHECK(delegates_memory(dir.string()));
    std::ifstream in(dir / "cgroup.subtree_control");
    std::string written;
    std::getline(in, written);
    CHECK(written == "+memory");
  }
  SUBCASE("a name that only contains the word") {
    write("cgroup.controllers", "memoryx\n");
    CHECK_FALSE(delegates_memory(dir.string()));
  }
  CHECK_FALSE(delegates_memory(""));
  fs::remove_all(dir);
}

TEST_CASE("tree_peak_rss_kb sums the peak of a process and its children; 0 once it is gone") {
  Spawned sh = spawn_process(SpawnSpec{
      {"/bin/sh", "-c", python3() + " " + kMemoryFixtures + "/hog.py 40 & wait"}, {}, ""});
  CHECK(eventually([&] { return tree_peak_rss_kb(sh.pid) > 40 * kKib; }));
  signal_group(sh.pid, SIGKILL);
  int status = 0;
  ::waitpid(sh.pid, &status, 0);
  ::close(sh.output_fd);
  CHECK(tree_peak_rss_kb(sh.pid) == 0);
}

// "soft hard" of a process's open-files limit, from /proc/PID/limits ("" when it is gone).
std::string open_files_limit(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("Max open files", 0) != 0) continue;
    std::istringstream fields(line.substr(14));
    std::string soft, hard;
    fields >> soft >> hard;
    return soft + " " + hard;
  }
  return "";
}

TEST_CASE("limit_open_files caps a process and its children, soft and hard alike") {
  Spawned sh = spawn_process(SpawnSpec{{"/bin/sh", "-c", "sleep 30 & wait"}, {}, ""});
  std::vector<pid_t> tree;
  CHECK(eventually([&] { return (tree = process_tree(sh.pid)).size() == 2; }));
  REQUIRE(tree.size() == 2);
  CHECK(tree.front() == sh.pid);
  limit_open_files(sh.pid, 64);
  CHECK(open_files_limit(tree[0]) == "64 64");
  CHECK(open_files_limit(tree[1]) == "64 64");
  limit_open_files(sh.pid, 1024);  // a hard limit is never raised
  CHECK(open_files_limit(tree[1]) == "64 64");
  signal_group(sh.pid, SIGKILL);
  ::waitpid(sh.pid, nullptr, 0);
  ::close(sh.output_fd);
  limit_open_files(sh.pid, 64);  // gone: nothing to do, nothing thrown
  CHECK(process_tree(sh.pid) == std::vector<pid_t>{sh.pid});
}

TEST_CASE("The supervisor kills a sampled process group once its peak passes the cap") {
  Supervisor sup;
  auto rec = std::make_shared<Recorder>();
  rec->sup = &sup;
  const uint64_t id = sup.watch(spawn_hog(300), rec, MemoryCap{128 * kKib, nullptr, nullptr});
  auto exited = rec->exited.get_future();
  REQUIRE(exited.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  const int status = exited.get();
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  CHECK_FALSE(rec->saw("allocated"));  // killed while allocating, not after
  const MemoryReading m = sup.read_memory(id);
  CHECK(m.exceeded);
  CHECK(m.peak_kb > 128 * kKib);
  sup.release(id);
}

TEST_CASE("A process under its cap is measured, not killed; a paused one is checked on reading") {
  Supervisor sup;
  auto rec = std::make_shared<Recorder>();
  rec->sup = &sup;
  const uint64_t id = sup.watch(spawn_hog(60), rec, MemoryCap{200 * kKib, nullptr, nullptr});
  REQUIRE(eventually([&] { return rec->saw("allocated"); }));
  MemoryReading m = sup.read_memory(id);
  CHECK_FALSE(m.exceeded);
  CHECK(m.peak_kb > 60 * kKib);
  CHECK(m.peak_kb < 200 * kKib);

  auto paused_rec = std::make_shared<Recorder>();
  paused_rec->sup = &sup;
  const uint64_t paused =
      sup.watch(spawn_hog(100), paused_rec, MemoryCap{64 * kKib, nullptr, nullptr});
  sup.sample_memory(paused, false);  // races the first samples: the child may die anyway
  auto exited = paused_rec->exited.get_future();
  eventually([&] {
    return paused_rec->saw("allocated") ||
           exited.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
  m = sup.read_memory(paused);
  CHECK(m.exceeded);
  REQUIRE(exited.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  CHECK(WTERMSIG(exited.get()) == SIGKILL);
  sup.signal(id, SIGKILL);
  sup.release(paused);
}

TEST_CASE("A handler that allocates past MemorySize fails with Runtime.OutOfMemory; next is cold") {
  http::EventLoop loop(1);
  Logs logs;
  runtime::Service service(loop, {fn("Hog", "python3.11", "app.hog", 128)}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Hog", event(R"({"mb":300})"));
  CHECK(r.function_error);
  CHECK(r.error_type == "Runtime.OutOfMemory");
  CHECK(r.payload == oom_document(r.request_id));
  CHECK(r.max_memory_used_mb == 128);
  CHECK(matches(r.log,
                "INIT_START Runtime Version: python:3\\.11\\.local\n"
                "START RequestId: " +
                    r.request_id +
                    " Version: \\$LATEST\n"
                    "RequestId: " +
                    r.request_id +
                    " Error: Runtime exited with error: signal: killed\n"
                    "Runtime.OutOfMemory\n"
                    "END RequestId: " +
                    r.request_id +
                    "\n"
                    "REPORT RequestId: " +
                    r.request_id +
                    "\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\t"
                    "Memory Size: 128 MB\tMax Memory Used: 128 MB\t"
                    "Init Duration: [0-9]+\\.[0-9]{2} ms\t"
                    "Status: error\tError Type: Runtime.OutOfMemory\t\n"));
  const InvokeResult next = service.invoke_and_wait("Hog", event(R"({"mb":20})"));
  CHECK_FALSE(next.function_error);
  CHECK(next.payload == R"({"allocated_mb": 20})");
  CHECK(next.init_duration_ms.has_value());
  CHECK(next.log.starts_with("INIT_START"));
  CHECK(next.max_memory_used_mb > 20);
  CHECK(next.max_memory_used_mb < 128);
}

TEST_CASE("Memory kept across warm invocations adds up until the cap ends the environment") {
  http::EventLoop loop(1);
  Logs logs;
  runtime::Service service(loop, {fn("Keep", "python3.11", "app.keep", 128)}, options(logs));
  CHECK(service.invoke_and_wait("Keep", event(R"({"mb":40})")).payload == R"({"kept_mb": 40})");
  const InvokeResult warm = service.invoke_and_wait("Keep", event(R"({"mb":40})"));
  CHECK(warm.payload == R"({"kept_mb": 80})");
  CHECK_FALSE(warm.init_duration_ms.has_value());
  const InvokeResult over = service.invoke_and_wait("Keep", event(R"({"mb":60})"));
  CHECK(over.payload == oom_document(over.request_id));
  CHECK_FALSE(over.init_duration_ms.has_value());
  CHECK(over.log.find(
            "\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory\t\n") !=
        std::string::npos);
  const InvokeResult fresh = service.invoke_and_wait("Keep", event(R"({"mb":1})"));
  CHECK(fresh.payload == R"({"kept_mb": 1})");  // a new process: module globals reset
  CHECK(fresh.init_duration_ms.has_value());
}

TEST_CASE("Passing MemorySize during init is an init failure of type Runtime.OutOfMemory") {
  http::EventLoop loop(1);
  Logs logs;
  runtime::Service service(loop, {fn("InitHog", "python3.11", "init_hog.handler", 128)},
                           options(logs));
  const InvokeResult r = service.invoke_and_wait("InitHog", event("{}"));
  CHECK(r.payload == oom_document(r.request_id));
  CHECK(r.error_type == "Runtime.OutOfMemory");
  CHECK(matches(r.log,
                "INIT_START Runtime Version: python:3\\.11\\.local\n"
                "RequestId: " +
                    r.request_id +
                    " Error: Runtime exited with error: signal: killed\n"
                    "Runtime.OutOfMemory\n"
                    "INIT_REPORT Init Duration: [0-9]+\\.[0-9]{2} ms\tPhase: init\t"
                    "Status: error\tError Type: Runtime.OutOfMemory\t\n"
                    "START RequestId: " +
                    kId +
                    " Version: \\$LATEST\n"
                    "END RequestId: " +
                    kId +
                    "\n"
                    "REPORT RequestId: " +
                    kId +
                    "\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\t"
                    "Memory Size: 128 MB\tMax Memory Used: 128 MB\t"
                    "Init Duration: [0-9]+\\.[0-9]{2} ms\t"
                    "Status: error\tError Type: Runtime.OutOfMemory\t\n"));
}

TEST_CASE("A node handler filling a Buffer past MemorySize fails the same way (no RLIMIT_AS)") {
  if (std::system("node --version >/dev/null 2>&1") != 0) return;
  http::EventLoop loop(1);
  Logs logs;
  runtime::Service service(
      loop,
      {fn("NodeHog", "nodejs20.x", "index.hog", 128), fn("NodeOk", "nodejs20.x", "index.hog", 256)},
      options(logs));
  const InvokeResult r = service.invoke_and_wait("NodeHog", event(R"({"mb":300})"));
  CHECK(r.payload == oom_document(r.request_id));
  const InvokeResult ok = service.invoke_and_wait("NodeOk", event(R"({"mb":100})"));
  CHECK(ok.payload == R"({"allocated_mb":100})");
  CHECK_FALSE(ok.function_error);
}

TEST_CASE("A cgroup, where this machine allows one, holds the cap and reports the kernel's OOM") {
  const CgroupParent& parent = memory_cgroup_parent();
  if (parent.dir.empty()) {
    MESSAGE("no writable memory cgroup here: the sampling tests cover the cap");
    return;
  }
  auto cg = MemoryCgroup::create(parent, 64 * kKib * kKib);
  REQUIRE(cg != nullptr);
  Supervisor sup;
  auto rec = std::make_shared<Recorder>();
  rec->sup = &sup;
  const Spawned child = spawn_hog(200);
  REQUIRE(cg->adopt(child.pid));
  const uint64_t id = sup.watch(child, rec, MemoryCap{64 * kKib, std::move(cg), nullptr});
  auto exited = rec->exited.get_future();
  REQUIRE(exited.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  CHECK(WTERMSIG(exited.get()) == SIGKILL);
  const MemoryReading m = sup.read_memory(id);
  CHECK(m.exceeded);
  CHECK(m.peak_kb <= 64 * kKib);
  sup.release(id);
}

TEST_CASE("A memory cgroup has the cap in its hierarchy's file and removes those of gone sls") {
  const CgroupParent& parent = memory_cgroup_parent();
  if (parent.dir.empty()) {
    MESSAGE("no writable memory cgroup here: skipped");
    return;
  }
  // The cgroup of an sls that exited without waiting for its runtime: its pid is gone.
  Spawned gone = spawn_process(SpawnSpec{{"/bin/true"}, {}, ""});
  ::waitpid(gone.pid, nullptr, 0);
  ::close(gone.output_fd);
  const std::string orphan = parent.dir + "/sls-" + std::to_string(gone.pid) + "-7";
  REQUIRE(::mkdir(orphan.c_str(), 0755) == 0);
  auto cg = MemoryCgroup::create(parent, 96 * kKib * kKib);
  REQUIRE(cg != nullptr);
  CHECK_FALSE(fs::exists(orphan));
  CHECK(cg->v1() == parent.v1);
  std::ifstream limit(cg->path() + (parent.v1 ? "/memory.limit_in_bytes" : "/memory.max"));
  std::string text;
  std::getline(limit, text);
  CHECK(text == "100663296");
  CHECK(cg->peak_kb().has_value());
  CHECK_FALSE(cg->oom_killed());
  const std::string path = cg->path();
  cg.reset();  // nothing inside: removed
  CHECK_FALSE(fs::exists(path));
}

// lib/runtime Service: real runtime processes (python with sls's bootstrap, a shell custom
// runtime) behind real Runtime API servers: cold and warm starts, the platform's log lines,
// timeouts, crashes, init errors, the pool's limit, and a clean stop.
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "http/http.h"
#include "runtime/runtime.h"

using namespace sls;
using namespace sls::runtime;

namespace {

const std::string kFixtures = std::string(SLS_SOURCE_DIR) + "/tests/fixtures/runtime";

// The log lines a Service wrote, kept for assertions.
struct Logs {
  std::mutex mu;
  std::string text;
  std::string get() {
    std::lock_guard lock(mu);
    return text;
  }
};

FunctionConfig python_fn(std::string name, std::string handler, int timeout_s = 3) {
  FunctionConfig f;
  f.logical_id = name;
  f.name = std::move(name);
  f.runtime = "python3.11";
  f.handler = std::move(handler);
  f.code_dir = kFixtures + "/python";
  f.timeout_s = timeout_s;
  return f;
}

ServiceOptions options(Logs& logs, bool sandbox = false) {
  ServiceOptions o;
  o.sandbox = sandbox;
  o.default_concurrency = 2;
  o.log_sink = [&logs](std::string_view, std::string_view text) {
    std::lock_guard lock(logs.mu);
    logs.text.append(text);
  };
  return o;
}

InvokeRequest event(std::string payload) {
  InvokeRequest r;
  r.payload = std::move(payload);
  r.keep_log = true;
  return r;
}

const std::string kId = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

bool matches(const std::string& text, const std::string& re) {
  return std::regex_match(text, std::regex(re));
}

}  // namespace

TEST_CASE("A cold start logs INIT_START, START, END and REPORT with Init Duration; warm does not") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Counter", "app.counter")}, options(logs));
  const InvokeResult first = service.invoke_and_wait("Counter", event("{}"));
  CHECK(first.payload == "1");
  CHECK_FALSE(first.function_error);
  REQUIRE(first.init_duration_ms.has_value());
  CHECK(matches(
      first.log,
      "INIT_START Runtime Version: python:3\\.11\\.local\n"
      "START RequestId: " +
          kId +
          " Version: \\$LATEST\n"
          "END RequestId: " +
          kId +
          "\n"
          "REPORT RequestId: " +
          kId +
          "\tDuration: [0-9]+\\.[0-9]{2} ms\t"
          "Billed Duration: [0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9][0-9]* MB\t"
          "Init Duration: [0-9]+\\.[0-9]{2} ms\t\n"));
  CHECK(first.log.find(first.request_id) != std::string::npos);
  const InvokeResult second = service.invoke_and_wait("Counter", event("{}"));
  CHECK(second.payload == "2");
  CHECK_FALSE(second.init_duration_ms.has_value());
  CHECK(matches(second.log, "START RequestId: " + kId +
                                " Version: \\$LATEST\n"
                                "END RequestId: " +
                                kId +
                                "\n"
                                "REPORT RequestId: " +
                                kId +
                                "\tDuration: [0-9.]+ ms\tBilled Duration: "
                                "[0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: [0-9]+ MB\t\n"));
  CHECK(second.max_memory_used_mb >= first.max_memory_used_mb);
  CHECK(logs.get() == first.log + second.log);
}

TEST_CASE("The function's output lines come between START and END, a last partial line ended") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Printer", "app.printer")}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Printer", event("{}"));
  CHECK(r.payload == "\"printed\"");
  CHECK(matches(r.log,
                "INIT_START[^\n]*\nSTART[^\n]*\nline one\nno newline\nEND[^\n]*\n"
                "REPORT[^\n]*\n"));
}

TEST_CASE("A handler error is a function error with the runtime's document and Status: error") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Fail", "app.fail")}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Fail", event("{}"));
  CHECK(r.function_error);
  CHECK(r.error_type == "ValueError");
  CHECK(r.payload.find(R"("errorMessage": "bad thing", "errorType": "ValueError")") !=
        std::string::npos);
  INFO(r.log);
  CHECK(matches(r.log,
                "[\\s\\S]*\nREPORT [^\n]*Max Memory Used: [0-9]+ MB\tInit Duration: "
                "[0-9.]+ ms\tStatus: error\t\n"));
}

TEST_CASE("A timeout kills the process, answers Sandbox.Timedout, and the next call cold-starts") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Sleepy", "app.sleepy", 1)}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Sleepy", event(R"({"seconds":30})"));
  CHECK(r.function_error);
  CHECK(r.error_type == "Sandbox.Timedout");
  CHECK(r.payload == R"({"errorType":"Sandbox.Timedout","errorMessage":"RequestId: )" +
                         r.request_id + R"( Error: Task timed out after 1.00 seconds"})");
  CHECK(r.duration_ms == 1000.0);
  CHECK(matches(r.log,
                "[\\s\\S]*\n[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z " +
                    r.request_id + " Task timed out after 1\\.00 seconds\nEND RequestId: " +
                    r.request_id + "\nREPORT RequestId: " + r.request_id +
                    "\tDuration: 1000\\.00 ms\tBilled Duration: [0-9]+ ms\tMemory Size: "
                    "128 MB\tMax Memory Used: [0-9]+ MB\tInit Duration: [0-9.]+ ms\t"
                    "Status: timeout\t\n"));
  const InvokeResult again = service.invoke_and_wait("Sleepy", event(R"({"seconds":0})"));
  CHECK(again.payload == "\"woke xx\"");  // the environment's /tmp outlived the process
  CHECK(again.init_duration_ms.has_value());
}

TEST_CASE("A runtime that exits mid-invoke fails it with Runtime.ExitError in Go's wording") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Crash", "app.crash"), python_fn("Quit", "app.exit_clean")},
                  options(logs));
  const InvokeResult r = service.invoke_and_wait("Crash", event("{}"));
  CHECK(r.function_error);
  CHECK(r.payload == R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: )" +
                         r.request_id + R"( Error: Runtime exited with error: exit status 3"})");
  CHECK(r.log.find("RequestId: " + r.request_id +
                   " Error: Runtime exited with error: exit status 3\nRuntime.ExitError\nEND") !=
        std::string::npos);
  CHECK(r.log.find("\tStatus: error\tError Type: Runtime.ExitError\t\n") != std::string::npos);
  const InvokeResult q = service.invoke_and_wait("Quit", event("{}"));
  CHECK(q.payload == R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: )" +
                         q.request_id + R"( Error: Runtime exited without providing a reason"})");
}

TEST_CASE("An import error is the init error document, logged with INIT_REPORT") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Missing", "nothere.handler")}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Missing", event("{}"));
  CHECK(r.function_error);
  CHECK(r.error_type == "Runtime.ImportModuleError");
  CHECK(r.payload ==
        R"({"errorMessage": "Unable to import module 'nothere': No module named 'nothere'", )"
        R"("errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []})");
  CHECK(r.log.find("INIT_REPORT Init Duration: ") != std::string::npos);
  CHECK(r.log.find(" ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\t\n") !=
        std::string::npos);
}

TEST_CASE(
    "A provided runtime runs the function's own bootstrap; a missing one is InvalidEntrypoint") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig shell;
  shell.name = shell.logical_id = "Shell";
  shell.runtime = "provided.al2023";
  shell.code_dir = kFixtures + "/provided";
  FunctionConfig none = shell;
  none.name = none.logical_id = "None";
  none.code_dir = kFixtures + "/python";
  Service service(loop, {shell, none}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Shell", event(R"({"a":1})"));
  CHECK(r.payload == R"({"echo":{"a":1}})");
  CHECK(r.log.find("got " + r.request_id + "\n") != std::string::npos);
  CHECK(r.log.find("INIT_START") == std::string::npos);
  const InvokeResult n = service.invoke_and_wait("None", event("{}"));
  CHECK(n.function_error);
  CHECK(n.error_type == "Runtime.InvalidEntrypoint");
}

TEST_CASE("Each environment serves one invocation at a time, up to the function's concurrency") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig f = python_fn("Sleepy", "app.sleepy", 10);
  f.reserved_concurrency = 1;
  Service service(loop, {f}, options(logs));
  std::promise<InvokeResult> p;
  service.invoke("Sleepy", event(R"({"seconds":0.5})"),
                 [&p](InvokeResult r) { p.set_value(std::move(r)); });
  CHECK_THROWS_WITH_AS(service.invoke("Sleepy", event("{}"), [](InvokeResult) {}), "Rate Exceeded.",
                       Error);
  CHECK(p.get_future().get().payload == "\"woke x\"");
  CHECK_THROWS_WITH_AS(service.invoke("Nope", event("{}"), [](InvokeResult) {}),
                       "Function not found: Nope", Error);
}

TEST_CASE("Callers answered at the response wait for their environment, never a throttle") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig f = python_fn("Counter", "app.counter");
  f.reserved_concurrency = 1;
  Service service(loop, {f}, options(logs));
  constexpr int kCalls = 40;
  for (int i = 1; i <= kCalls; ++i) {
    InvokeRequest r;
    r.answer_at_response = true;
    // The next call comes while the runtime has yet to ask for its next event: it waits for
    // that environment rather than failing with Rate Exceeded or starting a second one.
    const InvokeResult res = service.invoke_and_wait("Counter", std::move(r));
    CHECK(res.payload == std::to_string(i));
    CHECK_FALSE(res.function_error);
    CHECK(res.duration_ms == 0);  // known at REPORT, after the caller was answered
  }
  const auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (count(logs.get(), "REPORT RequestId") < kCalls &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const std::string log = logs.get();
  CHECK(count(log, "INIT_START") == 1);
  CHECK(count(log, "START RequestId") == kCalls);
  CHECK(count(log, "END RequestId") == kCalls);
  CHECK(count(log, "REPORT RequestId") == kCalls);
}

TEST_CASE("stop() ends an invocation in flight and leaves no process behind") {
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Sleepy", "app.sleepy", 30)}, options(logs));
  std::promise<InvokeResult> p;
  service.invoke("Sleepy", event(R"({"seconds":30})"),
                 [&p](InvokeResult r) { p.set_value(std::move(r)); });
  auto f = p.get_future();
  CHECK(f.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
  service.stop();
  const InvokeResult r = f.get();
  CHECK(r.error_type == "Runtime.ExitError");
  CHECK(r.payload.find("signal: terminated") != std::string::npos);
}

TEST_CASE("An environment idle past idle_timeout is shut down; the next call starts cold") {
  http::EventLoop loop(1);
  Logs logs;
  ServiceOptions o = options(logs);
  o.idle_timeout = std::chrono::seconds(1);
  Service service(loop, {python_fn("Counter", "app.counter")}, o);
  CHECK(service.invoke_and_wait("Counter", event("{}")).payload == "1");
  CHECK(service.invoke_and_wait("Counter", event("{}")).payload == "2");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const InvokeResult r = service.invoke_and_wait("Counter", event("{}"));
  CHECK(r.payload == "1");
  CHECK(r.init_duration_ms.has_value());
}

TEST_CASE("Under the sandbox the code is read-only and /tmp is the environment's own") {
  if (std::system("bwrap --ro-bind / / --dev /dev --proc /proc --size 1048576 --tmpfs /tmp true "
                  ">/dev/null 2>&1") != 0)
    return;
  http::EventLoop loop(1);
  Logs logs;
  Service service(loop, {python_fn("Sleepy", "app.sleepy")}, options(logs, true));
  CHECK(service.invoke_and_wait("Sleepy", event(R"({"seconds":0})")).payload == "\"woke x\"");
  CHECK_FALSE(std::filesystem::exists("/tmp/marker"));
  CHECK_FALSE(std::filesystem::exists(kFixtures + "/python/marker"));
}

TEST_CASE("AWS_LAMBDA_EXEC_WRAPPER runs before the runtime; a missing one exits 127") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig wrapped = python_fn("Wrapped", "app.env");
  wrapped.environment["AWS_LAMBDA_EXEC_WRAPPER"] = kFixtures + "/wrapper.sh";
  FunctionConfig missing = python_fn("Missing", "app.env");
  missing.environment["AWS_LAMBDA_EXEC_WRAPPER"] = kFixtures + "/no-such-wrapper";
  Service service(loop, {wrapped, missing}, options(logs));
  CHECK(service.invoke_and_wait("Wrapped", event(R"({"names":["WRAPPED"]})")).payload ==
        R"({"WRAPPED": "yes"})");
  const InvokeResult r = service.invoke_and_wait("Missing", event(R"({"names":[]})"));
  CHECK(r.payload == R"({"errorType":"Runtime.ExitError","errorMessage":"RequestId: )" +
                         r.request_id + R"( Error: Runtime exited with error: exit status 127"})");
}

TEST_CASE("A function with LogFormat JSON gets its platform lines as JSON records") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig f = python_fn("Json", "app.hello");
  f.log_format = "JSON";
  Service service(loop, {f}, options(logs));
  const InvokeResult r = service.invoke_and_wait("Json", event("{}"));
  CHECK(r.payload == R"({"hello": "world"})");
  CHECK(matches(r.log, R"(\{"time":"[^"]+","type":"platform.initStart","record":\{[^\n]*\}\}\n)"
                       R"(\{"time":"[^"]+","type":"platform.start","record":\{"requestId":")" +
                           r.request_id +
                           R"(","version":"\$LATEST"\}\}\n)"
                           R"(\{"time":"[^"]+","type":"platform.report","record":\{"requestId":")" +
                           r.request_id + R"(","metrics":\{[^\n]*"status":"success"\}\}\n)"));
}

TEST_CASE("SystemLogLevel WARN leaves out the platform's INFO records, in the JSON format only") {
  http::EventLoop loop(1);
  Logs logs;
  FunctionConfig quiet = python_fn("Quiet", "app.hello");
  quiet.log_format = "JSON";
  quiet.system_log_level = "WARN";
  FunctionConfig debug = python_fn("Debug", "app.hello");
  debug.log_format = "JSON";
  debug.system_log_level = "DEBUG";
  FunctionConfig text = python_fn("Text", "app.hello");
  text.system_log_level = "WARN";  // log levels apply to the JSON format alone
  Service service(loop, {quiet, debug, text}, options(logs));
  const InvokeResult q = service.invoke_and_wait("Quiet", event("{}"));
  CHECK(q.payload == R"({"hello": "world"})");
  CHECK(q.log.empty());
  const InvokeResult d = service.invoke_and_wait("Debug", event("{}"));
  CHECK(matches(d.log, R"(\{"time":"[^"]+","type":"platform.initStart",[^\n]*\n)"
                       R"(\{"time":"[^"]+","type":"platform.start",[^\n]*\n)"
                       R"(\{"time":"[^"]+","type":"platform.report",[^\n]*\n)"));
  const InvokeResult t = service.invoke_and_wait("Text", event("{}"));
  CHECK(matches(t.log, "INIT_START Runtime Version: [^\n]*\nSTART RequestId: " + t.request_id +
                           "[^\n]*\nEND RequestId: " + t.request_id +
                           "\nREPORT RequestId: [^\n]*\n"));
}

namespace {

// The pids of this process's children (every thread's), from /proc.
std::set<pid_t> children() {
  std::set<pid_t> pids;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream in(task.path() / "children");
    pid_t pid = 0;
    while (in >> pid) pids.insert(pid);
  }
  return pids;
}

// The value of `name` in the environment of process `pid` ("" when unset). A process just
// spawned may still be in its execve, its new environment not yet there: asked for up to 2 s.
std::string environ_of(pid_t pid, const std::string& name) {
  for (int tries = 0; tries < 200; ++tries) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
    std::string entry;
    while (std::getline(in, entry, '\0')) {
      if (entry.rfind(name + "=", 0) == 0) return entry.substr(name.size() + 1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

}  // namespace

TEST_CASE("A runtime started before its Service is the first environment of its function") {
  Logs logs;
  const ServiceOptions o = options(logs);
  const FunctionConfig fn = python_fn("Who", "app.whoami");
  const std::set<pid_t> before = children();
  Prelaunch early = Prelaunch::start(fn, o);
  REQUIRE(early.started());
  std::set<pid_t> started = children();
  for (pid_t p : before) started.erase(p);
  REQUIRE(started.size() == 1);
  const pid_t pid = *started.begin();
  http::EventLoop loop(1);
  Service service(loop, {fn}, o);
  service.adopt(std::move(early));
  const InvokeResult first = service.invoke_and_wait("Who", event("{}"));
  CHECK_FALSE(first.function_error);
  CHECK(first.payload.find("\"pid\": " + std::to_string(pid) + ",") != std::string::npos);
  REQUIRE(first.init_duration_ms.has_value());
  CHECK(matches(first.log,
                "INIT_START Runtime Version: python:3\\.11\\.local\nSTART RequestId: " + kId +
                    " Version: \\$LATEST\nEND RequestId: " + kId + "\nREPORT RequestId: " + kId +
                    "\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: "
                    "128 MB\tMax Memory Used: [1-9][0-9]* MB\tInit Duration: "
                    "[0-9]+\\.[0-9]{2} ms\t\n"));
  const InvokeResult second = service.invoke_and_wait("Who", event("{}"));
  CHECK(second.payload == first.payload);  // warm: the same process and /tmp
  CHECK_FALSE(second.init_duration_ms.has_value());
  const std::string tmp = nlohmann::json::parse(first.payload)["tmp"].get<std::string>();
  CHECK(std::filesystem::is_directory(tmp));
  service.stop();
  CHECK_FALSE(std::filesystem::exists(tmp));
  CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid)));
}

TEST_CASE("A runtime started early and never adopted is killed, its /tmp removed") {
  Logs logs;
  const ServiceOptions o = options(logs);
  const std::set<pid_t> before = children();
  std::string tmp;
  pid_t pid = 0;
  {
    Prelaunch early = Prelaunch::start(python_fn("Who", "app.whoami"), o);
    REQUIRE(early.started());
    std::set<pid_t> started = children();
    for (pid_t p : before) started.erase(p);
    REQUIRE(started.size() == 1);
    pid = *started.begin();
    tmp = environ_of(pid, "TMPDIR");
    REQUIRE_FALSE(tmp.empty());
    CHECK(std::filesystem::is_directory(tmp));
  }
  CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid)));
  CHECK_FALSE(std::filesystem::exists(tmp));
  CHECK(logs.get().empty());  // no INIT_START for a process no environment took
}

TEST_CASE("No runtime is started early for a function that may not run") {
  Logs logs;
  FunctionConfig fn = python_fn("Who", "app.whoami");
  fn.reserved_concurrency = 0;
  CHECK_FALSE(Prelaunch::start(fn, options(logs)).started());
  fn = python_fn("Who", "app.whoami");
  fn.runtime = "python2.7";  // no such runtime: the Service reports it at the invocation
  CHECK_FALSE(Prelaunch::start(fn, options(logs)).started());
}

TEST_CASE("stop() lets a runtime's SIGTERM handler run; without graceful_stop it is SIGKILLed") {
  for (const bool graceful : {true, false}) {
    CAPTURE(graceful);
    const std::string marker =
        (std::filesystem::temp_directory_path() / ("sls-term-marker-" + std::to_string(::getpid())))
            .string();
    std::filesystem::remove(marker);
    http::EventLoop loop(1);
    Logs logs;
    ServiceOptions o = options(logs);
    o.graceful_stop = graceful;
    Service service(loop, {python_fn("Term", "app.on_term")}, o);
    const InvokeResult r =
        service.invoke_and_wait("Term", event(R"({"marker":")" + marker + R"("})"));
    REQUIRE_FALSE(r.function_error);
    const pid_t pid = std::stoi(r.payload);
    service.stop();
    if (!graceful) {
      // Left to the kernel: the process may still be going, and is then this process's child
      // to reap; or it died quickly enough for the supervisor's last round to reap it.
      int status = 0;
      const pid_t reaped = ::waitpid(pid, &status, 0);
      if (reaped == pid) {
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == SIGKILL);
      } else {
        CHECK(errno == ECHILD);
      }
    }
    CHECK_FALSE(std::filesystem::exists("/proc/" + std::to_string(pid)));
    CHECK(std::filesystem::exists(marker) == graceful);
    std::filesystem::remove(marker);
  }
}

TEST_CASE("kill_for_exit() ends every runtime and removes its /tmp, leaving the rest to exit") {
  http::EventLoop loop(1);
  Logs logs;
  ServiceOptions o = options(logs);
  o.graceful_stop = false;
  Service service(loop, {python_fn("Who", "app.whoami")}, o);
  const InvokeResult r = service.invoke_and_wait("Who", event("{}"));
  REQUIRE_FALSE(r.function_error);
  const auto who = nlohmann::json::parse(r.payload);
  const pid_t pid = who.at("pid").get<pid_t>();
  const std::string tmp = who.at("tmp").get<std::string>();
  REQUIRE(std::filesystem::is_directory(tmp));
  service.kill_for_exit();
  CHECK_FALSE(std::filesystem::exists(tmp));
  // Killed, and reaped by no one: the supervisor's thread ended first, and the exit that
  // follows in sls leaves the zombie to init. Here this process is its parent.
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  // Nothing new starts after it.
  CHECK_THROWS_AS(service.invoke_and_wait("Who", event("{}")), sls::Error);
}

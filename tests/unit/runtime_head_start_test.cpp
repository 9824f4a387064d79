// lib/runtime head start: the recorded launch of `sls invoke`, its form on disk, the new run's
// values put in, which launches may be started ahead, and a process started from one held at
// its gate until it is opened.
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child_output.h"
#include "runtime/head_start.h"
#include "runtime_dir.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

RecordedLaunch sample() {
  RecordedLaunch l;
  l.tmp_dir = "/tmp/sls-env-abc123";
  l.cap = CapPlan{131072, true};
  l.log_stream = "2026/11/24/[$LATEST]0123456789abcdef0123456789abcdef";
  l.runtime_api = "127.0.0.1:40001";
  l.spec.argv = {"/usr/bin/python3.11", "/opt/sls/python/bootstrap.py", "app.handler"};
  l.spec.cwd = "/home/me/app";
  l.spec.environment = {{"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:40001"},
                        {"AWS_LAMBDA_LOG_STREAM_NAME", l.log_stream},
                        {"TMPDIR", l.tmp_dir},
                        {"AWS_SECRET_ACCESS_KEY", "s3cr3t"},
                        {"MULTI", "line one\nline two 12 \n"},
                        {"EMPTY", ""}};
  l.from_host = {"AWS_SECRET_ACCESS_KEY"};
  return l;
}

sls::runtime::FunctionConfig python_function() {
  FunctionConfig f;
  f.name = "fn";
  f.runtime = "python3.11";
  return f;
}

// A private XDG_RUNTIME_DIR, restored and removed at the end; the head start's key cleared.
struct Scratch : sls::test::PrivateRuntimeDir {
  Scratch() : PrivateRuntimeDir("sls-ahead") {}
  ~Scratch() {
    std::array<char*, 1> none{const_cast<char*>("sls")};
    head_start(1, none.data());  // no `invoke`: nothing recorded after this test
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  std::vector<fs::path> launches() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(state_dir())) out.push_back(e.path());
    return out;
  }
};

void start_ahead(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  head_start(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("a recorded launch reads back as written, without the host's values") {
  const RecordedLaunch l = sample();
  const std::string text = encode_launch(l);
  CHECK(text.rfind("sls-launch 3\n19 /tmp/sls-env-abc123\n6 131072\n1 m\n", 0) == 0);
  CHECK(text.find("s3cr3t") == std::string::npos);
  const auto back = decode_launch(text);
  REQUIRE(back);
  CHECK(back->tmp_dir == l.tmp_dir);
  CHECK(back->cap == l.cap);
  CHECK(back->log_stream == l.log_stream);
  CHECK(back->runtime_api == l.runtime_api);
  CHECK(back->spec.argv == l.spec.argv);
  CHECK(back->spec.cwd == l.spec.cwd);
  CHECK(back->from_host == l.from_host);
  CHECK(back->spec.environment.at("MULTI") == "line one\nline two 12 \n");
  CHECK(back->spec.environment.at("EMPTY").empty());
  CHECK(back->spec.environment.at("AWS_SECRET_ACCESS_KEY").empty());
  CHECK(back->spec.environment.size() == l.spec.environment.size());
  CHECK_FALSE(back->spec.sandbox);
}

TEST_CASE("a recorded launch keeps its sandbox: the /tmp size and the paths kept") {
  RecordedLaunch l = sample();
  l.spec.sandbox = Sandbox{10737418240, {"/tmp/code dir", "/opt/sls/runtime"}};
  const std::string text = encode_launch(l);
  CHECK(text.find("\n11 10737418240\n1 2\n13 /tmp/code dir\n16 /opt/sls/runtime\n") !=
        std::string::npos);
  const auto back = decode_launch(text);
  REQUIRE(back);
  CHECK(back->spec.sandbox == l.spec.sandbox);
  // Damaged sandbox fields: a size that is not a number, a relative path, a missing path.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"11 10737418240\n", "11 1073741824x\n"},
           {"13 /tmp/code dir\n", "13 tmp/code dirs\n"},
           {"1 2\n13 /tmp/code dir\n", "1 3\n13 /tmp/code dir\n"}}) {
    CAPTURE(to);
    std::string bad = text;
    bad.replace(bad.find(from), from.size(), to);
    CHECK_FALSE(decode_launch(bad));
  }
  // A new run's launch renews the kept paths like the rest.
  l.spec.sandbox->read_only.push_back(l.tmp_dir + "/layer");
  const auto spec = respecify(*decode_launch(encode_launch(l)), "/tmp/sls-env-new999", l.log_stream,
                              l.runtime_api, {{"AWS_SECRET_ACCESS_KEY", "x"}});
  REQUIRE(spec);
  CHECK(spec->sandbox->read_only.back() == "/tmp/sls-env-new999/layer");
}

TEST_CASE("a sandboxed launch is recorded without a /tmp of sls's, and renewed without one") {
  RecordedLaunch l = sample();
  l.tmp_dir.clear();
  l.cap = CapPlan{10240, false};
  l.spec.environment.erase("TMPDIR");
  l.spec.sandbox = Sandbox{536870912, {"/home/me/app"}};
  const std::string text = encode_launch(l);
  CHECK(text.rfind("sls-launch 3\n1 -\n5 10240\n1 -\n", 0) == 0);
  const auto back = decode_launch(text);
  REQUIRE(back);
  CHECK(back->tmp_dir.empty());
  CHECK(back->cap == CapPlan{10240, false});
  const auto spec = respecify(*back, "", "2026/11/25/[$LATEST]ff", "127.0.0.1:5",
                              {{"AWS_SECRET_ACCESS_KEY", "x"}});
  REQUIRE(spec);
  CHECK(spec->cwd == "/home/me/app");
  CHECK(spec->sandbox->read_only == std::vector<std::string>{"/home/me/app"});
  CHECK(spec->environment.at("AWS_LAMBDA_RUNTIME_API") == "127.0.0.1:5");
  // The cap's fields damaged: a limit that is no number, a memory flag neither "m" nor "-".
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"5 10240\n", "5 1024x\n"}, {"5 10240\n1 -\n", "5 10240\n1 x\n"}}) {
    CAPTURE(to);
    std::string bad = text;
    REQUIRE(bad.find(from) != std::string::npos);
    bad.replace(bad.find(from), from.size(), to);
    CHECK_FALSE(decode_launch(bad));
  }
}

TEST_CASE("a damaged recorded launch is refused whole") {
  const std::string good = encode_launch(sample());
  CHECK_FALSE(decode_launch(""));
  CHECK_FALSE(decode_launch("sls-launch 1\n" + good.substr(13)));  // an older sls's
  CHECK_FALSE(decode_launch("sls-launch 2\n" + good.substr(13)));
  for (size_t cut : {size_t{13}, size_t{20}, good.size() / 2, good.size() - 1}) {
    CAPTURE(cut);
    CHECK_FALSE(decode_launch(good.substr(0, cut)));
  }
  CHECK_FALSE(decode_launch(good + "1 x\n"));  // trailing bytes
  std::string longer = good;
  longer.replace(longer.find("19 /tmp"), 2, "20");  // a length past its field
  CHECK_FALSE(decode_launch(longer));
  RecordedLaunch relative = sample();
  relative.spec.argv[0] = "python3";
  CHECK_FALSE(decode_launch(encode_launch(relative)));
  RecordedLaunch no_args = sample();
  no_args.spec.argv.clear();
  CHECK_FALSE(decode_launch(encode_launch(no_args)));
  std::string bad_kind = good;
  bad_kind.replace(bad_kind.find("\n1 h\n"), 5, "\n1 x\n");
  CHECK_FALSE(decode_launch(bad_kind));
  // A variable named twice (its count raised by one for the copy).
  const std::string entry = "5 EMPTY\n1 v\n0 \n";
  const size_t at = good.find(entry);
  REQUIRE(at != std::string::npos);
  std::string twice = good;
  twice.insert(at, entry);
  const std::string count = std::to_string(sample().spec.environment.size());
  const std::string count_field = std::to_string(count.size()) + " " + count + "\n";
  const std::string more = std::to_string(sample().spec.environment.size() + 1);
  const size_t count_at = twice.find(count_field, twice.find("bootstrap"));
  REQUIRE(count_at != std::string::npos);
  twice.replace(count_at, count_field.size(), std::to_string(more.size()) + " " + more + "\n");
  CHECK_FALSE(decode_launch(twice));
  std::string other = twice;  // the same with another name for the copy: read
  other.replace(at, 7, "5 EMPTZ");
  CHECK(decode_launch(other));
}

TEST_CASE("a new run's launch: its /tmp, log stream and port put in, the host's values read") {
  const auto back = decode_launch(encode_launch(sample()));
  REQUIRE(back);
  const std::map<std::string, std::string> host = {{"AWS_SECRET_ACCESS_KEY", "rotated"}};
  const std::string stream = "2026/11/25/[$LATEST]ffffffffffffffffffffffffffffffff";
  const auto spec = respecify(*back, "/tmp/sls-env-new999", stream, "127.0.0.1:5", host);
  REQUIRE(spec);
  CHECK(spec->environment.at("AWS_LAMBDA_RUNTIME_API") == "127.0.0.1:5");
  CHECK(spec->environment.at("AWS_LAMBDA_LOG_STREAM_NAME") == stream);
  CHECK(spec->environment.at("TMPDIR") == "/tmp/sls-env-new999");
  CHECK(spec->environment.at("AWS_SECRET_ACCESS_KEY") == "rotated");
  CHECK(spec->environment.at("MULTI") == "line one\nline two 12 \n");
  CHECK(spec->argv == sample().spec.argv);
  CHECK(spec->cwd == "/home/me/app");
  CHECK_FALSE(respecify(*back, "/tmp/x", stream, "127.0.0.1:5", {}));  // the secret is gone
}

TEST_CASE("which launches may be started ahead") {
  FunctionConfig f = python_function();
  SpawnSpec spec;
  spec.argv = {"/usr/bin/python3.11", "/b/python/bootstrap.py"};
  spec.environment = {{"PYTHONPATH", "/b/python"}, {"TZ", ":UTC"}};
  CHECK(may_start_ahead(f, "/b", spec));
  f.runtime = "nodejs20.x";
  spec.environment = {{"NODE_PATH", "/b/nodejs"}};
  CHECK(may_start_ahead(f, "/b", spec));
  f.runtime = "provided.al2023";  // its own bootstrap knows no gate
  CHECK_FALSE(may_start_ahead(f, "/b", spec));
  f = python_function();
  f.layer_dirs = {"/layers/one"};  // a layer's sitecustomize would run before the gate
  CHECK_FALSE(may_start_ahead(f, "/b", spec));
  f = python_function();
  for (const char* name :
       {"AWS_LAMBDA_EXEC_WRAPPER", "NODE_OPTIONS", "LD_PRELOAD", "PYTHONHOME", "PYTHONSTARTUP"}) {
    CAPTURE(name);
    SpawnSpec with = spec;
    with.environment[name] = "x";
    CHECK_FALSE(may_start_ahead(f, "/b", with));
  }
  spec.environment["PYTHONPATH"] = "/home/me/lib:/b/python";  // the function's own
  CHECK_FALSE(may_start_ahead(f, "/b", spec));
}

TEST_CASE("launches are keyed by the arguments and the directory") {
  const std::string k = launch_key({"sls", "invoke", "Fn"}, "/app");
  CHECK(k.size() == 7 + 16);
  CHECK(k.rfind("launch-", 0) == 0);
  CHECK(k == launch_key({"sls", "invoke", "Fn"}, "/app"));
  CHECK(k != launch_key({"sls", "invoke", "Fn"}, "/app2"));
  CHECK(k != launch_key({"sls", "invoke", "Fn", "--no-sandbox"}, "/app"));
  CHECK(launch_key({"sls", "invokeFn"}, "/") != launch_key({"sls", "invoke", "Fn"}, "/"));
}

TEST_CASE("a recorded launch is started before main and held at its gate until opened") {
  Scratch scratch;
  const std::vector<std::string> args = {"sls", "invoke", "Fn", "--no-sandbox"};
  start_ahead(args);  // nothing recorded yet
  CHECK_FALSE(take_head_start());

  FunctionConfig f = python_function();
  SpawnSpec spec;
  // bash reads the gate; its output shows the byte and the new run's values.
  spec.argv = {"/bin/bash", "-c",
               "read -r -n1 -u 1000 go; echo \"go=$go api=$AWS_LAMBDA_RUNTIME_API tmp=$TMPDIR "
               "secret=$AWS_SECRET_ACCESS_KEY fds=$(ls /proc/self/fd | wc -l)\""};
  spec.cwd = "/";
  spec.environment = {{"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:40001"},
                      {"TMPDIR", "/tmp/sls-env-old000"},
                      {"AWS_SECRET_ACCESS_KEY", "from-host"},
                      {"PATH", "/usr/bin:/bin"}};
  ::setenv("AWS_SECRET_ACCESS_KEY", "from-host", 1);
  record_launch(f, "/b", LaunchPlan{spec, "", CapPlan{131072, false}}, "/tmp/sls-env-old000",
                "2026/11/24/[$LATEST]aa", "127.0.0.1:40001",
                {{"AWS_SECRET_ACCESS_KEY", "from-host"}});
  REQUIRE(scratch.launches().size() == 1);
  CHECK(scratch.launches()[0].filename().string().rfind("launch-", 0) == 0);
  CHECK((fs::status(scratch.launches()[0]).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));

  SUBCASE("opened: the process goes on with this run's values") {
    start_ahead(args);
    auto ahead = take_head_start();
    REQUIRE(ahead);
    CHECK_FALSE(take_head_start());  // once
    const std::string api = "127.0.0.1:" + std::to_string(ahead->process.socket.port());
    CHECK(ahead->spec.environment.at("AWS_LAMBDA_RUNTIME_API") == api);
    CHECK(ahead->spec.environment.at("TMPDIR") == ahead->process.tmp_dir);
    CHECK(fs::is_directory(ahead->process.tmp_dir));
    CHECK(ahead->process.tmp_dir != "/tmp/sls-env-old000");
    CHECK(ahead->cap == CapPlan{131072, false});
    CHECK(ahead->process.cap.limit_kb == 131072);
    CHECK_FALSE(ahead->process.cap.cgroup);
    if (!tasks_cgroup_parent().dir.empty()) {
      // In its tasks cgroup before its gate opens.
      REQUIRE(ahead->process.cap.tasks);
      std::ifstream in("/proc/" + std::to_string(ahead->process.child.pid) + "/cgroup");
      std::ostringstream cgroups;
      cgroups << in.rdbuf();
      CHECK(cgroups.str().find(fs::path(ahead->process.cap.tasks->path()).filename().string()) !=
            std::string::npos);
    }
    pollfd p{ahead->process.child.output_fd, POLLIN, 0};
    CHECK(::poll(&p, 1, 200) == 0);  // held at the gate
    ahead->open_gate();
    // Open in bash: 0, 1, 2, the gate and ls's listing of them; nothing else of sls's.
    CHECK(sls::test::output_of(ahead->process.child) ==
          "go=1 api=" + api + " tmp=" + ahead->process.tmp_dir + " secret=from-host fds=5\n");
    const std::string tmp = ahead->process.tmp_dir;
    ahead.reset();
    CHECK_FALSE(fs::exists(tmp));
  }
  SUBCASE("never opened: the gate closes, the process goes, its /tmp too") {
    start_ahead(args);
    auto ahead = take_head_start();
    REQUIRE(ahead);
    const pid_t pid = ahead->process.child.pid;
    const std::string tmp = ahead->process.tmp_dir;
    ahead.reset();
    CHECK(::kill(pid, 0) != 0);
    CHECK_FALSE(fs::exists(tmp));
  }
  SUBCASE("other arguments or another directory: not started") {
    start_ahead({"sls", "invoke", "Other", "--no-sandbox"});
    CHECK_FALSE(take_head_start());
    start_ahead({"sls", "validate"});
    CHECK_FALSE(take_head_start());
  }
  SUBCASE("forgotten: not started again") {
    start_ahead(args);
    forget_launch();
    CHECK_FALSE(take_head_start());
    CHECK(scratch.launches().empty());
    start_ahead(args);
    CHECK_FALSE(take_head_start());
  }
  SUBCASE("a launch that may not start ahead replaces the recorded one by none") {
    start_ahead(args);
    take_head_start().reset();
    f.runtime = "provided.al2023";
    record_launch(f, "/b", LaunchPlan{spec, "", {}}, "/tmp/sls-env-old000", "s", "127.0.0.1:40001",
                  {});
    CHECK(scratch.launches().empty());
  }
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
}

TEST_CASE("recording a launch removes the launches not recorded for a week") {
  Scratch scratch;
  start_ahead({"sls", "invoke"});
  const fs::path dir = scratch.state_dir();
  const auto aged = [&](const std::string& name, int days) {
    std::ofstream(dir / name) << "x";
    fs::last_write_time(dir / name,
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * days));
  };
  aged("launch-0000000000000001", 8);
  aged("launch-0000000000000002", 6);
  aged("bwrap-probe-old", 30);  // not a launch
  SpawnSpec spec;
  spec.argv = {"/usr/bin/python3.11"};
  record_launch(python_function(), "/b", LaunchPlan{spec, "", {}}, "/tmp/t", "s", "127.0.0.1:1",
                {});
  std::vector<std::string> names;
  for (const fs::path& p : scratch.launches()) names.push_back(p.filename().string());
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() == 3);
  CHECK(names[0] == "bwrap-probe-old");
  CHECK(names[1] == "launch-0000000000000002");
  CHECK(names[2].rfind("launch-", 0) == 0);
}

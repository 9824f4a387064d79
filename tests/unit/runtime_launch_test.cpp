// lib/runtime launch: the exact environment and command line of an execution environment's
// process (spec/lambda-runtime-api.md §3, §7).
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>
#include <sys/stat.h>

#include "runtime/launch.h"

using namespace sls::runtime;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  FunctionConfig fn;
  ServiceOptions options;
  LaunchInputs in;

  explicit Fixture(std::string runtime) {
    fn.logical_id = "HelloFunction";
    fn.name = "hello";
    fn.runtime = std::move(runtime);
    fn.handler = "app.handler";
    fn.code_dir = "/code";
    fn.memory_mb = 256;
    in.function = &fn;
    in.options = &options;
    in.runtime_api = "127.0.0.1:9001";
    in.log_stream = "2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    in.bootstrap_dir = "/share/sls/runtime";
    in.tmp_dir = "/tmp/sls-env-1";
    in.host = {{"AWS_ACCESS_KEY_ID", "AKID"},
               {"AWS_SECRET_ACCESS_KEY", "SECRET"},
               {"AWS_SESSION_TOKEN", ""},
               {"HOME", "/root"}};
  }
};

using Env = std::map<std::string, std::string>;

// The first 20 bytes of an ELF executable: e_ident, e_type (ET_EXEC), e_machine.
std::string elf_head(bool little_endian, uint16_t machine) {
  std::string h =
      "\x7f"
      "ELF";
  h += '\x02';                           // ELFCLASS64
  h += little_endian ? '\x01' : '\x02';  // ELFDATA2LSB / ELFDATA2MSB
  h += '\x01';                           // EV_CURRENT
  h.resize(16, '\0');
  const char type[2] = {little_endian ? '\x02' : '\0', little_endian ? '\0' : '\x02'};
  h.append(type, 2);
  const char lo = static_cast<char>(machine & 0xff), hi = static_cast<char>(machine >> 8);
  h += little_endian ? lo : hi;
  h += little_endian ? hi : lo;
  return h;
}

}  // namespace

TEST_CASE("A python function gets exactly Lambda's variables, with sls's paths") {
  Fixture x("python3.13");
  x.in.interpreter = Interpreter{Language::kPython, 3, 13, "/usr/bin/python3.13"};
  CHECK(build_environment(x.in) ==
        Env{{"AWS_ACCESS_KEY_ID", "AKID"},
            {"AWS_DEFAULT_REGION", "us-east-1"},
            {"AWS_EXECUTION_ENV", "AWS_Lambda_python3.13"},
            {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"},
            {"AWS_LAMBDA_FUNCTION_NAME", "hello"},
            {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
            {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
            {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hello"},
            {"AWS_LAMBDA_LOG_STREAM_NAME", "2026/08/22/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0"},
            {"AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"},
            {"AWS_REGION", "us-east-1"},
            {"AWS_SAM_LOCAL", "true"},
            {"AWS_SECRET_ACCESS_KEY", "SECRET"},
            {"LAMBDA_RUNTIME_DIR", "/share/sls/runtime/python"},
            {"LAMBDA_TASK_ROOT", "/code"},
            {"LANG", "en_US.UTF-8"},
            {"LD_LIBRARY_PATH",
             "/share/sls/runtime/python:/share/sls/runtime/python/lib:/code:/code/lib"},
            {"PATH", "/usr/bin:/usr/local/bin:/usr/bin:/bin"},
            {"PYTHONPATH", "/share/sls/runtime/python"},
            {"TMPDIR", "/tmp/sls-env-1"},
            {"TZ", ":UTC"},
            {"_HANDLER", "app.handler"}});
}

TEST_CASE("A node function gets NODE_PATH with its layers; a sandboxed one no TMPDIR") {
  Fixture x("nodejs22.x");
  x.fn.layer_dirs = {"/layer1"};
  x.in.sandboxed = true;
  x.in.interpreter = Interpreter{Language::kNode, 20, 0, "/opt/node/bin/node"};
  const Env env = build_environment(x.in);
  CHECK(env.at("NODE_PATH") ==
        "/layer1/nodejs/node22/node_modules:/layer1/nodejs/node_modules:"
        "/share/sls/runtime/nodejs/node_modules:/share/sls/runtime/nodejs:/code");
  CHECK(env.at("PATH") == "/opt/node/bin:/layer1/bin:/usr/local/bin:/usr/bin:/bin");
  CHECK(env.at("AWS_EXECUTION_ENV") == "AWS_Lambda_nodejs22.x");
  CHECK(env.at("LAMBDA_RUNTIME_DIR") == "/share/sls/runtime/nodejs");
  CHECK_FALSE(env.contains("TMPDIR"));
  CHECK_FALSE(env.contains("PYTHONPATH"));
}

TEST_CASE("A provided function has no AWS_EXECUTION_ENV and no language path") {
  Fixture x("provided.al2023");
  const Env env = build_environment(x.in);
  CHECK_FALSE(env.contains("AWS_EXECUTION_ENV"));
  CHECK_FALSE(env.contains("PYTHONPATH"));
  CHECK_FALSE(env.contains("NODE_PATH"));
  CHECK(env.at("LAMBDA_RUNTIME_DIR") == "/share/sls/runtime");
  CHECK(env.at("PATH") == "/usr/local/bin:/usr/bin:/bin");
}

TEST_CASE("Template variables override unreserved names and never reserved ones") {
  Fixture x("python3.12");
  x.options.extra_environment = {{"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"},
                                 {"STAGE", "extra"},
                                 {"AWS_REGION", "eu-west-1"}};
  x.fn.environment = {{"STAGE", "template"},
                      {"TZ", "Europe/Paris"},
                      {"AWS_REGION", "ap-south-1"},
                      {"_HANDLER", "evil.handler"},
                      {"AWS_LAMBDA_RUNTIME_API", "10.0.0.1:1"}};
  x.fn.log_format = "JSON";
  x.fn.application_log_level = "DEBUG";
  x.fn.log_group = "/custom/group";
  x.in.host.clear();
  const Env env = build_environment(x.in);
  CHECK(env.at("STAGE") == "template");
  CHECK(env.at("TZ") == "Europe/Paris");
  CHECK(env.at("AWS_ENDPOINT_URL_DYNAMODB") == "http://127.0.0.1:8000");
  CHECK(env.at("AWS_REGION") == "us-east-1");
  CHECK(env.at("_HANDLER") == "app.handler");
  CHECK(env.at("AWS_LAMBDA_RUNTIME_API") == "127.0.0.1:9001");
  CHECK(env.at("AWS_LAMBDA_LOG_FORMAT") == "JSON");
  CHECK(env.at("AWS_LAMBDA_LOG_LEVEL") == "DEBUG");
  CHECK(env.at("AWS_LAMBDA_LOG_GROUP_NAME") == "/custom/group");
  CHECK_FALSE(env.contains("AWS_ACCESS_KEY_ID"));
  CHECK_FALSE(env.contains("AWS_SESSION_TOKEN"));
  CHECK(reserved_variables().size() == 21);
}

TEST_CASE("Managed runtimes run the interpreter with sls's bootstrap, behind an exec wrapper") {
  Fixture x("python3.13");
  x.in.interpreter = Interpreter{Language::kPython, 3, 13, "/usr/bin/python3.13"};
  std::string why;
  CHECK(build_command(x.in, {}, &why) ==
        std::vector<std::string>{"/usr/bin/python3.13", "/share/sls/runtime/python/bootstrap.py"});
  CHECK(build_command(x.in, {{"AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrap"}}, &why) ==
        std::vector<std::string>{"/opt/wrap", "/usr/bin/python3.13",
                                 "/share/sls/runtime/python/bootstrap.py"});
  Fixture n("nodejs20.x");
  n.in.interpreter = Interpreter{Language::kNode, 20, 0, "/usr/bin/node"};
  CHECK(build_command(n.in, {}, &why) ==
        std::vector<std::string>{"/usr/bin/node", "--max-old-space-size=230",
                                 "/share/sls/runtime/nodejs/bootstrap.mjs"});
  CHECK(runtime_version(x.fn) == "python:3.13.local");
  CHECK(runtime_version(n.fn) == "nodejs:20.local");
}

TEST_CASE("A provided runtime's bootstrap is looked for in the code, then in each layer") {
  const fs::path root = fs::temp_directory_path() / ("sls-launch-" + std::to_string(::getpid()));
  fs::create_directories(root / "code");
  fs::create_directories(root / "layer");
  std::ofstream(root / "layer" / "bootstrap") << "#!/bin/sh\n";
  Fixture x("provided.al2023");
  x.fn.code_dir = (root / "code").string();
  x.fn.layer_dirs = {(root / "layer").string()};
  std::string why;
  CHECK_FALSE(build_command(x.in, {}, &why).has_value());  // not executable yet
  CHECK(why == "Couldn't find valid bootstrap(s): " + x.fn.code_dir +
                   "/bootstrap:" + x.fn.layer_dirs[0] + "/bootstrap");
  ::chmod((root / "layer" / "bootstrap").c_str(), 0755);
  CHECK(build_command(x.in, {}, &why) ==
        std::vector<std::string>{x.fn.layer_dirs[0] + "/bootstrap"});
  x.fn.architecture = "arm64";  // a script runs on either architecture
  CHECK(build_command(x.in, {}, &why) ==
        std::vector<std::string>{x.fn.layer_dirs[0] + "/bootstrap"});
  fs::remove_all(root);
}

TEST_CASE("An ELF bootstrap built for another architecture than the function's cannot run") {
  const fs::path root = fs::temp_directory_path() / ("sls-arch-" + std::to_string(::getpid()));
  fs::create_directories(root);
  const std::string boot = (root / "bootstrap").string();
  auto write = [&](const std::string& bytes) {
    std::ofstream(boot, std::ios::binary | std::ios::trunc) << bytes;
    ::chmod(boot.c_str(), 0755);
  };
  write(elf_head(true, 62) + std::string(64, '\0'));
  CHECK(elf_machine(boot) == uint16_t{62});
  Fixture x("provided.al2023");
  x.fn.code_dir = root.string();
  std::string why;
  CHECK(build_command(x.in, {}, &why) == std::vector<std::string>{boot});  // x86_64, the default
  x.fn.architecture = "arm64";
  CHECK_FALSE(build_command(x.in, {}, &why).has_value());
  CHECK(why == "fork/exec " + boot + ": exec format error");
  write(elf_head(true, 183));
  CHECK(elf_machine(boot) == uint16_t{183});
  CHECK(build_command(x.in, {}, &why) == std::vector<std::string>{boot});
  write(elf_head(false, 183));  // a big-endian header is read in its own order
  CHECK(elf_machine(boot) == uint16_t{183});
  write(
      "\x7f"
      "EL");  // too short to be an executable: not ELF, left to exec to judge
  CHECK_FALSE(elf_machine(boot).has_value());
  CHECK_FALSE(elf_machine((root / "missing").string()).has_value());
  fs::remove_all(root);
}

TEST_CASE("The sandbox mounts a /tmp of EphemeralStorage's size over a read-only root") {
  CHECK(sandbox_prefix("/usr/bin/bwrap", 536870912, "/tmp/code", {"/tmp/code", "/boot"}) ==
        std::vector<std::string>{"/usr/bin/bwrap",
                                 "--ro-bind",
                                 "/",
                                 "/",
                                 "--dev",
                                 "/dev",
                                 "--proc",
                                 "/proc",
                                 "--size",
                                 "536870912",
                                 "--tmpfs",
                                 "/tmp",
                                 "--ro-bind",
                                 "/tmp/code",
                                 "/tmp/code",
                                 "--ro-bind",
                                 "/boot",
                                 "/boot",
                                 "--chdir",
                                 "/tmp/code",
                                 "--die-with-parent",
                                 "--"});
}

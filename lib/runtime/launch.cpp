// The command line and environment of an execution environment's process (see launch.h).
#include "runtime/launch.h"

#include <array>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <unistd.h>

#include "runtime/messages.h"

namespace sls::runtime {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kVersion = "$LATEST";
constexpr std::string_view kLang = "en_US.UTF-8";
constexpr std::string_view kTz = ":UTC";
constexpr std::string_view kSystemPath = "/usr/local/bin:/usr/bin:/bin";
// Node sizes its heap from the function's memory as Lambda's bootstrap does (90%), so a function
// that would run out of memory there fails here too.
constexpr int kNodeHeapPercent = 90;

// e_machine of the ELF executables Lambda runs (EM_X86_64, EM_AARCH64).
constexpr uint16_t kElfX86_64 = 62;
constexpr uint16_t kElfAarch64 = 183;

uint16_t elf_machine_of(const FunctionConfig& f) {
  return f.architecture == "arm64" ? kElfAarch64 : kElfX86_64;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ':';
    out += p;
  }
  return out;
}

bool is_managed(const FunctionConfig& f) { return parse_runtime_id(f.runtime).has_value(); }

std::string runtime_dir(const LaunchInputs& in) {
  const auto lang = parse_runtime_id(in.function->runtime);
  if (!lang) return in.bootstrap_dir;
  return in.bootstrap_dir + (lang->language == Language::kPython ? "/python" : "/nodejs");
}

// Lambda's PYTHONPATH is /var/runtime; layers add /opt/python/lib/pythonX.Y/site-packages and
// /opt/python (§7 step 4). Locally each layer directory plays /opt.
std::string python_path(const LaunchInputs& in) {
  std::vector<std::string> parts;
  const auto lang = parse_runtime_id(in.function->runtime);
  const int minor = in.interpreter ? in.interpreter->minor : (lang ? lang->minor : 0);
  for (const std::string& layer : in.function->layer_dirs) {
    parts.push_back(fmt::format("{}/python/lib/python3.{}/site-packages", layer, minor));
    parts.push_back(layer + "/python");
  }
  parts.push_back(runtime_dir(in));
  return join(parts);
}

// nodejs24: /opt/nodejs/node24/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:
// /var/runtime:/var/task (§3).
std::string node_path(const LaunchInputs& in) {
  std::vector<std::string> parts;
  const auto lang = parse_runtime_id(in.function->runtime);
  const int major = lang ? lang->major : 0;
  for (const std::string& layer : in.function->layer_dirs) {
    parts.push_back(fmt::format("{}/nodejs/node{}/node_modules", layer, major));
    parts.push_back(layer + "/nodejs/node_modules");
  }
  const std::string rt = runtime_dir(in);
  parts.push_back(rt + "/node_modules");
  parts.push_back(rt);
  parts.push_back(in.function->code_dir);
  return join(parts);
}

std::string path_variable(const LaunchInputs& in) {
  std::vector<std::string> parts;
  if (in.interpreter) parts.push_back(fs::path(in.interpreter->path).parent_path().string());
  for (const std::string& layer : in.function->layer_dirs) parts.push_back(layer + "/bin");
  parts.emplace_back(kSystemPath);
  return join(parts);
}

// /var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib
// with real paths (§3); the system's own library directories need no mention.
std::string library_path(const LaunchInputs& in) {
  const std::string rt = runtime_dir(in);
  std::vector<std::string> parts{rt, rt + "/lib", in.function->code_dir,
                                 in.function->code_dir + "/lib"};
  for (const std::string& layer : in.function->layer_dirs) parts.push_back(layer + "/lib");
  return join(parts);
}

void set_reserved(const LaunchInputs& in, std::map<std::string, std::string>& env) {
  const FunctionConfig& f = *in.function;
  const ServiceOptions& o = *in.options;
  env["AWS_LAMBDA_RUNTIME_API"] = in.runtime_api;
  env["_HANDLER"] = f.handler;
  env["LAMBDA_TASK_ROOT"] = f.code_dir;
  env["LAMBDA_RUNTIME_DIR"] = runtime_dir(in);
  env["AWS_LAMBDA_FUNCTION_NAME"] = f.name;
  env["AWS_LAMBDA_FUNCTION_VERSION"] = kVersion;
  env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(f.memory_mb);
  env["AWS_LAMBDA_LOG_GROUP_NAME"] = f.log_group.empty() ? "/aws/lambda/" + f.name : f.log_group;
  env["AWS_LAMBDA_LOG_STREAM_NAME"] = in.log_stream;
  env["AWS_REGION"] = o.region;
  env["AWS_DEFAULT_REGION"] = o.region;
  env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
  // Not set for provided.* (§3): custom runtimes name themselves.
  if (is_managed(f)) env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + f.runtime;
  // The caller's credentials, when they have some in the environment; a session token only when
  // non-empty (§3).
  for (const char* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
    env.erase(name);
    const auto it = in.host.find(name);
    if (it != in.host.end() && !it->second.empty()) env[name] = it->second;
  }
}

}  // namespace

const std::set<std::string, std::less<>>& reserved_variables() {
  static const std::set<std::string, std::less<>> names = {
      "_HANDLER",
      "_X_AMZN_TRACE_ID",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME",
      "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE",
      "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_LAMBDA_RUNTIME_API",
      "LAMBDA_TASK_ROOT",
      "LAMBDA_RUNTIME_DIR",
      "AWS_LAMBDA_MAX_CONCURRENCY",
      "AWS_LAMBDA_METADATA_API",
      "AWS_LAMBDA_METADATA_TOKEN",
  };
  return names;
}

std::map<std::string, std::string> build_environment(const LaunchInputs& in) {
  const FunctionConfig& f = *in.function;
  std::map<std::string, std::string> env;
  env["TZ"] = kTz;
  env["LANG"] = kLang;
  env["PATH"] = path_variable(in);
  env["LD_LIBRARY_PATH"] = library_path(in);
  env["AWS_SAM_LOCAL"] = "true";
  if (!in.sandboxed && !in.tmp_dir.empty()) env["TMPDIR"] = in.tmp_dir;
  if (const auto lang = parse_runtime_id(f.runtime)) {
    if (lang->language == Language::kPython) env["PYTHONPATH"] = python_path(in);
    if (lang->language == Language::kNode) env["NODE_PATH"] = node_path(in);
  }
  if (!f.log_format.empty()) env["AWS_LAMBDA_LOG_FORMAT"] = f.log_format;
  if (!f.application_log_level.empty()) env["AWS_LAMBDA_LOG_LEVEL"] = f.application_log_level;
  for (const auto& [k, v] : in.options->extra_environment) env[k] = v;
  const auto& reserved = reserved_variables();
  for (const auto& [k, v] : f.environment) {
    if (!reserved.contains(k)) env[k] = v;
  }
  for (const std::string& k : reserved) env.erase(k);  // from extra_environment too
  set_reserved(in, env);
  return env;
}

std::optional<std::vector<std::string>> build_command(
    const LaunchInputs& in, const std::map<std::string, std::string>& environment,
    std::string* why) {
  const FunctionConfig& f = *in.function;
  const auto lang = parse_runtime_id(f.runtime);
  if (!lang) {
    // provided.*, go1.x: the function's `bootstrap`, code directory first, then layers (§7).
    std::vector<std::string> tried{f.code_dir + "/bootstrap"};
    for (const std::string& layer : f.layer_dirs) tried.push_back(layer + "/bootstrap");
    for (const std::string& p : tried) {
      std::error_code ec;
      if (!fs::is_regular_file(p, ec) || ::access(p.c_str(), X_OK) != 0) continue;
      // Lambda's init cannot exec a program built for another architecture than the function's
      // (Architectures), even where this machine could run it.
      if (const auto machine = elf_machine(p); machine && *machine != elf_machine_of(f)) {
        if (why != nullptr) *why = fmt::format(fmt::runtime(msg::kExecFormat), p);
        return std::nullopt;
      }
      return {{p}};
    }
    if (why != nullptr) *why = std::string(msg::kNoBootstrap) + join(tried);
    return std::nullopt;
  }
  std::vector<std::string> argv;
  if (const auto w = environment.find("AWS_LAMBDA_EXEC_WRAPPER"); w != environment.end()) {
    argv.push_back(w->second);
  }
  const std::string interpreter = in.interpreter ? in.interpreter->path : "";
  if (interpreter.empty()) {
    if (why != nullptr) *why = fmt::format("no interpreter for {}", f.runtime);
    return std::nullopt;
  }
  argv.push_back(interpreter);
  if (lang->language == Language::kPython) {
    argv.push_back(in.bootstrap_dir + "/python/bootstrap.py");
  } else {
    argv.push_back(fmt::format("--max-old-space-size={}", f.memory_mb * kNodeHeapPercent / 100));
    argv.push_back(in.bootstrap_dir + "/nodejs/bootstrap.mjs");
  }
  return argv;
}

std::vector<std::string> sandbox_prefix(std::string_view bwrap, int64_t tmp_bytes,
                                        std::string_view cwd,
                                        const std::vector<std::string>& read_only) {
  std::vector<std::string> argv = {std::string(bwrap),
                                   "--ro-bind",
                                   "/",
                                   "/",
                                   "--dev",
                                   "/dev",
                                   "--proc",
                                   "/proc",
                                   "--size",
                                   std::to_string(tmp_bytes),
                                   "--tmpfs",
                                   "/tmp"};
  for (const std::string& p : read_only) {
    argv.insert(argv.end(), {"--ro-bind", p, p});
  }
  argv.insert(argv.end(), {"--chdir", std::string(cwd), "--die-with-parent", "--"});
  return argv;
}

std::optional<uint16_t> elf_machine(const std::string& path) {
  // e_ident (16 bytes: magic, class, data, ...), e_type (2), e_machine (2) in the file's order.
  std::array<unsigned char, 20> head{};
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(head.data()), head.size())) return std::nullopt;
  if (head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') return std::nullopt;
  const bool little = head[5] == 1;  // ELFDATA2LSB; 2 is big-endian
  return little ? static_cast<uint16_t>(head[18] | head[19] << 8)
                : static_cast<uint16_t>(head[18] << 8 | head[19]);
}

std::string host_architecture() {
#if defined(__aarch64__)
  return "arm64";
#else
  return "x86_64";
#endif
}

std::string runtime_version(const FunctionConfig& f) {
  const auto lang = parse_runtime_id(f.runtime);
  if (!lang) return "";
  if (lang->language == Language::kPython) {
    return fmt::format("python:{}.{}.local", lang->major, lang->minor);
  }
  return fmt::format("nodejs:{}.local", lang->major);
}

}  // namespace sls::runtime

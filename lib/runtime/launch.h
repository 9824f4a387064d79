// What an execution environment's process is started with: its command line and its complete
// environment (spec/lambda-runtime-api.md §3, §7). Pure functions of their inputs (plus, for
// provided.* runtimes, a look at the code and layer directories), so tests pin the exact set.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/interpreters.h"
#include "runtime/runtime.h"

namespace sls::runtime {

struct LaunchInputs {
  const FunctionConfig* function = nullptr;
  const ServiceOptions* options = nullptr;
  std::string runtime_api;                 // "127.0.0.1:<port>"
  std::string log_stream;                  // this environment's AWS_LAMBDA_LOG_STREAM_NAME
  std::string bootstrap_dir;               // holds python/bootstrap.py and nodejs/bootstrap.mjs
  std::optional<Interpreter> interpreter;  // python*/nodejs* runtimes
  std::string tmp_dir;                     // the environment's own /tmp (TMPDIR when not sandboxed)
  bool sandboxed = false;                  // in a sandbox: /tmp is private, TMPDIR not needed
  std::map<std::string, std::string> host;  // the user's environment (credentials come from it)
};

// Names a function's Environment.Variables may not set (spec/limits.md §1 "Env var reserved
// keys"); the environment keeps sls's values for them.
const std::set<std::string, std::less<>>& reserved_variables();

// The process environment, in this order of precedence (later wins): sls's defaults for
// unreserved names (TZ, LANG, PATH, LD_LIBRARY_PATH, PYTHONPATH or NODE_PATH, AWS_SAM_LOCAL,
// TMPDIR), ServiceOptions::extra_environment, the function's own variables, then the reserved
// names, which nothing overrides.
std::map<std::string, std::string> build_environment(const LaunchInputs& in);

// The command line, before any sandbox wrapper: the interpreter and sls's bootstrap for managed
// runtimes (behind AWS_LAMBDA_EXEC_WRAPPER when the environment sets one), or the function's own
// executable `bootstrap` (code directory, then each layer) for provided.* and go1.x.
// nullopt when no bootstrap can run (Runtime.InvalidEntrypoint); `why` is then the error's
// message: the paths tried, or Lambda's exec error for an ELF bootstrap built for another
// architecture than the function's.
std::optional<std::vector<std::string>> build_command(
    const LaunchInputs& in, const std::map<std::string, std::string>& environment,
    std::string* why);

// The bubblewrap prefix: the whole file system read-only, a private /tmp of `tmp_bytes`
// (EphemeralStorage: a write past it fails with ENOSPC, as in Lambda), then each of `read_only`
// bound again read-only over it (the code, layers and bootstrap may live under the real /tmp,
// which the private one would hide), a fresh /dev and /proc, and the process killed with sls.
std::vector<std::string> sandbox_prefix(std::string_view bwrap, int64_t tmp_bytes,
                                        std::string_view cwd,
                                        const std::vector<std::string>& read_only);

// The e_machine of the ELF file at `path`; nullopt when it is not ELF (a script) or unreadable.
std::optional<uint16_t> elf_machine(const std::string& path);

// This machine's architecture in Lambda's words: "x86_64" or "arm64".
std::string host_architecture();

// "python:3.13.local" / "nodejs:22.local" for INIT_START; "" for runtimes that print none.
std::string runtime_version(const FunctionConfig& f);

}  // namespace sls::runtime

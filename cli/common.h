// What every command shares: global options, the -t/--template and --parameter-overrides
// flags, samconfig defaults, and the one place errors become messages and exit statuses.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/error.h"

namespace sls::cli {

// Exit statuses (sls(1) EXIT STATUS).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;        // usage or internal failure
inline constexpr int kExitFindings = 2;       // validate: errors found
inline constexpr int kExitTemplateError = 2;  // serving commands: the template cannot be served
inline constexpr int kExitFunctionError = 3;  // invoke: the function failed (error, timeout, crash)

struct GlobalOptions {
  std::string output = "text";  // text | json
  bool quiet = false;
  bool no_color = false;
  bool debug = false;
  std::string config_file;  // samconfig file; "" = samconfig.toml next to the template
  std::string config_env = "default";
};

// Options of commands that read a template.
struct TemplateOptions {
  std::vector<std::string> templates;  // -t/--template (and positional for validate)
  std::vector<std::string> parameter_overrides;
};

// A command: builds its CLI11 subcommand and returns the exit status when run.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
  std::function<void()> prepare =
      nullptr;  // completes `app` before `sls help COMMAND`; may be empty
};

void add_template_option(CLI::App& cmd, TemplateOptions& t, bool positional_many);
void add_parameter_overrides(CLI::App& cmd, TemplateOptions& t);

// SAM CLI's default template lookup: template.yaml, template.yml, then template.json in `dir`.
std::string default_template(const std::string& dir = ".");

// samconfig defaults for `command`, from --config-file/--config-env (SAM CLI semantics).
std::map<std::string, std::string> samconfig_for(const GlobalOptions& g, const std::string& tpl,
                                                 const std::string& command);

// Prints "file:line:col: error: message" (or a JSON object with --output json) on stderr.
void print_error(const GlobalOptions& g, const Error& e);

bool use_color(const GlobalOptions& g, int fd);

// Registration of each command (one file each).
Command add_validate(CLI::App& root, GlobalOptions& g);
Command add_local_table(CLI::App& root, GlobalOptions& g);
Command add_generate_event(CLI::App& root, GlobalOptions& g);
Command add_invoke(CLI::App& root, GlobalOptions& g);
Command add_local_lambda(CLI::App& root, GlobalOptions& g);

}  // namespace sls::cli

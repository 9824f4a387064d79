// sls: parse the command line, run one command, map every failure to an exit status.
#include <cstdio>
#include <cstdlib>
#include <exception>

#include <unistd.h>

#include "cli/common.h"
#include "core/log.h"
#include "runtime/head_start.h"

namespace {

int run_main(int argc, char** argv) {
  using namespace sls::cli;
  GlobalOptions g;
  CLI::App app{"sls: a serverless developer toolkit for SAM templates", "sls"};
  app.require_subcommand(0, 1);
  app.set_version_flag("-V,--version", std::string("sls ") + SLS_VERSION);
  app.add_option("--output", g.output, "Output format for results")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", g.quiet, "Print only errors (no warnings, no progress)");
  app.add_flag("--no-color", g.no_color, "Never colour output (also: NO_COLOR set)");
  app.add_flag("--debug", g.debug, "Print debug logs on stderr");
  app.add_option("--config-file", g.config_file, "samconfig file (default: samconfig.toml)");
  app.add_option("--config-env", g.config_env, "samconfig environment")->capture_default_str();
  app.fallthrough();

  std::vector<Command> commands;
  commands.push_back(add_validate(app, g));
  commands.push_back(add_local_table(app, g));
  commands.push_back(add_generate_event(app, g));
  commands.push_back(add_invoke(app, g));
  commands.push_back(add_local_lambda(app, g));

  std::string help_topic;
  CLI::App* help = app.add_subcommand("help", "Show help for a command");
  help->add_option("command", help_topic, "Command name");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitFailure;
  }
  sls::log::setup(g.debug   ? sls::log::Level::kDebug
                  : g.quiet ? sls::log::Level::kQuiet
                            : sls::log::Level::kNormal,
                  use_color(g, STDERR_FILENO));
  if (help->parsed()) {
    if (help_topic.empty()) {
      std::fputs(app.help().c_str(), stdout);
      return kExitOk;
    }
    for (const Command& c : commands) {
      if (c.app->get_name() == help_topic) {
        if (c.prepare) c.prepare();
        std::fputs(c.app->help("sls").c_str(), stdout);
        return kExitOk;
      }
    }
    print_error(g, sls::Error(sls::Errc::kUsage, "no such command: " + help_topic));
    return kExitFailure;
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) {
      try {
        return c.run();
      } catch (const sls::Error& e) {
        print_error(g, e);
        return kExitFailure;
      }
    }
  }
  std::fputs(app.help().c_str(), stdout);
  return kExitOk;
}

// Before main and before every other constructor: `sls invoke` starts the function's runtime
// from the launch it recorded the last time it ran with these arguments, so that the
// interpreter starts while sls does (runtime/head_start.h). glibc passes main's arguments to
// the constructors of the program.
__attribute__((constructor(101))) void start_runtime_ahead(int argc, char** argv, char** /*env*/) {
  sls::runtime::head_start(argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sls: internal error: %s\n", e.what());
    return sls::cli::kExitFailure;
  }
}

// `sls generate-event SERVICE EVENT [--flag VALUE ...]`: print a sample event on stdout. The
// subcommands and their flags are built from the events catalog, so --help lists exactly what
// lib/events can generate.
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/common.h"
#include "events/events.h"

namespace sls::cli {

namespace {

// One `sls generate-event SERVICE EVENT` subcommand and the values of its flags.
struct EventCommand {
  std::string service;
  std::string event;
  CLI::App* app = nullptr;
  std::map<std::string, std::string> flags;  // every flag, defaults until given
};

// A service's subcommand. `unknown` catches the words after it when the first names none of its
// events, so the events library can say which events there are (CLI11 would only say it was
// not expected).
struct ServiceCommand {
  CLI::App* app = nullptr;
  std::vector<std::string> unknown;
};

struct GenerateEventState {
  CLI::App* root = nullptr;
  std::vector<std::string> unknown_service;  // as ServiceCommand::unknown, for services
  std::map<std::string, ServiceCommand> services;
  std::deque<EventCommand> events;  // a deque keeps each `flags` map where CLI11 points
};

// Help that leaves out the hidden positionals of ServiceCommand::unknown and friends (CLI11
// 2.1 would show them as "[...]" in the usage line and a blank line for their group).
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override {
    if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
    std::string usage = make_usage(app, std::move(name));
    constexpr std::string_view kHidden = " [...]";  // how CLI11 shows the unnamed positional
    if (const size_t at = usage.find(kHidden); at != std::string::npos) {
      usage.erase(at, kHidden.size());
    }
    std::string groups = make_groups(app, mode);
    if (groups.ends_with("\n\n")) groups.pop_back();  // the hidden group's separator
    return make_description(app) + usage + groups + make_subcommands(app, mode) + "\n" +
           make_footer(app);
  }
};

int run(const GenerateEventState& s) {
  for (const auto& [name, svc] : s.services) {
    if (!svc.app->parsed()) continue;
    for (const EventCommand& e : s.events) {
      if (e.service != name || !e.app->parsed()) continue;
      if (!svc.unknown.empty()) {
        throw Error(Errc::kUsage, "unexpected argument " + svc.unknown.front());
      }
      std::printf("%s\n", events::generate(e.service, e.event, e.flags).c_str());
      return kExitOk;
    }
    // Throws the library's message, which lists the events there are.
    if (!svc.unknown.empty()) (void)events::generate(name, svc.unknown.front(), {});
    std::fputs(svc.app->help("sls generate-event").c_str(), stdout);
    return kExitOk;
  }
  if (!s.unknown_service.empty()) (void)events::generate(s.unknown_service.front(), "", {});
  std::fputs(s.root->help("sls").c_str(), stdout);
  return kExitOk;
}

// Adds a subcommand per service and per event, with the event's flags. Done only when
// `generate-event` is on the command line (or its help is asked for): the 25 subcommands and
// their options were a quarter of the instructions of every other command's start.
void add_services(GenerateEventState& s) {
  if (!s.services.empty()) return;
  for (const events::Service& service : events::catalog()) {
    ServiceCommand& sc = s.services[service.name];
    CLI::App* svc = sc.app = s.root->add_subcommand(service.name, service.help);
    svc->require_subcommand(0, 1);
    svc->add_option("event", sc.unknown)->group("");  // hidden
    for (const events::Event& event : service.events) {
      EventCommand& e = s.events.emplace_back();
      e.service = service.name;
      e.event = event.name;
      e.app = svc->add_subcommand(event.name, event.help);
      for (const events::Flag& flag : event.flags) {
        std::string& value = e.flags[flag.name];
        value = flag.default_value;
        e.app->add_option("--" + flag.name, value, flag.help)->capture_default_str();
      }
    }
  }
}

}  // namespace

Command add_generate_event(CLI::App& root, GlobalOptions& g) {
  (void)g;                                              // the output is always JSON
  auto state = std::make_shared<GenerateEventState>();  // lives as long as the callbacks
  CLI::App* cmd = root.add_subcommand(
      "generate-event", "Print a sample event of an AWS service, as Lambda receives it");
  cmd->require_subcommand(0, 1);
  cmd->formatter(std::make_shared<HelpFormatter>());              // inherited by the subcommands
  cmd->add_option("service", state->unknown_service)->group("");  // hidden
  state->root = cmd;
  // CLI11 calls this when it meets `generate-event`, before it parses the words after it.
  cmd->preparse_callback([state](size_t) { add_services(*state); });
  return Command{cmd, [state] { return run(*state); }, [state] { add_services(*state); }};
}

}  // namespace sls::cli

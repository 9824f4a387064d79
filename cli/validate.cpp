// `sls validate`: lint templates; print findings; exit 0 clean, 2 errors, 4 warnings (--strict).
#include "validate/validate.h"

#include <cstdio>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/common.h"
#include "template/template.h"

namespace sls::cli {

namespace {

struct ValidateFlags {
  TemplateOptions t;
  std::string format;  // text | json | sarif | junit; "" = from --output
  std::vector<std::string> ignore_checks;
  std::vector<std::string> include_checks;
  bool strict = false;
  bool list_rules = false;
};

validate::Format parse_format(const std::string& f) {
  if (f == "json") return validate::Format::kJson;
  if (f == "sarif") return validate::Format::kSarif;
  if (f == "junit") return validate::Format::kJunit;
  return validate::Format::kText;
}

int list_rules(const GlobalOptions& g) {
  if (g.output == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const validate::RuleInfo& r : validate::rules()) {
      out.push_back({{"Id", r.id},
                     {"Severity", validate::severity_name(r.severity)},
                     {"ShortDescription", r.shortdesc},
                     {"Description", r.description},
                     {"Source", r.source}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  for (const validate::RuleInfo& r : validate::rules()) {
    std::printf("%-6s %-7s %.*s\n", std::string(r.id).c_str(), validate::severity_name(r.severity),
                static_cast<int>(r.shortdesc.size()), r.shortdesc.data());
  }
  return kExitOk;
}

// --quiet keeps errors only (the exit status still counts warnings under --strict).
std::vector<validate::FileReport> errors_only(std::vector<validate::FileReport> reports) {
  for (validate::FileReport& r : reports) {
    std::erase_if(r.findings, [](const validate::Finding& f) {
      return f.severity != validate::Severity::kError;
    });
  }
  return reports;
}

int run(const GlobalOptions& g, ValidateFlags& f) {
  if (f.list_rules) return list_rules(g);
  // samconfig next to the (first) template, or here when none is named; its template_file
  // names the template when the command line does not, as in SAM CLI.
  const auto cfg = samconfig_for(
      g, f.t.templates.empty() ? default_template() : f.t.templates.front(), "validate");
  if (f.t.templates.empty()) {
    const auto it = cfg.find("template_file");
    f.t.templates.push_back(it != cfg.end() ? it->second : default_template());
  }
  validate::Options opts;
  opts.ignore_checks = f.ignore_checks;
  opts.include_checks = f.include_checks;
  std::vector<std::string> overrides = f.t.parameter_overrides;
  if (overrides.empty()) {
    if (auto it = cfg.find("parameter_overrides"); it != cfg.end()) overrides.push_back(it->second);
  }
  opts.bindings.overrides = tmpl::parse_parameter_overrides(overrides);
  std::vector<validate::FileReport> reports;
  for (const std::string& path : f.t.templates)
    reports.push_back(validate::validate_file(path, opts));
  const validate::Format fmt =
      parse_format(f.format.empty() ? (g.output == "json" ? "json" : "text") : f.format);
  const bool color = fmt == validate::Format::kText && use_color(g, STDOUT_FILENO);
  const std::string out =
      validate::render(fmt, g.quiet ? errors_only(reports) : reports, {.color = color});
  std::fwrite(out.data(), 1, out.size(), stdout);
  return validate::exit_status(reports, f.strict);
}

}  // namespace

Command add_validate(CLI::App& root, GlobalOptions& g) {
  auto flags = std::make_shared<ValidateFlags>();  // lives as long as the callback
  CLI::App* cmd = root.add_subcommand(
      "validate", "Lint templates against the schema, SAM's rules and AWS service limits");
  add_template_option(*cmd, flags->t, true);
  add_parameter_overrides(*cmd, flags->t);
  cmd->add_option("-f,--format", flags->format, "Report format (default: from --output)")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  cmd->add_option("--ignore-checks", flags->ignore_checks,
                  "Rule ids or prefixes to skip (comma-separated, may repeat)")
      ->allow_extra_args(false);
  cmd->add_option("--include-checks", flags->include_checks,
                  "Rule ids or prefixes to report even if ignored or off by default (I rules)")
      ->allow_extra_args(false);
  cmd->add_flag("--strict", flags->strict, "Exit 4 when warnings are found (and no errors)");
  cmd->add_flag("--list-rules", flags->list_rules, "List every rule and exit");
  return Command{cmd, [&g, flags] { return run(g, *flags); }};
}

}  // namespace sls::cli

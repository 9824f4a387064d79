// Shared flag definitions and the error edge of the CLI.
#include "cli/common.h"

#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "core/log.h"
#include "template/template.h"

namespace sls::cli {

void add_template_option(CLI::App& cmd, TemplateOptions& t, bool positional_many) {
  if (positional_many) {
    cmd.add_option("-t,--template,templates", t.templates,
                   "Template file(s) (default: template.yaml|yml|json here)");
  } else {
    cmd.add_option("-t,--template", t.templates,
                   "Template file (default: template.yaml|yml|json here)")
        ->expected(1)
        ->allow_extra_args(false);  // a command's positional argument may follow it
  }
}

void add_parameter_overrides(CLI::App& cmd, TemplateOptions& t) {
  cmd.add_option("--parameter-overrides", t.parameter_overrides,
                 "Parameter values: 'Key=Value Key2=Value2' or "
                 "'ParameterKey=K,ParameterValue=V'")
      ->allow_extra_args(false);
}

std::string default_template(const std::string& dir) {
  for (const char* name : {"template.yaml", "template.yml", "template.json"}) {
    std::filesystem::path p = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return dir == "." ? std::string(name) : p.string();
  }
  return dir == "." ? "template.yaml" : (std::filesystem::path(dir) / "template.yaml").string();
}

std::map<std::string, std::string> samconfig_for(const GlobalOptions& g, const std::string& tpl,
                                                 const std::string& command) {
  std::string dir = std::filesystem::path(tpl).parent_path().string();
  if (dir.empty()) dir = ".";
  return tmpl::read_samconfig(dir, g.config_env, command, g.config_file);
}

void print_error(const GlobalOptions& g, const Error& e) {
  if (g.output == "json") {
    nlohmann::ordered_json j = {{"error",
                                 {{"code", errc_name(e.code())},
                                  {"message", e.message()},
                                  {"location", format_loc(e.where())}}}};
    std::fprintf(stderr, "%s\n",
                 j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    return;
  }
  const std::string loc = format_loc(e.where());
  const bool color = use_color(g, STDERR_FILENO);
  const char* red = color ? "\x1b[1;31m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  if (loc.empty()) {
    std::fprintf(stderr, "sls: %serror:%s %s\n", red, reset, e.message().c_str());
  } else {
    std::fprintf(stderr, "%s: %serror:%s %s\n", loc.c_str(), red, reset, e.message().c_str());
  }
}

bool use_color(const GlobalOptions& g, int fd) { return !g.no_color && log::color_default(fd); }

}  // namespace sls::cli

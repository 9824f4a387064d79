// The template's functions as the runtime runs them (cli/functions.h).
#include "cli/functions.h"

#include <fmt/format.h>

#include "core/log.h"

namespace sls::cli {

namespace {
constexpr std::string_view kDefaultRegion = "us-east-1";
}  // namespace

tmpl::App load_app(const GlobalOptions& g, const TemplateOptions& t,
                   const std::string& samconfig_command) {
  const std::string probe = t.templates.empty() ? default_template() : t.templates.front();
  const auto cfg = samconfig_for(g, probe, samconfig_command);
  std::string tpl = probe;
  if (t.templates.empty()) {
    if (const auto it = cfg.find("template_file"); it != cfg.end()) tpl = it->second;
  }
  std::vector<std::string> overrides = t.parameter_overrides;
  if (overrides.empty()) {
    if (const auto it = cfg.find("parameter_overrides"); it != cfg.end()) {
      overrides.push_back(it->second);
    }
  }
  tmpl::Bindings bindings;
  bindings.overrides = tmpl::parse_parameter_overrides(overrides);
  return tmpl::App::build(tmpl::load_file(tpl), bindings);
}

std::string region_from(const std::map<std::string, std::string>& env) {
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    const auto it = env.find(name);
    if (it != env.end() && !it->second.empty()) return it->second;
  }
  return std::string(kDefaultRegion);
}

runtime::FunctionConfig to_config(const tmpl::Function& f) {
  if (f.code_dir.empty()) {
    const std::string where = f.code_location.empty() ? "not local" : f.code_location;
    throw Error(
        Errc::kUsage,
        fmt::format("function {}: its code is {}; sls runs local code only", f.logical_id, where),
        f.loc);
  }
  runtime::FunctionConfig c;
  c.logical_id = f.logical_id;
  c.name = f.name;
  c.runtime = f.runtime;
  c.handler = f.handler;
  c.code_dir = f.code_dir;
  c.layer_dirs = f.layer_dirs;
  c.memory_mb = f.memory_mb;
  c.timeout_s = f.timeout_s;
  c.ephemeral_storage_mb = f.ephemeral_storage_mb;
  c.architecture = f.architecture;
  c.environment = f.environment;
  c.reserved_concurrency = f.reserved_concurrency;
  c.event_max_retries = f.event_max_retries;
  if (f.event_max_age_s) c.event_max_age = std::chrono::seconds(*f.event_max_age_s);
  c.log_format = f.log_format;
  c.application_log_level = f.application_log_level;
  c.system_log_level = f.system_log_level;
  c.log_group = f.log_group;
  for (const std::string& layer : f.remote_layers) {
    sls::log::warn("function {}: layer {} is not local and is left out", f.logical_id, layer);
  }
  return c;
}

std::vector<runtime::FunctionConfig> local_functions(const tmpl::App& app,
                                                     const std::string& env_vars) {
  const auto shell = process_environment();
  std::optional<tmpl::EnvOverrides> overrides;
  if (!env_vars.empty()) overrides = tmpl::read_env_overrides(env_vars);
  std::vector<runtime::FunctionConfig> out;
  for (tmpl::Function& fn : tmpl::functions(app)) {
    if (fn.code_dir.empty()) {
      sls::log::warn("function {}: its code is {}; left out", fn.logical_id,
                     fn.code_location.empty() ? "not local" : fn.code_location);
      continue;
    }
    if (overrides) tmpl::apply_env_overrides(fn, *overrides, shell);
    out.push_back(to_config(fn));
  }
  return out;
}

}  // namespace sls::cli

// What the commands that run functions share (invoke, local-lambda): the template loaded with
// samconfig's defaults, and its functions as the runtime runs them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/common.h"
#include "core/environ.h"
#include "runtime/runtime.h"
#include "template/template.h"

namespace sls::cli {

// The template (-t, else samconfig's template_file for `samconfig_command`, else
// template.yaml|yml|json here) built with --parameter-overrides (else samconfig's).
tmpl::App load_app(const GlobalOptions& g, const TemplateOptions& t,
                   const std::string& samconfig_command);

// AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.
std::string region_from(const std::map<std::string, std::string>& env);

// The runtime's view of a template function. Throws Error{kUsage} (located) when its code is
// not local; warns about layers that are not.
runtime::FunctionConfig to_config(const tmpl::Function& f);

// Every function of the template whose code is local, with --env-vars (a SAM JSON or .env file,
// "" for none) applied. Functions whose code is not local are left out with a warning.
std::vector<runtime::FunctionConfig> local_functions(const tmpl::App& app,
                                                     const std::string& env_vars);

}  // namespace sls::cli

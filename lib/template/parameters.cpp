// --parameter-overrides parsing (SAM CLI's syntaxes).
#include "template/template.h"

namespace sls::tmpl {

std::map<std::string, std::string> parse_parameter_overrides(std::span<const std::string> args) {
  std::map<std::string, std::string> out;
  for (const std::string& a : args) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos) throw Error(Errc::kUsage, "bad parameter override: " + a);
    out[a.substr(0, eq)] = a.substr(eq + 1);
  }
  return out;
}

}  // namespace sls::tmpl

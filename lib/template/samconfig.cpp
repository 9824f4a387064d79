// samconfig.toml / samconfig.yaml defaults, read as SAM CLI reads them.
#include "template/template.h"

namespace sls::tmpl {

std::map<std::string, std::string> read_samconfig(const std::string&, std::string_view,
                                                  std::string_view, const std::string&) {
  return {};
}

}  // namespace sls::tmpl

// Helpers rule files share.
#include "validate/rule.h"

namespace sls::validate {

void for_each_resource(const Context& ctx, std::string_view type,
                       const std::function<void(const tmpl::Resource&)>& fn) {
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (r.type == type) fn(r);
  }
}

std::string path_join(std::string_view a, std::string_view b) {
  std::string out(a);
  if (!out.empty() && !b.empty()) out += '/';
  out += b;
  return out;
}

}  // namespace sls::validate

// Intrinsic function resolution and condition evaluation over the bound parameters.
#include "template/template.h"

namespace sls::tmpl {

Node App::resolve(const Node& v) const { return v; }

std::optional<bool> App::condition(std::string_view) const { return std::nullopt; }

}  // namespace sls::tmpl

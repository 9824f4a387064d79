// Filling a sample's {{placeholders}}. Substitution happens on the parsed JSON, never on its
// text, so a value needs no escaping here: the JSON writer escapes it once, on output.
#include <string>

#include "core/error.h"
#include "events/sample.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

const Json& lookup(const Values& v, std::string_view name) {
  const auto it = v.find(name);
  if (it == v.end()) {
    throw Error(Errc::kInternal, "event sample uses {{" + std::string(name) + "}} without a value");
  }
  return it->second;
}

// "{{name}}" alone is replaced by the value (any JSON); inside a longer string, by its text.
Json fill_string(const std::string& s, const Values& v) {
  if (s.size() > kOpen.size() + kClose.size() && s.starts_with(kOpen) && s.ends_with(kClose) &&
      s.find(kOpen, kOpen.size()) == std::string::npos) {
    return lookup(v, std::string_view(s).substr(kOpen.size(), s.size() - 4));
  }
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = s.find(kOpen, pos);
    const size_t close = open == std::string::npos ? open : s.find(kClose, open + kOpen.size());
    if (close == std::string::npos) break;
    out.append(s, pos, open - pos);
    const std::string name = s.substr(open + kOpen.size(), close - open - kOpen.size());
    const Json& value = lookup(v, name);
    if (!value.is_string()) {
      throw Error(Errc::kInternal, "event sample puts non-string {{" + name + "}} in a string");
    }
    out += value.get_ref<const std::string&>();
    pos = close + kClose.size();
  }
  out.append(s, pos);
  return out;
}

Json fill(const Json& node, const Values& v) {
  if (node.is_string()) return fill_string(node.get_ref<const std::string&>(), v);
  if (node.is_object()) {
    Json out = Json::object();
    for (const auto& [key, child] : node.items()) {
      Json filled = fill(child, v);
      if (!filled.is_discarded()) out[key] = std::move(filled);
    }
    return out;
  }
  if (node.is_array()) {
    Json out = Json::array();
    for (const Json& child : node) {
      Json filled = fill(child, v);
      if (!filled.is_discarded()) out.push_back(std::move(filled));
    }
    return out;
  }
  return node;
}

}  // namespace

Json omit() { return Json(Json::value_t::discarded); }

Json render(std::string_view sample, const Values& v) { return fill(Json::parse(sample), v); }

const std::string& flag(const Values& v, std::string_view name) {
  return lookup(v, name).get_ref<const std::string&>();
}

}  // namespace sls::events::detail

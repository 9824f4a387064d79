// E8001: each entry of Conditions has a name of letters, digits, '&' and '_' and a value that
// is a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition).
#include <regex>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E8001", Severity::kError, "Conditions have appropriate properties",
                         "Conditions have valid names and condition functions as values.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "conditions-section-structure.html"};

constexpr std::string_view kNamePattern = "^[a-zA-Z0-9&_]{1,255}$";

void check(const Context& ctx) {
  const tmpl::Node* conditions = ctx.tpl.section("Conditions");
  if (!conditions || !conditions->is_map()) return;
  static const std::regex kName{std::string(kNamePattern)};
  for (const tmpl::MapEntry& e : conditions->entries) {
    const std::string path = "Conditions/" + e.key;
    if (!std::regex_match(e.key, kName)) {
      ctx.report(kInfo,
                 py_str(e.key) +
                     " does not match any of the regexes: " + py_str(std::string(kNamePattern)),
                 e.key_pos, path);
    }
    if (is_call_to(e.value, {"Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition"})) {
      continue;
    }
    if (e.value.plain_is_bool()) continue;
    ctx.report(kInfo, not_of_type(e.value, "'boolean'"), value_pos(e), path);
  }
}

}  // namespace

extern const Rule kE8001{kInfo, check};

}  // namespace sls::validate::defs

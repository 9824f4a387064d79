// E1001: the template's top level holds only CloudFormation's (and SAM's) sections, with the
// shapes they must have, and a Resources section.
#include <array>

#include "validate/rule.h"

namespace sls::validate::defs {

namespace {

constexpr std::array<std::string_view, 12> kSections{"AWSTemplateFormatVersion",
                                                     "Description",
                                                     "Metadata",
                                                     "Parameters",
                                                     "Mappings",
                                                     "Conditions",
                                                     "Transform",
                                                     "Resources",
                                                     "Outputs",
                                                     "Rules",
                                                     "Globals",
                                                     "Hooks"};

constexpr RuleInfo kInfo{"E1001", Severity::kError, "Basic CloudFormation Template Configuration",
                         "The top level has only known sections, each of the right shape, and "
                         "Resources is present.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "template-anatomy.html"};

bool known(std::string_view key) {
  for (std::string_view s : kSections) {
    if (s == key) return true;
  }
  return false;
}

void check(const Context& ctx) {
  const tmpl::Node& root = ctx.tpl.root;
  if (!root.is_map()) {
    ctx.report(kInfo, "Template needs to be an object.", root.pos);
    return;
  }
  for (const tmpl::MapEntry& e : root.entries) {
    if (!known(e.key)) {
      ctx.report(kInfo, "Additional properties are not allowed ('" + e.key + "' was unexpected)",
                 e.key_pos, e.key);
      continue;
    }
    const bool is_map_section =
        e.key != "AWSTemplateFormatVersion" && e.key != "Description" && e.key != "Transform";
    if (is_map_section && !e.value.is_map()) {
      ctx.report(kInfo, "'" + e.key + "' must be an object, not " + tmpl::describe(e.value),
                 e.value.pos.line ? e.value.pos : e.key_pos, e.key);
    }
  }
  if (!root.get("Resources")) {
    ctx.report(kInfo, "'Resources' is a required property", root.pos);
  }
  if (const tmpl::MapEntry* v = root.entry("AWSTemplateFormatVersion")) {
    if (!v->value.is_scalar() || v->value.scalar != "2010-09-09") {
      ctx.report(kInfo, "'" + tmpl::to_json(v->value) + "' is not one of ['2010-09-09']",
                 v->value.pos, "AWSTemplateFormatVersion");
    }
  }
}

}  // namespace

extern const Rule kE1001{kInfo, check};

}  // namespace sls::validate::defs

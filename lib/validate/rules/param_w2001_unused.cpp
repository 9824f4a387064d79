// W2001: every parameter is used by a Ref or a ${} of Fn::Sub somewhere in the template.
// Like cfn-lint, templates with a Transform are not checked: SAM and macros use parameters in
// ways the template text does not show (policy templates, AutoPublishAlias, ...).
#include <set>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"W2001", Severity::kWarning, "Check if Parameters are Used",
                         "The parameters defined are used.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "parameters-section-structure.html"};

void collect(const tmpl::Node& n, std::set<std::string>& used) {
  if (const auto in = tmpl::as_intrinsic(n)) {
    if (in->name == "Ref" && in->arg.is_scalar()) used.insert(in->arg.scalar);
    if (in->name == "Fn::Sub") {
      const tmpl::Node& text =
          in->arg.is_seq() && !in->arg.items.empty() ? in->arg.items[0] : in->arg;
      if (text.is_scalar()) {
        for (const SubVariable& v : sub_variables(text.scalar)) used.insert(v.name);
      }
    }
  }
  for (const tmpl::MapEntry& e : n.entries) collect(e.value, used);
  for (const tmpl::Node& i : n.items) collect(i, used);
}

void check(const Context& ctx) {
  const tmpl::Node* params = ctx.tpl.section("Parameters");
  if (!params || !params->is_map() || ctx.tpl.section("Transform")) return;
  std::set<std::string> used;
  collect(ctx.tpl.root, used);
  for (const tmpl::MapEntry& p : params->entries) {
    if (used.contains(p.key)) continue;
    ctx.report(kInfo, "Parameter " + p.key + " not used.", p.key_pos, "Parameters/" + p.key);
  }
}

}  // namespace

extern const Rule kW2001{kInfo, check};

}  // namespace sls::validate::defs

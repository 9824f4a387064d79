// W1001: a Ref, Fn::GetAtt or Fn::Sub points at a resource that has a Condition from a place
// that exists even when that condition is false. Only the plain case is reported: the place has
// no Condition of its own and no Fn::If around it (telling whether one condition implies
// another would need the condition solver).
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"W1001", Severity::kWarning,
                         "Ref/GetAtt to resource that is available when conditions are applied",
                         "A Ref or GetAtt to a resource with a Condition is made only where "
                         "that condition holds.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-ref.html"};

// The Condition attribute of the resource or output a call sits in, or nullptr.
const tmpl::Node* owner_condition(const Context& ctx, const Call& c) {
  const char* section = c.section == Section::kResources ? "Resources" : "Outputs";
  const tmpl::Node* s = ctx.tpl.section(section);
  const tmpl::Node* owner = s ? s->get(c.owner) : nullptr;
  return owner ? owner->get("Condition") : nullptr;
}

void warn(const Context& ctx, const Call& c, std::string_view label, const std::string& target) {
  const tmpl::Resource* r = ctx.app.resource(target);
  if (!r || !r->condition || target == c.owner) return;
  ctx.report(kInfo,
             std::string(label) + " to resource " + py_str(target) +
                 " that may not be available when condition " + py_str(*r->condition) +
                 " is False at " + c.path,
             c.node.pos, c.path, std::string(c.owner));
}

void check_call(const Context& ctx, const Call& c) {
  if (c.fn == "Ref" && c.arg.is_scalar()) warn(ctx, c, "Ref", c.arg.scalar);
  if (c.fn == "Fn::GetAtt") {
    if (c.arg.is_scalar()) warn(ctx, c, "GetAtt", c.arg.scalar.substr(0, c.arg.scalar.find('.')));
    if (c.arg.is_seq() && !c.arg.items.empty() && c.arg.items[0].is_scalar()) {
      warn(ctx, c, "GetAtt", c.arg.items[0].scalar);
    }
  }
  if (c.fn == "Fn::Sub") {
    const tmpl::Node* text = c.arg.is_seq() && !c.arg.items.empty() ? &c.arg.items[0] : &c.arg;
    const tmpl::Node* vars = c.arg.is_seq() && c.arg.items.size() > 1 ? &c.arg.items[1] : nullptr;
    if (!text->is_scalar()) return;
    for (const SubVariable& v : sub_variables(text->scalar)) {
      if (vars && vars->get(v.name)) continue;
      const size_t dot = v.name.find('.');
      warn(ctx, c, dot == std::string::npos ? "Ref" : "GetAtt", v.name.substr(0, dot));
    }
  }
}

void check(const Context& ctx) {
  for_each_call(ctx, [&](const Call& c) {
    if (c.section != Section::kResources && c.section != Section::kOutputs) return;
    if (c.path.find("Fn::If") != std::string::npos || owner_condition(ctx, c)) return;
    check_call(ctx, c);
  });
}

}  // namespace

extern const Rule kW1001{kInfo, check};

}  // namespace sls::validate::defs

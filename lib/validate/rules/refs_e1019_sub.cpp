// E1019: Fn::Sub takes a string or [string, {variables}], and each ${Name} it substitutes is a
// variable of that map, a parameter, a pseudo parameter or a resource, and each ${Res.Attr} a
// valid Fn::GetAtt. ${!Literal} is text, not a variable.
#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E1019", Severity::kError, "Sub validation of parameters",
                         "Fn::Sub has a string (and optionally a map of variables) and every "
                         "variable it substitutes exists.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "intrinsic-function-reference-sub.html"};

bool is_text(const tmpl::Node& n) { return n.is_scalar(); }

// The message for one ${...} variable, "" when it resolves.
std::string variable_problem(const Names& names, const std::string& name) {
  const size_t dot = name.find('.');
  if (dot == std::string::npos) {
    if (names.is_ref_target(name)) return "";
    return not_one_of(name, names.ref_targets());
  }
  const tmpl::Node attribute = tmpl::Node::make_scalar(name.substr(dot + 1));
  return getatt_problem(names, name.substr(0, dot), &attribute);
}

void check_text(const Context& ctx, const Names& names, const Call& c, const tmpl::Node& text,
                const tmpl::Node* variables) {
  if (!names.closed()) return;
  for (const SubVariable& v : sub_variables(text.scalar)) {
    if (variables && variables->get(v.name)) continue;
    const std::string message = variable_problem(names, v.name);
    if (message.empty()) continue;
    ctx.report(kInfo, message, text.pos.line ? text.pos : c.node.pos, c.path, std::string(c.owner));
  }
}

void check_sub(const Context& ctx, const Names& names, const Call& c) {
  const tmpl::Node& arg = c.arg;
  const std::string owner(c.owner);
  const tmpl::Pos pos = arg.pos.line ? arg.pos : c.node.pos;
  if (is_text(arg)) {
    check_text(ctx, names, c, arg, nullptr);
    return;
  }
  if (!arg.is_seq()) {
    if (tmpl::is_intrinsic(arg) && !names.closed()) return;
    ctx.report(kInfo, not_of_type(arg, "'array', 'string'"), pos, c.path, owner);
    return;
  }
  if (arg.items.size() != 2) {
    ctx.report(kInfo,
               arg.items.size() < 2 ? too_few_items(2, arg.items.size())
                                    : too_many_items(2, arg.items.size()),
               pos, c.path, owner);
    return;
  }
  const tmpl::Node& text = arg.items[0];
  const tmpl::Node& variables = arg.items[1];
  if (!is_text(text)) {
    if (tmpl::is_intrinsic(text) && !names.closed()) return;
    ctx.report(kInfo, not_of_type(text, "'string'"), text.pos, c.path, owner);
    return;
  }
  if (!variables.is_map()) {
    ctx.report(kInfo, not_of_type(variables, "'object'"), variables.pos, c.path, owner);
    return;
  }
  if (tmpl::is_intrinsic(variables)) return;  // a function building the map: unknowable here
  check_text(ctx, names, c, text, &variables);
}

void check(const Context& ctx) {
  const Names names(ctx);
  for_each_call(ctx, [&](const Call& c) {
    if (c.fn == "Fn::Sub") check_sub(ctx, names, c);
  });
}

}  // namespace

extern const Rule kE1019{kInfo, check};

}  // namespace sls::validate::defs

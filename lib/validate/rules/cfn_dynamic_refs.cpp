// E3931: at most 60 dynamic references ({{resolve:...}}) in a template (spec/limits.md §7).
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3931", Severity::kError, "At most 60 dynamic references",
    "CloudFormation resolves at most 60 {{resolve:...}} references per template.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"};

constexpr std::string_view kMarker = "{{resolve:";

struct Counter {
  size_t count = 0;
  tmpl::Pos past_limit;  // where the first reference past the limit is

  void add(std::string_view text, tmpl::Pos pos) {
    for (size_t at = text.find(kMarker); at != std::string_view::npos;
         at = text.find(kMarker, at + kMarker.size())) {
      ++count;
      if (count == static_cast<size_t>(limits::kCfnDynamicRefsMax.value) + 1) past_limit = pos;
    }
  }

  void walk(const tmpl::Node& n) {
    if (n.is_scalar()) add(n.scalar, n.pos);
    for (const tmpl::Node& i : n.items) walk(i);
    for (const tmpl::MapEntry& e : n.entries) walk(e.value);
  }
};

void check(const Context& ctx) {
  Counter c;
  c.walk(ctx.tpl.root);
  if (c.count <= static_cast<size_t>(limits::kCfnDynamicRefsMax.value)) return;
  ctx.report(kInfo,
             "The template has " + std::to_string(c.count) +
                 " dynamic references; CloudFormation allows " +
                 std::to_string(limits::kCfnDynamicRefsMax.value),
             c.past_limit);
}

}  // namespace

extern const Rule kE3931{kInfo, check};

}  // namespace sls::validate::defs

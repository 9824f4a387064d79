// E1003: the template Description is at most 1024 bytes (spec/limits.md §7).
#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E1003", Severity::kError, "Template Description within 1024 bytes",
    "CloudFormation accepts a template Description of at most 1024 bytes.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html"};

void check(const Context& ctx) {
  const tmpl::Node* d = ctx.tpl.section("Description");
  const std::optional<std::string> text = d ? known_string(ctx, *d) : std::nullopt;
  if (!text || static_cast<int64_t>(text->size()) <= limits::kCfnDescriptionBytes.value) return;
  ctx.report(kInfo,
             "The template Description is " + std::to_string(text->size()) +
                 " bytes; CloudFormation allows " +
                 std::to_string(limits::kCfnDescriptionBytes.value),
             d->pos, "Description");
}

}  // namespace

extern const Rule kE1003{kInfo, check};

}  // namespace sls::validate::defs

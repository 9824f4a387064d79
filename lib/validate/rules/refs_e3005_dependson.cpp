// E3005: every DependsOn name is another resource of the template (declared, or added by the
// SAM transform).
#include <algorithm>

#include "validate/rules/fn_common.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{"E3005", Severity::kError, "Check DependsOn values for Resources",
                         "DependsOn names other resources of the template.",
                         "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
                         "aws-attribute-dependson.html"};

void check_name(const Context& ctx, const Names& names, const tmpl::Resource& r,
                const tmpl::Node& n) {
  if (!n.is_scalar()) return;  // the shape is the resource schema's business
  if (n.scalar != r.id && names.is_resource(n.scalar)) return;
  std::vector<std::string> others = names.resource_ids();
  others.erase(std::remove(others.begin(), others.end(), r.id), others.end());
  ctx.report(kInfo, not_one_of(n.scalar, others), n.pos, "Resources/" + r.id + "/DependsOn", r.id);
}

void check(const Context& ctx) {
  const Names names(ctx);
  if (!names.closed()) return;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    const tmpl::Node* d = r.raw ? r.raw->get("DependsOn") : nullptr;
    if (!d) continue;
    if (d->is_seq()) {
      for (const tmpl::Node& n : d->items) check_name(ctx, names, r, n);
    } else {
      check_name(ctx, names, r, *d);
    }
  }
}

}  // namespace

extern const Rule kE3005{kInfo, check};

}  // namespace sls::validate::defs

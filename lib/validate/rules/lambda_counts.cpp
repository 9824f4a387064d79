// Lambda list and map sizes (spec/limits.md §1), the Lambda part of the generic E3032: at most
// 5 layers after the Globals merge, exactly one architecture, at most 50 tags counting the one
// SAM adds.
#include <vector>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

// Items of a list that surely become list items: an Fn::If item may turn into AWS::NoValue,
// so it is not counted (the count is a lower bound and never reports a list that fits).
std::vector<const tmpl::Node*> sure_items(const tmpl::Node& list) {
  std::vector<const tmpl::Node*> out;
  for (const tmpl::Node& item : list.items) {
    const auto in = tmpl::as_intrinsic(item);
    if (!in || in->name != "Fn::If") out.push_back(&item);
  }
  return out;
}

void check_layers(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r) {
  const tmpl::Node* layers = r.properties.get("Layers");
  if (!layers || !layers->is_seq()) return;
  const std::vector<const tmpl::Node*> items = sure_items(*layers);
  const auto max = static_cast<size_t>(limits::kLambdaLayersMax.value);
  if (items.size() <= max) return;
  // Point at the first layer past the limit: that is the one to move or drop.
  const tmpl::Node& extra = *items[max];
  report_at(ctx, info, r, "Layers/" + std::to_string(max), extra,
            "Cannot reference more than " + std::to_string(max) + " layers.");
}

void check_architectures(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r) {
  const tmpl::Node* archs = r.properties.get("Architectures");
  if (!archs || !archs->is_seq()) return;
  const std::vector<const tmpl::Node*> items = sure_items(*archs);
  const auto max = static_cast<size_t>(limits::kLambdaArchitecturesMax.value);
  if (items.size() <= max) return;
  std::string listed;
  for (const tmpl::Node* n : items) {
    if (!listed.empty()) listed += ", ";
    listed += n->is_scalar() ? n->scalar : tmpl::describe(*n);
  }
  report_at(ctx, info, r, "Architectures", *items[max],
            aws_constraint("[" + listed + "]", "architectures",
                           max_length_rule(limits::kLambdaArchitecturesMax.value)));
}

// SAM function Tags are a map and SAM adds `lambda:createdBy`; Lambda's are a list of
// {Key, Value}.
void check_tags(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r) {
  const tmpl::Node* tags = r.properties.get("Tags");
  if (!tags || tmpl::is_intrinsic(*tags)) return;
  const bool sam = r.type == "AWS::Serverless::Function";
  const int64_t added = sam ? limits::kSamAddedFunctionTags.value : 0;
  const int64_t user_max = limits::kLambdaTagsMax.value - added;
  const size_t count = sam ? tags->entries.size() : sure_items(*tags).size();
  if (static_cast<int64_t>(count) <= user_max) return;
  const auto first_extra = static_cast<size_t>(user_max);
  const tmpl::Node extra = sam ? tmpl::Node::make_scalar(tags->entries[first_extra].key,
                                                         tags->entries[first_extra].key_pos)
                               : *sure_items(*tags)[first_extra];
  const std::string sub =
      sam ? "Tags/" + tags->entries[first_extra].key : "Tags/" + std::to_string(first_extra);
  report_at(ctx, info, r, sub, extra, "Number of tags exceeds resource tag limit.");
}

}  // namespace

void lambda_counts(const Context& ctx, const RuleInfo& info) {
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    check_layers(ctx, info, r);
    check_architectures(ctx, info, r);
    check_tags(ctx, info, r);
  });
}

}  // namespace sls::validate::defs

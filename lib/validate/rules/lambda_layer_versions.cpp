// E3900: a function references at most one version of each layer (spec/limits.md §1 "Layers
// per function").
#include <vector>

#include "validate/rules/limit_util.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3900", Severity::kError, "Lambda function uses one version of each layer",
    "Lambda rejects a function whose Layers (Globals merged) name two versions of the same "
    "layer. Only layer ARNs written out are compared.",
    "https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html"};

// "arn:aws:lambda:us-east-1:123456789012:layer:name" from "...:layer:name:3"; "" when the
// text is not a versioned layer ARN.
std::string_view layer_of(std::string_view arn) {
  if (arn.find(":layer:") == std::string_view::npos) return {};
  const size_t colon = arn.rfind(':');
  return arn.substr(0, colon);
}

void check(const Context& ctx) {
  for_each_of(ctx, kFunctionTypes, [&](const tmpl::Resource& r) {
    const tmpl::Node* layers = r.properties.get("Layers");
    if (!layers || !layers->is_seq()) return;
    std::vector<std::string> seen;
    for (size_t i = 0; i < layers->items.size(); ++i) {
      const tmpl::Node& item = layers->items[i];
      const std::optional<std::string> arn = known_string(ctx, item);
      if (!arn || layer_of(*arn).empty()) continue;
      for (const std::string& earlier : seen) {
        if (earlier == *arn || layer_of(earlier) != layer_of(*arn)) continue;
        report_at(ctx, kInfo, r, "Layers/" + std::to_string(i), item,
                  "Two different versions of the same layer are not allowed to be referenced "
                  "in the same function. " +
                      earlier + " and " + *arn + " are versions of the same layer.");
        break;
      }
      seen.push_back(*arn);
    }
  });
}

}  // namespace

extern const Rule kE3900{kInfo, check};

}  // namespace sls::validate::defs

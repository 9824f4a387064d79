// E3001: each resource is a map with a string Type and only CloudFormation's resource
// attributes. SAM resources are left to the transform, which drops attributes it does not
// know (and takes SAM's own: Connectors, IgnoreGlobals).
#include <array>

#include "validate/rule.h"
#include "validate/schema.h"

namespace sls::validate::defs {

namespace {

constexpr RuleInfo kInfo{
    "E3001", Severity::kError, "Resources are well-formed",
    "Each resource is a map with a string Type and only CloudFormation's resource attributes.",
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "aws-product-attribute-reference.html"};

// "Version" is listed because CloudFormation accepts it on custom resources.
constexpr std::array<std::string_view, 10> kAttributes{
    "Type",           "Properties",          "DependsOn",    "Condition",      "Metadata",
    "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Version"};

bool is_attribute(std::string_view key) {
  for (std::string_view a : kAttributes) {
    if (a == key) return true;
  }
  return false;
}

constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

bool has_sam_transform(const tmpl::Template& tpl) {
  const tmpl::Node* t = tpl.section("Transform");
  if (!t) return false;
  if (t->is_scalar()) return t->scalar == kSamTransform;
  for (const tmpl::Node& item : t->items) {
    if (item.is_scalar() && item.scalar == kSamTransform) return true;
  }
  return false;
}

void check_attributes(const Context& ctx, const tmpl::MapEntry& res) {
  const tmpl::Node* type = res.value.get("Type");
  if (type && type->is_scalar() && type->scalar.starts_with("AWS::Serverless::")) return;
  // SAM takes embedded connectors off any resource before CloudFormation sees it.
  const bool sam = has_sam_transform(ctx.tpl);
  const std::string base = "Resources/" + res.key;
  for (const tmpl::MapEntry& e : res.value.entries) {
    if (is_attribute(e.key) || (sam && e.key == "Connectors")) continue;
    ctx.report(
        kInfo,
        "Additional properties are not allowed (" + schema::py_repr(e.key) + " was unexpected)",
        e.key_pos, base + "/" + e.key, res.key);
  }
}

void check_resource(const Context& ctx, const tmpl::MapEntry& res) {
  const std::string base = "Resources/" + res.key;
  if (!res.value.is_map() || tmpl::is_intrinsic(res.value)) {
    ctx.report(kInfo, schema::py_repr(res.value) + " is not of type 'object'", res.key_pos, base,
               res.key);
    return;
  }
  const tmpl::MapEntry* type = res.value.entry("Type");
  if (!type) {
    ctx.report(kInfo, "'Type' is a required property", res.key_pos, base, res.key);
  } else if (!type->value.is_scalar()) {
    ctx.report(kInfo, schema::py_repr(type->value) + " is not of type 'string'", type->key_pos,
               base + "/Type", res.key);
  }
  check_attributes(ctx, res);
}

void check(const Context& ctx) {
  const tmpl::Node* resources = ctx.tpl.section("Resources");
  if (!resources || !resources->is_map()) return;
  for (const tmpl::MapEntry& res : resources->entries) {
    if (res.key.starts_with("Fn::ForEach")) continue;  // a language-extension loop
    check_resource(ctx, res);
  }
}

}  // namespace

extern const Rule kE3001{kInfo, check};

}  // namespace sls::validate::defs

// E3002: every resource's Properties against its type's schema (schemas/resources/*.json).
// One walk per resource reports every schema keyword, each under cfn-lint's id for it
// (E3002 unknown property, E3003 required, E3012 type, E3030 enum, ...); those rules' files
// hold their metadata. Types without a schema file are not checked.
#include <set>
#include <tuple>

#include "validate/rule.h"
#include "validate/schema.h"

namespace sls::validate::defs {

extern const Rule kE3003;
extern const Rule kE3012;
extern const Rule kE3014;
extern const Rule kE3017;
extern const Rule kE3018;
extern const Rule kE3020;
extern const Rule kE3021;
extern const Rule kE3030;

namespace {

constexpr RuleInfo kInfo{
    "E3002", Severity::kError, "Resource properties are known",
    "Every property of a resource is one its type's schema defines (schemas/resources/).",
    "https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/"
    "cfn-schema-specification.md#properties"};

// E3031-E3034 belong to the limit family (limit_family.cpp), which checks AWS's own bounds
// under those cfn-lint ids; schema patterns, lengths, counts and ranges report under them too.
const RuleInfo& registered(std::string_view id) {
  for (const Rule* r : registry()) {
    if (r->info.id == id) return r->info;
  }
  return kInfo;  // not reached while the limit family registers the id
}

const RuleInfo& rule_for(schema::Keyword k) {
  switch (k) {
    case schema::Keyword::kAdditionalProperties:
      return kInfo;
    case schema::Keyword::kRequired:
      return kE3003.info;
    case schema::Keyword::kType:
      return kE3012.info;
    case schema::Keyword::kAnyOf:
      return kE3017.info;
    case schema::Keyword::kOneOf:
      return kE3018.info;
    case schema::Keyword::kEnum:
      return kE3030.info;
    case schema::Keyword::kPattern:
      return registered("E3031");
    case schema::Keyword::kItemCount:
      return registered("E3032");
    case schema::Keyword::kLength:
      return registered("E3033");
    case schema::Keyword::kRange:
      return registered("E3034");
    case schema::Keyword::kDependentRequired:
      return kE3021.info;
    case schema::Keyword::kDependentExcluded:
      return kE3020.info;
    case schema::Keyword::kRequiredXor:
      return kE3014.info;
  }
  return kInfo;
}

// Language-extension loops (Fn::ForEach::X) are not resources until expanded.
bool is_foreach(std::string_view logical_id) { return logical_id.starts_with("Fn::ForEach"); }

void check(const Context& ctx) {
  // Globals merged into several resources yield the same finding once per resource, at the
  // Globals position: report it once.
  std::set<std::tuple<int, int, std::string_view, std::string>> seen;
  for (const tmpl::Resource& r : ctx.app.resources()) {
    if (is_foreach(r.id) || !r.raw) continue;
    const schema::Document* doc = schema::resource_schema(r.type);
    if (!doc) continue;
    const tmpl::MapEntry* props = r.raw->entry("Properties");
    const tmpl::Pos where = props ? props->key_pos : r.pos;
    if (props && props->value.is_null()) {
      // cfn-lint's own wording for this case (no quotes around the type).
      ctx.report(kE3012.info, "None is not of type object", where,
                 "Resources/" + r.id + "/Properties", r.id);
      continue;
    }
    std::vector<schema::Violation> found;
    schema::check(doc->root(), r.properties, where, "Resources/" + r.id + "/Properties", found);
    for (schema::Violation& v : found) {
      const RuleInfo& rule = rule_for(v.keyword);
      if (!seen.emplace(v.pos.line, v.pos.col, rule.id, v.message).second) continue;
      ctx.report(rule, std::move(v.message), v.pos, std::move(v.path), r.id);
    }
  }
}

}  // namespace

extern const Rule kE3002{kInfo, check};

}  // namespace sls::validate::defs

// Shared pieces of the SAM transform checks (rule E0001, rules/sam_*.cpp): how the translator
// sees values (Python types from PyYAML's safe loader), how it words its errors, and where
// the findings point. Included only from lib/validate/rules/.
// Thread safety: stateless helpers; a Reporter belongs to one check run.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "validate/rule.h"

namespace sls::validate::sam {

// The rule every transform check reports under (cfn-lint reports transform failures as E0001).
extern const RuleInfo kTransformRule;

// --- values as the translator sees them ----------------------------------------------------

// The Python type a value loads as: the translator's isinstance() checks see these.
enum class PyType : uint8_t { kNone, kStr, kInt, kFloat, kBool, kList, kDict };
PyType py_type(const tmpl::Node& n);

inline bool is_str(const tmpl::Node& n) { return py_type(n) == PyType::kStr; }
inline bool is_dict(const tmpl::Node& n) { return n.is_map(); }
inline bool is_list(const tmpl::Node& n) { return n.is_seq(); }
inline bool is_bool(const tmpl::Node& n) { return py_type(n) == PyType::kBool; }
// Python's bool is an int, so isinstance(True, int) holds.
inline bool is_int(const tmpl::Node& n) {
  const PyType t = py_type(n);
  return t == PyType::kInt || t == PyType::kBool;
}
inline bool is_none(const tmpl::Node* n) { return !n || n->is_null(); }
// Python truthiness: None, "", 0, False, [] and {} are false.
bool truthy(const tmpl::Node* n);
// A map of exactly one entry: what the translator's PropertyType treats as an intrinsic
// function whatever its key (model/__init__.py _is_intrinsic_function).
inline bool is_one_key_map(const tmpl::Node& n) { return n.is_map() && n.entries.size() == 1; }
// (A CloudFormation intrinsic, the translator's is_intrinsic, is tmpl::is_intrinsic; calls
// find it by argument-dependent lookup.)

// type(v).__name__ in Python: "str", "int", "float", "bool", "list", "dict", "NoneType".
std::string_view py_type_name(const tmpl::Node& n);
// Python's repr() and str() of a value, as the translator's f-strings print them:
// 'a', ['a', 'b'], {'Ref': 'X'}, True, 5, None.
std::string py_repr(const tmpl::Node& n);
std::string py_str(const tmpl::Node& n);
// repr() of a list of strings: ['Api', 'Function'].
std::string py_list_repr(std::span<const std::string_view> items);
std::string py_list_repr(std::initializer_list<std::string_view> items);

// The string value when the node loads as a Python str.
const std::string* str_value(const tmpl::Node* n);
// The value under `key` when `n` is a map, else nullptr.
const tmpl::Node* get(const tmpl::Node* n, std::string_view key);

// --- intrinsic functions the translator resolves itself ------------------------------------

// The translator's IntrinsicsResolver.resolve_parameter_refs: {"Ref": P} for a parameter with
// a value at lint time (its override, else its Default) and ${P} inside Fn::Sub strings become
// that value, recursively. Anything else (pseudo parameters, whose values are the deploy's,
// other intrinsics, parameters without a value) stays as written.
tmpl::Node resolve_parameter_refs(const Context& ctx, const tmpl::Node& v);
// The translator's message when resolving `v` would put a parameter whose value is not a string
// (a list Default) into a Fn::Sub string, or "".
std::string sub_variable_error(const Context& ctx, const tmpl::Node& v);
// The translator's mappings resolver: Fn::FindInMap whose three arguments are strings, looked
// up in Mappings, recursively. When a mapping used so is not a two-level map, `error` (if
// given) gets the translator's structure message and the value stays as written.
tmpl::Node resolve_find_in_map(const Context& ctx, const tmpl::Node& v,
                               std::string* error = nullptr);
// A value only a deploy knows: a Ref to (or a Fn::Sub naming) a pseudo parameter or a template
// parameter with no value at lint time, or a Fn::FindInMap that could not be looked up (keyed by
// the region, say). Checks that need the value must not judge it.
bool is_unknown_parameter_ref(const Context& ctx, const tmpl::Node& v);

// A string of the form scheme://... (what CodeUri-like properties hold once packaged).
bool looks_like_uri(std::string_view s);
// parse_s3_uri's test: s3://bucket/key, with no bracketed host Python's urlparse rejects.
bool is_s3_uri(std::string_view s);
// The translator's complaint about an Api's or HttpApi's DefinitionUri value (a map needs Bucket
// and Key; a string that looks like a URI must be an s3:// one), or nullopt when it is fine.
std::optional<std::string> definition_uri_problem(const tmpl::Node& uri);

// --- the template --------------------------------------------------------------------------

// Whether the template asks for the SAM transform (Transform: AWS::Serverless-2016-10-31,
// alone or in a list).
bool has_sam_transform(const tmpl::Template& tpl);
// Whether AWS::LanguageExtensions is among the template's transforms.
bool has_language_extensions(const tmpl::Template& tpl);

// --- reporting -----------------------------------------------------------------------------

// What the transform accumulates while it works through the resources in its order (it edits
// the template as it goes, so later resources see what earlier ones added).
struct TransformState {
  // AWS::LanguageExtensions runs first and resolves intrinsics (Fn::If, Fn::FindInMap,
  // Fn::ForEach...) the SAM transform would otherwise see, so checks leave intrinsics alone.
  bool language_extensions = false;
  // Cognito user pool id -> LambdaConfig triggers events have set.
  std::map<std::string, std::set<std::string>, std::less<>> cognito_triggers;
  // API logical id -> (path, method) pairs that events gave an integration.
  std::map<std::string, std::set<std::pair<std::string, std::string>>, std::less<>> api_methods;
};

// Where a node is, or `fallback` when it is missing or synthesized.
tmpl::Pos pos_or(const tmpl::Node* n, tmpl::Pos fallback);

// Reports the translator's errors for one resource, each at the most specific place known.
// Messages are the translator's causes exactly:
//   "Resource with id [<id>] is invalid. <text>"
//   "Resource with id [<id>] is invalid. Event with id [<event>] is invalid. <text>"
//   "Event with id [<event>] is invalid. <text>"
//   "Structure of the SAM template is invalid. <text>"
class Reporter {
 public:
  // `props` are the properties the translator sees (Globals merged, IgnoreGlobals applied).
  Reporter(const Context& ctx, const tmpl::Resource& r, const tmpl::Node& props,
           TransformState& state)
      : ctx_(ctx), res_(r), props_(props), state_(state) {}

  const Context& ctx() const { return ctx_; }
  const tmpl::Resource& resource() const { return res_; }
  const tmpl::Node& props() const { return props_; }
  TransformState& state() const { return state_; }

  void resource_error(tmpl::Pos at, std::string_view text) const;
  // The same for a resource the transform generates (its id is not the template's).
  void generated_error(std::string_view logical_id, tmpl::Pos at, std::string_view text) const;
  void event_error(std::string_view event, tmpl::Pos at, std::string_view text) const;
  // An event error the translator does not wrap in the resource's (state machine events).
  void bare_event_error(std::string_view event, tmpl::Pos at, std::string_view text) const;
  void structure_error(tmpl::Pos at, std::string_view text) const;
  // A message reported as is.
  void raw(tmpl::Pos at, std::string message) const;

  // The resource's id position when `n` is missing or synthesized.
  tmpl::Pos at(const tmpl::Node* n) const { return pos_or(n, res_.pos); }
  // The position of `key` in the resource's properties (the id when absent).
  tmpl::Pos key_at(std::string_view key) const;
  int count() const { return count_; }

 private:
  const Context& ctx_;
  const tmpl::Resource& res_;
  const tmpl::Node& props_;
  TransformState& state_;
  mutable int count_ = 0;
};

// The properties the translator transforms: the resource's own merged with its Globals
// section, less what its IgnoreGlobals attribute names ("*" for all).
tmpl::Node effective_properties(const Context& ctx, const tmpl::Resource& r);

// Reports a template-level cause ("Structure of the SAM template is invalid. ..." or the
// Globals section's own wording) that belongs to no resource.
void report_document(const Context& ctx, tmpl::Pos at, std::string message);

// SamResourceMacro._construct_tag_list (functions and applications): the tags SAM sets itself
// are reserved.
bool check_reserved_tags(const Reporter& rep);

// --- the translator's property tables --------------------------------------------------------

// A property type check as the translator's model/types.py validators do it.
enum class Check : uint8_t {
  kAny,
  kStr,       // IS_STR: "Property 'X' should be a string."
  kStrOneOf,  // one_of(IS_STR): the same test, the generic message
  kDict,      // IS_DICT: "Property 'X' should be a map."
  kBool,
  kInt,
  kList,
  kStrOrDict,
  kBoolOrDict,
  kStrOrStrList,          // one_of(IS_STR, list_of(IS_STR))
  kListOfStrOrDict,       // list_of(one_of(IS_STR, IS_DICT))
  kDictOfDict,            // dict_of(IS_STR, IS_DICT)
  kDictOfStr,             // dict_of(IS_STR, IS_STR)
  kPolicies,              // one_of(IS_STR, IS_DICT, list_of(one_of(IS_STR, IS_DICT)))
  kStrOrListOfStrOrDict,  // one_of(IS_STR, list_of(one_of(IS_STR, IS_DICT)))
  kDictOfIntOrDict,       // dict_of(IS_STR, one_of(IS_INT, IS_DICT))
  kDictOrListOfDict,      // one_of(dict_of(IS_STR, any), list_of(dict_of(IS_STR, any)))
  kDictOfAny,             // dict_of(IS_STR, any): a map, with the generic message
  kListOfStr,
  kStrEnumDeleteRetain,  // IS_STR_ENUM(["Delete", "Retain"])
};

// One row of a translator resource's property_types.
struct PropSpec {
  std::string_view name;
  bool required = false;
  Check check = Check::kAny;
  // PropertyType skips any one-key map as an intrinsic; Property and pass-through props don't.
  bool intrinsics = true;
};

bool passes(Check c, const tmpl::Node& v);

// The translator's Resource.from_dict + validate_properties over `props` (a map): the first
// unknown property ("property X not defined for resource of type T"), then, in table order,
// the first missing required property or value of the wrong type. Reports it as a resource
// error of `logical_id` and returns false; true when the properties pass.
// `absent_at` is where a missing required property is reported.
bool check_property_table(const Reporter& rep, std::string_view logical_id, const tmpl::Node& props,
                          std::string_view type_name, std::span<const PropSpec> table,
                          tmpl::Pos absent_at);

}  // namespace sls::validate::sam

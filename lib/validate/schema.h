// A small JSON Schema engine over the located template tree (tmpl::Node), for the resource
// property checks (rules E3002 and the ids it reports for). Schemas are the JSON files under
// schemas/ that the build embeds; each resource type's file describes its Properties object.
//
// Supported subset (anything else in a schema file is ignored):
//   type                  "string" | "integer" | "number" | "boolean" | "object" | "array" |
//                         "null", or a list of them
//   properties, required (a key whose value is null counts as missing),
//   additionalProperties (true, false or a schema), dependentRequired, and cfn-lint's own
//   dependentExcluded ({"A": ["B"]}: B may not be given with A) and requiredXor (exactly one of)
//   enum                  strings and numbers
//   minimum, maximum, minLength, maxLength, pattern (ECMAScript, compiled once per schema)
//   items, minItems, maxItems
//   anyOf, oneOf          branches whose type cannot hold the value are skipped; a value that
//                         no branch passes is reported once
//   $ref                  "#/definitions/X" within the same file, or "FILE#/definitions/X" for
//                         another file under schemas/ (e.g. "definitions.json#/definitions/Tags")
//   x-sls-discriminator   {"property": "Type", "target": "Properties",
//                          "mapping": {"S3": "#/definitions/S3Properties", ...}}: when the
//                         object's `property` is one of the keys, its `target` member (or the
//                         object itself, without "target") is also checked against that schema
//                         (SAM event sources are unions on Type)
//   x-sls-strict          true: this value's type is read strictly, as SAM's own checks do
//                         (a plain 42 is not a string, "true" is not a boolean)
//   x-sls-enum            "runtimes": enum of the Lambda runtime ids in core/runtimes.h
//   x-sls-intrinsics      ["Ref", ...]: the only intrinsic functions SAM takes for this value
//                         ([] = none: SAM reads the value itself, before CloudFormation could
//                         resolve it); without the keyword every intrinsic is accepted
//
// Leniency, as CloudFormation and cfn-lint's default (non-strict) mode read values:
//   - any intrinsic function ({"Ref": ..}, {"Fn::Sub": ..}, ...) stands for any value and is
//     never checked, except Fn::If, whose two branches are checked one by one;
//     {"Ref": "AWS::NoValue"} is fine anywhere; a map holding "Fn::Transform" or an
//     "Fn::ForEach::..." loop is not checked;
//   - a null value (`Key:` with nothing after it) is not checked;
//   - boolean accepts true/false in any of cfn-lint's spellings, quoted or not;
//   - integer and number accept numeric strings; string accepts any scalar (plain numbers and
//     booleans included).
// Messages follow cfn-lint v1's wording, with values printed the way Python's repr() does.
//
// Thread safety: a compiled Document is immutable. resource_schema() compiles on first use
// under a lock and never frees, so the returned pointer is valid for the process lifetime.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "template/node.h"

namespace sls::validate::schema {

// Which keyword a violation comes from; the rules map each to a cfn-lint id.
enum class Keyword : uint8_t {
  kAdditionalProperties,  // E3002
  kRequired,              // E3003
  kType,                  // E3012
  kAnyOf,                 // E3017
  kOneOf,                 // E3018
  kEnum,                  // E3030
  kPattern,               // E3031
  kItemCount,             // E3032 minItems / maxItems
  kLength,                // E3033 minLength / maxLength
  kRange,                 // E3034 minimum / maximum
  kDependentRequired,     // E3021
  kDependentExcluded,     // E3020
  kRequiredXor,           // E3014
};

// Bit per JSON type; 0 = any type.
enum TypeBit : uint8_t {
  kString = 1,
  kInteger = 2,
  kNumber = 4,
  kBoolean = 8,
  kObject = 16,
  kArray = 32,
  kNull = 64,
};

struct SchemaNode;

// A `pattern`, compiled on first use: compiling every pattern of a schema up front was half the
// instructions of a small `sls validate` run, and most patterns never meet a value.
// Thread safety: get() may be called from several threads; std::call_once orders the compile.
class LazyPattern {
 public:
  explicit LazyPattern(std::string text) : text_(std::move(text)) {}
  const std::string& text() const { return text_; }
  // The compiled pattern. Throws std::regex_error when the text is not an ECMAScript regex
  // (Document::check_patterns() finds those in the unit tests).
  const std::regex& get() const;

 private:
  std::string text_;
  mutable std::once_flag once_;
  mutable std::optional<std::regex> re_;
};

struct NamedSchema {
  std::string name;
  const SchemaNode* schema = nullptr;
};

// One compiled schema object. Pointers point into the owning Document (or another embedded
// Document, for cross-file $ref); they are never null where the field says "set".
struct SchemaNode {
  uint8_t types = 0;                    // TypeBit mask; 0 accepts every type
  std::vector<std::string> type_names;  // as written, for messages ("'object', 'string'")
  std::vector<NamedSchema> properties;  // in file order
  std::vector<std::string> required;
  bool additional_allowed = true;          // additionalProperties: false -> false
  const SchemaNode* additional = nullptr;  // additionalProperties as a schema, when set
  std::vector<std::string> enum_text;      // enum values as text, for comparison
  std::string enum_repr;                   // the whole enum list, Python-style, for messages
  std::optional<double> minimum, maximum;
  std::string minimum_text, maximum_text;  // as written in the schema, for messages
  std::optional<size_t> min_length, max_length, min_items, max_items;
  std::string pattern_text;
  std::unique_ptr<LazyPattern> pattern;
  const SchemaNode* items = nullptr;
  std::vector<const SchemaNode*> any_of;               // anyOf or oneOf branches
  bool one_of = false;                                 // any_of holds oneOf's branches
  bool strict = false;                                 // x-sls-strict
  std::optional<std::vector<std::string>> intrinsics;  // x-sls-intrinsics
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_required;
  std::vector<std::pair<std::string, std::vector<std::string>>> dependent_excluded;
  std::vector<std::string> required_xor;
  std::string discriminator;         // x-sls-discriminator.property; "" when none
  std::string discriminated;         // x-sls-discriminator.target; "" = the object
  std::vector<NamedSchema> mapping;  // x-sls-discriminator.mapping

  const SchemaNode* property(std::string_view name) const;
};

// A compiled schema file: its root and its definitions.
class Document {
 public:
  // Compiles JSON Schema text. `name` is the file's path under schemas/ (for cross-file $ref
  // and messages). Throws Error{kInternal} when the text is not JSON or a $ref dangles: the
  // schemas ship inside the binary, so a bad one is our bug, caught by the unit tests.
  static std::unique_ptr<Document> compile(std::string_view json_text, std::string name);

  const SchemaNode& root() const { return *root_; }
  const std::string& name() const { return name_; }
  // A definition by name, or nullptr.
  const SchemaNode* definition(std::string_view name) const;
  // Compiles every pattern now; throws Error{kInternal} naming the first bad one (tests).
  void check_patterns() const;

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  ~Document();

 private:
  Document() = default;
  friend class Compiler;

  std::string name_;
  std::deque<SchemaNode> nodes_;  // deque: addresses stay put while nodes are added
  std::vector<NamedSchema> definitions_;
  const SchemaNode* root_ = nullptr;
};

// The embedded schema file "resources/<Type with :: as _>.json" for a resource type, compiled
// on first use and cached; nullptr when sls has no schema for the type.
const Document* resource_schema(std::string_view resource_type);

// An embedded schema file by its path under schemas/ ("definitions.json"), cached; nullptr
// when there is no such file.
const Document* embedded_document(std::string_view path);

// "AWS::Serverless::Function" -> "resources/AWS_Serverless_Function.json".
std::string resource_schema_path(std::string_view resource_type);

struct Violation {
  Keyword keyword;
  std::string message;  // cfn-lint's wording
  tmpl::Pos pos;        // the key holding the offending value, or the list item itself
  std::string path;     // "Resources/Fn/Properties/Events/Api/Type"
  bool operator==(const Violation&) const = default;
};

// Checks `value` against `schema`. `where` is the position findings on the value itself are
// reported at (the key that holds it); `path` is the value's path. Appends to `out`.
void check(const SchemaNode& schema, const tmpl::Node& value, tmpl::Pos where,
           const std::string& path, std::vector<Violation>& out);

// Python's repr() of the value as cfn-lint would hold it: 'text', 5, True, None, ['a'],
// {'Ref': 'X'}.
std::string py_repr(const tmpl::Node& value);
// Python's repr() of a string.
std::string py_repr(std::string_view text);

// difflib.SequenceMatcher(a=a, b=b).ratio(): cfn-lint suggests a known property name for an
// unknown one when this is above 0.8.
double similarity(std::string_view a, std::string_view b);

}  // namespace sls::validate::schema

// What the limit family's rule files share (spec/limits.md): the generic rule ids cfn-lint uses
// for schema bounds, reading values that may still be intrinsics, AWS's validation message,
// and where a value was written (the resource, or a Globals section merged into it).
// Included only from lib/validate/rules/ files of the limit family.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/limits.h"
#include "validate/rule.h"

namespace sls::validate::defs {

// --- the generic ids --------------------------------------------------------------------------
// cfn-lint reports schema bounds under four ids whatever the resource; a user's ignore list
// written for cfn-lint keeps working because the same bounds here use the same ids. Each is
// one rule (limit_family.cpp) that runs every topic's part of it.
extern const RuleInfo kPatternInfo;      // E3031 value matches AWS's pattern
extern const RuleInfo kArrayLengthInfo;  // E3032 list or map has an allowed number of items
extern const RuleInfo kLengthInfo;       // E3033 string length within bounds
extern const RuleInfo kRangeInfo;        // E3034 number within bounds

// --- values -----------------------------------------------------------------------------------

// The value of `n` with every intrinsic resolved that can be; nullopt when something in it is
// still an intrinsic (unknown until deploy), so value checks skip it instead of guessing.
// Strings holding a dynamic reference ({{resolve:...}}) are unknown too.
std::optional<tmpl::Node> known(const Context& ctx, const tmpl::Node& n);
std::optional<std::string> known_string(const Context& ctx, const tmpl::Node& n);
std::optional<int64_t> known_int(const Context& ctx, const tmpl::Node& n);

// Number of Unicode characters in UTF-8 text ("chars" in spec/limits.md).
size_t char_count(std::string_view utf8);

// --- messages ---------------------------------------------------------------------------------

// AWS's validation text (spec/limits.md "Conventions"):
// "1 validation error detected: Value '<value>' at '<field>' failed to satisfy constraint:
//  Member must <rule>".
std::string aws_constraint(std::string_view value, std::string_view field, std::string_view rule);
std::string max_value_rule(int64_t n);          // "have value less than or equal to N"
std::string min_value_rule(int64_t n);          // "have value greater than or equal to N"
std::string max_length_rule(int64_t n);         // "have length less than or equal to N"
std::string min_length_rule(int64_t n);         // "have length greater than or equal to N"
std::string pattern_rule(std::string_view re);  // "satisfy regular expression pattern: RE"

// --- places -----------------------------------------------------------------------------------

// Where a finding points: its path and the resource it belongs to. A value that came from a
// Globals section belongs to no resource (and is reported once, not once per function).
struct Where {
  std::string path;
  std::string resource;
};

// `sub` is the path below the resource's Properties ("MemorySize", "Events/Q/Properties/X").
// `value` is the node reported; when it was written in Globals the path names the Globals
// section instead.
Where where(const Context& ctx, const tmpl::Resource& r, std::string_view sub,
            const tmpl::Node& value);

// Reports `message` at `value` under `info`, placed by where().
void report_at(const Context& ctx, const RuleInfo& info, const tmpl::Resource& r,
               std::string_view sub, const tmpl::Node& value, std::string message);

// --- resources --------------------------------------------------------------------------------

inline constexpr std::string_view kFunctionTypes[] = {"AWS::Serverless::Function",
                                                      "AWS::Lambda::Function"};
inline constexpr std::string_view kSamEventSourceTypes[] = {"AWS::Serverless::Function",
                                                            "AWS::Serverless::StateMachine"};

// Calls fn for every resource whose type is one of `types`.
void for_each_of(const Context& ctx, std::span<const std::string_view> types,
                 const std::function<void(const tmpl::Resource&)>& fn);

// A SAM event source of a function or state machine: Events/<name> with its Type.
struct SamEvent {
  std::string_view name;
  std::string_view type;         // "SQS", "Schedule", ...; "" when not a literal string
  const tmpl::Node* properties;  // the event's Properties map; never null (empty map if absent)
  std::string sub;               // "Events/<name>/Properties"
};

// Calls fn for every event of `r` whose Type is in `types` (all events when `types` is empty).
void for_each_event(const tmpl::Resource& r, std::span<const std::string_view> types,
                    const std::function<void(const SamEvent&)>& fn);

// The logical id a value names when it is {"Ref": id} or {"Fn::GetAtt": [id, attr]} (or the
// "id.attr" string form); nullopt otherwise.
std::optional<std::string> referenced_id(const tmpl::Node& n);

// --- the parts of the generic rules each topic file contributes -------------------------------

// One bound on one property, checked by the generic E3031/E3033/E3034 rules. Tables of these
// rows live in the topic files (lambda_values.cpp, sqs_values.cpp, ...).
// Lengths count characters, kMaxBytes counts UTF-8 bytes (spec/limits.md "Conventions").
enum class Bound : unsigned char {
  kMinValue,
  kMaxValue,
  kMinLength,
  kMaxLength,
  kMaxBytes,
  kPattern,
};

struct ValueRule {
  std::span<const std::string_view> types = {};  // resource types the row applies to
  // SAM event types whose Properties hold `path`; empty = `path` is under the resource's
  // Properties.
  std::span<const std::string_view> events = {};
  // Path below Properties; "*" matches every item of a list or every value of a map, and a
  // final "*" with `keys` set matches every key of a map instead.
  std::string_view path = {};
  Bound bound = Bound::kMaxValue;
  const limits::Limit* limit = nullptr;  // the row of limits.h; nullptr for kPattern
  std::string_view field = {};           // AWS's name for the field in its message ("memorySize")
  bool keys = false;                     // check the keys of the map at `path`, not the values
  bool (*matches)(std::string_view) = nullptr;  // kPattern: the check ...
  std::string_view pattern = {};                // ... and the pattern AWS prints
  // Lambda Managed Instances raise some maximums: the limit to use for this resource instead
  // of `limit`, or nullptr to keep it.
  const limits::Limit* (*limit_for)(const tmpl::Node& properties) = nullptr;
};

std::span<const ValueRule> lambda_value_rules();
std::span<const ValueRule> dynamodb_value_rules();
std::span<const ValueRule> apigw_value_rules();
std::span<const ValueRule> schedule_value_rules();
std::span<const ValueRule> sqs_value_rules();

// Runs every row of every table whose bound is one of `bounds`, reporting under `info`.
void check_value_rules(const Context& ctx, const RuleInfo& info, std::span<const Bound> bounds);

// The E3032 parts: counts of list items or map entries.
void lambda_counts(const Context& ctx, const RuleInfo& info);
void dynamodb_counts(const Context& ctx, const RuleInfo& info);
void apigw_counts(const Context& ctx, const RuleInfo& info);

}  // namespace sls::validate::defs

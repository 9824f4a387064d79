// Helpers shared by the template room's .cpp files; included only from lib/template/.
#pragma once

#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>

#include "template/template.h"

namespace sls::tmpl::detail {

// --- pattern.cpp ---------------------------------------------------------------------------

enum class MatchMode : uint8_t {
  kPrefix,  // Python's re.match, as cfn-lint checks a Default
  kFull,    // the whole value, as CloudFormation checks AllowedPattern
};

// A compiled AllowedPattern, read as an ECMAScript regex (which agrees with Java's for the
// patterns templates use) and run on libstdc++'s polynomial executor.
class Pattern {
 public:
  // nullopt when the pattern does not compile, uses Java-only syntax, or is too large to run in
  // bounded time and stack (a hostile template must not hang or crash us); callers then skip
  // the check rather than guess.
  static std::optional<Pattern> compile(std::string_view pattern);

  // Whether `value` matches; nullopt for a value longer than CloudFormation accepts.
  std::optional<bool> matches(std::string_view value, MatchMode mode) const;

 private:
  explicit Pattern(std::regex re) : re_(std::move(re)) {}
  std::regex re_;
};

// --- bind.cpp ------------------------------------------------------------------------------

// Binds every declared parameter (override > Default > unknown) and appends a diagnostic for
// each value that breaks its own constraints: E2015 (cfn-lint's rule and words) for a Default,
// E2900 (with CloudFormation's deploy-time words) for an override. Overrides for undeclared
// parameters are ignored, as SAM CLI ignores them.
std::map<std::string, ParameterValue> bind_parameters(const Template& tpl, const Bindings& b,
                                                      std::vector<Diagnostic>& diags);

// Splits a list parameter's text on commas, trimming spaces around each item (CloudFormation
// trims each member of a CommaDelimitedList).
std::vector<std::string> split_list_value(std::string_view text);

// --- globals.cpp ---------------------------------------------------------------------------

// Checks the Globals section as SAM's Globals plugin does (E0001 diagnostics with SAM's words)
// and returns, per Globals section name, the properties to merge (unsupported ones left out).
std::map<std::string, Node, std::less<>> read_globals(const Template& tpl,
                                                      std::vector<Diagnostic>& diags);

// The Globals to merge into one resource after its IgnoreGlobals attribute ("*" or a list of
// property names) is applied; bad IgnoreGlobals values add E0001 diagnostics.
Node globals_for_resource(const std::string& logical_id, const Node& resource,
                          const Node& section_globals, std::vector<Diagnostic>& diags);

// --- parameters.cpp ------------------------------------------------------------------------

// Parameter overrides from a value of a config file (SAM's CfnParameterOverridesType.convert):
// strings are read as on the command line, lists item by item, maps as Key: Value pairs.
std::map<std::string, std::string> overrides_from_node(const Node& n);

// --- samconfig.cpp -------------------------------------------------------------------------

// A TOML (.toml) or YAML (.yaml/.yml) file as a located Node tree. TOML tables become maps,
// arrays lists, and other values scalars (strings quoted; booleans/numbers plain as TOML wrote
// them). Throws Error{kIo} when unreadable, Error{kTemplateSyntax} (located) when malformed.
Node load_config_file(const std::string& path);

// --- property_reader.cpp -------------------------------------------------------------------

// Reads a resource's resolved properties for the local services (tables, functions), throwing
// Error{kTemplateInvalid} located at the value (or the resource) for shapes it cannot use: a
// wrong kind, or an intrinsic that cannot be resolved without a deployment. Messages start with
// "<noun> <logical id>: ".
class PropertyReader {
 public:
  PropertyReader(const App& app, const Resource& r, std::string_view noun)
      : app_(app), res_(r), noun_(noun) {}

  [[noreturn]] void fail(const Node& at, const std::string& message) const;
  void expect(const Node& n, Kind kind, std::string_view what) const;
  std::string text(const Node& n, std::string_view what) const;
  int64_t integer(const Node& n, std::string_view what) const;
  bool boolean(const Node& n, std::string_view what) const;

  const App& app() const { return app_; }
  const Resource& resource() const { return res_; }

 private:
  const App& app_;
  const Resource& res_;
  std::string_view noun_;
};

// --- tables.cpp ------------------------------------------------------------------------------

// The name of the DynamoDB table a resource declares (TableName when it resolves to text, else
// the logical id, as local-table creates it), or nullopt when the resource is not a table.
std::optional<std::string> table_name_of(const App& app, const Resource& r);

// --- shared text helpers -------------------------------------------------------------------

// Python's repr of a list of strings: ['a', 'b'] (as SAM and cfn-lint print lists).
std::string py_list(std::span<const std::string_view> items);

// Python's str() of a scalar as a YAML/TOML loader would have typed it: plain booleans print as
// True/False; everything else as written.
std::string py_str(const Node& scalar);

}  // namespace sls::tmpl::detail

namespace sls::tmpl {

// resolve.cpp: intrinsic functions and conditions over an App's bound inputs. It is App's friend
// (the one reader of App's private state besides App itself).
class Resolver {
 public:
  // Evaluates every declared condition once and stores the results in the App (build() calls
  // it after parameters are bound).
  static void evaluate_conditions(App& app);
  static Node resolve(const App& app, const Node& v);
};

}  // namespace sls::tmpl

// The template room's one door: load a SAM/CloudFormation template (YAML or JSON) into a
// located value tree, then build the application model from it: Globals merged into each
// resource, Parameters bound, pseudo parameters known, Conditions evaluated, intrinsic
// functions resolved where their inputs are known and kept symbolic where they are not.
// Thread safety: loading is reentrant; a built App is immutable and may be read from any thread.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "template/node.h"

namespace sls::tmpl {

// --- Loading -------------------------------------------------------------------------------

struct LoadOptions {
  // Values the tree may hold after YAML aliases are expanded; past it the load fails
  // (billion-laughs). A 5 MB template of real content holds well under a million.
  size_t max_nodes = 4'000'000;
  // Nesting of maps and lists; deeper input fails with a located error.
  int max_depth = 256;
  // Values that YAML aliases may add by copying their anchors. Real templates reuse a few
  // small anchors; a billion-laughs file needs millions, so it fails fast and small.
  size_t max_alias_values = 100'000;
};

// A problem found while loading that does not stop the load (the loader keeps going so
// validate can report everything at once). Ids follow cfn-lint: E0000 for duplicate keys.
struct Diagnostic {
  std::string id;
  std::string message;
  Pos pos;
};

struct Template {
  std::string path;  // as given; messages print it
  size_t size_bytes = 0;
  bool is_json = false;  // the text started with '{'
  Node root;
  std::vector<Diagnostic> diagnostics;

  // A top-level section ("Resources", "Globals", ...) or nullptr.
  const Node* section(std::string_view name) const { return root.get(name); }
  SourceLoc loc(Pos p) const { return SourceLoc{path, p.line, p.col}; }
};

// Throws Error{kTemplateSyntax} (located) when the text is not YAML/JSON, Error{kIo} when the
// file cannot be read, Error{kTemplateInvalid} when limits of LoadOptions are crossed.
Template load_file(const std::string& path, const LoadOptions& opts = {});
Template load_string(std::string_view text, std::string path, const LoadOptions& opts = {});

// --- Parameters --------------------------------------------------------------------------

// `--parameter-overrides` in SAM CLI's syntaxes (samcli/cli/types.py CfnParameterOverridesType):
//   Key=Value Key2="Value with spaces"   or   ParameterKey=K,ParameterValue=V ...
// Each element of `args` may hold several space-separated pairs; an element that holds a
// ParameterKey= pair is read in that syntax only. Values may be quoted with " or ' (quotes are
// removed, \" \' and "\ " unescaped). `file://params.yaml|.toml` reads a map or list of pairs
// from a file (relative paths from the including file). Later pairs win.
// Throws Error{kUsage} for an element with no pair; Error{kNotFound} for a missing file.
std::map<std::string, std::string> parse_parameter_overrides(std::span<const std::string> args);

// The values a deployment would see for the pseudo parameters.
struct Pseudo {
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  std::string partition = "aws";
  std::string stack_name = "sls-local";
  std::string stack_id =
      "arn:aws:cloudformation:us-east-1:123456789012:stack/sls-local/"
      "51af3dc0-da77-11e4-872e-1234567890ab";
  std::string url_suffix = "amazonaws.com";
};

struct Bindings {
  std::map<std::string, std::string> overrides;  // parameter name -> value as given
  Pseudo pseudo;
};

// --- The application model ------------------------------------------------------------------

struct Resource {
  std::string id;             // logical id
  std::string type;           // "AWS::Serverless::Function"; "" when missing or not a string
  Pos pos;                    // of the logical id
  const Node* raw = nullptr;  // the resource's map as written (points into App::tpl)
  Node properties;            // Globals merged (Serverless types); as written otherwise
  std::optional<std::string> condition;  // the Condition attribute's name
};

// A parameter's bound value: the override, else the Default, else unknown.
struct ParameterValue {
  std::string name;
  std::string type;                  // "String", "Number", "CommaDelimitedList", "List<...>", ...
  std::optional<std::string> value;  // as text; list types hold the comma-joined text
  bool no_echo = false;
  Pos pos;
  bool overridden = false;  // value came from the overrides, not from Default
};

// True for CommaDelimitedList and List<...> (also AWS::SSM::Parameter::Value<List<...>>).
bool is_list_parameter_type(std::string_view type);

class App {
 public:
  App() = default;
  // Copies re-point Resource::raw into the copy's own template.
  App(const App& other);
  App& operator=(const App& other);
  App(App&&) noexcept = default;
  App& operator=(App&&) noexcept = default;

  // Builds the model. Problems that a deploy would reject are collected in diagnostics(), never
  // thrown: E0001 with SAM's words for Globals and IgnoreGlobals SAM refuses; E2015 (cfn-lint's
  // words) for a Default outside its parameter's constraints; E2900 (CloudFormation's words)
  // for an override outside them. An override for an undeclared parameter is ignored, as SAM
  // CLI ignores it. Hostile input is bounded: Globals copied into resources stop at a limit
  // (E0000).
  static App build(Template tpl, const Bindings& bindings = {});

  const Template& tpl() const { return tpl_; }
  const std::vector<Resource>& resources() const { return resources_; }
  const Resource* resource(std::string_view id) const;
  const std::map<std::string, ParameterValue>& parameters() const { return parameters_; }
  const Pseudo& pseudo() const { return pseudo_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  // A copy of `v` with every intrinsic whose inputs are known replaced by its value:
  // Ref to parameters and pseudo parameters, Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
  // Fn::FindInMap, Fn::If (when its condition is known), Fn::Base64, Fn::Length,
  // Fn::Equals/And/Or/Not ("true"/"false"). A resolved value takes the position of the
  // intrinsic it replaced. Map entries and list items that resolve to AWS::NoValue are dropped
  // (`v` itself resolving to it is returned as {"Ref": "AWS::NoValue"}). Anything unknown (Ref
  // to a resource, Fn::GetAtt, Fn::ImportValue, Fn::GetAZs, AWS::NotificationARNs, a parameter
  // without a value, a Fn::Sub with one unknown variable...) stays as written; an Fn::If with an
  // unknown condition keeps its shape with both branches resolved. Malformed intrinsics are
  // left as they are, never thrown on.
  Node resolve(const Node& v) const;

  // The value of a named condition, when all its inputs are known; nullopt when unknown, not
  // declared, or part of a cycle. Conditions are evaluated once, in build().
  std::optional<bool> condition(std::string_view name) const;

 private:
  friend class Resolver;  // resolve.cpp

  void index_resources();

  Template tpl_;
  Pseudo pseudo_;
  std::map<std::string, ParameterValue> parameters_;
  std::vector<Resource> resources_;
  std::map<std::string, size_t, std::less<>> resource_index_;  // logical id -> resources_ index
  std::vector<Diagnostic> diagnostics_;
  // Filled by build() and read-only afterwards, so a built App stays safe to share.
  std::map<std::string, std::optional<bool>, std::less<>> condition_cache_;
};

// The Globals section name for a SAM resource type ("AWS::Serverless::Function" -> "Function"),
// or nullopt for types Globals does not apply to.
std::optional<std::string_view> globals_section_for(std::string_view resource_type);

// The properties SAM accepts in a Globals section (samtranslator/plugins/globals/globals.py),
// in SAM's order; empty for an unknown section.
std::span<const std::string_view> globals_supported_properties(std::string_view section);

// Merges a Globals section's map into a resource's properties exactly as SAM does: where both
// sides are maps (not intrinsics) they merge key by key (globals' keys first); where both are
// lists they are concatenated, globals first; anything else (scalars, intrinsics on either side,
// kinds that differ) takes the resource's value.
Node merge_globals(const Node& globals, const Node& properties);

// --- DynamoDB tables ------------------------------------------------------------------------

// The DynamoDB API requests that create the tables the template declares
// (AWS::Serverless::SimpleTable, AWS::DynamoDB::Table), in template order, skipping resources
// whose Condition is false. One JSON object per table:
//   {"LogicalId": "Orders", "Line": 12, "Column": 3,       (the resource's logical id and place)
//    "CreateTable": {...},                                  (the request body, TableName set)
//    "UpdateTimeToLive": {...}}                             (only with TimeToLiveSpecification)
// A table without TableName is named by its logical id. SimpleTable follows SAM's transform:
// PrimaryKey (default {Name: id, Type: String}) is the HASH key; ProvisionedThroughput makes it
// PROVISIONED, else PAY_PER_REQUEST. Properties are resolved through resolve(); request
// validity is left to DynamoDB's own checks. Throws Error{kTemplateInvalid}, located, for a
// property of the wrong shape or one that cannot be resolved without a deployment (Fn::GetAtt,
// Ref to a resource).
nlohmann::json table_requests(const App& app);

// --- Lambda functions ----------------------------------------------------------------------

// A function the template declares (AWS::Serverless::Function with Globals merged, or
// AWS::Lambda::Function), with its properties resolved, as the local runtime needs it.
struct Function {
  std::string logical_id;
  SourceLoc loc;             // of the logical id
  std::string type;          // the resource type
  std::string name;          // FunctionName when it resolves to text, else the logical id
  std::string package_type;  // "Zip" or "Image"
  std::string runtime;       // "" for images
  std::string handler;
  // The code's directory, absolute: CodeUri (Code for AWS::Lambda::Function) read relative to
  // the template's directory, "." when absent. "" when the code is not local (an S3 location,
  // InlineCode/ZipFile, an image); `code_location` then says what it is.
  std::string code_dir;
  std::string code_location;  // "s3://bucket/key", "inline", "image:<uri>" or ""
  std::string inline_code;    // InlineCode / Code.ZipFile text
  // Layers whose content is in this template (AWS::Serverless::LayerVersion ContentUri,
  // AWS::Lambda::LayerVersion Content as a path), absolute, in the function's order.
  std::vector<std::string> layer_dirs;
  // Layers that are not local (ARNs, S3 contents): named here so callers can warn.
  std::vector<std::string> remote_layers;
  int memory_mb = 128;
  int timeout_s = 3;
  int ephemeral_storage_mb = 512;
  std::string architecture = "x86_64";
  // Environment.Variables as SAM CLI gives them to a local function: resolved where the
  // inputs are known, "" where they are not (a Ref to a resource, Fn::GetAtt...); plain
  // booleans as true/false. Unlike SAM CLI, a Ref to a table of the template gives its name and
  // Fn::GetAtt Table.Arn its ARN, since sls serves those tables locally.
  std::map<std::string, std::string> environment;
  std::optional<int> reserved_concurrency;
  std::string log_format;  // LoggingConfig.LogFormat, "" when not set
  std::string application_log_level;
  std::string system_log_level;
  std::string log_group;
  // EventInvokeConfig: how often an asynchronous (Event) invocation is retried after a function
  // error, and how old a queued event may get; unset = Lambda's defaults (2 and 21600 s).
  std::optional<int> event_max_retries;
  std::optional<int> event_max_age_s;
};

// The functions of the template, in template order, skipping resources whose Condition is
// false. Throws Error{kTemplateInvalid}, located, for a property of the wrong shape, or one a
// local run needs (Runtime, Handler, MemorySize, Timeout...) that cannot be resolved without a
// deployment.
std::vector<Function> functions(const App& app);

// `--env-vars` (SAM CLI's -n): {"Parameters": {"VAR": "v"}, "<function>": {"VAR": "v"}} from a
// JSON file, or a .env file (KEY=VALUE lines, read as Parameters). Values are text (numbers and
// booleans turned into their JSON text).
struct EnvOverrides {
  std::map<std::string, std::string> parameters;
  std::map<std::string, std::map<std::string, std::string>> functions;  // by key as written
};

// Throws Error{kUsage} naming the file for an unreadable or malformed file.
EnvOverrides read_env_overrides(const std::string& path);

// Applies overrides to a function's environment as SAM CLI does: only variables the template
// declares are set, each from (first found) the function's entry (keyed by logical id or
// FunctionName), Parameters, the same-named variable of `shell` (the user's environment), or
// the template's value.
void apply_env_overrides(Function& fn, const EnvOverrides& overrides,
                         const std::map<std::string, std::string>& shell);

// --- samconfig ------------------------------------------------------------------------------

// Defaults read from samconfig.toml (or samconfig.yaml/.yml) the way SAM CLI reads them
// (samcli/lib/config/samconfig.py): [ENV.COMMAND.parameters] over [ENV.global.parameters];
// COMMAND uses '_' for spaces and dashes ("local start-api" -> local_start_api); env "" means
// "default". `explicit_file` (relative to `dir`) wins over dir/samconfig.toml, .yaml, .yml.
// Keys are SAM's option names (template_file, parameter_overrides, ...), values as text:
// booleans true/false, lists joined by a space (parameter_overrides = ["A=1", "B=x y"] gives
// `A=1 B=x y`), and a parameter_overrides map becomes quoted pairs (`A="1" B="x,y"`).
// Returns an empty map when no file is found. Throws Error{kTemplateSyntax} (located) for a file
// that is not TOML/YAML, has no float `version`, or has a non-table section;
// Error{kNotFound} when `explicit_file` does not exist.
std::map<std::string, std::string> read_samconfig(const std::string& dir, std::string_view env,
                                                  std::string_view command,
                                                  const std::string& explicit_file = "");

}  // namespace sls::tmpl

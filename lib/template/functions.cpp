// The Lambda functions a template declares, read the way SAM CLI reads them for a local run
// (samcli/lib/providers/sam_function_provider.py): Globals already merged into each
// AWS::Serverless::Function, properties resolved, code and layer paths relative to the
// template's directory.
#include <filesystem>

#include "template/internal.h"
#include "template/template.h"

namespace sls::tmpl {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kServerlessFunction = "AWS::Serverless::Function";
constexpr std::string_view kLambdaFunction = "AWS::Lambda::Function";
constexpr std::string_view kServerlessLayer = "AWS::Serverless::LayerVersion";
constexpr std::string_view kLambdaLayer = "AWS::Lambda::LayerVersion";

using detail::PropertyReader;

std::string template_dir(const App& app) {
  const fs::path p = fs::absolute(fs::path(app.tpl().path)).parent_path();
  return p.lexically_normal().string();
}

// `path` read relative to `base` unless absolute, normalised, without a trailing separator.
std::string local_path(const std::string& base, const std::string& path) {
  fs::path p = fs::path(path).is_absolute() ? fs::path(path) : fs::path(base) / path;
  p = p.lexically_normal();
  std::string s = p.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool is_s3_uri(std::string_view s) { return s.starts_with("s3://"); }

// An environment value as SAM CLI stringifies it (EnvironmentVariables._stringify_value):
// booleans lower-case, maps/lists (unresolved intrinsics) and null blank, the rest as written.
std::string env_value(const Node& v) {
  if (!v.is_scalar()) return "";
  if (!v.quoted && v.plain_is_bool()) return *v.as_bool() ? "true" : "false";
  return v.scalar;
}

// Where an S3 location in CodeUri/Code/ContentUri points, as "s3://bucket/key".
std::string s3_location(const PropertyReader& rd, const Node& n, std::string_view bucket_key,
                        std::string_view key_key, std::string_view what) {
  rd.expect(n, Kind::kMap, what);
  std::string out = "s3://";
  if (const Node* b = n.get(bucket_key)) out += rd.text(*b, bucket_key);
  out += "/";
  if (const Node* k = n.get(key_key)) out += rd.text(*k, key_key);
  return out;
}

void read_code(const PropertyReader& rd, const Node& props, const std::string& base, Function& fn) {
  const bool sam = fn.type == kServerlessFunction;
  if (fn.package_type == "Image") {
    const Node* uri = sam ? props.get("ImageUri") : nullptr;
    if (!sam) {
      if (const Node* code = props.get("Code"); code && code->is_map()) uri = code->get("ImageUri");
    }
    fn.code_location = "image:" + (uri ? rd.text(*uri, "ImageUri") : std::string());
    return;
  }
  if (sam) {
    if (const Node* inl = props.get("InlineCode")) {
      fn.inline_code = rd.text(*inl, "InlineCode");
      fn.code_location = "inline";
      return;
    }
    const Node* uri = props.get("CodeUri");
    if (!uri) {
      fn.code_dir = base;
    } else if (uri->is_map() && !is_intrinsic(*uri)) {
      fn.code_location = s3_location(rd, *uri, "Bucket", "Key", "CodeUri");
    } else if (const std::string s = rd.text(*uri, "CodeUri"); is_s3_uri(s)) {
      fn.code_location = s;
    } else {
      fn.code_dir = local_path(base, s);
    }
    return;
  }
  const Node* code = props.get("Code");
  if (!code) {
    fn.code_dir = base;
  } else if (code->is_scalar()) {
    const std::string s = code->scalar;
    if (is_s3_uri(s)) {
      fn.code_location = s;
    } else {
      fn.code_dir = local_path(base, s);
    }
  } else if (const Node* zip = code->is_map() ? code->get("ZipFile") : nullptr) {
    fn.inline_code = rd.text(*zip, "Code.ZipFile");
    fn.code_location = "inline";
  } else {
    fn.code_location = s3_location(rd, *code, "S3Bucket", "S3Key", "Code");
  }
}

// A layer's local content directory, or nullopt when the layer is not in this template or its
// content is not a local path.
std::optional<std::string> local_layer(const App& app, const Node& layer, const std::string& base) {
  const std::optional<Intrinsic> in = as_intrinsic(layer);
  if (!in || in->name != "Ref" || !in->arg.is_scalar()) return std::nullopt;
  const Resource* res = app.resource(in->arg.scalar);
  if (!res || (res->type != kServerlessLayer && res->type != kLambdaLayer)) return std::nullopt;
  const Node props = app.resolve(res->properties);
  const Node* content = props.get(res->type == kServerlessLayer ? "ContentUri" : "Content");
  if (!content) return std::nullopt;
  if (!content->is_scalar() || is_s3_uri(content->scalar)) return std::nullopt;
  return local_path(base, content->scalar);
}

void read_layers(const PropertyReader& rd, const Node& layers, const std::string& base,
                 Function& fn) {
  rd.expect(layers, Kind::kSequence, "Layers");
  for (const Node& layer : layers.items) {
    if (std::optional<std::string> dir = local_layer(rd.app(), layer, base)) {
      fn.layer_dirs.push_back(std::move(*dir));
    } else {
      fn.remote_layers.push_back(layer.is_scalar() ? layer.scalar : to_json(layer));
    }
  }
}

// A Ref or Fn::GetAtt ... Arn to a table of this template: what local-table serves under that
// name, so a function reaches the local table without configuration. nullopt for anything else.
std::optional<std::string> local_table_value(const App& app, const Node& v) {
  const std::optional<Intrinsic> in = as_intrinsic(v);
  if (!in) return std::nullopt;
  std::string id;
  bool arn = false;
  if (in->name == "Ref" && in->arg.is_scalar()) {
    id = in->arg.scalar;
  } else if (in->name == "Fn::GetAtt") {
    std::string attr;
    if (in->arg.is_seq() && in->arg.items.size() == 2 && in->arg.items[0].is_scalar() &&
        in->arg.items[1].is_scalar()) {
      id = in->arg.items[0].scalar;
      attr = in->arg.items[1].scalar;
    } else if (in->arg.is_scalar()) {
      const size_t dot = in->arg.scalar.find('.');
      id = in->arg.scalar.substr(0, dot);
      if (dot != std::string::npos) attr = in->arg.scalar.substr(dot + 1);
    }
    if (attr != "Arn") return std::nullopt;
    arn = true;
  } else {
    return std::nullopt;
  }
  const Resource* res = app.resource(id);
  const std::optional<std::string> name = res ? detail::table_name_of(app, *res) : std::nullopt;
  if (!name || !arn) return name;
  const Pseudo& p = app.pseudo();
  return "arn:" + p.partition + ":dynamodb:" + p.region + ":" + p.account_id + ":table/" + *name;
}

void read_environment(const PropertyReader& rd, const Node& env, Function& fn) {
  if (is_intrinsic(env)) return;  // unknown as a whole: nothing SAM CLI could set
  rd.expect(env, Kind::kMap, "Environment");
  const Node* vars = env.get("Variables");
  if (!vars || is_intrinsic(*vars)) return;
  rd.expect(*vars, Kind::kMap, "Environment.Variables");
  for (const MapEntry& e : vars->entries) {
    std::optional<std::string> table = local_table_value(rd.app(), e.value);
    fn.environment[e.key] = table ? std::move(*table) : env_value(e.value);
  }
}

void read_logging(const PropertyReader& rd, const Node& logging, Function& fn) {
  rd.expect(logging, Kind::kMap, "LoggingConfig");
  const auto field = [&](std::string_view key, std::string& out) {
    if (const Node* v = logging.get(key)) out = rd.text(*v, key);
  };
  field("LogFormat", fn.log_format);
  field("ApplicationLogLevel", fn.application_log_level);
  field("SystemLogLevel", fn.system_log_level);
  field("LogGroup", fn.log_group);
}

int read_int(const PropertyReader& rd, const Node& n, std::string_view what) {
  const int64_t v = rd.integer(n, what);
  constexpr int64_t kMax = 1'000'000'000;  // far above every Lambda limit; keeps int safe
  if (v < 0 || v > kMax) rd.fail(n, std::string(what) + " is out of range: " + n.scalar);
  return static_cast<int>(v);
}

void read_event_invoke_config(const PropertyReader& rd, const Node& config, Function& fn) {
  rd.expect(config, Kind::kMap, "EventInvokeConfig");
  if (const Node* v = config.get("MaximumRetryAttempts")) {
    fn.event_max_retries = read_int(rd, *v, "EventInvokeConfig.MaximumRetryAttempts");
  }
  if (const Node* v = config.get("MaximumEventAgeInSeconds")) {
    fn.event_max_age_s = read_int(rd, *v, "EventInvokeConfig.MaximumEventAgeInSeconds");
  }
}

Function read_function(const App& app, const Resource& r, const std::string& base) {
  const PropertyReader rd(app, r, "function");
  const Node props = app.resolve(r.properties);
  if (!props.is_null()) rd.expect(props, Kind::kMap, "Properties");
  Function fn;
  fn.logical_id = r.id;
  fn.loc = app.tpl().loc(r.pos);
  fn.type = r.type;
  fn.name = r.id;
  if (const Node* v = props.get("FunctionName"); v && v->is_scalar()) fn.name = v->scalar;
  fn.package_type = "Zip";
  if (const Node* v = props.get("PackageType")) fn.package_type = rd.text(*v, "PackageType");
  if (const Node* v = props.get("Runtime")) fn.runtime = rd.text(*v, "Runtime");
  if (const Node* v = props.get("Handler")) fn.handler = rd.text(*v, "Handler");
  read_code(rd, props, base, fn);
  if (const Node* v = props.get("Layers")) read_layers(rd, *v, base, fn);
  if (const Node* v = props.get("MemorySize")) fn.memory_mb = read_int(rd, *v, "MemorySize");
  if (const Node* v = props.get("Timeout")) fn.timeout_s = read_int(rd, *v, "Timeout");
  if (const Node* v = props.get("EphemeralStorage")) {
    rd.expect(*v, Kind::kMap, "EphemeralStorage");
    if (const Node* size = v->get("Size")) {
      fn.ephemeral_storage_mb = read_int(rd, *size, "EphemeralStorage.Size");
    }
  }
  if (const Node* v = props.get("Architectures")) {
    rd.expect(*v, Kind::kSequence, "Architectures");
    if (!v->items.empty()) fn.architecture = rd.text(v->items.front(), "Architectures item");
  }
  if (const Node* v = props.get("Environment")) read_environment(rd, *v, fn);
  if (const Node* v = props.get("ReservedConcurrentExecutions")) {
    fn.reserved_concurrency = read_int(rd, *v, "ReservedConcurrentExecutions");
  }
  if (const Node* v = props.get("LoggingConfig")) read_logging(rd, *v, fn);
  if (const Node* v = props.get("EventInvokeConfig")) read_event_invoke_config(rd, *v, fn);
  return fn;
}

}  // namespace

std::vector<Function> functions(const App& app) {
  std::vector<Function> out;
  const std::string base = template_dir(app);
  for (const Resource& r : app.resources()) {
    if (r.type != kServerlessFunction && r.type != kLambdaFunction) continue;
    if (r.condition && app.condition(*r.condition) == false) continue;
    out.push_back(read_function(app, r, base));
  }
  return out;
}

}  // namespace sls::tmpl

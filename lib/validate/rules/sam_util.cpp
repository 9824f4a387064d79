// Helpers the SAM transform checks share: Python typing of values, Python repr for messages,
// the translator's message shapes, and its property-table validation.
#include "validate/rules/sam_util.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace sls::validate::sam {

constexpr RuleInfo kTransformRule{
    "E0001", Severity::kError, "Error found when transforming the template",
    "The AWS SAM transform (AWS::Serverless-2016-10-31) would reject the template; the message "
    "is the transform's own.",
    "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/"
    "sam-specification.html"};

namespace {

bool is_digits(std::string_view s, bool allow_underscore) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) continue;
    if (allow_underscore && c == '_') continue;
    return false;
  }
  return true;
}

std::string_view unsigned_part(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return s;
}

// PyYAML (YAML 1.1) int: decimal with underscores, 0x hex, 0b binary, 0o/leading-0 octal.
bool yaml11_int(std::string_view s) {
  s = unsigned_part(s);
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    for (char c : s.substr(2)) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '_') return false;
    }
    return true;
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'b') return is_digits(s.substr(2), true);
  return is_digits(s, true) && std::isdigit(static_cast<unsigned char>(s[0]));
}

// PyYAML float: digits '.' digits [e[+-]digits], or '.' digits, or .inf/.nan.
bool yaml11_float(std::string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  s = unsigned_part(s);
  if (s == ".inf" || s == ".Inf" || s == ".INF") return true;
  const size_t dot = s.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view whole = s.substr(0, dot);
  std::string_view frac = s.substr(dot + 1);
  if (!whole.empty() && !is_digits(whole, true)) return false;
  const size_t e = frac.find_first_of("eE");
  if (e != std::string_view::npos) {
    const std::string_view exp = frac.substr(e + 1);
    if (exp.size() < 2 || (exp[0] != '-' && exp[0] != '+') || !is_digits(exp.substr(1), false)) {
      return false;
    }
    frac = frac.substr(0, e);
  }
  if (whole.empty() && frac.empty()) return false;
  return frac.empty() || is_digits(frac, true);
}

bool yaml11_bool(std::string_view s) {
  for (std::string_view w : {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false",
                             "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"}) {
    if (s == w) return true;
  }
  return false;
}

bool yaml11_null(std::string_view s) {
  return s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::string quote_py(std::string_view s) {
  // Python picks double quotes only when the text has a single quote and no double quote.
  const bool dq = s.find('\'') != std::string_view::npos && s.find('"') == std::string_view::npos;
  const char q = dq ? '"' : '\'';
  std::string out(1, q);
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == q) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += q;
  return out;
}

}  // namespace

PyType py_type(const tmpl::Node& n) {
  switch (n.kind) {
    case tmpl::Kind::kNull:
      return PyType::kNone;
    case tmpl::Kind::kSequence:
      return PyType::kList;
    case tmpl::Kind::kMap:
      return PyType::kDict;
    case tmpl::Kind::kScalar:
      break;
  }
  if (n.quoted) return PyType::kStr;
  const std::string_view s = n.scalar;
  if (yaml11_null(s)) return PyType::kNone;
  if (yaml11_bool(s)) return PyType::kBool;
  if (yaml11_int(s)) return PyType::kInt;
  if (yaml11_float(s)) return PyType::kFloat;
  return PyType::kStr;
}

bool truthy(const tmpl::Node* n) {
  if (!n) return false;
  switch (py_type(*n)) {
    case PyType::kNone:
      return false;
    case PyType::kStr:
      return !n->scalar.empty();
    case PyType::kBool:
      return n->as_bool().value_or(false);
    case PyType::kInt:
    case PyType::kFloat:
      return n->as_number().value_or(1.0) != 0.0;
    case PyType::kList:
      return !n->items.empty();
    case PyType::kDict:
      return !n->entries.empty();
  }
  return false;
}

std::string_view py_type_name(const tmpl::Node& n) {
  switch (py_type(n)) {
    case PyType::kNone:
      return "NoneType";
    case PyType::kStr:
      return "str";
    case PyType::kInt:
      return "int";
    case PyType::kFloat:
      return "float";
    case PyType::kBool:
      return "bool";
    case PyType::kList:
      return "list";
    case PyType::kDict:
      return "dict";
  }
  return "NoneType";
}

std::string py_repr(const tmpl::Node& n) {
  switch (py_type(n)) {
    case PyType::kNone:
      return "None";
    case PyType::kStr:
      return quote_py(n.scalar);
    case PyType::kBool:
      return n.as_bool().value_or(false) ? "True" : "False";
    case PyType::kInt:
    case PyType::kFloat:
      return n.scalar;
    case PyType::kList: {
      std::string out = "[";
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        out += py_repr(n.items[i]);
      }
      return out + "]";
    }
    case PyType::kDict: {
      std::string out = "{";
      for (size_t i = 0; i < n.entries.size(); ++i) {
        if (i) out += ", ";
        out += quote_py(n.entries[i].key) + ": " + py_repr(n.entries[i].value);
      }
      return out + "}";
    }
  }
  return "None";
}

std::string py_str(const tmpl::Node& n) {
  return py_type(n) == PyType::kStr ? n.scalar : py_repr(n);
}

std::string py_list_repr(std::span<const std::string_view> items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += quote_py(items[i]);
  }
  return out + "]";
}

std::string py_list_repr(std::initializer_list<std::string_view> items) {
  return py_list_repr(std::span<const std::string_view>(items.begin(), items.size()));
}

const std::string* str_value(const tmpl::Node* n) { return n && is_str(*n) ? &n->scalar : nullptr; }

const tmpl::Node* get(const tmpl::Node* n, std::string_view key) {
  return n ? n->get(key) : nullptr;
}

bool looks_like_uri(std::string_view s) {
  const size_t colon = s.find("://");
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool is_s3_uri(std::string_view s) {
  constexpr std::string_view kScheme = "s3://";
  if (!s.starts_with(kScheme)) return false;
  s.remove_prefix(kScheme.size());
  const size_t host_end = s.find_first_of("/?#");
  const std::string_view host = s.substr(0, host_end);
  if (host.empty() || host.find_first_of("[]") != std::string_view::npos) return false;
  if (host_end == std::string_view::npos || s[host_end] != '/') return false;
  return true;
}

namespace {

bool has_transform(const tmpl::Template& tpl, std::string_view name) {
  const tmpl::Node* t = tpl.section("Transform");
  if (!t) return false;
  if (t->is_scalar()) return t->scalar == name;
  for (const tmpl::Node& i : t->items) {
    if (i.is_scalar() && i.scalar == name) return true;
  }
  return false;
}

}  // namespace

bool has_sam_transform(const tmpl::Template& tpl) {
  return has_transform(tpl, "AWS::Serverless-2016-10-31");
}

bool has_language_extensions(const tmpl::Template& tpl) {
  return has_transform(tpl, "AWS::LanguageExtensions");
}

namespace {

// The value the translator would see for parameter `name`, or nullopt when it has none.
std::optional<tmpl::Node> parameter_value(const Context& ctx, std::string_view name, tmpl::Pos at) {
  // The region and partition are the deploy's, not the linter's: left unresolved.
  if (name.starts_with("AWS::")) return std::nullopt;
  const auto it = ctx.app.parameters().find(std::string(name));
  if (it == ctx.app.parameters().end() || !it->second.value) return std::nullopt;
  const tmpl::Node* decl = get(ctx.tpl.section("Parameters"), name);
  const tmpl::Node* def = get(decl, "Default");
  // The Default as written keeps its YAML type (a number stays a number, a list a list), as
  // the translator's parameter values do; an override is always a string.
  if (def && def->is_scalar() && def->scalar == *it->second.value) return *def;
  if (def && def->is_seq()) return *def;
  tmpl::Node v = tmpl::Node::make_scalar(*it->second.value, at);
  v.quoted = true;
  return v;
}

// Substitutes ${P} for parameters whose value is a string. A parameter whose value is not a
// string (a list Default) leaves the translator's message in `error`.
std::string substitute_params(const Context& ctx, const std::string& text,
                              std::string* error = nullptr) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find("${", i);
    const size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(i, open - i);
    const std::string name = text.substr(open + 2, close - open - 2);
    const auto v = parameter_value(ctx, name, {});
    if (v && !is_str(*v) && error) {
      *error = "Structure of the SAM template is invalid. Invalid Fn::Sub variable value " +
               py_str(*v) + ". Fn::Sub expects all variables to be strings.";
    }
    out += v && is_str(*v) ? v->scalar : text.substr(open, close - open + 1);
    i = close + 1;
  }
  return out + text.substr(std::min(i, text.size()));
}

}  // namespace

std::string sub_variable_error(const Context& ctx, const tmpl::Node& v) {
  if (const auto in = tmpl::as_intrinsic(v); in && in->name == "Fn::Sub") {
    const tmpl::Node* text = is_str(in->arg) ? &in->arg : nullptr;
    if (in->arg.is_seq() && !in->arg.items.empty() && is_str(in->arg.items[0])) {
      text = &in->arg.items[0];
    }
    std::string error;
    if (text) substitute_params(ctx, text->scalar, &error);
    if (!error.empty()) return error;
  }
  for (const tmpl::Node& i : v.items) {
    if (std::string e = sub_variable_error(ctx, i); !e.empty()) return e;
  }
  for (const tmpl::MapEntry& e : v.entries) {
    if (std::string m = sub_variable_error(ctx, e.value); !m.empty()) return m;
  }
  return "";
}

tmpl::Node resolve_parameter_refs(const Context& ctx, const tmpl::Node& v) {
  if (auto in = tmpl::as_intrinsic(v)) {
    if (in->name == "Ref" && is_str(in->arg)) {
      if (auto p = parameter_value(ctx, in->arg.scalar, v.pos)) return *p;
      return v;
    }
    if (in->name == "Fn::Sub" && is_str(in->arg)) {
      tmpl::Node out = v;
      out.entries.front().value.scalar = substitute_params(ctx, in->arg.scalar);
      return out;
    }
    return v;
  }
  tmpl::Node out = v;
  for (tmpl::Node& i : out.items) i = resolve_parameter_refs(ctx, i);
  for (tmpl::MapEntry& e : out.entries) e.value = resolve_parameter_refs(ctx, e.value);
  return out;
}

namespace {

constexpr size_t kFindInMapArguments = 3;

// One Fn::FindInMap lookup; nullopt when the translator would keep the call as written.
std::optional<tmpl::Node> find_in_map(const Context& ctx, const tmpl::Node& args,
                                      std::string* error) {
  if (!args.is_seq() || args.items.size() != kFindInMapArguments) return std::nullopt;
  std::array<tmpl::Node, kFindInMapArguments> keys;
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = resolve_find_in_map(ctx, args.items[i], error);
  if (!is_str(keys[0])) return std::nullopt;
  const tmpl::Node* map = get(ctx.tpl.section("Mappings"), keys[0].scalar);
  if (!map) return std::nullopt;
  const std::string two_level =
      "Structure of the SAM template is invalid. Cannot use "
      "Fn::FindInMap on Mapping '" +
      keys[0].scalar + "' which is not a a two-level map.";
  if (!map->is_map()) {
    if (error) *error = two_level;
    return std::nullopt;
  }
  if (!is_str(keys[1])) {
    // A key only a deploy knows (the region, say): any entry could be the one used.
    for (const tmpl::MapEntry& e : map->entries) {
      if (!e.value.is_map() && error) *error = two_level;
    }
    return std::nullopt;
  }
  const tmpl::Node* top = map->get(keys[1].scalar);
  if (!top) return std::nullopt;
  if (!top->is_map()) {
    if (error) *error = two_level;
    return std::nullopt;
  }
  if (!is_str(keys[2])) return std::nullopt;
  const tmpl::Node* value = top->get(keys[2].scalar);
  if (!value) return std::nullopt;
  return *value;
}

}  // namespace

tmpl::Node resolve_find_in_map(const Context& ctx, const tmpl::Node& v, std::string* error) {
  if (const auto in = tmpl::as_intrinsic(v); in && in->name == "Fn::FindInMap") {
    if (auto found = find_in_map(ctx, in->arg, error)) return *found;
    return v;
  }
  tmpl::Node out = v;
  for (tmpl::Node& i : out.items) i = resolve_find_in_map(ctx, i, error);
  for (tmpl::MapEntry& e : out.entries) e.value = resolve_find_in_map(ctx, e.value, error);
  return out;
}

namespace {

// A name only a deploy gives a value: a pseudo parameter, or a declared parameter with no
// Default and no override.
bool deploy_time_name(const Context& ctx, std::string_view name) {
  if (name.starts_with("AWS::")) return true;
  return get(ctx.tpl.section("Parameters"), name) != nullptr && !parameter_value(ctx, name, {});
}

}  // namespace

bool is_unknown_parameter_ref(const Context& ctx, const tmpl::Node& v) {
  const auto in = tmpl::as_intrinsic(v);
  if (!in) return false;
  // A lookup keyed by what only a deploy knows (the region, a parameter without a value).
  if (in->name == "Fn::FindInMap") return true;
  if (in->name == "Ref") return is_str(in->arg) && deploy_time_name(ctx, in->arg.scalar);
  if (in->name != "Fn::Sub") return false;
  const tmpl::Node* text = is_str(in->arg) ? &in->arg : nullptr;
  if (in->arg.is_seq() && !in->arg.items.empty() && is_str(in->arg.items[0])) {
    text = &in->arg.items[0];
  }
  if (!text) return false;
  for (size_t open = text->scalar.find("${"); open != std::string::npos;
       open = text->scalar.find("${", open + 2)) {
    const size_t close = text->scalar.find('}', open);
    if (close == std::string::npos) break;
    if (deploy_time_name(ctx, text->scalar.substr(open + 2, close - open - 2))) return true;
  }
  return false;
}

tmpl::Pos pos_or(const tmpl::Node* n, tmpl::Pos fallback) {
  return n && n->pos.line > 0 ? n->pos : fallback;
}

tmpl::Node effective_properties(const Context& ctx, const tmpl::Resource& r) {
  const tmpl::Node* ignore = r.raw ? r.raw->get("IgnoreGlobals") : nullptr;
  if (!truthy(ignore)) return r.properties;
  const tmpl::Node* own = r.raw->get("Properties");
  tmpl::Node props = own ? *own : tmpl::Node::make_map(r.pos);
  if (is_str(*ignore) && ignore->scalar == "*") return props;
  const auto section = tmpl::globals_section_for(r.type);
  const tmpl::Node* globals = section ? get(ctx.tpl.section("Globals"), *section) : nullptr;
  if (!globals || !globals->is_map() || !props.is_map()) return r.properties;
  tmpl::Node kept = *globals;
  for (const tmpl::Node& key : ignore->items) {
    if (is_str(key)) kept.erase(key.scalar);
  }
  return tmpl::merge_globals(kept, props);
}

tmpl::Pos Reporter::key_at(std::string_view key) const {
  const tmpl::MapEntry* e = props_.entry(key);
  return e && e->key_pos.line > 0 ? e->key_pos : res_.pos;
}

void Reporter::raw(tmpl::Pos at, std::string message) const {
  ++count_;
  ctx_.report(kTransformRule, std::move(message), at, "Resources/" + res_.id, res_.id);
}

void Reporter::resource_error(tmpl::Pos at, std::string_view text) const {
  generated_error(res_.id, at, text);
}

void Reporter::generated_error(std::string_view logical_id, tmpl::Pos at,
                               std::string_view text) const {
  raw(at, "Resource with id [" + std::string(logical_id) + "] is invalid. " + std::string(text));
}

void Reporter::event_error(std::string_view event, tmpl::Pos at, std::string_view text) const {
  resource_error(at, "Event with id [" + std::string(event) + "] is invalid. " + std::string(text));
}

void Reporter::bare_event_error(std::string_view event, tmpl::Pos at, std::string_view text) const {
  raw(at, "Event with id [" + std::string(event) + "] is invalid. " + std::string(text));
}

void Reporter::structure_error(tmpl::Pos at, std::string_view text) const {
  raw(at, "Structure of the SAM template is invalid. " + std::string(text));
}

bool check_reserved_tags(const Reporter& rep) {
  constexpr std::array<std::string_view, 3> kReserved{
      "lambda:createdBy", "serverlessrepo:applicationId", "serverlessrepo:semanticVersion"};
  const tmpl::Node* tags = rep.props().get("Tags");
  if (!tags || !tags->is_map()) return true;
  for (std::string_view tag : kReserved) {
    const tmpl::MapEntry* e = tags->entry(tag);
    if (!e) continue;
    rep.resource_error(e->key_pos, std::string(tag) +
                                       " is a reserved Tag key name and cannot be set on your "
                                       "resource. Please change the tag key in the input.");
    return false;
  }
  return true;
}

void report_document(const Context& ctx, tmpl::Pos at, std::string message) {
  ctx.report(kTransformRule, std::move(message), at);
}

bool passes(Check c, const tmpl::Node& v) {
  switch (c) {
    case Check::kAny:
      return true;
    case Check::kStr:
    case Check::kStrOneOf:
      return is_str(v);
    case Check::kDict:
    case Check::kDictOfAny:
      return is_dict(v);
    case Check::kBool:
      return is_bool(v);
    case Check::kInt:
      return is_int(v);
    case Check::kList:
      return is_list(v);
    case Check::kStrOrDict:
      return is_str(v) || is_dict(v);
    case Check::kBoolOrDict:
      return is_bool(v) || is_dict(v);
    case Check::kStrOrStrList:
      return is_str(v) || passes(Check::kListOfStr, v);
    case Check::kStrEnumDeleteRetain:
      return is_str(v) && (v.scalar == "Delete" || v.scalar == "Retain");
    case Check::kListOfStr:
      if (!is_list(v)) return false;
      for (const tmpl::Node& i : v.items) {
        if (!is_str(i)) return false;
      }
      return true;
    case Check::kListOfStrOrDict:
      if (!is_list(v)) return false;
      for (const tmpl::Node& i : v.items) {
        if (!is_str(i) && !is_dict(i)) return false;
      }
      return true;
    case Check::kDictOfDict:
    case Check::kDictOfStr:
    case Check::kDictOfIntOrDict:
      if (!is_dict(v)) return false;
      for (const tmpl::MapEntry& e : v.entries) {
        const bool ok = c == Check::kDictOfDict  ? is_dict(e.value)
                        : c == Check::kDictOfStr ? is_str(e.value)
                                                 : is_int(e.value) || is_dict(e.value);
        if (!ok) return false;
      }
      return true;
    case Check::kPolicies:
      return is_str(v) || is_dict(v) || passes(Check::kListOfStrOrDict, v);
    case Check::kStrOrListOfStrOrDict:
      return is_str(v) || passes(Check::kListOfStrOrDict, v);
    case Check::kDictOrListOfDict:
      if (is_dict(v)) return true;
      if (!is_list(v)) return false;
      for (const tmpl::Node& i : v.items) {
        if (!is_dict(i)) return false;
      }
      return true;
  }
  return true;
}

namespace {

// InvalidResourcePropertyTypeException's wording: bare IS_DICT and IS_STR validators name the
// type; every other validator gets the generic sentence.
std::string type_message(const PropSpec& s) {
  const std::string name(s.name);
  if (s.check == Check::kDict) return "Property '" + name + "' should be a map.";
  if (s.check == Check::kStr) return "Property '" + name + "' should be a string.";
  if (s.check == Check::kStrEnumDeleteRetain) {
    return "Property '" + name + "' should be a one of the strings: 'Delete' or 'Retain'.";
  }
  return "Type of property '" + name + "' is invalid.";
}

const PropSpec* find_spec(std::span<const PropSpec> table, std::string_view name) {
  for (const PropSpec& s : table) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

bool check_property_table(const Reporter& rep, std::string_view logical_id, const tmpl::Node& props,
                          std::string_view type_name, std::span<const PropSpec> table,
                          tmpl::Pos absent_at) {
  for (const tmpl::MapEntry& e : props.entries) {
    if (find_spec(table, e.key)) continue;
    rep.generated_error(
        logical_id, e.key_pos,
        "property " + e.key + " not defined for resource of type " + std::string(type_name));
    return false;
  }
  for (const PropSpec& s : table) {
    const tmpl::MapEntry* e = props.entry(s.name);
    const tmpl::Node* v = e ? &e->value : nullptr;
    if (v && s.intrinsics && is_one_key_map(*v)) continue;
    if (v && rep.state().language_extensions && is_intrinsic(*v)) continue;
    if (is_none(v) || py_type(*v) == PyType::kNone) {
      if (!s.required) continue;
      rep.generated_error(logical_id, e ? e->key_pos : absent_at,
                          "Missing required property '" + std::string(s.name) + "'.");
      return false;
    }
    if (!passes(s.check, *v)) {
      rep.generated_error(logical_id, pos_or(v, e->key_pos), type_message(s));
      return false;
    }
  }
  return true;
}

std::optional<std::string> definition_uri_problem(const tmpl::Node& uri) {
  if (uri.is_map()) {
    if (is_intrinsic(uri) || (truthy(uri.get("Bucket")) && truthy(uri.get("Key")))) {
      return std::nullopt;
    }
    return "'DefinitionUri' requires Bucket and Key properties to be specified.";
  }
  if (is_str(uri) && (!looks_like_uri(uri.scalar) || is_s3_uri(uri.scalar))) return std::nullopt;
  return "'DefinitionUri' is not a valid S3 Uri of the form 's3://bucket/key' with optional "
         "versionId query parameter.";
}

}  // namespace sls::validate::sam

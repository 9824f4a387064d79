// Shared helpers of the reference family: repr() rendering, the intrinsic walk, known names.
#include "validate/rules/fn_common.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace sls::validate::defs {

namespace {

// CloudFormation's pseudo parameters, in Python's sort order (cfn-lint's Context.refs).
const std::vector<std::string> kPseudo{"AWS::AccountId", "AWS::NoValue",  "AWS::NotificationARNs",
                                       "AWS::Partition", "AWS::Region",   "AWS::StackId",
                                       "AWS::StackName", "AWS::URLSuffix"};

// The only transform whose added names we can model (generated_names.h).
constexpr std::string_view kSamTransform = "AWS::Serverless-2016-10-31";

void append_escaped(std::string& out, unsigned char c, char quote) {
  switch (c) {
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  if (c == static_cast<unsigned char>(quote)) {
    out += '\\';
    out += quote;
  } else if (c < 0x20 || c == 0x7f) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "\\x%02x", c);
    out += buf;
  } else {
    out += static_cast<char>(c);
  }
}

void repr_into(const tmpl::Node& n, std::string& out) {
  switch (n.kind) {
    case tmpl::Kind::kNull:
      out += "None";
      return;
    case tmpl::Kind::kScalar:
      if (n.plain_is_bool()) {
        out += *n.as_bool() ? "True" : "False";
      } else if (n.plain_is_number()) {
        out += n.scalar;
      } else {
        out += py_str(n.scalar);
      }
      return;
    case tmpl::Kind::kSequence:
      out += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        repr_into(n.items[i], out);
      }
      out += ']';
      return;
    case tmpl::Kind::kMap:
      out += '{';
      for (size_t i = 0; i < n.entries.size(); ++i) {
        if (i) out += ", ";
        out += py_str(n.entries[i].key);
        out += ": ";
        repr_into(n.entries[i].value, out);
      }
      out += '}';
      return;
  }
}

using Visit = std::function<void(const Call&)>;

struct Walker {
  const Visit& visit;
  std::string path;
  std::string_view owner;
  Section section;

  void node(const tmpl::Node& n) {
    if (const auto in = tmpl::as_intrinsic(n); in && takes_call(*in)) {
      visit(Call{in->name, n, in->arg, path, owner, section});
      if (in->name == "Fn::Transform") return;
      descend(in->name, in->arg);
      return;
    }
    if (n.is_map()) {
      for (const tmpl::MapEntry& e : n.entries) descend(e.key, e.value);
    } else if (n.is_seq()) {
      for (size_t i = 0; i < n.items.size(); ++i) descend(std::to_string(i), n.items[i]);
    }
  }

  void descend(std::string_view key, const tmpl::Node& n) {
    const size_t len = path.size();
    if (!path.empty()) path += '/';
    path += key;
    node(n);
    path.resize(len);
  }

  // {"Condition": name} is a call only inside condition logic; elsewhere "Condition" is a
  // common property name (IAM statements, Step Functions states...).
  bool takes_call(const tmpl::Intrinsic& in) const {
    return in.name != "Condition" || section == Section::kConditions;
  }
};

// Resource attributes whose values may hold intrinsic calls; Metadata is free-form.
constexpr std::array<std::string_view, 3> kResourceValueKeys{"Properties", "UpdatePolicy",
                                                             "CreationPolicy"};

void walk_resources(const tmpl::Node& resources, const Visit& visit) {
  for (const tmpl::MapEntry& r : resources.entries) {
    if (!r.value.is_map()) continue;
    for (std::string_view key : kResourceValueKeys) {
      if (const tmpl::Node* v = r.value.get(key)) {
        Walker w{visit, "Resources/" + r.key, r.key, Section::kResources};
        w.descend(key, *v);
      }
    }
  }
}

void walk_outputs(const tmpl::Node& outputs, const Visit& visit) {
  for (const tmpl::MapEntry& o : outputs.entries) {
    if (!o.value.is_map()) continue;
    for (std::string_view key : {"Value", "Export"}) {
      if (const tmpl::Node* v = o.value.get(key)) {
        Walker w{visit, "Outputs/" + o.key, o.key, Section::kOutputs};
        w.descend(key, *v);
      }
    }
  }
}

void walk_named(const tmpl::Node& section, std::string_view name, Section kind,
                const Visit& visit) {
  for (const tmpl::MapEntry& e : section.entries) {
    // The owner is a view: build it from e.key itself, never from a temporary string.
    const std::string_view owner = kind == Section::kConditions ? std::string_view(e.key) : "";
    Walker w{visit, std::string(name), owner, kind};
    w.descend(e.key, e.value);
  }
}

bool transforms_are_known(const tmpl::Node* t) {
  if (!t) return true;
  if (t->is_scalar()) return t->scalar == kSamTransform;
  if (!t->is_seq()) return false;
  return std::all_of(t->items.begin(), t->items.end(), [](const tmpl::Node& i) {
    return i.is_scalar() && i.scalar == kSamTransform;
  });
}

}  // namespace

std::string py_str(std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) append_escaped(out, static_cast<unsigned char>(c), quote);
  out += quote;
  return out;
}

std::string py_repr(const tmpl::Node& n) {
  std::string out;
  repr_into(n, out);
  return out;
}

std::string py_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += py_str(items[i]);
  }
  out += ']';
  return out;
}

std::string not_of_type(const tmpl::Node& n, std::string_view types) {
  return py_repr(n) + " is not of type " + std::string(types);
}

std::string not_one_of(std::string_view value, const std::vector<std::string>& choices) {
  return py_str(value) + " is not one of " + py_list(choices);
}

std::string too_few_items(size_t min, size_t found) {
  return "expected minimum item count: " + std::to_string(min) +
         ", found: " + std::to_string(found);
}

std::string too_many_items(size_t max, size_t found) {
  return "expected maximum item count: " + std::to_string(max) +
         ", found: " + std::to_string(found);
}

void for_each_call(const Context& ctx, const std::function<void(const Call&)>& fn) {
  const tmpl::Template& t = ctx.tpl;
  if (const tmpl::Node* r = t.section("Resources"); r && r->is_map()) walk_resources(*r, fn);
  if (const tmpl::Node* o = t.section("Outputs"); o && o->is_map()) walk_outputs(*o, fn);
  if (const tmpl::Node* c = t.section("Conditions"); c && c->is_map()) {
    walk_named(*c, "Conditions", Section::kConditions, fn);
  }
  if (const tmpl::Node* g = t.section("Globals"); g && g->is_map()) {
    walk_named(*g, "Globals", Section::kGlobals, fn);
  }
}

tmpl::Pos value_pos(const tmpl::MapEntry& e) {
  return e.value.is_null() || !e.value.pos.line ? e.key_pos : e.value.pos;
}

bool plain_functions(const Context& ctx) {
  return transforms_are_known(ctx.tpl.section("Transform"));
}

bool is_call_to(const tmpl::Node& n, std::initializer_list<std::string_view> fns) {
  const auto in = tmpl::as_intrinsic(n);
  if (!in) return false;
  return std::find(fns.begin(), fns.end(), in->name) != fns.end();
}

void report_at(const Context& ctx, const RuleInfo& info, const Call& c, const tmpl::Node& at,
               std::string message) {
  ctx.report(info, std::move(message), at.pos.line ? at.pos : c.node.pos, c.path,
             std::string(c.owner));
}

bool list_arg(const Context& ctx, const RuleInfo& info, const Call& c, size_t min, size_t max) {
  const tmpl::Node& arg = c.arg;
  if (!arg.is_seq()) {
    report_at(ctx, info, c, arg, not_of_type(arg, "'array'"));
    return false;
  }
  if (arg.items.size() < min) {
    report_at(ctx, info, c, arg, too_few_items(min, arg.items.size()));
    return false;
  }
  if (arg.items.size() > max) {
    report_at(ctx, info, c, arg, too_many_items(max, arg.items.size()));
    return false;
  }
  return true;
}

bool string_or_call(const Context& ctx, const RuleInfo& info, const Call& c, const tmpl::Node& n,
                    std::initializer_list<std::string_view> fns) {
  if (n.is_scalar() || is_call_to(n, fns)) return true;
  report_at(ctx, info, c, n, not_of_type(n, "'string'"));
  return false;
}

const std::vector<std::string>& pseudo_parameters() { return kPseudo; }

bool is_pseudo_parameter(std::string_view name) {
  return std::find(kPseudo.begin(), kPseudo.end(), name) != kPseudo.end();
}

Names::Names(const Context& ctx) : app_(ctx.app), generated_(ctx.app) {
  closed_ = transforms_are_known(ctx.tpl.section("Transform"));
  for (const tmpl::Resource& r : app_.resources()) {
    if (r.id.starts_with("Fn::ForEach")) closed_ = false;
    resource_ids_.push_back(r.id);
  }
  if (const tmpl::Node* p = ctx.tpl.section("Parameters"); p && p->is_map()) {
    for (const tmpl::MapEntry& e : p->entries) parameter_names_.push_back(e.key);
  }
  if (const tmpl::Node* c = ctx.tpl.section("Conditions"); c && c->is_map()) {
    for (const tmpl::MapEntry& e : c->entries) condition_names_.push_back(e.key);
  }
  ref_targets_ = parameter_names_;
  ref_targets_.insert(ref_targets_.end(), resource_ids_.begin(), resource_ids_.end());
  ref_targets_.insert(ref_targets_.end(), kPseudo.begin(), kPseudo.end());
}

const tmpl::Resource* Names::resource(std::string_view id) const { return app_.resource(id); }

bool Names::is_resource(std::string_view id) const {
  return app_.resource(id) != nullptr || generated_.resource(id);
}

bool Names::is_parameter(std::string_view id) const {
  return std::find(parameter_names_.begin(), parameter_names_.end(), id) != parameter_names_.end();
}

bool Names::is_ref_target(std::string_view id) const {
  return is_parameter(id) || is_pseudo_parameter(id) || is_resource(id);
}

bool Names::is_condition(std::string_view name) const {
  return std::find(condition_names_.begin(), condition_names_.end(), name) !=
             condition_names_.end() ||
         generated_.condition(name);
}

std::vector<SubVariable> sub_variables(std::string_view text) {
  std::vector<SubVariable> out;
  size_t at = 0;
  while ((at = text.find("${", at)) != std::string_view::npos) {
    const size_t open = at;
    at += 2;
    if (at < text.size() && text[at] == '!') continue;  // ${!Literal} prints "${Literal}"
    const size_t close = text.find('}', at);
    if (close == std::string_view::npos) break;
    std::string_view name = text.substr(at, close - at);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) out.push_back(SubVariable{std::string(name), open});
    at = close + 1;
  }
  return out;
}

}  // namespace sls::validate::defs

// Parameters: each declared parameter bound to its value (override > Default), and the checks of
// a value against the parameter's own constraints (AllowedValues, AllowedPattern, Min/MaxLength,
// Min/MaxValue, Number).
#include <algorithm>
#include <ranges>
#include <unordered_set>

#include "core/limits.h"
#include "template/internal.h"

namespace sls::tmpl {

namespace {

constexpr std::string_view kDefaultRule = "E2015";   // cfn-lint: Default within constraints
constexpr std::string_view kOverrideRule = "E2900";  // cfn-lint: deployment parameter values

// A parameter's constraint attributes (null when absent or of the wrong shape).
struct Constraints {
  std::string name;
  std::string type;
  const Node* allowed_values = nullptr;     // a non-empty list
  std::unordered_set<std::string> allowed;  // its scalars, as Python prints them
  const Node* pattern = nullptr;            // a non-empty scalar
  std::optional<detail::Pattern> re;        // the pattern, when we can run it
  const Node* min_length = nullptr;
  const Node* max_length = nullptr;
  const Node* min_value = nullptr;
  const Node* max_value = nullptr;
  const Node* description = nullptr;  // ConstraintDescription
};

const Node* scalar_attr(const Node& spec, std::string_view key) {
  const Node* n = spec.get(key);
  return n && n->is_scalar() ? n : nullptr;
}

Constraints constraints_of(const std::string& name, const Node& spec) {
  Constraints c;
  c.name = name;
  if (const Node* t = scalar_attr(spec, "Type")) c.type = t->scalar;
  if (const Node* av = spec.get("AllowedValues"); av && av->is_seq() && !av->items.empty()) {
    c.allowed_values = av;
    for (const Node& a : av->items) {
      if (a.is_scalar()) c.allowed.insert(detail::py_str(a));
    }
  }
  if (const Node* p = scalar_attr(spec, "AllowedPattern"); p && !p->scalar.empty()) {
    c.pattern = p;
    c.re = detail::Pattern::compile(p->scalar);
  }
  c.min_length = scalar_attr(spec, "MinLength");
  c.max_length = scalar_attr(spec, "MaxLength");
  c.min_value = scalar_attr(spec, "MinValue");
  c.max_value = scalar_attr(spec, "MaxValue");
  c.description = scalar_attr(spec, "ConstraintDescription");
  return c;
}

// A value as Python sees it after YAML loading: its text, and whether it is an int.
struct Value {
  std::string text;
  bool is_int = false;
};

// Python's isinstance(x, int) for a YAML scalar: a plain integer (booleans are left out: no
// template means True < MinValue).
bool plain_int(const Node* n) {
  if (!n || !n->plain_is_number()) return false;
  return n->scalar.find_first_of(".eE") == std::string::npos;
}

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool allowed(const Constraints& c, const std::string& text) { return c.allowed.count(text) > 0; }

// True when the value is known to break the pattern (a pattern we cannot run breaks nothing).
bool breaks_pattern(const Constraints& c, std::string_view text, detail::MatchMode mode) {
  return c.re && c.re->matches(text, mode) == false;
}

// An integer as Python's YAML loader types one (cfn-lint compares only Python ints). A plain
// struct rather than std::optional: GCC 12 warns falsely about optional<int64_t> reads here.
struct Int {
  bool ok = false;
  int64_t v = 0;
};

Int int_of(const Node* n) {
  if (!plain_int(n)) return {};
  const std::optional<int64_t> i = n->as_int();
  return i ? Int{true, *i} : Int{};
}

// cfn-lint E2015's checks of one value, in its order and words.
std::vector<std::string> default_problems(const Constraints& c, const Value& v) {
  std::vector<std::string> out;
  if (breaks_pattern(c, v.text, detail::MatchMode::kPrefix)) {
    out.emplace_back("Default should be allowed by AllowedPattern");
  }
  const Node value_node = Node::make_scalar(v.text);
  const Int n = v.is_int ? int_of(&value_node) : Int{};
  const Int min_value = int_of(c.min_value);
  const Int max_value = int_of(c.max_value);
  // cfn-lint skips a MinValue of 0 (it tests the value's truth), so do we.
  if (n.ok && min_value.ok && min_value.v != 0 && n.v < min_value.v) {
    out.emplace_back("Default should be equal to or higher than MinValue");
  }
  if (n.ok && max_value.ok && n.v > max_value.v) {
    out.emplace_back("Default should be less than or equal to MaxValue");
  }
  if (c.allowed_values && !allowed(c, v.text)) {
    out.emplace_back("Default should be a value within AllowedValues");
  }
  const auto length = static_cast<int64_t>(utf8_length(v.text));
  if (const Int min = int_of(c.min_length); min.ok && length < min.v) {
    out.emplace_back("Default should have a length above or equal to MinLength");
  }
  if (const Int max = int_of(c.max_length); max.ok && length > max.v) {
    out.emplace_back("Default should have a length below or equal to MaxLength");
  }
  return out;
}

// A value longer than CloudFormation accepts is not checked item by item: its size is the
// problem (and checking a hostile one's million items would be slow).
bool too_long(std::string_view value) {
  return value.size() > static_cast<size_t>(limits::kCfnParameterValueBytes.value);
}

bool number_type(std::string_view type) { return type == "Number" || type == "List<Number>"; }

std::string must_be_number(const Constraints& c) {
  return "Parameter '" + c.name + "' must be a number";
}

// cfn-lint's E2015 for a scalar Default; list types are checked item by item and reported only
// when the whole text fails as well (cfn-lint's rule, kept as it is). A Number's Default that is
// no number gets CloudFormation's own words, as cfn-lint has no rule for it.
void check_default(const Constraints& c, const MapEntry& def, std::vector<Diagnostic>& diags) {
  const Node& d = def.value;
  if (!d.is_scalar() || too_long(d.scalar)) return;
  const bool list = is_list_parameter_type(c.type);
  const Value whole{detail::py_str(d), plain_int(&d)};
  std::vector<std::string> problems;
  if (list) {
    std::vector<std::string> item_problems;
    for (const std::string& item : detail::split_list_value(whole.text)) {
      for (std::string& p : default_problems(c, Value{item, false})) {
        if (std::find(item_problems.begin(), item_problems.end(), p) == item_problems.end()) {
          item_problems.push_back(std::move(p));
        }
      }
    }
    if (!item_problems.empty()) problems = default_problems(c, whole);
    if (!problems.empty()) {
      for (std::string& p : item_problems) {
        if (std::find(problems.begin(), problems.end(), p) == problems.end()) {
          problems.push_back(std::move(p));
        }
      }
    }
  } else {
    problems = default_problems(c, whole);
  }
  const bool numbers =
      !number_type(c.type) ||
      std::ranges::all_of(
          list ? detail::split_list_value(whole.text) : std::vector<std::string>{whole.text},
          [](const std::string& s) { return Node::make_scalar(s).as_number().has_value(); });
  if (!numbers) problems.insert(problems.begin(), must_be_number(c));
  for (std::string& p : problems) {
    diags.push_back(Diagnostic{std::string(kDefaultRule), std::move(p), def.key_pos});
  }
}

// The message CloudFormation gives when `text` (one value or one list item) breaks a constraint,
// or "" when it does not.
std::string override_problem(const Constraints& c, const std::string& text, bool list) {
  const std::string p = "Parameter '" + c.name + "' ";
  const std::string constraint =
      c.description ? p + "failed to satisfy constraint: " + c.description->scalar : "";
  const Node num = Node::make_scalar(text);
  if (number_type(c.type) && !num.as_number()) return must_be_number(c);
  if (c.allowed_values && !allowed(c, text)) {
    return c.description ? constraint : p + "must be one of AllowedValues";
  }
  if (breaks_pattern(c, text, detail::MatchMode::kFull)) {
    return c.description ? constraint : p + "must match pattern " + c.pattern->scalar;
  }
  const auto length = static_cast<int64_t>(utf8_length(text));
  if (!list && c.min_length && c.min_length->as_int() && length < *c.min_length->as_int()) {
    return c.description ? constraint
                         : p + "must contain at least " + c.min_length->scalar + " characters";
  }
  if (!list && c.max_length && c.max_length->as_int() && length > *c.max_length->as_int()) {
    return c.description ? constraint
                         : p + "must contain at most " + c.max_length->scalar + " characters";
  }
  if (c.type == "Number" && c.min_value && c.min_value->as_number() &&
      *num.as_number() < *c.min_value->as_number()) {
    return c.description ? constraint : p + "must be a number not less than " + c.min_value->scalar;
  }
  if (c.type == "Number" && c.max_value && c.max_value->as_number() &&
      *num.as_number() > *c.max_value->as_number()) {
    return c.description ? constraint
                         : p + "must be a number not greater than " + c.max_value->scalar;
  }
  return "";
}

// CloudFormation's check of a value given at deploy time: the first problem only.
void check_override(const Constraints& c, const std::string& value, Pos pos,
                    std::vector<Diagnostic>& diags) {
  if (c.type.starts_with("AWS::SSM::Parameter::Value<")) return;  // the value names a parameter
  if (too_long(value)) return;
  const bool list = is_list_parameter_type(c.type);
  const std::vector<std::string> items =
      list ? detail::split_list_value(value) : std::vector<std::string>{value};
  for (const std::string& item : items) {
    if (std::string problem = override_problem(c, item, list); !problem.empty()) {
      diags.push_back(Diagnostic{std::string(kOverrideRule), std::move(problem), pos});
      return;
    }
  }
}

// A Default as text: scalars as written, a list of scalars joined with commas.
std::optional<std::string> default_text(const Node* d) {
  if (!d) return std::nullopt;
  if (d->is_scalar()) return d->scalar;
  if (!d->is_seq()) return std::nullopt;
  std::string joined;
  for (const Node& i : d->items) {
    if (!i.is_scalar()) return std::nullopt;
    if (&i != &d->items.front()) joined += ',';
    joined += i.scalar;
  }
  return joined;
}

}  // namespace

bool is_list_parameter_type(std::string_view type) {
  constexpr std::string_view kSsm = "AWS::SSM::Parameter::Value<";
  if (type.starts_with(kSsm)) type = type.substr(kSsm.size());
  return type.starts_with("CommaDelimitedList") || type.starts_with("List<");
}

namespace detail {

std::vector<std::string> split_list_value(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    std::string_view item =
        text.substr(start, comma == std::string_view::npos ? comma : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    out.emplace_back(item);
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::map<std::string, ParameterValue> bind_parameters(const Template& tpl, const Bindings& b,
                                                      std::vector<Diagnostic>& diags) {
  std::map<std::string, ParameterValue> out;
  const Node* params = tpl.section("Parameters");
  if (!params || !params->is_map()) return out;
  for (const MapEntry& e : params->entries) {
    const Constraints c = constraints_of(e.key, e.value);
    ParameterValue v;
    v.name = e.key;
    v.type = c.type;
    v.pos = e.key_pos;
    v.value = default_text(e.value.get("Default"));
    if (const Node* ne = e.value.get("NoEcho")) v.no_echo = ne->as_bool().value_or(false);
    if (const MapEntry* def = e.value.entry("Default")) check_default(c, *def, diags);
    if (auto it = b.overrides.find(e.key); it != b.overrides.end()) {
      v.value = it->second;
      v.overridden = true;
      check_override(c, it->second, e.key_pos, diags);
    }
    out.insert_or_assign(e.key, std::move(v));
  }
  return out;
}

}  // namespace detail

}  // namespace sls::tmpl

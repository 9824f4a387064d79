// The checking walk of the schema engine: a value tree against a compiled SchemaNode, with
// CloudFormation's leniency (intrinsics, numeric strings, boolean strings), and the Python
// repr() and difflib ratio that cfn-lint's messages are made of.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "validate/schema.h"

namespace sls::validate::schema {

namespace {

using tmpl::Node;
using tmpl::Pos;

// cfn-lint suggests "Did you mean 'X'?" for an unknown property above this similarity.
constexpr double kSuggestAbove = 0.8;

// cfn-lint's BOOLEAN_STRINGS: the quoted strings a boolean property accepts.
constexpr std::string_view kBooleanStrings[] = {"true", "True", "TRUE", "false", "False", "FALSE"};

bool is_no_value(const Node& n) {
  const auto in = tmpl::as_intrinsic(n);
  return in && in->name == "Ref" && in->arg.is_scalar() && in->arg.scalar == "AWS::NoValue";
}

// A plain scalar YAML 1.1 reads as a boolean (true, False, yes, off...).
bool plain_bool(const Node& n) { return n.is_scalar() && !n.quoted && n.as_bool().has_value(); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Python's int(text): optional sign, then digits (underscores between digits allowed).
bool int_text(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Python's float(text), as a value when it parses.
std::optional<double> float_text(std::string_view s) {
  const std::string t(trim(s));
  if (t.empty() || t.find_first_of("xXpP") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double d = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return std::nullopt;
  return d;
}

// The number a scalar stands for (plain YAML numbers and numeric strings), if any.
std::optional<double> scalar_number(const Node& n) {
  if (!n.is_scalar() || plain_bool(n)) return std::nullopt;
  return float_text(n.scalar);
}

bool type_matches(uint8_t types, const Node& v) {
  switch (v.kind) {
    case tmpl::Kind::kNull:
      return (types & kNull) != 0;
    case tmpl::Kind::kMap:
      return (types & kObject) != 0;
    case tmpl::Kind::kSequence:
      return (types & kArray) != 0;
    case tmpl::Kind::kScalar:
      break;
  }
  if (types & kString) return true;
  if (plain_bool(v)) return (types & kBoolean) != 0;
  if ((types & kBoolean) && std::find(std::begin(kBooleanStrings), std::end(kBooleanStrings),
                                      v.scalar) != std::end(kBooleanStrings)) {
    return true;
  }
  if ((types & kInteger) && (v.plain_is_number() || int_text(v.scalar))) return true;
  return (types & kNumber) && float_text(v.scalar).has_value();
}

// As SAM's own isinstance() checks read YAML: a plain 42 is an int, "true" is a string.
bool strict_type_matches(uint8_t types, const Node& v) {
  if (!v.is_scalar()) return type_matches(types, v);
  if (plain_bool(v)) return (types & kBoolean) != 0;
  if (v.plain_is_number()) {
    const bool integral = int_text(v.scalar);
    return (types & kNumber) || (integral && (types & kInteger));
  }
  return (types & kString) != 0;
}

std::string type_list(const SchemaNode& s) {
  std::string out;
  for (const std::string& t : s.type_names) {
    if (!out.empty()) out += ", ";
    out += py_repr(t);
  }
  return out;
}

// Python's len() of a str: code points, not bytes.
size_t code_points(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "/" + std::string(key);
}

class Walker {
 public:
  explicit Walker(std::vector<Violation>& out) : out_(out) {}

  void value(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    if (v.is_null()) return;
    if (const auto in = tmpl::as_intrinsic(v)) {
      if (s.intrinsics &&
          std::find(s.intrinsics->begin(), s.intrinsics->end(), in->name) == s.intrinsics->end()) {
        report(Keyword::kType, py_repr(v) + " is not of type " + type_list(s), where, path);
      } else if (in->name == "Fn::If") {
        if_branches(s, in->arg, where, path);
      }
      return;
    }
    if (s.types != 0 && !(s.strict ? strict_type_matches(s.types, v) : type_matches(s.types, v))) {
      report(Keyword::kType, py_repr(v) + " is not of type " + type_list(s), where, path);
      return;
    }
    if (!s.any_of.empty()) union_of(s, v, where, path);
    if (v.is_scalar()) scalar(s, v, where, path);
    if (v.is_map()) object(s, v, where, path);
    if (v.is_seq()) array(s, v, where, path);
    if (!s.discriminator.empty() && v.is_map()) discriminate(s, v, where, path);
  }

 private:
  void report(Keyword k, std::string message, Pos where, const std::string& path) {
    out_.push_back(Violation{k, std::move(message), where, path});
  }

  // Fn::If [condition, then, else]: each branch must fit the schema (AWS::NoValue always does).
  void if_branches(const SchemaNode& s, const Node& arg, Pos where, const std::string& path) {
    if (!arg.is_seq() || arg.items.size() != 3) return;  // malformed Fn::If is E1028's
    for (size_t i = 1; i < arg.items.size(); ++i) {
      const Node& branch = arg.items[i];
      // SAM reads a bare "AWS::NoValue" branch as the Ref; CloudFormation never sees it.
      if (branch.is_scalar() && branch.scalar == "AWS::NoValue") continue;
      value(s, branch, where, path);
    }
  }

  void scalar(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    if (!s.enum_text.empty() && !enum_matches(s, v)) {
      report(Keyword::kEnum, py_repr(v) + " is not one of " + s.enum_repr, where, path);
    }
    if (s.minimum || s.maximum) range(s, v, where, path);
    // cfn-lint measures only values YAML read as strings.
    const bool text = !plain_bool(v) && !v.plain_is_number();
    if (text && s.min_length && code_points(v.scalar) < *s.min_length) {
      report(Keyword::kLength, py_repr(v) + " is shorter than " + std::to_string(*s.min_length),
             where, path);
    }
    if (text && s.max_length && code_points(v.scalar) > *s.max_length) {
      report(Keyword::kLength, py_repr(v) + " is longer than " + std::to_string(*s.max_length),
             where, path);
    }
    if (s.pattern && !std::regex_search(v.scalar, s.pattern->get())) {
      report(Keyword::kPattern,
             py_repr(std::string_view(v.scalar)) + " does not match " + py_repr(s.pattern_text),
             where, path);
    }
  }

  static bool enum_matches(const SchemaNode& s, const Node& v) {
    const std::optional<double> n = scalar_number(v);
    for (const std::string& e : s.enum_text) {
      if (e == v.scalar) return true;
      if (n) {
        const std::optional<double> en = float_text(e);
        if (en && *en == *n) return true;
      }
    }
    return false;
  }

  void range(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    const std::optional<double> n = scalar_number(v);
    if (!n) return;
    if (s.minimum && *n < *s.minimum) {
      report(Keyword::kRange, py_repr(v) + " is less than the minimum of " + s.minimum_text, where,
             path);
    }
    if (s.maximum && *n > *s.maximum) {
      report(Keyword::kRange, py_repr(v) + " is greater than the maximum of " + s.maximum_text,
             where, path);
    }
  }

  void object(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    // Fn::Transform (AWS::Include) and Fn::ForEach (language extensions) make keys we cannot
    // see until CloudFormation expands them.
    if (std::any_of(v.entries.begin(), v.entries.end(), [](const tmpl::MapEntry& e) {
          return e.key == "Fn::Transform" || e.key.starts_with("Fn::ForEach::");
        })) {
      return;
    }
    for (const tmpl::MapEntry& e : v.entries) {
      const std::string p = child_path(path, e.key);
      if (const SchemaNode* known = s.property(e.key)) {
        value(*known, e.value, e.key_pos, p);
      } else if (s.additional) {
        value(*s.additional, e.value, e.key_pos, p);
      } else if (!s.additional_allowed) {
        report(Keyword::kAdditionalProperties, unexpected(s, e.key), e.key_pos, p);
      }
    }
    for (const std::string& r : s.required) {
      if (!present(v, r)) {
        report(Keyword::kRequired, py_repr(r) + " is a required property", where, path);
      }
    }
    exclusions(s, v, path);
    if (!s.required_xor.empty()) exactly_one(s, v, where, path);
    for (const auto& [name, needs] : s.dependent_required) {
      if (!present(v, name)) continue;
      for (const std::string& n : needs) {
        if (present(v, n)) continue;
        report(Keyword::kDependentRequired, py_repr(n) + " is a dependency of " + py_repr(name),
               where, path);
      }
    }
  }

  // dependentExcluded, reported at the key that should not be there.
  void exclusions(const SchemaNode& s, const Node& v, const std::string& path) {
    for (const auto& [name, excluded] : s.dependent_excluded) {
      if (!present(v, name)) continue;
      for (const std::string& x : excluded) {
        const tmpl::MapEntry* e = v.entry(x);
        if (!e || e->value.is_null()) continue;
        report(Keyword::kDependentExcluded,
               py_repr(x) + " should not be included with " + py_repr(name), e->key_pos,
               child_path(path, x));
      }
    }
  }

  // requiredXor: none given is reported at the object, several at each of them.
  void exactly_one(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    std::string list = "[";
    std::vector<const tmpl::MapEntry*> given;
    for (const std::string& k : s.required_xor) {
      list += (list.size() > 1 ? ", " : "") + py_repr(k);
      const tmpl::MapEntry* e = v.entry(k);
      if (e && !e->value.is_null()) given.push_back(e);
    }
    const std::string message = "Only one of " + list + "] is a required property";
    if (given.empty()) report(Keyword::kRequiredXor, message, where, path);
    if (given.size() < 2) return;
    for (const tmpl::MapEntry* e : given) {
      report(Keyword::kRequiredXor, message, e->key_pos, child_path(path, e->key));
    }
  }

  // A key with a null value is missing for CloudFormation and SAM alike.
  static bool present(const Node& map, std::string_view key) {
    const Node* n = map.get(key);
    return n && !n->is_null();
  }

  static std::string unexpected(const SchemaNode& s, const std::string& key) {
    std::string msg = "Additional properties are not allowed (" + py_repr(key) + " was unexpected";
    for (const NamedSchema& p : s.properties) {
      if (similarity(key, p.name) > kSuggestAbove) {
        return msg + ". Did you mean " + py_repr(p.name) + "?)";
      }
    }
    return msg + ")";
  }

  void array(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    const size_t n = v.items.size();
    if (s.min_items && n < *s.min_items) {
      report(Keyword::kItemCount,
             "expected minimum item count: " + std::to_string(*s.min_items) +
                 ", found: " + std::to_string(n),
             where, path);
    }
    if (s.max_items && n > *s.max_items) {
      report(Keyword::kItemCount,
             "expected maximum item count: " + std::to_string(*s.max_items) +
                 ", found: " + std::to_string(n),
             where, path);
    }
    if (!s.items) return;
    for (size_t i = 0; i < n; ++i) {
      const Node& item = v.items[i];
      if (is_no_value(item)) continue;
      value(*s.items, item, item.pos, child_path(path, std::to_string(i)));
    }
  }

  // anyOf / oneOf, kept simple: branches whose type cannot hold the value drop out first, so
  // a union of differently-typed shapes reports the one shape that applies in its own words.
  void union_of(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    std::vector<const SchemaNode*> fits;
    uint8_t all_types = 0;
    for (const SchemaNode* b : s.any_of) {
      all_types |= b->types;
      if (b->types == 0 || type_matches(b->types, v)) fits.push_back(b);
    }
    if (fits.empty()) {
      report(Keyword::kType, py_repr(v) + " is not of type " + branch_types(s), where, path);
      return;
    }
    if (fits.size() == 1) {
      value(*fits.front(), v, where, path);
      return;
    }
    for (const SchemaNode* b : fits) {
      std::vector<Violation> trial;
      Walker(trial).value(*b, v, where, path);
      if (trial.empty()) return;
    }
    report(s.one_of ? Keyword::kOneOf : Keyword::kAnyOf,
           py_repr(v) + " is not valid under any of the given schemas", where, path);
  }

  static std::string branch_types(const SchemaNode& s) {
    std::vector<std::string> names;
    for (const SchemaNode* b : s.any_of) {
      for (const std::string& t : b->type_names) {
        if (std::find(names.begin(), names.end(), t) == names.end()) names.push_back(t);
      }
    }
    std::string out;
    for (const std::string& t : names) {
      if (!out.empty()) out += ", ";
      out += py_repr(t);
    }
    return out;
  }

  void discriminate(const SchemaNode& s, const Node& v, Pos where, const std::string& path) {
    const Node* tag = v.get(s.discriminator);
    if (!tag || !tag->is_scalar()) return;
    for (const NamedSchema& m : s.mapping) {
      if (m.name != tag->scalar) continue;
      if (s.discriminated.empty()) {
        value(*m.schema, v, where, path);
      } else if (const tmpl::MapEntry* e = v.entry(s.discriminated)) {
        value(*m.schema, e->value, e->key_pos, child_path(path, e->key));
      }
      return;
    }
  }

  std::vector<Violation>& out_;
};

void append_py_string(std::string& out, std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out += quote;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += quote;
}

void append_repr(std::string& out, const Node& n) {
  switch (n.kind) {
    case tmpl::Kind::kNull:
      out += "None";
      return;
    case tmpl::Kind::kScalar:
      if (plain_bool(n)) {
        out += *n.as_bool() ? "True" : "False";
      } else if (n.plain_is_number()) {
        out += n.scalar;
      } else {
        append_py_string(out, n.scalar);
      }
      return;
    case tmpl::Kind::kSequence:
      out += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ", ";
        append_repr(out, n.items[i]);
      }
      out += ']';
      return;
    case tmpl::Kind::kMap:
      out += '{';
      for (size_t i = 0; i < n.entries.size(); ++i) {
        if (i) out += ", ";
        append_py_string(out, n.entries[i].key);
        out += ": ";
        append_repr(out, n.entries[i].value);
      }
      out += '}';
      return;
  }
}

// difflib's matching blocks: the longest common block (earliest in a, then in b), then the
// same on each side of it, recursively. Returns the matched character count.
size_t matched(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  size_t best_i = 0, best_j = 0, best = 0;
  std::vector<size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    for (size_t j = 0; j < b.size(); ++j) {
      cur[j + 1] = a[i] == b[j] ? prev[j] + 1 : 0;
      if (cur[j + 1] > best) {
        best = cur[j + 1];
        best_i = i + 1 - best;
        best_j = j + 1 - best;
      }
    }
    std::swap(prev, cur);
  }
  if (best == 0) return 0;
  return best + matched(a.substr(0, best_i), b.substr(0, best_j)) +
         matched(a.substr(best_i + best), b.substr(best_j + best));
}

}  // namespace

void check(const SchemaNode& schema, const tmpl::Node& value, tmpl::Pos where,
           const std::string& path, std::vector<Violation>& out) {
  Walker(out).value(schema, value, where, path);
}

std::string py_repr(const tmpl::Node& value) {
  std::string out;
  append_repr(out, value);
  return out;
}

std::string py_repr(std::string_view text) {
  std::string out;
  append_py_string(out, text);
  return out;
}

double similarity(std::string_view a, std::string_view b) {
  const size_t total = a.size() + b.size();
  if (total == 0) return 1.0;
  return 2.0 * static_cast<double>(matched(a, b)) / static_cast<double>(total);
}

}  // namespace sls::validate::schema

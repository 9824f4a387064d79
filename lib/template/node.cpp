// Node accessors, CloudFormation's readings of scalars, and the JSON rendering of a tree.
#include "template/node.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include <nlohmann/json.hpp>

namespace sls::tmpl {

namespace {

// Doubles strictly inside +-2^63 convert to int64_t without overflow.
constexpr double kInt64Bound = 9223372036854775808.0;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// YAML 1.1/1.2 plain-scalar number shapes (decimal ints and floats, no hex/octal).
bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  if (s[0] == '-' || s[0] == '+') i = 1;
  bool digits = false, dot = false, exp = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exp) {
      exp = true;
      digits = false;
      if (i + 1 < s.size() && (s[i + 1] == '-' || s[i + 1] == '+')) ++i;
    } else {
      return false;
    }
  }
  return digits;
}

// Keys stay in file order, as cfn-lint's Python dicts print them.
nlohmann::ordered_json to_json_value(const Node& n) {
  switch (n.kind) {
    case Kind::kNull:
      return nullptr;
    case Kind::kScalar:
      if (!n.quoted && n.plain_is_bool()) return *n.as_bool();
      if (!n.quoted && n.plain_is_number()) {
        if (auto i = n.as_int()) return *i;
        if (auto d = n.as_number()) return *d;
      }
      return n.scalar;
    case Kind::kSequence: {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const Node& it : n.items) a.push_back(to_json_value(it));
      return a;
    }
    case Kind::kMap: {
      nlohmann::ordered_json o = nlohmann::ordered_json::object();
      for (const MapEntry& e : n.entries) o[e.key] = to_json_value(e.value);
      return o;
    }
  }
  return nullptr;
}

}  // namespace

const Node* Node::get(std::string_view key) const {
  const MapEntry* e = entry(key);
  return e ? &e->value : nullptr;
}

Node* Node::get(std::string_view key) {
  if (kind != Kind::kMap) return nullptr;
  for (MapEntry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const MapEntry* Node::entry(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const MapEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

void Node::set(std::string key, Node value) {
  if (kind != Kind::kMap) {
    kind = Kind::kMap;
    entries.clear();
  }
  if (Node* existing = get(key)) {
    *existing = std::move(value);
    return;
  }
  const Pos p = value.pos;
  entries.push_back(MapEntry{std::move(key), p, std::move(value)});
}

bool Node::erase(std::string_view key) {
  const auto it =
      std::find_if(entries.begin(), entries.end(), [&](const MapEntry& e) { return e.key == key; });
  if (it == entries.end()) return false;
  entries.erase(it);
  return true;
}

std::optional<int64_t> Node::as_int() const {
  if (kind != Kind::kScalar || scalar.empty()) return std::nullopt;
  std::string_view s = scalar;
  if (s.front() == '+') s.remove_prefix(1);
  int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size()) return v;
  // "128.0" is an integer too for CloudFormation's integer properties. The range test comes
  // first: converting a double outside int64_t's range (1e999 is inf) is undefined.
  const std::optional<double> d = as_number();
  if (!d || !(*d<kInt64Bound&& * d> - kInt64Bound)) return std::nullopt;
  const auto i = static_cast<int64_t>(*d);
  if (static_cast<double>(i) != *d) return std::nullopt;
  return i;
}

std::optional<double> Node::as_number() const {
  if (kind != Kind::kScalar || !looks_numeric(scalar)) return std::nullopt;
  return std::strtod(scalar.c_str(), nullptr);
}

std::optional<bool> Node::as_bool() const {
  if (kind != Kind::kScalar) return std::nullopt;
  if (iequals(scalar, "true")) return true;
  if (iequals(scalar, "false")) return false;
  if (!quoted) {
    if (iequals(scalar, "yes") || iequals(scalar, "on")) return true;
    if (iequals(scalar, "no") || iequals(scalar, "off")) return false;
  }
  return std::nullopt;
}

bool Node::plain_is_number() const {
  return kind == Kind::kScalar && !quoted && looks_numeric(scalar);
}

bool Node::plain_is_bool() const {
  return kind == Kind::kScalar && !quoted && (iequals(scalar, "true") || iequals(scalar, "false"));
}

Node Node::make_scalar(std::string s, Pos p) {
  Node n;
  n.kind = Kind::kScalar;
  n.scalar = std::move(s);
  n.pos = p;
  return n;
}

Node Node::make_map(Pos p) {
  Node n;
  n.kind = Kind::kMap;
  n.pos = p;
  return n;
}

Node Node::make_seq(Pos p) {
  Node n;
  n.kind = Kind::kSequence;
  n.pos = p;
  return n;
}

bool Node::operator==(const Node& o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case Kind::kNull:
      return true;
    case Kind::kScalar:
      return scalar == o.scalar;
    case Kind::kSequence:
      return items == o.items;
    case Kind::kMap:
      if (entries.size() != o.entries.size()) return false;
      for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].key != o.entries[i].key || !(entries[i].value == o.entries[i].value)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

std::optional<Intrinsic> as_intrinsic(const Node& n) {
  if (n.kind != Kind::kMap || n.entries.size() != 1) return std::nullopt;
  const std::string& k = n.entries.front().key;
  if (k == "Ref" || k == "Condition" || k.starts_with("Fn::")) {
    return Intrinsic{k, n.entries.front().value};
  }
  return std::nullopt;
}

bool is_intrinsic(const Node& n) { return as_intrinsic(n).has_value(); }

std::string describe(const Node& n) {
  switch (n.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kScalar:
      if (n.plain_is_bool()) return "boolean";
      if (n.plain_is_number()) return "number";
      return "string";
    case Kind::kSequence:
      return "list";
    case Kind::kMap:
      if (auto in = as_intrinsic(n)) return std::string(in->name);
      return "map";
  }
  return "null";
}

std::string to_json(const Node& n) {
  return to_json_value(n).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace sls::tmpl

// The value tree of a template: what YAML or JSON said, with the line and column of every
// value. Short-form tags (!Ref, !Sub, ...) are already turned into their long forms here
// ({"Ref": x}, {"Fn::Sub": x}, {"Condition": x}), so nothing downstream sees a tag.
// Thread safety: a Node is a plain value; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sls::tmpl {

enum class Kind : uint8_t { kNull, kScalar, kSequence, kMap };

// 1-based position in the file; line 0 = synthesized value with no place in the file.
struct Pos {
  int line = 0;
  int col = 0;
  bool operator==(const Pos&) const = default;
};

struct MapEntry;

struct Node {
  Kind kind = Kind::kNull;
  Pos pos;
  std::string scalar;             // kScalar: the text as written (unquoted, unescaped)
  bool quoted = false;            // kScalar: it was quoted, so it is a string whatever it says
  std::vector<Node> items;        // kSequence
  std::vector<MapEntry> entries;  // kMap, in file order, keys unique

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_seq() const { return kind == Kind::kSequence; }
  bool is_map() const { return kind == Kind::kMap; }

  // The value under `key` in a map, or nullptr (also for non-maps).
  const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  // The entry (with the key's own position) under `key`, or nullptr.
  const MapEntry* entry(std::string_view key) const;
  // Sets or replaces `key` in a map (appends at the end when new).
  void set(std::string key, Node value);
  bool erase(std::string_view key);

  // Scalar readings, as CloudFormation reads them. nullopt when the node is not a scalar of
  // that shape (a quoted "5" is still a number for CloudFormation, so quoting is ignored).
  std::optional<int64_t> as_int() const;
  std::optional<double> as_number() const;
  std::optional<bool> as_bool() const;  // true/false (any case); also YAML 1.1 yes/no/on/off
  // A plain (unquoted) scalar that YAML would read as a number/bool/null, not a string.
  bool plain_is_number() const;
  bool plain_is_bool() const;

  // Builders for synthesized values.
  static Node make_scalar(std::string s, Pos p = {});
  static Node make_map(Pos p = {});
  static Node make_seq(Pos p = {});

  bool operator==(const Node& other) const;  // structure and text, positions ignored
};

struct MapEntry {
  std::string key;
  Pos key_pos;
  Node value;
};

// A CloudFormation intrinsic function call: a map with exactly one key that is "Ref",
// "Condition" or starts with "Fn::".
struct Intrinsic {
  std::string_view name;  // "Ref", "Fn::Sub", "Condition", ...
  const Node& arg;
};
std::optional<Intrinsic> as_intrinsic(const Node& n);
bool is_intrinsic(const Node& n);

// The node's kind in words, as messages say it: "string", "number", "boolean", "list",
// "map", "null", or the intrinsic's name.
std::string describe(const Node& n);

// Compact JSON for the node (scalars as strings unless plain numbers/bools), for messages
// and JSON output.
std::string to_json(const Node& n);

}  // namespace sls::tmpl

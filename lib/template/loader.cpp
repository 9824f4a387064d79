// YAML/JSON text -> located Node tree, built straight from yaml-cpp's parse events (no
// intermediate YAML::Node graph). Short-form tags become long forms here; duplicate keys,
// alias expansion and nesting depth are checked while building.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "template/template.h"

namespace sls::tmpl {

namespace {

// Maps at or above this size index their keys for the duplicate check; smaller ones scan.
constexpr size_t kIndexKeysAt = 16;

Pos pos_of(const YAML::Mark& m) { return Pos{m.line + 1, m.column + 1}; }

// The file is filled in by load_string, which knows it.
SourceLoc loc_of(const YAML::Mark& m) { return SourceLoc{"", m.line + 1, m.column + 1}; }

// Short tag -> long intrinsic name ("" when the tag is not one of CloudFormation's).
std::string_view long_name(const std::string& tag) {
  static const std::unordered_map<std::string, std::string_view> kTags = {
      {"!Ref", "Ref"},
      {"!Condition", "Condition"},
      {"!GetAtt", "Fn::GetAtt"},
      {"!Sub", "Fn::Sub"},
      {"!Join", "Fn::Join"},
      {"!If", "Fn::If"},
      {"!Select", "Fn::Select"},
      {"!Split", "Fn::Split"},
      {"!FindInMap", "Fn::FindInMap"},
      {"!ImportValue", "Fn::ImportValue"},
      {"!GetAZs", "Fn::GetAZs"},
      {"!Base64", "Fn::Base64"},
      {"!Cidr", "Fn::Cidr"},
      {"!Equals", "Fn::Equals"},
      {"!Not", "Fn::Not"},
      {"!And", "Fn::And"},
      {"!Or", "Fn::Or"},
      {"!Transform", "Fn::Transform"},
      {"!Length", "Fn::Length"},
      {"!ToJsonString", "Fn::ToJsonString"},
      {"!GetStackOutput", "Fn::GetStackOutput"},
  };
  const auto it = kTags.find(tag);
  return it == kTags.end() ? std::string_view{} : it->second;
}

// A tag taken off a block scalar's header line before parsing (see untag_block_headers), keyed by
// the 1-based line and column of the block indicator ('|' or '>').
struct DeferredTag {
  std::string tag;
  Pos pos;  // of the tag itself: the node's position
};
using DeferredTags = std::map<std::pair<int, int>, DeferredTag>;

class Builder : public YAML::EventHandler {
 public:
  Builder(const LoadOptions& opts, std::vector<Diagnostic>& diags, const DeferredTags& deferred)
      : opts_(opts), diags_(diags), deferred_(deferred) {}

  Node take_root() { return std::move(root_); }
  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Node n;
    n.pos = pos_of(mark);
    finish(std::move(n), "", anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      // yaml-cpp knows the anchor (it rejects undefined ones itself), so it is still open: the
      // alias sits inside the value it names.
      throw Error(Errc::kTemplateInvalid,
                  "alias refers to its own enclosing anchor (recursive alias)", loc_of(mark));
    }
    const size_t w = weight(it->second);
    alias_values_ += w;
    if (alias_values_ > opts_.max_alias_values) {
      throw Error(Errc::kTemplateInvalid,
                  "YAML aliases expand to more than " + std::to_string(opts_.max_alias_values) +
                      " values (billion laughs?)",
                  loc_of(mark));
    }
    count(w, mark);
    Node copy = it->second;
    finish(std::move(copy), "", 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(1, mark);
    Node n = Node::make_scalar(value, pos_of(mark));
    n.quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    if (!deferred_.empty() && tag == "!") {
      const Pos p = pos_of(mark);
      if (const auto it = deferred_.find({p.line, p.col}); it != deferred_.end()) {
        n.pos = it->second.pos;
        n.quoted = false;  // as yaml-cpp reports a block scalar that carries its own tag
        return finish(std::move(n), it->second.tag, anchor);
      }
    }
    finish(std::move(n), tag, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::make_seq(pos_of(mark)), tag, anchor, mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::make_map(pos_of(mark)), tag, anchor, mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    std::string tag;
    YAML::anchor_t anchor = 0;
    bool have_key = false;  // maps: the key of the next entry has been read
    std::string key;
    Pos key_pos;
    std::unordered_map<std::string, Pos> index;  // maps with >= kIndexKeysAt entries
    size_t depth = 0;                            // this frame's index into the scratch lists
  };

  // Values a node stands for once its aliases are expanded.
  size_t weight(const Node& n) const {
    size_t w = 1;
    for (const Node& i : n.items) w += weight(i);
    for (const MapEntry& e : n.entries) w += weight(e.value);
    return w;
  }

  void count(size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ > opts_.max_nodes) {
      throw Error(Errc::kTemplateInvalid,
                  "template holds more than " + std::to_string(opts_.max_nodes) + " values",
                  loc_of(mark));
    }
  }

  void open(Node n, const std::string& tag, YAML::anchor_t anchor, const YAML::Mark& mark) {
    count(1, mark);
    if (static_cast<int>(stack_.size()) >= opts_.max_depth) {
      throw Error(Errc::kTemplateInvalid,
                  "values nest deeper than " + std::to_string(opts_.max_depth) + " levels",
                  loc_of(mark));
    }
    Frame f;
    f.node = std::move(n);
    f.tag = tag;
    f.anchor = anchor;
    f.depth = stack_.size();
    if (scratch_items_.size() <= f.depth) {
      scratch_items_.resize(f.depth + 1);
      scratch_entries_.resize(f.depth + 1);
    }
    stack_.push_back(std::move(f));
  }

  // Children collect in per-depth scratch lists whose capacity is reused, and move into the
  // node once, at its exact size: growing each node's own vector cost a fifth of a large load.
  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    std::vector<Node>& items = scratch_items_[f.depth];
    std::vector<MapEntry>& entries = scratch_entries_[f.depth];
    if (!items.empty()) {
      f.node.items.reserve(items.size());
      std::move(items.begin(), items.end(), std::back_inserter(f.node.items));
      items.clear();
    }
    if (!entries.empty()) {
      f.node.entries.reserve(entries.size());
      std::move(entries.begin(), entries.end(), std::back_inserter(f.node.entries));
      entries.clear();
    }
    finish(std::move(f.node), f.tag, f.anchor);
  }

  // Applies the tag, remembers the anchor, and hands the value to its parent.
  void finish(Node n, const std::string& tag, YAML::anchor_t anchor) {
    n = apply_tag(std::move(n), tag);
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      if (!has_root_) root_ = std::move(n);
      has_root_ = true;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == Kind::kSequence) {
      scratch_items_[parent.depth].push_back(std::move(n));
    } else if (!parent.have_key) {
      parent.key = key_text(n);
      parent.key_pos = n.pos;
      parent.have_key = true;
    } else {
      parent.have_key = false;
      add_entry(parent, std::move(n));
    }
  }

  // A mapping key's text. Keys are strings in CloudFormation; a null, map or list key (often a
  // cookiecutter "{{ name }}" placeholder, which YAML reads as a map) cannot be one, and
  // cfn-lint rejects the file for it too.
  static std::string key_text(const Node& n) {
    if (n.kind == Kind::kScalar) return n.scalar;
    const char* what = n.kind == Kind::kNull ? "null" : n.kind == Kind::kMap ? "a map" : "a list";
    throw Error(Errc::kTemplateSyntax, std::string("a mapping key must be a string, not ") + what,
                SourceLoc{"", n.pos.line, n.pos.col});
  }

  void add_entry(Frame& f, Node value) {
    std::vector<MapEntry>& es = scratch_entries_[f.depth];
    const Pos* first = nullptr;
    size_t at = es.size();
    if (!f.index.empty()) {
      if (auto it = f.index.find(f.key); it != f.index.end()) first = &it->second;
    } else {
      for (size_t i = 0; i < es.size(); ++i) {
        if (es[i].key == f.key) {
          first = &es[i].key_pos;
          at = i;
          break;
        }
      }
    }
    if (first) {
      diags_.push_back(Diagnostic{"E0000",
                                  "Duplicate found \"" + f.key + "\" (first at line " +
                                      std::to_string(first->line) + ", column " +
                                      std::to_string(first->col) + ")",
                                  f.key_pos});
      if (at == es.size()) {
        for (size_t i = 0; i < es.size(); ++i) {
          if (es[i].key == f.key) at = i;
        }
      }
      es[at].value = std::move(value);  // the last one wins, as YAML loaders keep it
      return;
    }
    es.push_back(MapEntry{f.key, f.key_pos, std::move(value)});
    if (!f.index.empty()) {
      f.index.emplace(f.key, f.key_pos);
    } else if (es.size() >= kIndexKeysAt) {
      for (const MapEntry& e : es) f.index.emplace(e.key, e.key_pos);
    }
  }

  Node apply_tag(Node n, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!" || tag.starts_with("tag:yaml.org")) return n;
    const std::string_view name = long_name(tag);
    if (name.empty()) {
      diags_.push_back(Diagnostic{"E0000", "unknown tag " + tag, n.pos});
      return n;
    }
    const Pos p = n.pos;
    if (name == "Fn::GetAtt" && n.kind == Kind::kScalar) {
      // !GetAtt Res.Attr.Sub -> ["Res", "Attr.Sub"]
      Node list = Node::make_seq(p);
      const size_t dot = n.scalar.find('.');
      list.items.push_back(Node::make_scalar(n.scalar.substr(0, dot), p));
      if (dot != std::string::npos) {
        list.items.push_back(Node::make_scalar(n.scalar.substr(dot + 1), p));
      }
      n = std::move(list);
    }
    if (n.kind == Kind::kNull && name != "Fn::GetAZs") n = Node::make_scalar("", p);
    if (name == "Fn::GetAZs" && n.kind == Kind::kNull) n = Node::make_scalar("", p);
    Node m = Node::make_map(p);
    m.entries.push_back(MapEntry{std::string(name), p, std::move(n)});
    return m;
  }

  const LoadOptions& opts_;
  std::vector<Diagnostic>& diags_;
  const DeferredTags& deferred_;
  std::vector<Frame> stack_;
  std::vector<std::vector<Node>> scratch_items_;        // by depth: items of the open list
  std::vector<std::vector<MapEntry>> scratch_entries_;  // by depth: entries of the open map
  std::unordered_map<YAML::anchor_t, Node> anchors_;
  size_t nodes_ = 0;
  size_t alias_values_ = 0;  // values added by copying anchors
  Node root_;
  bool has_root_ = false;
};

bool starts_json(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

// YAML forbids tabs where JSON allows them as white space; outside strings they are only white
// space, so spaces keep every column (a tab counts as one) and the meaning.
std::string json_tabs_to_spaces(std::string_view text) {
  std::string buf(text);
  bool in_str = false;
  for (size_t i = 0; i < buf.size(); ++i) {
    const char c = buf[i];
    if (in_str) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_str = false;
      }
    } else if (c == '"') {
      in_str = true;
    } else if (c == '\t') {
      buf[i] = ' ';
    }
  }
  return buf;
}

// The tag and block indicator of a line "<indent>[- ]!Tag |<chomp/indent digits> [# comment]",
// as offsets into the line; nullopt for any other line.
struct BlockHeader {
  size_t tag_begin, tag_end, indicator;
};

std::optional<BlockHeader> block_header(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  while (i != std::string_view::npos && i + 1 < line.size() && line[i] == '-' &&
         line[i + 1] == ' ') {
    i = line.find_first_not_of(' ', i + 1);
  }
  if (i == std::string_view::npos || line[i] != '!' || i + 1 >= line.size() || line[i + 1] == '!' ||
      line[i + 1] == '<') {
    return std::nullopt;
  }
  const size_t tag_end = line.find(' ', i);
  if (tag_end == std::string_view::npos) return std::nullopt;
  const size_t ind = line.find_first_not_of(' ', tag_end);
  if (ind == std::string_view::npos || (line[ind] != '|' && line[ind] != '>')) return std::nullopt;
  size_t j = ind + 1;
  while (j < line.size() &&
         (std::isdigit(static_cast<unsigned char>(line[j])) || line[j] == '+' || line[j] == '-')) {
    ++j;
  }
  j = std::min(line.find_first_not_of(" \r", j), line.size());
  if (j < line.size() && line[j] != '#') return std::nullopt;
  return BlockHeader{i, tag_end, ind};
}

// yaml-cpp (0.7 through 0.9) takes the column of a tag that starts its line ("  !Sub |",
// "- !Sub |") as the block scalar's parent indentation, so content written at that column, which
// YAML allows, ends the scalar and the parse fails. The rewrite blanks such tags (every other
// column stays put) and records them, so the Builder puts each back on its scalar. nullopt when
// no line has that shape.
std::optional<std::string> untag_block_headers(std::string_view text, DeferredTags& out) {
  std::string fixed(text);
  int line_no = 1;
  for (size_t start = 0; start < fixed.size(); ++line_no) {
    size_t end = fixed.find('\n', start);
    if (end == std::string::npos) end = fixed.size();
    const std::string_view line(fixed.data() + start, end - start);
    if (const std::optional<BlockHeader> h = block_header(line)) {
      const auto col = [](size_t off) { return static_cast<int>(off) + 1; };
      out[{line_no, col(h->indicator)}] =
          DeferredTag{std::string(line.substr(h->tag_begin, h->tag_end - h->tag_begin)),
                      Pos{line_no, col(h->tag_begin)}};
      std::fill(fixed.begin() + static_cast<std::ptrdiff_t>(start + h->tag_begin),
                fixed.begin() + static_cast<std::ptrdiff_t>(start + h->indicator), ' ');
    }
    start = end + 1;
  }
  if (out.empty()) return std::nullopt;
  return fixed;
}

// One parse of `text` into a tree; throws YAML::Exception, or Error without a file name.
Node parse(std::string_view text, const LoadOptions& opts, const DeferredTags& deferred,
           std::vector<Diagnostic>& diags) {
  std::istringstream in{std::string(text)};
  Builder b(opts, diags, deferred);
  YAML::Parser parser(in);
  parser.HandleNextDocument(b);
  return b.take_root();
}
}  // namespace

Template load_string(std::string_view text, std::string path, const LoadOptions& opts) {
  Template t;
  t.path = std::move(path);
  t.size_bytes = text.size();
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 BOM
  t.is_json = starts_json(text);
  std::string buf;
  if (t.is_json && text.find('\t') != std::string_view::npos) {
    buf = json_tabs_to_spaces(text);
    text = buf;
  }
  try {
    try {
      t.root = parse(text, opts, {}, t.diagnostics);
    } catch (const YAML::Exception& e) {
      DeferredTags deferred;
      const std::optional<std::string> fixed =
          t.is_json ? std::nullopt : untag_block_headers(text, deferred);
      if (!fixed) throw;
      std::vector<Diagnostic> diags;
      try {
        t.root = parse(*fixed, opts, deferred, diags);
      } catch (const YAML::Exception&) {
        throw e;  // the rewrite did not help: report the text's own error
      }
      t.diagnostics = std::move(diags);
    }
  } catch (const YAML::Exception& e) {
    throw Error(Errc::kTemplateSyntax, e.msg, {t.path, e.mark.line + 1, e.mark.column + 1});
  } catch (const Error& e) {
    throw Error(e.code(), e.message(), {t.path, e.where().line, e.where().col});
  }
  return t;
}

Template load_file(const std::string& path, const LoadOptions& opts) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(Errc::kIo, "cannot read template: " + path, {path, 0, 0});
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) throw Error(Errc::kIo, "cannot read template: " + path, {path, 0, 0});
  return load_string(ss.str(), path, opts);
}

}  // namespace sls::tmpl

// --parameter-overrides parsing, as SAM CLI reads the option (samcli/cli/types.py,
// CfnParameterOverridesType): its two regular expressions are followed here by hand, match for
// match, so that quoting, escapes and stray text are read exactly as `sam` reads them.
#include <cctype>
#include <filesystem>
#include <set>

#include "template/internal.h"

namespace sls::tmpl {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOptionPrefix = "Invalid value for '--parameter-overrides': ";
constexpr std::string_view kExamples =
    "'ParameterKey=KeyPairName,ParameterValue=MyKey "
    "ParameterKey=InstanceType,ParameterValue=t1.micro', "
    "'KeyPairName=MyKey InstanceType=t1.micro', or 'file://MyParams.yaml'";
constexpr std::string_view kFileScheme = "file://";

using Pairs = std::vector<std::pair<std::string, std::string>>;

// SAM's key pattern [A-Za-z0-9"']+ (ASCII only, as in Python's re without flags).
bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' ||
         c == '\'';
}

size_t key_length(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && key_char(s[j])) ++j;
  return j - i;
}

// A backslash escape "\x" as the pattern's \\. reads it: any character but a newline.
bool escape_at(std::string_view s, size_t j) {
  return s[j] == '\\' && j + 1 < s.size() && s[j + 1] != '\n';
}

// Length of the value starting at s[i] (0 when none), taking the first alternative of SAM's
// value pattern that matches: "..." | '...' | (\\.|[^ "\\])+
size_t value_length(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const char q = s[i];
  if (q == '"' || q == '\'') {
    size_t j = i + 1;
    while (j < s.size() && s[j] != q) {
      if (s[j] == '\\') {
        if (!escape_at(s, j)) break;
        ++j;
      }
      ++j;
    }
    if (j < s.size() && s[j] == q) return j + 1 - i;
    if (q == '"') return 0;  // the unquoted form cannot start with a double quote
  }
  size_t j = i;
  while (j < s.size() && s[j] != ' ' && s[j] != '"') {
    if (s[j] == '\\') {
      if (!escape_at(s, j)) break;
      ++j;
    }
    ++j;
  }
  return j - i;
}

// re.findall of (?:ParameterKey=KEY,ParameterValue=VALUE) over s.
Pairs find_long_form(std::string_view s) {
  constexpr std::string_view kKey = "ParameterKey=", kValue = ",ParameterValue=";
  Pairs out;
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i).starts_with(kKey)) {
      const size_t k = i + kKey.size();
      const size_t klen = key_length(s, k);
      const size_t v = k + klen + kValue.size();
      if (klen > 0 && s.substr(k + klen).starts_with(kValue)) {
        if (const size_t vlen = value_length(s, v); vlen > 0) {
          out.emplace_back(std::string(s.substr(k, klen)), std::string(s.substr(v, vlen)));
          i = v + vlen;
          continue;
        }
      }
    }
    ++i;
  }
  return out;
}

// re.findall of (?: KEY=VALUE) over s.
Pairs find_short_form(std::string_view s) {
  Pairs out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      const size_t klen = key_length(s, i + 1);
      const size_t v = i + 1 + klen + 1;
      if (klen > 0 && v - 1 < s.size() && s[v - 1] == '=') {
        if (const size_t vlen = value_length(s, v); vlen > 0) {
          out.emplace_back(std::string(s.substr(i + 1, klen)), std::string(s.substr(v, vlen)));
          i = v + vlen;
          continue;
        }
      }
    }
    ++i;
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// SAM's _unquote_wrapped_quotes: drop one pair of wrapping quotes, then unescape.
std::string unquote(std::string v) {
  if (!v.empty() && v.front() == v.back() && (v.front() == '"' || v.front() == '\'')) {
    v = v.size() >= 2 ? v.substr(1, v.size() - 2) : std::string();
  }
  replace_all(v, "\\ ", " ");
  replace_all(v, "\\\"", "\"");
  replace_all(v, "\\'", "'");
  return v;
}

std::string strip(std::string_view s) {
  const auto ws = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

class OverrideReader {
 public:
  std::map<std::string, std::string> take() {
    std::map<std::string, std::string> out;
    for (auto& [k, v] : pairs_) out[unquote(std::move(k))] = unquote(std::move(v));
    return out;
  }

  // A value read from a file: strings as on the command line, lists item by item, maps as
  // key/value pairs (a list value is joined with commas, `$include` reads more values).
  void read_node(const Node& n, const fs::path* file) {
    if (n.is_seq()) {
      for (const Node& item : n.items) read_node(item, file);
    } else if (n.is_scalar()) {
      read_text(n.scalar, file);
    } else if (n.is_map()) {
      for (const MapEntry& e : n.entries) read_entry(e, file);
    }
  }

  void read_text(const std::string& value, const fs::path* from_file) {
    if (value.starts_with(kFileScheme)) return read_file(value, from_file);
    const std::string s = " " + strip(value);
    Pairs found = find_long_form(s);
    if (found.empty()) found = find_short_form(s);
    if (found.empty()) {
      throw Error(Errc::kUsage, std::string(kOptionPrefix) + value +
                                    " is not a valid format. It must look something like " +
                                    std::string(kExamples));
    }
    for (auto& p : found) pairs_.push_back(std::move(p));
  }

 private:
  void read_file(const std::string& value, const fs::path* from_file) {
    fs::path p(value.substr(kFileScheme.size()));
    if (p.is_relative() && from_file) p = from_file->parent_path() / p;
    std::error_code ec;
    p = fs::weakly_canonical(p, ec);
    if (ec || !fs::is_regular_file(p, ec)) {
      throw Error(Errc::kNotFound,
                  std::string(kOptionPrefix) + value + " was not found or is a directory");
    }
    const std::string ext = p.extension().string();
    if (ext != ".toml" && ext != ".yaml" && ext != ".yml") {
      throw Error(Errc::kUsage,
                  std::string(kOptionPrefix) + value + " uses an unsupported extension");
    }
    if (!open_files_.insert(p.string()).second) {
      throw Error(Errc::kUsage,
                  std::string(kOptionPrefix) +
                      "Infinite recursion detected in file references: " + p.string());
    }
    read_node(detail::load_config_file(p.string()), &p);
    open_files_.erase(p.string());
  }

  void read_entry(const MapEntry& e, const fs::path* file) {
    if (e.key == "$include") {
      if (!e.value.is_scalar() && !e.value.is_seq()) {
        throw Error(Errc::kUsage, std::string(kOptionPrefix) +
                                      "$include must be a string or list of strings, got " +
                                      describe(e.value));
      }
      return read_node(e.value, file);
    }
    std::string text;
    if (e.value.is_seq()) {
      for (const Node& x : e.value.items) {
        if (!x.is_scalar() || x.scalar.empty()) continue;
        if (!text.empty()) text += ',';
        text += strip(detail::py_str(x));
      }
    } else if (e.value.is_scalar()) {
      text = detail::py_str(e.value);
    }
    // SAM quotes nothing here: the pair is stored as read, then unquoted like every pair.
    pairs_.emplace_back(e.key, std::move(text));
  }

  Pairs pairs_;
  std::set<std::string> open_files_;  // files being read, to stop include cycles
};

}  // namespace

std::map<std::string, std::string> detail::overrides_from_node(const Node& n) {
  OverrideReader reader;
  if (n.is_null() || (n.is_scalar() && n.scalar.empty())) return {};  // SAM: empty means none
  reader.read_node(n, nullptr);
  return reader.take();
}

std::map<std::string, std::string> parse_parameter_overrides(std::span<const std::string> args) {
  OverrideReader reader;
  for (const std::string& a : args) {
    if (strip(a).empty()) continue;  // an empty option value sets nothing
    reader.read_text(a, nullptr);
  }
  return reader.take();
}

}  // namespace sls::tmpl

// samconfig.toml / samconfig.yaml defaults, read as SAM CLI reads them
// (samcli/lib/config/samconfig.py and samcli/cli/cli_config_file.py).
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "template/internal.h"

namespace sls::tmpl {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDefaultEnv = "default";
constexpr std::string_view kGlobalCommand = "global";
constexpr std::string_view kSection = "parameters";
constexpr std::string_view kDefaultName = "samconfig.toml";
constexpr std::string_view kReadError = "Error reading configuration: ";
// In SAM's order of preference.
constexpr std::string_view kDefaultFiles[] = {"samconfig.toml", "samconfig.yaml", "samconfig.yml"};

Pos pos_of(const toml::source_region& r) {
  return Pos{static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

// Python's str() of a float, which always shows a '.' or an exponent ("1.0", "0.1", "1e+20").
std::string float_text(double d) {
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // 'n': inf and nan
  return s;
}

Node toml_value(const toml::node& v);

Node toml_table(const toml::table& t) {
  Node m = Node::make_map(pos_of(t.source()));
  for (const auto& [k, v] : t) {
    m.entries.push_back(MapEntry{std::string(k.str()), pos_of(k.source()), toml_value(v)});
  }
  return m;
}

Node toml_value(const toml::node& v) {
  const Pos p = pos_of(v.source());
  if (const toml::table* t = v.as_table()) return toml_table(*t);
  if (const toml::array* a = v.as_array()) {
    Node s = Node::make_seq(p);
    for (const toml::node& item : *a) s.items.push_back(toml_value(item));
    return s;
  }
  if (const auto* str = v.as_string()) {
    Node n = Node::make_scalar(str->get(), p);
    n.quoted = true;
    return n;
  }
  if (const auto* i = v.as_integer()) return Node::make_scalar(std::to_string(i->get()), p);
  if (const auto* f = v.as_floating_point()) return Node::make_scalar(float_text(f->get()), p);
  if (const auto* b = v.as_boolean()) return Node::make_scalar(b->get() ? "true" : "false", p);
  std::ostringstream os;  // dates and times, as TOML writes them
  v.visit([&os](const auto& x) { os << x; });
  Node n = Node::make_scalar(os.str(), p);
  n.quoted = true;
  return n;
}

std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw Error(Errc::kIo, "cannot read " + path, {path, 0, 0});
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// SAM requires a float `version` in every non-empty file (SamConfig._version_sanity_check).
void check_version(const Node& doc, const std::string& path) {
  const MapEntry* v = doc.entry("version");
  const bool is_float =
      v && v->value.plain_is_number() && v->value.scalar.find_first_of(".eE") != std::string::npos;
  if (is_float) return;
  throw Error(
      Errc::kTemplateSyntax,
      std::string(kReadError) + "'version' key is not present or is in unrecognized format. ",
      v ? SourceLoc{path, v->key_pos.line, v->key_pos.col} : SourceLoc{path, 0, 0});
}

// doc[key] when it is a table (a missing key reads as an empty one); throws for other values,
// which SAM cannot read either.
const Node* table_at(const Node& doc, std::string_view key, const std::string& where,
                     const std::string& path) {
  const MapEntry* e = doc.entry(key);
  if (!e || e->value.is_null()) return nullptr;
  if (e->value.is_map()) return &e->value;
  throw Error(Errc::kTemplateSyntax, std::string(kReadError) + "[" + where + "] is not a table",
              {path, e->key_pos.line, e->key_pos.col});
}

// A parameter_overrides value as one string the override parser reads back to the same pairs:
// SAM reads each list item or map entry separately, so they are re-quoted here.
std::string overrides_text(const Node& v) {
  if (v.is_scalar()) return v.scalar;
  std::string out;
  for (const auto& [key, value] : detail::overrides_from_node(v)) {
    std::string quoted;
    for (const char c : value) {
      if (c == '"') quoted += '\\';
      quoted += c;
    }
    if (!out.empty()) out += ' ';
    out += key + "=\"" + quoted + "\"";
  }
  return out;
}

std::string option_text(const std::string& key, const Node& v) {
  if (key == "parameter_overrides") return overrides_text(v);
  if (v.is_scalar()) return v.scalar;
  std::string out;
  for (const Node& item : v.items) {
    if (!item.is_scalar()) continue;
    if (!out.empty()) out += ' ';
    out += item.scalar;
  }
  return out;
}

// The file SAM would read: the explicit one (relative to `dir`), else the first default name
// that exists; "" when there is none.
std::string config_path(const std::string& dir, const std::string& explicit_file) {
  std::error_code ec;
  if (!explicit_file.empty()) {
    const fs::path p = fs::path(explicit_file).is_absolute() ? fs::path(explicit_file)
                                                             : fs::path(dir) / explicit_file;
    if (fs::is_regular_file(p, ec) || fs::is_fifo(p, ec)) return p.string();
    if (explicit_file == kDefaultName) return "";  // SAM does not insist on its default name
    throw Error(Errc::kNotFound,
                "Config file " + explicit_file + " does not exist or could not be read!");
  }
  for (const std::string_view name : kDefaultFiles) {
    const fs::path p = fs::path(dir) / name;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

std::string command_key(std::string_view command) {
  std::string key(command);
  for (char& c : key) {
    if (c == ' ' || c == '-') c = '_';
  }
  return key;
}

}  // namespace

Node detail::load_config_file(const std::string& path) {
  const std::string text = read_text(path);
  if (path.ends_with(".toml")) {
    try {
      return toml_table(toml::parse(text, path));
    } catch (const toml::parse_error& e) {
      const toml::source_position at = e.source().begin;
      throw Error(Errc::kTemplateSyntax, std::string(kReadError) + std::string(e.description()),
                  {path, static_cast<int>(at.line), static_cast<int>(at.column)});
    }
  }
  try {
    return load_string(text, path).root;
  } catch (const Error& e) {
    throw Error(Errc::kTemplateSyntax, std::string(kReadError) + e.message(), e.where());
  }
}

std::map<std::string, std::string> read_samconfig(const std::string& dir, std::string_view env,
                                                  std::string_view command,
                                                  const std::string& explicit_file) {
  const std::string path = config_path(dir, explicit_file);
  if (path.empty()) return {};
  if (!path.ends_with(".toml") && !path.ends_with(".yaml") && !path.ends_with(".yml")) {
    throw Error(Errc::kUsage,
                "The config file " + path + " uses an unsupported extension, and cannot be read.");
  }
  const Node doc = detail::load_config_file(path);
  if (doc.is_null() || (doc.is_map() && doc.entries.empty())) return {};
  if (!doc.is_map()) {
    throw Error(Errc::kTemplateSyntax, std::string(kReadError) + "the file is not a table",
                {path, doc.pos.line, doc.pos.col});
  }
  check_version(doc, path);
  const std::string e(env.empty() ? kDefaultEnv : env);
  const Node* env_table = table_at(doc, e, e, path);
  if (!env_table) return {};
  std::map<std::string, std::string> out;
  for (const std::string& cmd : {std::string(kGlobalCommand), command_key(command)}) {
    const std::string where = e + "." + cmd;
    const Node* cmd_table = table_at(*env_table, cmd, where, path);
    const Node* params =
        cmd_table ? table_at(*cmd_table, kSection, where + "." + std::string(kSection), path)
                  : nullptr;
    if (!params) continue;
    for (const MapEntry& p : params->entries) out[p.key] = option_text(p.key, p.value);
  }
  return out;
}

}  // namespace sls::tmpl

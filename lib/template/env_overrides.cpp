// `--env-vars` files and how their values reach a function, as SAM CLI does it
// (samcli/commands/local/cli_common/invoke_context.py _get_env_vars_value and
// samcli/local/lambdafn/env_vars.py EnvironmentVariables.resolve).
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "template/template.h"

namespace sls::tmpl {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw Error(Errc::kUsage,
              "Could not read environment variables overrides from file " + path + ": " + why);
}

// An override value as SAM CLI stringifies it: text as is, booleans lower-case, numbers as
// JSON writes them, null/maps/lists blank.
std::string value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  return "";
}

std::map<std::string, std::string> variables(const std::string& path, const std::string& key,
                                             const json& entry) {
  if (!entry.is_object()) fail(path, "the value of \"" + key + "\" must be an object");
  std::map<std::string, std::string> out;
  for (const auto& [name, v] : entry.items()) out[name] = value_text(v);
  return out;
}

std::string trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// A .env file (python-dotenv's common subset): KEY=VALUE per line, `export ` allowed, # comments,
// values optionally in single or double quotes (double-quoted ones unescape \n, \" and \\).
std::map<std::string, std::string> read_dotenv(const std::string& path, const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string s = trim(line);
    if (s.empty() || s.front() == '#') continue;
    if (s.starts_with("export ")) s = trim(std::string_view(s).substr(7));
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      fail(path, "line " + std::to_string(number) + " is not KEY=VALUE");
    }
    const std::string key = trim(std::string_view(s).substr(0, eq));
    std::string value = trim(std::string_view(s).substr(eq + 1));
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
      value = value.substr(1, value.size() - 2);
    } else if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      std::string un;
      for (size_t i = 1; i + 1 < value.size(); ++i) {
        if (value[i] == '\\' && i + 2 < value.size()) {
          const char c = value[++i];
          un += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
          un += value[i];
        }
      }
      value = std::move(un);
    } else if (const size_t hash = value.find(" #"); hash != std::string::npos) {
      value = trim(std::string_view(value).substr(0, hash));
    }
    out[key] = std::move(value);
  }
  return out;
}

bool is_dotenv(const std::string& path) {
  const std::string name = path.substr(path.find_last_of('/') + 1);
  return name == ".env" || name.ends_with(".env") || name.starts_with(".env.");
}

}  // namespace

EnvOverrides read_env_overrides(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) fail(path, "cannot open the file");
  std::ostringstream ss;
  ss << f.rdbuf();
  EnvOverrides out;
  if (is_dotenv(path)) {
    out.parameters = read_dotenv(path, ss.str());
    return out;
  }
  json doc;
  try {
    doc = json::parse(ss.str());
  } catch (const json::parse_error& e) {
    fail(path, e.what());
  }
  if (!doc.is_object()) fail(path, "the file must hold a JSON object");
  for (const auto& [key, entry] : doc.items()) {
    if (key == "Parameters") {
      out.parameters = variables(path, key, entry);
    } else {
      out.functions[key] = variables(path, key, entry);
    }
  }
  return out;
}

void apply_env_overrides(Function& fn, const EnvOverrides& overrides,
                         const std::map<std::string, std::string>& shell) {
  const std::map<std::string, std::string>* own = nullptr;
  for (const std::string& key : {fn.logical_id, fn.name}) {
    if (auto it = overrides.functions.find(key); it != overrides.functions.end()) {
      own = &it->second;
      break;
    }
  }
  for (auto& [name, value] : fn.environment) {
    if (own) {
      if (auto it = own->find(name); it != own->end()) {
        value = it->second;
        continue;
      }
    }
    if (auto it = overrides.parameters.find(name); it != overrides.parameters.end()) {
      value = it->second;
    } else if (auto sh = shell.find(name); sh != shell.end()) {
      value = sh->second;
    }
  }
}

}  // namespace sls::tmpl

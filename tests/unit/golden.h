// Golden files: output a person or a tool reads is compared byte for byte with a file under
// tests/fixtures/. Run the tests with SLS_UPDATE_GOLDEN=1 to write the files instead, then
// review the diff in the commit (cfn-lint's snapshot habit).
//   check_golden("validate/reporters/clean/expected.json", render(...));
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace sls::test {

inline std::filesystem::path fixtures_dir() {
  return std::filesystem::path(SLS_SOURCE_DIR) / "tests" / "fixtures";
}

inline bool updating_golden() {
  const char* v = std::getenv("SLS_UPDATE_GOLDEN");
  return v && std::string_view(v) == "1";
}

// Reads a whole file; false when it cannot be read.
inline bool read_golden(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// The line of `text` that starts at byte `line_start`, or "<end of text>" past its end.
inline std::string line_at(std::string_view text, size_t line_start) {
  if (line_start >= text.size()) return "<end of text>";
  const size_t end = text.find('\n', line_start);
  return std::string(
      text.substr(line_start, end == std::string_view::npos ? end : end - line_start));
}

// "line 3:\n  expected: ...\n  actual:   ...": the first line where the texts part, so a
// failure says where to look without printing both files.
inline std::string first_difference(std::string_view expected, std::string_view actual) {
  size_t pos = 0;
  while (pos < expected.size() && pos < actual.size() && expected[pos] == actual[pos]) ++pos;
  const std::string_view same = expected.substr(0, pos);
  const size_t nl = same.rfind('\n');
  const size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
  const auto line = 1 + std::count(same.begin(), same.end(), '\n');
  return "line " + std::to_string(line) + ":\n  expected: " + line_at(expected, line_start) +
         "\n  actual:   " + line_at(actual, line_start);
}

// Compares `actual` with tests/fixtures/<relative_path>, or writes it there when
// SLS_UPDATE_GOLDEN=1 (creating folders as needed).
inline void check_golden(const std::string& relative_path, const std::string& actual) {
  const std::filesystem::path path = fixtures_dir() / relative_path;
  if (updating_golden()) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    CHECK_MESSAGE(out.good(), "cannot write golden file " << path.string());
    return;
  }
  std::string expected;
  if (!read_golden(path, expected)) {
    FAIL_CHECK("missing golden file " << path.string()
                                      << " (run the tests with SLS_UPDATE_GOLDEN=1 to write it)");
    return;
  }
  if (expected != actual) {
    FAIL_CHECK("output differs from golden file " << relative_path
                                                  << " (SLS_UPDATE_GOLDEN=1 rewrites it), first at "
                                                  << first_difference(expected, actual));
  }
}

}  // namespace sls::test

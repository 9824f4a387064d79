// Helpers the template room's tests share: readable positions in doctest's output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "template/template.h"

namespace sls::tmpl {

inline std::ostream& operator<<(std::ostream& os, const Pos& p) {
  return os << p.line << ":" << p.col;
}

}  // namespace sls::tmpl

namespace sls {

inline std::ostream& operator<<(std::ostream& os, const SourceLoc& l) {
  return os << l.file << ":" << l.line << ":" << l.col;
}

}  // namespace sls

namespace doctest {

// Lists of lines print one per line, so a failed comparison shows what differs.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const std::string& l : lines) out += "\n  \"" + l + "\"";
    return String((out + "\n}").c_str());
  }
};

}  // namespace doctest

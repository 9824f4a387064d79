// Helpers the template room's tests share: readable positions in doctest's output.
#pragma once

#include <ostream>

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

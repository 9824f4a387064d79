// Lookup over the generated table of embedded files.
#include "core/embedded.h"

namespace sls::embedded {

std::string_view find(std::string_view path) {
  for (const EmbeddedFile& f : files()) {
    if (f.path == path) return f.text;
  }
  return {};
}

}  // namespace sls::embedded

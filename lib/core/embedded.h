// Data files compiled into the binary (schemas/*.json), so sls needs no install tree to run.
// Thread safety: constants only.
#pragma once

#include <span>
#include <string_view>

namespace sls::embedded {

struct EmbeddedFile {
  std::string_view path;  // relative to schemas/, e.g. "resources/AWS_Lambda_Function.json"
  std::string_view text;
};

std::span<const EmbeddedFile> files();

// The file at `path`, or an empty view.
std::string_view find(std::string_view path);

}  // namespace sls::embedded

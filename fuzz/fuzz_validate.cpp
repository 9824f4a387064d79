// Fuzzes the whole validate pipeline: load, model, every rule, every reporter.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sls::validate::FileReport r = sls::validate::validate_text(text, "fuzz.yaml", {});
  for (auto f : {sls::validate::Format::kText, sls::validate::Format::kJson,
                 sls::validate::Format::kSarif, sls::validate::Format::kJunit}) {
    (void)sls::validate::render(f, {r});
  }
  return 0;
}

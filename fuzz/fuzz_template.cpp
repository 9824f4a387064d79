// Fuzzes the template loader and model builder: any bytes must load or fail with sls::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "template/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    sls::tmpl::Template t = sls::tmpl::load_string(text, "fuzz.yaml");
    const sls::tmpl::App app = sls::tmpl::App::build(std::move(t));
    for (const sls::tmpl::Resource& r : app.resources()) (void)app.resolve(r.properties);
  } catch (const sls::Error&) {
    // Expected for malformed input: a located error, never a crash.
  }
  return 0;
}

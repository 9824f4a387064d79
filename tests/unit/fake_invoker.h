// What the Invoke API tests' fake invokers share: the functions they know, found by name or
// logical id as the Service finds them. Each test's invoker adds how it answers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/invoke_api.h"

namespace sls::test {

inline runtime::FunctionConfig function_config(std::string logical_id, std::string name) {
  runtime::FunctionConfig f;
  f.logical_id = std::move(logical_id);
  f.name = std::move(name);
  return f;
}

// Knows "hello" (logical id HelloFunction), "Limited" (reserved concurrency 1) and `more`.
class FunctionsInvoker : public runtime::Invoker {
 public:
  explicit FunctionsInvoker(std::vector<runtime::FunctionConfig> more = {}) {
    runtime::FunctionConfig limited = function_config("Limited", "Limited");
    limited.reserved_concurrency = 1;
    functions_ = {function_config("HelloFunction", "hello"), limited};
    functions_.insert(functions_.end(), more.begin(), more.end());
  }

  const runtime::FunctionConfig* find(std::string_view name) const override {
    for (const runtime::FunctionConfig& f : functions_) {
      if (f.name == name || f.logical_id == name) return &f;
    }
    return nullptr;
  }

 private:
  std::vector<runtime::FunctionConfig> functions_;
};

}  // namespace sls::test

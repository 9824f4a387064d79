// A placeholder engine that knows no operation yet; it lets the wire and the CLI be built and
// tested while the SQLite engine is written. Every call answers UnknownOperationException.
#include "table/engine.h"

#include <utility>

namespace sls::table {

struct Engine::Impl {
  EngineOptions options;
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
Engine::~Engine() = default;

Reply Engine::call(Api /*api*/, std::string_view /*operation*/, const nlohmann::json& /*request*/) {
  Reply reply;
  reply.status = 400;
  reply.error_type = "com.amazon.coral.service#UnknownOperationException";
  reply.body = {{"__type", reply.error_type}};
  return reply;
}

void Engine::ensure_table(const nlohmann::json& /*create_table_request*/) {}

size_t Engine::sweep_ttl() { return 0; }

}  // namespace sls::table

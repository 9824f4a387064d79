// Operations not written yet answer as DynamoDB does for an operation it does not know.
#include "table/engine/context.h"

namespace sls::table::engine {
namespace {
[[noreturn]] void not_yet(const char* op) {
  throw ServiceError(Errc::kValidation, "UnknownOperationException",
                     std::string(op) + " is not supported by sls");
}
}  // namespace
nlohmann::json query(Context&, const nlohmann::json&) { not_yet("Query"); }
nlohmann::json scan(Context&, const nlohmann::json&) { not_yet("Scan"); }
nlohmann::json batch_get_item(Context&, const nlohmann::json&) { not_yet("BatchGetItem"); }
nlohmann::json batch_write_item(Context&, const nlohmann::json&) { not_yet("BatchWriteItem"); }
nlohmann::json transact_write_items(Context&, const nlohmann::json&) {
  not_yet("TransactWriteItems");
}
nlohmann::json transact_get_items(Context&, const nlohmann::json&) { not_yet("TransactGetItems"); }
}  // namespace sls::table::engine

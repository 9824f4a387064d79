// The engine's door: one dispatch table keyed by operation name, and the one catch site that
// turns every failure into DynamoDB's error body (spec/dynamodb-api.md 1.4).
#include "table/engine.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "core/log.h"
#include "table/engine/context.h"
#include "table/engine/partiql.h"
#include "table/engine/streams.h"
#include "table/engine/ttl.h"
#include "table/json_text.h"
#include "table/messages.h"

namespace sls::table {
namespace {

using engine::Body;
using engine::Context;
using engine::Handler;
using nlohmann::json;

constexpr std::string_view kServicePrefix = "com.amazonaws.dynamodb.v20120810#";
constexpr std::string_view kCoralValidate = "com.amazon.coral.validate#";
constexpr std::string_view kCoralService = "com.amazon.coral.service#";
constexpr int kClientError = 400;
constexpr int kServerError = 500;
// How often the background sweeper looks for expired items. AWS takes up to two days; a local
// emulator answers within about a second so tests and demos see deletions (spec 3.17).
constexpr std::chrono::milliseconds kSweepInterval{1000};

// An operation that builds its whole reply as a JSON tree, as a Handler.
template <json (*F)(Context&, const json&)>
Body tree(Context& ctx, const json& request) {
  return F(ctx, request);
}

const std::unordered_map<std::string_view, Handler>& dynamodb_operations() {
  static const std::unordered_map<std::string_view, Handler> ops = {
      {"CreateTable", tree<engine::create_table>},
      {"DescribeTable", tree<engine::describe_table>},
      {"ListTables", tree<engine::list_tables>},
      {"UpdateTable", tree<engine::update_table>},
      {"DeleteTable", tree<engine::delete_table>},
      {"DescribeLimits", tree<engine::describe_limits>},
      {"DescribeEndpoints", tree<engine::describe_endpoints>},
      {"PutItem", engine::put_item},
      {"GetItem", engine::get_item},
      {"UpdateItem", engine::update_item},
      {"DeleteItem", engine::delete_item},
      {"Query", engine::query},
      {"Scan", engine::scan},
      {"BatchGetItem", tree<engine::batch_get_item>},
      {"BatchWriteItem", tree<engine::batch_write_item>},
      {"TransactWriteItems", tree<engine::transact_write_items>},
      {"TransactGetItems", tree<engine::transact_get_items>},
      {"ExecuteStatement", tree<engine::execute_statement>},
      {"BatchExecuteStatement", tree<engine::batch_execute_statement>},
      {"ExecuteTransaction", tree<engine::execute_transaction>},
      {"UpdateTimeToLive", tree<engine::update_time_to_live>},
      {"DescribeTimeToLive", tree<engine::describe_time_to_live>},
      {"TagResource", tree<engine::tag_resource>},
      {"UntagResource", tree<engine::untag_resource>},
      {"ListTagsOfResource", tree<engine::list_tags_of_resource>},
  };
  return ops;
}

const std::unordered_map<std::string_view, Handler>& streams_operations() {
  static const std::unordered_map<std::string_view, Handler> ops = {
      {"ListStreams", tree<engine::stream_list_streams>},
      {"DescribeStream", tree<engine::stream_describe_stream>},
      {"GetShardIterator", tree<engine::stream_get_shard_iterator>},
      {"GetRecords", tree<engine::stream_get_records>},
  };
  return ops;
}

// Operations of the DynamoDB API that sls does not implement: they get a message naming them
// rather than the bare UnknownOperationException of a name DynamoDB does not know (spec 1.4).
bool known_unsupported(std::string_view op) {
  static const std::set<std::string_view> ops = {"CreateBackup",
                                                 "DeleteBackup",
                                                 "DescribeBackup",
                                                 "ListBackups",
                                                 "RestoreTableFromBackup",
                                                 "RestoreTableToPointInTime",
                                                 "DescribeContinuousBackups",
                                                 "UpdateContinuousBackups",
                                                 "CreateGlobalTable",
                                                 "DescribeGlobalTable",
                                                 "DescribeGlobalTableSettings",
                                                 "ListGlobalTables",
                                                 "UpdateGlobalTable",
                                                 "UpdateGlobalTableSettings",
                                                 "DescribeTableReplicaAutoScaling",
                                                 "UpdateTableReplicaAutoScaling",
                                                 "ExportTableToPointInTime",
                                                 "DescribeExport",
                                                 "ListExports",
                                                 "ImportTable",
                                                 "DescribeImport",
                                                 "ListImports",
                                                 "DescribeContributorInsights",
                                                 "ListContributorInsights",
                                                 "UpdateContributorInsights",
                                                 "DescribeKinesisStreamingDestination",
                                                 "EnableKinesisStreamingDestination",
                                                 "DisableKinesisStreamingDestination",
                                                 "UpdateKinesisStreamingDestination",
                                                 "GetResourcePolicy",
                                                 "PutResourcePolicy",
                                                 "DeleteResourcePolicy"};
  return ops.contains(op);
}

struct WireError {
  int status;
  std::string_view prefix;
  std::string_view type;
};

// One case per Errc and no default: -Wswitch flags this edge when an Errc is added.
WireError to_dynamodb(Errc code) {
  switch (code) {
    case Errc::kValidation:
      return {kClientError, kCoralValidate, "ValidationException"};
    case Errc::kSerialization:
      return {kClientError, kCoralService, "SerializationException"};
    case Errc::kNotFound:
      return {kClientError, kServicePrefix, "ResourceNotFoundException"};
    case Errc::kConflict:
      return {kClientError, kServicePrefix, "ResourceInUseException"};
    case Errc::kConditionFailed:
      return {kClientError, kServicePrefix, "ConditionalCheckFailedException"};
    case Errc::kLimitExceeded:
      return {kClientError, kServicePrefix, "LimitExceededException"};
    case Errc::kUsage:
    case Errc::kTemplateSyntax:
    case Errc::kTemplateInvalid:
    case Errc::kTimeout:
    case Errc::kIo:
    case Errc::kInternal:
      return {kServerError, kServicePrefix, "InternalServerError"};
  }
  return {kServerError, kServicePrefix, "InternalServerError"};  // unreachable
}

Reply error_reply(int status, std::string type, std::string_view message, bool capital = false) {
  Reply r;
  r.status = status;
  r.error_type = std::move(type);
  r.body = {{"__type", r.error_type}};
  if (!message.empty()) r.body[capital ? "Message" : "message"] = message;
  return r;
}

json reasons_json(const std::vector<engine::CancellationReason>& reasons) {
  json out = json::array();
  for (const engine::CancellationReason& r : reasons) {
    json j = {{"Code", r.code}};
    if (!r.message.empty()) j["Message"] = r.message;
    if (r.item) j["Item"] = render_item(*r.item);
    out.push_back(std::move(j));
  }
  return out;
}

Reply failure(const std::exception_ptr& error);

RenderedReply rendered(const Reply& r) {
  RenderedReply out{.status = r.status, .error_type = r.error_type, .body = {}};
  if (!r.body.is_null()) write_json(out.body, r.body);
  return out;
}

// The one catch site: every failure of an operation becomes its DynamoDB error body here.
RenderedReply run(Context& ctx, Handler handler, const json& request) {
  try {
    RenderedReply r;
    r.body = handler(ctx, request).render();
    return r;
  } catch (...) {
    return rendered(failure(std::current_exception()));
  }
}

// The error body of the exception `error`.
Reply failure(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const engine::TransactionCanceled& e) {
    Reply r =
        error_reply(kClientError, fmt::format("{}TransactionCanceledException", kServicePrefix),
                    e.message(), /*capital=*/true);
    r.body["CancellationReasons"] = reasons_json(e.reasons);
    return r;
  } catch (const engine::ConditionFailed& e) {
    Reply r =
        error_reply(kClientError, fmt::format("{}ConditionalCheckFailedException", kServicePrefix),
                    e.message());
    if (e.item) r.body["Item"] = render_item(*e.item);
    return r;
  } catch (const engine::ServiceError& e) {
    const WireError w = to_dynamodb(e.code());
    const bool protocol =
        e.type == "UnknownOperationException" || e.type == "AccessDeniedException";
    const std::string_view prefix = protocol ? kCoralService : kServicePrefix;
    return error_reply(w.status, fmt::format("{}{}", prefix, e.type), e.message(),
                       e.capital_message);
  } catch (const Error& e) {
    const WireError w = to_dynamodb(e.code());
    if (w.status == kServerError) sls::log::error("table engine: {}", e.message());
    const std::string_view message = w.status == kServerError ? msg::kInternalError : e.message();
    return error_reply(w.status, fmt::format("{}{}", w.prefix, w.type), message);
  } catch (const std::exception& e) {
    sls::log::error("table engine: {}", e.what());
    return error_reply(kServerError, fmt::format("{}InternalServerError", kServicePrefix),
                       msg::kInternalError);
  }
}

}  // namespace

struct Engine::Impl {
  explicit Impl(EngineOptions options) : ctx(std::move(options)) {}
  ~Impl() { stop_sweeper(); }
  void start_sweeper();
  void stop_sweeper();

  Context ctx;
  std::mutex sweeper_mu;  // guards stopping
  std::condition_variable sweeper_cv;
  bool stopping = false;
  std::thread sweeper;  // runs sweep_expired_items every kSweepInterval (spec 3.17)
};

void Engine::Impl::start_sweeper() {
  sweeper = std::thread([this] {
    std::unique_lock lock(sweeper_mu);
    while (!sweeper_cv.wait_for(lock, kSweepInterval, [this] { return stopping; })) {
      lock.unlock();
      try {
        engine::sweep_expired_items(ctx);
      } catch (const std::exception& e) {
        sls::log::error("table engine: TTL sweep: {}", e.what());
      }
      lock.lock();
    }
  });
}

void Engine::Impl::stop_sweeper() {
  {
    const std::lock_guard lock(sweeper_mu);
    stopping = true;
  }
  sweeper_cv.notify_all();
  if (sweeper.joinable()) sweeper.join();
}

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  {
    engine::WriteTxn txn(impl_->ctx.store);  // one transaction for every feature's tables
    engine::create_stream_storage(txn.conn());
    engine::create_ttl_storage(txn.conn());
    engine::create_token_storage(txn.conn());
    txn.commit();
  }
  engine::load_tables(impl_->ctx);
  if (impl_->ctx.options.ttl_sweeper) impl_->start_sweeper();
}

Engine::~Engine() = default;

Reply Engine::call(Api api, std::string_view operation, const json& request) {
  RenderedReply text = call_rendered(api, operation, request);
  Reply r{.status = text.status, .error_type = std::move(text.error_type), .body = {}};
  if (!text.body.empty()) r.body = json::parse(text.body);
  return r;
}

RenderedReply Engine::call_rendered(Api api, std::string_view operation, const json& request) {
  if (api == Api::kStreams) {
    const auto& ops = streams_operations();
    const auto it = ops.find(operation);
    if (it != ops.end()) return run(impl_->ctx, it->second, request);
  }
  if (api == Api::kDynamoDb) {
    const auto& ops = dynamodb_operations();
    const auto it = ops.find(operation);
    if (it != ops.end()) return run(impl_->ctx, it->second, request);
    if (known_unsupported(operation))
      return rendered(error_reply(kClientError,
                                  fmt::format("{}UnknownOperationException", kCoralService),
                                  fmt::format(msg::kNotSupported, operation)));
  }
  return rendered(
      error_reply(kClientError, fmt::format("{}UnknownOperationException", kCoralService), ""));
}

void Engine::ensure_table(const json& create_table_request) {
  const Reply r = call(Api::kDynamoDb, "CreateTable", create_table_request);
  if (r.ok() || r.error_type.ends_with("#ResourceInUseException")) return;
  throw Error(Errc::kValidation, r.body.value("message", r.error_type));
}

size_t Engine::sweep_ttl() { return engine::sweep_expired_items(impl_->ctx); }

}  // namespace sls::table

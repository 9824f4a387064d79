// The template's tables for the commands that run functions (cli/tables.h).
#include "cli/tables.h"

#include <fmt/format.h>

#include "core/log.h"

namespace sls::cli {

void add_function_table_options(CLI::App& cmd, FunctionTableFlags& f) {
  CLI::Option* endpoint = cmd.add_option(
      "--dynamodb-endpoint", f.dynamodb_endpoint,
      "DynamoDB endpoint for the functions (default: the template's tables, served here)");
  cmd.add_option("--db", f.db,
                 "SQLite database of the template's tables (default: .sls/tables.db next to "
                 "the template)")
      ->excludes(endpoint);
  cmd.add_flag("--no-tables", f.no_tables, "Do not serve the template's tables")
      ->excludes(endpoint);
}

bool FunctionTables::serves(const tmpl::App& app, const FunctionTableFlags& f) {
  return f.dynamodb_endpoint.empty() && !f.no_tables && !tmpl::table_requests(app).empty();
}

FunctionTables::FunctionTables(http::EventLoop& loop, const tmpl::App& app,
                               const FunctionTableFlags& f, const std::string& region) {
  if (!f.dynamodb_endpoint.empty()) {
    endpoint_ = f.dynamodb_endpoint;
    return;
  }
  if (!serves(app, f)) return;
  table::EngineOptions options;
  options.db_path = table_db_path(f.db, false, app.tpl().path);
  options.region = region;
  engine_ = std::make_unique<table::Engine>(options);
  create_tables(*engine_, app);
  http::ServerOptions server_options;
  server_options.body_limit_bytes = table::max_request_bytes();
  table::Engine& engine = *engine_;
  const table::WireOptions wire{.region = region, .strict_auth = false};
  server_ = std::make_unique<http::Server>(
      loop, "127.0.0.1", 0, http::sync_handler([&engine, wire](const http::Request& r) {
        return table::serve(engine, r, wire);
      }),
      server_options);
  endpoint_ = fmt::format("http://127.0.0.1:{}", server_->port());
  sls::log::info("tables served at {} (data in {})", endpoint_, options.db_path);
}

FunctionTables::~FunctionTables() { stop(); }

void FunctionTables::stop() {
  if (server_) server_->stop();
}

}  // namespace sls::cli

// The template's tables, for the commands that serve them (local-table), and for the commands
// that run functions (invoke, local-lambda): the tables on a free loopback port and
// AWS_ENDPOINT_URL_DYNAMODB pointing at them.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "http/http.h"
#include "table/table.h"
#include "template/template.h"

namespace sls::cli {

// --db, else "" with --in-memory, else .sls/tables.db next to the template `tpl` (or here),
// with its folder created. Throws Error{kIo} when the folder cannot be made.
std::string table_db_path(const std::string& db, bool in_memory, const std::string& tpl);

// Creates the template's tables (unless they exist) and applies their TTL settings; returns how
// many the template declares. Throws located errors: the template's own, or DynamoDB's message
// for a table it would refuse.
size_t create_tables(table::Engine& engine, const tmpl::App& app);

// The table flags of the commands that run functions.
struct FunctionTableFlags {
  std::string dynamodb_endpoint;  // --dynamodb-endpoint: the functions use this one instead
  std::string db;                 // --db: the SQLite file of the template's tables
  bool no_tables = false;         // --no-tables
};

// Adds --dynamodb-endpoint, --db and --no-tables (the last two exclude the first).
void add_function_table_options(CLI::App& cmd, FunctionTableFlags& f);

// What the functions reach as DynamoDB: the endpoint given with --dynamodb-endpoint, or the
// template's tables served on 127.0.0.1 (a free port) from `db`. Nothing is opened when the
// template declares no table or with --no-tables, so a table-less invocation pays nothing.
// Thread safety: construct and stop() on one thread; the server runs on the loop.
class FunctionTables {
 public:
  // Whether a table server would run for `app` with these flags (the template declares tables,
  // and neither --dynamodb-endpoint nor --no-tables was given).
  static bool serves(const tmpl::App& app, const FunctionTableFlags& f);

  // Throws located errors for a table the template declares and DynamoDB would refuse.
  FunctionTables(http::EventLoop& loop, const tmpl::App& app, const FunctionTableFlags& f,
                 const std::string& region);
  ~FunctionTables();
  FunctionTables(const FunctionTables&) = delete;
  FunctionTables& operator=(const FunctionTables&) = delete;

  // The value for AWS_ENDPOINT_URL_DYNAMODB; "" = leave it unset.
  const std::string& endpoint() const { return endpoint_; }
  // Stops the server (requests in flight finish). Idempotent.
  void stop();

 private:
  std::unique_ptr<table::Engine> engine_;
  std::unique_ptr<http::Server> server_;
  std::string endpoint_;
};

}  // namespace sls::cli

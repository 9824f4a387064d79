// The template's tables, for the commands that serve them (local-table, and local-lambda for
// its functions).
#pragma once

#include <cstddef>
#include <string>

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

}  // namespace sls::cli

// The engine's shared state: the catalog of published tables and the error types with extra
// members.
#include "table/engine/context.h"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "table/json_text.h"
#include "table/messages.h"

namespace sls::table::engine {

ConditionFailed::ConditionFailed(std::optional<Item> old_item)
    : Error(Errc::kConditionFailed, std::string(msg::kConditionFailed)),
      item(std::move(old_item)) {}

namespace {
std::string reason_codes(const std::vector<CancellationReason>& reasons) {
  std::string out;
  for (const CancellationReason& r : reasons) {
    if (!out.empty()) out += ", ";
    out += r.code;
  }
  return out;
}
}  // namespace

TransactionCanceled::TransactionCanceled(std::vector<CancellationReason> r)
    : Error(Errc::kConditionFailed, fmt::format(msg::kTransactionCanceled, reason_codes(r))),
      reasons(std::move(r)) {}

ServiceError::ServiceError(Errc code, std::string t, std::string message, bool capital)
    : Error(code, std::move(message)), type(std::move(t)), capital_message(capital) {}

void Body::set_rendered(std::string name, std::string json_text) {
  rendered_.insert_or_assign(std::move(name), std::move(json_text));
}

std::string Body::render() const {
  std::string out;
  if (tree_.is_null() && rendered_.empty()) return out;
  if (rendered_.empty()) {
    write_json(out, tree_);
    return out;
  }
  // Merge the tree's members and the rendered ones by name (both maps are in name order).
  static const nlohmann::json kNoMembers = nlohmann::json::object();
  const nlohmann::json& tree = tree_.is_object() ? tree_ : kNoMembers;
  auto t = tree.begin();
  const auto t_end = tree.end();
  auto r = rendered_.begin();
  size_t rendered_bytes = 0;
  for (const auto& [name, text] : rendered_) rendered_bytes += name.size() + text.size();
  constexpr size_t kRoomForTheRest = 256;  // the tree's members: counts, capacity
  out.reserve(rendered_bytes + kRoomForTheRest);
  out.push_back('{');
  bool first = true;
  const auto member = [&](const std::string& name) {
    if (!first) out.push_back(',');
    first = false;
    write_json_string(out, name);
    out.push_back(':');
  };
  while (t != t_end || r != rendered_.end()) {
    const bool take_tree = r == rendered_.end() || (t != t_end && t.key() < r->first);
    if (take_tree) {
      member(t.key());
      write_json(out, t.value());
      ++t;
    } else {
      member(r->first);
      out += r->second;
      if (t != t_end && t.key() == r->first) ++t;  // a rendered member replaces the tree's
      ++r;
    }
  }
  out.push_back('}');
  return out;
}

Context::Context(EngineOptions opts) : options(std::move(opts)), store(options.db_path) {}

double Context::now() const {
  if (options.clock) return options.clock();
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration<double>(since).count();
}

int64_t Context::now_ms() const {
  constexpr double kMillis = 1000;
  return std::llround(now() * kMillis);
}

std::string Context::table_arn(std::string_view name) const {
  return fmt::format("arn:aws:dynamodb:{}:{}:table/{}", options.region, options.account_id, name);
}

std::shared_ptr<const Table> Context::find_table(std::string_view name) const {
  if (name.starts_with("arn:")) {
    const std::string prefix = table_arn("");
    if (!name.starts_with(prefix)) return nullptr;
    name.remove_prefix(prefix.size());
    if (name.find('/') != std::string_view::npos) return nullptr;
  }
  const std::shared_lock lock(tables_mu_);
  const auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::shared_ptr<const Table> Context::require_table(std::string_view name,
                                                    std::string_view message) const {
  std::shared_ptr<const Table> t = find_table(name);
  if (!t) throw Error(Errc::kNotFound, std::string(message));
  return t;
}

std::vector<std::string> Context::table_names() const {
  const std::shared_lock lock(tables_mu_);
  std::vector<std::string> names;
  for (const auto& [name, t] : tables_) names.push_back(name);
  return names;
}

void Context::publish(std::shared_ptr<const Table> table) {
  const std::unique_lock lock(tables_mu_);
  tables_[table->meta.name] = std::move(table);
}

void Context::unpublish(const std::string& name) {
  const std::unique_lock lock(tables_mu_);
  tables_.erase(name);
}

void load_tables(Context& ctx) {
  for (const std::string& text : ctx.store.load_tables())
    ctx.publish(std::make_shared<const Table>(meta_from_json(nlohmann::json::parse(text))));
}

}  // namespace sls::table::engine

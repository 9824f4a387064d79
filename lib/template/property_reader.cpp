// Reading resolved resource properties with located errors (internal.h, PropertyReader).
#include "template/internal.h"

namespace sls::tmpl::detail {

void PropertyReader::fail(const Node& at, const std::string& message) const {
  const Pos p = at.pos.line ? at.pos : res_.pos;
  throw Error(Errc::kTemplateInvalid, std::string(noun_) + " " + res_.id + ": " + message,
              app_.tpl().loc(p));
}

void PropertyReader::expect(const Node& n, Kind kind, std::string_view what) const {
  if (const std::optional<Intrinsic> in = as_intrinsic(n)) {
    fail(n, std::string(what) + " uses " + std::string(in->name) +
                ", which cannot be resolved without a deployment");
  }
  if (n.kind == kind) return;
  static constexpr std::string_view kNames[] = {"null", "a string", "a list", "a map"};
  fail(n, std::string(what) + " must be " + std::string(kNames[static_cast<size_t>(kind)]) +
              ", not " + describe(n));
}

std::string PropertyReader::text(const Node& n, std::string_view what) const {
  expect(n, Kind::kScalar, what);
  return n.scalar;
}

int64_t PropertyReader::integer(const Node& n, std::string_view what) const {
  expect(n, Kind::kScalar, what);
  const std::optional<int64_t> v = n.as_int();
  if (!v) fail(n, std::string(what) + " must be an integer, not " + to_json(n));
  return *v;
}

bool PropertyReader::boolean(const Node& n, std::string_view what) const {
  expect(n, Kind::kScalar, what);
  const std::optional<bool> v = n.as_bool();
  if (!v) fail(n, std::string(what) + " must be true or false, not " + to_json(n));
  return *v;
}

}  // namespace sls::tmpl::detail

// The handler of failed BOOST_ASSERTs in the fuzz targets (the fuzz build defines
// BOOST_ENABLE_ASSERT_DEBUG_HANDLER): it aborts, as Boost does without a handler, with one
// exception. Boost 1.81's basic_parser::parse_chunk_header asserts `n >= 5` when it parses a
// final chunk again after asking for more input, but when that chunk is the body's first (no
// CRLF of an earlier chunk before it) the buffer may hold 3 or 4 bytes; the code after the
// assertion handles them. Beast corrected the assertion in 2024 (boostorg/beast pull request
// 2861). Release builds, which define NDEBUG, never check it.
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace boost {

namespace {

bool known_wrong(const char* expr, const char* file) {
  return std::strcmp(expr, "n >= 5") == 0 && std::strstr(file, "beast/http/impl/basic_parser.ipp");
}

}  // namespace

void assertion_failed(const char* expr, const char* function, const char* file, long line) {
  if (known_wrong(expr, file)) return;
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed.\n", file, line, function, expr);
  std::abort();
}

void assertion_failed_msg(const char* expr, const char* msg, const char* function, const char* file,
                          long line) {
  if (known_wrong(expr, file)) return;
  std::fprintf(stderr, "%s:%ld: %s: Assertion `%s' failed: %s\n", file, line, function, expr, msg);
  std::abort();
}

}  // namespace boost

// Encodings of values inside events: S3 key and query encoding, base64, MD5 (OpenSSL's
// libcrypto, opened the first time it is needed), gzip (zlib).
#include "events/encode.h"

#include <array>
#include <cstdint>

#include <dlfcn.h>
#include <openssl/evp.h>
#include <zlib.h>

#include "core/error.h"

namespace sls::events::detail {

namespace {

constexpr std::string_view kHexUpper = "0123456789ABCDEF";
constexpr std::string_view kHexLower = "0123456789abcdef";
constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
// deflateInit2's window bits: 15 (the largest window) + 16 asks zlib for a gzip wrapper.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kGzipMemLevel = 8;  // zlib's default

bool is_alnum(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void append_escaped(std::string& out, unsigned char c) {
  out += '%';
  out += kHexUpper[c >> 4];
  out += kHexUpper[c & 0xF];
}

}  // namespace

std::string s3_key_encode(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '*' || c == '/') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

std::string query_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += rest == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// libcrypto's digest functions, from the shared library opened once: linked into sls, its
// constructor would probe the CPU at every start of every command.
struct Crypto {
  decltype(&EVP_Digest) digest = nullptr;
  decltype(&EVP_md5) md5 = nullptr;
};

const Crypto& crypto() {
  static const Crypto loaded = [] {
    Crypto c;
    void* lib = ::dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return c;
    c.digest = reinterpret_cast<decltype(&EVP_Digest)>(::dlsym(lib, "EVP_Digest"));
    c.md5 = reinterpret_cast<decltype(&EVP_md5)>(::dlsym(lib, "EVP_md5"));
    return c;
  }();
  return loaded;
}

std::string md5_hex(std::string_view bytes) {
  const Crypto& c = crypto();
  if (c.digest == nullptr || c.md5 == nullptr) {
    throw Error(Errc::kInternal,
                "MD5 needs OpenSSL's libcrypto.so.3, which could not be loaded (install libssl3)");
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (c.digest(bytes.data(), bytes.size(), digest.data(), &size, c.md5(), nullptr) != 1) {
    throw Error(Errc::kInternal, "MD5 is not available from OpenSSL");
  }
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHexLower[digest[i] >> 4];
    out += kHexLower[digest[i] & 0xF];
  }
  return out;
}

std::string gzip(std::string_view bytes) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kGzipMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    throw Error(Errc::kInternal, "zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw Error(Errc::kInternal, "zlib: deflate did not finish");
  return out;
}

}  // namespace sls::events::detail

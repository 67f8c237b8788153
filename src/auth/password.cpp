#include "auth/password.h"

#include <sodium.h>

#include <mutex>

namespace zx {
namespace {
void InitSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no secure randomness: nothing safe can continue
  });
}

}  // namespace

Result<std::string> HashPassword(const std::string& password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("out of memory while hashing a password");
  return std::string(out);
}

bool VerifyPassword(const std::string& encoded, const std::string& password) {
  InitSodium();
  if (encoded.empty()) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

Status CheckPasswordStrength(const std::string& password, const std::string& username, const std::string& field) {
  size_t chars = 0;
  bool upper = false, lower = false, digit = false, other = false;
  for (unsigned char c : password) {
    if ((c & 0xC0) != 0x80) ++chars;
    if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  if (chars < 12) return Status::InvalidArgument("密码至少需要 12 个字符", field);
  if (upper + lower + digit + other < 3)
    return Status::InvalidArgument("密码需包含大写字母、小写字母、数字、符号中的至少三类", field);
  if (!username.empty()) {
    std::string lp, lu;
    for (char c : password) lp.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    for (char c : username) lu.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (lp.find(lu) != std::string::npos) return Status::InvalidArgument("密码不能包含用户名", field);
  }
  return Status::Ok();
}

std::string GeneratePassword() {
  InitSodium();
  static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  for (;;) {
    std::string p;
    for (int i = 0; i < 16; ++i) {
      if (i == 4 || i == 9 || i == 14) p.push_back('-');
      p.push_back(kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)]);
    }
    if (CheckPasswordStrength(p, "").ok()) return p;
  }
}

std::string RandomToken() {
  InitSodium();
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, buf, sizeof buf);
  return hex;
}

std::string Sha256Hex(const std::string& text) {
  InitSodium();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

}  // namespace zx

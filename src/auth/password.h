// Password hashing (Argon2id through libsodium) and the complexity rule.
// Thread-safety: pure functions; libsodium is initialised once on first use.
#pragma once

#include <string>

#include "core/status.h"

namespace zx {

// An encoded Argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
Result<std::string> HashPassword(const std::string& password);
bool VerifyPassword(const std::string& encoded_hash, const std::string& password);

// At least 12 characters, at least three of: upper case, lower case, digit, other; must not
// contain the user name. `field` names the input in the error.
Status CheckPasswordStrength(const std::string& password, const std::string& username,
                             const std::string& field = "new_password");

// A random password that passes CheckPasswordStrength (for generated admin passwords).
std::string GeneratePassword();

// 32 random bytes as 64 hex characters (session and CSRF tokens).
std::string RandomToken();
// SHA-256 of text as hex (session tokens are stored only as hashes).
std::string Sha256Hex(const std::string& text);

}  // namespace zx

// Encryption of personal data at rest (ID numbers, phone numbers) with authenticated encryption,
// and a keyed hash ("blind index") so a full ID number can still be searched.
//
// Ciphers: "aes-256-gcm" (default), or "sm4-ctr-hmac-sm3" for 国密 deployments (Debian's OpenSSL
// 3.0 has SM4 and SM3 but no SM4-GCM, so SM4-CTR is paired with an HMAC-SM3 tag over everything).
// Keys live outside the database: a key file (one key per line, "<id> <cipher> <64 hex>", the
// first line is the active key) or ZHENXING_DATA_KEY holding one such line. Stored values name
// their key, so after a new key is put first, `zhenxing keys rotate` re-encrypts the old values.
// Thread-safety: immutable after loading; safe from many threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace zx {

struct DataKey {
  std::string id;
  std::string cipher;       // "aes-256-gcm" | "sm4-ctr-hmac-sm3"
  std::string material;     // 32 raw bytes
};

class PiiCrypto {
 public:
  // Parses key lines; the first is the active key.
  static Result<std::unique_ptr<PiiCrypto>> FromKeyText(const std::string& text);
  // Reads `path`, or ZHENXING_DATA_KEY when path is empty. Refuses a key file others can read.
  static Result<std::unique_ptr<PiiCrypto>> Load(const std::string& path);
  // Writes a new key file (mode 0600) with one fresh key; refuses to overwrite.
  static Status CreateKeyFile(const std::string& path, const std::string& cipher);
  // Puts a fresh key first in an existing key file (older keys stay for decryption).
  static Status AddKeyToFile(const std::string& path, const std::string& cipher);

  // "<key id>:<cipher>:<base64>"; nonce and tag inside.
  Result<std::string> Encrypt(const std::string& plaintext) const;
  Result<std::string> Decrypt(const std::string& stored) const;
  // True if `stored` is under the active key (rotation skips those).
  bool IsUnderActiveKey(const std::string& stored) const;
  // HMAC-SHA256 under a key derived from the active key, hex. Deterministic: equal inputs match.
  std::string BlindIndex(const std::string& value) const;
  const DataKey& active() const { return keys_.front(); }

 private:
  std::vector<DataKey> keys_;
  // The blind index's HMAC state after its key (derived from the active key), kept as bytes so
  // this header needs no libsodium: a bulk import asks for millions of blind indexes.
  std::string index_state_;
};

}  // namespace zx

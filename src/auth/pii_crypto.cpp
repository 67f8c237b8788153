#include "auth/pii_crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace zx {
namespace {

constexpr char kAes[] = "aes-256-gcm";
constexpr char kSm4[] = "sm4-ctr-hmac-sm3";

std::string Hmac(const EVP_MD* md, const std::string& key, const std::string& data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string ToBase64(const std::string& bin) {
  std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool FromBase64(const std::string& text, std::string* bin) {
  bin->resize(text.size());
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin->data()), bin->size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  bin->resize(len);
  return true;
}

std::string Hex(const std::string& bin) {
  std::string out(bin.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size());
  out.pop_back();
  return out;
}

// libsodium's generator: the kernel's randomness through a per-process ChaCha20 stream, without
// the locks and lookups of OpenSSL 3's RAND_bytes (a bulk import draws a nonce per value).
std::string RandomBytes(size_t n) {
  std::string b(n, '\0');
  randombytes_buf(b.data(), n);
  return b;
}

// Ciphers fetched once: OpenSSL 3 otherwise looks a legacy EVP_aes_256_gcm() up in its provider
// on every initialisation, a good part of the cost of encrypting an 18-character ID number.
const EVP_CIPHER* FetchedCipher(const char* name, const EVP_CIPHER* legacy) {
  EVP_CIPHER* fetched = EVP_CIPHER_fetch(nullptr, name, nullptr);
  return fetched != nullptr ? fetched : legacy;  // kept for the life of the process
}
const EVP_CIPHER* Aes256Gcm() {
  static const EVP_CIPHER* cipher = FetchedCipher("AES-256-GCM", EVP_aes_256_gcm());
  return cipher;
}
const EVP_CIPHER* Sm4Ctr() {
  static const EVP_CIPHER* cipher = FetchedCipher("SM4-CTR", EVP_sm4_ctr());
  return cipher;
}

// One-shot symmetric transform; `tag` in/out for GCM.
bool Crypt(const EVP_CIPHER* cipher, bool encrypt, const std::string& key, const std::string& iv,
           const std::string& aad, const std::string& in, std::string* out, std::string* tag) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  if (!ctx) return false;
  bool gcm = tag != nullptr;
  bool ok = EVP_CipherInit_ex(ctx, cipher, nullptr, nullptr, nullptr, encrypt ? 1 : 0) == 1;
  if (ok && gcm) ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr) == 1;
  ok = ok && EVP_CipherInit_ex(ctx, nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()),
                               reinterpret_cast<const unsigned char*>(iv.data()), encrypt ? 1 : 0) == 1;
  int len = 0;
  if (ok && gcm && !aad.empty())
    ok = EVP_CipherUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                          static_cast<int>(aad.size())) == 1;
  out->assign(in.size() + 32, '\0');
  int total = 0;
  if (ok)
    ok = EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char*>(out->data()), &len,
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size())) == 1;
  total = len;
  if (ok && gcm && !encrypt)
    ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag->size()), tag->data()) == 1;
  if (ok) ok = EVP_CipherFinal_ex(ctx, reinterpret_cast<unsigned char*>(out->data()) + total, &len) == 1;
  total += len;
  if (ok && gcm && encrypt) {
    tag->assign(16, '\0');
    ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag->data()) == 1;
  }
  EVP_CIPHER_CTX_free(ctx);
  out->resize(ok ? total : 0);
  return ok;
}

Result<DataKey> ParseKeyLine(const std::string& line) {
  std::istringstream in(line);
  DataKey k;
  std::string hex;
  in >> k.id >> k.cipher >> hex;
  if (k.id.empty() || k.id.find(':') != std::string::npos)
    return Status::InvalidArgument("key line needs '<id> <cipher> <64 hex digits>'", "key");
  if (k.cipher != kAes && k.cipher != kSm4)
    return Status::InvalidArgument("unknown cipher " + k.cipher + " (aes-256-gcm or sm4-ctr-hmac-sm3)", "key");
  k.material.resize(32);
  size_t len = 0;
  if (hex.size() != 64 || sodium_hex2bin(reinterpret_cast<unsigned char*>(k.material.data()), 32, hex.data(),
                                         hex.size(), nullptr, &len, nullptr) != 0 || len != 32)
    return Status::InvalidArgument("key " + k.id + " must be 64 hex digits (32 bytes)", "key");
  return k;
}

}  // namespace

Result<std::unique_ptr<PiiCrypto>> PiiCrypto::FromKeyText(const std::string& text) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to start");
  auto c = std::unique_ptr<PiiCrypto>(new PiiCrypto());
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    ZX_ASSIGN_OR_RETURN(DataKey k, ParseKeyLine(line));
    c->keys_.push_back(std::move(k));
  }
  if (c->keys_.empty()) return Status::InvalidArgument("no data key found", "key");
  std::string index_key = Hmac(EVP_sha256(), c->active().material, "zx-blind-index");
  // HMAC-SHA256 with the key's inner and outer blocks hashed once, here: each blind index then
  // hashes only its value (libsodium's HMAC is the standard one; a test holds it to OpenSSL's).
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(index_key.data()), index_key.size());
  c->index_state_.assign(reinterpret_cast<const char*>(&state), sizeof state);
  sodium_memzero(&state, sizeof state);
  sodium_memzero(index_key.data(), index_key.size());
  return c;
}

Result<std::unique_ptr<PiiCrypto>> PiiCrypto::Load(const std::string& path) {
  if (path.empty()) {
    const char* env = std::getenv("ZHENXING_DATA_KEY");
    if (!env || !*env)
      return Status::InvalidArgument("no data key: give --key-file or set ZHENXING_DATA_KEY", "key_file");
    return FromKeyText(env);
  }
  struct stat st {};
  if (stat(path.c_str(), &st) != 0)
    return Status::InvalidArgument("key file " + path + " does not exist (create one with `zhenxing keys init`)",
                                   "key_file");
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return Status::InvalidArgument("key file " + path + " must be readable by its owner only (chmod 600)", "key_file");
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return FromKeyText(ss.str());
}

static std::string NewKeyLine(const std::string& cipher) {
  std::string id = "k" + Hex(RandomBytes(4));
  return id + " " + cipher + " " + Hex(RandomBytes(32)) + "\n";
}

Status PiiCrypto::CreateKeyFile(const std::string& path, const std::string& cipher) {
  if (cipher != kAes && cipher != kSm4) return Status::InvalidArgument("unknown cipher " + cipher, "cipher");
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) return Status::Conflict("key file " + path + " already exists", "key_file");
  umask(077);
  std::ofstream f(path, std::ios::trunc);
  if (!f) return Status::Unavailable("cannot write key file " + path);
  f << "# Zhenxing data keys: <id> <cipher> <key>. The first line encrypts; the others only decrypt.\n"
    << NewKeyLine(cipher);
  f.close();
  chmod(path.c_str(), 0600);
  return f ? Status::Ok() : Status::Unavailable("cannot write key file " + path);
}

Status PiiCrypto::AddKeyToFile(const std::string& path, const std::string& cipher) {
  if (cipher != kAes && cipher != kSm4) return Status::InvalidArgument("unknown cipher " + cipher, "cipher");
  ZX_ASSIGN_OR_RETURN(auto existing, Load(path));
  std::ifstream in(path);
  std::stringstream old;
  old << in.rdbuf();
  std::string text = old.str(), comments, keys;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) (line.empty() || line[0] == '#' ? comments : keys) += line + "\n";
  std::string tmp = path + ".new";
  umask(077);
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << comments << NewKeyLine(cipher) << keys;
    if (!f) return Status::Unavailable("cannot write " + tmp);
  }
  chmod(tmp.c_str(), 0600);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::Unavailable("cannot replace " + path);
  return Status::Ok();
}

Result<std::string> PiiCrypto::Encrypt(const std::string& plaintext) const {
  const DataKey& k = active();
  std::string header = k.id + ":" + k.cipher + ":";
  std::string blob;
  if (k.cipher == kAes) {
    std::string iv = RandomBytes(12), ct, tag;
    if (!Crypt(Aes256Gcm(), true, k.material, iv, header, plaintext, &ct, &tag))
      return Status::Internal("encryption failed");
    blob = iv + ct + tag;
  } else {
    std::string enc_key = Hmac(EVP_sm3(), k.material, "zx-enc").substr(0, 16);
    std::string mac_key = Hmac(EVP_sm3(), k.material, "zx-mac");
    std::string iv = RandomBytes(16), ct;
    if (!Crypt(Sm4Ctr(), true, enc_key, iv, "", plaintext, &ct, nullptr))
      return Status::Internal("encryption failed");
    blob = iv + ct + Hmac(EVP_sm3(), mac_key, header + iv + ct);
  }
  return header + ToBase64(blob);
}

Result<std::string> PiiCrypto::Decrypt(const std::string& stored) const {
  size_t a = stored.find(':'), b = a == std::string::npos ? a : stored.find(':', a + 1);
  if (b == std::string::npos) return Status::Internal("stored personal data is not in the encrypted format");
  std::string id = stored.substr(0, a), cipher = stored.substr(a + 1, b - a - 1), blob;
  const DataKey* k = nullptr;
  for (const auto& key : keys_)
    if (key.id == id) k = &key;
  if (!k) return Status::Internal("personal data was encrypted with key " + id + ", which is not in the key file");
  if (k->cipher != cipher || !FromBase64(stored.substr(b + 1), &blob))
    return Status::Internal("stored personal data is damaged");
  std::string header = stored.substr(0, b + 1), plain;
  if (cipher == kAes) {
    if (blob.size() < 28) return Status::Internal("stored personal data is damaged");
    std::string iv = blob.substr(0, 12), tag = blob.substr(blob.size() - 16), ct = blob.substr(12, blob.size() - 28);
    if (!Crypt(Aes256Gcm(), false, k->material, iv, header, ct, &plain, &tag))
      return Status::Internal("stored personal data failed its integrity check");
  } else {
    if (blob.size() < 48) return Status::Internal("stored personal data is damaged");
    std::string iv = blob.substr(0, 16), tag = blob.substr(blob.size() - 32), ct = blob.substr(16, blob.size() - 48);
    std::string mac_key = Hmac(EVP_sm3(), k->material, "zx-mac");
    std::string want = Hmac(EVP_sm3(), mac_key, header + iv + ct);
    if (want.size() != tag.size() || CRYPTO_memcmp(want.data(), tag.data(), tag.size()) != 0)
      return Status::Internal("stored personal data failed its integrity check");
    std::string enc_key = Hmac(EVP_sm3(), k->material, "zx-enc").substr(0, 16);
    if (!Crypt(Sm4Ctr(), false, enc_key, iv, "", ct, &plain, nullptr))
      return Status::Internal("decryption failed");
  }
  return plain;
}

bool PiiCrypto::IsUnderActiveKey(const std::string& stored) const {
  return stored.rfind(active().id + ":", 0) == 0;
}

std::string PiiCrypto::BlindIndex(const std::string& value) const {
  crypto_auth_hmacsha256_state state;
  std::memcpy(&state, index_state_.data(), sizeof state);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, crypto_auth_hmacsha256_BYTES * 2);
}

}  // namespace zx

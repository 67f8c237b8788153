#include "auth/pii_crypto.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <sys/stat.h>

#include "test_util.h"

namespace zx {

static const char kAesKey[] = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
static const char kSm4Key[] = "k2 sm4-ctr-hmac-sm3 1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100\n";

TEST(PiiCryptoTest, BothCiphersRoundTripAndHideThePlaintext) {
  for (const char* key : {kAesKey, kSm4Key}) {
    auto c = PiiCrypto::FromKeyText(key);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    auto enc = (*c)->Encrypt("610331199001011234");
    ASSERT_TRUE(enc.ok());
    EXPECT_EQ(enc->find("610331199001011234"), std::string::npos);
    EXPECT_NE(*enc, *(*c)->Encrypt("610331199001011234"));  // fresh nonce each time
    EXPECT_EQ(*(*c)->Decrypt(*enc), "610331199001011234");
  }
}

TEST(PiiCryptoTest, TamperingIsDetected) {
  for (const char* key : {kAesKey, kSm4Key}) {
    auto c = PiiCrypto::FromKeyText(key);
    std::string enc = *(*c)->Encrypt("13812345678");
    std::string bad = enc;
    char& ch = bad[bad.size() - 6];
    ch = ch == 'A' ? 'B' : 'A';
    EXPECT_FALSE((*c)->Decrypt(bad).ok());
  }
}

TEST(PiiCryptoTest, OldKeysStillDecryptAfterANewKeyIsPutFirst) {
  auto old_ring = PiiCrypto::FromKeyText(kAesKey);
  std::string enc = *(*old_ring)->Encrypt("13812345678");
  auto new_ring = PiiCrypto::FromKeyText(std::string(kSm4Key) + kAesKey);
  EXPECT_EQ(*(*new_ring)->Decrypt(enc), "13812345678");
  EXPECT_FALSE((*new_ring)->IsUnderActiveKey(enc));
  EXPECT_TRUE((*new_ring)->IsUnderActiveKey(*(*new_ring)->Encrypt("x")));
  auto only_new = PiiCrypto::FromKeyText(kSm4Key);
  EXPECT_FALSE((*only_new)->Decrypt(enc).ok());
}

TEST(PiiCryptoTest, BlindIndexIsDeterministicAndKeyed) {
  auto a = PiiCrypto::FromKeyText(kAesKey), b = PiiCrypto::FromKeyText(kSm4Key);
  EXPECT_EQ((*a)->BlindIndex("x"), (*a)->BlindIndex("x"));
  EXPECT_NE((*a)->BlindIndex("x"), (*b)->BlindIndex("x"));
}

// The stored format pinned against OpenSSL used directly: the blind index is
// HMAC-SHA256(HMAC-SHA256(key, "zx-blind-index"), value) in hex, and an AES-256-GCM value is
// "k1:aes-256-gcm:" + base64(nonce(12) + ciphertext + tag(16)) with that prefix as associated data,
// so values written before and after a change of library read the same.
TEST(PiiCryptoTest, BlindIndexAndCiphertextMatchOpensslComputedDirectly) {
  auto c = PiiCrypto::FromKeyText(kAesKey);
  ASSERT_TRUE(c.ok());
  std::string material(32, '\0');
  for (int i = 0; i < 32; ++i) material[i] = static_cast<char>(i);
  auto hmac = [](const std::string& key, const std::string& data) {
    unsigned char out[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out, &len);
    return std::string(reinterpret_cast<char*>(out), len);
  };
  std::string index_key = hmac(material, "zx-blind-index");
  for (std::string value : {"", "610331199001011234", "a longer value than one SHA-256 block of sixty-four bytes, to be sure"}) {
    std::string mac = hmac(index_key, value), hex(65, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
    hex.pop_back();
    EXPECT_EQ((*c)->BlindIndex(value), hex) << value;
  }

  const std::string header = "k1:aes-256-gcm:", plain = "610331199001011234";
  auto gcm = [&](bool encrypt, const std::string& iv, const std::string& in, std::string* tag) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    auto u = [](const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); };
    EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), nullptr, u(material), u(iv), encrypt ? 1 : 0);
    int len = 0;
    EVP_CipherUpdate(ctx, nullptr, &len, u(header), static_cast<int>(header.size()));
    std::string out(in.size() + 16, '\0');
    EVP_CipherUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, u(in), static_cast<int>(in.size()));
    out.resize(len);
    if (!encrypt) EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag->data());
    int final_len = 0;
    bool ok = EVP_CipherFinal_ex(ctx, nullptr, &final_len) == 1;
    if (encrypt) {
      tag->assign(16, '\0');
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag->data());
    }
    EVP_CIPHER_CTX_free(ctx);
    return ok ? out : std::string("failed");
  };
  auto b64 = [](const std::string& bin) {
    std::string out(sodium_base64_ENCODED_LEN(bin.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bin.data()), bin.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return std::string(out.c_str());
  };
  // Written by OpenSSL directly, read by PiiCrypto.
  std::string iv = "twelve-bytes", tag;
  std::string ct = gcm(true, iv, plain, &tag);
  auto read = (*c)->Decrypt(header + b64(iv + ct + tag));
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, plain);
  // Written by PiiCrypto, read by OpenSSL directly.
  auto stored = (*c)->Encrypt(plain);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->rfind(header, 0), 0u);
  std::string b64_text = stored->substr(header.size()), blob(b64_text.size(), '\0');
  size_t len = 0;
  ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(blob.data()), blob.size(), b64_text.data(), b64_text.size(),
                              nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL), 0);
  blob.resize(len);
  ASSERT_EQ(blob.size(), 12 + plain.size() + 16);
  std::string stored_tag = blob.substr(blob.size() - 16);
  EXPECT_EQ(gcm(false, blob.substr(0, 12), blob.substr(12, plain.size()), &stored_tag), plain);
}

TEST(PiiCryptoTest, KeyFilesAreCreatedPrivateAndRefusedWhenOpen) {
  testing::TempDir dir;
  std::string path = dir.File("data.key");
  ASSERT_TRUE(PiiCrypto::CreateKeyFile(path, "sm4-ctr-hmac-sm3").ok());
  EXPECT_EQ(PiiCrypto::CreateKeyFile(path, "aes-256-gcm").code(), Code::kConflict);
  auto loaded = PiiCrypto::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->active().cipher, "sm4-ctr-hmac-sm3");
  ASSERT_TRUE(PiiCrypto::AddKeyToFile(path, "aes-256-gcm").ok());
  auto two = PiiCrypto::Load(path);
  EXPECT_EQ((*two)->active().cipher, "aes-256-gcm");
  chmod(path.c_str(), 0644);
  EXPECT_EQ(PiiCrypto::Load(path).status().field(), "key_file");
}

TEST(PiiCryptoTest, MalformedKeysAreRefused) {
  EXPECT_FALSE(PiiCrypto::FromKeyText("k1 aes-256-gcm 00").ok());
  EXPECT_FALSE(PiiCrypto::FromKeyText("k1 des 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").ok());
  EXPECT_FALSE(PiiCrypto::FromKeyText("# only a comment\n").ok());
}

}  // namespace zx

#include "auth/pii_crypto.h"

#include <gtest/gtest.h>
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

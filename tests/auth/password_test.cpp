#include "auth/password.h"

#include <gtest/gtest.h>

#include "auth/roles.h"

namespace zx {

TEST(PasswordTest, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto h = HashPassword("Correct-Horse-42");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "Correct-Horse-42"));
  EXPECT_FALSE(VerifyPassword(*h, "correct-horse-42"));
  EXPECT_NE(*HashPassword("Correct-Horse-42"), *h);  // salted
}

TEST(PasswordTest, StrengthRule) {
  EXPECT_EQ(CheckPasswordStrength("Short-1a", "u").field(), "new_password");
  EXPECT_FALSE(CheckPasswordStrength("alllowercaseletters", "u").ok());
  EXPECT_FALSE(CheckPasswordStrength("Admin-Password-1", "admin").ok());
  EXPECT_TRUE(CheckPasswordStrength("Taibai-County-2026", "admin").ok());
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(CheckPasswordStrength(GeneratePassword(), "").ok());
}

TEST(PasswordTest, TokensAreRandom256Bits) {
  std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(RolesTest, PermissionsFollowRoles) {
  EXPECT_TRUE(RolesPermit({"sys_admin"}, "anything.at.all"));
  EXPECT_TRUE(RolesPermit({"leader"}, "regions.read"));
  EXPECT_FALSE(RolesPermit({"leader"}, "users.manage"));
  EXPECT_FALSE(RolesPermit({}, "regions.read"));
  EXPECT_EQ(SplitRoles("a,b"), (std::vector<std::string>{"a", "b"}));
}

}  // namespace zx

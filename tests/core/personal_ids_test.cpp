#include "core/personal_ids.h"

#include <gtest/gtest.h>

namespace zx {

TEST(PersonalIdsTest, ValidEighteenDigitNumbersGiveBirthDateAndSex) {
  auto id = ParseIdNumber("11010519491231002x");
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->canonical, "11010519491231002X");
  EXPECT_EQ(id->birth_date, "1949-12-31");
  EXPECT_EQ(id->sex, 'F');
  EXPECT_FALSE(id->legacy15);
  EXPECT_TRUE(ParseIdNumber("１１０１０５１９４９１２３１００２Ｘ").ok());  // full-width
}

TEST(PersonalIdsTest, BadChecksumDateOrShapeIsRefusedNamingTheField) {
  EXPECT_EQ(ParseIdNumber("110105194912310021", "member.id").status().field(), "member.id");
  EXPECT_FALSE(ParseIdNumber("110105194902300028").ok());  // 30 February
  EXPECT_FALSE(ParseIdNumber("11010519491231002").ok());   // 17 characters
  EXPECT_FALSE(ParseIdNumber("1101051949123100ZX").ok());
}

TEST(PersonalIdsTest, SpreadsheetFloatsAreRefusedNotGuessed) {
  auto r = ParseIdNumber("6.10331E+17");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("数字"), std::string::npos);
}

TEST(PersonalIdsTest, LegacyFifteenDigitNumbersAreFlagged) {
  auto id = ParseIdNumber("110105491231002");
  ASSERT_TRUE(id.ok());
  EXPECT_TRUE(id->legacy15);
  EXPECT_EQ(id->birth_date, "1949-12-31");
}

TEST(PersonalIdsTest, MobilesAndMasks) {
  EXPECT_EQ(*ParseMobile("+86 138-1234-5678"), "13812345678");
  EXPECT_FALSE(ParseMobile("23812345678").ok());
  EXPECT_FALSE(ParseMobile("1381234567").ok());
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskIdNumber("610331199001011234"), "6103**********1234");
}

}  // namespace zx

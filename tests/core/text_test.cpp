#include "core/text.h"

#include <gtest/gtest.h>

namespace zx {

TEST(TextTest, FullWidthBecomesHalfWidth) {
  EXPECT_EQ(FullWidthToHalfWidth("６１０３３１"), "610331");
  EXPECT_EQ(FullWidthToHalfWidth("ＡＢｃ　太白"), "ABc 太白");
  EXPECT_EQ(NormalizeInput("  太白　　县 "), "太白 县");
}

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("太白县 abc"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xE5\xA4"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
}

TEST(TextTest, NextCodePointWalksUtf8AndStopsAtBadBytes) {
  std::string s = "a张\xF0\x9F\x98\x80";  // 1, 3 and 4 bytes
  size_t i = 0;
  EXPECT_EQ(NextCodePoint(s, &i), 'a');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(NextCodePoint(s, &i), 0x5F20);
  EXPECT_EQ(i, 4u);
  EXPECT_EQ(NextCodePoint(s, &i), 0x1F600);
  EXPECT_EQ(i, s.size());
  for (std::string bad : {"\xE5\xA4", "\xED\xA0\x80", "\xC0\xAF", "\xFF"}) {
    size_t at = 0;
    EXPECT_EQ(NextCodePoint(bad, &at), -1) << bad.size();
    EXPECT_EQ(at, 0u);
  }
}

}  // namespace zx

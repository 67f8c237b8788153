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

}  // namespace zx

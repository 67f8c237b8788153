#include "modules/regions/chinese_names.h"

#include <gtest/gtest.h>
#include <opencc/opencc.h>

#include <string>

namespace zx {
namespace {

std::string Utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

TEST(ChineseNamesTest, TraditionalTextIsSimplifiedWordsAsWellAsCharacters) {
  auto names = ChineseNames::Create();
  ASSERT_TRUE(names.ok()) << names.status().message();
  EXPECT_EQ((*names)->ToSimplified("張三"), "张三");
  EXPECT_EQ((*names)->ToSimplified("鄉村振興 第3組"), "乡村振兴 第3组");
  EXPECT_EQ((*names)->ToSimplified("乾燥"), "干燥");  // 乾 alone stays 乾: only the phrase changes it
  EXPECT_EQ((*names)->ToSimplified("村民小组"), "村民小组");
  EXPECT_FALSE((*names)->MayHaveTraditional("村民123号 Li"));
  EXPECT_TRUE((*names)->MayHaveTraditional("村民張"));
  EXPECT_TRUE((*names)->MayHaveTraditional("乾"));
  EXPECT_TRUE((*names)->MayHaveTraditional("abc\xFF"));  // not UTF-8: left to OpenCC
  EXPECT_TRUE((*names)->MayHaveTraditional("\xE5\xBC"));
}

// Every character the quick check passes over is one OpenCC gives back unchanged, alone and
// between characters that it does change.
TEST(ChineseNamesTest, CharactersPassedOverAreTheOnesOpenccLeavesAlone) {
  auto names = ChineseNames::Create();
  ASSERT_TRUE(names.ok());
  opencc::SimpleConverter t2s("t2s.json");
  int passed_over = 0, checked = 0;
  for (uint32_t cp = 0x3400; cp <= 0x9FFF; ++cp) {
    std::string one = Utf8(cp);
    ++checked;
    if ((*names)->MayHaveTraditional(one)) continue;
    ++passed_over;
    ASSERT_EQ(t2s.Convert(one), one) << "U+" << std::hex << cp;
    ASSERT_EQ(t2s.Convert("張" + one + "興"), "张" + one + "兴") << "U+" << std::hex << cp;
  }
  for (uint32_t cp = 0xF900; cp <= 0xFAFF; ++cp) {
    std::string one = Utf8(cp);
    if (!(*names)->MayHaveTraditional(one)) ASSERT_EQ(t2s.Convert(one), one) << "U+" << std::hex << cp;
  }
  EXPECT_GT(passed_over, checked * 8 / 10);  // most characters need no conversion
  EXPECT_LT(passed_over, checked);
}

}  // namespace
}  // namespace zx

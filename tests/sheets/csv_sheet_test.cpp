#include "sheets/csv_sheet.h"

#include <gtest/gtest.h>

namespace zx::sheets {
namespace {

// "姓名,村\n张三,塘口村\n" in GBK.
const std::string kGbk = "\xD0\xD5\xC3\xFB,\xB4\xE5\n\xD5\xC5\xC8\xFD,\xCC\xC1\xBF\xDA\xB4\xE5\n";

TEST(CsvSheetTest, DetectsEncodings) {
  TextEncoding e;
  auto plain = DecodeText("姓名,村\n", &e);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(e, TextEncoding::kUtf8);
  auto bom = DecodeText("\xEF\xBB\xBF姓名", &e);
  EXPECT_EQ(bom.value(), "姓名");
  EXPECT_EQ(e, TextEncoding::kUtf8Bom);
  auto gbk = DecodeText(kGbk, &e);
  ASSERT_TRUE(gbk.ok()) << gbk.status().ToString();
  EXPECT_EQ(e, TextEncoding::kGb18030);
  EXPECT_EQ(gbk.value(), "姓名,村\n张三,塘口村\n");
  auto u16 = DecodeText(std::string("\xFF\xFE\x2A\x59\x7D\x76", 6), &e);  // 太白 in UTF-16LE
  EXPECT_EQ(u16.value(), "太白");
  EXPECT_FALSE(DecodeText("\x81\x20\xFF\xFF").ok());
}

TEST(CsvSheetTest, ReadsAndNormalisesCells) {
  auto r = ReadCsv("\xEF\xBB\xBF姓名 , 身份证号\n  张　三 ,１１０１０１１９９００３０７４５１４\n,\n李四,\"6.10331E+17\"\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Sheet& s = r.value();
  ASSERT_EQ(s.rows.size(), 3u);  // the all-empty line is dropped
  EXPECT_EQ(s.rows[0].cells[0].text, "姓名");
  EXPECT_EQ(s.rows[1].cells[0].text, "张 三");
  EXPECT_EQ(s.rows[1].cells[1].text, "110101199003074514");
  EXPECT_EQ(s.rows[2].number, 4);
  EXPECT_TRUE(LooksLikeNumericIdNumber(s.rows[2].cells[1].text));
  auto gbk = ReadCsv(kGbk);
  ASSERT_TRUE(gbk.ok());
  EXPECT_EQ(gbk.value().rows[1].cells[1].text, "塘口村");
}

TEST(CsvSheetTest, RefusesNonText) {
  auto zip = ReadCsv(std::string("PK\x03\x04rest", 8));
  ASSERT_FALSE(zip.ok());
  EXPECT_NE(zip.status().message().find("Excel"), std::string::npos);
  EXPECT_FALSE(ReadCsv(std::string("a\0b", 3)).ok());
  CsvOptions o;
  o.max_file_bytes = 4;
  EXPECT_EQ(ReadCsv("a,b,c,d\n", o).status().code(), Code::kPayloadTooLarge);
  EXPECT_FALSE(ReadCsv("a,\"b\n").ok());
}

TEST(CsvSheetTest, NumericIdNumbersAreRecognised) {
  EXPECT_TRUE(LooksLikeNumericIdNumber("6.10331E+17"));
  EXPECT_TRUE(LooksLikeNumericIdNumber("6.10331199001011E+17"));
  EXPECT_TRUE(LooksLikeNumericIdNumber("610331199001011000"));
  EXPECT_FALSE(LooksLikeNumericIdNumber("110101199003074514"));
  EXPECT_FALSE(LooksLikeNumericIdNumber("11010519491231002X"));
  EXPECT_FALSE(LooksLikeNumericIdNumber("张三"));
  EXPECT_FALSE(LooksLikeNumericIdNumber("1E"));
}

}  // namespace
}  // namespace zx::sheets

#include "sheets/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <map>

#include "test_util.h"

namespace zx::sheets {
namespace {

// A zip built entry by entry, for parts libxlsxwriter never writes (inline strings, merges by
// hand, hostile archives).
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  testing::TempDir dir;
  std::string path = dir.File("z.zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  EXPECT_EQ(zip_close(z), 0);
  return testing::ReadFileText(path);
}

std::string Workbook(const std::string& sheet_xml, const std::string& shared = "") {
  std::vector<std::pair<std::string, std::string>> e = {
      {"[Content_Types].xml", "<Types/>"},
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml}};
  if (!shared.empty()) e.push_back({"xl/sharedStrings.xml", shared});
  return MakeZip(e);
}

std::string Text(const Sheet& s, size_t row, size_t col) {
  if (row >= s.rows.size() || col >= s.rows[row].cells.size()) return "<none>";
  return s.rows[row].cells[col].text;
}

// A real workbook from libxlsxwriter: shared strings, numbers, booleans, a date, two sheets, a
// hidden row.
std::string WriterWorkbook() {
  testing::TempDir dir;
  std::string path = dir.File("w.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_worksheet* a = workbook_add_worksheet(wb, "说明");
  worksheet_write_string(a, 0, 0, "请勿修改", nullptr);
  lxw_worksheet* s = workbook_add_worksheet(wb, "人员");
  worksheet_write_string(s, 0, 0, "姓名", nullptr);
  worksheet_write_string(s, 0, 1, "年龄", nullptr);
  worksheet_write_string(s, 0, 2, "党员", nullptr);
  worksheet_write_string(s, 0, 3, "出生日期", nullptr);
  worksheet_write_string(s, 0, 4, "身份证号", nullptr);
  worksheet_write_string(s, 1, 0, "张三", nullptr);
  worksheet_write_number(s, 1, 1, 36, nullptr);
  worksheet_write_boolean(s, 1, 2, 1, nullptr);
  lxw_datetime dt = {1990, 3, 7, 0, 0, 0};
  worksheet_write_datetime(s, 1, 3, &dt, date);
  worksheet_write_number(s, 1, 4, 610331199001011234.0, nullptr);
  worksheet_write_string(s, 2, 0, "隐藏的人", nullptr);
  lxw_row_col_options hidden = {1, 0, 0};
  worksheet_set_row_opt(s, 2, LXW_DEF_ROW_HEIGHT, nullptr, &hidden);
  worksheet_write_string(s, 3, 0, "李四", nullptr);
  worksheet_write_number(s, 3, 1, 2.5, nullptr);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return testing::ReadFileText(path);
}

TEST(XlsxReaderTest, ReadsTypesFromRealWorkbook) {
  std::string bytes = WriterWorkbook();
  auto names = XlsxSheetNames(bytes);
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  EXPECT_EQ(names.value(), (std::vector<std::string>{"说明", "人员"}));

  XlsxOptions o;
  o.sheet_name = "人员";
  auto r = ReadXlsx(bytes, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Sheet& s = r.value();
  ASSERT_EQ(s.rows.size(), 3u);
  EXPECT_EQ(Text(s, 0, 0), "姓名");
  EXPECT_EQ(Text(s, 1, 0), "张三");
  EXPECT_EQ(s.rows[1].cells[1].type, Cell::Type::kNumber);
  EXPECT_EQ(Text(s, 1, 1), "36");
  EXPECT_EQ(s.rows[1].cells[2].type, Cell::Type::kBool);
  EXPECT_EQ(Text(s, 1, 2), "TRUE");
  EXPECT_EQ(s.rows[1].cells[3].type, Cell::Type::kDate);
  EXPECT_EQ(Text(s, 1, 3), "1990-03-07");
  // The ID number stored as a number: kept as kNumber so the importer can refuse it.
  EXPECT_EQ(s.rows[1].cells[4].type, Cell::Type::kNumber);
  EXPECT_EQ(s.hidden_rows, std::vector<int>{3});
  EXPECT_EQ(s.rows[2].number, 4);
  EXPECT_EQ(Text(s, 2, 0), "李四");
  EXPECT_EQ(Text(s, 2, 1), "2.5");

  o.skip_hidden_rows = false;
  auto all = ReadXlsx(bytes, o);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value().rows.size(), 4u);

  auto first = ReadXlsx(bytes);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().name, "说明");
}

TEST(XlsxReaderTest, WrongSheetNameListsTheSheets) {
  XlsxOptions o;
  o.sheet_name = "户籍";
  auto r = ReadXlsx(WriterWorkbook(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("户籍"), std::string::npos);
  EXPECT_NE(r.status().message().find("说明、人员"), std::string::npos);
}

TEST(XlsxReaderTest, InlineAndRichSharedStringsAndMergedHeader) {
  std::string sheet = R"(<worksheet><sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="D1" t="inlineStr"><is><t>备注</t></is></c></row>
    <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>身份</t></r><r><t>证号</t></r></is></c><c r="C2" t="str"><v>电话</v></c></row>
    <row r="5"><c r="B5" t="b"><v>0</v></c><c r="C5" t="e"><v>#N/A</v></c></row>
  </sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>)";
  std::string shared = R"(<sst><si><t>户主信息</t></si><si><r><t>姓</t></r><r><t>名</t></r><rPh><t>xingming</t></rPh></si></sst>)";
  auto r = ReadXlsx(Workbook(sheet, shared));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Sheet& s = r.value();
  EXPECT_EQ(Text(s, 0, 0), "户主信息");
  EXPECT_EQ(Text(s, 0, 1), "户主信息");
  EXPECT_EQ(Text(s, 0, 2), "户主信息");
  EXPECT_EQ(Text(s, 0, 3), "备注");
  EXPECT_EQ(Text(s, 1, 0), "姓名");
  EXPECT_EQ(Text(s, 1, 1), "身份证号");
  EXPECT_EQ(Text(s, 1, 2), "电话");
  EXPECT_EQ(s.rows[2].number, 5);
  EXPECT_TRUE(s.rows[2].cells[0].empty());
  EXPECT_EQ(Text(s, 2, 1), "FALSE");
  EXPECT_EQ(s.rows[2].cells[2].type, Cell::Type::kError);

  XlsxOptions keep;
  keep.fill_merged_cells = false;
  auto raw = ReadXlsx(Workbook(sheet, shared), keep);
  ASSERT_TRUE(raw.ok());
  EXPECT_TRUE(raw.value().rows[0].cells[1].empty());
}

TEST(XlsxReaderTest, BadSharedStringIndexIsAnError) {
  auto r = ReadXlsx(Workbook(R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>)",
                             "<sst><si><t>x</t></si></sst>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("共享字符串"), std::string::npos);
}

TEST(XlsxReaderTest, SerialDatesFollowExcel) {
  EXPECT_EQ(SerialToDate(1).value(), "1900-01-01");
  EXPECT_EQ(SerialToDate(59).value(), "1900-02-28");
  EXPECT_FALSE(SerialToDate(60).ok());  // the phantom 1900-02-29
  EXPECT_EQ(SerialToDate(61).value(), "1900-03-01");
  EXPECT_EQ(SerialToDate(32939).value(), "1990-03-07");
  EXPECT_EQ(SerialToDate(45000.75).value(), "2023-03-15");
  EXPECT_EQ(SerialToDate(0, true).value(), "1904-01-01");
  EXPECT_FALSE(SerialToDate(0).ok());
  EXPECT_FALSE(SerialToDate(3e6).ok());
}

TEST(XlsxReaderTest, NotAZipIsRefusedClearly) {
  auto r = ReadXlsx("姓名,身份证号\n张三,110101199003074514\n");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("不是 Excel"), std::string::npos);
  auto truncated = ReadXlsx(WriterWorkbook().substr(0, 300));
  ASSERT_FALSE(truncated.ok());
  auto no_workbook = ReadXlsx(MakeZip({{"a.txt", "hello"}}));
  ASSERT_FALSE(no_workbook.ok());
  EXPECT_NE(no_workbook.status().message().find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxReaderTest, ZipBombIsRefusedBeforeInflating) {
  std::string zeros(64u << 20, '0');
  std::string sheet = "<worksheet><sheetData/></worksheet>" + zeros;
  std::string bomb = Workbook(sheet);
  zeros.clear();
  EXPECT_LT(bomb.size(), 1u << 20);
  auto r = ReadXlsx(bomb);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("压缩炸弹"), std::string::npos) << r.status().message();

  XlsxOptions small;
  small.limits.max_total_bytes = 1000;
  small.limits.max_ratio = 1e9;
  auto total = ReadXlsx(Workbook("<worksheet><sheetData/></worksheet>" + std::string(4000, ' ')), small);
  ASSERT_FALSE(total.ok());
  EXPECT_NE(total.status().message().find("总大小"), std::string::npos);

  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 30; ++i) many.push_back({"f" + std::to_string(i), "x"});
  XlsxOptions few;
  few.limits.max_entries = 20;
  auto entries = ReadXlsx(MakeZip(many), few);
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.status().message().find("部件过多"), std::string::npos);
}

TEST(XlsxReaderTest, OversizedFileIsPayloadTooLarge) {
  XlsxOptions o;
  o.limits.max_file_bytes = 100;
  auto r = ReadXlsx(WriterWorkbook(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kPayloadTooLarge);
}

}  // namespace
}  // namespace zx::sheets

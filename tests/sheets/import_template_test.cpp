#include "sheets/import_template.h"

#include <gtest/gtest.h>

namespace zx::sheets {
namespace {

ImportTemplate Tpl() {
  ImportTemplate t;
  t.kind = "test";
  t.columns = {{"name", "姓名", "Name", true, ColumnType::kText, 4},
               {"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber},
               {"sex", "性别", "Sex", false, ColumnType::kChoice, 1, {{"M", "男"}, {"F", "女"}}},
               {"birth_date", "出生日期", "Birth date", false, ColumnType::kDate},
               {"party_member", "党员", "Party member", false, ColumnType::kBool}};
  return t;
}

SheetRow Row(int n, std::vector<std::string> texts) {
  SheetRow r;
  r.number = n;
  for (auto& t : texts) r.cells.push_back({t.empty() ? Cell::Type::kEmpty : Cell::Type::kText, t});
  return r;
}

TEST(ImportTemplateTest, HeaderByNameInAnyOrderBelowATitle) {
  Sheet s;
  s.rows = {Row(1, {"人员信息导入"}), Row(2, {"ID Number", "备注", "* 姓名", "党员"}),
            Row(3, {"110101199003074514", "x", "张三", "是"})};
  auto m = MatchHeader(Tpl(), s);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->header_row, 2);
  EXPECT_EQ(m->column_of, (std::vector<int>{2, 0, -1, -1, 3}));
  EXPECT_EQ(m->extra, std::vector<std::string>{"备注"});
  auto rows = ParseRows(Tpl(), s, m.value());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].ok());
  EXPECT_EQ(rows[0].values["name"], "张三");
  EXPECT_EQ(rows[0].values["party_member"], "1");
}

TEST(ImportTemplateTest, MissingRequiredAndDuplicateColumns) {
  Sheet s;
  s.rows = {Row(1, {"姓名", "性别"})};
  auto m = MatchHeader(Tpl(), s);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("身份证号"), std::string::npos);
  s.rows = {Row(1, {"姓名", "Name", "身份证号"})};
  EXPECT_NE(MatchHeader(Tpl(), s).status().message().find("两次"), std::string::npos);
  s.rows = {Row(1, {"foo", "bar"})};
  EXPECT_NE(MatchHeader(Tpl(), s).status().message().find("表头"), std::string::npos);
}

TEST(ImportTemplateTest, RowErrorsNameRowAndColumn) {
  Sheet s;
  s.rows = {Row(1, {"姓名", "身份证号", "性别", "出生日期"}),
            Row(2, {"张三丰太长了", "110101199003074514", "男", "1990/3/7"}),
            Row(4, {"李四", "6.10331E+17", "X", "1990-02-30"}),
            Row(5, {"", "", "", ""}),
            Row(6, {"王五", "110101199003074514", "女", ""})};
  s.rows[1].cells[1].type = Cell::Type::kText;
  auto m = MatchHeader(Tpl(), s);
  ASSERT_TRUE(m.ok());
  auto rows = ParseRows(Tpl(), s, m.value());
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0].errors.size(), 1u);
  EXPECT_EQ(rows[0].errors[0].column, "姓名");
  EXPECT_EQ(rows[0].values["birth_date"], "1990-03-07");
  EXPECT_EQ(rows[0].values["sex"], "M");
  EXPECT_EQ(rows[1].row, 4);
  ASSERT_EQ(rows[1].errors.size(), 3u);
  EXPECT_NE(rows[1].errors[0].reason.find("数字"), std::string::npos);
  EXPECT_EQ(rows[1].errors[1].column, "性别");
  EXPECT_EQ(rows[1].errors[2].column, "出生日期");
  MarkDuplicateKeys(rows, "id_number", "身份证号");
  ASSERT_EQ(rows[2].errors.size(), 1u);
  EXPECT_NE(rows[2].errors[0].reason.find("第 2 行"), std::string::npos);
}

TEST(ImportTemplateTest, NumberCellInIdColumnIsRefused) {
  Column id{"id_number", "身份证号", "ID number", true, ColumnType::kIdNumber};
  EXPECT_FALSE(CheckCell(id, {Cell::Type::kNumber, "110101199003074514"}).ok());
  EXPECT_EQ(CheckCell(id, {Cell::Type::kText, "11010519491231002x"}).value(), "11010519491231002X");
  Column name{"name", "姓名", "Name", true, ColumnType::kText};
  EXPECT_EQ(CheckCell(name, {Cell::Type::kText, "'=SUM(A1)"}).value(), "=SUM(A1)");
  EXPECT_EQ(CheckCell(name, {Cell::Type::kText, "'张"}).value(), "'张");
  EXPECT_EQ(ParseImportMode("good").value(), ImportMode::kGoodRows);
  EXPECT_EQ(ParseImportMode("").value(), ImportMode::kAllOrNothing);
  EXPECT_FALSE(ParseImportMode("some").ok());
}

// A CSV saved by Calc or Excel holds a date cell as shown: in the Chinese long format
// "1990年3月7日" (found with files Calc writes, tests/libreoffice/).
TEST(ImportTemplateTest, ChineseLongDatesAsSpreadsheetsShowThem) {
  Column date{"birth_date", "出生日期", "Birth date", false, ColumnType::kDate};
  EXPECT_EQ(CheckCell(date, {Cell::Type::kText, "1990年3月7日"}).value(), "1990-03-07");
  EXPECT_EQ(CheckCell(date, {Cell::Type::kText, "2024年12月31日"}).value(), "2024-12-31");
  EXPECT_FALSE(CheckCell(date, {Cell::Type::kText, "1990年2月30日"}).ok());
  EXPECT_FALSE(CheckCell(date, {Cell::Type::kText, "1990年3月"}).ok());
  EXPECT_FALSE(CheckCell(date, {Cell::Type::kText, "1990年3月7日x"}).ok());
  EXPECT_FALSE(CheckCell(date, {Cell::Type::kText, "年月日"}).ok());
  EXPECT_FALSE(CheckCell(date, {Cell::Type::kText, "1990-3月7日"}).ok());
}

// An XLSX keeps a cell "cleared" with a space (ASCII or ideographic) as text; such a row is as
// empty as a row never filled and is skipped, as the CSV reader's normalisation already does.
TEST(ImportTemplateTest, RowsOfSpacesAreSkipped) {
  Sheet s;
  s.rows = {Row(1, {"姓名", "身份证号"}), Row(2, {" ", "\xE3\x80\x80"}), Row(3, {"\t", ""}),
            Row(4, {" 张三", "110101199003074514"})};
  auto m = MatchHeader(Tpl(), s);
  ASSERT_TRUE(m.ok());
  auto rows = ParseRows(Tpl(), s, m.value());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].row, 4);
  EXPECT_TRUE(rows[0].ok());
  EXPECT_EQ(rows[0].values["name"], "张三");
  Sheet moved = s;
  EXPECT_EQ(ParseRows(Tpl(), std::move(moved), m.value()).size(), 1u);
}

}  // namespace
}  // namespace zx::sheets

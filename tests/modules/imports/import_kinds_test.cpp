#include "modules/imports/import_kinds.h"

#include <gtest/gtest.h>

#include <sstream>

#include "modules/imports/import_books.h"

namespace zx {
namespace {

std::vector<sheets::ParsedRow> Read(const std::string& kind, const std::string& csv) {
  auto tpl = ImportTemplateFor(kind);
  EXPECT_TRUE(tpl.ok());
  auto rows = ReadImportFile(*tpl, csv, "");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<sheets::ParsedRow>{};
}

TEST(ImportKindsTest, EveryKindHasATemplateWithChineseAndEnglishHeaders) {
  for (const auto& kind : ImportKindNames()) {
    auto tpl = ImportTemplateFor(kind);
    ASSERT_TRUE(tpl.ok()) << kind;
    EXPECT_EQ(tpl->kind, kind);
    for (const auto& c : tpl->columns) {
      EXPECT_FALSE(c.zh.empty()) << kind << " " << c.key;
      EXPECT_FALSE(c.en.empty()) << kind << " " << c.key;
    }
  }
  EXPECT_FALSE(ImportTemplateFor("nonsense").ok());
}

TEST(ImportKindsTest, HouseholdHeadersMatchInEnglishAndInAnyOrder) {
  auto rows = Read("households",
                   "Relation,ID number,Name,Village code,Household no\n"
                   "户主,110101199003074514,张三,610331100200,1\n"
                   "配偶,11010519491231002X,李梅,610331100200,1\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].ok());
  EXPECT_EQ(rows[0].values["relation"], "head");
  EXPECT_EQ(rows[1].values["relation"], "spouse");
  EXPECT_EQ(rows[1].values["village_code"], "610331100200");
}

TEST(ImportKindsTest, HouseholdBadValuesAreNamedByRowAndColumn) {
  auto rows = Read("households",
                   "姓名,身份证号,与户主关系,所属村代码,户类型,劳动能力,状态日期\n"
                   "张三,110101199003074515,户主,610331100200,一般户,普通劳动力,2026-01-01\n"
                   "李梅,11010519491231002X,表亲,610331100200,富裕户,能干,2026-02-30\n");
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].errors.size(), 1u);
  EXPECT_EQ(rows[0].errors[0].row, 2);
  EXPECT_EQ(rows[0].errors[0].column, "身份证号");
  std::vector<std::string> cols;
  for (const auto& e : rows[1].errors) {
    EXPECT_EQ(e.row, 3);
    cols.push_back(e.column);
  }
  EXPECT_EQ(cols, (std::vector<std::string>{"户类型", "状态日期", "与户主关系", "劳动能力"}));
}

TEST(ImportKindsTest, HouseholdTemplateRequiresNameIdRelationAndVillage) {
  auto tpl = ImportTemplateFor("households");
  ASSERT_TRUE(tpl.ok());
  auto rows = ReadImportFile(*tpl, "姓名,身份证号\n张三,110101199003074514\n", "");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("与户主关系"), std::string::npos);
  EXPECT_NE(rows.status().message().find("所属村代码"), std::string::npos);
}

TEST(ImportKindsTest, VisitHeadersAndBadValues) {
  auto rows = Read("visits",
                   "Visitor,Satisfaction,Day,Head ID number\n"
                   "王书记,基本满意,2026/06/01,110101199003074514\n"
                   "王书记,很好,2026-13-01,\n"
                   ",满意,2026-06-01,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].ok());
  EXPECT_EQ(rows[0].values["day"], "2026-06-01");
  EXPECT_EQ(rows[0].values["satisfaction"], "basic");
  ASSERT_EQ(rows[1].errors.size(), 2u);
  EXPECT_EQ(rows[1].errors[0].column, "走访日期");
  EXPECT_EQ(rows[1].errors[1].column, "满意度");
  ASSERT_EQ(rows[2].errors.size(), 1u);
  EXPECT_EQ(rows[2].errors[0].column, "走访人");
  EXPECT_EQ(rows[2].errors[0].reason, "必填");
}

// Per kind: English headers in an order of their own, one good row, one row with a bad value
// that must be named by its row and its column's Chinese header.
struct KindCase {
  std::string kind, csv;
  int bad_row;
  std::vector<std::string> bad_columns;
};

TEST(ImportKindsTest, EveryKindMatchesEnglishHeadersAndNamesBadCells) {
  const std::vector<KindCase> cases = {
      {"collective_income",
       "Amount (yuan),Item,Year,Village code\n52000,经营性收入,2025,610331100200\n12,分红,2025,61033110020X\n", 3,
       {"村代码", "收入项目"}},
      {"dispatches",
       "Term end,Term start,Sending unit,Role,Village code,ID number\n"
       "2027-03-01,2025-03-01,县农业农村局,第一书记,610331100200,110101199003074514\n"
       "2027-02-30,2025-03-01,县农业农村局,书记,610331100200,110101199003074514\n", 3,
       {"选派身份", "任期结束"}},
      {"training",
       "Trainee ID number,Hours,End day,Start day,Organizer,Level,Class title,Region code\n"
       "110101199003074514,24,2025-04-03,2025-04-01,县委组织部,县级,专题培训,610331\n"
       "110101199003074514,24,2025-04-03,2025-04-01,县委组织部,国家级,专题培训,610331\n", 3,
       {"培训层级"}},
      {"village_cadres",
       "Term start,Post,ID number,Village code\n2021-01-10,村党组织书记,110101199003074514,610331100200\n"
       "2021-01-10,村长,110101199003074515,610331100200\n", 3,
       {"身份证号", "职务"}},
      {"reserve_cadres",
       "Source,ID number,Village code\n返乡青年,110101199003074514,610331100200\n能人,110101199003074514,\n", 3,
       {"村代码", "来源"}},
  };
  for (const auto& k : cases) {
    auto rows = Read(k.kind, k.csv);
    ASSERT_EQ(rows.size(), 2u) << k.kind;
    EXPECT_TRUE(rows[0].ok()) << k.kind << ": " << (rows[0].errors.empty() ? "" : rows[0].errors[0].reason);
    std::vector<std::string> cols;
    for (const auto& e : rows[1].errors) {
      EXPECT_EQ(e.row, k.bad_row) << k.kind;
      cols.push_back(e.column);
    }
    EXPECT_EQ(cols, k.bad_columns) << k.kind;
  }
}

TEST(ImportKindsTest, RowValuesKeepTemplateKeysAndExtras) {
  auto keys = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"a", "b"});
  sheets::RowValues v(keys);
  v["b"] = "2";
  v["extra"] = "x";
  EXPECT_EQ(v["a"], "");
  EXPECT_EQ(v["b"], "2");
  EXPECT_EQ(v["extra"], "x");
  sheets::RowValues empty;
  EXPECT_EQ(empty["anything"], "");
}

TEST(ImportKindsTest, TableWriterStreamsCsvToAStreamAndGuardsFormulas) {
  auto tpl = ImportTemplateFor("visits");
  ASSERT_TRUE(tpl.ok());
  std::ostringstream out;
  auto w = TableWriter::Create(*tpl, "csv", &out);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Add({"1", "", "张三", "2026-06-01", "日常走访", "满意", "=HYPERLINK(\"x\")", "王, 书记"}).ok());
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok());
  EXPECT_TRUE(bytes->empty());
  EXPECT_EQ((*w)->rows(), 1);
  std::string csv = out.str();
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF户编号,", 0), 0u);
  EXPECT_NE(csv.find("'=HYPERLINK(\"\"x\"\")"), std::string::npos);
  EXPECT_NE(csv.find("\"王, 书记\"\r\n"), std::string::npos);
  // The same through the in-memory helper.
  EXPECT_EQ(TableCsv(*tpl, {{"1", "", "张三", "2026-06-01", "日常走访", "满意", "=HYPERLINK(\"x\")", "王, 书记"}}), csv);
  EXPECT_FALSE(TableWriter::Create(*tpl, "pdf").ok());
}

}  // namespace
}  // namespace zx

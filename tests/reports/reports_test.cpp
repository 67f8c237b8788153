// Generated reports: figures equal the rollups for the same region and period (nothing retyped),
// named lists come from the records, and the DOCX and XLSX renderings open and hold the tables.
#include "reports/report_model.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>
#include <zip.h>

#include <map>

#include "reports/docx_writer.h"
#include "sheets/xlsx_reader.h"
#include "test_util.h"

namespace zx::reports {
namespace {

constexpr char kCounty[] = "610331000000";
constexpr char kTownA[] = "610331100000";
constexpr char kVillageA1[] = "610331100200";
constexpr int64_t kNow = 1795312800;  // 2026-11-22 10:00 China time

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDb(dir_.path());
    ASSERT_TRUE(db_);
    Status s = db_->Write([&](Connection& c) { return Seed(c); });
    ASSERT_TRUE(s.ok()) << s.ToString();
    analytics::Rollups::Options o;
    o.start_refresher = false;
    auto r = analytics::Rollups::Open(*db_, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    rollups_ = std::move(*r);
  }

  static Status Seed(Connection& c) {
    const char* regions[][4] = {
        {"610000000000", "陕西省", "1", "000000000000"}, {"610300000000", "宝鸡市", "2", "610000000000"},
        {kCounty, "太白县", "3", "610300000000"},         {kTownA, "咀头镇", "4", kCounty},
        {"610331101000", "桃川镇", "4", kCounty},         {kVillageA1, "咀头街村委会", "5", kTownA},
        {"610331100201", "塘口村委会", "5", kTownA},      {"610331101200", "桃川村委会", "5", "610331101000"}};
    for (auto& r : regions)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO regions(code, name, level, parent_code) VALUES (?, ?, ?, ?)", r[0], r[1],
                                   static_cast<int64_t>(std::stoi(r[2])), r[3]));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO sending_units(name, level, region_code) VALUES ('县委组织部', 'county', ?)", kCounty));
    const char* people[][3] = {{"张勤", kVillageA1, "first_secretary"},
                               {"李缺", "610331100201", "team_member"},
                               {"王假", "610331101200", "first_secretary"}};
    for (auto& p : people) {
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO people(name, sex, region_code, created_at) VALUES (?, 'M', ?, 0)", p[0], p[1]));
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, term_start, term_end, "
                                   "status, created_at) SELECT id, ?, ?, 1, '2026-01-01', '2027-12-31', 'in_post', 0 FROM "
                                   "people WHERE name = ?",
                                   p[1], p[2], p[0]));
    }
    int client = 0;
    auto checkin = [&](int64_t dispatch, const std::string& day, int within) {
      return c.Execute("INSERT INTO checkins(client_id, dispatch_id, person_id, village_code, day, device_time, server_time, "
                       "latitude, longitude, distance_m, within, late) SELECT ?, id, person_id, village_code, ?, 0, 0, 0, 0, 0, "
                       "?, 0 FROM dispatches WHERE id = ?",
                       "c" + std::to_string(++client), day, static_cast<int64_t>(within), dispatch);
    };
    // Week 2026-W47 is 2026-11-16 .. 2026-11-22: 张勤 five days, 李缺 one, 王假 three and two days' leave.
    for (int d = 16; d <= 20; ++d) ZX_RETURN_IF_ERROR(checkin(1, "2026-11-" + std::to_string(d), 1));
    ZX_RETURN_IF_ERROR(checkin(2, "2026-11-16", 1));
    ZX_RETURN_IF_ERROR(checkin(2, "2026-11-17", 0));
    for (int d = 16; d <= 18; ++d) ZX_RETURN_IF_ERROR(checkin(3, "2026-11-" + std::to_string(d), 1));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO leaves(dispatch_id, village_code, start_day, end_day, days, reason, status, "
                                 "needs_county, requested_at) VALUES (3, '610331101200', '2026-11-19', '2026-11-20', 2, "
                                 "'病假', 'approved', 0, 0)"));
    for (int i = 0; i < 4; ++i)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO households(village_code, status, status_since, active, created_at) VALUES "
                                   "(?, 'ordinary', '2024-01-01', 1, 0)",
                                   i < 3 ? kVillageA1 : "610331101200"));
    for (int i = 1; i <= 3; ++i)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO visits(household_id, village_code, day, kind, satisfaction, visitor_name, "
                                   "visitor_is_leader, created_at) SELECT id, village_code, '2026-11-0' || ?, 'routine', ?, "
                                   "'v', 0, 0 FROM households WHERE id = ?",
                                   std::to_string(i), i == 3 ? "unsatisfied" : "satisfied", static_cast<int64_t>(i)));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO tasks(issuer_region, issuer_user_id, issuer_unit, title, content, deadline, "
                                 "created_at) VALUES (?, 1, '太白县委组织部', '报送驻村考勤', 'c', '2026-11-10', 0)", kCounty));
    ZX_RETURN_IF_ERROR(c.Execute("UPDATE tasks SET root_task_id = id"));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_receivers(task_id, root_task_id, region_code, status) VALUES (1, 1, ?, "
                                 "'pending')", kTownA));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_receivers(task_id, root_task_id, region_code, status) VALUES (1, 1, "
                                 "'610331101000', 'done')"));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_groups(region_code, name, year, created_at) VALUES (?, '第一督查组', "
                                 "2026, 0)", kCounty));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspections(group_id, region_code, kind, day, created_at) VALUES (1, ?, "
                                 "'unannounced', '2026-10-20', 0)", kTownA));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, "
                                 "deadline, status, repeat_count, found_on, created_at) VALUES (1, ?, '咀头街村', '三会一课', "
                                 "'major', '会议记录缺失', '2026-11-15', 'open', 1, '2026-10-20', 0)", kVillageA1));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, "
                                 "deadline, status, found_on, created_at) VALUES (1, ?, '咀头镇', '作风建设', 'minor', "
                                 "'值班不在岗', '2026-11-30', 'closed', '2026-10-21', 0)", kTownA));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO interviews(region_code, interviewer, interviewee, day, reason, created_at) VALUES "
                                 "(?, '县委组织部', '咀头街村党支部书记', '2026-10-25', '问题整改不力', 0)", kVillageA1));
    return Status::Ok();
  }

  Report Build(const std::string& kind, const std::string& region, const std::string& period) {
    const ReportKind* k = FindReportKind(kind);
    EXPECT_NE(k, nullptr);
    auto p = ReportPeriod(*k, period, kNow);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    auto r = BuildReport(*k, *db_, *rollups_, region, *p, kNow);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Report{};
  }

  // For every table whose headers name indicators ("名称（单位）"), each row's figure must equal
  // Rollups::Value for that row's region (a child by name, or the report's region on 合计).
  int CheckIndicatorTables(const Report& r) {
    std::map<std::string, std::string> by_header;
    for (const auto& d : rollups_->catalogue().All())
      by_header[d->unit.empty() ? d->name : d->name + "（" + d->unit + "）"] = d->id;
    std::map<std::string, std::string> by_name = {{"合计", r.region_code}};
    Status s = db_->Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name, code FROM regions WHERE parent_code = ?"));
      st.Bind(r.region_code);
      while (*st->Step()) by_name[st->Text(0)] = st->Text(1);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    int checked = 0;
    for (const auto& sec : r.sections)
      for (const auto& t : sec.tables) {
        if (t.headers.empty() || t.headers[0] != "单位") continue;
        for (const auto& row : t.rows) {
          auto region = by_name.find(row[0].text);
          if (region == by_name.end()) continue;
          for (size_t col = 1; col < t.headers.size(); ++col) {
            auto id = by_header.find(t.headers[col]);
            if (id == by_header.end()) continue;
            auto v = rollups_->Value(id->second, region->second, r.period);
            EXPECT_TRUE(v.ok());
            EXPECT_EQ(row[col].number.has_value(), v->value.has_value()) << id->second << " " << row[0].text;
            if (row[col].number && v->value) {
              EXPECT_DOUBLE_EQ(*row[col].number, *v->value) << id->second << " " << row[0].text;
            }
            ++checked;
          }
        }
      }
    return checked;
  }

  static bool Contains(const Report& r, const std::string& text) {
    for (const auto& s : r.sections) {
      for (const auto& p : s.paragraphs)
        if (p.find(text) != std::string::npos) return true;
      for (const auto& t : s.tables)
        for (const auto& row : t.rows)
          for (const auto& c : row)
            if (c.text == text) return true;
    }
    return false;
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<analytics::Rollups> rollups_;
};

TEST_F(ReportsTest, WeeklyDispatchFiguresAreTheRollups) {
  Report r = Build("weekly-dispatch", kCounty, "2026-W47");
  EXPECT_EQ(r.title, "驻村工作周报");
  EXPECT_EQ(r.region_name, "太白县");
  // 2 townships + total, 4 indicator columns each.
  EXPECT_EQ(CheckIndicatorTables(r), 3 * 4);
  auto in_post = rollups_->Value("dispatch.in_post", kCounty, r.period);
  ASSERT_TRUE(in_post.ok() && in_post->value);
  EXPECT_EQ(*in_post->value, 3);
  // 李缺 was in the village one day; 王假 three days and two days' leave meets five; 张勤 five.
  EXPECT_TRUE(Contains(r, "李缺"));
  EXPECT_FALSE(Contains(r, "王假"));
  EXPECT_FALSE(Contains(r, "张勤"));
}

TEST_F(ReportsTest, WeeklyRuleCountsOnlyTheDaysSoFarOfTheCurrentWeek) {
  // Wednesday 2026-11-18: three days of the week so far, so ceil(20 × 3 / 30) = 2 days are due.
  const int64_t wednesday = kNow - 4 * 86400;
  auto r = BuildReport(*FindReportKind("weekly-dispatch"), *db_, *rollups_, kCounty, *ParsePeriod("2026-W47"), wednesday);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ReportTable& names = r->sections.at(1).tables.at(0);
  ASSERT_EQ(names.rows.size(), 1u);
  EXPECT_EQ(names.rows[0][3].text, "李缺");
  EXPECT_EQ(names.rows[0][7].number, 2.0);
}

TEST_F(ReportsTest, MonthlyBulletinRanksWithRollupsAndNamesOverdueAndOpen) {
  Report r = Build("monthly-bulletin", kCounty, "2026-11");
  const ReportSection& ranks = r.sections.at(0);
  ASSERT_FALSE(ranks.tables.empty());
  // Each ranking's last row is the county; its 本月 and 上月 are the rollups for this and last month.
  auto coverage = rollups_->Value("visits.coverage", kCounty, r.period);
  auto previous = rollups_->Value("visits.coverage", kCounty, PreviousPeriod(r.period));
  ASSERT_TRUE(coverage.ok() && coverage->value);
  const auto& total = ranks.tables[0].rows.back();
  EXPECT_DOUBLE_EQ(*total[2].number, *coverage->value);
  EXPECT_EQ(total[3].number.has_value(), previous->value.has_value());
  // Rankings' rows are the children with Rank's values.
  auto ranked = rollups_->Rank("visits.coverage", kCounty, r.period);
  ASSERT_TRUE(ranked.ok());
  ASSERT_EQ(ranks.tables[0].rows.size(), ranked->size() + 1);
  for (size_t i = 0; i < ranked->size(); ++i) {
    EXPECT_EQ(ranks.tables[0].rows[i][1].text, (*ranked)[i].name);
    EXPECT_EQ(ranks.tables[0].rows[i][2].number, (*ranked)[i].value);
  }
  EXPECT_TRUE(Contains(r, "报送驻村考勤"));  // the township that has not done it, past the deadline
  EXPECT_TRUE(Contains(r, "会议记录缺失"));  // open finding
  EXPECT_FALSE(Contains(r, "值班不在岗"));   // closed finding
  EXPECT_TRUE(Contains(r, "李缺"));         // far below 20 days in November
}

TEST_F(ReportsTest, QuarterlyInspectionCountsFindingsFromRollups) {
  Report r = Build("quarterly-inspection", kCounty, "2026-Q4");
  EXPECT_EQ(CheckIndicatorTables(r), 3 * 3);
  EXPECT_TRUE(Contains(r, "三会一课"));
  EXPECT_TRUE(Contains(r, "问题整改不力"));
  EXPECT_TRUE(Contains(r, "会议记录缺失"));  // a repeat finding
}

TEST_F(ReportsTest, YearEndFiguresAreTheRollupsForRegionAndChildren) {
  Report county = Build("year-end", kCounty, "2026");
  EXPECT_EQ(CheckIndicatorTables(county), 3 * (6 + 7 + 6 + 6));
  Report town = Build("year-end", kTownA, "2026");
  EXPECT_EQ(town.region_name, "咀头镇");
  EXPECT_EQ(CheckIndicatorTables(town), 3 * (6 + 7 + 6 + 6));
}

TEST_F(ReportsTest, PeriodOfTheWrongKindIsRefusedNamingPeriod) {
  auto p = ReportPeriod(*FindReportKind("monthly-bulletin"), "2026-W47", kNow);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(p.status().field(), "period");
  auto d = ReportPeriod(*FindReportKind("year-end"), "", kNow);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->label, "2026");
  EXPECT_EQ(FindReportKind("nonsense"), nullptr);
}

std::string ZipEntry(const std::string& bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!z) {
    zip_source_free(src);
    return "";
  }
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
    char buf[8192];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}

TEST_F(ReportsTest, DocxIsAZipWhoseDocumentParsesAndHoldsTitleAndCells) {
  Report r = Build("weekly-dispatch", kCounty, "2026-W47");
  auto bytes = RenderDocx(r);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  EXPECT_NE(ZipEntry(*bytes, "[Content_Types].xml").find("wordprocessingml.document.main+xml"), std::string::npos);
  EXPECT_FALSE(ZipEntry(*bytes, "_rels/.rels").empty());
  std::string styles = ZipEntry(*bytes, "word/styles.xml");
  EXPECT_NE(styles.find("仿宋"), std::string::npos);
  EXPECT_NE(styles.find("黑体"), std::string::npos);
  std::string xml = ZipEntry(*bytes, "word/document.xml");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml.substr(0, 200);
  pugi::xml_node body = doc.child("w:document").child("w:body");
  ASSERT_TRUE(body);
  EXPECT_EQ(body.child("w:sectPr").child("w:pgSz").attribute("w:w").as_int(), 11906);  // A4
  std::string first_text = body.child("w:p").child("w:r").child("w:t").text().get();
  EXPECT_EQ(first_text, "太白县驻村工作周报");
  std::vector<std::string> cells;
  for (auto tbl : body.children("w:tbl"))
    for (auto tr : tbl.children("w:tr"))
      for (auto tc : tr.children("w:tc")) cells.push_back(tc.child("w:p").child("w:r").child("w:t").text().get());
  auto has = [&](const std::string& s) { return std::find(cells.begin(), cells.end(), s) != cells.end(); };
  EXPECT_TRUE(has("咀头镇"));
  EXPECT_TRUE(has("合计"));
  EXPECT_TRUE(has("李缺"));
  EXPECT_TRUE(has("在岗驻村干部（人）"));
  EXPECT_TRUE(body.child("w:tbl").child("w:tblPr").child("w:tblStyle"));
}

TEST(DocxWriterTest, EscapesTextSoTheXmlStaysWellFormed) {
  DocxWriter w;
  w.Paragraph("a < b & \"c\" > d\x01");
  w.Table({"x&y"}, {{"<tag>"}});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(w.DocumentXml().c_str()));
  EXPECT_NE(w.DocumentXml().find("a &lt; b &amp; &quot;c&quot; &gt; d<"), std::string::npos);
}

TEST_F(ReportsTest, XlsxOpensWithOurReaderWithTitleHeadersAndRows) {
  Report r = Build("year-end", kCounty, "2026");
  auto bytes = RenderXlsx(r);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto sheet = sheets::ReadXlsx(*bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_GT(sheet->rows.size(), 5u);
  EXPECT_EQ(sheet->rows[0].cells.at(0).text, "太白县年终数据");
  // The first table's header row, then one row per township and the total, with the rollup figures.
  size_t header = 0;
  for (size_t i = 0; i < sheet->rows.size(); ++i)
    if (!sheet->rows[i].cells.empty() && sheet->rows[i].cells[0].text == "单位") {
      header = i;
      break;
    }
  ASSERT_GT(header, 0u);
  const auto& h = sheet->rows[header].cells;
  EXPECT_EQ(h.at(1).text, "在册农户（户）");
  EXPECT_EQ(h.at(5).text, "走访覆盖率（%）");
  EXPECT_EQ(sheet->rows[header + 1].cells.at(0).text, "咀头镇");
  EXPECT_EQ(sheet->rows[header + 1].cells.at(1).text, "3");
  EXPECT_EQ(sheet->rows[header + 2].cells.at(0).text, "桃川镇");
  EXPECT_EQ(sheet->rows[header + 3].cells.at(0).text, "合计");
  EXPECT_EQ(sheet->rows[header + 3].cells.at(1).text, "4");
  auto coverage = rollups_->Value("visits.coverage", kCounty, r.period);
  EXPECT_DOUBLE_EQ(std::stod(sheet->rows[header + 3].cells.at(5).text), *coverage->value);
}

}  // namespace
}  // namespace zx::reports

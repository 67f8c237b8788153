#include "modules/tasks/task_rules.h"

#include <gtest/gtest.h>

namespace zx {

TEST(TaskRulesTest, FormFieldsAreCheckedAndNamed) {
  auto form = ParseForm(nlohmann::json::parse(
      R"([{"name":"visits","label":"走访户数","type":"number","required":true},{"name":"note","type":"text"},)"
      R"({"name":"rate","type":"number","indicator":"presence.compliance_rate","required":true}])"));
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  ASSERT_EQ(form->size(), 3u);
  EXPECT_TRUE((*form)[0].required);
  EXPECT_EQ((*form)[2].indicator, "presence.compliance_rate");
  EXPECT_FALSE((*form)[2].required) << "an indicator-linked field is never asked";
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"x","type":"money"}])")).status().field(), "form[0].type");
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"X Y","type":"text"}])")).status().field(), "form[0].name");
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"a","type":"text"},{"name":"a","type":"text"}])")).status().field(),
            "form[1].name");
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"a","type":"text","colour":1}])")).status().field(), "form[0].colour");
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"a","type":"text","indicator":"presence.rate"}])")).status().field(),
            "form[0].indicator");
  EXPECT_EQ(ParseForm(nlohmann::json::parse(R"([{"name":"a","type":"number","indicator":"bad key"}])")).status().field(),
            "form[0].indicator");
}

TEST(TaskRulesTest, AnswersAreCheckedAgainstTheForm) {
  auto form = *ParseForm(nlohmann::json::parse(
      R"([{"name":"visits","type":"number","required":true},{"name":"day","type":"date"},)"
      R"({"name":"rate","type":"number","indicator":"presence.compliance_rate"}])"));
  EXPECT_TRUE(CheckAnswers(form, nlohmann::json::parse(R"({"visits":3,"day":"2026-11-02"})"), true).ok());
  EXPECT_TRUE(CheckAnswers(form, nlohmann::json::parse(R"({"day":"2026-11-02"})"), false).ok()) << "progress may be partial";
  EXPECT_EQ(CheckAnswers(form, nlohmann::json::parse(R"({"day":"2026-11-02"})"), true).field(), "answers.visits");
  EXPECT_EQ(CheckAnswers(form, nlohmann::json::parse(R"({"visits":"three"})"), false).field(), "answers.visits");
  EXPECT_EQ(CheckAnswers(form, nlohmann::json::parse(R"({"day":"2026-02-30"})"), false).field(), "answers.day");
  EXPECT_EQ(CheckAnswers(form, nlohmann::json::parse(R"({"other":1})"), false).field(), "answers.other");
  EXPECT_EQ(CheckAnswers(form, nlohmann::json::parse(R"({"rate":0.9})"), false).field(), "answers.rate");
}

TEST(TaskRulesTest, EvidenceByNameAndMagicBytes) {
  EXPECT_EQ(*EvidenceType("报告.PDF", "%PDF-1.7 ...", "content_base64"), "application/pdf");
  EXPECT_EQ(*EvidenceType("a.png", "\x89PNG\r\n\x1A\n....", "content_base64"), "image/png");
  EXPECT_EQ(*EvidenceType("a.jpg", "\xFF\xD8\xFF\xE0..", "content_base64"), "image/jpeg");
  EXPECT_TRUE(EvidenceType("a.docx", std::string("PK\x03\x04", 4) + "..", "content_base64").ok());
  EXPECT_TRUE(EvidenceType("a.xlsx", std::string("PK\x03\x04", 4) + "..", "content_base64").ok());
  EXPECT_EQ(EvidenceType("a.exe", "MZ..", "content_base64").status().field(), "file_name");
  EXPECT_EQ(EvidenceType("a.pdf", "MZ..", "content_base64").status().field(), "content_base64") << "renamed executable";
  EXPECT_EQ(CheckEvidenceName("x.bat").field(), "file_name");
  EXPECT_TRUE(CheckEvidenceName("照片.JPEG").ok());
}

TEST(TaskRulesTest, EvidenceSizeLimit) {
  EXPECT_EQ(*DecodeEvidence("JVBERi0=", "content_base64"), "%PDF-");
  EXPECT_EQ(DecodeEvidence("not base64!", "content_base64").status().field(), "content_base64");
  EXPECT_EQ(DecodeEvidence("", "content_base64").status().field(), "content_base64");
  std::string big((kMaxEvidenceBytes + 3) / 3 * 4 + 8, 'A');
  EXPECT_EQ(DecodeEvidence(big, "content_base64").status().field(), "content_base64");
}

TEST(TaskRulesTest, DaysAndOverdue) {
  EXPECT_EQ(*DayNumber("2000-01-01", "d"), 10957);
  EXPECT_EQ(DayNumber("1999-12-31", "d").status().field(), "d");
  EXPECT_EQ(DayFromNumber(*DayNumber("2028-02-29", "d")), "2028-02-29");
  EXPECT_EQ(DayNumber("2026-02-29", "deadline").status().field(), "deadline");
  EXPECT_FALSE(IsOverdue("pending", "2026-11-20", "2026-11-20")) << "the deadline day itself is still in time";
  EXPECT_TRUE(IsOverdue("in_progress", "2026-11-20", "2026-11-21"));
  EXPECT_FALSE(IsOverdue("done", "2026-11-20", "2026-12-21"));
}

TEST(TaskRulesTest, CyclePeriods) {
  // 2026-11-23 is a Monday: the weekly cycle opens the week of 16–22 November (ISO week 47).
  auto w = *CurrentCyclePeriod("weekly", "2026-11-23");
  EXPECT_EQ(w.period, "2026-W47");
  EXPECT_EQ(w.opens_on, "2026-11-23");
  EXPECT_EQ(CurrentCyclePeriod("weekly", "2026-11-29")->period, "2026-W47") << "the same period all week";
  EXPECT_EQ(CurrentCyclePeriod("weekly", "2026-01-05")->period, "2026-W01");
  EXPECT_EQ(CurrentCyclePeriod("weekly", "2027-01-04")->period, "2026-W53");
  EXPECT_EQ(CurrentCyclePeriod("monthly", "2026-01-15")->period, "2025-12");
  EXPECT_EQ(CurrentCyclePeriod("monthly", "2026-11-01")->opens_on, "2026-11-01");
  EXPECT_EQ(CurrentCyclePeriod("quarterly", "2026-11-22")->period, "2026-Q3");
  EXPECT_EQ(CurrentCyclePeriod("quarterly", "2026-11-22")->opens_on, "2026-10-01");
  EXPECT_EQ(CurrentCyclePeriod("quarterly", "2026-02-01")->period, "2025-Q4");
  EXPECT_EQ(CurrentCyclePeriod("daily", "2026-02-01").status().field(), "frequency");
}

}  // namespace zx

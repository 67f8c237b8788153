#include "bench/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "modules/regions/region_import.h"
#include "test_util.h"

namespace zx {
namespace {

const char* kKey = "k1 aes-256-gcm 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// Every column but the encrypted ones (their nonces are random by design).
const std::map<std::string, std::string>& ChecksumColumns() {
  static const std::map<std::string, std::string> cols = {
      {"people", "id, name, sex, birth_date, id_number_hash, party_member, education, work_unit, region_code, created_at"},
      {"sending_units", "*"}, {"dispatches", "*"}, {"dispatch_history", "*"}, {"checkins", "*"}, {"party_orgs", "*"},
      {"party_org_ratings", "*"}, {"party_org_rating_history", "*"}, {"reserve_cadres", "*"}, {"village_posts", "*"},
      {"collective_income", "*"}, {"households", "*"}, {"visits", "*"}};
  return cols;
}

// Per table: row count and an FNV-1a hash of every row, in id order, of the ids under `root` (ids
// are region code × 1000 + ordinal).
std::map<std::string, std::pair<int64_t, uint64_t>> Checksums(Database& db, const std::string& root_code12,
                                                             int root_digits) {
  std::string low = root_code12.substr(0, root_digits) + std::string(12 - root_digits, '0');
  std::string high = root_code12.substr(0, root_digits) + std::string(12 - root_digits, '9');
  const int64_t lo = std::stoll(low) * 1000, hi = std::stoll(high) * 1000 + 999;
  std::map<std::string, std::pair<int64_t, uint64_t>> out;
  EXPECT_TRUE(db.Read([&](Connection& c) -> Status {
                  for (const auto& [table, cols] : ChecksumColumns()) {
                    ZX_ASSIGN_OR_RETURN(int64_t all, QueryInt(c, "SELECT COUNT(*) FROM pragma_table_info(?)", table));
                    const int shown = cols == "*" ? static_cast<int>(all)
                                                  : static_cast<int>(std::count(cols.begin(), cols.end(), ',') + 1);
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT " + cols + " FROM " + table +
                                                           " WHERE id BETWEEN ? AND ? ORDER BY id"));
                    st.Bind(lo, hi);
                    uint64_t h = 1469598103934665603ull;
                    int64_t n = 0;
                    for (;;) {
                      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                      if (!row) break;
                      ++n;
                      for (int i = 0; i < shown; ++i) {
                        std::string v = st->IsNull(i) ? "\x01NULL" : st->Text(i);
                        for (unsigned char ch : v + "\x1f") h = (h ^ ch) * 1099511628211ull;
                      }
                    }
                    out[table] = {n, h};
                  }
                  return Status::Ok();
                }).ok());
  return out;
}

class GeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    source_ = DefaultDivisionSource(ZX_SOURCE_DIR);
  }
  void SetUp() override {
    if (!std::filesystem::exists(source_ + "/villages.csv")) GTEST_FAIL() << "run scripts/setup.sh first: " << source_;
    auto crypto = PiiCrypto::FromKeyText(kKey);
    ASSERT_TRUE(crypto.ok()) << crypto.status().ToString();
    crypto_ = std::move(*crypto);
  }
  // A database with the real tree of the given counties.
  std::unique_ptr<Database> TreeDb(const std::string& name, std::vector<std::string> counties) {
    auto db = testing::OpenTestDb(dir_.path(), name);
    auto names = ChineseNames::Create();
    for (const auto& county : counties) {
      auto r = ImportRegions(*db, **names, {source_, county});
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    }
    return db;
  }
  GeneratorReport Generate(Database& db, const std::string& root, bool force = false, uint64_t seed = 7) {
    GeneratorOptions o;
    o.root = root;
    o.seed = seed;
    o.force = force;
    o.batch_rows = 5000;  // several transactions even for a small county
    auto r = GenerateDataSet(db, *crypto_, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : GeneratorReport{};
  }

  static inline std::string source_;
  testing::TempDir dir_;
  std::unique_ptr<PiiCrypto> crypto_;
};

TEST_F(GeneratorTest, CountyRunsAreDeterministic) {
  auto a = TreeDb("a.db", {"610331"});
  auto b = TreeDb("b.db", {"610331"});
  Generate(*a, "610331000000");
  Generate(*b, "610331000000");
  auto ca = Checksums(*a, "610331000000", 6), cb = Checksums(*b, "610331000000", 6);
  EXPECT_EQ(ca, cb);
  EXPECT_GT(ca["visits"].first, 0);
  // The checksums do see the data: another seed gives other rows.
  auto other = TreeDb("other.db", {"610331"});
  Generate(*other, "610331000000", false, 8);
  EXPECT_NE(Checksums(*other, "610331000000", 6)["visits"], ca["visits"]);
}

TEST_F(GeneratorTest, CountsMatchTheScaleFormula) {
  auto db = TreeDb("c.db", {"610331"});
  GeneratorReport report = Generate(*db, "610331000000");
  auto villages = VillagesUnder(*db, "610331000000");
  ASSERT_TRUE(villages.ok());
  ASSERT_EQ(report.villages, static_cast<int64_t>(villages->size()));
  const int64_t n = report.villages;
  auto expected = ExpectedRows(7, *villages);
  auto sums = Checksums(*db, "000000000000", 0);
  for (const auto& [table, rows] : expected) {
    EXPECT_EQ(report.rows[table], rows) << table;
    EXPECT_EQ(sums[table].first, rows) << table;
  }
  // The formula itself: fixed counts per village, proportional ones near the national means.
  EXPECT_EQ(expected["village_posts"], 5 * n);
  EXPECT_EQ(expected["reserve_cadres"], 2 * n);
  EXPECT_EQ(expected["party_orgs"], n);
  EXPECT_EQ(expected["party_org_ratings"], n);
  EXPECT_EQ(expected["visits"], 5 * expected["households"]);
  EXPECT_EQ(expected["people"], 7 * n + expected["dispatches"]);
  EXPECT_EQ(expected["sending_units"], 10);
  EXPECT_NEAR(static_cast<double>(expected["households"]) / n, 32.2, 3.0);
  EXPECT_GE(expected["collective_income"], 4 * n);
  EXPECT_LE(expected["collective_income"], 8 * n);
  for (const auto& [table, rows] : report.rows) EXPECT_EQ(rows, sums[table].first) << table;
  // The rollups' change rows the triggers logged are gone (the server rebuilds rollups at start).
  ASSERT_TRUE(db->Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t changes, QueryInt(c, "SELECT COUNT(*) FROM rollup_changes"));
                  EXPECT_EQ(changes, 0);
                  return Status::Ok();
                }).ok());
}

TEST_F(GeneratorTest, PlanAveragesMatchTheNationalTotals) {
  // Over many villages the per-village plan reproduces the national figures of the issue.
  double households = 0, visits = 0, checkins = 0, cadres = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "42%04d%03d%03d", i / 4000 % 10000, i / 200 % 1000, i % 200);
    VillagePlan p = PlanVillage(2026, code);
    households += p.households;
    visits += p.visits;
    checkins += p.checkins;
    cadres += p.cadre;
    ASSERT_GE(p.households, 16);
    ASSERT_LE(p.households, 49);
  }
  const double scale = static_cast<double>(kNationVillages) / n;
  EXPECT_NEAR(households * scale / kNationHouseholds, 1.0, 0.01);
  EXPECT_NEAR(visits * scale / kNationVisits, 1.0, 0.01);
  EXPECT_NEAR(checkins * scale / kNationCheckins, 1.0, 0.02);
  EXPECT_NEAR(cadres * scale / kNationCadres, 1.0, 0.02);
}

TEST_F(GeneratorTest, CountyEqualsTheSameVillagesInAProvinceRun) {
  auto county = TreeDb("county.db", {"610331"});
  auto province = TreeDb("province.db", {"610331", "610330"});  // two counties of 陕西省
  Generate(*county, "610331000000");
  GeneratorReport p = Generate(*province, "610000000000");
  auto in_county = Checksums(*county, "610331000000", 6);
  EXPECT_EQ(Checksums(*province, "610331000000", 6), in_county);
  // The province run has more than the county: the other county is there too.
  EXPECT_GT(p.rows["households"], in_county["households"].first);
  EXPECT_GT(Checksums(*province, "610330000000", 6)["households"].first, 0);
}

TEST_F(GeneratorTest, RefusesGeneratedDataUnlessForced) {
  auto db = TreeDb("f.db", {"610331"});
  Generate(*db, "610331000000");
  auto before = Checksums(*db, "610331000000", 6);
  GeneratorOptions o;
  o.root = "610331000000";
  o.seed = 7;
  auto again = GenerateDataSet(*db, *crypto_, o);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("--force"), std::string::npos);
  GeneratorReport forced = Generate(*db, "610331000000", true);
  EXPECT_EQ(forced.deleted, forced.total_rows);
  EXPECT_EQ(Checksums(*db, "610331000000", 6), before);
}

}  // namespace
}  // namespace zx

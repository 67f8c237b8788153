// The rollups must equal plain SQL over the records: for random regions (village to country),
// random periods of every kind and every element kind (flow, stock, distinct, per-year classes,
// records attached above villages), after the start-up build and again after random inserts,
// updates and deletes have been applied from the change rows.
#include "analytics/rollups.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <cstdio>

#include <cmath>
#include <random>

#include "analytics/elements.h"
#include "core/region_code.h"
#include "test_util.h"

namespace zx::analytics {
namespace {

struct Check {
  const char* element;
  const char* sql;  // parameters: low, high, first day, last day (stock checks ignore the first)
};

// Written from the definitions, not from the feeds, so a feed that drifts from its definition fails.
const Check kChecks[] = {
    {"visits.count", "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4"},
    {"visits.satisfied",
     "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4 AND satisfaction = 'satisfied'"},
    {"visits.leader", "SELECT COUNT(*) FROM visits WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4 AND "
                      "(visitor_is_leader = 1 OR kind = 'leader')"},
    {"visits.households_visited",
     "SELECT COUNT(DISTINCT household_id) FROM visits WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4"},
    {"checkins.count", "SELECT COUNT(*) FROM checkins WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4"},
    {"checkins.within",
     "SELECT COUNT(*) FROM checkins WHERE village_code BETWEEN ?1 AND ?2 AND day BETWEEN ?3 AND ?4 AND within = 1"},
    {"checkins.person_days", "SELECT COUNT(DISTINCT village_code || '/' || person_id || '/' || day) FROM checkins WHERE village_code BETWEEN ?1 "
                             "AND ?2 AND day BETWEEN ?3 AND ?4 AND within = 1"},
    {"households.total", "SELECT COUNT(*) FROM households WHERE village_code BETWEEN ?1 AND ?2 AND active = 1 AND ?4 >= '2000-01-01'"},
    {"households.monitored", "SELECT COUNT(*) FROM households WHERE village_code BETWEEN ?1 AND ?2 AND active = 1 AND "
                             "status = 'monitored' AND ?4 >= '2000-01-01'"},
    {"dispatch.in_post", "SELECT COUNT(*) FROM dispatches WHERE village_code BETWEEN ?1 AND ?2 AND status = 'in_post' AND ?4 >= '2000-01-01'"},
    {"dispatch.villages_covered", "SELECT COUNT(DISTINCT village_code) FROM dispatches WHERE village_code BETWEEN ?1 AND ?2 "
                                  "AND status = 'in_post' AND ?4 >= '2000-01-01'"},
    {"regions.villages", "SELECT COUNT(*) FROM regions WHERE level = 5 AND code BETWEEN ?1 AND ?2 AND ?4 >= '2000-01-01'"},
    {"party_orgs.weak", "SELECT COUNT(*) FROM party_org_ratings WHERE village_code BETWEEN ?1 AND ?2 AND "
                        "rating IN ('backward', 'weak') AND CAST(year AS TEXT) || '-01-01' BETWEEN ?3 AND ?4"},
    {"income.total", "SELECT COALESCE(SUM(amount_yuan), 0) FROM collective_income WHERE village_code BETWEEN ?1 AND ?2 AND "
                     "CAST(year AS TEXT) || '-01-01' BETWEEN ?3 AND ?4"},
    {"income.villages_100k", "SELECT COUNT(*) FROM (SELECT village_code FROM collective_income WHERE village_code BETWEEN ?1 "
                             "AND ?2 AND CAST(year AS TEXT) || '-01-01' BETWEEN ?3 AND ?4 GROUP BY village_code, year "
                             "HAVING SUM(amount_yuan) >= 100000)"},
    {"findings.count", "SELECT COUNT(*) FROM findings WHERE region_code BETWEEN ?1 AND ?2 AND found_on BETWEEN ?3 AND ?4"},
    {"training.attended", "SELECT COUNT(*) FROM training_trainees t JOIN training_classes c ON c.id = t.class_id WHERE "
                          "c.region_code BETWEEN ?1 AND ?2 AND c.start_day BETWEEN ?3 AND ?4 AND t.attendance = 'attended'"},
    {"follow_ups.open", "SELECT COUNT(*) FROM follow_ups WHERE village_code BETWEEN ?1 AND ?2 AND closed_on IS NULL AND ?4 >= '2000-01-01'"},
};

class RollupsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::OpenTestDb(dir_.path());
    ASSERT_TRUE(db_);
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Seed(c); }).ok());
  }

  std::string Day(int offset) { return FormatDay(*ParseDay("2025-09-01") + offset); }
  std::string RandomDay() { return Day(static_cast<int>(rng_() % 480)); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[rng_() % v.size()]; }

  Status Seed(Connection& c) {
    ZX_ASSIGN_OR_RETURN(Stmt region, c.Prepare("INSERT INTO regions(code, name, level, parent_code) VALUES (?, ?, ?, ?)"));
    auto add = [&](const std::string& code, int level, const std::string& parent) {
      codes_.push_back(code);
      if (level == 5) villages_.push_back(code);
      if (level == 3 || level == 4) upper_.push_back(code);
      region.Bind(code, "r" + code, level, parent);
      return region.Run();
    };
    for (std::string p : {"42", "61"}) {
      ZX_RETURN_IF_ERROR(add(p + "0000000000", 1, kCountryCode));
      for (std::string ci : {"01", "02"}) {
        ZX_RETURN_IF_ERROR(add(p + ci + "00000000", 2, p + "0000000000"));
        for (std::string co : {"21", "22"}) {
          std::string county = p + ci + co;
          ZX_RETURN_IF_ERROR(add(county + "000000", 3, p + ci + "00000000"));
          for (std::string t : {"100", "101", "102"}) {
            ZX_RETURN_IF_ERROR(add(county + t + "000", 4, county + "000000"));
            for (std::string v : {"200", "201", "202", "203"}) ZX_RETURN_IF_ERROR(add(county + t + v, 5, county + t + "000"));
          }
        }
      }
    }
    for (int i = 0; i < 40; ++i)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO people(name, sex, region_code, created_at) VALUES (?, 'M', ?, 0)",
                                   "p" + std::to_string(i), Pick(villages_)));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO sending_units(name, level, region_code) VALUES ('u', 'county', ?)", kCountryCode));
    for (int i = 0; i < 60; ++i) {
      const char* status = rng_() % 4 ? "in_post" : "rotated";
      const char* role = rng_() % 3 ? "team_member" : "first_secretary";
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, term_start, "
                                   "term_end, status, created_at) VALUES (?, ?, ?, 1, '2025-01-01', '2027-01-01', ?, 0)",
                                   static_cast<int64_t>(1 + rng_() % 40), Pick(villages_), role, status));
    }
    for (int i = 0; i < 3000; ++i) ZX_RETURN_IF_ERROR(AddCheckin(c));
    static const std::vector<std::string> statuses = {"ordinary", "registered_poor", "lifted", "monitored", "risk_removed"};
    for (int i = 0; i < 600; ++i)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO households(village_code, status, status_since, registered_year, active, "
                                   "created_at) VALUES (?, ?, '2024-01-01', ?, ?, 0)",
                                   Pick(villages_), Pick(statuses), rng_() % 3 ? std::optional<int64_t>() : 2015,
                                   static_cast<int64_t>(rng_() % 10 != 0)));
    for (int i = 0; i < 3000; ++i) ZX_RETURN_IF_ERROR(AddVisit(c));
    for (int i = 0; i < 300; ++i) {
      int64_t visit = static_cast<int64_t>(1 + rng_() % 3000);
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO follow_ups(visit_id, household_id, village_code, problem, owner, deadline, "
                                   "closed_on, created_at) SELECT id, household_id, village_code, 'p', 'o', '2026-12-31', ?, 0 "
                                   "FROM visits WHERE id = ?",
                                   rng_() % 2 ? std::optional<std::string>() : RandomDay(), visit));
    }
    int64_t org = 0;
    for (const auto& v : villages_) {
      if (rng_() % 2) continue;
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_orgs(village_code, name, kind, members, created_at) VALUES (?, 'b', "
                                   "'branch', 10, 0)", v));
      ++org;
      static const std::vector<std::string> ratings = {"advanced", "ordinary", "backward", "weak"};
      for (int64_t year : {2025, 2026})
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_org_ratings(org_id, village_code, year, rating) VALUES (?, ?, ?, ?)",
                                     org, v, year, Pick(ratings)));
      static const std::vector<std::string> items = {"operating", "contracting", "investment", "subsidy"};
      for (int64_t year : {2025, 2026})
        for (const auto& item : items)
          if (rng_() % 2)
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO collective_income(village_code, year, item, amount_yuan, updated_at) "
                                         "VALUES (?, ?, ?, ?, 0)", v, year, item, static_cast<int64_t>(rng_() % 70000)));
    }
    for (int i = 0; i < 12; ++i) {
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_classes(region_code, level, organizer, title, start_day, end_day, "
                                   "hours, created_at) VALUES (?, 'county', 'o', 't', ?, ?, 8, 0)",
                                   Pick(upper_), RandomDay(), "2027-01-01"));
      for (int64_t p = 1; p <= 40; ++p)
        if (rng_() % 3 == 0)
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_trainees(class_id, person_id, attendance) VALUES (?, ?, ?)",
                                       static_cast<int64_t>(i + 1), p, rng_() % 4 ? "attended" : "absent"));
    }
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_groups(region_code, name, year, created_at) VALUES (?, 'g', 2026, 0)",
                                 kCountryCode));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspections(group_id, region_code, kind, day, created_at) VALUES (1, ?, 'open', "
                                 "'2026-01-01', 0)", kCountryCode));
    for (int i = 0; i < 200; ++i) ZX_RETURN_IF_ERROR(AddFinding(c));
    return Status::Ok();
  }

  Status AddCheckin(Connection& c) {
    int64_t dispatch = static_cast<int64_t>(1 + rng_() % 60);
    return c.Execute("INSERT INTO checkins(client_id, dispatch_id, person_id, village_code, day, device_time, server_time, "
                     "latitude, longitude, distance_m, within, late) SELECT ?, id, person_id, village_code, ?, 0, 0, 0, 0, "
                     "0, ?, 0 FROM dispatches WHERE id = ?",
                     "c" + std::to_string(next_client_++), RandomDay(), static_cast<int64_t>(rng_() % 5 != 0), dispatch);
  }
  Status AddVisit(Connection& c) {
    static const std::vector<std::string> sat = {"satisfied", "basic", "unsatisfied"};
    static const std::vector<std::string> kinds = {"routine", "leader", "festival"};
    return c.Execute("INSERT INTO visits(household_id, village_code, day, kind, satisfaction, visitor_name, visitor_is_leader, "
                     "created_at) SELECT id, village_code, ?, ?, ?, 'v', ?, 0 FROM households WHERE id = ?",
                     RandomDay(), Pick(kinds), Pick(sat), static_cast<int64_t>(rng_() % 7 == 0),
                     static_cast<int64_t>(1 + rng_() % 600));
  }
  Status AddFinding(Connection& c) {
    // Findings belong to townships and counties as well as villages: records above the leaves.
    const std::string& region = rng_() % 2 ? Pick(upper_) : Pick(villages_);
    return c.Execute("INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, deadline, "
                     "status, found_on, created_at) VALUES (1, ?, 'u', 'c', 'minor', 'd', '2026-12-31', ?, ?, 0)",
                     region, rng_() % 3 ? "open" : "closed", RandomDay());
  }

  Period RandomPeriod() {
    int day = *ParseDay("2025-08-01") + static_cast<int>(rng_() % 540);
    switch (rng_() % 6) {
      case 0: return PeriodContaining(PeriodKind::kDay, day);
      case 1: return PeriodContaining(PeriodKind::kWeek, day);
      case 2: return PeriodContaining(PeriodKind::kMonth, day);
      case 3: return PeriodContaining(PeriodKind::kQuarter, day);
      case 4: return PeriodContaining(PeriodKind::kYear, day);
      default: return *ParsePeriod(FormatDay(day) + ".." + FormatDay(day + static_cast<int>(rng_() % 150)));
    }
  }

  // Compares `n` random (element, region, period) answers with SQL; returns how many differed.
  int CompareWithSql(Rollups& rollups, int n) {
    int wrong = 0;
    for (int i = 0; i < n; ++i) {
      const Check& check = kChecks[rng_() % (sizeof kChecks / sizeof kChecks[0])];
      std::string code = rng_() % 4 == 0 ? kCountryCode : Pick(codes_);
      Period p = RandomPeriod();
      auto level = LevelOfCode(code);
      CodeRange range = SubtreeRange(code, *level);
      double expected = 0;
      Status s = db_->Read([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(check.sql));
        st.Bind(range.low, range.high, FormatDay(p.from), FormatDay(p.to));
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (row) expected = st->Double(0);
        return Status::Ok();
      });
      EXPECT_TRUE(s.ok()) << s.ToString();
      auto got = rollups.Value(check.element, code, p);
      EXPECT_TRUE(got.ok()) << got.status().ToString();
      double value = got.ok() && got->value ? *got->value : -1;
      if (std::fabs(value - expected) > 1e-6) {
        ++wrong;
        ADD_FAILURE() << check.element << " for " << code << " in " << p.label << ": rollup " << value << ", SQL "
                      << expected;
      }
    }
    return wrong;
  }

  Status Mutate(Connection& c) {
    for (int i = 0; i < 300; ++i) {
      switch (rng_() % 9) {
        case 0: ZX_RETURN_IF_ERROR(AddCheckin(c)); break;
        case 1: ZX_RETURN_IF_ERROR(AddVisit(c)); break;
        case 2:
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE visits SET day = ?, satisfaction = 'satisfied' WHERE id = ?", RandomDay(),
                                       static_cast<int64_t>(1 + rng_() % 3000)));
          break;
        case 3: {
          int64_t visit = static_cast<int64_t>(1 + rng_() % 3000);
          ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM follow_ups WHERE visit_id = ?", visit));
          ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM visits WHERE id = ?", visit));
          break;
        }
        case 4:
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE households SET status = 'monitored', active = ? WHERE id = ?",
                                       static_cast<int64_t>(rng_() % 2), static_cast<int64_t>(1 + rng_() % 600)));
          break;
        case 5: ZX_RETURN_IF_ERROR(AddFinding(c)); break;
        case 6:
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE collective_income SET amount_yuan = amount_yuan + 40000 WHERE id = ?",
                                       static_cast<int64_t>(1 + rng_() % 100)));
          break;
        case 7:
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE dispatches SET status = 'recalled' WHERE id = ?",
                                       static_cast<int64_t>(1 + rng_() % 60)));
          break;
        default:
          ZX_RETURN_IF_ERROR(c.Execute("UPDATE training_trainees SET attendance = 'attended' WHERE id = ?",
                                       static_cast<int64_t>(1 + rng_() % 100)));
      }
    }
    return Status::Ok();
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
  std::mt19937_64 rng_{20261122};
  std::vector<std::string> codes_, villages_, upper_;
  int next_client_ = 0;
};

TEST_F(RollupsTest, StartUpBuildEqualsSqlForRandomRegionsAndPeriods) {
  Rollups::Options o;
  o.start_refresher = false;
  auto rollups = Rollups::Open(*db_, o);
  ASSERT_TRUE(rollups.ok()) << rollups.status().ToString();
  EXPECT_EQ(CompareWithSql(**rollups, 600), 0);
  EXPECT_EQ((*rollups)->stats().rows_skipped, 0);
}

TEST_F(RollupsTest, WritesAppliedFromTheChangeRowsStillEqualSql) {
  Rollups::Options o;
  o.start_refresher = false;
  auto rollups = Rollups::Open(*db_, o);
  ASSERT_TRUE(rollups.ok()) << rollups.status().ToString();
  for (int round = 0; round < 4; ++round) {
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
    auto applied = (*rollups)->Poll();
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    EXPECT_GT(*applied, 0);
    EXPECT_EQ(CompareWithSql(**rollups, 250), 0) << "round " << round;
  }
  // Everything applied is gone from the change rows, and a second poll finds nothing.
  EXPECT_EQ(*(*rollups)->Poll(), 0);
  ASSERT_TRUE(db_->Read([](Connection& c) -> Status {
    EXPECT_EQ(*QueryInt(c, "SELECT COUNT(*) FROM rollup_changes"), 0);
    return Status::Ok();
  }).ok());
}

// On SQLite new check-ins are read by id rather than from change rows; deleting the newest one
// lets its id be handed out again, and the new check-in under the old id must still be counted.
TEST_F(RollupsTest, CheckInsReadByIdSurviveTheNewestBeingDeletedAndItsIdReused) {
  Rollups::Options o;
  o.start_refresher = false;
  auto rollups = Rollups::Open(*db_, o);
  ASSERT_TRUE(rollups.ok()) << rollups.status().ToString();
  int64_t newest = 0, reused = 0;
  ASSERT_TRUE(db_->Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(AddCheckin(c));
    ZX_ASSIGN_OR_RETURN(newest, QueryInt(c, "SELECT MAX(id) FROM checkins"));
    return Status::Ok();
  }).ok());
  ASSERT_TRUE((*rollups)->Poll().ok());
  ASSERT_TRUE(db_->Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM checkins WHERE id = ?", newest));
    for (int i = 0; i < 5; ++i) ZX_RETURN_IF_ERROR(AddCheckin(c));
    ZX_ASSIGN_OR_RETURN(reused, QueryInt(c, "SELECT MIN(id) FROM checkins WHERE id >= ?", newest));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(reused, newest);  // the premise: SQLite handed the id out again
  ASSERT_TRUE((*rollups)->Poll().ok());
  for (const char* year : {"2025", "2026", "2027"}) {
    Period p = *ParsePeriod(year);
    int64_t want = 0;
    ASSERT_TRUE(db_->Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(want, QueryInt(c, "SELECT COUNT(*) FROM checkins WHERE within = 1 AND day BETWEEN ? AND ?",
                                         FormatDay(p.from), FormatDay(p.to)));
      return Status::Ok();
    }).ok());
    auto got = (*rollups)->Value("checkins.within", kCountryCode, p);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->value.value_or(0), static_cast<double>(want)) << year;
  }
  EXPECT_EQ(CompareWithSql(**rollups, 300), 0);
}

// A clean stop saves the store; the next start loads it, applies what was written while no
// server ran (change rows, and on SQLite check-ins above the saved id), and answers as SQL does.
TEST_F(RollupsTest, SnapshotSavedAtStopStartsTheNextRunWithTheWritesMadeMeanwhile) {
  Rollups::Options o;
  o.start_refresher = false;
  o.snapshot_path = dir_.File("rollups.snapshot");
  {
    auto first = Rollups::Open(*db_, o);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_FALSE((*first)->stats().from_snapshot);  // no file yet
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
    ASSERT_TRUE((*first)->Poll().ok());
    (*first)->Stop();
    EXPECT_EQ((*first)->stats().snapshot_note, "saved");
  }
  ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());  // while stopped
  auto second = Rollups::Open(*db_, o);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE((*second)->stats().from_snapshot) << (*second)->stats().snapshot_note;
  EXPECT_EQ(CompareWithSql(**second, 400), 0);
  // On SQLite the token stays: the file and the change rows kept since describe the database
  // together, so a crash now would start from them again.
  ASSERT_TRUE(db_->Read([](Connection& c) -> Status {
    EXPECT_EQ(*QueryInt(c, "SELECT COUNT(*) FROM rollup_snapshot"), 1);
    return Status::Ok();
  }).ok());
}

// With the refresher running, the file is saved again every few changes and the change rows it
// covers go; a crash at any point then starts from the last file and the rows kept since.
TEST_F(RollupsTest, ACrashStartsFromTheLastSavedSnapshotAndTheChangesKeptSince) {
  Rollups::Options o;
  o.poll_interval_ms = 10;
  o.snapshot_path = dir_.File("rollups.snapshot");
  o.snapshot_every_changes = 50;
  auto running = Rollups::Open(*db_, o);
  ASSERT_TRUE(running.ok()) << running.status().ToString();
  EXPECT_EQ((*running)->stats().snapshots_saved, 1);  // right after the build from the records
  for (int round = 0; round < 6; ++round) {
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
    for (int wait = 0; wait < 500; ++wait) {
      int64_t left = 0;
      ASSERT_TRUE(db_->Read([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(left, QueryInt(c, "SELECT COUNT(*) FROM rollup_changes"));
        return Status::Ok();
      }).ok());
      if ((*running)->stats().snapshots_saved > round + 1 && left <= 1) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_GE((*running)->stats().snapshots_saved, 4);
  // Changes applied by the running server but not yet covered by a file, then a "crash": a
  // second process opens the database while the first has not stopped.
  ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
  auto after_crash = Rollups::Open(*db_, o);
  ASSERT_TRUE(after_crash.ok());
  EXPECT_TRUE((*after_crash)->stats().from_snapshot) << (*after_crash)->stats().snapshot_note;
  EXPECT_EQ(CompareWithSql(**after_crash, 400), 0);
  (*after_crash)->Stop();
  running->reset();
}

// Whatever may have made the file stale — change rows applied by another process, a crash after
// loading, a damaged file — means a full build, with the right answers.
TEST_F(RollupsTest, StaleOrDamagedSnapshotIsNotUsed) {
  Rollups::Options o;
  o.start_refresher = false;
  o.snapshot_path = dir_.File("rollups.snapshot");
  auto save = [&] {
    auto r = Rollups::Open(*db_, o);
    ASSERT_TRUE(r.ok());
    (*r)->Stop();
  };
  save();
  {
    // Another process (a command without a snapshot) applies and deletes change rows.
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
    Rollups::Options plain;
    plain.start_refresher = false;
    auto other = Rollups::Open(*db_, plain);
    ASSERT_TRUE(other.ok());
    auto stale = Rollups::Open(*db_, o);
    ASSERT_TRUE(stale.ok());
    EXPECT_FALSE((*stale)->stats().from_snapshot);
    EXPECT_EQ(CompareWithSql(**stale, 200), 0);
    (*stale)->Stop();
  }
  {
    // A start after a kill -9 (the first never stopped, its writes applied but not saved) loads
    // the same file and applies the change rows kept since.
    auto loaded = Rollups::Open(*db_, o);
    ASSERT_TRUE(loaded.ok());
    EXPECT_TRUE((*loaded)->stats().from_snapshot) << (*loaded)->stats().snapshot_note;
    ASSERT_TRUE(db_->Write([&](Connection& c) { return Mutate(c); }).ok());
    ASSERT_TRUE((*loaded)->Poll().ok());
    auto again = Rollups::Open(*db_, o);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE((*again)->stats().from_snapshot) << (*again)->stats().snapshot_note;
    EXPECT_EQ(CompareWithSql(**again, 200), 0);
    (*again)->Stop();
    loaded->reset();  // the later stop's file and token win
  }
  {
    // One flipped byte in the middle of the file.
    std::FILE* f = std::fopen(o.snapshot_path.c_str(), "r+b");
    ASSERT_NE(f, nullptr);
    std::fseek(f, 0, SEEK_END);
    long size = std::ftell(f);
    std::fseek(f, size / 2, SEEK_SET);
    int c = std::fgetc(f);
    std::fseek(f, size / 2, SEEK_SET);
    std::fputc(c ^ 0x5A, f);
    std::fclose(f);
    auto damaged = Rollups::Open(*db_, o);
    ASSERT_TRUE(damaged.ok());
    EXPECT_FALSE((*damaged)->stats().from_snapshot);
    EXPECT_NE((*damaged)->stats().snapshot_note.find("damaged"), std::string::npos) << (*damaged)->stats().snapshot_note;
    EXPECT_EQ(CompareWithSql(**damaged, 200), 0);
  }
}

TEST_F(RollupsTest, RatiosAndRankingsFollowTheirParts) {
  Rollups::Options o;
  o.start_refresher = false;
  auto opened = Rollups::Open(*db_, o);
  ASSERT_TRUE(opened.ok());
  Rollups& r = **opened;
  Period year = *ParsePeriod("2026");
  auto sat = r.Value("visits.satisfaction", "420000000000", year);
  ASSERT_TRUE(sat.ok());
  double s = 0, b = 0, n = 0;
  for (const auto& [name, v] : sat->parts) {
    if (name == "visits.satisfied") s = *v;
    if (name == "visits.basic") b = *v;
    if (name == "visits.count") n = *v;
  }
  ASSERT_GT(n, 0);
  EXPECT_NEAR(*sat->value, (s + b) / n * 100, 1e-9);

  auto ranked = r.Rank("visits.count", kCountryCode, year);
  ASSERT_TRUE(ranked.ok());
  ASSERT_EQ(ranked->size(), 2u);  // two provinces
  EXPECT_GE(*(*ranked)[0].value, *(*ranked)[1].value);
  double sum = *(*ranked)[0].value + *(*ranked)[1].value;
  EXPECT_DOUBLE_EQ(sum, *r.Value("visits.count", kCountryCode, year)->value);

  EXPECT_FALSE(r.Value("no.such", kCountryCode, year).ok());
  EXPECT_FALSE(r.Value("visits.count", "990000000000", year).ok());
}

}  // namespace
}  // namespace zx::analytics

#include "modules/households/household_demo.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <unordered_set>
#include <cmath>
#include <cstdio>

#include "modules/demo/demo_kit.h"
#include "core/region_code.h"
#include "modules/households/household_routes.h"
#include "modules/households/household_rules.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

using Rng = DemoRng;

const auto& kSurnames = kDemoSurnames;
const char* const kMale[] = {"建国", "志强", "文军", "永胜", "春生", "国庆", "明辉", "宏伟", "德明", "振华", "长林", "发贵"};
const char* const kFemale[] = {"秀英", "桂芳", "玉兰", "红梅", "丽华", "春花", "翠兰", "海燕", "凤英", "小琴"};
const char* const kChildM[] = {"浩然", "子轩", "宇航", "俊杰", "博文", "家乐"};
const char* const kChildF[] = {"欣怡", "梓涵", "雨欣", "佳怡", "思琪", "语桐"};
const char* const kGroups[] = {"一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组"};
const char* const kMeasures[] = {"industry", "employment", "education", "health", "housing", "social"};
const char* const kProblems[] = {"房屋漏雨需修缮", "医保报销未到账", "子女上学交通不便", "饮水管道冻裂", "产业奖补未兑现"};

// Birth dates in [from, from + span) days; each (day, sequence, sex) used once, so numbers are unique.
class IdMaker {
 public:
  IdMaker(std::string area6, int year_from, int years) : area_(std::move(area6)), from_(year_from), span_(years * 365) {}
  // An ID number and its birth date for the k-th person of this maker.
  std::string Make(int64_t k, bool male, std::string* birth) {
    int64_t day = (k % span_) * 7919 % span_;
    int64_t seq = 2 * (k / span_) + (male ? 1 : 0);
    int y = from_, d = static_cast<int>(day);
    static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    while (d >= 365) d -= 365, ++y;
    int m = 0;
    while (d >= kMonth[m]) d -= kMonth[m], ++m;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", area_.c_str(), y, m + 1, d + 1, static_cast<int>(seq % 1000));
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m + 1, d + 1);
    *birth = date;
    std::string first17(buf, 17);
    return first17 + IdCheckCharacter(first17);
  }

 private:
  std::string area_;
  int from_, span_;
};

std::string DateOf(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string SchoolingFor(int age, Rng& rng) {
  if (age < 3) return "preschool";
  if (age < 6) return "kindergarten";
  if (age <= 11) return "primary_student";
  if (age <= 15) return "junior_student";
  if (age <= 17) return rng.Below(10) < 8 ? "senior_student" : "junior";
  if (age <= 21) return rng.Below(10) < 4 ? "college_student" : "senior";
  return "senior";
}

// Rows gathered per table and written with Connection::CopyRows: COPY on PostgreSQL (row-by-row
// inserts there took 142 s for this demo), a cached prepared insert on SQLite.
using Cell = std::optional<std::string>;
struct Batch {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  void Add(std::vector<Cell> row) { rows.push_back(std::move(row)); }
  Status Flush(Connection& c) {
    Status s = c.CopyRows(table, columns, rows);
    rows.clear();
    return s;
  }
};
Cell Num(int64_t v) { return std::to_string(v); }
Cell Num(std::optional<int64_t> v) { return v ? Cell(std::to_string(*v)) : std::nullopt; }
Cell Real(std::optional<double> v) {
  if (!v) return std::nullopt;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6f", *v);
  return std::string(buf);
}

}  // namespace

Result<HouseholdDemoReport> LoadHouseholdDemo(Database& db, const PiiCrypto& crypto, const Clock& clock) {
  HouseholdDemoReport report;
  int64_t loaded = 0;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(loaded, QueryInt(c, "SELECT COUNT(*) FROM meta WHERE key = 'demo_households'"));
    return Status::Ok();
  }));
  if (loaded) {
    report.already_loaded = true;
    return report;
  }
  auto started = std::chrono::steady_clock::now();
  const int64_t now = clock.NowSeconds();
  const std::string today = ChinaDay(now);
  const int year = std::stoi(today.substr(0, 4)), month_now = std::stoi(today.substr(5, 2));
  ZX_ASSIGN_OR_RETURN(std::string quarter, PeriodContaining("quarter", today));
  ZX_ASSIGN_OR_RETURN(DayRange2 q, ParsePeriod(quarter));
  std::vector<std::string> visit_days = DayRange(q.first, today);

  struct Plan {
    std::string county;
    int households;
    double registered_share;  // ever registered poor (建档立卡)
  };
  // Seed 001: 10万余户 visited, 4.8万 of them poor.
  const Plan plans[] = {{"420323000000", 100000, 0.48}, {"610331000000", 6000, 0.30}};
  Rng rng(20261122);
  double crypto_seconds = 0;

  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(int64_t next_household, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM households"));
    ZX_ASSIGN_OR_RETURN(int64_t next_person, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM people"));
    ZX_ASSIGN_OR_RETURN(int64_t next_visit, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM visits"));
    Batch household{"households", {"id", "village_code", "villager_group", "address", "latitude", "longitude", "income_per_head",
                                   "income_year", "measures", "status", "risk_type", "status_since", "registered_year",
                                   "monitored_since", "created_at"}};
    Batch person{"people", {"id", "name", "sex", "birth_date", "id_number_enc", "id_number_hash", "party_member", "region_code",
                            "created_at"}};
    Batch member{"household_members", {"household_id", "person_id", "relation", "labour", "health", "schooling", "since"}};
    Batch history{"household_status_history", {"household_id", "on_date", "from_status", "to_status", "risk_type", "reason",
                                               "approver", "at"}};
    Batch visit{"visits", {"id", "household_id", "village_code", "day", "kind", "satisfaction", "problems", "visitor_name",
                           "visitor_is_leader", "created_at"}};
    Batch follow{"follow_ups", {"visit_id", "household_id", "village_code", "problem", "owner", "deadline", "result", "closed_on",
                                "created_at"}};
    // Parents before children, so foreign keys hold at every flush.
    auto flush = [&]() -> Status {
      for (Batch* b : {&household, &person, &member, &history, &visit, &follow}) ZX_RETURN_IF_ERROR(b->Flush(c));
      return Status::Ok();
    };

    for (const Plan& plan : plans) {
      CodeRange range = SubtreeRange(plan.county, RegionLevel::kCounty);
      ZX_ASSIGN_OR_RETURN(int64_t existing, QueryInt(c, "SELECT COUNT(*) FROM households WHERE village_code BETWEEN ? AND ?",
                                                     range.low, range.high));
      if (existing) continue;  // the county has real or earlier data: leave it alone
      struct Village {
        std::string code, name;
        std::optional<double> lat, lng;
      };
      std::vector<Village> villages;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name, latitude, longitude FROM regions WHERE level = 5 AND code "
                                               "BETWEEN ? AND ? ORDER BY code"));
        st.Bind(range.low, range.high);
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          Village v{st->Text(0), st->Text(1), std::nullopt, std::nullopt};
          if (!st->IsNull(2) && !st->IsNull(3)) v.lat = st->Double(2), v.lng = st->Double(3);
          villages.push_back(std::move(v));
        }
      }
      if (villages.empty()) continue;
      const std::string area6 = plan.county.substr(0, 6);
      IdMaker adults(area6, 1940, 28), children(area6, 2001, 24);
      std::unordered_set<std::string> taken;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id_number_hash FROM people WHERE id_number_hash IS NOT NULL"));
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          taken.insert(st->Text(0));
        }
      }
      int64_t adult_k = 0, child_k = 0;
      const int per_village = plan.households / static_cast<int>(villages.size());
      int remainder = plan.households % static_cast<int>(villages.size());
      for (size_t vi = 0; vi < villages.size(); ++vi) {
        const Village& v = villages[vi];
        ZX_RETURN_IF_ERROR(flush());  // one village's rows at a time keeps memory small
        int count = per_village + (static_cast<int>(vi) < remainder ? 1 : 0);
        int groups = 4 + rng.Below(7);
        for (int hi = 0; hi < count; ++hi) {
          int64_t hid = ++next_household;
          int g = hi * groups / count;
          std::optional<double> lat, lng;
          if (v.lat && rng.Below(10) < 9) {  // a few households without a position
            double angle = (g + rng.Unit() * 0.8) * 6.2831853 / groups, r = 0.002 + rng.Unit() * 0.01;
            lat = *v.lat + r * std::sin(angle);
            lng = *v.lng + r * std::cos(angle);
          }
          // Status: ever registered with the county's share; most lifted, some monitored or risk removed.
          bool registered = rng.Unit() < plan.registered_share;
          std::string status = "ordinary", since = DateOf(2015, 1, 1);
          std::optional<std::string> risk, monitored_since;
          std::optional<int64_t> registered_year;
          int reg_year = 2014 + rng.Below(3), lift_year = 2017 + rng.Below(4);
          double income;
          if (registered) {
            registered_year = reg_year;
            int roll = rng.Below(100);
            status = roll < 94 ? "lifted" : roll < 97 ? "monitored" : "risk_removed";
            since = DateOf(lift_year, 1 + rng.Below(12), 1 + rng.Below(28));
            if (status != "lifted") {
              risk = roll % 3 == 0 ? "sudden" : "unstable";
              monitored_since = DateOf(2022 + rng.Below(2), 1 + rng.Below(12), 1 + rng.Below(28));
              since = *monitored_since;
              // Risk removed last year or earlier this year, so the year's exit figures have cases.
              if (status == "risk_removed")
                since = rng.Below(2) || month_now == 1 ? DateOf(year - 1, 7 + rng.Below(6), 1 + rng.Below(28))
                                                       : DateOf(year, 1 + rng.Below(month_now - 1), 1 + rng.Below(28));
            }
            income = status == "monitored" ? 5500 + rng.Below(3000) : 9000 + rng.Below(12000);
          } else {
            int roll = rng.Below(1000);
            if (roll < 10) {
              status = "monitored";
              risk = roll < 6 ? "marginal" : "sudden";
              monitored_since = since = DateOf(2023 + rng.Below(2), 1 + rng.Below(12), 1 + rng.Below(28));
            }
            income = roll >= 10 && roll < 14 ? 5000 + rng.Below(1500) : 12000 + rng.Below(30000);  // a few to check
          }
          std::string measures;
          if (registered)
            for (int k = 0; k < 2; ++k) {
              std::string mm = kMeasures[rng.Below(std::size(kMeasures))];
              if (measures.find(mm) == std::string::npos) measures += (measures.empty() ? "" : ",") + mm;
            }
          char address[200];
          std::snprintf(address, sizeof address, "%s%s%d号", v.name.c_str(), kGroups[g % 10], hi + 1);
          household.Add({Num(hid), v.code, std::string(kGroups[g % 10]), std::string(address), Real(lat), Real(lng),
                         Num(static_cast<int64_t>(std::round(income))), Num(static_cast<int64_t>(year - 1)), measures, status, risk,
                         since, Num(registered_year), monitored_since, Num(now)});
          ++report.households;
          report.registered += registered;
          report.monitored += status == "monitored";
          // Status history: registration, lifting, monitoring, risk removal — each dated.
          auto add_history = [&](const std::string& date, std::optional<std::string> from, const std::string& to,
                                 std::optional<std::string> rt, const char* reason) -> Status {
            history.Add({Num(hid), date, from, to, rt, std::string(reason), std::string("镇党委、镇政府"), Num(now)});
            return Status::Ok();
          };
          if (registered) {
            std::string reg_date = DateOf(reg_year, 10, 1 + rng.Below(28)), lift_date = DateOf(lift_year, 12, 1 + rng.Below(28));
            ZX_RETURN_IF_ERROR(add_history(reg_date, std::nullopt, "registered_poor", std::nullopt, "精准识别，建档立卡"));
            ZX_RETURN_IF_ERROR(add_history(lift_date, std::string("registered_poor"), "lifted", std::nullopt, "达到脱贫标准，群众认可"));
            if (monitored_since)
              ZX_RETURN_IF_ERROR(add_history(*monitored_since, std::string("lifted"), "monitored", risk, "收入下降，存在返贫风险"));
            if (status == "risk_removed")
              ZX_RETURN_IF_ERROR(add_history(since, std::string("monitored"), "risk_removed", std::nullopt, "帮扶后收入稳定，风险消除"));
          } else {
            ZX_RETURN_IF_ERROR(add_history(DateOf(2015, 1, 1), std::nullopt, "ordinary", std::nullopt, "建档录入"));
            if (monitored_since)
              ZX_RETURN_IF_ERROR(add_history(*monitored_since, std::string("ordinary"), "monitored", risk, "因病因灾支出骤增"));
          }
          // Members: head, usually a spouse, 0–2 children.
          int size = 2 + rng.Below(3);
          bool head_male = rng.Below(10) < 8;
          const char* surname = kSurnames[rng.Below(std::size(kSurnames))];
          for (int k = 0; k < size; ++k) {
            bool child = k >= 2 || (k == 1 && rng.Below(8) == 0);
            bool male = k == 0 ? head_male : (k == 1 && !child ? !head_male : rng.Below(2) == 0);
            std::string birth;
            auto t0 = std::chrono::steady_clock::now();
            // Numbers the other demos already gave to cadres are skipped: one person per ID number.
            std::string id, hash;
            do {
              id = child ? children.Make(child_k++, male, &birth) : adults.Make(adult_k++, male, &birth);
              hash = crypto.BlindIndex(id);
            } while (taken.count(hash));
            ZX_ASSIGN_OR_RETURN(std::string enc, crypto.Encrypt(id));
            crypto_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::string name = std::string(k == 1 && !child ? kSurnames[rng.Below(std::size(kSurnames))] : surname) +
                               (child ? (male ? kChildM : kChildF)[rng.Below(6)] : (male ? kMale : kFemale)[rng.Below(10)]);
            bool party = k == 0 && rng.Below(12) == 0;
            int64_t pid = ++next_person;
            person.Add({Num(pid), name, std::string(male ? "M" : "F"), birth, enc, hash, Num(party ? 1 : 0), v.code, Num(now)});
            ++report.people;
            report.party_members += party;
            int age = AgeOn(birth, today).value_or(-1);
            std::string schooling = child ? SchoolingFor(age, rng) : (rng.Below(3) ? "junior" : "primary");
            if (child && age >= 6 && age <= 15 && rng.Below(400) == 0) schooling = "dropout";  // for the checks to find
            const char* relation = k == 0 ? "head" : child ? "child" : "spouse";
            const char* labour = child ? (age < 16 ? "no_need" : "full") : (age >= 65 ? "weak" : "full");
            const char* health = rng.Below(12) == 0 ? "chronic" : "healthy";
            member.Add({Num(hid), Num(pid), std::string(relation), std::string(labour), std::string(health), schooling, since});
          }
          // Visits this quarter: all but about 1%; 98% satisfied or basically satisfied.
          if (rng.Below(100) != 0 && !visit_days.empty()) {
            int roll = rng.Below(1000);
            const char* satisfaction = roll < 20 ? "unsatisfied" : roll < 120 ? "basic" : "satisfied";
            bool leader = rng.Below(80) == 0;
            std::string visitor = leader ? std::string("县级领导") + kSurnames[rng.Below(std::size(kSurnames))] + "同志"
                                         : std::string(kSurnames[rng.Below(std::size(kSurnames))]) + kMale[rng.Below(10)];
            std::string day = visit_days[rng.Below(static_cast<int>(visit_days.size()))];
            bool problem = rng.Below(50) == 0;
            std::string text = problem ? kProblems[rng.Below(std::size(kProblems))] : "";
            int64_t visit_id = ++next_visit;
            visit.Add({Num(visit_id), Num(hid), v.code, day, std::string(leader ? "leader" : "routine"), std::string(satisfaction),
                       text, visitor, Num(leader ? 1 : 0), Num(now)});
            ++report.visits;
            if (problem) {
              bool closed = rng.Below(2) == 0;
              follow.Add({Num(visit_id), Num(hid), v.code, text, std::string("村委会"), today,
                          std::string(closed ? "已协调解决" : ""), closed ? Cell(today) : std::nullopt, Num(now)});
            }
          }
        }
      }
      ZX_RETURN_IF_ERROR(flush());
      auto g0 = std::chrono::steady_clock::now();
      nlohmann::json grid_report;
      ZX_RETURN_IF_ERROR(AutoAssignGrids(c, range.low, range.high, "group", 50, GridBounds{10, 15}, now, &grid_report));
      report.grid_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();
    }
    if (c.dialect() == Dialect::kPostgres) {
      // Ids were given explicitly; move the identity sequences past them.
      ZX_RETURN_IF_ERROR(c.Exec("SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT COALESCE(MAX(id), 1) FROM households));"
                                "SELECT setval(pg_get_serial_sequence('people', 'id'), (SELECT COALESCE(MAX(id), 1) FROM people));"
                                "SELECT setval(pg_get_serial_sequence('visits', 'id'), (SELECT COALESCE(MAX(id), 1) FROM visits));"));
    }
    return c.Execute("INSERT INTO meta(key, value) VALUES ('demo_households', ?)", today);
  }));
  report.crypto_seconds = crypto_seconds;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace zx

#include "bench/generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <optional>

#include "core/region_code.h"
#include "modules/demo/demo_kit.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

using Cell = std::optional<std::string>;

// 2026-01-01 00:00 in China (UTC+8), and the fixed "now" of undated rows (the end of the range):
// created_at must not come from the clock, or two runs would differ.
constexpr int64_t kDayZero = 1767196800;
constexpr int64_t kGenNow = kDayZero + int64_t{kGenDays} * 86400;
// Every generated id is a village (or county) code × 1000 + ordinal: at least 10^14.
constexpr int64_t kGeneratedIdFloor = 100000000000000;

const char* const kGiven[] = {"建国", "志强", "海燕", "丽华", "文军", "晓东", "红梅", "永胜", "春生", "秀英", "国庆",
                              "明辉", "小军", "玉兰", "宏伟", "德明", "建华", "桂芳", "振华", "伟", "静", "磊",
                              "敏", "勇", "洁", "涛", "艳", "斌", "鹏", "娜", "军", "霞", "刚", "慧", "峰"};
const char* const kEducation[] = {"junior", "senior", "senior", "college", "bachelor", "bachelor"};
const char* const kGroups[] = {"一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组"};
const char* const kMeasures[] = {"industry", "employment", "education", "health", "housing", "social"};
const char* const kProblems[] = {"房屋漏雨需修缮", "医保报销未到账", "子女上学交通不便", "饮水管道冻裂", "产业奖补未兑现"};
const char* const kPosts[kPostsPerVillage] = {"secretary", "director", "branch_member", "committee_member", "supervisor"};
const char* const kSources[] = {"rich_expert", "returned_youth", "veteran", "graduate", "other"};
const char* const kItems[] = {"operating", "contracting", "investment", "subsidy"};
const char* const kUnitNames[] = {"省委组织部", "省财政厅", "市委组织部", "市农业农村局", "市人民医院",
                                  "县委组织部", "县交通运输局", "县教育局", "县农业农村局", "县供电公司"};
const char* const kUnitLevels[] = {"provincial", "provincial", "city", "city", "city",
                                   "county", "county", "county", "county", "enterprise"};

// One table's rows of a chunk; the order of kTables is the write order (parents first).
enum TableIndex {
  kPeople, kUnits, kDispatches, kDispatchHistory, kCheckins, kOrgs, kRatings, kRatingHistory, kReserves,
  kVillagePosts, kIncome, kHouseholds, kVisits, kTableCount
};
struct TableDef {
  const char* name;
  std::vector<std::string> columns;
};
const std::vector<TableDef>& Defs() {
  static const std::vector<TableDef> defs = {
      {"people", {"id", "name", "sex", "birth_date", "id_number_enc", "id_number_hash", "phone_enc", "party_member",
                  "education", "work_unit", "region_code", "created_at"}},
      {"sending_units", {"id", "name", "level", "region_code"}},
      {"dispatches", {"id", "person_id", "village_code", "role", "sending_unit_id", "term_start", "term_end", "status",
                      "insured", "created_at"}},
      {"dispatch_history", {"id", "dispatch_id", "at", "to_status", "reason"}},
      {"checkins", {"id", "client_id", "dispatch_id", "person_id", "village_code", "day", "device_time", "server_time",
                    "latitude", "longitude", "accuracy_m", "distance_m", "within", "late"}},
      {"party_orgs", {"id", "village_code", "name", "kind", "members", "secretary_person_id", "founded_on", "created_at"}},
      {"party_org_ratings", {"id", "org_id", "village_code", "year", "rating"}},
      {"party_org_rating_history", {"id", "org_id", "year", "to_rating", "reason", "username", "at"}},
      {"reserve_cadres", {"id", "village_code", "person_id", "source", "note", "created_at"}},
      {"village_posts", {"id", "village_code", "person_id", "post", "term_start", "created_at"}},
      {"collective_income", {"id", "village_code", "year", "item", "amount_yuan", "evidence_name", "updated_at"}},
      {"households", {"id", "village_code", "villager_group", "address", "latitude", "longitude", "income_per_head",
                      "income_year", "measures", "status", "risk_type", "status_since", "registered_year",
                      "monitored_since", "created_at"}},
      {"visits", {"id", "household_id", "village_code", "day", "kind", "satisfaction", "problems", "visitor_person_id",
                  "visitor_name", "visitor_is_leader", "created_at"}},
  };
  return defs;
}

struct Village {
  std::string code, name;
  std::optional<double> lat, lon;
};

struct Chunk {
  std::vector<std::vector<std::vector<Cell>>> rows = std::vector<std::vector<std::vector<Cell>>>(kTableCount);
  size_t end = 0;  // the index of the first village not in this chunk
  int64_t villages = 0;
  int64_t total = 0;
};

Cell Num(int64_t v) { return std::to_string(v); }
Cell Real(double v, const char* format = "%.6f") {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return std::string(buf);
}

// A stream of its own per (seed, village, purpose): the plan and the rows never shift each other.
uint64_t VillageSeed(uint64_t seed, const std::string& code, uint64_t purpose) {
  DemoRng mix(seed * 0x9E3779B97F4A7C15ull ^ std::stoull(code) ^ (purpose << 56));
  mix.Next();
  return mix.Next();
}

int64_t CodeNumber(const std::string& code) { return std::stoll(code); }

// Days since 1970-01-01 → y, m, d (proleptic Gregorian; H. Hinnant's civil_from_days).
void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

std::string DateText(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

const std::vector<std::string>& GenDays() {
  static const std::vector<std::string> days = [] {
    std::vector<std::string> out;
    for (int i = 0; i < kGenDays; ++i) {
      int y, m, d;
      CivilFromDays(kDayZero / 86400 + 1 + i, &y, &m, &d);  // kDayZero is 16:00 UTC of the day before
      out.push_back(DateText(y, m, d));
    }
    return out;
  }();
  return days;
}

std::string OrgName(const std::string& village, bool general) {
  std::string base = village;
  for (const std::string suffix : {"居委会", "委会"}) {
    if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0) {
      base.resize(base.size() - suffix.size());
      break;
    }
  }
  return base + (general ? "党总支" : "党支部");
}

// Villages without a position (the imported tree has none) get a stable one made from the code,
// inside the country's rough box, so distances and maps still work.
std::pair<double, double> PositionOf(const Village& v) {
  if (v.lat && v.lon) return {*v.lat, *v.lon};
  DemoRng r(std::stoull(v.code));
  return {22.0 + 20.0 * r.Unit(), 100.0 + 22.0 * r.Unit()};
}

struct PersonIds {
  std::string id_number, birth;
  char sex;
};
// Unique by construction: area6 of the county, a birth date 1962-01-01 + (township × 8 + k) days,
// the village number (its last 3 digits) as sequence. k < 8 people per village.
PersonIds PersonId(const std::string& code, int k) {
  const int township = std::stoi(code.substr(6, 3)), village = std::stoi(code.substr(9, 3));
  int y, m, d;
  CivilFromDays(-2922 + township * 8 + k, &y, &m, &d);  // -2922: 1962-01-01
  PersonIds p;
  p.id_number = DemoIdNumber(code.substr(0, 6), y, m, d, village);
  p.birth = DateText(y, m, d);
  p.sex = ((p.id_number[16] - '0') % 2) ? 'M' : 'F';
  return p;
}

std::string Name(DemoRng& rng) {
  return std::string(kDemoSurnames[rng.Below(std::size(kDemoSurnames))]) + kGiven[rng.Below(std::size(kGiven))];
}

Status AddPerson(Chunk& chunk, const PiiCrypto& crypto, const std::string& code, int k, const std::string& name,
                 DemoRng& rng, bool party, const std::string& work_unit, const std::string& region) {
  PersonIds p = PersonId(code, k);
  char phone[24];
  std::snprintf(phone, sizeof phone, "13%09d", static_cast<int>(rng.Next() % 1000000000));
  ZX_ASSIGN_OR_RETURN(std::string id_enc, crypto.Encrypt(p.id_number));
  ZX_ASSIGN_OR_RETURN(std::string phone_enc, crypto.Encrypt(phone));
  chunk.rows[kPeople].push_back({Num(CodeNumber(code) * 1000 + k), name, std::string(1, p.sex), p.birth, id_enc,
                                 crypto.BlindIndex(p.id_number), phone_enc, Num(party ? 1 : 0),
                                 std::string(kEducation[rng.Below(std::size(kEducation))]), work_unit, region,
                                 Num(kGenNow)});
  return Status::Ok();
}

Status GenerateVillage(Chunk& chunk, const PiiCrypto& crypto, uint64_t seed, const Village& v, bool first_of_county) {
  const VillagePlan plan = PlanVillage(seed, v.code);
  DemoRng rng(VillageSeed(seed, v.code, 2));
  const int64_t base = CodeNumber(v.code) * 1000;
  const std::string county = v.code.substr(0, 6) + "000000";
  const int64_t unit_base = CodeNumber(county) * 1000;
  const auto& days = GenDays();
  auto [lat, lon] = PositionOf(v);

  if (first_of_county)
    for (size_t u = 0; u < std::size(kUnitNames); ++u)
      chunk.rows[kUnits].push_back({Num(unit_base + static_cast<int64_t>(u)), std::string(kUnitNames[u]),
                                    std::string(kUnitLevels[u]), county});

  // Village posts (the two committees) and reserve cadres.
  std::vector<std::string> post_names;
  for (int k = 0; k < kPostsPerVillage; ++k) {
    post_names.push_back(Name(rng));
    ZX_RETURN_IF_ERROR(AddPerson(chunk, crypto, v.code, k, post_names.back(), rng, k < 4, v.name, v.code));
    chunk.rows[kVillagePosts].push_back({Num(base + k), v.code, Num(base + k), std::string(kPosts[k]),
                                         DateText(2026, 3, 1 + rng.Below(28)), Num(kGenNow)});
  }
  for (int j = 0; j < kReservesPerVillage; ++j) {
    const int k = kPostsPerVillage + j;
    ZX_RETURN_IF_ERROR(AddPerson(chunk, crypto, v.code, k, Name(rng), rng, rng.Below(2) == 0, "", v.code));
    chunk.rows[kReserves].push_back({Num(base + j), v.code, Num(base + k),
                                     std::string(kSources[rng.Below(std::size(kSources))]), std::string(""),
                                     Num(kGenNow)});
  }

  // The party organization and its 2025 rating (about 3 % weak, 软弱涣散).
  {
    int members = 18 + rng.Below(58);
    bool general = members >= 50;
    int roll = rng.Below(1000);
    const char* rating = roll < 30 ? "weak" : roll < 45 ? "backward" : roll < 560 ? "advanced" : "ordinary";
    chunk.rows[kOrgs].push_back({Num(base), v.code, OrgName(v.name, general),
                                 std::string(general ? "general_branch" : "branch"), Num(members), Num(base),
                                 DateText(1950 + rng.Below(40), 7, 1), Num(kGenNow)});
    chunk.rows[kRatings].push_back({Num(base), Num(base), v.code, Num(2025), std::string(rating)});
    chunk.rows[kRatingHistory].push_back({Num(base), Num(base), Num(2025), std::string(rating), std::string("年度评定"),
                                          std::string("system"), Num(kDayZero + 10 * 86400)});
  }

  // Collective income 2025 and 2026: about 10 % under 50,000 yuan, 70 % 50,000–100,000, 20 % above.
  {
    int roll = rng.Below(100);
    int64_t total2025 = roll < 10 ? 10000 + rng.Below(40000) : roll < 80 ? 50000 + rng.Below(50000)
                                                                          : 100000 + rng.Below(200000);
    int64_t total2026 = total2025 * (95 + rng.Below(30)) / 100;
    int row = 0;
    for (auto [year, total] : {std::pair<int, int64_t>{2025, total2025}, {2026, total2026}}) {
      const int items = plan.income_items[year - 2025];
      int64_t left = total;
      for (int i = 0; i < items; ++i) {
        int64_t amount = i + 1 == items ? left : left * (40 + rng.Below(30)) / 100;
        left -= amount;
        chunk.rows[kIncome].push_back({Num(base + row++), v.code, Num(year), std::string(kItems[i]), Num(amount),
                                       i == 0 ? Cell(std::to_string(year) + "年村集体经济收支台账.xlsx") : std::nullopt,
                                       Num(kGenNow)});
      }
    }
  }

  // The stationed first secretary and the days they checked in.
  if (plan.cadre) {
    const int k = kPostsPerVillage + kReservesPerVillage;
    const int64_t person = base + k, unit = unit_base + rng.Below(std::size(kUnitNames));
    ZX_RETURN_IF_ERROR(AddPerson(chunk, crypto, v.code, k, Name(rng), rng, true, kUnitNames[unit - unit_base], county));
    chunk.rows[kDispatches].push_back({Num(base), Num(person), v.code, std::string("first_secretary"), Num(unit),
                                       std::string("2025-06-01"), std::string("2027-05-31"), std::string("in_post"),
                                       Num(1), Num(kDayZero - 200 * 86400)});
    chunk.rows[kDispatchHistory].push_back({Num(base), Num(base), Num(kDayZero - 200 * 86400), std::string("in_post"),
                                            std::string("")});
    // plan.checkins distinct days: a partial Fisher–Yates shuffle of the range, then in date order.
    std::vector<int> order(kGenDays);
    for (int i = 0; i < kGenDays; ++i) order[i] = i;
    for (int i = 0; i < plan.checkins; ++i) std::swap(order[i], order[i + rng.Below(kGenDays - i)]);
    std::sort(order.begin(), order.begin() + plan.checkins);
    for (int i = 0; i < plan.checkins; ++i) {
      const int day = order[i];
      const int64_t t = kDayZero + int64_t{day} * 86400 + 7 * 3600 + rng.Below(4 * 3600);
      const bool off = rng.Below(25) == 0;  // now and then a bad fix far away
      const double clat = lat + (off ? 0.05 : (rng.Unit() - 0.5) * 0.004), clon = lon + (rng.Unit() - 0.5) * 0.004;
      const double dist = std::round(DistanceMeters(clat, clon, lat, lon));
      const bool late = rng.Below(10) == 0;
      chunk.rows[kCheckins].push_back({Num(base + i), "gen-" + v.code + "-" + days[day], Num(base), Num(person), v.code,
                                       days[day], Num(t), Num(late ? t + 86400 : t + 5), Real(clat), Real(clon),
                                       Num(10 + rng.Below(40)), Real(dist, "%.0f"), Num(dist <= 2000 ? 1 : 0),
                                       Num(late ? 1 : 0)});
    }
  }

  // Households and their visits (5 each, spread over the year).
  const int groups = 4 + rng.Below(7);
  for (int h = 0; h < plan.households; ++h) {
    const int64_t hid = base + h;
    const int g = h * groups / plan.households;
    const double angle = (g + rng.Unit() * 0.8) * 6.2831853 / groups, r = 0.002 + rng.Unit() * 0.01;
    std::string status = "ordinary", since = "2015-01-01", measures;
    Cell risk, monitored_since, registered_year;
    double income;
    if (rng.Below(100) < 25) {  // ever registered poor (建档立卡)
      registered_year = Num(2014 + rng.Below(3));
      int roll = rng.Below(100);
      status = roll < 94 ? "lifted" : roll < 97 ? "monitored" : "risk_removed";
      since = DateText(2017 + rng.Below(4), 1 + rng.Below(12), 1 + rng.Below(28));
      if (status != "lifted") {
        risk = std::string(roll % 3 == 0 ? "sudden" : "unstable");
        monitored_since = since = DateText(2022 + rng.Below(2), 1 + rng.Below(12), 1 + rng.Below(28));
        if (status == "risk_removed") since = days[rng.Below(kGenDays)];
      }
      income = status == "monitored" ? 5500 + rng.Below(3000) : 9000 + rng.Below(12000);
      for (int m = 0; m < 2; ++m) {
        std::string mm = kMeasures[rng.Below(std::size(kMeasures))];
        if (measures.find(mm) == std::string::npos) measures += (measures.empty() ? "" : ",") + mm;
      }
    } else {
      int roll = rng.Below(1000);
      if (roll < 10) {
        status = "monitored";
        risk = std::string(roll < 6 ? "marginal" : "sudden");
        monitored_since = since = DateText(2023 + rng.Below(2), 1 + rng.Below(12), 1 + rng.Below(28));
      }
      income = 12000 + rng.Below(30000);
    }
    char address[200];
    std::snprintf(address, sizeof address, "%s%s%d号", v.name.c_str(), kGroups[g % 10], h + 1);
    chunk.rows[kHouseholds].push_back({Num(hid), v.code, std::string(kGroups[g % 10]), std::string(address),
                                       Real(lat + r * std::sin(angle)), Real(lon + r * std::cos(angle)),
                                       Num(static_cast<int64_t>(income)), Num(2025), measures, status, risk, since,
                                       registered_year, monitored_since, Num(kGenNow)});
    for (int i = 0; i < plan.visits / std::max(plan.households, 1); ++i) {
      const int day = rng.Below(kGenDays);
      const int roll = rng.Below(1000);
      const char* satisfaction = roll < 20 ? "unsatisfied" : roll < 120 ? "basic" : "satisfied";
      const bool leader = rng.Below(80) == 0;
      const char* kind = leader ? "leader" : (day < 45 && rng.Below(5) == 0) ? "festival" : "routine";
      const int visitor = rng.Below(kPostsPerVillage);
      chunk.rows[kVisits].push_back(
          {Num(base + h * 5 + i), Num(hid), v.code, days[day], std::string(kind), std::string(satisfaction),
           roll < 20 ? Cell(std::string(kProblems[rng.Below(std::size(kProblems))])) : Cell(std::string("")),
           leader ? std::nullopt : Num(base + visitor), leader ? std::string("县委领导") : post_names[visitor],
           Num(leader ? 1 : 0), Num(kDayZero + int64_t{day} * 86400 + 9 * 3600 + rng.Below(8 * 3600))});
    }
  }
  return Status::Ok();
}

std::string CountyOf(const std::string& code) { return code.substr(0, 6); }

Result<Chunk> MakeChunk(const std::vector<Village>& villages, size_t from, int batch_rows, const PiiCrypto& crypto,
                        uint64_t seed) {
  Chunk chunk;
  size_t i = from;
  for (; i < villages.size() && chunk.total < batch_rows; ++i) {
    bool first = i == 0 || CountyOf(villages[i - 1].code) != CountyOf(villages[i].code);
    ZX_RETURN_IF_ERROR(GenerateVillage(chunk, crypto, seed, villages[i], first));
    ++chunk.villages;
    chunk.total = 0;
    for (const auto& t : chunk.rows) chunk.total += static_cast<int64_t>(t.size());
  }
  chunk.end = i;
  return chunk;
}

Result<std::vector<Village>> ReadVillages(Database& db, const std::string& root) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(root, "root"));
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  CodeRange range = SubtreeRange(code, level);
  std::vector<Village> out;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name, latitude, longitude FROM regions WHERE level = 5 AND "
                                           "code BETWEEN ? AND ? ORDER BY code"));
    st.Bind(range.low, range.high);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Village v{st->Text(0), st->Text(1), std::nullopt, std::nullopt};
      if (!st->IsNull(2) && !st->IsNull(3)) v.lat = st->Double(2), v.lon = st->Double(3);
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

// The insert and delete triggers of the rollups (migration 0013) log a change row per record; a
// bulk load removes the rows its own transaction made (ids above those before it), so the change
// table does not grow by one row per generated record only to be emptied at the end.
Status DropOwnChanges(Connection& c, int64_t changes_before) {
  ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_snapshot"));  // no saved store describes the new records
  return c.Execute("DELETE FROM rollup_changes WHERE id > ?", changes_before);
}

}  // namespace

VillagePlan PlanVillage(uint64_t seed, const std::string& village_code) {
  DemoRng rng(VillageSeed(seed, village_code, 1));
  VillagePlan p;
  const double mean_households = static_cast<double>(kNationHouseholds) / kNationVillages;
  // floor(x + U) has mean x: village sizes spread from half to one and a half times the mean.
  p.households = static_cast<int>(std::floor(mean_households * (0.5 + rng.Unit()) + rng.Unit()));
  p.visits = p.households * static_cast<int>(kNationVisits / kNationHouseholds);
  p.cadre = rng.Unit() < static_cast<double>(kNationCadres) / kNationVillages;
  const double per_cadre = static_cast<double>(kNationCheckins) / kNationCadres;
  double u = rng.Unit();
  p.checkins = p.cadre ? static_cast<int>(std::floor(per_cadre + u)) : 0;
  p.income_items[0] = 2 + rng.Below(3);
  p.income_items[1] = 2 + rng.Below(3);
  return p;
}

const std::vector<std::string>& GeneratedTables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& d : Defs()) out.push_back(d.name);
    return out;
  }();
  return names;
}

std::map<std::string, int64_t> ExpectedRows(uint64_t seed, const std::vector<std::string>& village_codes) {
  std::map<std::string, int64_t> rows;
  for (const auto& name : GeneratedTables()) rows[name] = 0;
  std::string last_county;
  for (const std::string& code : village_codes) {
    VillagePlan p = PlanVillage(seed, code);
    if (CountyOf(code) != last_county) rows["sending_units"] += static_cast<int64_t>(std::size(kUnitNames));
    last_county = CountyOf(code);
    rows["people"] += kPostsPerVillage + kReservesPerVillage + (p.cadre ? 1 : 0);
    rows["village_posts"] += kPostsPerVillage;
    rows["reserve_cadres"] += kReservesPerVillage;
    rows["party_orgs"] += 1;
    rows["party_org_ratings"] += 1;
    rows["party_org_rating_history"] += 1;
    rows["dispatches"] += p.cadre;
    rows["dispatch_history"] += p.cadre;
    rows["checkins"] += p.checkins;
    rows["households"] += p.households;
    rows["visits"] += p.visits;
    rows["collective_income"] += p.income_items[0] + p.income_items[1];
  }
  return rows;
}

Result<std::vector<std::string>> VillagesUnder(Database& db, const std::string& root) {
  ZX_ASSIGN_OR_RETURN(std::vector<Village> villages, ReadVillages(db, root));
  std::vector<std::string> out;
  out.reserve(villages.size());
  for (auto& v : villages) out.push_back(std::move(v.code));
  return out;
}

Result<GeneratorReport> GenerateDataSet(Database& db, const PiiCrypto& crypto, const GeneratorOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  GeneratorReport report;
  ZX_ASSIGN_OR_RETURN(std::vector<Village> villages, ReadVillages(db, options.root));
  if (villages.empty())
    return Status::InvalidArgument("该区域下没有村（先运行 zhenxing regions import）: " + options.root);
  report.villages = static_cast<int64_t>(villages.size());

  // Detection: the meta mark, written before the first row so an interrupted run counts too.
  std::optional<std::string> mark;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT value FROM meta WHERE key = ?"));
    st.Bind(kGeneratedMetaKey);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) mark = st->Text(0);
    return Status::Ok();
  }));
  if (mark && !options.force)
    return Status::Conflict("数据库已有生成的数据（meta " + std::string(kGeneratedMetaKey) + " = " + *mark +
                                      "）；用 --force 删除后重新生成");
  const std::string mark_value = "root=" + options.root + " seed=" + std::to_string(options.seed);
  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    if (mark) {
      ZX_ASSIGN_OR_RETURN(int64_t changes_before, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM rollup_changes"));
      const auto& tables = GeneratedTables();
      for (auto t = tables.rbegin(); t != tables.rend(); ++t) {
        ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM " + *t + " WHERE id >= ?", kGeneratedIdFloor));
        report.deleted += c.Changes();
      }
      ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM meta WHERE key = ?", kGeneratedMetaKey));
      ZX_RETURN_IF_ERROR(DropOwnChanges(c, changes_before));
    }
    return c.Execute("INSERT INTO meta(key, value) VALUES (?, ?)", kGeneratedMetaKey, mark_value + " running");
  }));

  for (const auto& name : GeneratedTables()) report.rows[name] = 0;
  GeneratorProgress progress;
  progress.villages_total = report.villages;
  // One thread makes the next chunk (rows, encryption) while this one writes the current.
  auto make = [&](size_t from) { return MakeChunk(villages, from, options.batch_rows, crypto, options.seed); };
  std::future<Result<Chunk>> next = std::async(std::launch::async, make, size_t{0});
  for (;;) {
    Result<Chunk> chunk = next.get();
    if (!chunk.ok()) return chunk.status();
    if (chunk->villages == 0) break;
    if (chunk->end < villages.size()) next = std::async(std::launch::async, make, chunk->end);
    else next = std::async(std::launch::deferred, [] { return Result<Chunk>(Chunk{}); });
    ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(int64_t changes_before, QueryInt(c, "SELECT COALESCE(MAX(id), 0) FROM rollup_changes"));
      for (int t = 0; t < kTableCount; ++t)
        ZX_RETURN_IF_ERROR(c.CopyRows(Defs()[t].name, Defs()[t].columns, chunk->rows[t])
                               .WithPrefix(std::string("table ") + Defs()[t].name + ": "));
      return DropOwnChanges(c, changes_before);
    }));
    for (int t = 0; t < kTableCount; ++t) report.rows[Defs()[t].name] += static_cast<int64_t>(chunk->rows[t].size());
    report.total_rows += chunk->total;
    progress.villages_done += chunk->villages;
    if (options.progress) {
      progress.rows = report.rows;
      progress.total_rows = report.total_rows;
      progress.seconds = elapsed();
      options.progress(progress);
    }
  }
  // The server rebuilds every rollup from the records when it starts, so no change row is owed;
  // any left (the division import's) would only make its first poll redo what the rebuild did.
  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM rollup_changes"));
    ZX_RETURN_IF_ERROR(c.Exec("DELETE FROM rollup_snapshot"));
    return c.Execute("UPDATE meta SET value = ? WHERE key = ?", mark_value + " complete", kGeneratedMetaKey);
  }));
  report.seconds = elapsed();
  if (options.progress) {
    progress.seconds = report.seconds;
    progress.final = true;
    options.progress(progress);
  }
  return report;
}

}  // namespace zx

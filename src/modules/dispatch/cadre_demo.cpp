#include "modules/dispatch/cadre_demo.h"

#include <algorithm>
#include <vector>

#include "modules/demo/demo_kit.h"
#include "core/region_code.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

using Rng = DemoRng;

const auto& kSurnames = kDemoSurnames;
const char* const kGiven[] = {"建国", "志强", "海燕", "丽华", "文军", "晓东", "红梅", "永胜", "春生", "秀英", "国庆",
                              "明辉", "小军", "玉兰", "宏伟", "德明", "建华", "桂芳", "振华", "伟", "静", "磊",
                              "敏", "勇", "洁", "涛", "艳", "斌", "鹏", "娜", "军", "霞", "刚", "慧", "峰"};
const char* const kEducation[] = {"college", "bachelor", "bachelor", "bachelor", "master", "senior"};
const char* const kTags[] = {"visits", "industry", "party_building", "education", "health", "infrastructure"};
const char* const kLogs[] = {"走访脱贫户、监测户，了解收入和就业情况", "召开村两委会议，研究集体经济项目",
                             "组织党员学习，开展主题党日活动", "协调产业项目资金，查看项目进度",
                             "入户宣讲医保和教育帮扶政策", "检查道路和饮水工程，记录问题"};

struct CountyPlan {
  const char* county;
  const char* units[8];
  const char* unit_levels[8];
  int villages_with_cadres;  // by code order
  int extra_members_rule;    // how team members are spread (see below)
};

std::string CadreIdNumber(const std::string& area6, Rng& rng, int seq, char* sex) {
  int year = 1968 + rng.Below(32), month = 1 + rng.Below(12), day = 1 + rng.Below(28);
  std::string id = DemoIdNumber(area6, year, month, day, seq);
  *sex = ((id[16] - '0') % 2) ? 'M' : 'F';
  return id;
}

}  // namespace

Result<CadreDemoReport> LoadCadreDemo(Database& db, const PiiCrypto& crypto, const Clock& clock) {
  CadreDemoReport report;
  int64_t loaded = 0;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(loaded, QueryInt(c, "SELECT COUNT(*) FROM meta WHERE key = 'demo_cadres'"));
    return Status::Ok();
  }));
  if (loaded) {
    report.already_loaded = true;
    return report;
  }
  const int64_t now = clock.NowSeconds();
  const std::string today = ChinaDay(now);
  // From the first day of last month to today.
  std::string month = today.substr(0, 7);
  int y = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) - 1;
  if (m == 0) {
    m = 12;
    --y;
  }
  char first[32];
  std::snprintf(first, sizeof first, "%04d-%02d-01", y, m);
  std::vector<std::string> days = DayRange(first, today);

  struct Plan {
    std::string county;
    int villages;                // how many villages (in code order) get a team
    std::vector<int> members;    // team members per village (besides the first secretary)
  };
  std::vector<Plan> plans;
  {
    // 太白县: 45 teams, 145 cadres: 45 first secretaries, 35 villages with 2 members, 10 with 3.
    Plan taibai{"610331000000", 45, {}};
    for (int i = 0; i < 45; ++i) taibai.members.push_back(i < 10 ? 3 : 2);
    // 竹山县: 239 teams, 239 first secretaries + 426 members: 187 villages with 2, 52 with 1.
    Plan zhushan{"420323000000", 239, {}};
    for (int i = 0; i < 239; ++i) zhushan.members.push_back(i < 187 ? 2 : 1);
    plans = {taibai, zhushan};
  }
  const char* const unit_names[] = {"省委组织部", "省财政厅", "市委组织部", "市农业农村局", "市人民医院",
                                    "县委组织部", "县交通运输局", "县教育局", "县农业农村局", "县供电公司"};
  const char* const unit_levels[] = {"provincial", "provincial", "city", "city", "city",
                                     "county", "county", "county", "county", "enterprise"};
  Rng rng(20261122);

  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare(
        "INSERT INTO people(name, sex, birth_date, id_number_enc, id_number_hash, phone_enc, party_member, education, "
        "work_unit, region_code, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)"));
    ZX_ASSIGN_OR_RETURN(Stmt dispatch, c.Prepare(
        "INSERT INTO dispatches(person_id, village_code, role, sending_unit_id, batch_id, term_start, term_end, status, "
        "insured, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'in_post', 1, ?)"));
    ZX_ASSIGN_OR_RETURN(Stmt history, c.Prepare("INSERT INTO dispatch_history(dispatch_id, at, from_status, to_status, "
                                                "reason, user_id) VALUES (?, ?, NULL, 'in_post', '', NULL)"));
    ZX_ASSIGN_OR_RETURN(Stmt checkin, c.Prepare(
        "INSERT INTO checkins(client_id, dispatch_id, person_id, village_code, day, device_time, server_time, latitude, "
        "longitude, accuracy_m, distance_m, within, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ZX_ASSIGN_OR_RETURN(Stmt worklog, c.Prepare("INSERT INTO work_logs(dispatch_id, person_id, village_code, day, "
                                                "in_village, tags, content, created_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)"));
    ZX_ASSIGN_OR_RETURN(Stmt leave, c.Prepare(
        "INSERT INTO leaves(dispatch_id, village_code, start_day, end_day, days, reason, status, needs_county, "
        "requested_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)"));
    int seq = 0;
    for (const Plan& plan : plans) {
      std::string area6 = plan.county.substr(0, 6);
      CodeRange range = SubtreeRange(plan.county, RegionLevel::kCounty);
      std::vector<int64_t> unit_ids;
      for (size_t i = 0; i < std::size(unit_names); ++i) {
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO sending_units(name, level, region_code) VALUES (?, ?, ?)",
                                     unit_names[i], unit_levels[i], plan.county));
        ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM sending_units WHERE region_code = ? AND name = ?",
                                                 plan.county, unit_names[i]));
        unit_ids.push_back(id);
      }
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_batches(name, year, region_code, created_at) VALUES (?, ?, ?, ?)",
                                   std::to_string(y) + "年驻村工作队轮换批次", static_cast<int64_t>(y), plan.county, now));
      ZX_ASSIGN_OR_RETURN(int64_t batch, QueryInt(c, "SELECT MAX(id) FROM dispatch_batches WHERE region_code = ?",
                                                  plan.county));
      struct Village { std::string code; double lat, lon; };
      std::vector<Village> villages;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, latitude, longitude FROM regions WHERE level = 5 AND "
                                               "code BETWEEN ? AND ? AND latitude IS NOT NULL ORDER BY code"));
        st.Bind(range.low, range.high);
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          villages.push_back({st->Text(0), st->Double(1), st->Double(2)});
        }
      }
      int teams = std::min<int>(plan.villages, static_cast<int>(villages.size()));
      for (int v = 0; v < teams; ++v) {
        const Village& village = villages[v];
        int64_t unit = unit_ids[rng.Below(static_cast<int>(unit_ids.size()))];
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO pairings(village_code, year, kind, partner, letter_signed_on) VALUES "
                                     "(?, ?, 'department', ?, ?)",
                                     village.code, static_cast<int64_t>(y),
                                     unit_names[rng.Below(static_cast<int>(std::size(unit_names)))],
                                     std::to_string(y) + "-01-15"));
        for (int k = 0; k <= plan.members[v]; ++k) {
          ++seq;
          char sex;
          std::string id = CadreIdNumber(area6, rng, seq, &sex);
          std::string name = std::string(kSurnames[rng.Below(std::size(kSurnames))]) + kGiven[rng.Below(std::size(kGiven))];
          char phone[24];
          std::snprintf(phone, sizeof phone, "13%09d", static_cast<int>(rng.Next() % 1000000000));
          ZX_ASSIGN_OR_RETURN(std::string id_enc, crypto.Encrypt(id));
          ZX_ASSIGN_OR_RETURN(std::string phone_enc, crypto.Encrypt(phone));
          person.Bind(name, std::string(1, sex), id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2), id_enc,
                      crypto.BlindIndex(id), phone_enc, kEducation[rng.Below(std::size(kEducation))],
                      unit_names[rng.Below(std::size(unit_names))], plan.county, now);
          ZX_RETURN_IF_ERROR(person.Run());
          ZX_ASSIGN_OR_RETURN(int64_t person_id, QueryInt(c, "SELECT id FROM people WHERE id_number_hash = ?",
                                                          crypto.BlindIndex(id)));
          ++report.people;
          const char* role = k == 0 ? "first_secretary" : (k == 1 ? "team_leader" : "team_member");
          dispatch.Bind(person_id, village.code, role, unit, batch, std::to_string(y - 1) + "-06-01",
                        std::to_string(y + 1) + "-05-31", now);
          ZX_RETURN_IF_ERROR(dispatch.Run());
          ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, QueryInt(c, "SELECT MAX(id) FROM dispatches"));
          history.Bind(dispatch_id, now);
          ZX_RETURN_IF_ERROR(history.Run());
          ++report.dispatches;
          // Most cadres are in the village most days; about one in twelve often is not.
          bool often_absent = rng.Below(12) == 0;
          double presence = often_absent ? 0.45 + 0.2 * rng.Unit() : 0.82 + 0.15 * rng.Unit();
          // About one in six took approved leave of 2 to 5 days last month.
          std::string leave_start, leave_end;
          if (rng.Below(6) == 0) {
            int start = 3 + rng.Below(20), len = 2 + rng.Below(4);
            leave_start = days[start];
            leave_end = days[std::min<size_t>(start + len - 1, days.size() - 1)];
            int n = static_cast<int>(DayRange(leave_start, leave_end).size());
            leave.Bind(dispatch_id, village.code, leave_start, leave_end, n, "家中有事", n > kLeaveDaysNeedingCounty, now, now);
            ZX_RETURN_IF_ERROR(leave.Run());
            ++report.leaves;
          }
          for (const std::string& day : days) {
            if (!leave_start.empty() && day >= leave_start && day <= leave_end) continue;
            if (rng.Unit() > presence) continue;
            ZX_ASSIGN_OR_RETURN(int64_t start, ChinaDayStart(day, "day"));
            int64_t t = start + 7 * 3600 + rng.Below(4 * 3600);
            if (t > now) continue;
            // Now and then the phone reports a position far off (bad signal, wrong fix).
            bool off = rng.Below(25) == 0;
            double lat = village.lat + (off ? 0.05 : (rng.Unit() - 0.5) * 0.004);
            double lon = village.lon + (rng.Unit() - 0.5) * 0.004;
            double dist = DistanceMeters(lat, lon, village.lat, village.lon);
            bool late = rng.Below(10) == 0;
            checkin.Bind("demo-" + std::to_string(dispatch_id) + "-" + day, dispatch_id, person_id, village.code, day, t,
                         late ? t + 86400 : t + 5, lat, lon, 10.0 + rng.Below(40), std::round(dist), dist <= 2000, late);
            ZX_RETURN_IF_ERROR(checkin.Run());
            ++report.checkins;
            if (rng.Below(3) == 0) {
              int kind = rng.Below(std::size(kLogs));
              worklog.Bind(dispatch_id, person_id, village.code, day, std::string(kTags[kind]), std::string(kLogs[kind]), t);
              ZX_RETURN_IF_ERROR(worklog.Run());
              ++report.work_logs;
            }
          }
        }
      }
    }
    return c.Execute("INSERT INTO meta(key, value) VALUES ('demo_cadres', ?)", today);
  }));
  return report;
}

}  // namespace zx

#include "modules/village_cadres/village_demo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "modules/demo/demo_kit.h"
#include "core/region_code.h"
#include "modules/economy/reward_rules.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

using Rng = DemoRng;

const auto& kSurnames = kDemoSurnames;
const char* const kGiven[] = {"建军", "志刚", "春燕", "丽萍", "文斌", "晓明", "红霞", "永强", "满仓", "秀兰", "国平",
                              "明亮", "小红", "玉梅", "宏亮", "德胜", "建平", "桂兰", "振兴", "兵", "芳", "军",
                              "平", "华", "英", "涛", "燕", "林", "辉", "莉", "强", "梅", "超", "娟", "杰"};
const char* const kEducation[] = {"junior", "senior", "senior", "vocational", "college", "college", "bachelor"};
const char* const kDongqing = "610331104200";

std::string Check(const std::string& body17) { return body17 + IdCheckCharacter(body17); }

struct County {
  std::string code;
  int yijiantiao_pct;          // share of villages where the secretary is also the director
  int64_t income_2021_total;   // yuan, all villages
  int former_cadres;           // people drawing the retirement subsidy
  const char* election_day;
  const char* city_organizer;
};

}  // namespace

Result<VillageDemoReport> LoadVillageDemo(Database& db, const PiiCrypto& crypto, const Clock& clock) {
  VillageDemoReport report;
  int64_t loaded = 0;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(loaded, QueryInt(c, "SELECT COUNT(*) FROM meta WHERE key = 'demo_village_cadres'"));
    return Status::Ok();
  }));
  if (loaded) {
    report.already_loaded = true;
    return report;
  }
  const int64_t now = clock.NowSeconds();
  const std::string today = ChinaDay(now);
  const int this_year = std::stoi(today.substr(0, 4));
  // 太白县: 100% 一肩挑 and 5.37 million yuan in 2021, 905 current and former cadres (seed 002).
  const std::vector<County> counties = {
      {"610331000000", 100, 5370000, 0, "2021-02-27", "宝鸡市委组织部"},
      {"420323000000", 60, 17500000, 244, "2021-03-20", "十堰市委组织部"},
  };
  Rng rng(20210227);

  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt person, c.Prepare(
        "INSERT INTO people(name, sex, birth_date, id_number_enc, id_number_hash, party_member, education, work_unit, "
        "region_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ZX_ASSIGN_OR_RETURN(Stmt post, c.Prepare("INSERT INTO village_posts(village_code, person_id, post, term_start, term_end, "
                                             "end_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    int seq = 500;
    // A new person of the village; the ID number skips any already in the registry.
    auto new_person = [&](const std::string& village, int birth_from, int birth_span, bool member) -> Result<int64_t> {
      for (;;) {
        int y = birth_from + rng.Below(birth_span), m = 1 + rng.Below(12), d = 1 + rng.Below(28);
        char body[24];
        std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", village.substr(0, 6).c_str(), y, m, d, (seq++) % 1000);
        std::string id = Check(body);
        std::string hash = crypto.BlindIndex(id);
        ZX_ASSIGN_OR_RETURN(int64_t taken, QueryInt(c, "SELECT COUNT(*) FROM people WHERE id_number_hash = ?", hash));
        if (taken) continue;
        ZX_ASSIGN_OR_RETURN(std::string enc, crypto.Encrypt(id));
        std::string sex = ((id[16] - '0') % 2) ? "M" : "F";
        std::string name = std::string(kSurnames[rng.Below(std::size(kSurnames))]) + kGiven[rng.Below(std::size(kGiven))];
        char birth[16];
        std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
        person.Bind(name, sex, std::string(birth), enc, hash, member, kEducation[rng.Below(std::size(kEducation))], "",
                    village, now);
        ZX_RETURN_IF_ERROR(person.Run());
        ++report.people;
        return QueryInt(c, "SELECT id FROM people WHERE id_number_hash = ?", hash);
      }
    };
    auto add_post = [&](const std::string& village, int64_t pid, const char* p, const std::string& start,
                        std::optional<std::string> end, std::optional<std::string> reason) -> Status {
      post.Bind(village, pid, p, start, end, reason, now);
      ++report.posts;
      return post.Run();
    };

    for (const County& county : counties) {
      CodeRange range = SubtreeRange(county.code, RegionLevel::kCounty);
      std::vector<std::string> villages;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code FROM regions WHERE level = 5 AND code BETWEEN ? AND ? ORDER BY code"));
        st.Bind(range.low, range.high);
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          villages.push_back(st->Text(0));
        }
      }
      if (villages.empty()) continue;  // county not imported
      const std::string start = county.election_day;
      std::map<std::string, std::vector<std::pair<int64_t, std::string>>> cadres;  // village → (person, post)
      std::vector<int64_t> secretaries;
      int village_index = 0;
      for (const std::string& v : villages) {
        ++village_index;
        bool dongqing = v == kDongqing;
        bool both = dongqing || rng.Below(100) < county.yijiantiao_pct;
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO village_elections(village_code, day, term_start, term_end, note, created_at) "
                                     "VALUES (?, ?, ?, '2026-02-26', '村“两委”换届', ?)", v, start, start, now));
        // A few villages replaced their secretary after the 2022 rating (调整), keeping the history.
        bool replaced = !dongqing && village_index % 17 == 5;
        ZX_ASSIGN_OR_RETURN(int64_t sec, new_person(v, 1966, 20, true));
        if (replaced) {
          ZX_RETURN_IF_ERROR(add_post(v, sec, "secretary", start, std::string("2023-03-31"),
                                      std::string("2022年度考核不称职，予以调整")));
          ZX_ASSIGN_OR_RETURN(sec, new_person(v, 1978, 12, true));
          ZX_RETURN_IF_ERROR(add_post(v, sec, "secretary", "2023-04-01", std::nullopt, std::nullopt));
        } else {
          ZX_RETURN_IF_ERROR(add_post(v, sec, "secretary", start, std::nullopt, std::nullopt));
        }
        secretaries.push_back(sec);
        cadres[v].push_back({sec, "secretary"});
        if (both) {
          ZX_RETURN_IF_ERROR(add_post(v, sec, "director", replaced ? "2023-04-01" : start, std::nullopt, std::nullopt));
        } else {
          ZX_ASSIGN_OR_RETURN(int64_t dir, new_person(v, 1968, 22, rng.Below(3) != 0));
          ZX_RETURN_IF_ERROR(add_post(v, dir, "director", start, std::nullopt, std::nullopt));
          cadres[v].push_back({dir, "director"});
        }
        // 东青村 has exactly six cadres (seed 002); the others five to seven.
        int others = dongqing ? 5 : (both ? 4 : 3) + rng.Below(3);
        const char* const posts[] = {"deputy_secretary", "branch_member", "committee_member", "committee_member",
                                     "supervisor", "committee_member", "supervisor_member"};
        const char* const dongqing_posts[] = {"deputy_secretary", "branch_member", "committee_member", "committee_member",
                                              "supervisor"};
        for (int k = 0; k < others; ++k) {
          const char* p = dongqing ? dongqing_posts[k] : posts[k];
          ZX_ASSIGN_OR_RETURN(int64_t pid, new_person(v, 1970, 28, k < 2 || rng.Below(2) == 0));
          ZX_RETURN_IF_ERROR(add_post(v, pid, p, start, std::nullopt, std::nullopt));
          cadres[v].push_back({pid, p});
        }
      }
      // Last year's rating of every secretary: mostly competent, some excellent, a few basic.
      for (const auto& [v, list] : cadres) {
        int r = rng.Below(100);
        const char* rating = r < 25 ? "excellent" : (r < 92 ? "competent" : "basic");
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO secretary_ratings(village_code, person_id, year, rating, comment, created_at) "
                                     "VALUES (?, ?, ?, ?, '', ?)", v, list.front().first,
                                     static_cast<int64_t>(this_year - 1), rating, now));
      }

      // A year of training: the city trains about 35% of secretaries directly (003); the county
      // trains all secretaries; each township rotates its cadres; a few miss every class.
      std::string y = std::to_string(this_year);
      auto add_class = [&](const std::string& region, const char* level, const std::string& organizer, const std::string& title,
                           const std::string& from, const std::string& to, double hours) -> Result<int64_t> {
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_classes(region_code, level, organizer, title, topic, start_day, "
                                     "end_day, hours, created_at) VALUES (?, ?, ?, ?, '抓党建促乡村振兴', ?, ?, ?, ?)",
                                     region, level, organizer, title, from, to, hours, now));
        ++report.classes;
        return QueryInt(c, "SELECT MAX(id) FROM training_classes");
      };
      auto enrol = [&](int64_t cls, int64_t pid, bool attended) -> Status {
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO training_trainees(class_id, person_id, attendance) VALUES (?, ?, ?)", cls, pid,
                                     attended ? "attended" : "absent"));
        ++report.trainees;
        if (!attended) return Status::Ok();
        ZX_ASSIGN_OR_RETURN(int64_t row, QueryInt(c, "SELECT id FROM training_trainees WHERE class_id = ? AND person_id = ?",
                                                  cls, pid));
        char no[64];
        std::snprintf(no, sizeof no, "PX%s-%04lld-%06lld", y.c_str(), static_cast<long long>(cls), static_cast<long long>(row));
        return c.Execute("UPDATE training_trainees SET certificate_no = ? WHERE id = ?", std::string(no), row);
      };
      ZX_ASSIGN_OR_RETURN(int64_t city_class, add_class(county.code, "city", county.city_organizer,
                                                        "村党组织书记乡村振兴能力提升示范培训班", y + "-04-08", y + "-04-12", 40));
      ZX_ASSIGN_OR_RETURN(int64_t county_class, add_class(county.code, "county", "县委组织部、县委党校",
                                                          "村党组织书记集中轮训班", y + "-05-20", y + "-05-23", 32));
      for (size_t i = 0; i < secretaries.size(); ++i) {
        if (i % 20 < 7) ZX_RETURN_IF_ERROR(enrol(city_class, secretaries[i], rng.Below(30) != 0));
        ZX_RETURN_IF_ERROR(enrol(county_class, secretaries[i], rng.Below(12) != 0));
      }
      std::map<std::string, std::vector<int64_t>> by_township;
      for (const auto& [v, list] : cadres)
        for (const auto& [pid, p] : list)
          if (p != "secretary") by_township[v.substr(0, 9) + "000"].push_back(pid);
      int month = 6;
      for (const auto& [township, members] : by_township) {
        char from[16], to[16];
        std::snprintf(from, sizeof from, "%s-%02d-%02d", y.c_str(), 6 + (month - 6) % 5, 10);
        std::snprintf(to, sizeof to, "%s-%02d-%02d", y.c_str(), 6 + (month - 6) % 5, 12);
        ++month;
        ZX_ASSIGN_OR_RETURN(int64_t cls, add_class(township, "township", "乡镇党委", "村“两委”干部轮训班", from, to, 16));
        for (int64_t pid : members) ZX_RETURN_IF_ERROR(enrol(cls, pid, rng.Below(15) != 0));
      }

      // Collective income 2021 and 2022 by item; 2021 adds up to the county's total exactly.
      std::vector<double> weight(villages.size());
      double wsum = 0;
      int64_t fixed = 0;
      for (size_t i = 0; i < villages.size(); ++i) {
        if (villages[i] == kDongqing) {
          fixed = 190000;  // 15% of it is the 28,500 yuan 东青村 shared among six cadres
          continue;
        }
        weight[i] = 0.35 + rng.Unit() * (rng.Below(5) == 0 ? 3.0 : 1.4);
        wsum += weight[i];
      }
      int64_t rest = county.income_2021_total - fixed, given = 0;
      std::vector<int64_t> totals(villages.size());
      size_t last = 0;
      for (size_t i = 0; i < villages.size(); ++i) {
        if (villages[i] == kDongqing) {
          totals[i] = fixed;
          continue;
        }
        totals[i] = static_cast<int64_t>(std::floor(rest * weight[i] / wsum / 100.0)) * 100;
        given += totals[i];
        last = i;
      }
      totals[last] += rest - given;
      ZX_ASSIGN_OR_RETURN(Stmt income, c.Prepare("INSERT INTO collective_income(village_code, year, item, amount_yuan, "
                                                 "evidence_name, evidence_sha256, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?)"));
      for (size_t i = 0; i < villages.size(); ++i) {
        for (int64_t year : {int64_t{2021}, int64_t{2022}}) {
          int64_t total = year == 2021 ? totals[i] : totals[i] * (105 + rng.Below(20)) / 100;
          if (villages[i] == kDongqing && year == 2021) total = 190000;
          // Shares: operating 45–60%, contracting 15–22%, investment 5–12%, subsidy the rest.
          int64_t operating = total * (45 + rng.Below(16)) / 100, contracting = total * (15 + rng.Below(8)) / 100;
          int64_t investment = total * (5 + rng.Below(8)) / 100, subsidy = total - operating - contracting - investment;
          if (villages[i] == kDongqing && year == 2021) operating = 120000, contracting = 40000, investment = 20000, subsidy = 10000;
          const std::pair<const char*, int64_t> items[] = {
              {"operating", operating}, {"contracting", contracting}, {"investment", investment}, {"subsidy", subsidy}};
          for (const auto& [item, amount] : items) {
            income.Bind(villages[i], year, item, amount,
                        std::string(item) == "operating" ? std::optional<std::string>(std::to_string(year) + "年村集体经济收支台账.xlsx")
                                                         : std::optional<std::string>(),
                        now);
            ZX_RETURN_IF_ERROR(income.Run());
            ++report.income_rows;
          }
        }
      }

      // Former cadres drawing the retirement subsidy; 太白县 905 current and former in all (seed 002).
      int64_t current = 0;
      for (const auto& [v, list] : cadres) current += static_cast<int64_t>(list.size());
      int former = county.code == "610331000000" ? std::max<int>(0, 905 - static_cast<int>(current)) : county.former_cadres;
      for (int k = 0; k < former; ++k) {
        const std::string& v = villages[k % villages.size()];
        ZX_ASSIGN_OR_RETURN(int64_t pid, new_person(v, 1940, 22, true));
        char left[16];
        std::snprintf(left, sizeof left, "%04d-03-01", 2000 + rng.Below(21));
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO retired_cadres(village_code, person_id, years_served, left_on, created_at) "
                                     "VALUES (?, ?, ?, ?, ?)", v, pid, static_cast<int64_t>(3 + rng.Below(28)),
                                     std::string(left), now));
        ++report.retired;
      }

      // 东青村's 2021 contribution reward: six cadres by contribution, 6,000 the most, 3,600 the least.
      if (cadres.count(kDongqing)) {
        const auto& list = cadres[kDongqing];
        const double scores[] = {100, 90, 80, 75, 70, 60};
        RewardSplitInput in;
        ZX_ASSIGN_OR_RETURN(in.pool_yuan, MaxRewardPool(190000, kMaxRewardRateBp));
        for (size_t k = 0; k < list.size() && k < 6; ++k) in.people.push_back({list[k].first, scores[k]});
        ZX_ASSIGN_OR_RETURN(RewardSplit split, SplitReward(in));
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reward_sheets(village_code, year, income_yuan, rate_bp, pool_yuan, "
                                     "paid_yuan, created_at) VALUES (?, 2021, 190000, ?, ?, ?, ?)",
                                     std::string(kDongqing), kMaxRewardRateBp, split.pool_yuan, split.paid_yuan, now));
        ZX_ASSIGN_OR_RETURN(int64_t sheet, QueryInt(c, "SELECT id FROM reward_sheets WHERE village_code = ? AND year = 2021",
                                                    std::string(kDongqing)));
        for (const auto& l : split.lines) {
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reward_lines(sheet_id, person_id, score, amount_yuan) VALUES (?, ?, ?, ?)",
                                       sheet, l.person_id, l.score, l.amount_yuan));
          ++report.reward_lines;
        }
      }
    }
    return c.Execute("INSERT INTO meta(key, value) VALUES ('demo_village_cadres', ?)", today);
  }));
  return report;
}

}  // namespace zx

#include "modules/party_orgs/party_demo.h"

#include <string>
#include <vector>

#include "modules/demo/demo_kit.h"
#include "modules/party_orgs/party_routes.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

// SplitMix64: the same demo on every machine.
using Rng = DemoRng;

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
                                 "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢"};
const char* const kGiven[] = {"建军", "志刚", "海龙", "丽娟", "文斌", "晓峰", "红霞", "永强", "春燕", "小平",
                              "国华", "明亮", "俊杰", "玉梅", "宏亮", "德胜", "新民", "桂英", "振宇", "浩",
                              "婷", "超", "凯", "颖", "旭", "琳", "杰", "欢", "帅", "倩"};
const char* const kSources[] = {"rich_expert", "returned_youth", "veteran", "graduate", "other"};
const char* const kEducation[] = {"junior", "senior", "senior", "vocational", "college", "college", "bachelor"};
const char* const kDepartments[] = {"县委办公室", "县政府办公室", "县发展和改革局", "县财政局", "县农业农村局",
                                    "县交通运输局", "县水利局", "县教育局", "县卫生健康局", "县自然资源局",
                                    "县住房和城乡建设局", "县市场监督管理局"};
const char* const kLeaderPosts[] = {"县委常委、组织部部长", "县委常委、常务副县长", "县委常委、纪委书记",
                                    "副县长", "县人大常委会副主任", "县政协副主席"};
const char* const kCategories[] = {"secretary", "system", "economy", "service", "members", "affairs", "disunity"};

std::string Name(Rng& rng) {
  return std::string(kSurnames[rng.Below(std::size(kSurnames))]) + kGiven[rng.Below(std::size(kGiven))];
}

std::string OrgName(const std::string& village, bool general) {
  std::string base = village;
  auto strip = [&](const std::string& suffix) {
    if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0) {
      base.resize(base.size() - suffix.size());
      return true;
    }
    return false;
  };
  if (!strip("居委会")) strip("委会");
  return base + (general ? "党总支" : "党支部");
}

struct Village {
  std::string code, name;
};

}  // namespace

Result<PartyDemoReport> LoadPartyDemo(Database& db, const Clock& clock) {
  PartyDemoReport report;
  int64_t loaded = 0;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(loaded, QueryInt(c, "SELECT COUNT(*) FROM meta WHERE key = 'demo_party'"));
    return Status::Ok();
  }));
  if (loaded) {
    report.already_loaded = true;
    return report;
  }
  const int64_t now = clock.NowSeconds();
  const std::string today = ChinaDay(now);
  const int64_t year = std::stoll(today.substr(0, 4));
  const int this_month = std::stoi(today.substr(5, 2));
  Rng rng(20261122);

  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    std::vector<std::string> standards;
    std::vector<size_t> points;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, points FROM party_standards WHERE active = 1 ORDER BY sort, code"));
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        standards.push_back(st->Text(0));
        points.push_back(static_cast<size_t>(st->Int(1)));
      }
    }
    for (const std::string county : {"610331", "420323"}) {
      const bool taibai = county == "610331";
      std::vector<Village> villages;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM regions WHERE level = 5 AND code BETWEEN ? AND ? "
                                               "ORDER BY code"));
        st.Bind(county + "000000", county + "999999");
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          villages.push_back({st->Text(0), st->Text(1)});
        }
      }
      const int n = static_cast<int>(villages.size());
      for (int i = 0; i < n; ++i) {
        const Village& v = villages[i];
        int members = 18 + rng.Below(58);
        bool general = members >= 50;
        std::string name = OrgName(v.name, general);
        char founded[32];
        std::snprintf(founded, sizeof founded, "%04d-07-01", 1950 + rng.Below(40));
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_orgs(village_code, name, kind, members, founded_on, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)", v.code, name, general ? "general_branch" : "branch",
                                     members, std::string(founded), now));
        ZX_ASSIGN_OR_RETURN(int64_t org, QueryInt(c, "SELECT id FROM party_orgs WHERE village_code = ? AND name = ?",
                                                  v.code, name));
        ++report.orgs;
        OrgInfo info{org, v.code, name, general ? "general_branch" : "branch"};
        // Last year: 太白县's first three villages were weak and are rectified below; this year
        // 竹山县's villages 10, 30, ... (12 of them) are backward. Others: advanced or ordinary,
        // 太白县 above the 60% target, 竹山县 below it.
        int advanced_per_100 = taibai ? 72 : 48;
        std::string last = rng.Below(100) < advanced_per_100 - 6 ? "advanced" : "ordinary";
        std::string current = rng.Below(100) < advanced_per_100 ? "advanced" : "ordinary";
        bool weak_last = taibai && i < 3;
        bool backward_now = !taibai && i % 20 == 10 && i / 20 < 12;
        if (weak_last) last = "weak";
        if (backward_now) current = "backward";
        for (auto [y, r] : {std::pair<int64_t, std::string>{year - 1, last}, {year, current}}) {
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_org_ratings(org_id, village_code, year, rating) VALUES (?, ?, ?, ?)",
                                       org, v.code, y, r));
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_org_rating_history(org_id, year, from_rating, to_rating, reason, "
                                       "username, at) VALUES (?, ?, NULL, ?, '年度评定', 'system', ?)", org, y, r, now));
          ++report.ratings;
        }
        if (weak_last || backward_now) {
          int64_t case_year = weak_last ? year - 1 : year;
          std::optional<int64_t> dispatch;
          {
            ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id FROM dispatches WHERE village_code = ? AND role = "
                                                   "'first_secretary' ORDER BY id LIMIT 1"));
            st.Bind(v.code);
            ZX_ASSIGN_OR_RETURN(bool row, st->Step());
            if (row) dispatch = st->Int(0);
          }
          std::optional<int64_t> person;
          if (dispatch) {
            ZX_ASSIGN_OR_RETURN(int64_t p, QueryInt(c, "SELECT person_id FROM dispatches WHERE id = ?", *dispatch));
            person = p;
          }
          std::string leader = Name(rng);
          int k = static_cast<int>(report.cases);
          ZX_RETURN_IF_ERROR(c.Execute(
              "INSERT INTO rectification_cases(org_id, village_code, year, rating, reason, leader_name, leader_post, "
              "secretary_person_id, secretary_dispatch_id, department, work_group, status, created_at) VALUES "
              "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
              org, v.code, case_year, weak_last ? "weak" : "backward", "年度分析研判认定", leader,
              kLeaderPosts[k % std::size(kLeaderPosts)], person, dispatch, kDepartments[k % std::size(kDepartments)],
              "包村领导" + leader + "任组长的帮促工作组", now));
          ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM rectification_cases WHERE org_id = ? AND year = ?",
                                                   org, case_year));
          ++report.cases;
          for (int j = 0; j < 2; ++j)
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_case_categories(case_id, category) VALUES (?, ?)", id,
                                         kCategories[(k + j * 3) % std::size(kCategories)]));
          const char* const measures[] = {"调整充实村党组织班子，选优配强带头人", "落实“三会一课”和主题党日制度",
                                          "理清发展思路，培育特色产业", "推行优秀村指导后进村结对帮带"};
          for (int j = 0; j < 3; ++j)
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_measures(case_id, content, created_at) VALUES (?, ?, ?)",
                                         id, measures[(k + j) % 4], now));
          int months = weak_last ? 12 : this_month;
          for (int m = 1; m <= months; ++m) {
            char month[16];
            std::snprintf(month, sizeof month, "%04d-%02d", static_cast<int>(case_year), m);
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_progress(case_id, month, content, created_at) VALUES "
                                         "(?, ?, ?, ?)", id, std::string(month), "乡镇党委汇报整改计划推进情况", now));
          }
          // "20余次专项督查": two for each of 竹山县's first eleven cases, 22 in all.
          int inspections = weak_last ? 2 : (k - 3 < 11 ? 2 : 0);
          for (int j = 0; j < inspections; ++j) {
            char day[32];
            std::snprintf(day, sizeof day, "%04d-%02d-15", static_cast<int>(case_year), 3 + j * 4);
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO rectification_inspections(case_id, day, inspector, finding, "
                                         "created_at) VALUES (?, ?, '县委组织部督查组', ?, ?)", id, std::string(day),
                                         j ? "整改措施已落实，群众满意度提升" : "班子调整到位，制度上墙", now));
          }
          // 太白县's weak ones all transformed last year; 竹山县's first four backward ones this year.
          bool transformed = weak_last || k - 3 < 4;
          if (transformed) {
            std::string day = weak_last ? std::to_string(year - 1) + "-12-20" : std::to_string(year) + "-10-28";
            ZX_RETURN_IF_ERROR(c.Execute("UPDATE rectification_cases SET status = 'transformed', result_day = ?, "
                                         "result_note = '已转化为一般党组织' WHERE id = ?", day, id));
            ZX_RETURN_IF_ERROR(SetOrgRating(c, info, case_year, "ordinary", "整顿转化为一般党组织", {0, "system"}, now, true));
          }
        }
        // This year's standardization: 太白县 9 demonstration villages and every other one up to
        // standard but below 90 (seed 002: 9 provincial demonstration villages, 100% up to
        // standard); 竹山县 spread over all three. Standards are left unmet, in an order that
        // differs by village, until the points missed would pass the village's target.
        int missing_target = taibai ? (i < 9 ? 0 : 14 + rng.Below(12)) : rng.Below(41);
        std::vector<bool> flags(standards.size(), true);
        for (size_t j = 0, missing = 0; j < standards.size(); ++j) {
          size_t k = (j * 7 + static_cast<size_t>(i)) % standards.size();
          if (missing + points[k] > static_cast<size_t>(missing_target)) break;
          missing += points[k];
          flags[k] = false;
        }
        for (size_t j = 0; j < standards.size(); ++j) {
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO party_standard_scores(org_id, village_code, year, standard, met) VALUES "
                                       "(?, ?, ?, ?, ?)", org, v.code, year, standards[j], flags[j]));
          ++report.scores;
        }
        // Reserve cadres: 太白县 94 = 2 per village and 3 in the first two (seed 002).
        int reserves = taibai ? (i < 2 ? 3 : 2) : 2 + rng.Below(2);
        for (int j = 0; j < reserves; ++j) {
          std::string person_name = Name(rng);
          char birth[32];
          std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", static_cast<int>(year) - 24 - rng.Below(22),
                        1 + rng.Below(12), 1 + rng.Below(28));
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO people(name, sex, birth_date, party_member, education, work_unit, "
                                       "region_code, created_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                                       person_name, rng.Below(3) ? "M" : "F", std::string(birth), rng.Below(2),
                                       kEducation[rng.Below(std::size(kEducation))], v.code, now));
          ZX_ASSIGN_OR_RETURN(int64_t person, QueryInt(c, "SELECT MAX(id) FROM people WHERE region_code = ?", v.code));
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO reserve_cadres(village_code, person_id, source, note, created_at) VALUES "
                                       "(?, ?, ?, '', ?)", v.code, person, kSources[(i + j) % std::size(kSources)], now));
          ++report.reserves;
        }
      }
    }
    return c.Execute("INSERT INTO meta(key, value) VALUES ('demo_party', ?)", today);
  }));
  return report;
}

}  // namespace zx

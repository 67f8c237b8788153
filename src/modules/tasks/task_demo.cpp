#include "modules/tasks/task_demo.h"

#include <nlohmann/json.hpp>

#include <vector>

#include "core/region_code.h"
#include "modules/presence/presence_rules.h"
#include "modules/supervision/supervision_routes.h"
#include "modules/tasks/task_rules.h"
#include "modules/tasks/task_store.h"

namespace zx {
namespace {

constexpr char kCounty[] = "420323000000";
constexpr char kUnit[] = "竹山县委组织部";

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱"};
const char* const kGiven[] = {"建国", "志强", "海燕", "丽华", "文军", "晓东", "红梅", "永胜", "春生", "秀英", "国庆", "明辉"};
const char* const kUnits[] = {"县纪委监委", "县委组织部", "县委办", "县政府办", "县扶贫办", "县农业农村局", "县财政局"};
const char* const kMonthly[] = {"党建促乡村振兴月度工作推进情况", "驻村工作队在岗履职情况", "村级集体经济项目进展",
                                "软弱涣散村党组织整顿进展", "脱贫户监测帮扶情况", "基层党组织规范化建设"};
const char* const kThemes[] = {"产业扶贫组", "易地搬迁组", "健康扶贫组", "教育扶贫组", "就业扶贫组", "生态扶贫组", "兜底保障组",
                               "基础设施组", "金融扶贫组", "社会扶贫组", "党建扶贫组", "危房改造组", "饮水安全组", "电力通信组",
                               "交通建设组", "消费扶贫组", "宣传报道组", "督查督办组", "考核评估组"};
const char* const kTitles[] = {"县委副书记", "常务副县长", "县人大常委会副主任", "副县长", "县政协副主席", "县委常委"};
const char* const kDuties[] = {"履行抓党建促乡村振兴第一责任人职责", "每季度专题研究驻村帮扶工作不少于一次",
                               "落实村级组织运转经费和村干部报酬", "整顿软弱涣散村党组织", "发展壮大村级集体经济"};
const char* const kRatings[] = {"good", "good", "fairly_good", "fairly_good", "fairly_good", "average", "poor"};

const char* const kCategories[] = {"驻村干部不在岗", "三会一课记录不全", "帮扶台账不实", "集体经济项目滞后",
                                   "监测户未及时识别"};

// The smallest evidence file that passes the type check.
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

}  // namespace

Result<TaskDemoReport> LoadTaskDemo(Database& db, const Clock& clock) {
  TaskDemoReport report;
  int64_t now = clock.NowSeconds();
  std::string today = ChinaDay(now);
  ZX_ASSIGN_OR_RETURN(int64_t today_n, DayNumber(today, "today"));
  int year = std::stoi(today.substr(0, 4)), this_month = std::stoi(today.substr(5, 2));
  ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(int64_t county, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", kCounty));
    if (!county) return Status::Ok();  // the county is not imported: nothing to attach the demo to
    ZX_ASSIGN_OR_RETURN(int64_t loaded, QueryInt(c, "SELECT COUNT(*) FROM inspection_groups WHERE region_code = ?", kCounty));
    if (loaded) {
      report.already_loaded = true;
      return Status::Ok();
    }
    std::vector<std::string> townships;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code FROM regions WHERE parent_code = ? AND level = 4 ORDER BY code"));
      st.Bind(kCounty);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool more, st->Step());
        if (!more) break;
        townships.push_back(st->Text(0));
      }
    }
    // Seven groups of six: a leader from the discipline or organization department and five members.
    static const char* const kNumbers[] = {"一", "二", "三", "四", "五", "六", "七"};
    std::vector<int64_t> groups;
    int person = 0;
    for (int g = 0; g < 7; ++g) {
      std::string name = std::string("第") + kNumbers[g] + "督查组";
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_groups(region_code, name, year, created_at) VALUES (?, ?, ?, ?)",
                                   kCounty, name, year, now));
      ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM inspection_groups WHERE region_code = ? AND name = ? AND "
                                                  "year = ?", kCounty, name, year));
      groups.push_back(id);
      ++report.groups;
      for (int m = 0; m < 6; ++m, ++person) {
        std::string who = std::string(kSurnames[(person * 5 + 3) % 14]) + kGiven[(person * 7 + 1) % 12];
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspection_group_members(group_id, name, role, work_unit) VALUES (?, ?, ?, ?)",
                                     id, who, m == 0 ? "leader" : "member", kUnits[(g + m) % 7]));
        ++report.inspectors;
      }
    }
    // Monthly tasks from the county to every township, January to this month.
    const std::string form = R"([{"name":"meetings","label":"召开专题会议次数","type":"number","required":true},)"
                             R"({"name":"problems","label":"发现并整改问题","type":"text","required":false},)"
                             R"({"name":"compliance","label":"驻村在岗率","type":"number","required":false,)"
                             R"("indicator":"presence.compliance_rate"}])";
    for (int m = 1; m <= this_month; ++m) {
      char month[8], deadline[11], issued[11];
      std::snprintf(month, sizeof month, "%04d-%02d", year, m);
      std::snprintf(deadline, sizeof deadline, "%04d-%02d-25", year, m);
      std::snprintf(issued, sizeof issued, "%04d-%02d-01", year, m);
      ZX_ASSIGN_OR_RETURN(int64_t issued_n, DayNumber(issued, "issued"));
      int64_t created = (issued_n * 86400) + 1800;  // 08:30 China time
      std::string title = std::string(month) + " " + kMonthly[(m - 1) % 6];
      ZX_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO tasks(issuer_region, issuer_user_id, issuer_unit, title, content, deadline, evidence_required, "
          "form_json, period, created_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
          kCounty, kUnit, title, std::string("请各乡镇于 ") + deadline + " 前报送本月" + kMonthly[(m - 1) % 6] + "，附会议记录或照片。",
          deadline, "会议记录扫描件或现场照片", form, month, created));
      ZX_ASSIGN_OR_RETURN(int64_t task, QueryInt(c, "SELECT MAX(id) FROM tasks WHERE issuer_region = ?", kCounty));
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE tasks SET root_task_id = ? WHERE id = ?", task, task));
      ++report.tasks;
      ZX_ASSIGN_OR_RETURN(int64_t deadline_n, DayNumber(deadline, "deadline"));
      for (size_t t = 0; t < townships.size(); ++t) {
        // Past months: about nine in ten done (two townships are habitually late); this month under way.
        int roll = static_cast<int>((t * 7 + static_cast<size_t>(m) * 13) % 20);
        bool past = deadline_n < today_n;
        std::string status = past ? (roll < 18 ? "done" : (roll == 18 ? "in_progress" : "pending"))
                                  : (roll < 6 ? "done" : (roll < 14 ? "in_progress" : "pending"));
        nlohmann::json answers = nlohmann::json::object();
        if (status != "pending") answers = {{"meetings", 1 + roll % 4}, {"problems", "已整改 " + std::to_string(roll % 5) + " 项"}};
        std::optional<int64_t> reported, closed;
        if (status != "pending") reported = created + (5 + roll % 15) * 86400;
        if (status == "done") closed = created + (10 + roll % 14) * 86400;
        ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_receivers(task_id, root_task_id, region_code, status, answers_json, "
                                     "last_report_at, closed_at, closing_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                     task, task, townships[t], status, answers.dump(), reported, closed,
                                     status == "done" ? "已按要求报送" : ""));
        ++report.receivers;
        if (status != "pending") {
          ZX_ASSIGN_OR_RETURN(int64_t rid, QueryInt(c, "SELECT id FROM task_receivers WHERE task_id = ? AND region_code = ?",
                                                    task, townships[t]));
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_reports(receiver_id, at, user_id, text, answers_json) VALUES "
                                       "(?, ?, 0, ?, ?)", rid, *reported, "本月工作已推进，材料见附件", answers.dump()));
          if (status == "done")
            ZX_RETURN_IF_ERROR(StoreAttachment(c, "task_receiver", rid, townships[t], "会议记录.pdf", kPdf,
                                               "application/pdf", 0, *closed).status());
          if (past && status != "done")
            ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO task_escalations(receiver_id, task_id, issuer_region, at, days_overdue) "
                                         "VALUES (?, ?, ?, ?, ?)", rid, task, kCounty, (deadline_n + 1) * 86400,
                                         today_n - deadline_n));
        }
      }
    }
    // Inspections, open and unannounced, with findings; the same category twice in one township
    // makes a repeat finding; the earliest one is rectified, signed off and closed.
    for (int i = 0; i < 6 && !townships.empty(); ++i) {
      std::string region = townships[(i * 5) % townships.size()];
      if (i == 4) region = townships[0];
      std::string day = DayFromNumber(today_n - 150 + i * 25);
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO inspections(group_id, region_code, kind, day, notes, created_at) VALUES "
                                   "(?, ?, ?, ?, ?, ?)", groups[i % 7], region, i % 2 ? "unannounced" : "open", day,
                                   i % 2 ? "暗访：未提前通知，直接入村查看" : "明查：听取汇报、查阅台账", now));
      ZX_ASSIGN_OR_RETURN(int64_t insp, QueryInt(c, "SELECT MAX(id) FROM inspections"));
      std::string category = kCategories[i == 4 ? 0 : i % 5];
      ZX_ASSIGN_OR_RETURN(int64_t repeats, RepeatCount(c, region, category, day));
      ZX_ASSIGN_OR_RETURN(int64_t day_n, DayNumber(day, "day"));
      std::string status = i == 0 ? "closed" : (i < 3 ? "rectifying" : "open");
      ZX_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO findings(inspection_id, region_code, owner_unit, category, severity, description, deadline, status, "
          "repeat_count, found_on, signed_off_by, signed_off_at, closed_at, created_at) VALUES "
          "(?, ?, (SELECT name FROM regions WHERE code = ?) || '党委', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          insp, region, region, category, i % 3 == 0 ? "major" : "minor", category + "，需限期整改", DayFromNumber(day_n + 30),
          status, repeats, day, i == 0 ? std::optional<std::string>("督查组组长") : std::nullopt,
          i == 0 ? std::optional<int64_t>((day_n + 20) * 86400) : std::nullopt,
          i == 0 ? std::optional<int64_t>((day_n + 21) * 86400) : std::nullopt, now));
      ++report.findings;
      if (status == "closed") {
        ZX_ASSIGN_OR_RETURN(int64_t fid, QueryInt(c, "SELECT MAX(id) FROM findings"));
        ZX_RETURN_IF_ERROR(StoreAttachment(c, "finding", fid, region, "整改报告.pdf", kPdf, "application/pdf", 0, now).status());
      }
    }
    // The command structure of seed 001: a county command with an office and 19 thematic groups, a
    // command post in every township and village, and 43 county leaders each guiding a township.
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_units(region_code, kind, name) VALUES (?, 'county_command', "
                                 "'竹山县脱贫攻坚指挥部')", kCounty));
    ZX_ASSIGN_OR_RETURN(int64_t command, QueryInt(c, "SELECT id FROM command_units WHERE region_code = ? AND kind = "
                                                     "'county_command'", kCounty));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_members(unit_id, name, role, title) VALUES (?, '县委书记', 'leader', "
                                 "'指挥长'), (?, '县长', 'deputy', '常务副指挥长')", command, command));
    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_units(region_code, kind, name, parent_id) VALUES (?, 'office', "
                                 "'指挥部办公室', ?)", kCounty, command));
    for (const char* theme : kThemes)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO command_units(region_code, kind, name, theme, parent_id) VALUES (?, "
                                   "'thematic_group', ?, ?, ?)", kCounty, theme, theme, command));
    ZX_RETURN_IF_ERROR(c.Execute(
        "INSERT INTO command_units(region_code, kind, name, parent_id) SELECT code, 'township_post', name || '片区指挥部', ? "
        "FROM regions WHERE parent_code = ? AND level = 4", command, kCounty));
    ZX_RETURN_IF_ERROR(c.Execute(
        "INSERT INTO command_units(region_code, kind, name, parent_id) SELECT v.code, 'village_post', v.name || '指挥所', "
        "p.id FROM regions v JOIN command_units p ON p.region_code = v.parent_code AND p.kind = 'township_post' "
        "WHERE v.level = 5 AND v.code BETWEEN '420323000000' AND '420323999999'"));
    for (int l = 0; l < 43 && !townships.empty(); ++l) {
      // 14 surnames × 12 given names repeat only after 84 leaders: 43 distinct names.
      std::string leader = std::string(kSurnames[(l * 3 + 1) % 14]) + kGiven[(l * 5 + 2) % 12];
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO leader_areas(county_code, leader_name, title, region_code) VALUES (?, ?, ?, ?)",
                                   kCounty, leader, kTitles[l % 6], townships[static_cast<size_t>(l) % townships.size()]));
    }
    // Responsibility lists: county, townships and villages, signed in January; last year's rated.
    std::vector<std::string> list_regions = {kCounty};
    list_regions.insert(list_regions.end(), townships.begin(), townships.end());
    {
      ZX_ASSIGN_OR_RETURN(Stmt vs, c.Prepare("SELECT code FROM regions WHERE level = 5 AND code BETWEEN '420323000000' AND "
                                             "'420323999999' ORDER BY code"));
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool more, vs->Step());
        if (!more) break;
        list_regions.push_back(vs->Text(0));
      }
    }
    for (int y = year - 1; y <= year; ++y) {
      for (size_t r = 0; r < list_regions.size(); ++r) {
        const std::string& code = list_regions[r];
        ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
        const char* lv = level == RegionLevel::kCounty ? "county" : level == RegionLevel::kTownship ? "township" : "village";
        const char* superior = level == RegionLevel::kCounty ? "十堰市委" : level == RegionLevel::kTownship ? "竹山县委" : "乡镇党委";
        std::string secretary = std::string(kSurnames[(r * 11 + 5) % 14]) + kGiven[(r * 7 + 3) % 12];
        bool rated = y < year;
        ZX_RETURN_IF_ERROR(c.Execute(
            "INSERT INTO responsibility_lists(region_code, level, year, secretary_name, secretary_signed_on, superior_name, "
            "superior_signed_on, year_end_report, rating, rated_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            code, lv, y, secretary, std::to_string(y) + "-01-15", superior, std::to_string(y) + "-01-15",
            rated ? "全年履行抓党建促乡村振兴责任情况述职" : "", rated ? std::optional<std::string>(kRatings[(r * 3 + 1) % 7]) : std::nullopt,
            rated ? std::optional<std::string>(std::to_string(y) + "-12-28") : std::nullopt, now));
        ZX_ASSIGN_OR_RETURN(int64_t list, QueryInt(c, "SELECT id FROM responsibility_lists WHERE region_code = ? AND year = ?", code, y));
        for (int d = 0; d < 3; ++d)
          ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO responsibility_items(list_id, content, progress_note) VALUES (?, ?, ?)", list,
                                       kDuties[(r + static_cast<size_t>(d)) % 5], rated ? "已完成" : (d == 0 ? "按季度推进" : "")));
      }
    }
    if (townships.size() > 1)
      ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO interviews(region_code, interviewer, interviewee, day, reason, result, "
                                   "created_at) VALUES (?, '县委组织部部长', '乡镇党委书记', ?, '月度任务连续逾期、考核排名落后', "
                                   "'当面约谈，限期一个月整改', ?)", townships[1], DayFromNumber(today_n - 20), now));
    return Status::Ok();
  }));
  return report;
}

}  // namespace zx

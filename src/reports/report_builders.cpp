// The four report kinds. Every figure is a rollup value (Rollups::Value / Rank) for the report's
// region or one of its children and the report's period; only lists of named things (cadres,
// tasks, findings, interviews) and counts the rollups do not keep (leave, inspections) are read
// with SQL over the module tables, restricted to the region's subtree and the period.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "core/region_code.h"
#include "modules/presence/presence_routes.h"
#include "modules/presence/presence_rules.h"
#include "reports/report_model.h"

namespace zx::reports {
namespace {

using analytics::Rollups;

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

struct Unit {
  std::string code, name;
  RegionLevel level = RegionLevel::kVillage;
};

struct Builder {
  Database& db;
  const Rollups& rollups;
  Period period;
  Unit region;
  std::vector<Unit> children;  // in code order
  std::string today;           // China day of "now"

  CodeRange Range() const { return SubtreeRange(region.code, region.level); }

  Result<std::optional<double>> Value(const std::string& indicator, const std::string& code, const Period& p) const {
    ZX_ASSIGN_OR_RETURN(analytics::Answer a, rollups.Value(indicator, code, p));
    return a.value;
  }
  Result<std::optional<double>> Value(const std::string& indicator, const std::string& code) const {
    return Value(indicator, code, period);
  }
  std::string Header(const std::string& indicator) const {
    auto d = rollups.catalogue().Find(indicator);
    if (!d) return indicator;
    return d->unit.empty() ? d->name : d->name + "（" + d->unit + "）";
  }
  std::string Name(const std::string& indicator) const {
    auto d = rollups.catalogue().Find(indicator);
    return d ? d->name : indicator;
  }
  // The unit a child row belongs to, for records at or below it.
  const Unit* ChildOf(const std::string& code) const {
    for (const auto& u : children)
      if (IsWithin(code, u.code, u.level)) return &u;
    return nullptr;
  }
};

ReportCell Fig(const std::optional<double>& v, bool warn = false) { return ReportCell{FormatFigure(v), v, warn}; }
ReportCell Txt(std::string s, bool warn = false) { return ReportCell{std::move(s), std::nullopt, warn}; }
ReportCell Int(int64_t v, bool warn = false) { return Fig(static_cast<double>(v), warn); }

std::string ChildWord(RegionLevel level) {
  switch (level) {
    case RegionLevel::kCountry: return "省";
    case RegionLevel::kProvince: return "市";
    case RegionLevel::kCity: return "县（区）";
    case RegionLevel::kCounty: return "乡镇";
    case RegionLevel::kTownship: return "村";
    default: return "单位";
  }
}

const char* RoleTitle(const std::string& role) {
  if (role == "first_secretary") return "第一书记";
  if (role == "team_leader") return "工作队长";
  return "工作队员";
}
const char* SeverityTitle(const std::string& s) {
  if (s == "minor") return "一般";
  if (s == "major") return "较重";
  if (s == "serious") return "严重";
  return "";
}
const char* FindingStatusTitle(const std::string& s) {
  if (s == "open") return "待整改";
  if (s == "rectifying") return "整改中";
  if (s == "signed_off") return "已签认";
  if (s == "closed") return "已销号";
  return "";
}

std::string PeriodWords(const Period& p) {
  return p.label + "（" + FormatDay(p.from) + " 至 " + FormatDay(p.to) + "）";
}

// One row per child and a total row for the region, one column per indicator: all rollups.
Result<ReportTable> IndicatorTable(const Builder& b, const std::string& caption, const std::vector<std::string>& ids) {
  ReportTable t;
  t.caption = caption;
  t.headers.push_back("单位");
  for (const auto& id : ids) t.headers.push_back(b.Header(id));
  auto row_for = [&](const Unit& u, const std::string& label) -> Result<std::vector<ReportCell>> {
    std::vector<ReportCell> row{Txt(label)};
    for (const auto& id : ids) {
      ZX_ASSIGN_OR_RETURN(auto v, b.Value(id, u.code));
      row.push_back(Fig(v));
    }
    return row;
  };
  for (const auto& u : b.children) {
    ZX_ASSIGN_OR_RETURN(auto row, row_for(u, u.name));
    t.rows.push_back(std::move(row));
  }
  ZX_ASSIGN_OR_RETURN(auto total, row_for(b.region, b.children.empty() ? b.region.name : "合计"));
  t.rows.push_back(std::move(total));
  return t;
}

// ---- 驻村工作周报 ----

struct CadreWeek {
  int64_t dispatch_id = 0;
  std::string person, role, village_code, village, township;
  std::set<std::string> evidence, leave;
};

Result<Report> WeeklyDispatch(const Builder& b, Report r) {
  const std::string first = FormatDay(b.period.from), last = FormatDay(b.period.to);
  const CodeRange range = b.Range();
  std::vector<CadreWeek> cadres;
  std::map<int64_t, size_t> index;
  std::map<std::string, PresenceRule> rules;
  std::map<std::string, std::pair<int64_t, int64_t>> leaves_by_child;  // leaves, leave days in the week
  std::pair<int64_t, int64_t> leaves_total{0, 0};
  ZX_RETURN_IF_ERROR(b.db.Read([&](Connection& c) -> Status {
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT d.id, p.name, d.role, d.village_code, v.name, t.name FROM dispatches d JOIN people p ON p.id = d.person_id "
          "JOIN regions v ON v.code = d.village_code JOIN regions t ON t.code = v.parent_code "
          "WHERE d.village_code BETWEEN ? AND ? AND d.status = 'in_post' AND d.term_start <= ? AND d.term_end >= ? "
          "ORDER BY d.village_code, d.role, d.id"));
      st.Bind(range.low, range.high, last, first);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        CadreWeek w;
        w.dispatch_id = st->Int(0);
        w.person = st->Text(1);
        w.role = st->Text(2);
        w.village_code = st->Text(3);
        w.village = st->Text(4);
        w.township = st->Text(5);
        index[w.dispatch_id] = cadres.size();
        cadres.push_back(std::move(w));
      }
    }
    for (const char* sql : {"SELECT dispatch_id, day FROM checkins WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? "
                            "AND ? AND within = 1",
                            "SELECT dispatch_id, day FROM work_logs WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? "
                            "AND ? AND in_village = 1"}) {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(sql));
      st.Bind(range.low, range.high, first, last);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        if (auto it = index.find(st->Int(0)); it != index.end()) cadres[it->second].evidence.insert(st->Text(1));
      }
    }
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT dispatch_id, village_code, start_day, end_day FROM leaves WHERE "
                                             "village_code BETWEEN ? AND ? AND status = 'approved' AND start_day <= ? AND "
                                             "end_day >= ?"));
      st.Bind(range.low, range.high, last, first);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        auto days = DayRange(std::max(st->Text(2), first), std::min(st->Text(3), last));
        ++leaves_total.first;
        leaves_total.second += static_cast<int64_t>(days.size());
        if (const Unit* u = b.ChildOf(st->Text(1))) {
          ++leaves_by_child[u->code].first;
          leaves_by_child[u->code].second += static_cast<int64_t>(days.size());
        }
        if (auto it = index.find(st->Int(0)); it != index.end())
          for (const auto& d : days) cadres[it->second].leave.insert(d);
      }
    }
    for (const auto& w : cadres)
      if (!rules.count(w.village_code)) {
        ZX_ASSIGN_OR_RETURN(rules[w.village_code], RuleFor(c, w.village_code));
      }
    return Status::Ok();
  }));

  ZX_ASSIGN_OR_RETURN(auto in_post, b.Value("dispatch.in_post", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto person_days, b.Value("checkins.person_days", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto per_cadre, b.Value("presence.days_per_cadre", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto within, b.Value("presence.within_rate", b.region.code));
  ReportSection overview{"一、总体情况", {}, {}};
  overview.paragraphs.push_back("本周" + PeriodWords(b.period) + "，" + b.region.name + "在岗驻村干部 " +
                                FormatFigure(in_post) + " 人，在村 " + FormatFigure(person_days) + " 人天，人均在村 " +
                                FormatFigure(per_cadre) + " 天，村内打卡率 " + FormatFigure(within) + "%；经批准请假 " +
                                std::to_string(leaves_total.first) + " 人次、" + std::to_string(leaves_total.second) +
                                " 天。");
  ReportTable t;
  t.caption = "各" + ChildWord(b.region.level) + "驻村工作情况";
  const std::vector<std::string> ids = {"dispatch.in_post", "checkins.person_days", "presence.days_per_cadre",
                                        "presence.within_rate"};
  t.headers.push_back("单位");
  for (const auto& id : ids) t.headers.push_back(b.Header(id));
  t.headers.push_back("请假（人次）");
  t.headers.push_back("请假天数");
  auto add_row = [&](const Unit& u, const std::string& label, std::pair<int64_t, int64_t> leave) -> Status {
    std::vector<ReportCell> row{Txt(label)};
    for (const auto& id : ids) {
      ZX_ASSIGN_OR_RETURN(auto v, b.Value(id, u.code));
      row.push_back(Fig(v));
    }
    row.push_back(Int(leave.first));
    row.push_back(Int(leave.second));
    t.rows.push_back(std::move(row));
    return Status::Ok();
  };
  for (const auto& u : b.children) ZX_RETURN_IF_ERROR(add_row(u, u.name, leaves_by_child[u.code]));
  ZX_RETURN_IF_ERROR(add_row(b.region, b.children.empty() ? b.region.name : "合计", leaves_total));
  overview.tables.push_back(std::move(t));
  r.sections.push_back(std::move(overview));

  // A month's rule (at least min_days in the village) taken pro rata for the week's days so far
  // (all seven once it is over); approved leave counts towards it.
  const int elapsed = std::clamp(*ParseDay(b.today) - b.period.from + 1, 0, b.period.to - b.period.from + 1);
  ReportSection below{"二、未达在村要求的驻村干部", {}, {}};
  ReportTable names;
  names.caption = "本周在村天数不足的驻村干部";
  names.headers = {"序号", "乡镇", "村", "姓名", "职务", "在村天数", "请假天数", "应在村天数"};
  int n = 0;
  for (const auto& w : cadres) {
    int present = 0;
    for (const auto& d : w.evidence) present += w.leave.count(d) ? 0 : 1;
    int required = static_cast<int>(std::ceil(rules[w.village_code].min_days * elapsed / 30.0));
    int expected = std::max(0, required - static_cast<int>(w.leave.size()));
    if (present >= expected) continue;
    names.rows.push_back({Int(++n), Txt(w.township), Txt(w.village), Txt(w.person), Txt(RoleTitle(w.role)),
                          Int(present, true), Int(static_cast<int64_t>(w.leave.size())), Int(expected)});
  }
  below.paragraphs.push_back("按每月在村不少于规定天数（默认 20 天）按天数折算为本周应在村天数（本周未结束时按已过天数），经批准的请假天数抵扣。本周共 " +
                             std::to_string(n) + " 名驻村干部在村天数不足。");
  below.tables.push_back(std::move(names));
  r.sections.push_back(std::move(below));
  return r;
}

// ---- 月度通报 ----

Result<Report> MonthlyBulletin(const Builder& b, Report r) {
  static const std::vector<std::string> kIndicators = {"visits.coverage",      "visits.satisfaction",
                                                       "presence.days_per_cadre", "presence.within_rate",
                                                       "tasks.done_rate",      "findings.closed_rate"};
  ReportSection ranks{"一、重点指标排名", {}, {}};
  ReportTable laggards;
  laggards.caption = "后进单位（低于目标，或无目标时排名后三位）";
  laggards.headers = {"指标", "单位", "本月", "目标", "排名"};
  const Period previous = PreviousPeriod(b.period);
  for (const auto& id : kIndicators) {
    ZX_ASSIGN_OR_RETURN(auto ranked, b.rollups.Rank(id, b.region.code, b.period));
    ZX_ASSIGN_OR_RETURN(auto total, b.Value(id, b.region.code));
    ZX_ASSIGN_OR_RETURN(auto total_prev, b.Value(id, b.region.code, previous));
    std::optional<double> change;
    if (total && total_prev) change = *total - *total_prev;
    ranks.paragraphs.push_back(b.Name(id) + "：" + b.region.name + "本月 " + FormatFigure(total) + "，上月 " +
                               FormatFigure(total_prev) + "，变化 " + FormatFigure(change) + "。");
    ReportTable t;
    t.caption = b.Header(id);
    t.headers = {"排名", "单位", "本月", "上月", "变化", "目标"};
    bool any_target = false;
    size_t with_value = 0;
    for (const auto& x : ranked) {
      any_target = any_target || x.target.has_value();
      with_value += x.value.has_value();
    }
    for (const auto& x : ranked) {
      bool lags = any_target ? (x.meets_target && !*x.meets_target)
                             : (x.value && with_value >= 6 && x.rank > static_cast<int>(with_value) - 3);
      t.rows.push_back({x.rank ? Int(x.rank) : Txt("—"), Txt(x.name, lags), Fig(x.value, lags), Fig(x.previous),
                        Fig(x.change), Fig(x.target)});
      if (lags)
        laggards.rows.push_back({Txt(b.Name(id)), Txt(x.name, true), Fig(x.value, true), Fig(x.target),
                                 x.rank ? Int(x.rank) : Txt("—")});
    }
    t.rows.push_back({Txt(""), Txt(b.children.empty() ? b.region.name : "合计"), Fig(total), Fig(total_prev), Fig(change),
                      Txt("")});
    ranks.tables.push_back(std::move(t));
  }
  r.sections.push_back(std::move(ranks));
  ReportSection lag{"二、后进单位", {}, {std::move(laggards)}};
  if (lag.tables[0].rows.empty()) lag.paragraphs.push_back("本月无后进单位。");
  r.sections.push_back(std::move(lag));

  // Cadres judged by the month's presence rule, villages without a cadre in post.
  std::vector<DispatchMonth> months;
  ReportTable villages;
  villages.caption = "无在岗驻村干部的村";
  villages.headers = {"序号", "乡镇", "村"};
  ReportTable overdue;
  overdue.caption = "逾期未办结任务";
  overdue.headers = {"序号", "任务", "下发单位", "承办单位", "截止日期", "状态", "逾期天数"};
  ReportTable findings;
  findings.caption = "未销号督查问题";
  findings.headers = {"序号", "责任单位", "类别", "严重程度", "问题", "整改期限", "状态"};
  // Overdue as of the month's end, or today for the current month.
  const std::string as_of = std::min(FormatDay(b.period.to), b.today);
  const CodeRange range = b.Range();
  ZX_RETURN_IF_ERROR(b.db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(months, MonthPresenceFor(c, range, b.period.label));
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT t.name, v.name FROM regions v JOIN regions t ON t.code = v.parent_code WHERE v.level = 5 AND "
          "v.code BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM dispatches d WHERE d.village_code = v.code AND "
          "d.status = 'in_post') ORDER BY v.code"));
      st.Bind(range.low, range.high);
      int n = 0;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        villages.rows.push_back({Int(++n), Txt(st->Text(0)), Txt(st->Text(1), true)});
      }
    }
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT t.title, t.issuer_unit, g.name, t.deadline, r.status FROM task_receivers r JOIN tasks t ON t.id = r.task_id "
          "JOIN regions g ON g.code = r.region_code WHERE r.region_code BETWEEN ? AND ? AND r.status <> 'done' AND "
          "r.passed_down = 0 AND t.deadline < ? ORDER BY t.deadline, r.region_code"));
      st.Bind(range.low, range.high, as_of);
      int n = 0;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        auto deadline = ParseDay(st->Text(3));
        int64_t days = deadline ? *ParseDay(as_of) - *deadline : 0;
        overdue.rows.push_back({Int(++n), Txt(st->Text(0)), Txt(st->Text(1)), Txt(st->Text(2)), Txt(st->Text(3)),
                                Txt(st->Text(4) == "pending" ? "未签收" : "办理中"), Int(days, true)});
      }
    }
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT f.owner_unit, f.category, f.severity, f.description, f.deadline, f.status FROM findings f WHERE "
          "f.region_code BETWEEN ? AND ? AND f.status <> 'closed' AND f.found_on <= ? ORDER BY f.deadline, f.id"));
      st.Bind(range.low, range.high, FormatDay(b.period.to));
      int n = 0;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        bool late = st->Text(4) < as_of;
        findings.rows.push_back({Int(++n), Txt(st->Text(0)), Txt(st->Text(1)), Txt(SeverityTitle(st->Text(2))),
                                 Txt(st->Text(3)), Txt(st->Text(4), late), Txt(FindingStatusTitle(st->Text(5)))});
      }
    }
    return Status::Ok();
  }));
  ReportSection cadres{"三、在村不达标的驻村干部和无驻村干部的村", {}, {}};
  ReportTable names;
  names.caption = "在村天数未达要求的驻村干部";
  names.headers = {"序号", "乡镇", "村", "姓名", "职务", "在村天数", "应在村天数", "考核"};
  int n = 0;
  for (const auto& m : months) {
    if (m.presence.compliance == Compliance::kCompliant) continue;
    bool bad = m.presence.compliance == Compliance::kNonCompliant;
    names.rows.push_back({Int(++n), Txt(m.township_name), Txt(m.village_name), Txt(m.person_name), Txt(RoleTitle(m.role)),
                          Int(m.presence.days_in_village, true), Int(m.rule.min_days), Txt(bad ? "不达标" : "预警", bad)});
  }
  cadres.paragraphs.push_back((as_of < FormatDay(b.period.to) ? "本月尚未结束，按截至 " + as_of + " 的在村天数判断。" : std::string()) +
                              "本月在村天数不达标或预警的驻村干部 " + std::to_string(n) + " 名，无在岗驻村干部的村 " +
                              std::to_string(villages.rows.size()) + " 个。");
  cadres.tables.push_back(std::move(names));
  cadres.tables.push_back(std::move(villages));
  r.sections.push_back(std::move(cadres));
  ReportSection tasks{"四、逾期未办结任务", {"截至 " + as_of + "，逾期未办结的任务 " + std::to_string(overdue.rows.size()) + " 项。"},
                      {std::move(overdue)}};
  r.sections.push_back(std::move(tasks));
  ReportSection open{"五、未销号督查问题", {"截至 " + as_of + "，尚未销号的督查问题 " +
                                              std::to_string(findings.rows.size()) + " 个。"},
                     {std::move(findings)}};
  r.sections.push_back(std::move(open));
  return r;
}

// ---- 季度督查情况汇总 ----

Result<Report> QuarterlyInspection(const Builder& b, Report r) {
  const std::string first = FormatDay(b.period.from), last = FormatDay(b.period.to);
  const CodeRange range = b.Range();
  int64_t open_kind = 0, unannounced = 0;
  std::map<std::string, int64_t> inspections_by_child;
  struct Cat {
    int64_t minor = 0, major = 0, serious = 0, total = 0, closed = 0;
  };
  std::map<std::string, Cat> categories;
  ReportTable repeats;
  repeats.caption = "重复发生的问题";
  repeats.headers = {"序号", "责任单位", "类别", "问题", "一年内同类问题次数", "状态"};
  ReportTable interviews;
  interviews.caption = "约谈情况";
  interviews.headers = {"序号", "日期", "单位", "约谈人", "被约谈人", "事由", "结果"};
  ZX_RETURN_IF_ERROR(b.db.Read([&](Connection& c) -> Status {
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT region_code, kind FROM inspections WHERE region_code BETWEEN ? AND ? "
                                             "AND day BETWEEN ? AND ?"));
      st.Bind(range.low, range.high, first, last);
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        (st->Text(1) == "open" ? open_kind : unannounced) += 1;
        if (const Unit* u = b.ChildOf(st->Text(0))) ++inspections_by_child[u->code];
      }
    }
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT f.owner_unit, f.category, f.severity, f.description, f.repeat_count, f.status FROM findings f WHERE "
          "f.region_code BETWEEN ? AND ? AND f.found_on BETWEEN ? AND ? ORDER BY f.category, f.found_on, f.id"));
      st.Bind(range.low, range.high, first, last);
      int n = 0;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        Cat& cat = categories[st->Text(1)];
        std::string sev = st->Text(2);
        (sev == "minor" ? cat.minor : sev == "major" ? cat.major : cat.serious) += 1;
        ++cat.total;
        cat.closed += st->Text(5) == "closed";
        if (st->Int(4) > 0)
          repeats.rows.push_back({Int(++n), Txt(st->Text(0)), Txt(st->Text(1)), Txt(st->Text(3)), Int(st->Int(4) + 1, true),
                                  Txt(FindingStatusTitle(st->Text(5)))});
      }
    }
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
          "SELECT i.day, g.name, i.interviewer, i.interviewee, i.reason, i.result FROM interviews i JOIN regions g ON "
          "g.code = i.region_code WHERE i.region_code BETWEEN ? AND ? AND i.day BETWEEN ? AND ? ORDER BY i.day, i.id"));
      st.Bind(range.low, range.high, first, last);
      int n = 0;
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        interviews.rows.push_back({Int(++n), Txt(st->Text(0)), Txt(st->Text(1)), Txt(st->Text(2)), Txt(st->Text(3)),
                                   Txt(st->Text(4)), Txt(st->Text(5))});
      }
    }
    return Status::Ok();
  }));
  ZX_ASSIGN_OR_RETURN(auto found, b.Value("findings.count", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto closed, b.Value("findings.closed", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto rate, b.Value("findings.closed_rate", b.region.code));
  ReportSection overview{"一、督查开展情况", {}, {}};
  overview.paragraphs.push_back("本季度" + PeriodWords(b.period) + "，对" + b.region.name + "开展督查 " +
                                std::to_string(open_kind + unannounced) + " 次（明查 " + std::to_string(open_kind) +
                                " 次、暗访 " + std::to_string(unannounced) + " 次），发现问题 " + FormatFigure(found) +
                                " 个，已销号 " + FormatFigure(closed) + " 个，销号率 " + FormatFigure(rate) + "%。");
  ReportTable t;
  t.caption = "各" + ChildWord(b.region.level) + "督查情况";
  t.headers = {"单位", "督查（次）", b.Header("findings.count"), b.Header("findings.closed"), b.Header("findings.closed_rate")};
  auto add_row = [&](const Unit& u, const std::string& label, int64_t count) -> Status {
    ZX_ASSIGN_OR_RETURN(auto f, b.Value("findings.count", u.code));
    ZX_ASSIGN_OR_RETURN(auto cl, b.Value("findings.closed", u.code));
    ZX_ASSIGN_OR_RETURN(auto ra, b.Value("findings.closed_rate", u.code));
    t.rows.push_back({Txt(label), Int(count), Fig(f), Fig(cl), Fig(ra)});
    return Status::Ok();
  };
  for (const auto& u : b.children) ZX_RETURN_IF_ERROR(add_row(u, u.name, inspections_by_child[u.code]));
  ZX_RETURN_IF_ERROR(add_row(b.region, b.children.empty() ? b.region.name : "合计", open_kind + unannounced));
  overview.tables.push_back(std::move(t));
  r.sections.push_back(std::move(overview));

  ReportSection kinds{"二、问题类别和严重程度", {}, {}};
  ReportTable k;
  k.caption = "发现问题分类";
  k.headers = {"类别", "一般", "较重", "严重", "合计", "已销号", "未销号"};
  Cat sum;
  for (const auto& [name, cat] : categories) {
    k.rows.push_back({Txt(name), Int(cat.minor), Int(cat.major), Int(cat.serious), Int(cat.total), Int(cat.closed),
                      Int(cat.total - cat.closed, cat.total > cat.closed)});
    sum.minor += cat.minor;
    sum.major += cat.major;
    sum.serious += cat.serious;
    sum.total += cat.total;
    sum.closed += cat.closed;
  }
  k.rows.push_back({Txt("合计"), Int(sum.minor), Int(sum.major), Int(sum.serious), Int(sum.total), Int(sum.closed),
                    Int(sum.total - sum.closed)});
  kinds.tables.push_back(std::move(k));
  r.sections.push_back(std::move(kinds));
  ReportSection rep{"三、重复发生的问题", {"一年内同一单位同类问题再次发现的 " + std::to_string(repeats.rows.size()) + " 个。"},
                    {std::move(repeats)}};
  r.sections.push_back(std::move(rep));
  ReportSection talks{"四、约谈情况", {"本季度约谈 " + std::to_string(interviews.rows.size()) + " 人次。"},
                      {std::move(interviews)}};
  r.sections.push_back(std::move(talks));
  return r;
}

// ---- 年终数据 ----

Result<Report> YearEnd(const Builder& b, Report r) {
  const std::string each = "各" + ChildWord(b.region.level);
  ReportSection s1{"一、农户与走访", {}, {}};
  ZX_ASSIGN_OR_RETURN(auto t1, IndicatorTable(b, each + "农户与走访",
                                              {"households.total", "households.monitored", "visits.count",
                                               "visits.households_visited", "visits.coverage", "visits.satisfaction"}));
  s1.tables.push_back(std::move(t1));
  r.sections.push_back(std::move(s1));
  ReportSection s2{"二、基层党组织", {}, {}};
  ZX_ASSIGN_OR_RETURN(auto t2, IndicatorTable(b, each + "基层党组织",
                                              {"party_orgs.total", "party_orgs.rated", "party_orgs.weak",
                                               "party_orgs.weak_share", "rectification.cases", "rectification.transformed",
                                               "rectification.transformed_rate"}));
  s2.tables.push_back(std::move(t2));
  r.sections.push_back(std::move(s2));
  ReportSection s3{"三、村级集体经济", {}, {}};
  ZX_ASSIGN_OR_RETURN(auto t3, IndicatorTable(b, each + "村级集体经济",
                                              {"regions.villages", "income.total", "income.villages_50k",
                                               "income.share_50k", "income.villages_100k", "income.share_100k"}));
  s3.tables.push_back(std::move(t3));
  r.sections.push_back(std::move(s3));
  ReportSection s4{"四、后备力量与培训", {}, {}};
  ZX_ASSIGN_OR_RETURN(auto t4, IndicatorTable(b, each + "后备力量与培训",
                                              {"reserve.total", "reserve.per_village", "village_cadres.total",
                                               "training.attended", "training.hours", "training.per_cadre"}));
  s4.tables.push_back(std::move(t4));
  r.sections.push_back(std::move(s4));
  ZX_ASSIGN_OR_RETURN(auto households, b.Value("households.total", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto coverage, b.Value("visits.coverage", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto satisfaction, b.Value("visits.satisfaction", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto weak, b.Value("party_orgs.weak", b.region.code));
  ZX_ASSIGN_OR_RETURN(auto v100k, b.Value("income.villages_100k", b.region.code));
  r.sections.front().paragraphs.push_back(b.period.label + " 年，" + b.region.name + "在册农户 " + FormatFigure(households) +
                                          " 户，走访覆盖率 " + FormatFigure(coverage) + "%，群众满意度 " +
                                          FormatFigure(satisfaction) + "%；软弱涣散（后进）村党组织 " + FormatFigure(weak) +
                                          " 个；集体经济收入 10 万元以上的村 " + FormatFigure(v100k) + " 个。");
  return r;
}

Result<Unit> LoadUnit(Connection& c, const std::string& code) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name FROM regions WHERE code = ?"));
  st.Bind(code);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return Status::NotFound("region " + code + " not found");
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  return Unit{code, st->Text(0), level};
}

std::string ChinaTime(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + kChinaOffsetSeconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace

Result<Report> BuildReport(const ReportKind& kind, Database& db, const Rollups& rollups, const std::string& region_code,
                           const Period& period, int64_t now_unix) {
  if (period.kind != kind.period_kind) return Status::InvalidArgument("期间与报表类型不符", "period");
  Builder b{db, rollups, period, {}, {}, FormatDay(static_cast<int>((now_unix + kChinaOffsetSeconds) / 86400))};
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(b.region, LoadUnit(c, region_code));
    if (b.region.level == RegionLevel::kVillage) return Status::Ok();
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name FROM regions WHERE parent_code = ? ORDER BY code"));
    st.Bind(region_code);
    for (;;) {
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      Unit u{st->Text(0), st->Text(1), RegionLevel::kVillage};
      ZX_ASSIGN_OR_RETURN(u.level, LevelOfCode(u.code));
      b.children.push_back(std::move(u));
    }
    return Status::Ok();
  }));
  Report r;
  r.kind = kind.id;
  r.title = kind.title;
  r.region_code = b.region.code;
  r.region_name = b.region.name;
  r.period = period;
  r.generated_at = ChinaTime(now_unix);
  const std::string id = kind.id;
  if (id == "weekly-dispatch") return WeeklyDispatch(b, std::move(r));
  if (id == "monthly-bulletin") return MonthlyBulletin(b, std::move(r));
  if (id == "quarterly-inspection") return QuarterlyInspection(b, std::move(r));
  return YearEnd(b, std::move(r));
}

}  // namespace zx::reports

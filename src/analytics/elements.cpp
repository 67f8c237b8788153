#include "analytics/elements.h"

#include "analytics/day_series.h"

namespace zx::analytics {
namespace {

constexpr char kAlways[] = "'2000-01-01'";

ElementDef Flow(const char* id, const char* zh, const char* en, const char* unit) {
  return ElementDef{id, zh, en, unit, Temporal::kFlow, {}, {}, false};
}
ElementDef Stock(const char* id, const char* zh, const char* en, const char* unit) {
  return ElementDef{id, zh, en, unit, Temporal::kStock, {}, {}, false};
}
ElementDef Internal(const char* id) {
  ElementDef e = Flow(id, id, id, "户");
  e.internal = true;
  return e;
}

// The first visit of each household in each month/quarter/year, as rows (village, day, 1).
std::string FirstVisitSql(const std::string& period_expr) {
  return "SELECT village_code, MIN(day), 1 FROM visits WHERE {where} GROUP BY village_code, household_id, " +
         period_expr;
}

}  // namespace

const std::vector<ElementDef>& Elements() {
  static const std::vector<ElementDef> elements = [] {
    std::vector<ElementDef> e = {
        Flow("checkins.count", "打卡次数", "Check-ins", "次"),
        Flow("checkins.within", "村内打卡次数", "Check-ins inside the village", "次"),
        Flow("checkins.person_days", "在村人天", "Person-days present", "人天"),
        Stock("dispatch.in_post", "在岗驻村干部", "Stationed cadres in post", "人"),
        Stock("dispatch.villages_covered", "有驻村干部的村", "Villages with a stationed cadre", "个"),
        Stock("dispatch.first_secretaries", "在岗第一书记", "First secretaries in post", "人"),
        Stock("regions.villages", "行政村数", "Villages", "个"),
        Flow("visits.count", "走访次数", "Visits", "次"),
        Flow("visits.satisfied", "满意", "Visits answered satisfied", "次"),
        Flow("visits.basic", "基本满意", "Visits answered basically satisfied", "次"),
        Flow("visits.unsatisfied", "不满意", "Visits answered unsatisfied", "次"),
        Flow("visits.leader", "领导干部走访次数", "Leaders' visits", "次"),
        Flow("visits.households_visited", "走访户数", "Households visited", "户"),
        Internal("visits.hh_day"),
        Internal("visits.hh_month"),
        Internal("visits.hh_quarter"),
        Internal("visits.hh_year"),
        Stock("households.total", "在册农户", "Households on the register", "户"),
        Stock("households.monitored", "监测对象户", "Households under monitoring", "户"),
        Stock("households.registered", "建档立卡户", "Households ever registered poor", "户"),
        Stock("follow_ups.open", "未办结问题", "Open follow-up items", "件"),
        Flow("follow_ups.closed", "办结问题", "Follow-up items closed", "件"),
        Stock("party_orgs.total", "村党组织", "Village party organizations", "个"),
        Flow("party_orgs.rated", "已定级党组织", "Organizations rated", "个"),
        Flow("party_orgs.weak", "软弱涣散（后进）党组织", "Weak or backward organizations", "个"),
        Flow("party_orgs.advanced", "先进党组织", "Advanced organizations", "个"),
        Flow("rectification.cases", "整顿对象", "Rectification cases", "个"),
        Flow("rectification.transformed", "已转化", "Cases transformed", "个"),
        Stock("reserve.total", "村级后备力量", "Reserve cadres", "人"),
        Stock("village_cadres.total", "村“两委”干部", "Village cadres in post", "人"),
        Stock("village_cadres.secretaries", "村党组织书记", "Village party secretaries", "人"),
        Flow("income.total", "村集体经济收入", "Collective income", "元"),
        Flow("income.villages_reported", "填报收入的村", "Villages reporting income", "个"),
        Flow("income.villages_50k", "收入5万元以上的村", "Villages at 50,000 yuan or more", "个"),
        Flow("income.villages_100k", "收入10万元以上的村", "Villages at 100,000 yuan or more", "个"),
        Flow("training.enrolled", "参训人次（报名）", "Trainees enrolled", "人次"),
        Flow("training.attended", "参训人次（实到）", "Trainees attended", "人次"),
        Flow("training.hours", "培训学时（人·学时）", "Training hours (person-hours)", "学时"),
        Stock("tasks.received", "收到任务", "Task receipts", "项"),
        Stock("tasks.done", "已办结任务", "Task receipts closed", "项"),
        Flow("findings.count", "督查发现问题", "Inspection findings", "个"),
        Flow("findings.closed", "问题已销号", "Findings closed", "个"),
    };
    for (auto& el : e) {
      if (el.id == "visits.households_visited") {
        el.per_period = {{PeriodKind::kDay, "visits.hh_day"},
                         {PeriodKind::kMonth, "visits.hh_month"},
                         {PeriodKind::kQuarter, "visits.hh_quarter"},
                         {PeriodKind::kYear, "visits.hh_year"}};
        el.distinct_sql =
            "SELECT COUNT(DISTINCT household_id) FROM visits WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ?";
      }
    }
    return e;
  }();
  return elements;
}

const std::vector<FeedDef>& Feeds() {
  static const std::vector<FeedDef> feeds = {
      {{"checkins"}, "village_code", "day", Grain::kDay,
       "SELECT village_code, day, COUNT(*), SUM(within), COUNT(DISTINCT CASE WHEN within = 1 THEN person_id END) "
       "FROM checkins WHERE {where} GROUP BY village_code, day",
       {"checkins.count", "checkins.within", "checkins.person_days"}},
      {{"dispatches"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways +
           ", SUM(CASE WHEN status = 'in_post' THEN 1 ELSE 0 END), MAX(CASE WHEN status = 'in_post' THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN status = 'in_post' AND role = 'first_secretary' THEN 1 ELSE 0 END) "
           "FROM dispatches WHERE {where} GROUP BY village_code",
       {"dispatch.in_post", "dispatch.villages_covered", "dispatch.first_secretaries"}},
      {{"visits"}, "village_code", "day", Grain::kDay,
       "SELECT village_code, day, COUNT(*), SUM(CASE WHEN satisfaction = 'satisfied' THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN satisfaction = 'basic' THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN satisfaction = 'unsatisfied' THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN visitor_is_leader = 1 OR kind = 'leader' THEN 1 ELSE 0 END), COUNT(DISTINCT household_id) "
       "FROM visits WHERE {where} GROUP BY village_code, day",
       {"visits.count", "visits.satisfied", "visits.basic", "visits.unsatisfied", "visits.leader", "visits.hh_day"}},
      {{"visits"}, "village_code", "day", Grain::kMonth, FirstVisitSql("substr(day, 1, 7)"), {"visits.hh_month"}},
      {{"visits"}, "village_code", "day", Grain::kQuarter,
       FirstVisitSql("substr(day, 1, 4), (CAST(substr(day, 6, 2) AS INTEGER) + 2) / 3"), {"visits.hh_quarter"}},
      {{"visits"}, "village_code", "day", Grain::kYear, FirstVisitSql("substr(day, 1, 4)"), {"visits.hh_year"}},
      {{"households"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways +
           ", COUNT(*), SUM(CASE WHEN status = 'monitored' THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN registered_year IS NOT NULL THEN 1 ELSE 0 END) "
           "FROM households WHERE active = 1 AND {where} GROUP BY village_code",
       {"households.total", "households.monitored", "households.registered"}},
      {{"follow_ups"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways +
           ", SUM(CASE WHEN closed_on IS NULL THEN 1 ELSE 0 END) FROM follow_ups WHERE {where} GROUP BY village_code",
       {"follow_ups.open"}},
      {{"follow_ups"}, "village_code", "", Grain::kAll,
       "SELECT village_code, closed_on, COUNT(*) FROM follow_ups WHERE closed_on IS NOT NULL AND {where} "
       "GROUP BY village_code, closed_on",
       {"follow_ups.closed"}},
      {{"party_orgs"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways + ", COUNT(*) FROM party_orgs WHERE {where} GROUP BY village_code",
       {"party_orgs.total"}},
      {{"party_org_ratings"}, "village_code", "", Grain::kAll,
       "SELECT village_code, CAST(year AS TEXT) || '-01-01', COUNT(*), "
       "SUM(CASE WHEN rating IN ('backward', 'weak') THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN rating = 'advanced' THEN 1 ELSE 0 END) "
       "FROM party_org_ratings WHERE {where} GROUP BY village_code, year",
       {"party_orgs.rated", "party_orgs.weak", "party_orgs.advanced"}},
      {{"rectification_cases"}, "village_code", "", Grain::kAll,
       "SELECT village_code, CAST(year AS TEXT) || '-01-01', COUNT(*), "
       "SUM(CASE WHEN status = 'transformed' THEN 1 ELSE 0 END) "
       "FROM rectification_cases WHERE {where} GROUP BY village_code, year",
       {"rectification.cases", "rectification.transformed"}},
      {{"reserve_cadres"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways + ", COUNT(*) FROM reserve_cadres WHERE {where} GROUP BY village_code",
       {"reserve.total"}},
      {{"village_posts"}, "village_code", "", Grain::kAll,
       std::string("SELECT village_code, ") + kAlways +
           ", COUNT(*), SUM(CASE WHEN post = 'secretary' THEN 1 ELSE 0 END) "
           "FROM village_posts WHERE term_end IS NULL AND {where} GROUP BY village_code",
       {"village_cadres.total", "village_cadres.secretaries"}},
      {{"collective_income"}, "village_code", "", Grain::kAll,
       "SELECT village_code, CAST(year AS TEXT) || '-01-01', SUM(amount_yuan), 1, "
       "CASE WHEN SUM(amount_yuan) >= 50000 THEN 1 ELSE 0 END, CASE WHEN SUM(amount_yuan) >= 100000 THEN 1 ELSE 0 END "
       "FROM collective_income WHERE {where} GROUP BY village_code, year",
       {"income.total", "income.villages_reported", "income.villages_50k", "income.villages_100k"}},
      {{"training_classes", "training_trainees"}, "c.region_code", "", Grain::kAll,
       "SELECT c.region_code, c.start_day, COUNT(*), SUM(CASE WHEN t.attendance = 'attended' THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN t.attendance = 'attended' THEN c.hours ELSE 0 END) "
       "FROM training_trainees t JOIN training_classes c ON c.id = t.class_id WHERE {where} "
       "GROUP BY c.region_code, c.start_day",
       {"training.enrolled", "training.attended", "training.hours"}},
      {{"task_receivers"}, "region_code", "", Grain::kAll,
       std::string("SELECT region_code, ") + kAlways +
           ", COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) FROM task_receivers WHERE {where} "
           "GROUP BY region_code",
       {"tasks.received", "tasks.done"}},
      {{"findings"}, "region_code", "", Grain::kAll,
       "SELECT region_code, found_on, COUNT(*), SUM(CASE WHEN status = 'closed' THEN 1 ELSE 0 END) "
       "FROM findings WHERE {where} GROUP BY region_code, found_on",
       {"findings.count", "findings.closed"}},
  };
  return feeds;
}

const char kFirstVisitsByMonthSql[] =
    "SELECT village_code, household_id, substr(day, 1, 7), MIN(day) FROM visits "
    "GROUP BY village_code, household_id, substr(day, 1, 7) ORDER BY village_code, household_id, substr(day, 1, 7)";

bool IsFirstVisitFeed(const FeedDef& feed) {
  return feed.elements.size() == 1 &&
         (feed.elements[0] == "visits.hh_month" || feed.elements[0] == "visits.hh_quarter" ||
          feed.elements[0] == "visits.hh_year");
}

void GrainWindow(Grain grain, int day, int* from, int* to) {
  PeriodKind kind;
  switch (grain) {
    case Grain::kDay: *from = *to = day; return;
    case Grain::kMonth: kind = PeriodKind::kMonth; break;
    case Grain::kQuarter: kind = PeriodKind::kQuarter; break;
    case Grain::kYear: kind = PeriodKind::kYear; break;
    case Grain::kAll:
    default: *from = kBeginningOfTime; *to = kEndOfTime; return;
  }
  Period p = PeriodContaining(kind, day);
  *from = p.from;
  *to = p.to;
}

}  // namespace zx::analytics

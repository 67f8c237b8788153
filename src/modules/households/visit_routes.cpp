// Visits (巡村访户, DOMAIN.md D5): entry with satisfaction and problems, follow-up items, coverage
// per period up the tree, households not visited in time, leaders' own visits for the weekly
// report, and the 两率一度-style metrics (definitions in docs/HOUSEHOLDS.md).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "modules/households/household_common.h"
#include "modules/households/household_routes.h"
#include "modules/households/household_rules.h"
#include "modules/periods/period_guard.h"
#include "modules/presence/presence_rules.h"

namespace zx {
namespace {

// 404 like every out-of-scope record, but naming the field that pointed there.
HttpResponse NotFoundField(const std::string& field, const std::string& message) {
  return JsonResponse(404, nlohmann::json{{"error", {{"code", "not_found"}, {"message", message}, {"field", field}}}}.dump());
}

// The period asked for, or the current one of the cycle (default: quarter).
Result<std::pair<std::string, DayRange2>> PeriodOf(const RequestContext& ctx, const Clock& clock, const std::string& cycle_default) {
  std::string period = ctx.Query("period");
  if (period.empty()) {
    ZX_ASSIGN_OR_RETURN(period, PeriodContaining(ctx.Query("cycle", cycle_default), ChinaDay(clock.NowSeconds())));
  }
  ZX_ASSIGN_OR_RETURN(DayRange2 range, ParsePeriod(period));
  return std::make_pair(period, range);
}

struct Tally {
  int64_t households = 0, visited = 0, poor = 0, poor_visited = 0, visits = 0, satisfied = 0;
  void Add(const Tally& o) {
    households += o.households, visited += o.visited, poor += o.poor, poor_visited += o.poor_visited;
    visits += o.visits, satisfied += o.satisfied;
  }
};

nlohmann::json Rate(int64_t part, int64_t whole) {
  return whole ? nlohmann::json(static_cast<double>(part) / static_cast<double>(whole)) : nlohmann::json(nullptr);
}

nlohmann::json TallyJson(const Tally& t) {
  return {{"households", t.households}, {"visited", t.visited}, {"visit_rate", Rate(t.visited, t.households)},
          {"poor_households", t.poor},  {"poor_visited", t.poor_visited}, {"poor_visit_rate", Rate(t.poor_visited, t.poor)},
          {"visits", t.visits},         {"satisfied", t.satisfied}, {"satisfaction_rate", Rate(t.satisfied, t.visits)}};
}

// Per-village tallies for a code range and a day range.
Status VillageTallies(Connection& c, const CodeRange& range, const DayRange2& days, std::map<std::string, Tally>* out) {
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
        "SELECT h.village_code, COUNT(*), SUM(CASE WHEN h.registered_year IS NOT NULL THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.day BETWEEN ? AND ?) THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN h.registered_year IS NOT NULL AND EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id AND v.day "
        "BETWEEN ? AND ?) THEN 1 ELSE 0 END) FROM households h WHERE h.village_code BETWEEN ? AND ? AND h.active = 1 "
        "GROUP BY h.village_code"));
    st.Bind(days.first, days.last, days.first, days.last, range.low, range.high);
    ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) {
      Tally& t = (*out)[r.Text(0)];
      t.households = r.Int(1), t.poor = r.Int(2), t.visited = r.Int(3), t.poor_visited = r.Int(4);
    }));
  }
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT village_code, COUNT(*), SUM(CASE WHEN satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END) FROM visits "
      "WHERE village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? GROUP BY village_code"));
  st.Bind(range.low, range.high, days.first, days.last);
  return ForEachRow(st, [&](const Statement& r) {
    Tally& t = (*out)[r.Text(0)];
    t.visits = r.Int(1), t.satisfied = r.Int(2);
  });
}

}  // namespace

void RegisterVisitRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"POST", "/api/v1/visits", Access::kPermission, "visit.write", "",
              "Record a visit to a household in scope (satisfaction 满意/基本满意/不满意; problems become follow-up items)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(auto parsed, ParseBodyWithList(ctx.request, "follow_ups"));
                JsonBody& body = parsed.first;
                ZX_ASSIGN_OR_RETURN(int64_t household, body.Int("household_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(auto kind_in, body.OptionalString("kind", 20));
                ZX_ASSIGN_OR_RETURN(std::string satisfaction, body.String("satisfaction", 20));
                ZX_ASSIGN_OR_RETURN(auto problems, body.OptionalString("problems", 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                std::string kind = kind_in.value_or("routine");
                if (!IsVisitKind(kind)) return Status::InvalidArgument("走访类型应为 routine、leader 或 festival", "kind");
                if (!IsSatisfaction(satisfaction))
                  return Status::InvalidArgument("满意度应为 satisfied（满意）、basic（基本满意）或 unsatisfied（不满意）", "satisfaction");
                int64_t now = clock.NowSeconds();
                std::string today = ChinaDay(now);
                if (!IsDate(day) || day > today) return Status::InvalidArgument("走访日期应为不晚于今天的 YYYY-MM-DD", "day");
                if (MonthsBetween(day, today) >= 3) return Status::InvalidArgument("只能补录三个月内的走访", "day");
                struct FollowUp { std::string problem, owner, deadline; };
                std::vector<FollowUp> follow_ups;
                for (size_t i = 0; i < parsed.second.size(); ++i) {
                  const auto& f = parsed.second[i];
                  std::string prefix = "follow_ups[" + std::to_string(i) + "].";
                  if (!f.is_object()) return Status::InvalidArgument("follow_ups must be objects", "follow_ups");
                  FollowUp fu;
                  for (auto it = f.begin(); it != f.end(); ++it) {
                    if (it.key() != "problem" && it.key() != "owner" && it.key() != "deadline")
                      return Status::InvalidArgument("unknown field " + it.key(), prefix + it.key());
                    if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 1000)
                      return Status::InvalidArgument(it.key() + " must be a non-empty text", prefix + it.key());
                  }
                  for (const char* k : {"problem", "owner", "deadline"})
                    if (!f.contains(k)) return Status::InvalidArgument(std::string(k) + " is required", prefix + k);
                  fu = {f["problem"], f["owner"], f["deadline"]};
                  if (!IsDate(fu.deadline) || fu.deadline < day)
                    return Status::InvalidArgument("期限应为不早于走访日期的 YYYY-MM-DD", prefix + "deadline");
                  follow_ups.push_back(fu);
                }
                const Caller& caller = *ctx.caller;
                bool leader = std::find(caller.roles.begin(), caller.roles.end(), "leader") != caller.roles.end();
                nlohmann::json view;
                bool out_of_scope = false;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, active FROM households WHERE id = ?"));
                  st.Bind(household);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row || !caller.InScope(st->Text(0))) {
                    out_of_scope = true;
                    return Status::Ok();
                  }
                  std::string village = st->Text(0);
                  if (!st->Int(1)) return Status::InvalidArgument("该户已合并或注销", "household_id");
                  ZX_RETURN_IF_ERROR(RefuseIfPeriodLocked(c, village, day));
                  ZX_RETURN_IF_ERROR(c.Execute(
                      "INSERT INTO visits(household_id, village_code, day, kind, satisfaction, problems, visitor_user_id, "
                      "visitor_person_id, visitor_name, visitor_is_leader, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      household, village, day, kind, satisfaction, problems.value_or(""), caller.user_id,
                      caller.person_id ? std::optional<int64_t>(caller.person_id) : std::nullopt, caller.display_name,
                      leader || kind == "leader", now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM visits"));
                  nlohmann::json fus = nlohmann::json::array();
                  for (const auto& f : follow_ups) {
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO follow_ups(visit_id, household_id, village_code, problem, owner, "
                                                 "deadline, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                                 id, household, village, f.problem, f.owner, f.deadline, now));
                    ZX_ASSIGN_OR_RETURN(int64_t fid, QueryInt(c, "SELECT MAX(id) FROM follow_ups"));
                    fus.push_back({{"id", fid}, {"problem", f.problem}, {"owner", f.owner}, {"deadline", f.deadline}});
                  }
                  view = {{"id", id}, {"household_id", household}, {"village_code", village}, {"day", day}, {"kind", kind},
                          {"satisfaction", satisfaction}, {"problems", problems.value_or("")},
                          {"visitor", caller.display_name}, {"leader_visit", leader || kind == "leader"}, {"follow_ups", fus}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "visit", std::to_string(id), village, std::nullopt, view}, now);
                }));
                if (out_of_scope) return NotFoundField("household_id", "没有该户（或不在您的管辖范围内）");
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/visits", Access::kPermission, "household.read", "",
              "Visits in scope in a period (?period=2026-Q4 or ?cycle=), optionally of one household",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(PageArgs page, ReadPage(ctx));
                ZX_ASSIGN_OR_RETURN(auto period, PeriodOf(ctx, clock, "quarter"));
                ZX_ASSIGN_OR_RETURN(int64_t household, ctx.IntQuery("household_id", 0, 0, int64_t{1} << 50));
                std::string where = "WHERE v.village_code BETWEEN ? AND ? AND v.day BETWEEN ? AND ? AND (? = 0 OR v.household_id = ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt cnt, c.Prepare("SELECT COUNT(*) FROM visits v " + where));
                  cnt.Bind(range.low, range.high, period.second.first, period.second.last, household, household);
                  ZX_ASSIGN_OR_RETURN(bool row, cnt->Step());
                  total = row ? cnt->Int(0) : 0;
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT v.id, v.household_id, v.village_code, r.name, v.day, v.kind, v.satisfaction, v.problems, "
                      "v.visitor_name, v.visitor_is_leader, (SELECT COUNT(*) FROM follow_ups f WHERE f.visit_id = v.id) FROM visits "
                      "v JOIN regions r ON r.code = v.village_code " + where + " ORDER BY v.day DESC, v.id DESC LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, period.second.first, period.second.last, household, household, page.size,
                          (page.page - 1) * page.size);
                  return ForEachRow(st, [&](const Statement& r) {
                    items.push_back({{"id", r.Int(0)}, {"household_id", r.Int(1)}, {"village", {{"code", r.Text(2)}, {"name", r.Text(3)}}},
                                     {"day", r.Text(4)}, {"kind", r.Text(5)}, {"satisfaction", r.Text(6)}, {"problems", r.Text(7)},
                                     {"visitor", r.Text(8)}, {"leader_visit", r.Int(9) != 0}, {"follow_ups", r.Int(10)}});
                  });
                }));
                return JsonResponse(200, nlohmann::json{{"period", period.first}, {"items", items}, {"total", total},
                                                        {"page", page.page}, {"page_size", page.size}}.dump());
              }});

  router.Add({"GET", "/api/v1/follow-ups", Access::kPermission, "household.read", "",
              "Follow-up items from visits in scope (?open=1 for those without a result)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t open, ctx.IntQuery("open", 0, 0, 1));
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT f.id, f.visit_id, f.household_id, f.village_code, f.problem, f.owner, f.deadline, f.result, "
                      "f.closed_on FROM follow_ups f WHERE f.village_code BETWEEN ? AND ? AND (? = 0 OR f.closed_on IS NULL) "
                      "ORDER BY f.deadline, f.id LIMIT 500"));
                  st.Bind(range.low, range.high, open);
                  return ForEachRow(st, [&](const Statement& r) {
                    items.push_back({{"id", r.Int(0)}, {"visit_id", r.Int(1)}, {"household_id", r.Int(2)},
                                     {"village_code", r.Text(3)}, {"problem", r.Text(4)}, {"owner", r.Text(5)},
                                     {"deadline", r.Text(6)}, {"result", r.Text(7)}, {"closed_on", NullableText(r, 8)}});
                  });
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  Route close{"PATCH", "/api/v1/follow-ups/{id}", Access::kPermission, "visit.write", "",
              "Record the result of a follow-up item (closes it)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string result, body.String("result", 1000));
                ZX_ASSIGN_OR_RETURN(auto closed_on, body.OptionalString("closed_on", 10));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                std::string day = closed_on.value_or(ChinaDay(now));
                if (!IsDate(day) || day > ChinaDay(now)) return Status::InvalidArgument("办结日期应为不晚于今天的 YYYY-MM-DD", "closed_on");
                nlohmann::json after;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT village_code, result FROM follow_ups WHERE id = ?"));
                  st.Bind(id);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) return Status::NotFound("follow-up not found");
                  std::string village = st->Text(0), before = st->Text(1);
                  ZX_RETURN_IF_ERROR(RefuseIfPeriodLocked(c, village, day));
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE follow_ups SET result = ?, closed_on = ? WHERE id = ?", result, day, id));
                  after = {{"id", id}, {"result", result}, {"closed_on", day}};
                  return AppendAudit(c, ActorOf(ctx), {"update", "follow_up", std::to_string(id), village,
                                                       nlohmann::json{{"result", before}}, after}, now);
                }));
                return JsonResponse(200, after.dump());
              }};
  close.record_region = RegionOfRecord(db, "SELECT village_code FROM follow_ups WHERE id = ?", "follow-up");
  router.Add(std::move(close));

  router.Add({"GET", "/api/v1/visits/coverage", Access::kPermission, "household.read", "",
              "Visit coverage of a region and its children in a period: households and registered-poor households visited, satisfaction",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(auto period, PeriodOf(ctx, clock, "quarter"));
                std::string region = range.low;  // the canonical code of the region itself
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  std::map<std::string, Tally> villages;
                  ZX_RETURN_IF_ERROR(VillageTallies(c, range, period.second, &villages));
                  std::vector<std::pair<std::string, std::string>> children;  // code, name
                  std::string name;
                  {
                    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                    st.Bind(region);
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (row) name = st->Text(0);
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, name, level FROM regions WHERE parent_code = ? ORDER BY code"));
                  st.Bind(region);
                  std::vector<std::tuple<std::string, std::string, int64_t>> kids;
                  ZX_RETURN_IF_ERROR(ForEachRow(st, [&](const Statement& r) { kids.emplace_back(r.Text(0), r.Text(1), r.Int(2)); }));
                  Tally total;
                  for (const auto& [code, t] : villages) total.Add(t);
                  nlohmann::json rows = nlohmann::json::array();
                  for (const auto& [code, kname, level] : kids) {
                    CodeRange sub = SubtreeRange(code, static_cast<RegionLevel>(level));
                    Tally t;
                    for (auto it = villages.lower_bound(sub.low); it != villages.end() && it->first <= sub.high; ++it) t.Add(it->second);
                    nlohmann::json row = TallyJson(t);
                    row["code"] = code;
                    row["name"] = kname;
                    row["not_visited"] = t.households - t.visited;
                    rows.push_back(row);
                  }
                  out = TallyJson(total);
                  out["region"] = {{"code", region}, {"name", name}};
                  out["period"] = period.first;
                  out["first_day"] = period.second.first;
                  out["last_day"] = period.second.last;
                  out["not_visited"] = total.households - total.visited;
                  out["children"] = rows;
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});

  router.Add({"GET", "/api/v1/visits/not-visited", Access::kPermission, "household.read", "",
              "Households in scope not visited in the period (registered-poor first)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(PageArgs page, ReadPage(ctx));
                ZX_ASSIGN_OR_RETURN(auto period, PeriodOf(ctx, clock, "quarter"));
                std::string where = "FROM households h JOIN regions r ON r.code = h.village_code WHERE h.village_code BETWEEN ? "
                                    "AND ? AND h.active = 1 AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id "
                                    "AND v.day BETWEEN ? AND ?)";
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt cnt, c.Prepare("SELECT COUNT(*) " + where));
                  cnt.Bind(range.low, range.high, period.second.first, period.second.last);
                  ZX_ASSIGN_OR_RETURN(bool row, cnt->Step());
                  total = row ? cnt->Int(0) : 0;
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT h.id, h.village_code, r.name, h.villager_group, h.status, h.registered_year, (SELECT p.name FROM "
                      "household_members m JOIN people p ON p.id = m.person_id WHERE m.household_id = h.id AND m.active = 1 AND "
                      "m.relation = 'head' ORDER BY m.id LIMIT 1), (SELECT MAX(v.day) FROM visits v WHERE v.household_id = h.id) " +
                      where + " ORDER BY CASE WHEN h.registered_year IS NULL THEN 1 ELSE 0 END, h.village_code, h.id LIMIT ? OFFSET ?"));
                  st.Bind(range.low, range.high, period.second.first, period.second.last, page.size, (page.page - 1) * page.size);
                  return ForEachRow(st, [&](const Statement& r) {
                    items.push_back({{"id", r.Int(0)}, {"village", {{"code", r.Text(1)}, {"name", r.Text(2)}}},
                                     {"villager_group", r.Text(3)}, {"status", r.Text(4)}, {"registered_poor", !r.IsNull(5)},
                                     {"head_name", NullableText(r, 6)}, {"last_visit", NullableText(r, 7)}});
                  });
                }));
                return JsonResponse(200, nlohmann::json{{"period", period.first}, {"items", items}, {"total", total},
                                                        {"page", page.page}, {"page_size", page.size}}.dump());
              }});

  router.Add({"GET", "/api/v1/visits/leaders", Access::kPermission, "household.read", "",
              "Leaders' own visits for the weekly report (default: the current ISO week)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(auto period, PeriodOf(ctx, clock, "week"));
                nlohmann::json items = nlohmann::json::array();
                int64_t visits = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT visitor_name, COALESCE(visitor_user_id, 0), COUNT(*), COUNT(DISTINCT household_id), COUNT(DISTINCT "
                      "village_code), SUM(CASE WHEN satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END) FROM visits WHERE "
                      "visitor_is_leader = 1 AND village_code BETWEEN ? AND ? AND day BETWEEN ? AND ? GROUP BY visitor_name, "
                      "COALESCE(visitor_user_id, 0) ORDER BY COUNT(*) DESC, visitor_name"));
                  st.Bind(range.low, range.high, period.second.first, period.second.last);
                  return ForEachRow(st, [&](const Statement& r) {
                    visits += r.Int(2);
                    items.push_back({{"visitor", r.Text(0)}, {"user_id", r.Int(1)}, {"visits", r.Int(2)}, {"households", r.Int(3)},
                                     {"villages", r.Int(4)}, {"satisfied", r.Int(5)}});
                  });
                }));
                return JsonResponse(200, nlohmann::json{{"period", period.first}, {"first_day", period.second.first},
                                                        {"last_day", period.second.last}, {"visits", visits}, {"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/household-metrics", Access::kPermission, "household.read", "",
              "两率一度-style figures for a region and period: identification accuracy, exit accuracy, satisfaction",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, HouseholdRange(ctx));
                ZX_ASSIGN_OR_RETURN(auto period, PeriodOf(ctx, clock, "year"));
                ZX_ASSIGN_OR_RETURN(int64_t line, ctx.IntQuery("line", 6900, 0, 1000000));
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT COUNT(*), SUM(CASE WHEN status IN ('registered_poor', 'monitored') THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN status NOT IN ('registered_poor', 'monitored') AND income_per_head < ? THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN registered_year IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'monitored' THEN 1 "
                      "ELSE 0 END) FROM households WHERE village_code BETWEEN ? AND ? AND active = 1"));
                  st.Bind(static_cast<double>(line), range.low, range.high);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  int64_t households = row ? st->Int(0) : 0;
                  int64_t identified = row && !st->IsNull(1) ? st->Int(1) : 0;
                  int64_t missed = row && !st->IsNull(2) ? st->Int(2) : 0;
                  int64_t registered = row && !st->IsNull(3) ? st->Int(3) : 0;
                  int64_t monitored = row && !st->IsNull(4) ? st->Int(4) : 0;
                  ZX_ASSIGN_OR_RETURN(Stmt ex, c.Prepare(
                      "SELECT COUNT(DISTINCT s.household_id), COUNT(DISTINCT CASE WHEN h.income_per_head < ? OR h.status IN "
                      "('registered_poor', 'monitored') THEN s.household_id END) FROM household_status_history s JOIN households h "
                      "ON h.id = s.household_id WHERE h.village_code BETWEEN ? AND ? AND s.from_status IS NOT NULL AND s.to_status "
                      "IN ('lifted', 'risk_removed') AND s.on_date BETWEEN ? AND ?"));
                  ex.Bind(static_cast<double>(line), range.low, range.high, period.second.first, period.second.last);
                  ZX_ASSIGN_OR_RETURN(bool exrow, ex->Step());
                  int64_t exits = exrow ? ex->Int(0) : 0, wrong_exits = exrow ? ex->Int(1) : 0;
                  ZX_ASSIGN_OR_RETURN(Stmt sv, c.Prepare(
                      "SELECT COUNT(*), SUM(CASE WHEN satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END) FROM visits WHERE "
                      "village_code BETWEEN ? AND ? AND day BETWEEN ? AND ?"));
                  sv.Bind(range.low, range.high, period.second.first, period.second.last);
                  ZX_ASSIGN_OR_RETURN(bool svrow, sv->Step());
                  int64_t answered = svrow ? sv->Int(0) : 0, satisfied = svrow && !sv->IsNull(1) ? sv->Int(1) : 0;
                  out = {{"period", period.first},
                         {"line", line},
                         {"households", households},
                         {"registered_households", registered},
                         {"monitored_households", monitored},
                         {"identified", identified},
                         {"missed", missed},
                         {"identification_accuracy", Rate(identified, identified + missed)},
                         {"exits", exits},
                         {"wrong_exits", wrong_exits},
                         {"exit_accuracy", exits ? Rate(exits - wrong_exits, exits) : nlohmann::json(nullptr)},
                         {"answers", answered},
                         {"satisfied", satisfied},
                         {"satisfaction", Rate(satisfied, answered)}};
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});
}

}  // namespace zx

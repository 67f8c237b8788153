#include "modules/dispatch/review_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/dispatch/dispatch_routes.h"
#include "modules/people/people_routes.h"
#include "modules/presence/presence_routes.h"

namespace zx {

Result<std::vector<std::string>> MonthsOfPeriod(const std::string& period, const std::string& field) {
  auto year_ok = [](const std::string& y) {
    return y.size() == 4 && y.find_first_not_of("0123456789") == std::string::npos && y >= "2000" && y <= "2100";
  };
  std::string year = period.substr(0, 4);
  int first = 1, last = 12;
  if (period.size() == 7 && period.substr(4) == "-H1") last = 6;
  else if (period.size() == 7 && period.substr(4) == "-H2") first = 7;
  else if (period.size() != 4) return Status::InvalidArgument(field + " must look like 2026, 2026-H1 or 2026-H2", field);
  if (!year_ok(year)) return Status::InvalidArgument(field + " must look like 2026, 2026-H1 or 2026-H2", field);
  std::vector<std::string> months;
  for (int m = first; m <= last; ++m) months.push_back(year + (m < 10 ? "-0" : "-") + std::to_string(m));
  return months;
}

namespace {


const char* const kRatings[] = {"excellent", "competent", "basic", "incompetent"};

std::string HalfOf(const std::string& day) { return day.substr(0, 4) + (day.substr(5, 2) <= "06" ? "-H1" : "-H2"); }

// Evidence for an evaluation: month by month days in the village, work logs, check-ins, talks.
Result<nlohmann::json> Evidence(Connection& c, const DispatchInfo& d, const std::vector<std::string>& months,
                                const std::string& today) {
  nlohmann::json by_month = nlohmann::json::array();
  int64_t compliant = 0, judged = 0;
  CodeRange one{d.village_code, d.village_code};
  for (const auto& month : months) {
    if (month + "-01" > today) break;
    ZX_ASSIGN_OR_RETURN(std::vector<DispatchMonth> rows, MonthPresenceFor(c, one, month));
    for (const auto& r : rows) {
      if (r.dispatch_id != d.id) continue;
      ++judged;
      compliant += r.presence.compliance == Compliance::kCompliant;
      by_month.push_back({{"month", month}, {"days_in_village", r.presence.days_in_village},
                          {"compliance", ComplianceName(r.presence.compliance)}});
    }
  }
  std::string from = months.front() + "-01", to = months.back() + "-31";
  ZX_ASSIGN_OR_RETURN(int64_t logs, QueryInt(c, "SELECT COUNT(*) FROM work_logs WHERE dispatch_id = ? AND day BETWEEN ? AND ?",
                                             d.id, from, to));
  ZX_ASSIGN_OR_RETURN(int64_t checkins, QueryInt(c, "SELECT COUNT(*) FROM checkins WHERE village_code = ? AND day BETWEEN ? "
                                                    "AND ? AND dispatch_id = ? AND within = 1",
                                                    d.village_code, from, to, d.id));
  ZX_ASSIGN_OR_RETURN(int64_t talks, QueryInt(c, "SELECT COUNT(*) FROM talks WHERE dispatch_id = ? AND day BETWEEN ? AND ?",
                                              d.id, from, to));
  return nlohmann::json{{"months", by_month}, {"months_compliant", compliant}, {"months_judged", judged},
                        {"work_logs", logs}, {"checkins_in_village", checkins}, {"talks", talks}};
}

Result<DispatchInfo> DispatchInScope(Connection& c, const Caller& caller, int64_t id) {
  auto d = FindDispatch(c, id);
  if (!d.ok() || !caller.InScope(d->village_code)) return Status::InvalidArgument("没有该选派记录", "dispatch_id");
  return std::move(*d);
}

}  // namespace

void RegisterReviewRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/talks", Access::kPermission, "dispatch.read", "",
              "Half-yearly talks with first secretaries in scope: who was talked with, and who is overdue",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string half = ctx.Query("half", HalfOf(ChinaDay(clock.NowSeconds())));
                ZX_RETURN_IF_ERROR(MonthsOfPeriod(half, "half").status());
                if (half.size() != 7) return Status::InvalidArgument("half must look like 2026-H1 or 2026-H2", "half");
                nlohmann::json done = nlohmann::json::array(), overdue = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT d.id, p.name, d.village_code, v.name, t.day, t.talker FROM dispatches d "
                      "JOIN people p ON p.id = d.person_id JOIN regions v ON v.code = d.village_code "
                      "LEFT JOIN talks t ON t.dispatch_id = d.id AND t.half = ? "
                      "WHERE d.village_code BETWEEN ? AND ? AND d.role = 'first_secretary' AND d.status = 'in_post' "
                      "ORDER BY d.village_code, t.day"));
                  st.Bind(half, range.low, range.high);
                  std::set<int64_t> seen;
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    nlohmann::json item = {{"dispatch_id", st->Int(0)}, {"person_name", st->Text(1)},
                                           {"village", {{"code", st->Text(2)}, {"name", st->Text(3)}}}};
                    if (st->IsNull(4)) {
                      overdue.push_back(item);
                    } else if (seen.insert(st->Int(0)).second) {
                      item["day"] = st->Text(4);
                      item["talker"] = st->Text(5);
                      done.push_back(item);
                    }
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"half", half}, {"done", done}, {"overdue", overdue}}.dump());
              }});

  router.Add({"POST", "/api/v1/talks", Access::kPermission, "dispatch.manage", "", "Record a talk with a stationed cadre",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, body.Int("dispatch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(std::string talker, body.String("talker", 50));
                ZX_ASSIGN_OR_RETURN(std::string notes, body.String("notes", 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(ChinaDayStart(day, "day").status());
                int64_t now = clock.NowSeconds();
                if (day > ChinaDay(now)) return Status::InvalidArgument("谈话日期不能晚于今天", "day");
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(DispatchInfo d, DispatchInScope(c, *ctx.caller, dispatch_id));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO talks(dispatch_id, half, day, talker, notes, created_at) VALUES "
                                               "(?, ?, ?, ?, ?, ?)", dispatch_id, HalfOf(day), day, talker, notes, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM talks WHERE dispatch_id = ?", dispatch_id));
                  view = {{"id", id}, {"dispatch_id", dispatch_id}, {"half", HalfOf(day)}, {"day", day}, {"talker", talker}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "talk", std::to_string(id), d.village_code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/evaluations/evidence", Access::kPermission, "dispatch.read", "",
              "The evidence an evaluation would rest on: days in the village month by month, logs, check-ins, talks",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, ctx.IntQuery("dispatch_id", 0, 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> months, MonthsOfPeriod(ctx.Query("period"), "period"));
                nlohmann::json evidence;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(DispatchInfo d, DispatchInScope(c, *ctx.caller, dispatch_id));
                  ZX_ASSIGN_OR_RETURN(evidence, Evidence(c, d, months, ChinaDay(clock.NowSeconds())));
                  return Status::Ok();
                }));
                return JsonResponse(200, evidence.dump());
              }});

  router.Add({"POST", "/api/v1/evaluations", Access::kPermission, "dispatch.manage", "",
              "Rate a stationed cadre for a half year or a year; 基本称职 opens an improvement plan, 不称职 recalls",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, body.Int("dispatch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(std::string period, body.String("period", 7));
                ZX_ASSIGN_OR_RETURN(std::string rating, body.String("rating", 20));
                ZX_ASSIGN_OR_RETURN(std::optional<std::string> comment, body.OptionalString("comment", 1000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(std::vector<std::string> months, MonthsOfPeriod(period, "period"));
                if (std::find(std::begin(kRatings), std::end(kRatings), rating) == std::end(kRatings))
                  return Status::InvalidArgument("rating must be excellent, competent, basic or incompetent", "rating");
                int64_t now = clock.NowSeconds();
                std::string today = ChinaDay(now);
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(DispatchInfo d, DispatchInScope(c, *ctx.caller, dispatch_id));
                  ZX_ASSIGN_OR_RETURN(nlohmann::json evidence, Evidence(c, d, months, today));
                  ZX_ASSIGN_OR_RETURN(int64_t exists, QueryInt(c, "SELECT COUNT(*) FROM evaluations WHERE dispatch_id = ? AND "
                                                                  "period = ?", dispatch_id, period));
                  if (exists) return Status::Conflict("该期间已评定", "period");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO evaluations(dispatch_id, village_code, period, rating, "
                                               "evidence_json, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                               dispatch_id, d.village_code, period, rating, evidence.dump(),
                                               comment.value_or(""), now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM evaluations WHERE dispatch_id = ? AND period = ?",
                                                           dispatch_id, period));
                  out = {{"id", id}, {"dispatch_id", dispatch_id}, {"period", period}, {"rating", rating},
                         {"evidence", evidence}, {"improvement_plan", nullptr}, {"recalled", false}};
                  if (rating == "basic") {
                    // Helped to improve: a plan with a three-month deadline.
                    std::string due = ChinaDay(now + 90 * 86400);
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO improvement_plans(evaluation_id, dispatch_id, measures, due_day, "
                                                 "status) VALUES (?, ?, '待乡镇党委与本人谈话后制定', ?, 'open')",
                                                 id, dispatch_id, due));
                    out["improvement_plan"] = {{"due_day", due}, {"status", "open"}};
                  } else if (rating == "incompetent" && d.status == "in_post") {
                    // Recalled: the dispatch ends with the reason, and the village needs a replacement.
                    std::string reason = "考核不称职（" + period + "）";
                    ZX_RETURN_IF_ERROR(c.Execute("UPDATE dispatches SET status = 'recalled', status_reason = ? WHERE id = ?",
                                                 reason, dispatch_id));
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO dispatch_history(dispatch_id, at, from_status, to_status, "
                                                 "reason, user_id) VALUES (?, ?, 'in_post', 'recalled', ?, ?)",
                                                 dispatch_id, now, reason, ctx.caller->user_id));
                    out["recalled"] = true;
                  }
                  return AppendAudit(c, ActorOf(ctx), {"create", "evaluation", std::to_string(id), d.village_code,
                                                       std::nullopt, out},
                                     now);
                }));
                return JsonResponse(201, out.dump());
              }});

  router.Add({"GET", "/api/v1/evaluations", Access::kPermission, "dispatch.read", "", "Evaluations in scope for a period",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string period = ctx.Query("period");
                if (!period.empty()) ZX_RETURN_IF_ERROR(MonthsOfPeriod(period, "period").status());
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT e.id, e.dispatch_id, p.name, e.village_code, v.name, e.period, e.rating, e.comment, "
                      "e.evidence_json FROM evaluations e JOIN dispatches d ON d.id = e.dispatch_id JOIN people p ON "
                      "p.id = d.person_id JOIN regions v ON v.code = e.village_code WHERE e.village_code BETWEEN ? AND ? "
                      "AND (? = '' OR e.period = ?) ORDER BY e.village_code, e.id LIMIT 5000"));
                  st.Bind(range.low, range.high, period, period);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"dispatch_id", st->Int(1)}, {"person_name", st->Text(2)},
                                     {"village", {{"code", st->Text(3)}, {"name", st->Text(4)}}}, {"period", st->Text(5)},
                                     {"rating", st->Text(6)}, {"comment", st->Text(7)},
                                     {"evidence", nlohmann::json::parse(st->Text(8), nullptr, false)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/awards", Access::kPermission, "dispatch.manage", "",
              "Record an award (优秀公务员, 先进工作者, …) of a person", [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string title, body.String("title", 100));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  auto region = PersonRegion(c, person_id);
                  if (!region.ok() || !ctx.caller->InScope(*region)) return Status::InvalidArgument("人员库中没有该人员", "person_id");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO awards(person_id, region_code, year, title) VALUES (?, ?, ?, ?)",
                                               person_id, *region, year, title));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT MAX(id) FROM awards"));
                  view = {{"id", id}, {"person_id", person_id}, {"year", year}, {"title", title}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "award", std::to_string(id), *region, std::nullopt, view}, now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/funds", Access::kPermission, "dispatch.read", "",
              "Work funds of stationed cadres in scope for a year: budget, spent, balance",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
                if (!year) return Status::InvalidArgument("year is required", "year");
                nlohmann::json items = nlohmann::json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT b.id, b.dispatch_id, p.name, b.village_code, v.name, b.kind, b.amount_yuan, "
                      "COALESCE((SELECT SUM(s.amount_yuan) FROM fund_spending s WHERE s.budget_id = b.id), 0) "
                      "FROM fund_budgets b JOIN dispatches d ON d.id = b.dispatch_id JOIN people p ON p.id = d.person_id "
                      "JOIN regions v ON v.code = b.village_code WHERE b.village_code BETWEEN ? AND ? AND b.year = ? "
                      "ORDER BY b.village_code, b.id"));
                  st.Bind(range.low, range.high, year);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back({{"id", st->Int(0)}, {"dispatch_id", st->Int(1)}, {"person_name", st->Text(2)},
                                     {"village", {{"code", st->Text(3)}, {"name", st->Text(4)}}}, {"kind", st->Text(5)},
                                     {"budget_yuan", st->Int(6)}, {"spent_yuan", st->Int(7)},
                                     {"balance_yuan", st->Int(6) - st->Int(7)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/funds", Access::kPermission, "dispatch.manage", "",
              "Open a year's work fund: 10,000 yuan per first secretary or 50,000 per team unless given",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t dispatch_id, body.Int("dispatch_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::string kind, body.String("kind", 20));
                ZX_ASSIGN_OR_RETURN(std::optional<int64_t> amount, body.OptionalInt("amount_yuan", 0, 100000000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (kind != "first_secretary" && kind != "team")
                  return Status::InvalidArgument("kind must be first_secretary or team", "kind");
                int64_t yuan = amount.value_or(kind == "team" ? 50000 : 10000);
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(DispatchInfo d, DispatchInScope(c, *ctx.caller, dispatch_id));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO fund_budgets(dispatch_id, village_code, year, kind, amount_yuan) "
                                               "VALUES (?, ?, ?, ?, ?)", dispatch_id, d.village_code, year, kind, yuan));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM fund_budgets WHERE dispatch_id = ? AND year = ? "
                                                              "AND kind = ?", dispatch_id, year, kind));
                  view = {{"id", id}, {"dispatch_id", dispatch_id}, {"year", year}, {"kind", kind}, {"budget_yuan", yuan},
                          {"spent_yuan", 0}, {"balance_yuan", yuan}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "fund", std::to_string(id), d.village_code, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  Route spend{"POST", "/api/v1/funds/{id}/spending", Access::kPermission, "dispatch.manage", "",
              "Record spending from a work fund; spending beyond the balance is refused",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t id, ctx.IdParam());
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string day, body.String("day", 10));
                ZX_ASSIGN_OR_RETURN(int64_t amount, body.Int("amount_yuan", 1, 100000000));
                ZX_ASSIGN_OR_RETURN(std::string purpose, body.String("purpose", 200));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(ChinaDayStart(day, "day").status());
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT b.amount_yuan - COALESCE((SELECT SUM(s.amount_yuan) FROM fund_spending s WHERE s.budget_id = b.id), "
                      "0), b.village_code FROM fund_budgets b WHERE b.id = ?"));
                  st.Bind(id);
                  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                  if (!row) return Status::NotFound("fund not found");
                  int64_t balance = st->Int(0);
                  std::string village = st->Text(1);
                  if (amount > balance)
                    return Status::InvalidArgument("超出经费余额（余额 " + std::to_string(balance) + " 元）", "amount_yuan");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO fund_spending(budget_id, day, amount_yuan, purpose, created_at) VALUES "
                                               "(?, ?, ?, ?, ?)", id, day, amount, purpose, now));
                  view = {{"fund_id", id}, {"day", day}, {"amount_yuan", amount}, {"purpose", purpose},
                          {"balance_yuan", balance - amount}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "fund_spending", std::to_string(id), village, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }};
  spend.record_region = RegionOfRecord(db, "SELECT village_code FROM fund_budgets WHERE id = ?", "fund");
  router.Add(std::move(spend));

  Route manual{"GET", "/api/v1/people/{id}/record-manual", Access::kPermission, "dispatch.read", "",
               "The record manual (纪实手册) of a person for a year, generated from dispatches, presence, work logs, "
               "talks, evaluations and awards",
               [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                 ZX_ASSIGN_OR_RETURN(int64_t person_id, ctx.IdParam());
                 ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
                 if (!year) return Status::InvalidArgument("year is required", "year");
                 std::string y = std::to_string(year), today = ChinaDay(clock.NowSeconds());
                 nlohmann::json out = {{"person_id", person_id}, {"year", year}};
                 ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                   ZX_ASSIGN_OR_RETURN(Stmt ps, c.Prepare("SELECT name, sex, work_unit FROM people WHERE id = ?"));
                   ps.Bind(person_id);
                   ZX_ASSIGN_OR_RETURN(bool found, ps->Step());
                   if (!found) return Status::NotFound("person not found");
                   out["name"] = ps->Text(0);
                   out["work_unit"] = ps->Text(2);
                   nlohmann::json dispatches = nlohmann::json::array();
                   ZX_ASSIGN_OR_RETURN(Stmt ds, c.Prepare("SELECT id FROM dispatches WHERE person_id = ? AND term_start <= ? AND "
                                                          "term_end >= ? ORDER BY id"));
                   ds.Bind(person_id, y + "-12-31", y + "-01-01");
                   std::vector<int64_t> ids;
                   for (;;) {
                     ZX_ASSIGN_OR_RETURN(bool row, ds->Step());
                     if (!row) break;
                     ids.push_back(ds->Int(0));
                   }
                   ZX_ASSIGN_OR_RETURN(std::vector<std::string> months, MonthsOfPeriod(y, "year"));
                   for (int64_t id : ids) {
                     ZX_ASSIGN_OR_RETURN(DispatchInfo d, FindDispatch(c, id));
                     ZX_ASSIGN_OR_RETURN(nlohmann::json evidence, Evidence(c, d, months, today));
                     nlohmann::json logs = nlohmann::json::array();
                     ZX_ASSIGN_OR_RETURN(Stmt ls, c.Prepare("SELECT day, tags, content FROM work_logs WHERE dispatch_id = ? AND "
                                                            "day BETWEEN ? AND ? ORDER BY day, id"));
                     ls.Bind(id, y + "-01-01", y + "-12-31");
                     for (;;) {
                       ZX_ASSIGN_OR_RETURN(bool row, ls->Step());
                       if (!row) break;
                       nlohmann::json tags = nlohmann::json::array();
                       std::string t = ls->Text(1);
                       for (size_t pos = 0; pos < t.size();) {
                         size_t e = t.find(',', pos);
                         if (e == std::string::npos) e = t.size();
                         if (e > pos) tags.push_back(t.substr(pos, e - pos));
                         pos = e + 1;
                       }
                       logs.push_back({{"day", ls->Text(0)}, {"tags", tags}, {"content", ls->Text(2)}});
                     }
                     nlohmann::json evaluations = nlohmann::json::array();
                     ZX_ASSIGN_OR_RETURN(Stmt es, c.Prepare("SELECT period, rating, comment FROM evaluations WHERE dispatch_id = ? "
                                                            "AND period LIKE ? ORDER BY period"));
                     es.Bind(id, y + "%");
                     for (;;) {
                       ZX_ASSIGN_OR_RETURN(bool row, es->Step());
                       if (!row) break;
                       evaluations.push_back({{"period", es->Text(0)}, {"rating", es->Text(1)}, {"comment", es->Text(2)}});
                     }
                     ZX_ASSIGN_OR_RETURN(Stmt vn, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                     vn.Bind(d.village_code);
                     ZX_ASSIGN_OR_RETURN(bool has_name, vn->Step());
                     std::string village_name = has_name ? vn->Text(0) : std::string();
                     dispatches.push_back({{"dispatch_id", id}, {"village_code", d.village_code},
                                           {"village_name", village_name}, {"role", d.role},
                                           {"status", d.status}, {"term_start", d.term_start}, {"term_end", d.term_end},
                                           {"presence", evidence}, {"work_logs", logs}, {"evaluations", evaluations}});
                   }
                   out["dispatches"] = dispatches;
                   nlohmann::json awards = nlohmann::json::array();
                   ZX_ASSIGN_OR_RETURN(Stmt as, c.Prepare("SELECT title FROM awards WHERE person_id = ? AND year = ?"));
                   as.Bind(person_id, year);
                   for (;;) {
                     ZX_ASSIGN_OR_RETURN(bool row, as->Step());
                     if (!row) break;
                     awards.push_back(as->Text(0));
                   }
                   out["awards"] = awards;
                   return Status::Ok();
                 }));
                 return JsonResponse(200, out.dump());
               }};
  manual.record_region = RegionOfRecord(db, "SELECT region_code FROM people WHERE id = ?", "person");
  router.Add(std::move(manual));
}

}  // namespace zx

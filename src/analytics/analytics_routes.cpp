#include "analytics/analytics_routes.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"

namespace zx {
namespace {

using analytics::Answer;
using analytics::IndicatorDef;
using analytics::RankedRegion;
using analytics::Rollups;
using nlohmann::json;

constexpr int64_t kChinaOffsetSeconds = 8 * 3600;

json Num(const std::optional<double>& v) {
  if (!v) return nullptr;
  // Four decimals: enough for percentages with two, and no 0.30000000000000004 in the tables.
  return std::round(*v * 10000.0) / 10000.0;
}

json PeriodJson(const Period& p) {
  return json{{"label", p.label}, {"kind", PeriodKindName(p.kind)}, {"from", FormatDay(p.from)}, {"to", FormatDay(p.to)}};
}

json IndicatorJson(const IndicatorDef& d) {
  return json{{"id", d.id},
              {"name", d.name},
              {"name_en", d.name_en},
              {"module", d.module},
              {"unit", d.unit},
              {"direction", d.higher_is_better ? "higher" : "lower"},
              {"definition", d.definition},
              {"formula", d.formula.text()},
              {"numerator", d.numerator},
              {"denominator", d.denominator},
              {"builtin", d.builtin},
              {"element", d.is_element}};
}

Result<Period> PeriodOf(const RequestContext& ctx, const Clock& clock, PeriodKind fallback = PeriodKind::kMonth) {
  std::string text = ctx.Query("period");
  if (text.empty()) return CurrentPeriod(clock, fallback);
  return ParsePeriod(text, "period");
}

Result<std::vector<std::string>> IndicatorList(const RequestContext& ctx, const Rollups& rollups, const char* param,
                                               size_t max) {
  std::string text = ctx.Query(param);
  if (text.empty()) return Status::InvalidArgument(std::string("请指定指标 ") + param, param);
  std::vector<std::string> ids;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string id = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!id.empty()) {
      if (!rollups.catalogue().Find(id)) return Status::InvalidArgument("未知指标 " + id.substr(0, 64), param);
      ids.push_back(id);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (ids.empty()) return Status::InvalidArgument(std::string("请指定指标 ") + param, param);
  if (ids.size() > max) return Status::InvalidArgument("一次最多 " + std::to_string(max) + " 个指标", param);
  return ids;
}

json ValueJson(const IndicatorDef& d, const Answer& a) {
  json parts = json::object();
  for (const auto& [name, v] : a.parts) parts[name] = Num(v);
  return json{{"indicator", d.id}, {"name", d.name}, {"unit", d.unit},
              {"direction", d.higher_is_better ? "higher" : "lower"}, {"value", Num(a.value)}, {"parts", parts}};
}

json RegionJson(const std::string& code, Database& db) {
  json r{{"code", code}};
  (void)db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT name, level FROM regions WHERE code = ?"));
    st.Bind(code);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      r["name"] = st->Text(0);
      r["level"] = st->Int(1);
    }
    return Status::Ok();
  });
  return r;
}

// The indicators a leader's dashboard opens with: the reports' headline figures.
const std::vector<std::string>& HeadlineIndicators() {
  static const std::vector<std::string> ids = {
      "dispatch.in_post",        "presence.days_per_cadre",  "presence.within_rate",      "visits.coverage",
      "visits.satisfaction",     "households.monitored",     "party_orgs.weak_share",     "rectification.transformed_rate",
      "income.share_100k",       "reserve.per_village",      "training.per_cadre",        "findings.closed_rate"};
  return ids;
}

}  // namespace

Period CurrentPeriod(const Clock& clock, PeriodKind kind) {
  int64_t day = (clock.NowSeconds() + kChinaOffsetSeconds) / 86400;
  return PeriodContaining(kind, static_cast<int>(day));
}

void RegisterAnalyticsRoutes(Router& router, Database& db, Rollups& rollups, const Clock& clock) {
  router.Add({"GET", "/api/v1/indicators", Access::kPermission, "indicator.read", "",
              "The indicator catalogue: built-in indicators, data elements and user-defined formulas",
              [&rollups](RequestContext&) -> Result<HttpResponse> {
                json items = json::array();
                for (const auto& d : rollups.catalogue().All()) items.push_back(IndicatorJson(*d));
                return JsonResponse(200, json{{"items", items}}.dump());
              }});

  router.Add({"POST", "/api/v1/indicators/check", Access::kPermission, "indicator.read", "",
              "Check a formula without saving it: the names it uses, or the error with its position",
              [&rollups](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string text, body.String("formula", 2000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_ASSIGN_OR_RETURN(analytics::Formula f, analytics::Formula::Parse(text, "formula"));
                for (const auto& r : f.references())
                  if (!rollups.catalogue().Find(r))
                    return Status::InvalidArgument("公式引用了不存在的数据项或指标 #{" + r + "}", "formula");
                return JsonResponse(200, json{{"ok", true}, {"references", f.references()}}.dump());
              }});

  router.Add({"POST", "/api/v1/indicators", Access::kPermission, "indicator.manage", "",
              "Define (or change) a user-defined indicator as a formula over data elements and indicators",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                IndicatorDef d;
                ZX_ASSIGN_OR_RETURN(d.id, body.String("id", 64));
                ZX_ASSIGN_OR_RETURN(d.name, body.String("name", 100));
                ZX_ASSIGN_OR_RETURN(auto name_en, body.OptionalString("name_en", 200));
                ZX_ASSIGN_OR_RETURN(auto unit, body.OptionalString("unit", 20));
                ZX_ASSIGN_OR_RETURN(std::string direction, body.String("direction", 10));
                ZX_ASSIGN_OR_RETURN(std::string formula, body.String("formula", 2000));
                ZX_ASSIGN_OR_RETURN(auto definition, body.OptionalString("definition", 1000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (direction != "higher" && direction != "lower")
                  return Status::InvalidArgument("direction 应为 higher（越高越好）或 lower（越低越好）", "direction");
                ZX_ASSIGN_OR_RETURN(d.formula, analytics::Formula::Parse(formula, "formula"));
                d.name_en = name_en.value_or("");
                d.unit = unit.value_or("");
                d.higher_is_better = direction == "higher";
                d.definition = definition.value_or("");
                d.builtin = false;
                ZX_RETURN_IF_ERROR(rollups.catalogue().Validate(d));
                int64_t now = clock.NowSeconds();
                bool existed = rollups.catalogue().Find(d.id) != nullptr;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM indicators WHERE id = ?", d.id));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO indicators(id, name, name_en, unit, direction, formula, "
                                               "definition, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                               d.id, d.name, d.name_en, d.unit, direction, formula, d.definition,
                                               ctx.caller->username, now));
                  return AppendAudit(c, ActorOf(ctx), {existed ? "update" : "create", "indicator", d.id, kCountryCode,
                                                       std::nullopt, json{{"formula", formula}, {"name", d.name}}},
                                     now);
                }));
                rollups.catalogue().Put(d);
                auto saved = rollups.catalogue().Find(d.id);
                if (!saved) return Status::Internal("indicator " + d.id + " was saved but is not in the catalogue");
                return JsonResponse(existed ? 200 : 201, IndicatorJson(*saved).dump());
              }});

  router.Add({"DELETE", "/api/v1/indicators", Access::kPermission, "indicator.manage", "",
              "Delete a user-defined indicator (?id=); built-ins and ones others refer to are refused",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                std::string id = ctx.Query("id");
                if (id.empty()) return Status::InvalidArgument("请指定要删除的指标 id", "id");
                auto d = rollups.catalogue().Find(id);
                if (!d) return Status::NotFound("指标 " + id.substr(0, 64) + " 不存在");
                if (d->builtin) return Status::Conflict("内置指标不能删除", "id");
                ZX_RETURN_IF_ERROR(rollups.catalogue().Remove(id));
                int64_t now = clock.NowSeconds();
                Status s = db.Write([&](Connection& c) -> Status {
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM indicators WHERE id = ?", id));
                  return AppendAudit(c, ActorOf(ctx), {"delete", "indicator", id, kCountryCode,
                                                       json{{"formula", d->formula.text()}}, std::nullopt},
                                     now);
                });
                if (!s.ok()) {
                  rollups.catalogue().Put(*d);  // the database kept it, so the catalogue does too
                  return s;
                }
                return HttpResponse{204, {}, ""};
              }});

  router.Add({"GET", "/api/v1/rollups", Access::kPermission, "indicator.read", "",
              "Values of indicators (?indicators=a,b) for a region (?region=) and period (?period=2026-11, "
              "2026-W47, 2026-Q4, 2026, 2026-11-22, 2026-01-01..2026-03-31), fresh from the rollups",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(Period period, PeriodOf(ctx, clock));
                ZX_ASSIGN_OR_RETURN(auto ids, IndicatorList(ctx, rollups, "indicators", 50));
                json values = json::array();
                for (const auto& id : ids) {
                  ZX_ASSIGN_OR_RETURN(Answer a, rollups.Value(id, range.low, period));
                  values.push_back(ValueJson(*rollups.catalogue().Find(id), a));
                }
                return JsonResponse(200, json{{"region", RegionJson(range.low, db)}, {"period", PeriodJson(period)},
                                              {"values", values}}
                                             .dump());
              }});

  router.Add({"GET", "/api/v1/rankings", Access::kPermission, "indicator.read", "",
              "The children of a region ranked by an indicator for a period, with the previous period, the change, "
              "the target in force and the laggards",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(Period period, PeriodOf(ctx, clock));
                ZX_ASSIGN_OR_RETURN(auto ids, IndicatorList(ctx, rollups, "indicator", 1));
                auto def = rollups.catalogue().Find(ids[0]);
                ZX_ASSIGN_OR_RETURN(auto ranked, rollups.Rank(ids[0], range.low, period));
                ZX_ASSIGN_OR_RETURN(Answer total, rollups.Value(ids[0], range.low, period));
                json items = json::array(), laggards = json::array();
                bool any_target = false;
                for (const auto& r : ranked) any_target = any_target || r.target.has_value();
                size_t with_value = 0;
                for (const auto& r : ranked) with_value += r.value.has_value();
                for (size_t i = 0; i < ranked.size(); ++i) {
                  const RankedRegion& r = ranked[i];
                  json item{{"code", r.code},       {"name", r.name},         {"level", r.level},
                            {"value", Num(r.value)}, {"previous", Num(r.previous)}, {"change", Num(r.change)},
                            {"target", Num(r.target)}, {"rank", r.rank}};
                  item["meets_target"] = r.meets_target ? json(*r.meets_target) : json(nullptr);
                  // Laggards: below target where targets exist; otherwise the last three of a list of
                  // at least six (a short list has no tail worth naming).
                  bool lags = any_target ? (r.meets_target && !*r.meets_target)
                                         : (r.value && with_value >= 6 && r.rank > static_cast<int>(with_value) - 3);
                  item["laggard"] = lags;
                  if (lags) laggards.push_back(item);
                  items.push_back(std::move(item));
                }
                return JsonResponse(200, json{{"region", RegionJson(range.low, db)},
                                              {"indicator", IndicatorJson(*def)},
                                              {"period", PeriodJson(period)},
                                              {"previous_period", PeriodJson(PreviousPeriod(period))},
                                              {"total", Num(total.value)},
                                              {"items", items},
                                              {"laggards", laggards}}
                                             .dump());
              }});

  router.Add({"GET", "/api/v1/trends", Access::kPermission, "indicator.read", "",
              "Indicators (?indicators=) for a region over consecutive periods (?kind=month&count=12&to=2026-11-22)",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(auto ids, IndicatorList(ctx, rollups, "indicators", 12));
                PeriodKind kind = PeriodKind::kMonth;
                std::string kind_text = ctx.Query("kind", "month");
                if (!ParsePeriodKind(kind_text, &kind) || kind == PeriodKind::kRange)
                  return Status::InvalidArgument("kind 应为 day、week、month、quarter 或 year", "kind");
                ZX_ASSIGN_OR_RETURN(int64_t count, ctx.IntQuery("count", 12, 1, 60));
                int to = CurrentPeriod(clock, PeriodKind::kDay).from;
                if (std::string t = ctx.Query("to"); !t.empty()) {
                  auto d = ParseDay(t);
                  if (!d) return Status::InvalidArgument("to 应为日期，如 2026-11-22", "to");
                  to = *d;
                }
                auto periods = PeriodsEndingAt(kind, to, static_cast<int>(count));
                json labels = json::array(), series = json::array();
                for (const auto& p : periods) labels.push_back(p.label);
                for (const auto& id : ids) {
                  json values = json::array();
                  for (const auto& p : periods) {
                    ZX_ASSIGN_OR_RETURN(Answer a, rollups.Value(id, range.low, p));
                    values.push_back(Num(a.value));
                  }
                  auto d = rollups.catalogue().Find(id);
                  series.push_back(json{{"indicator", id}, {"name", d->name}, {"unit", d->unit}, {"values", values}});
                }
                return JsonResponse(200, json{{"region", RegionJson(range.low, db)}, {"kind", kind_text},
                                              {"periods", labels}, {"series", series}}
                                             .dump());
              }});

  router.Add({"GET", "/api/v1/dashboard", Access::kPermission, "indicator.read", "",
              "A leader dashboard's headline figures for a region and period: value, previous period, same period "
              "last year, target",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(Period period, PeriodOf(ctx, clock));
                Period previous = PreviousPeriod(period), last_year = SamePeriodLastYear(period);
                int year = std::stoi(FormatDay(period.to).substr(0, 4));
                json cards = json::array();
                for (const auto& id : HeadlineIndicators()) {
                  auto d = rollups.catalogue().Find(id);
                  if (!d) continue;
                  ZX_ASSIGN_OR_RETURN(Answer now, rollups.Value(id, range.low, period));
                  ZX_ASSIGN_OR_RETURN(Answer before, rollups.Value(id, range.low, previous));
                  ZX_ASSIGN_OR_RETURN(Answer year_ago, rollups.Value(id, range.low, last_year));
                  ZX_ASSIGN_OR_RETURN(auto target, rollups.TargetFor(id, range.low, year));
                  json card = ValueJson(*d, now);
                  card["previous"] = Num(before.value);
                  card["last_year"] = Num(year_ago.value);
                  card["target"] = Num(target);
                  cards.push_back(std::move(card));
                }
                auto s = rollups.stats();
                return JsonResponse(200, json{{"region", RegionJson(range.low, db)},
                                              {"period", PeriodJson(period)},
                                              {"previous_period", PeriodJson(previous)},
                                              {"last_year_period", PeriodJson(last_year)},
                                              {"cards", cards},
                                              {"as_of_unix_ms", s.last_poll_unix_ms}}
                                             .dump());
              }});

  router.Add({"GET", "/api/v1/indicator-targets", Access::kPermission, "indicator.read", "",
              "Targets set for a region's subtree (?region=&year=&indicator=)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 0, 2100));
                std::string indicator = ctx.Query("indicator");
                json items = json::array();
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
                      "SELECT t.indicator, t.region_code, r.name, t.year, t.target, t.updated_by, t.updated_at "
                      "FROM indicator_targets t JOIN regions r ON r.code = t.region_code "
                      "WHERE t.region_code BETWEEN ? AND ? AND (? = 0 OR t.year = ?) AND (? = '' OR t.indicator = ?) "
                      "ORDER BY t.region_code, t.indicator, t.year LIMIT 5000"));
                  st.Bind(range.low, range.high, year, year, indicator, indicator);
                  for (;;) {
                    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
                    if (!row) break;
                    items.push_back(json{{"indicator", st->Text(0)}, {"region_code", st->Text(1)},
                                         {"region_name", st->Text(2)}, {"year", st->Int(3)}, {"target", st->Double(4)},
                                         {"updated_by", st->Text(5)}, {"updated_at", st->Int(6)}});
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, json{{"items", items}}.dump());
              }});

  router.Add({"PUT", "/api/v1/indicator-targets", Access::kPermission, "indicator.manage", "",
              "Set the target of an indicator for a region and year (applies below it unless a nearer region sets one)",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string indicator, body.String("indicator", 64));
                ZX_ASSIGN_OR_RETURN(std::string region_text, body.String("region", 12));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(double target, body.Number("target", -1e15, 1e15));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (!rollups.catalogue().Find(indicator))
                  return Status::InvalidArgument("未知指标 " + indicator, "indicator");
                ZX_ASSIGN_OR_RETURN(std::string region, ParseRegionCode(region_text, "region"));
                if (!ctx.caller->InScope(region)) return Status::NotFound("区划 " + region + " 不存在");
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", region));
                  if (!n) return Status::NotFound("区划 " + region + " 不存在");
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM indicator_targets WHERE indicator = ? AND region_code = ? AND year = ?",
                                               indicator, region, year));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO indicator_targets(indicator, region_code, year, target, "
                                               "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                               indicator, region, year, target, ctx.caller->username, now));
                  return AppendAudit(c, ActorOf(ctx), {"update", "indicator_target", indicator + "/" + std::to_string(year),
                                                       region, std::nullopt, json{{"target", target}}},
                                     now);
                }));
                return JsonResponse(200, json{{"indicator", indicator}, {"region_code", region}, {"year", year},
                                              {"target", target}}
                                             .dump());
              }});

  router.Add({"GET", "/api/v1/rollups/status", Access::kPermission, "indicator.read", "",
              "The rollups' size, last build and freshness",
              [&rollups](RequestContext&) -> Result<HttpResponse> {
                auto s = rollups.stats();
                return JsonResponse(200, json{{"nodes", s.nodes}, {"elements", s.elements}, {"entries", s.entries},
                                              {"bytes", s.bytes}, {"build_seconds", s.build_seconds},
                                              {"rows_loaded", s.rows_loaded}, {"rows_skipped", s.rows_skipped},
                                              {"changes_applied", s.changes_applied}, {"refreshes", s.refreshes},
                                              {"last_poll_unix_ms", s.last_poll_unix_ms},
                                              {"last_poll_ms", s.last_poll_ms}, {"from_snapshot", s.from_snapshot},
                                              {"snapshot_note", s.snapshot_note}}
                                             .dump());
              }});
}

}  // namespace zx

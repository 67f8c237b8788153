// Collective income, classes and targets, rates, and village cadre pay.
#include "modules/economy/economy_routes.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/economy/economy_store.h"
#include "modules/presence/presence_rules.h"
#include "modules/village_cadres/village_cadre_routes.h"
#include "modules/village_cadres/village_cadre_store.h"
#include "modules/periods/period_guard.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

Result<int64_t> YearOf(const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(int64_t year, ctx.IntQuery("year", 0, 2000, 2100));
  if (!year) return Status::InvalidArgument("year is required", "year");
  return year;
}

Result<RegionLevel> CountyOrAbove(const std::string& code) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  if (level == RegionLevel::kTownship || level == RegionLevel::kVillage)
    return Status::InvalidArgument("该设置按县（或以上）制定", "code");
  return level;
}

struct PayLine {
  std::string village_code, village_name, township_code, township_name;
  std::string kind;  // current / retired
  int64_t person_id = 0;
  std::string name, post, income_class;
  int64_t monthly = 0, months = 0, years_served = 0, amount = 0;
};

Result<std::vector<PayLine>> PaySheet(Connection& c, const CodeRange& range, int64_t year) {
  std::string y = std::to_string(year);
  ZX_ASSIGN_OR_RETURN(auto incomes, IncomeOfYear(c, range, year));
  ZX_ASSIGN_OR_RETURN(std::vector<CadrePost> held, PostsHeld(c, range, y + "-01-01", y + "-12-31"));
  // A person is paid once per village: for the best-paid post they held (一肩挑 is one pay).
  std::map<std::pair<std::string, int64_t>, PayLine> best;
  std::vector<std::pair<std::string, int64_t>> order;
  for (const auto& p : held) {
    std::string cls = IncomeClassOf(incomes.count(p.village_code) ? incomes[p.village_code].total : 0);
    ZX_ASSIGN_OR_RETURN(int64_t monthly, MonthlyPayFor(c, p.village_code, cls, p.post));
    int months = MonthsHeldInYear(p.term_start, p.term_end, static_cast<int>(year));
    PayLine line{p.village_code, p.village_name, p.township_code, p.township_name, "current", p.person_id, p.name,
                 p.post, cls, monthly, months, 0, monthly * months};
    auto key = std::make_pair(p.village_code, p.person_id);
    auto it = best.find(key);
    if (it == best.end()) {
      order.push_back(key);
      best.emplace(key, line);
    } else if (line.amount > it->second.amount) {
      it->second = line;
    }
  }
  std::vector<PayLine> out;
  for (const auto& k : order) out.push_back(best[k]);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT r.village_code, v.name, t.code, t.name, r.person_id, p.name, r.years_served FROM retired_cadres r JOIN regions "
      "v ON v.code = r.village_code JOIN regions t ON t.code = v.parent_code JOIN people p ON p.id = r.person_id WHERE "
      "r.village_code BETWEEN ? AND ? AND r.left_on <= ? ORDER BY r.village_code, r.id"));
  st.Bind(range.low, range.high, y + "-12-31");
  std::vector<PayLine> retired;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    retired.push_back({st->Text(0), st->Text(1), st->Text(2), st->Text(3), "retired", st->Int(4), st->Text(5), "", "", 0, 12,
                       st->Int(6), 0});
  }
  for (auto& r : retired) {
    ZX_ASSIGN_OR_RETURN(EconomyRates rates, RatesFor(c, r.village_code));
    r.monthly = r.years_served * rates.retired_yuan_per_year_month;
    r.amount = RetiredSubsidyYearly(r.years_served, rates.retired_yuan_per_year_month);
    out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const PayLine& a, const PayLine& b) { return a.village_code < b.village_code; });
  return out;
}

}  // namespace

void RegisterEconomyRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/collective-income", Access::kPermission, "economy.read", "",
              "Collective income of every village in scope for a year, by item, with its total and class",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, YearOf(ctx));
                nlohmann::json items = nlohmann::json::array();
                int64_t total = 0;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(auto incomes, IncomeOfYear(c, range, year));
                  ZX_ASSIGN_OR_RETURN(Stmt ev, c.Prepare("SELECT item, COALESCE(evidence_name, ''), COALESCE(evidence_sha256, "
                                                         "'') FROM collective_income WHERE village_code = ? AND year = ?"));
                  for (const auto& [code, v] : incomes) {
                    nlohmann::json evidence = nlohmann::json::object();
                    if (v.reported) {
                      ev.Bind(code, year);
                      for (;;) {
                        ZX_ASSIGN_OR_RETURN(bool row, ev->Step());
                        if (!row) break;
                        if (!ev->Text(1).empty()) evidence[ev->Text(0)] = {{"name", ev->Text(1)}, {"sha256", ev->Text(2)}};
                      }
                      ev->Reset();
                    }
                    std::string cls = IncomeClassOf(v.total);
                    items.push_back({{"village", {{"code", code}, {"name", v.name}}},
                                     {"township", {{"code", v.township_code}, {"name", v.township_name}}},
                                     {"reported", v.reported}, {"items", v.items}, {"evidence", evidence}, {"total", v.total},
                                     {"class", cls}, {"class_title", IncomeClassTitle(cls)}});
                    total += v.total;
                  }
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}, {"total", total}}.dump());
              }});

  router.Add({"PUT", "/api/v1/collective-income", Access::kPermission, "economy.manage", "",
              "Enter a village's income of a year by item (经营性/发包/投资/补助/其他) with evidence; all items or none",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_in, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t year, body.Int("year", 2000, 2100));
                ZX_ASSIGN_OR_RETURN(std::vector<JsonBody> list, body.ObjectList("items", 5));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (list.empty()) return Status::InvalidArgument("items is empty", "items");
                struct Item { std::string item; int64_t amount; std::optional<std::string> name, sha; };
                std::vector<Item> items;
                std::set<std::string> seen;
                for (size_t i = 0; i < list.size(); ++i) {
                  std::string at = "items[" + std::to_string(i) + "]";
                  auto item = list[i].String("item", 20);
                  if (!item.ok()) return ItemField(item.status(), "items", i);
                  if (!IsIncomeItem(*item))
                    return Status::InvalidArgument("收入项目须为 operating、contracting、investment、subsidy 或 other",
                                                   at + ".item");
                  if (!seen.insert(*item).second) return Status::InvalidArgument("收入项目重复", at + ".item");
                  // Read the amount as a number first so a negative one gets its own message.
                  auto raw = list[i].Number("amount_yuan", -1e15, 1e15);
                  if (!raw.ok()) return ItemField(raw.status(), "items", i);
                  if (*raw < 0) return Status::InvalidArgument("收入金额不能为负数", at + ".amount_yuan");
                  if (*raw != std::floor(*raw) || *raw > 1e11)
                    return Status::InvalidArgument("收入金额须为整元且不超过 1000 亿", at + ".amount_yuan");
                  auto name = list[i].OptionalString("evidence_name", 200);
                  if (!name.ok()) return ItemField(name.status(), "items", i);
                  auto sha = list[i].OptionalString("evidence_sha256", 64);
                  if (!sha.ok()) return ItemField(sha.status(), "items", i);
                  ZX_RETURN_IF_ERROR(ItemField(list[i].RejectUnknownFields(), "items", i));
                  if (sha->has_value() && !IsSha256Hex(**sha))
                    return Status::InvalidArgument("evidence_sha256 须为 64 位小写十六进制 SHA-256", at + ".evidence_sha256");
                  if (name->has_value() != sha->has_value())
                    return Status::InvalidArgument("凭证须同时给出文件名和 SHA-256", at + ".evidence_sha256");
                  items.push_back({*item, static_cast<int64_t>(*raw), *name, *sha});
                }
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, VillageForWrite(c, *ctx.caller, village_in, "village_code"));
                  // A year's income is dated at the year's end (see docs/REPORTING_PERIODS.md).
                  ZX_RETURN_IF_ERROR(RefuseIfPeriodLocked(c, village, std::to_string(year) + "-12-31"));
                  ZX_ASSIGN_OR_RETURN(int64_t before_total, IncomeTotal(c, village, year));
                  for (const auto& it : items) {
                    ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM collective_income WHERE village_code = ? AND year = ? AND item = ?",
                                                 village, year, it.item));
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO collective_income(village_code, year, item, amount_yuan, "
                                                 "evidence_name, evidence_sha256, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                                 village, year, it.item, it.amount, it.name, it.sha, now));
                  }
                  ZX_ASSIGN_OR_RETURN(int64_t total, IncomeTotal(c, village, year));
                  std::string cls = IncomeClassOf(total);
                  view = {{"village_code", village}, {"year", year}, {"total", total}, {"class", cls},
                          {"class_title", IncomeClassTitle(cls)}};
                  return AppendAudit(c, ActorOf(ctx), {"update", "collective_income", village + "/" + std::to_string(year),
                                                       village, nlohmann::json{{"total", before_total}}, view},
                                     now);
                }));
                return JsonResponse(200, view.dump());
              }});

  router.Add({"GET", "/api/v1/collective-income/progress", Access::kPermission, "economy.read", "",
              "Classes of villages by yearly total per region, and progress against the targets in force",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, YearOf(ctx));
                struct Acc {
                  std::string name;
                  int64_t villages = 0, income = 0;
                  std::map<std::string, int64_t> classes;
                  IncomeTargets targets;
                };
                std::map<std::string, Acc> by;
                Acc total;
                total.name = "合计";
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(auto incomes, IncomeOfYear(c, range, year));
                  for (const auto& [code, v] : incomes) {
                    std::string cls = IncomeClassOf(v.total);
                    for (Acc* a : {&by[ChildKey(code, range.low)], &total}) {
                      ++a->villages;
                      a->income += v.total;
                      ++a->classes[cls];
                    }
                  }
                  ZX_ASSIGN_OR_RETURN(Stmt nm, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  for (auto& [code, a] : by) {
                    nm.Bind(code);
                    ZX_ASSIGN_OR_RETURN(bool row, nm->Step());
                    a.name = row ? nm->Text(0) : code;
                    nm->Reset();
                    ZX_ASSIGN_OR_RETURN(a.targets, IncomeTargetsFor(c, code));
                  }
                  ZX_ASSIGN_OR_RETURN(total.targets, IncomeTargetsFor(c, range.low));
                  return Status::Ok();
                }));
                auto view = [](const std::string& code, Acc& a) {
                  for (const auto& cls : IncomeClasses()) a.classes[cls] += 0;
                  int64_t at50 = a.classes["50k_100k"] + a.classes["100k_plus"], at100 = a.classes["100k_plus"];
                  double s50 = a.villages ? 100.0 * at50 / a.villages : 0, s100 = a.villages ? 100.0 * at100 / a.villages : 0;
                  auto r1 = [](double x) { return std::round(x * 10) / 10; };
                  return nlohmann::json{{"code", code}, {"name", a.name}, {"villages", a.villages}, {"income", a.income},
                                        {"classes", a.classes}, {"at_50k", at50}, {"at_100k", at100},
                                        {"pct_50k", r1(s50)}, {"pct_100k", r1(s100)},
                                        {"target_pct_50k", a.targets.pct_50k}, {"target_pct_100k", a.targets.pct_100k},
                                        {"met_50k", s50 + 1e-9 >= a.targets.pct_50k},
                                        {"met_100k", s100 + 1e-9 >= a.targets.pct_100k}};
                };
                nlohmann::json rows = nlohmann::json::array();
                for (auto& [code, a] : by) rows.push_back(view(code, a));
                return JsonResponse(200, nlohmann::json{{"year", year}, {"rows", rows}, {"total", view(range.low, total)}}.dump());
              }});

  router.Add({"PUT", "/api/v1/economy/targets/{code}", Access::kPermission, "economy.manage", "code",
              "Set the targets of a region: the share of villages (%) at 50,000+ and at 100,000+ yuan",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(double p50, body.Number("pct_50k", -1e9, 1e9));
                ZX_ASSIGN_OR_RETURN(double p100, body.Number("pct_100k", -1e9, 1e9));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                IncomeTargets t{p50, p100};
                ZX_RETURN_IF_ERROR(CheckTargets(t));
                std::string code = ctx.scope_code;
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
                  if (!n) return Status::NotFound("region " + code + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM income_targets WHERE region_code = ?", code));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO income_targets(region_code, pct_50k, pct_100k) VALUES (?, ?, ?)",
                                               code, p50, p100));
                  return AppendAudit(c, ActorOf(ctx), {"update", "income_targets", code, code, std::nullopt,
                                                       nlohmann::json{{"pct_50k", p50}, {"pct_100k", p100}}},
                                     now);
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", code}, {"pct_50k", p50}, {"pct_100k", p100}}.dump());
              }});

  router.Add({"GET", "/api/v1/economy/rates", Access::kPermission, "economy.read", "",
              "The rules in force for a region: reward rate, retired cadres' subsidy rate, income targets and pay scale",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string code = range.low;
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(EconomyRates r, RatesFor(c, code));
                  ZX_ASSIGN_OR_RETURN(IncomeTargets t, IncomeTargetsFor(c, code));
                  // The pay grid as seen from a village of the region (the county's scale applies).
                  std::string probe = code;
                  nlohmann::json scale = nlohmann::json::object();
                  for (const auto& cls : IncomeClasses())
                    for (const auto& post : VillagePosts()) {
                      ZX_ASSIGN_OR_RETURN(int64_t m, MonthlyPayFor(c, probe, cls, post));
                      scale[cls][post] = m;
                    }
                  out = {{"region_code", code}, {"reward_rate_bp", r.reward_rate_bp},
                         {"retired_yuan_per_year_month", r.retired_yuan_per_year_month},
                         {"rule_from", r.from.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.from)},
                         {"pct_50k", t.pct_50k}, {"pct_100k", t.pct_100k}, {"pay_scale", scale}};
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});

  router.Add({"PUT", "/api/v1/economy/rates/{code}", Access::kPermission, "economy.manage", "code",
              "Set a county's reward rate (basis points, at most 1500 = 15%) and retired cadres' subsidy rate",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t rate, body.Int("reward_rate_bp", -1000000, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t retired, body.Int("retired_yuan_per_year_month", 0, 1000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (rate < 0 || rate > 1500)
                  return Status::InvalidArgument("贡献补贴奖提取比例不得高于年集体经济收益的 15%（1500 基点）", "reward_rate_bp");
                std::string code = ctx.scope_code;
                ZX_RETURN_IF_ERROR(CountyOrAbove(code).status());
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
                  if (!n) return Status::NotFound("region " + code + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM economy_rates WHERE region_code = ?", code));
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO economy_rates(region_code, reward_rate_bp, "
                                               "retired_yuan_per_year_month) VALUES (?, ?, ?)", code, rate, retired));
                  return AppendAudit(c, ActorOf(ctx), {"update", "economy_rates", code, code, std::nullopt,
                                                       nlohmann::json{{"reward_rate_bp", rate},
                                                                      {"retired_yuan_per_year_month", retired}}},
                                     now);
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", code}, {"reward_rate_bp", rate},
                                                        {"retired_yuan_per_year_month", retired}}.dump());
              }});

  router.Add({"PUT", "/api/v1/economy/pay-scales/{code}", Access::kPermission, "economy.manage", "code",
              "Set a county's monthly pay per village class and post; all lines or none",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::vector<JsonBody> list, body.ObjectList("items", 100));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                if (list.empty()) return Status::InvalidArgument("items is empty", "items");
                struct Line { std::string cls, post; int64_t monthly; };
                std::vector<Line> lines;
                for (size_t i = 0; i < list.size(); ++i) {
                  std::string at = "items[" + std::to_string(i) + "]";
                  auto cls = list[i].String("income_class", 20);
                  if (!cls.ok()) return ItemField(cls.status(), "items", i);
                  auto post = list[i].String("post", 30);
                  if (!post.ok()) return ItemField(post.status(), "items", i);
                  auto monthly = list[i].Int("monthly_yuan", 0, 100000);
                  if (!monthly.ok()) return ItemField(monthly.status(), "items", i);
                  ZX_RETURN_IF_ERROR(ItemField(list[i].RejectUnknownFields(), "items", i));
                  if (std::find(IncomeClasses().begin(), IncomeClasses().end(), *cls) == IncomeClasses().end())
                    return Status::InvalidArgument("未知村分类 " + *cls, at + ".income_class");
                  if (!IsVillagePost(*post)) return Status::InvalidArgument("未知职务 " + *post, at + ".post");
                  lines.push_back({*cls, *post, *monthly});
                }
                std::string code = ctx.scope_code;
                ZX_RETURN_IF_ERROR(CountyOrAbove(code).status());
                int64_t now = clock.NowSeconds();
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  for (const auto& l : lines) {
                    ZX_RETURN_IF_ERROR(c.Execute("DELETE FROM pay_scales WHERE region_code = ? AND income_class = ? AND post = ?",
                                                 code, l.cls, l.post));
                    ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO pay_scales(region_code, income_class, post, monthly_yuan) VALUES "
                                                 "(?, ?, ?, ?)", code, l.cls, l.post, l.monthly));
                  }
                  return AppendAudit(c, ActorOf(ctx), {"update", "pay_scales", code, code, std::nullopt,
                                                       nlohmann::json{{"lines", lines.size()}}},
                                     now);
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", code}, {"lines", lines.size()}}.dump());
              }});

  router.Add({"POST", "/api/v1/retired-cadres", Access::kPermission, "economy.manage", "",
              "Register a former village cadre who draws the retirement subsidy (years served × rate)",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::string village_in, body.String("village_code", 12));
                ZX_ASSIGN_OR_RETURN(int64_t person_id, body.Int("person_id", 1, int64_t{1} << 50));
                ZX_ASSIGN_OR_RETURN(int64_t years, body.Int("years_served", 1, 60));
                ZX_ASSIGN_OR_RETURN(std::string left_on, body.String("left_on", 10));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                ZX_RETURN_IF_ERROR(CheckDay(left_on, "left_on"));
                int64_t now = clock.NowSeconds();
                nlohmann::json view;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(std::string village, VillageForWrite(c, *ctx.caller, village_in, "village_code"));
                  ZX_RETURN_IF_ERROR(PersonForWrite(c, *ctx.caller, person_id, "person_id"));
                  ZX_ASSIGN_OR_RETURN(int64_t dup, QueryInt(c, "SELECT COUNT(*) FROM retired_cadres WHERE person_id = ?", person_id));
                  if (dup) return Status::Conflict("此人已登记为离任村干部", "person_id");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO retired_cadres(village_code, person_id, years_served, left_on, "
                                               "created_at) VALUES (?, ?, ?, ?, ?)", village, person_id, years, left_on, now));
                  ZX_ASSIGN_OR_RETURN(int64_t id, QueryInt(c, "SELECT id FROM retired_cadres WHERE person_id = ?", person_id));
                  view = {{"id", id}, {"village_code", village}, {"person_id", person_id}, {"years_served", years},
                          {"left_on", left_on}};
                  return AppendAudit(c, ActorOf(ctx), {"create", "retired_cadre", std::to_string(id), village, std::nullopt, view},
                                     now);
                }));
                return JsonResponse(201, view.dump());
              }});

  router.Add({"GET", "/api/v1/pay-sheet", Access::kPermission, "economy.read", "",
              "The yearly pay sheet of village cadres in scope (pay by village class and post, and retired cadres' "
              "subsidies), per village and township; XLSX with format=xlsx",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                ZX_ASSIGN_OR_RETURN(int64_t year, YearOf(ctx));
                std::string format = ctx.Query("format", "json");
                if (format != "json" && format != "xlsx") return Status::InvalidArgument("format must be json or xlsx", "format");
                std::vector<PayLine> lines;
                std::string region_name;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(lines, PaySheet(c, range, year));
                  ZX_ASSIGN_OR_RETURN(Stmt nm, c.Prepare("SELECT name FROM regions WHERE code = ?"));
                  nm.Bind(range.low);
                  ZX_ASSIGN_OR_RETURN(bool row, nm->Step());
                  region_name = row ? nm->Text(0) : "全国";
                  return Status::Ok();
                }));
                std::map<std::string, std::pair<std::string, int64_t>> by_village, by_township;
                int64_t total = 0, current = 0, retired = 0;
                for (const auto& l : lines) {
                  by_village[l.village_code].first = l.village_name;
                  by_village[l.village_code].second += l.amount;
                  by_township[l.township_code].first = l.township_name;
                  by_township[l.township_code].second += l.amount;
                  total += l.amount;
                  (l.kind == "current" ? current : retired) += 1;
                }
                if (format == "xlsx") {
                  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
                  ZX_RETURN_IF_ERROR(book->AddSheet(std::to_string(year)));
                  book->Merge(0, 0, 0, 9, region_name + std::to_string(year) + "年度村干部报酬及离任补贴发放表",
                              XlsxBook::Style::kTitle);
                  const char* h[] = {"序号", "乡镇", "村", "姓名", "类别", "职务", "村分类", "月标准(元)", "月数/任职年限", "金额(元)"};
                  for (int i = 0; i < 10; ++i) book->Write(1, i, h[i], XlsxBook::Style::kHeader);
                  book->ColumnWidth(0, 0, 6);
                  book->ColumnWidth(1, 3, 14);
                  book->ColumnWidth(4, 9, 13);
                  int r = 1, n = 0;
                  for (const auto& l : lines) {
                    ++r;
                    book->Write(r, 0, static_cast<double>(++n));
                    book->Write(r, 1, l.township_name);
                    book->Write(r, 2, l.village_name);
                    book->Write(r, 3, l.name);
                    book->Write(r, 4, l.kind == "current" ? "现任" : "离任", XlsxBook::Style::kCenter);
                    book->Write(r, 5, l.kind == "current" ? VillagePostTitle(l.post) : "");
                    book->Write(r, 6, l.kind == "current" ? IncomeClassTitle(l.income_class) : "");
                    book->Write(r, 7, static_cast<double>(l.monthly));
                    book->Write(r, 8, static_cast<double>(l.kind == "current" ? l.months : l.years_served));
                    book->Write(r, 9, static_cast<double>(l.amount));
                  }
                  ++r;
                  book->Merge(r, 0, r, 8, "合计（现任 " + std::to_string(current) + " 人，离任 " + std::to_string(retired) + " 人）",
                              XlsxBook::Style::kHeader);
                  book->Write(r, 9, static_cast<double>(total));
                  ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
                  HttpResponse out;
                  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                  out.body = std::move(bytes);
                  out.headers.emplace_back("Content-Disposition",
                                           AttachmentName(region_name + "村干部报酬发放表" + std::to_string(year) + ".xlsx"));
                  return out;
                }
                nlohmann::json items = nlohmann::json::array();
                for (const auto& l : lines)
                  items.push_back({{"village", {{"code", l.village_code}, {"name", l.village_name}}},
                                   {"township", {{"code", l.township_code}, {"name", l.township_name}}},
                                   {"kind", l.kind}, {"person_id", l.person_id}, {"name", l.name}, {"post", l.post},
                                   {"post_title", l.kind == "current" ? VillagePostTitle(l.post) : ""},
                                   {"income_class", l.income_class}, {"monthly_yuan", l.monthly}, {"months", l.months},
                                   {"years_served", l.years_served}, {"amount_yuan", l.amount}});
                nlohmann::json villages = nlohmann::json::array(), townships = nlohmann::json::array();
                for (const auto& [code, v] : by_village) villages.push_back({{"code", code}, {"name", v.first}, {"amount_yuan", v.second}});
                for (const auto& [code, v] : by_township) townships.push_back({{"code", code}, {"name", v.first}, {"amount_yuan", v.second}});
                return JsonResponse(200, nlohmann::json{{"year", year}, {"items", items}, {"villages", villages},
                                                        {"townships", townships}, {"current", current}, {"retired", retired},
                                                        {"total_yuan", total}}.dump());
              }});
}

}  // namespace zx

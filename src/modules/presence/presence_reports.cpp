// Reports computed from presence: nothing here is typed in; every figure comes from check-ins,
// work logs and approved leave (one entry, every report).
#include <nlohmann/json.hpp>

#include <map>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/presence/presence_routes.h"
#include "modules/regions/region_store.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

const char* RoleTitle(const std::string& role) {
  if (role == "first_secretary") return "第一书记";
  if (role == "team_leader") return "工作队长";
  return "工作队员";
}

const char* ComplianceTitle(Compliance c) {
  switch (c) {
    case Compliance::kCompliant: return "达标";
    case Compliance::kWarning: return "预警";
    case Compliance::kNonCompliant: return "不达标";
  }
  return "";
}

Result<HttpResponse> AttendanceBook(Database& db, const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx, "village"));
  std::string village = range.low;
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
  if (level != RegionLevel::kVillage || ctx.Query("village").empty())
    return Status::InvalidArgument("考勤册按村生成，请给出村代码", "village");
  std::string month = ctx.Query("month");
  ZX_ASSIGN_OR_RETURN(std::vector<std::string> days, DaysOfMonth(month, "month"));
  std::vector<DispatchMonth> rows;
  std::string village_name, township_name;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(std::optional<Region> v, FindRegion(c, village));
    if (!v) return Status::NotFound("region " + village + " not found");
    village_name = v->name;
    ZX_ASSIGN_OR_RETURN(std::optional<Region> t, FindRegion(c, v->parent_code));
    township_name = t ? t->name : "";
    ZX_ASSIGN_OR_RETURN(rows, MonthPresenceFor(c, range, month));
    return Status::Ok();
  }));
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(month));
  const int n = static_cast<int>(days.size());
  const int last_col = 3 + n + 2;
  std::string title = village_name + "驻村工作队考勤册（" + month.substr(0, 4) + "年" +
                      std::to_string(std::stoi(month.substr(5, 2))) + "月）";
  book->Merge(0, 0, 0, last_col, title, XlsxBook::Style::kTitle);
  book->RowHeight(0, 28);
  book->Merge(1, 0, 1, last_col,
              "乡镇：" + township_name + "    村：" + village_name + "    说明：√ 在村（签到或在村工作日志），假 经批准请假，空白 不在村",
              XlsxBook::Style::kCell);
  int r = 2;
  book->Write(r, 0, "序号", XlsxBook::Style::kHeader);
  book->Write(r, 1, "姓名", XlsxBook::Style::kHeader);
  book->Write(r, 2, "职务", XlsxBook::Style::kHeader);
  for (int d = 0; d < n; ++d) book->Write(r, 3 + d, std::to_string(d + 1), XlsxBook::Style::kHeader);
  book->Write(r, 3 + n, "在村天数", XlsxBook::Style::kHeader);
  book->Write(r, 4 + n, "请假天数", XlsxBook::Style::kHeader);
  book->Write(r, 5 + n, "考核", XlsxBook::Style::kHeader);
  book->ColumnWidth(0, 0, 5);
  book->ColumnWidth(1, 1, 9);
  book->ColumnWidth(2, 2, 9);
  book->ColumnWidth(3, 2 + n, 3.2);
  book->ColumnWidth(3 + n, 5 + n, 8);
  book->FreezePanes(3, 3);
  book->Landscape();
  int index = 0;
  for (const auto& m : rows) {
    ++r;
    book->Write(r, 0, static_cast<double>(++index), XlsxBook::Style::kNumber);
    book->Write(r, 1, m.person_name, XlsxBook::Style::kCenter);
    book->Write(r, 2, RoleTitle(m.role), XlsxBook::Style::kCenter);
    for (int d = 0; d < n; ++d) {
      const std::string& day = days[d];
      std::string mark = m.presence.leave_days.count(day) ? "假" : m.presence.evidence_days.count(day) ? "√" : "";
      book->Write(r, 3 + d, mark, XlsxBook::Style::kCenter);
    }
    book->Write(r, 3 + n, static_cast<double>(m.presence.days_in_village), XlsxBook::Style::kNumber);
    book->Write(r, 4 + n, static_cast<double>(m.presence.leave_days.size()), XlsxBook::Style::kNumber);
    book->Write(r, 5 + n, ComplianceTitle(m.presence.compliance),
                m.presence.compliance == Compliance::kCompliant ? XlsxBook::Style::kCenter : XlsxBook::Style::kWarn);
  }
  book->Merge(r + 2, 0, r + 2, last_col, "驻村工作队长（签字）：                    乡镇党委（盖章）：                    填报日期：",
              XlsxBook::Style::kCell);
  ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
  HttpResponse out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.body = std::move(bytes);
  out.headers.emplace_back("Content-Disposition", AttachmentName(village_name + "考勤册" + month + ".xlsx"));
  return out;
}

// The allowance grades in force for a village: the nearest rule up the tree (largest code among
// the village and its ancestors), or the defaults.
Result<AllowanceRates> RatesFor(Connection& c, const std::string& village) {
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(village));
  // The nearest rule up the tree is the one with the largest code (see SelfAndAncestors).
  std::vector<std::string> codes = SelfAndAncestors(village, level);
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT provincial_yuan, city_yuan, county_yuan FROM allowance_rates WHERE "
                                         "region_code IN (?, ?, ?, ?, ?, ?) ORDER BY region_code DESC LIMIT 1"));
  st.Bind(codes[0], codes[1], codes[2], codes[3], codes[4], codes[5]);
  ZX_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return AllowanceRates{};
  return AllowanceRates{static_cast<int>(st->Int(0)), static_cast<int>(st->Int(1)), static_cast<int>(st->Int(2))};
}

Result<HttpResponse> AllowanceSheet(Database& db, const RequestContext& ctx) {
  ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
  std::string month = ctx.Query("month");
  std::vector<DispatchMonth> rows;
  std::map<std::string, AllowanceRates> rates;
  ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(rows, MonthPresenceFor(c, range, month));
    for (const auto& m : rows)
      if (!rates.count(m.village_code)) {
        ZX_ASSIGN_OR_RETURN(rates[m.village_code], RatesFor(c, m.village_code));
      }
    return Status::Ok();
  }));
  nlohmann::json items = nlohmann::json::array();
  int64_t total = 0, days_total = 0;
  for (const auto& m : rows) {
    int rate = DailyAllowanceYuan(m.unit_level, rates[m.village_code]);
    int64_t amount = static_cast<int64_t>(rate) * m.presence.days_in_village;
    total += amount;
    days_total += m.presence.days_in_village;
    items.push_back({{"dispatch_id", m.dispatch_id},
                     {"person", {{"id", m.person_id}, {"name", m.person_name}}},
                     {"village", {{"code", m.village_code}, {"name", m.village_name}, {"township", m.township_name}}},
                     {"role", m.role},
                     {"sending_unit_level", m.unit_level},
                     {"days_in_village", m.presence.days_in_village},
                     {"yuan_per_day", rate},
                     {"amount_yuan", amount}});
  }
  if (ctx.Query("format") == "xlsx") {
    ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
    ZX_RETURN_IF_ERROR(book->AddSheet(month));
    book->Merge(0, 0, 0, 7, "驻村干部生活补助发放表（" + month + "）", XlsxBook::Style::kTitle);
    const char* headers[] = {"序号", "乡镇", "村", "姓名", "职务", "在村天数", "标准（元/天）", "金额（元）"};
    for (int i = 0; i < 8; ++i) book->Write(1, i, headers[i], XlsxBook::Style::kHeader);
    book->ColumnWidth(0, 0, 6);
    book->ColumnWidth(1, 2, 16);
    book->ColumnWidth(3, 7, 11);
    int r = 1, i = 0;
    for (const auto& it : items) {
      ++r;
      book->Write(r, 0, static_cast<double>(++i));
      book->Write(r, 1, it["village"]["township"].get<std::string>());
      book->Write(r, 2, it["village"]["name"].get<std::string>());
      book->Write(r, 3, it["person"]["name"].get<std::string>(), XlsxBook::Style::kCenter);
      book->Write(r, 4, RoleTitle(it["role"]), XlsxBook::Style::kCenter);
      book->Write(r, 5, it["days_in_village"].get<double>());
      book->Write(r, 6, it["yuan_per_day"].get<double>());
      book->Write(r, 7, it["amount_yuan"].get<double>());
    }
    book->Merge(r + 1, 0, r + 1, 4, "合计", XlsxBook::Style::kHeader);
    book->Write(r + 1, 5, static_cast<double>(days_total));
    book->Write(r + 1, 6, "");
    book->Write(r + 1, 7, static_cast<double>(total));
    ZX_ASSIGN_OR_RETURN(std::string bytes, book->Finish());
    HttpResponse out;
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    out.body = std::move(bytes);
    out.headers.emplace_back("Content-Disposition", AttachmentName("驻村干部生活补助" + month + ".xlsx"));
    return out;
  }
  if (!ctx.Query("format").empty() && ctx.Query("format") != "json")
    return Status::InvalidArgument("format must be json or xlsx", "format");
  return JsonResponse(200, nlohmann::json{{"month", month}, {"items", items},
                                          {"totals", {{"days_in_village", days_total}, {"amount_yuan", total}}}}.dump());
}

}  // namespace

void RegisterPresenceReportRoutes(Router& router, Database& db, const Clock& clock) {
  router.Add({"GET", "/api/v1/presence/allowance-rates", Access::kPermission, "presence.read", "",
              "The daily allowance grades in force for a region (nearest rule up the tree, or the defaults)",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                AllowanceRates rates;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(rates, RatesFor(c, range.low));
                  return Status::Ok();
                }));
                return JsonResponse(200, nlohmann::json{{"region_code", range.low}, {"provincial_yuan", rates.provincial},
                                                        {"city_yuan", rates.city}, {"county_yuan", rates.county}}.dump());
              }});
  router.Add({"PUT", "/api/v1/presence/allowance-rates/{code}", Access::kPermission, "presence.manage", "code",
              "Set the daily allowance grades (yuan per day by sending-unit level) of a region and below",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(int64_t provincial, body.Int("provincial_yuan", 0, 1000));
                ZX_ASSIGN_OR_RETURN(int64_t city, body.Int("city_yuan", 0, 1000));
                ZX_ASSIGN_OR_RETURN(int64_t county, body.Int("county_yuan", 0, 1000));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                nlohmann::json out = {{"region_code", ctx.scope_code}, {"provincial_yuan", provincial}, {"city_yuan", city},
                                      {"county_yuan", county}};
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", ctx.scope_code));
                  if (!n) return Status::NotFound("region " + ctx.scope_code + " not found");
                  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO allowance_rates(region_code, provincial_yuan, city_yuan, county_yuan) "
                                               "VALUES (?, ?, ?, ?) ON CONFLICT(region_code) DO UPDATE SET provincial_yuan = "
                                               "excluded.provincial_yuan, city_yuan = excluded.city_yuan, county_yuan = "
                                               "excluded.county_yuan",
                                               ctx.scope_code, provincial, city, county));
                  return AppendAudit(c, ActorOf(ctx), {"update", "allowance_rates", ctx.scope_code, ctx.scope_code,
                                                       std::nullopt, out},
                                     clock.NowSeconds());
                }));
                return JsonResponse(200, out.dump());
              }});
  router.Add({"GET", "/api/v1/presence/attendance.xlsx", Access::kPermission, "presence.read", "",
              "The attendance book (考勤册) of a village for a month, as XLSX",
              [&db](RequestContext& ctx) { return AttendanceBook(db, ctx); }});
  router.Add({"GET", "/api/v1/presence/allowances", Access::kPermission, "presence.read", "",
              "The monthly living-allowance sheet: days in the village × the daily rate of the sending unit's level "
              "(JSON, or XLSX with format=xlsx)",
              [&db](RequestContext& ctx) { return AllowanceSheet(db, ctx); }});
}

}  // namespace zx

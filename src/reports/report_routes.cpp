#include "reports/report_routes.h"

#include <nlohmann/json.hpp>

#include "http/errors.h"
#include "reports/report_model.h"
#include "reports/xlsx_book.h"

namespace zx {

void RegisterReportRoutes(Router& router, Database& db, analytics::Rollups& rollups, const Clock& clock) {
  router.Add({"GET", "/api/v1/reports", Access::kPermission, "report.read", "",
              "The report kinds (周报, 月度通报, 季度督查汇总, 年终数据) with their period kind and this period",
              [&clock](RequestContext&) -> Result<HttpResponse> {
                nlohmann::json items = nlohmann::json::array();
                for (const auto& k : reports::ReportKinds()) {
                  ZX_ASSIGN_OR_RETURN(Period p, reports::ReportPeriod(k, "", clock.NowSeconds()));
                  items.push_back({{"kind", k.id},
                                   {"title", k.title},
                                   {"title_en", k.title_en},
                                   {"period_kind", PeriodKindName(k.period_kind)},
                                   {"default_period", p.label}});
                }
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});
  router.Add({"GET", "/api/v1/reports/{kind}", Access::kPermission, "report.read", "",
              "A generated report for a region (?region=) and period (?period=, of the kind's period kind; this one "
              "by default) as JSON, XLSX or DOCX (?format=json|xlsx|docx)",
              [&db, &rollups, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                const reports::ReportKind* kind = reports::FindReportKind(ctx.Param("kind"));
                if (!kind) return Status::NotFound("报表类型 " + ctx.Param("kind").substr(0, 40) + " 不存在");
                std::string format = ctx.Query("format", "json");
                if (format != "json" && format != "xlsx" && format != "docx")
                  return Status::InvalidArgument("format 应为 json、xlsx 或 docx", "format");
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                const int64_t now = clock.NowSeconds();
                ZX_ASSIGN_OR_RETURN(Period period, reports::ReportPeriod(*kind, ctx.Query("period"), now));
                ZX_ASSIGN_OR_RETURN(reports::Report report,
                                    reports::BuildReport(*kind, db, rollups, range.low, period, now));
                if (format == "json") return JsonResponse(200, reports::ReportJson(report).dump());
                HttpResponse out;
                if (format == "xlsx") {
                  ZX_ASSIGN_OR_RETURN(out.body, reports::RenderXlsx(report));
                  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                } else {
                  ZX_ASSIGN_OR_RETURN(out.body, reports::RenderDocx(report));
                  out.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                }
                out.headers.emplace_back("Content-Disposition", AttachmentName(reports::ReportFileName(report, format)));
                return out;
              }});
}

}  // namespace zx

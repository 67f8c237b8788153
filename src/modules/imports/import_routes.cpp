#include "modules/imports/import_routes.h"

#include <nlohmann/json.hpp>

#include "auth/roles.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "modules/imports/import_books.h"
#include "modules/imports/import_kinds.h"
#include "reports/xlsx_book.h"

namespace zx {
namespace {

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

HttpResponse FileResponse(std::string bytes, const char* type, const std::string& name) {
  HttpResponse out;
  out.content_type = type;
  out.body = std::move(bytes);
  out.headers.emplace_back("Content-Disposition", AttachmentName(name));
  return out;
}

nlohmann::json SummaryJson(const ImportSummary& s, const std::vector<std::string>& extra, const std::vector<int>& hidden) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : s.errors) errors.push_back({{"row", e.row}, {"column", e.column}, {"reason", e.reason}});
  return {{"rows", s.rows},       {"inserted", s.inserted}, {"updated", s.updated}, {"unchanged", s.unchanged},
          {"failed", s.failed},   {"written", s.written},   {"errors", errors},     {"extra_columns", extra},
          {"hidden_rows", hidden}};
}

Status CheckBody(const HttpRequest& request) {
  if (request.body.empty()) return Status::InvalidArgument("请上传文件（请求体为空）", "file");
  return Status::Ok();
}

void RegisterKind(Router& router, Database& db, const PiiCrypto& crypto, const ChineseNames& names, const Clock& clock,
                  const std::string& kind,
                  const std::string& read_perm, const std::string& write_perm) {
  const std::string base = "/api/v1/imports/" + kind;
  auto tpl_or = ImportTemplateFor(kind);
  if (!tpl_or.ok()) return;
  sheets::ImportTemplate tpl = tpl_or.value();

  router.Add({"GET", base + "/template", Access::kPermission, write_perm, "", "The blank import template (XLSX)",
              [tpl](RequestContext&) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(std::string bytes, TemplateXlsx(tpl));
                return FileResponse(std::move(bytes), kXlsxType, tpl.title + "导入模板.xlsx");
              }});

  auto run = [&db, &crypto, &names, &clock, tpl, kind](RequestContext& ctx, bool dry_run) -> Result<HttpResponse> {
    ZX_RETURN_IF_ERROR(CheckBody(ctx.request));
    ZX_ASSIGN_OR_RETURN(sheets::ImportMode mode, sheets::ParseImportMode(ctx.Query("mode")));
    std::vector<std::string> extra;
    std::vector<int> hidden;
    ZX_ASSIGN_OR_RETURN(std::vector<sheets::ParsedRow> rows,
                        ReadImportFile(tpl, ctx.request.body, ctx.Query("sheet"), &extra, &hidden, &names));
    ImportRequest req;
    req.kind = kind;
    req.mode = mode;
    req.dry_run = dry_run;
    req.caller = &*ctx.caller;
    req.actor = ActorOf(ctx);
    req.now = clock.NowSeconds();
    ZX_ASSIGN_OR_RETURN(ImportSummary sum, RunImport(db, crypto, req, std::move(rows)));
    return JsonResponse(200, SummaryJson(sum, extra, hidden).dump());
  };

  router.Add({"POST", base + "/preview", Access::kPermission, write_perm, "",
              "Check an uploaded file (XLSX or CSV) row by row without writing anything",
              [run](RequestContext& ctx) { return run(ctx, true); }});
  router.Add({"POST", base, Access::kPermission, write_perm, "",
              "Import an uploaded file in one transaction (mode=all: nothing if any row fails; mode=good: the good rows)",
              [run](RequestContext& ctx) { return run(ctx, false); }});

  router.Add({"POST", base + "/error-report", Access::kPermission, write_perm, "",
              "The uploaded file's failing rows with a column of reasons (XLSX)",
              [&db, &crypto, &names, &clock, tpl, kind](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_RETURN_IF_ERROR(CheckBody(ctx.request));
                ZX_ASSIGN_OR_RETURN(std::vector<sheets::ParsedRow> rows,
                                    ReadImportFile(tpl, ctx.request.body, ctx.Query("sheet"), nullptr, nullptr, &names));
                ImportRequest req;
                req.kind = kind;
                req.dry_run = true;
                req.caller = &*ctx.caller;
                req.now = clock.NowSeconds();
                std::vector<sheets::ParsedRow> copy = rows;
                ZX_ASSIGN_OR_RETURN(ImportSummary sum, RunImport(db, crypto, req, std::move(copy)));
                // Put the database's findings back on the rows so the report shows every reason.
                std::map<int, size_t> by_row;
                for (size_t i = 0; i < rows.size(); ++i) by_row[rows[i].row] = i;
                for (auto& r : rows) r.errors.clear();
                for (const auto& e : sum.errors) {
                  auto it = by_row.find(e.row);
                  if (it != by_row.end()) rows[it->second].errors.push_back(e);
                }
                ZX_ASSIGN_OR_RETURN(std::string bytes, ErrorReportXlsx(tpl, rows));
                return FileResponse(std::move(bytes), kXlsxType, tpl.title + "导入错误报告.xlsx");
              }});

  router.Add({"GET", base + "/export", Access::kPermission, read_perm, "",
              "The list in the import template's columns (format=xlsx|csv; personal data masked without pii.read)",
              [&db, &crypto, tpl, kind](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(CodeRange range, RegionFilter(ctx));
                std::string format = ctx.Query("format", "xlsx");
                if (format != "xlsx" && format != "csv") return Status::InvalidArgument("format must be xlsx or csv", "format");
                bool unmask = RolesPermit(ctx.caller->roles, "pii.read");
                ZX_ASSIGN_OR_RETURN(auto writer, TableWriter::Create(tpl, format));
                ZX_RETURN_IF_ERROR(ExportRows(db, crypto, kind, range, unmask,
                                              [&](std::vector<std::string>& cells) { return writer->Add(cells); }));
                ZX_ASSIGN_OR_RETURN(std::string bytes, writer->Finish());
                if (format == "csv") return FileResponse(std::move(bytes), "text/csv; charset=utf-8", tpl.title + ".csv");
                return FileResponse(std::move(bytes), kXlsxType, tpl.title + ".xlsx");
              }});
}

}  // namespace

void RegisterImportRoutes(Router& router, Database& db, const PiiCrypto& crypto, const ChineseNames& names,
                          const Clock& clock) {
  RegisterKind(router, db, crypto, names, clock, "people", "people.read", "people.manage");
  RegisterKind(router, db, crypto, names, clock, "households", "household.read", "household.manage");
  RegisterKind(router, db, crypto, names, clock, "visits", "household.read", "visit.write");
  RegisterKind(router, db, crypto, names, clock, "collective_income", "economy.read", "economy.manage");
  RegisterKind(router, db, crypto, names, clock, "dispatches", "dispatch.read", "dispatch.manage");
  RegisterKind(router, db, crypto, names, clock, "training", "training.read", "training.manage");
  RegisterKind(router, db, crypto, names, clock, "village_cadres", "villagecadre.read", "villagecadre.manage");
  RegisterKind(router, db, crypto, names, clock, "reserve_cadres", "partyorg.read", "partyorg.manage");
}

}  // namespace zx

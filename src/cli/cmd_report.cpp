// `zhenxing report KIND`: the same reports the web page offers, written to a file, for offices that
// generate them on a schedule.
#include <ctime>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "cli/commands.h"
#include "core/region_code.h"
#include "reports/report_model.h"

namespace zx {

void AddReportCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand("report", "Generate a report (weekly-dispatch, monthly-bulletin, quarterly-inspection, "
                                           "year-end) as XLSX or DOCX");
  AddDbOption(cmd, common);
  struct Args {
    std::string kind, region, period, format = "xlsx", out;
  };
  auto args = std::make_shared<Args>();
  cmd->add_option("kind", args->kind, "Report kind")->required();
  cmd->add_option("--region", args->region, "Region code (6 or 12 digits)")->required();
  cmd->add_option("--period", args->period, "Period: 2026-W47, 2026-11, 2026-Q4 or 2026 (default: the current one)");
  cmd->add_option("--format", args->format, "xlsx, docx or json")->check(CLI::IsMember({"xlsx", "docx", "json"}));
  cmd->add_option("--out", args->out, "Output file")->required();
  auto body = [&common, args]() -> int {
    auto fail = [](const Status& s) {
      std::cerr << "zhenxing report: " << s.ToString() << "\n";
      return 1;
    };
    const reports::ReportKind* kind = reports::FindReportKind(args->kind);
    if (!kind) {
      std::cerr << "zhenxing report: unknown kind " << args->kind << " (";
      for (const auto& k : reports::ReportKinds()) std::cerr << " " << k.id;
      std::cerr << " )\n";
      return 2;
    }
    auto code = ParseRegionCode(args->region, "region");
    if (!code.ok()) return fail(code.status());
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    auto period = reports::ReportPeriod(*kind, args->period, now);
    if (!period.ok()) return fail(period.status());
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) return fail(db.status());
    analytics::Rollups::Options options;
    options.start_refresher = false;
    options.consume_changes = false;  // a running server owns the change rows
    auto rollups = analytics::Rollups::Open(**db, options);
    if (!rollups.ok()) return fail(rollups.status());
    auto report = reports::BuildReport(*kind, **db, **rollups, *code, *period, now);
    if (!report.ok()) return fail(report.status());
    Result<std::string> bytes = args->format == "json"   ? Result<std::string>(reports::ReportJson(*report).dump(2))
                                : args->format == "docx" ? reports::RenderDocx(*report)
                                                         : reports::RenderXlsx(*report);
    rollups->reset();
    (*db)->Close();
    if (!bytes.ok()) return fail(bytes.status());
    std::ofstream out(args->out, std::ios::binary | std::ios::trunc);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!out.good()) {
      std::cerr << "zhenxing report: cannot write " << args->out << "\n";
      return 1;
    }
    std::cout << args->out << ": " << report->region_name << report->title << "（" << report->period.label << "）, "
              << bytes->size() << " bytes\n";
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx

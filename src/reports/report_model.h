// One model for every generated report (周报, 月度通报, 季度督查汇总, 年终数据): a title, the region,
// the period, when it was made, and sections of paragraphs and tables. Each kind is built once
// (report_builders.cpp) and rendered three ways: JSON for the printable page, XLSX and DOCX.
// Figures in the tables come from the rollups, lists of named things from SQL: nothing retyped.
// Thread-safety: values; the builders only read the database and the rollups.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/rollups.h"
#include "core/periods.h"
#include "core/status.h"
#include "store/database.h"

namespace zx::reports {

struct ReportCell {
  std::string text;               // what is shown (numbers formatted, "—" when there is no value)
  std::optional<double> number;   // the figure itself, when the cell is one
  bool warn = false;              // below the rule / overdue: shown in red
};

struct ReportTable {
  std::string caption;
  std::vector<std::string> headers;
  std::vector<std::vector<ReportCell>> rows;
};

struct ReportSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<ReportTable> tables;
};

struct Report {
  std::string kind;
  std::string title;
  std::string region_code, region_name;
  Period period;
  std::string generated_at;  // "2026-11-22 15:04" China time
  std::vector<ReportSection> sections;
};

struct ReportKind {
  const char* id;
  const char* title;     // e.g. 驻村工作周报
  const char* title_en;
  PeriodKind period_kind;
};

const std::vector<ReportKind>& ReportKinds();
const ReportKind* FindReportKind(const std::string& id);

// The period of a report: `text` parsed and checked to be of the kind's period kind
// (InvalidArgument naming `period` otherwise), or the one containing `now` when empty.
Result<Period> ReportPeriod(const ReportKind& kind, const std::string& text, int64_t now_unix);

// Builds a report of `kind` for a region (any level) and period. NotFound for an unknown region.
Result<Report> BuildReport(const ReportKind& kind, Database& db, const analytics::Rollups& rollups,
                           const std::string& region_code, const Period& period, int64_t now_unix);

// Renderers.
nlohmann::json ReportJson(const Report& report);
Result<std::string> RenderXlsx(const Report& report);
Result<std::string> RenderDocx(const Report& report);

// "1234", "85.5", "85.56": at most two decimals, no trailing zeros; "—" for no value.
std::string FormatFigure(const std::optional<double>& value);
// The file name offices would give it: 太白县驻村工作周报（2026-W47）.docx
std::string ReportFileName(const Report& report, const std::string& extension);

}  // namespace zx::reports

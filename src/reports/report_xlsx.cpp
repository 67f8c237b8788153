// A report as one worksheet laid out like the printed form: the title over all columns, the region
// and period, then each section's heading, paragraphs and tables one under another.
#include <algorithm>

#include "reports/report_model.h"
#include "reports/xlsx_book.h"

namespace zx::reports {

Result<std::string> RenderXlsx(const Report& report) {
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(report.period.label));
  int width = 1;
  for (const auto& s : report.sections)
    for (const auto& t : s.tables) width = std::max(width, static_cast<int>(t.headers.size()));
  const int last = width - 1;
  int r = 0;
  book->Merge(r, 0, r, last, report.region_name + report.title, XlsxBook::Style::kTitle);
  book->RowHeight(r++, 28);
  book->Merge(r, 0, r, last,
              "期间：" + report.period.label + "（" + FormatDay(report.period.from) + " 至 " + FormatDay(report.period.to) +
                  "）    生成时间：" + report.generated_at,
              XlsxBook::Style::kCell);
  ++r;
  book->ColumnWidth(0, 0, 16);
  if (width > 1) book->ColumnWidth(1, last, 13);
  auto merge_or_write = [&](int row, const std::string& text, XlsxBook::Style style) {
    if (last > 0)
      book->Merge(row, 0, row, last, text, style);
    else
      book->Write(row, 0, text, style);
  };
  for (const auto& s : report.sections) {
    ++r;
    merge_or_write(r++, s.heading, XlsxBook::Style::kHeader);
    for (const auto& p : s.paragraphs) merge_or_write(r++, p, XlsxBook::Style::kCell);
    for (const auto& t : s.tables) {
      if (!t.caption.empty()) merge_or_write(r++, t.caption, XlsxBook::Style::kCenter);
      for (size_t c = 0; c < t.headers.size(); ++c) book->Write(r, static_cast<int>(c), t.headers[c], XlsxBook::Style::kHeader);
      ++r;
      for (const auto& row : t.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          const ReportCell& cell = row[c];
          if (cell.number)
            book->Write(r, static_cast<int>(c), *cell.number,
                        cell.warn ? XlsxBook::Style::kWarn : XlsxBook::Style::kNumber);
          else
            book->Write(r, static_cast<int>(c), cell.text, cell.warn ? XlsxBook::Style::kWarn : XlsxBook::Style::kCell);
        }
        ++r;
      }
      if (t.rows.empty()) merge_or_write(r++, "（无）", XlsxBook::Style::kCenter);
    }
  }
  return book->Finish();
}

}  // namespace zx::reports

#include "modules/imports/import_books.h"

#include <map>

#include "reports/xlsx_book.h"

namespace zx {
namespace {

void Header(XlsxBook& book, const sheets::ImportTemplate& tpl, int extra_cols) {
  for (size_t c = 0; c < tpl.columns.size(); ++c) {
    book.Write(0, static_cast<int>(c), tpl.columns[c].zh, XlsxBook::Style::kHeader);
  }
  book.ColumnWidth(0, static_cast<int>(tpl.columns.size()) - 1 + extra_cols, 18);
  book.FreezePanes(1, 0);
}

std::string CsvField(const std::string& in) {
  // A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet;
  // the quote makes it text there, and the importer takes it off again (CheckCell).
  std::string v = (!in.empty() && std::string_view("=+-@").find(in[0]) != std::string_view::npos) ? "'" + in : in;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Result<std::string> TemplateXlsx(const sheets::ImportTemplate& tpl) {
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(tpl.title));
  Header(*book, tpl, 0);
  // Notes live on a sheet of their own so that the data sheet holds only the header and data.
  ZX_RETURN_IF_ERROR(book->AddSheet("填写说明"));
  book->Write(0, 0, "列名", XlsxBook::Style::kHeader);
  book->Write(0, 1, "必填", XlsxBook::Style::kHeader);
  book->Write(0, 2, "说明", XlsxBook::Style::kHeader);
  book->ColumnWidth(0, 0, 16);
  book->ColumnWidth(2, 2, 60);
  for (size_t i = 0; i < tpl.columns.size(); ++i) {
    const auto& col = tpl.columns[i];
    std::string hint = col.hint;
    if (!col.choices.empty()) {
      std::string list;
      for (const auto& [value, label] : col.choices) list += (list.empty() ? "" : "、") + label;
      hint += (hint.empty() ? "" : "；") + std::string("可选：") + list;
    }
    int r = static_cast<int>(i) + 1;
    book->Write(r, 0, col.zh + " / " + col.en);
    book->Write(r, 1, col.required ? "是" : "否", XlsxBook::Style::kCenter);
    book->Write(r, 2, hint);
  }
  return book->Finish();
}

Result<std::string> ErrorReportXlsx(const sheets::ImportTemplate& tpl, const std::vector<sheets::ParsedRow>& rows) {
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(tpl.title));
  Header(*book, tpl, 2);
  int n = static_cast<int>(tpl.columns.size());
  book->Write(0, n, "原行号", XlsxBook::Style::kHeader);
  book->Write(0, n + 1, "错误原因", XlsxBook::Style::kHeader);
  book->ColumnWidth(n + 1, n + 1, 60);
  int r = 0;
  for (const auto& row : rows) {
    if (row.ok()) continue;
    ++r;
    for (size_t c = 0; c < row.raw.size(); ++c) book->Write(r, static_cast<int>(c), row.raw[c]);
    book->Write(r, n, static_cast<double>(row.row));
    std::string why;
    for (const auto& e : row.errors) why += (why.empty() ? "" : "；") + (e.column.empty() ? "" : e.column + "：") + e.reason;
    book->Write(r, n + 1, why, XlsxBook::Style::kWarn);
  }
  return book->Finish();
}

Result<std::string> TableXlsx(const sheets::ImportTemplate& tpl, const SheetTable& rows) {
  ZX_ASSIGN_OR_RETURN(auto book, XlsxBook::Create());
  ZX_RETURN_IF_ERROR(book->AddSheet(tpl.title));
  Header(*book, tpl, 0);
  // Every cell is written as text: ID numbers and region codes must not become numbers.
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) book->Write(static_cast<int>(r) + 1, static_cast<int>(c), rows[r][c]);
  }
  return book->Finish();
}

std::string TableCsv(const sheets::ImportTemplate& tpl, const SheetTable& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t c = 0; c < tpl.columns.size(); ++c) out += (c ? "," : "") + CsvField(tpl.columns[c].zh);
  out += "\r\n";
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + CsvField(row[c]);
    out += "\r\n";
  }
  return out;
}

}  // namespace zx

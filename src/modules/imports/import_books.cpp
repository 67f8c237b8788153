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

namespace {

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t c = 0; c < cells.size(); ++c) out += (c ? "," : "") + CsvField(cells[c]);
  return out + "\r\n";
}

// Excel's limit per sheet, header included.
constexpr int64_t kXlsxMaxRows = 1048576;

}  // namespace

Result<std::unique_ptr<TableWriter>> TableWriter::Create(const sheets::ImportTemplate& tpl, const std::string& format,
                                                         std::ostream* csv_out) {
  std::unique_ptr<TableWriter> w(new TableWriter());
  if (format == "xlsx") {
    ZX_ASSIGN_OR_RETURN(w->book_, XlsxBook::Create());
    ZX_RETURN_IF_ERROR(w->book_->AddSheet(tpl.title));
    Header(*w->book_, tpl, 0);
    return w;
  }
  if (format != "csv") return Status::InvalidArgument("format must be xlsx or csv", "format");
  w->out_ = csv_out;
  std::vector<std::string> header;
  for (const auto& c : tpl.columns) header.push_back(c.zh);
  std::string head = "\xEF\xBB\xBF" + CsvLine(header);
  if (w->out_ != nullptr) *w->out_ << head; else w->csv_ = std::move(head);
  return w;
}

TableWriter::~TableWriter() = default;

Status TableWriter::Add(const std::vector<std::string>& cells) {
  ++rows_;
  if (book_) {
    if (rows_ >= kXlsxMaxRows) return Status::InvalidArgument("超过 Excel 单个工作表的行数上限，请导出 CSV", "format");
    // Every cell is written as text: ID numbers and region codes must not become numbers.
    for (size_t c = 0; c < cells.size(); ++c) book_->Write(static_cast<int>(rows_), static_cast<int>(c), cells[c]);
    return Status::Ok();
  }
  if (out_ != nullptr) {
    *out_ << CsvLine(cells);
    if (!*out_) return Status::Internal("cannot write the export");
  } else {
    csv_ += CsvLine(cells);
  }
  return Status::Ok();
}

Result<std::string> TableWriter::Finish() {
  if (book_) return book_->Finish();
  if (out_ != nullptr) {
    out_->flush();
    if (!*out_) return Status::Internal("cannot write the export");
    return std::string();
  }
  return std::move(csv_);
}

Result<std::string> TableXlsx(const sheets::ImportTemplate& tpl, const SheetTable& rows) {
  ZX_ASSIGN_OR_RETURN(auto w, TableWriter::Create(tpl, "xlsx"));
  for (const auto& r : rows) ZX_RETURN_IF_ERROR(w->Add(r));
  return w->Finish();
}

std::string TableCsv(const sheets::ImportTemplate& tpl, const SheetTable& rows) {
  auto w = TableWriter::Create(tpl, "csv");
  for (const auto& r : rows) (void)(*w)->Add(r);
  return (*w)->Finish().value();
}

}  // namespace zx

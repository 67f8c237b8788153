// The files the import framework hands out: the blank template, the error report (the rows as
// uploaded plus a column of reasons), and exports of a kind's list in the template's columns so
// that an export can be imported again unchanged.
// Thread-safety: pure functions.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "sheets/import_template.h"

namespace zx {

using SheetTable = std::vector<std::vector<std::string>>;  // rows of cells in template column order

Result<std::string> TemplateXlsx(const sheets::ImportTemplate& tpl);
Result<std::string> ErrorReportXlsx(const sheets::ImportTemplate& tpl, const std::vector<sheets::ParsedRow>& rows);
Result<std::string> TableXlsx(const sheets::ImportTemplate& tpl, const SheetTable& rows);
// UTF-8 with a BOM (so Excel on Chinese Windows opens it as UTF-8), CRLF, RFC 4180 quoting.
std::string TableCsv(const sheets::ImportTemplate& tpl, const SheetTable& rows);

class XlsxBook;

// An export written row by row: XLSX through the workbook's constant-memory mode, CSV straight
// to `csv_out` when given (the command line's file) or to a string. Either way no table of rows
// is held, so memory stays flat however long the list.
class TableWriter {
 public:
  static Result<std::unique_ptr<TableWriter>> Create(const sheets::ImportTemplate& tpl, const std::string& format,
                                                     std::ostream* csv_out = nullptr);
  ~TableWriter();
  Status Add(const std::vector<std::string>& cells);
  // The file's bytes (empty when the CSV went to `csv_out`).
  Result<std::string> Finish();
  int64_t rows() const { return rows_; }

 private:
  TableWriter() = default;
  std::unique_ptr<XlsxBook> book_;
  std::ostream* out_ = nullptr;
  std::string csv_;
  int64_t rows_ = 0;
};

}  // namespace zx

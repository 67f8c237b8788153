// The files the import framework hands out: the blank template, the error report (the rows as
// uploaded plus a column of reasons), and exports of a kind's list in the template's columns so
// that an export can be imported again unchanged.
// Thread-safety: pure functions.
#pragma once

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

}  // namespace zx

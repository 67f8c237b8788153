// The import framework's pure half: a template per kind (its columns, each with a Chinese and an
// English header, whether it is required and how its cells are checked), header matching by name
// in any order, and turning sheet rows into checked values with row-level errors. Writing the
// rows is each kind's job (one db.Write per import); this file knows nothing of the database.
// Thread-safety: pure functions over plain values.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "sheets/sheet.h"

namespace zx::sheets {

enum class ColumnType {
  kText,        // trimmed, at most max_length characters
  kIdNumber,    // GB 11643; a value that arrived as a number is refused (its digits are lost)
  kPhone,       // mainland mobile
  kDate,        // YYYY-MM-DD (also a date cell, or YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日)
  kRegionCode,  // 12 digits (shorter codes padded as everywhere else)
  kChoice,      // one of `choices` by value or by Chinese label; stored as the value
  kBool,        // 是/否, Y/N, TRUE/FALSE, 1/0
};

struct Column {
  std::string key;
  std::string zh;
  std::string en;
  bool required = false;
  ColumnType type = ColumnType::kText;
  size_t max_length = 100;
  std::vector<std::pair<std::string, std::string>> choices;  // {value, Chinese label}
  std::string hint;  // shown in the template's note row
};

struct ImportTemplate {
  std::string kind;
  std::string title;  // Chinese title of the template sheet, e.g. "人员信息"
  std::vector<Column> columns;
};

struct RowError {
  int row = 0;           // 1-based row in the file (0: the file as a whole)
  std::string column;    // the column's Chinese header, empty for the whole row
  std::string reason;
};

struct HeaderMatch {
  int header_row = 0;                  // file row number of the header
  std::vector<int> column_of;          // per template column: sheet column index, -1 if absent
  std::vector<std::string> extra;      // headers in the file the template does not know (reported, ignored)
};

// Finds the header among the first rows (a merged title or group row may sit above it) by the
// number of template headers it names, Chinese or English, case- and space-insensitive. Fails if
// a required column is missing or a column appears twice.
Result<HeaderMatch> MatchHeader(const ImportTemplate& tpl, const Sheet& sheet);

// A parsed row's values by column key, kept in template column order next to a key list shared by
// all rows of a file: a million rows must not each carry a map of keys (memory and allocations).
class RowValues {
 public:
  RowValues() = default;
  explicit RowValues(std::shared_ptr<const std::vector<std::string>> keys);
  // The value of `key`; a key the template does not have gets a slot of its own.
  std::string& operator[](std::string_view key);

 private:
  std::shared_ptr<const std::vector<std::string>> keys_;
  std::vector<std::string> values_;
  std::vector<std::pair<std::string, std::string>> extra_;
};

struct ParsedRow {
  int row = 0;
  RowValues values;                           // key → checked, canonical value ("" if empty)
  std::vector<std::string> raw;               // the cells as found, in template column order (error report)
  std::vector<RowError> errors;
  bool ok() const { return errors.empty(); }
};

// The key list shared by the RowValues of every row parsed against `tpl`.
std::shared_ptr<const std::vector<std::string>> RowKeys(const ImportTemplate& tpl);
// True if any of the template's columns has a non-empty cell in `row` (all-empty rows are skipped).
bool RowHasCells(const ImportTemplate& tpl, const SheetRow& row, const HeaderMatch& header);
// One sheet row checked cell by cell against the template; `keys` from RowKeys(tpl).
ParsedRow ParseRow(const ImportTemplate& tpl, const SheetRow& row, const HeaderMatch& header,
                   const std::shared_ptr<const std::vector<std::string>>& keys);

// Every row below the header, checked cell by cell against the template. A row whose cells are
// all empty, or hold nothing but spaces, is skipped.
std::vector<ParsedRow> ParseRows(const ImportTemplate& tpl, const Sheet& sheet, const HeaderMatch& header);
// The same, giving back each sheet row's memory once it is parsed (large files).
std::vector<ParsedRow> ParseRows(const ImportTemplate& tpl, Sheet&& sheet, const HeaderMatch& header);

// Checks one cell; on success returns the canonical value.
Result<std::string> CheckCell(const Column& column, const Cell& cell);

// Marks the later of two rows with the same natural key (e.g. the same ID number) as an error.
void MarkDuplicateKeys(std::vector<ParsedRow>& rows, const std::string& key, const std::string& column_zh);

enum class ImportMode { kAllOrNothing, kGoodRows };
Result<ImportMode> ParseImportMode(const std::string& text);  // "all" | "good"

}  // namespace zx::sheets

// The format-neutral table every importer reads: rows of typed cells with their 1-based row
// numbers in the source file, so row-level errors can point at the row the user sees in Excel.
// XLSX and CSV front ends both produce a Sheet; importers never look at the file format.
// Thread-safety: plain values.
#pragma once

#include <string>
#include <vector>

namespace zx::sheets {

struct Cell {
  // kNumber keeps Excel's text of the number (integers without ".0"); kDate is "YYYY-MM-DD".
  // Importers need the type: an ID number that arrived as kNumber has lost digits and is refused.
  enum class Type { kEmpty, kText, kNumber, kBool, kDate, kError };
  Type type = Type::kEmpty;
  std::string text;

  bool empty() const { return type == Type::kEmpty || text.empty(); }
};

struct SheetRow {
  int number = 0;  // 1-based row number as shown in the spreadsheet (CSV: the line number)
  std::vector<Cell> cells;
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;       // non-empty rows only, in order
  std::vector<int> hidden_rows;     // row numbers skipped because they were hidden in Excel
};

}  // namespace zx::sheets

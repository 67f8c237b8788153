// The data rows of an import file, parsed one at a time, so that a kind which checks and writes as
// it reads (households) holds only the rows it has not finished with, not the whole file parsed.
// A CSV file is split record by record straight from the bytes given (copied only when it must be
// re-encoded from GBK or UTF-16); an XLSX sheet is read whole first (its reader builds the sheet in
// memory), then parsed row by row. Rows already parsed can be wrapped too (tests, small lists).
// Thread-safety: a source is used by one thread; a file source borrows the bytes it was opened on.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sheets/import_template.h"

namespace zx {

class ChineseNames;

class ImportSource {
 public:
  virtual ~ImportSource() = default;
  // Reads the next data row (below the header, not all empty) into `row`; false at the end.
  // With `only` (a flag per template column) only the flagged columns are read and checked, rows
  // whose flagged cells are all empty are passed over and `raw` is not kept: a cheap first pass.
  virtual Result<bool> Next(sheets::ParsedRow* row, const std::vector<bool>* only = nullptr) = 0;
  // Starts again at the first data row.
  virtual void Rewind() = 0;
  // Headers in the file the template does not know; row numbers hidden in Excel and skipped.
  virtual const std::vector<std::string>& extra_columns() const = 0;
  virtual const std::vector<int>& hidden_rows() const = 0;
};

// Opens `bytes` (XLSX by its zip signature, otherwise CSV), matches the header against `tpl` and
// converts traditional characters when `to_simplified` is given. `bytes` must outlive the source.
// File-level faults (size, encoding, no header, a malformed CSV record) are found by reading all
// rows once; a caller that must not write before knowing them makes a first pass.
Result<std::unique_ptr<ImportSource>> OpenImportSource(const sheets::ImportTemplate& tpl, std::string_view bytes,
                                                       const std::string& sheet_name,
                                                       const ChineseNames* to_simplified = nullptr,
                                                       size_t max_file_bytes = 50u << 20);

// Rows parsed already, handed out again (moved out on a full read, copied on an `only` read).
std::unique_ptr<ImportSource> ParsedRowSource(std::vector<sheets::ParsedRow> rows);

}  // namespace zx

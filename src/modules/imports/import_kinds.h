// The kinds of list the import framework knows, each a template (sheets/import_template.h) plus
// a writer that checks rows against the database and writes the good ones in one db.Write:
// people, households (with members, one row per member), visits. Each kind lives in its own file
// (import_kind_ops.h).
// Thread-safety: the functions are pure or run inside the Database's own locking.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/pii_crypto.h"
#include "http/router.h"
#include "sheets/import_template.h"
#include "store/database.h"

namespace zx {

class ChineseNames;
class ImportSource;

// The kinds known, in the order the page and the command line list them.
const std::vector<std::string>& ImportKindNames();

// The template for `kind`; NotFound for a kind the framework does not know.
Result<sheets::ImportTemplate> ImportTemplateFor(const std::string& kind);

struct ImportSummary {
  int rows = 0;        // data rows in the file
  int inserted = 0;
  int updated = 0;     // natural key already present (re-import): fields refreshed
  int unchanged = 0;
  int failed = 0;      // rows with at least one error
  bool written = false;
  std::vector<sheets::RowError> errors;
};

struct ImportRequest {
  std::string kind;
  sheets::ImportMode mode = sheets::ImportMode::kAllOrNothing;
  bool dry_run = false;           // preview: every check, no write
  const Caller* caller = nullptr; // null: the command line (whole country)
  AuditActor actor;
  int64_t now = 0;
};

// Checks `rows` (already parsed against the kind's template) and, unless dry_run, writes them in
// one transaction. kAllOrNothing writes nothing if any row fails; kGoodRows writes the rest. Re-
// importing the same rows finds them by their natural key and does not duplicate them.
Result<ImportSummary> RunImport(Database& db, const PiiCrypto& crypto, const ImportRequest& request,
                                std::vector<sheets::ParsedRow> rows);
// The same, reading the rows from `source` (import_source.h): a kind that checks and writes as it
// reads (households) holds only the rows it has not finished with, so memory does not grow with
// the file; the others get every row parsed first. Either way one transaction, the same answer.
Result<ImportSummary> RunImport(Database& db, const PiiCrypto& crypto, const ImportRequest& request,
                                ImportSource& source);

// Parses a file (XLSX by its zip signature, otherwise CSV) and matches its header: the common
// front half of preview, import and the command line.
Result<std::vector<sheets::ParsedRow>> ReadImportFile(const sheets::ImportTemplate& tpl, std::string_view bytes,
                                                      const std::string& sheet_name,
                                                      std::vector<std::string>* extra_columns = nullptr,
                                                      std::vector<int>* hidden_rows = nullptr,
                                                      const ChineseNames* to_simplified = nullptr,
                                                      size_t max_file_bytes = 50u << 20);

}  // namespace zx

namespace zx {

struct CodeRange;

// Receives one exported row at a time (its cells may be moved from).
using ExportRowFn = std::function<Status(std::vector<std::string>& cells)>;

// The kind's records in [range], streamed row by row in its template's column order from one
// read snapshot, so memory stays flat however long the list. ID numbers and phones are clear only
// with `unmask` (the caller holds pii.read); otherwise masked.
Status ExportRows(Database& db, const PiiCrypto& crypto, const std::string& kind, const CodeRange& range, bool unmask,
                  const ExportRowFn& row);

// ExportRows collected into memory (tests, small lists).
Result<std::vector<std::vector<std::string>>> ExportTable(Database& db, const PiiCrypto& crypto, const std::string& kind,
                                                          const CodeRange& range, bool unmask);

}  // namespace zx

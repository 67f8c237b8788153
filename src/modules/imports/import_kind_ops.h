// What each import kind supplies to the framework (import_kinds.cpp): its template, the check
// and write of parsed rows against the database, and its export in the template's columns. One
// file per kind (import_people.cpp, import_households.cpp, ...); the framework picks by name.
// Thread-safety: the functions run inside the Database's own locking.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "modules/imports/import_kinds.h"
#include "modules/imports/import_source.h"

namespace zx::imports {

using Choices = std::vector<std::pair<std::string, std::string>>;

struct KindOps {
  std::string kind;
  sheets::ImportTemplate (*tpl)() = nullptr;
  // Adds row errors (scope, references, natural-key clashes), then unless `write` is false or the
  // mode refuses a partly bad file, writes the good rows and sets `written`. Counts inserted /
  // updated / unchanged either way (a preview tells what an import would do).
  Status (*check_write)(Connection& c, const PiiCrypto& crypto, const ImportRequest& req,
                        std::vector<sheets::ParsedRow>& rows, ImportSummary& sum, bool write) = nullptr;
  // Streams the records in `range`, one row at a time, in the template's column order.
  Status (*export_rows)(Connection& c, const PiiCrypto& crypto, const CodeRange& range, bool unmask,
                        const ExportRowFn& row) = nullptr;
  // Instead of check_write, for kinds that check and write as they read: the same contract, the
  // rows read from `source` (from its first row) and the row count set in `sum`. Rows written
  // before the file turns out to be refused are rolled back by the caller (sum.written false).
  // `db` is the database `c` belongs to: its Read sees what was committed before the import's
  // transaction, for look-ups made on another thread.
  Status (*check_write_source)(Database& db, Connection& c, const PiiCrypto& crypto, const ImportRequest& req,
                               ImportSource& source, ImportSummary& sum, bool write) = nullptr;
};

const KindOps& PeopleOps();
const KindOps& HouseholdOps();
const KindOps& VisitOps();
const KindOps& CollectiveIncomeOps();
const KindOps& DispatchOps();
const KindOps& TrainingOps();
const KindOps& VillageCadreOps();
const KindOps& ReserveCadreOps();

// ---- Helpers the kinds share ----

// The Chinese label of a stored value (the value itself if unknown).
std::string Label(const Choices& choices, const std::string& value);
// Failed-row count and the error list from the rows' own errors.
void CollectErrors(std::vector<sheets::ParsedRow>& rows, ImportSummary& sum);
// True if the good rows are to be written now.
bool ShouldWrite(const ImportRequest& req, const ImportSummary& sum, bool write);
// One audit record per import (the rows are too many to audit one by one).
Status AuditImport(Connection& c, const ImportRequest& req, const std::string& entity, const ImportSummary& sum);
// Clear or masked personal data from its ciphertext ("" if none or unreadable).
std::string ClearOrMasked(const PiiCrypto& crypto, const std::string& enc, bool unmask, bool id_number);
// A number as typed back into a cell: no trailing zeros, no exponent for ordinary sums.
std::string NumberText(double v);
// Whole or decimal numbers in [min, max]; InvalidArgument with a Chinese reason otherwise.
Result<double> ParseNumber(const std::string& text, double min, double max);
Result<int64_t> ParseWhole(const std::string& text, int64_t min, int64_t max);
// The caller's scope test; the command line (no caller) sees the whole country.
bool InScope(const ImportRequest& req, const std::string& code);
// Why rows may not name `code` as their village ("" if they may): out of scope, not a village,
// unknown. Answers are remembered per import in `cache`.
Result<std::string> VillageError(Connection& c, const ImportRequest& req, const std::string& code,
                                 std::map<std::string, std::string>& cache);

}  // namespace zx::imports

// Online backups and restores of a whole installation, built on the verified copy (ops/db_copy.h).
//
// A backup is a SQLite file — whatever the source database is — made from one read snapshot of
// the running installation, plus a manifest beside it (FILE.manifest.json: when, from where
// (password hidden), schema version, and rows and SHA-256 of every table as read from the source).
// A SQLite file is a backup anyone can open, check and restore without a database server; PostgreSQL
// operators keep pg_basebackup + WAL archiving for point-in-time recovery besides (docs/DEPLOY.md).
//
// Restoring copies the backup into the target (SQLite or PostgreSQL), refuses a non-empty target
// unless forced, and compares every table with the manifest as well as with the backup file, so a
// backup file altered or damaged after it was made is refused and nothing is written.
//
// Personal data stays encrypted in the backup: the key file must be backed up separately.
#pragma once

#include <string>

#include "core/clock.h"
#include "ops/db_copy.h"

namespace zx {

struct BackupResult {
  std::string file, manifest;
  CopyReport report;
};

// Writes a new backup file (refuses to overwrite one).
Result<BackupResult> MakeBackup(const std::string& source_url, const std::string& file, const Clock& clock);

// `backup_file` with its manifest beside it → the database at `target_url`.
Result<CopyReport> RestoreBackup(const std::string& backup_file, const std::string& target_url, bool force);

// The name of a scheduled backup made at `unix_seconds`: DIR/zhenxing-YYYYMMDD-HHMMSS.db (UTC).
std::string ScheduledBackupName(const std::string& dir, int64_t unix_seconds);

// Deletes the oldest scheduled backups in `dir` (and their manifests) beyond the newest `keep`.
Status PruneBackups(const std::string& dir, int keep);

}  // namespace zx

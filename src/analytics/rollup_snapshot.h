// Saving the rollup store to a file at shutdown and loading it at start, so a national
// installation starts in seconds instead of re-reading hundreds of millions of records.
//
// A snapshot is only ever used when it provably matches the database: the file carries a random
// token that the server writes into the `rollup_snapshot` table after the file is durably in
// place, and anything that could make the file stale — deleting change rows it does not cover, a
// full rebuild, a copy or restore of the database — removes or lacks that row. The writes made
// since the file was saved are still in the change rows (and, on SQLite, in `checkins` above the
// saved id), and are applied right after loading. On SQLite the server keeps the change rows it
// applies until it saves the file again, so this holds after a crash as after a clean stop. Any
// doubt (no row, another token, another tree or element list, a damaged file) means a full build,
// never a wrong figure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "analytics/rollup_store.h"
#include "core/status.h"

namespace zx::analytics {

struct SnapshotInfo {
  std::string token;         // 32 hex digits, also in the rollup_snapshot table
  int64_t checkins_seen = 0;  // SQLite: the newest check-in id the store reflects
  int64_t changes_applied = 0;  // SQLite: the highest change row id the store reflects (rows kept)
};

// A fingerprint of the element list and the SQL that feeds it: a program whose elements differ
// from the saved store's must not load it.
uint64_t ElementsSignature();

// Writes `store` to `path` (a temporary file, flushed and renamed into place: the file is whole or
// absent). Call with the store not changing.
Status SaveSnapshot(const RollupStore& store, const SnapshotInfo& info, const std::string& path);

// Reads the token of the file at `path` without loading it; NotFound if there is no file.
Result<SnapshotInfo> ReadSnapshotInfo(const std::string& path);

// Loads the file into a store over `tree`; an error if it was saved over another tree or element
// list or is damaged (the caller then builds from the records).
Result<std::shared_ptr<RollupStore>> LoadSnapshot(const std::string& path, std::shared_ptr<const RollupTree> tree,
                                                  int elements, SnapshotInfo* info);

// A fresh random token.
std::string NewSnapshotToken();

}  // namespace zx::analytics

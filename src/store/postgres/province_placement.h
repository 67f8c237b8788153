// Moves one province's partitions of a PostgreSQL installation to another PostgreSQL server and
// attaches them back as postgres_fdw foreign partitions (docs/SCALING.md). The installation keeps
// answering every query the same way; the province's rows now live, and are written, on the other
// server.
//
// For every table partitioned by province (migration 0012) whose partition for `province` is still
// local: the partition's table and indexes are made on the province server (an existing empty one
// is reused, one holding rows is refused), its rows are copied there through the foreign table and
// counted, the local partition is dropped and the foreign table attached in its place. Foreign
// partitions cannot carry foreign keys, so the partitioned parents lose theirs (the names are
// reported): every writer of those tables checks the referenced row itself before inserting.
// All of it on the installation runs in one transaction: it is placed completely or not at all.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace zx {

struct ProvincePlacement {
  std::vector<std::string> tables;          // partitions moved, e.g. "checkins_p42"
  std::vector<std::string> dropped_foreign_keys;
  int64_t rows_moved = 0;
};

// `installation` is the zhenxing database; `province_server` a connection to the target database;
// `province_server_url` the same target as a libpq URL (for the foreign server's options).
Result<ProvincePlacement> PlaceProvince(Connection& installation, Connection& province_server,
                                        const std::string& province_server_url, const std::string& province);

}  // namespace zx

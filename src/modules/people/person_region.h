// Changing the region a person's record is kept in (its scope, and on PostgreSQL its partition).
#pragma once

#include <string>

#include "store/database.h"

namespace zx {

// Sets people.region_code of `person_id` to `region_code`.
//
// On PostgreSQL people are partitioned by province (migration 0018), and a province may be a
// postgres_fdw foreign partition on a server of its own (`zhenxing db place-province`). An UPDATE
// cannot move a row across such a partition: into it PostgreSQL refuses ("cannot route tuples
// into foreign table to be updated"), and out of it the row silently stays on the province server
// under a code of another province, where no query of either province finds it. So a change of
// province is a DELETE and an INSERT of the same row, id included, in one statement; the person's
// ID number leaves and re-enters person_id_numbers through its trigger. Within a province, and on
// SQLite, it is a plain UPDATE.
Status SetPersonRegion(Connection& c, int64_t person_id, const std::string& region_code);

}  // namespace zx

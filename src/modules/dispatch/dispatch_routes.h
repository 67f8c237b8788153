// Dispatch and filing (选派, 备案): batches, dispatches with their status history, the filing
// register with villages lacking a first secretary or a team, and pairings (包联) with their
// responsibility letters.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterDispatchRoutes(Router& router, Database& db, const Clock& clock);

struct DispatchInfo {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string village_code;
  std::string role;
  std::string status;
  std::string term_start, term_end;
};
Result<DispatchInfo> FindDispatch(Connection& c, int64_t id);
// The dispatch a person holds in post at a village, if any.
Result<std::optional<DispatchInfo>> InPostDispatch(Connection& c, int64_t person_id, const std::string& village_code);

}  // namespace zx

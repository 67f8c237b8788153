// Routes of village party organizations (DOMAIN.md D3): organizations and their yearly ratings,
// rectification of weak and backward ones, standardization scoring, reserve cadres. Every route
// keeps to the caller's region scope; an organization outside it answers 404.
#pragma once

#include <string>

#include "core/clock.h"
#include "http/router.h"
#include "modules/party_orgs/party_rules.h"
#include "store/database.h"

namespace zx {

void RegisterPartyOrgRoutes(Router& router, Database& db, const Clock& clock);
void RegisterRectificationRoutes(Router& router, Database& db, const Clock& clock);
void RegisterStandardRoutes(Router& router, Database& db, const Clock& clock);
void RegisterReserveRoutes(Router& router, Database& db, const Clock& clock);

inline void RegisterPartyRoutes(Router& router, Database& db, const Clock& clock) {
  RegisterPartyOrgRoutes(router, db, clock);
  RegisterRectificationRoutes(router, db, clock);
  RegisterStandardRoutes(router, db, clock);
  RegisterReserveRoutes(router, db, clock);
}

struct OrgInfo {
  int64_t id = 0;
  std::string village_code, name, kind;
};

// The organization if it exists inside the caller's scope; NotFound (404) otherwise, as if it did not exist.
Result<OrgInfo> OrgInScope(Connection& c, const Caller& caller, int64_t id);

// Sets an organization's rating for a year, keeping the previous one in the history. With
// `quiet_if_same` a rating already in force is left as it is (no error, no history row).
struct RatingWho {
  int64_t user_id = 0;
  std::string username;
};
Status SetOrgRating(Connection& c, const OrgInfo& org, int64_t year, const std::string& rating, const std::string& reason,
                    const RatingWho& who, int64_t now, bool quiet_if_same);

// The thresholds in force for a region: the nearest setting up the tree, or the defaults.
Result<PartyTargets> PartyTargetsFor(Connection& c, const std::string& region_code);

// This year in China.
int64_t CurrentYear(const Clock& clock);

}  // namespace zx

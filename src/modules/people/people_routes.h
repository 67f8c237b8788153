// The person registry shared by all modules (deduplicated by ID number; personal data encrypted)
// and the sending units (派出单位) of stationed cadres.
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterPeopleRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock);

// The region a person's record belongs to; NotFound if there is no such person.
Result<std::string> PersonRegion(Connection& c, int64_t person_id);

}  // namespace zx

// /api/v1/households...: the household registry (members from the shared person registry, status
// changes through the audited state machine, split and merge with history), the checks modelled
// on the national monitoring rules, and the 两率一度-style metrics; grids (grid_routes.cpp) and
// visits with coverage (visit_routes.cpp).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "http/router.h"
#include "modules/households/grid_assign.h"
#include "store/database.h"

namespace zx {

void RegisterHouseholdRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock);
void RegisterGridRoutes(Router& router, Database& db, const Clock& clock);
void RegisterVisitRoutes(Router& router, Database& db, const Clock& clock);

// Grids and party-member links for every village in [low, high], inside a write transaction
// (the demo loader uses it too). `out` gets the counts.
Status AutoAssignGrids(Connection& c, const std::string& low, const std::string& high, const std::string& basis,
                       int grid_size, GridBounds bounds, int64_t now, nlohmann::json* out);

}  // namespace zx

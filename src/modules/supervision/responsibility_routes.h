// Responsibility lists of party secretaries (责任清单, signed by both sides at the start of the year,
// progress noted, year-end report and 述职评议 rating) and the command structure (指挥部: county
// command, office, thematic groups, township and village posts, members; county leaders' areas of
// guidance). DOMAIN.md D6, seed 001.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterResponsibilityRoutes(Router& router, Database& db, const Clock& clock);

}  // namespace zx

// Supervision (督查, DOMAIN.md D6): inspection groups and their members, plans, open and
// unannounced inspections (明查暗访), findings with an owner and a rectification deadline, the
// owner's follow-up with evidence, sign-off by the inspection side only, closing (never without
// evidence and sign-off), repeat findings, and interviews (约谈) of laggards.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterSupervisionRoutes(Router& router, Database& db, const Clock& clock);

// How many earlier findings of the same category in the same region fall within the year before
// `found_on` (inclusive): a repeat finding has a count above zero.
Result<int64_t> RepeatCount(Connection& c, const std::string& region_code, const std::string& category,
                            const std::string& found_on);

}  // namespace zx

// Village two committees (村两委): posts and their history, replacements, elections, the yearly
// rating of village secretaries and counts per region; and their training.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterVillageCadreRoutes(Router& router, Database& db, const Clock& clock);
void RegisterTrainingRoutes(Router& router, Database& db, const Clock& clock);

// The region a child-of-`range.low` row falls in: the child of the region at `code`'s level, or the
// village itself. Used to group per-region counts.
std::string ChildKey(const std::string& village_code, const std::string& parent_code);

}  // namespace zx

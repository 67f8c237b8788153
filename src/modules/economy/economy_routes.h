// Village collective economy (村级集体经济): yearly income by item with evidence, classes of villages
// and progress against targets, the contribution reward (贡献补贴奖) and village cadre pay.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterEconomyRoutes(Router& router, Database& db, const Clock& clock);
void RegisterRewardRoutes(Router& router, Database& db, const Clock& clock);

}  // namespace zx

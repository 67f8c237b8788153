// /api/v1/audit (the audit log, filtered by the viewer's scope), /api/v1/audit/verify (the hash
// chain) and /api/v1/login-log (login attempts).
#pragma once

#include "http/router.h"
#include "store/database.h"

namespace zx {

void RegisterAuditRoutes(Router& router, Database& db);

// "2026-11-22" → Unix seconds at 00:00 UTC; InvalidArgument naming `field` otherwise.
Result<int64_t> ParseDay(const std::string& text, const std::string& field);

}  // namespace zx

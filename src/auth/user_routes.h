// /api/v1/users and /api/v1/roles: account management inside the administrator's scope, with
// personal data encrypted at rest, masked in answers, and every change and unmasking audited.
#pragma once

#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

class AuthService;
void RegisterUserRoutes(Router& router, Database& db, const PiiCrypto& crypto, const Clock& clock, AuthService& auth);

// Who did it, for audit rows written by a request.
struct AuditActor;
AuditActor ActorOf(const RequestContext& ctx);

}  // namespace zx

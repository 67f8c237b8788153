// /api/v1/auth/*: login, logout, who am I, change password.
#pragma once

#include "auth/sessions.h"
#include "http/router.h"

namespace zx {

void RegisterAuthRoutes(Router& router, AuthService& auth, Database& db);

// The user object every auth answer returns (see openapi.json, schema User).
std::string UserJson(const Caller& caller, Database& db);

}  // namespace zx

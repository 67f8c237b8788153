// Login, sessions and password changes.
// Sessions: a 256-bit random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is
// stored. Idle sessions expire (30 minutes by default). Five failed logins lock the account for
// 15 minutes. Every attempt is written to login_log.
// Thread-safety: safe from many threads (all state is in the database).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "auth/audit.h"
#include "auth/users.h"
#include "core/clock.h"
#include "http/router.h"
#include "store/database.h"

namespace zx {

struct AuthOptions {
  int64_t idle_timeout_seconds = 30 * 60;
  int max_failed_logins = 5;
  int64_t lockout_seconds = 15 * 60;
  bool secure_cookie = false;  // set behind a TLS reverse proxy
};

inline constexpr char kSessionCookie[] = "zx_session";

struct LoginResult {
  std::string token;  // goes only into the cookie
  Caller caller;
};

class AuthService {
 public:
  AuthService(Database& db, const Clock& clock, AuthOptions options) : db_(db), clock_(clock), options_(options) {}

  Result<LoginResult> Login(const std::string& username, const std::string& password, const std::string& remote_addr,
                            const std::string& user_agent);
  // Resolves the session cookie of a request to its caller.
  Result<Caller> Authenticate(const HttpRequest& request);
  Status Logout(const Caller& caller);
  // Checks the old password, applies the strength rule, clears must_change_password and ends the
  // user's other sessions.
  Status ChangePassword(const Caller& caller, const std::string& old_password, const std::string& new_password,
                        const AuditActor& actor);

  // Drops every cached session, so a logout or password change takes effect at once.
  void ForgetCachedSessions();

  std::string SessionCookie(const std::string& token) const;
  std::string ClearedSessionCookie() const;
  const AuthOptions& options() const { return options_; }

 private:
  Status LogAttempt(Connection& c, const std::string& username, int64_t user_id, const std::string& remote,
                    const char* outcome);
  Database& db_;
  const Clock& clock_;
  AuthOptions options_;
  // A session checked in the last second is not read again: under load the same session makes
  // many requests a second. Changes made by another process show within that second.
  struct CachedSession {
    Caller caller;
    int64_t last_seen;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedSession> cache_;
};

Caller CallerFromUser(const UserRecord& u);

}  // namespace zx

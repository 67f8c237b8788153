#include "auth/sessions.h"

#include "auth/password.h"
#include "core/clock.h"

namespace zx {

Caller CallerFromUser(const UserRecord& u) {
  Caller c;
  c.user_id = u.id;
  c.username = u.username;
  c.display_name = u.display_name;
  c.roles = u.roles;
  c.scope_code = u.scope_code;
  c.scope_level = u.scope_level;
  c.must_change_password = u.must_change_password;
  c.person_id = u.person_id;
  return c;
}

Status AuthService::LogAttempt(Connection& c, const std::string& username, int64_t user_id, const std::string& remote,
                               const char* outcome) {
  return c.Execute("INSERT INTO login_log(at, username, user_id, remote_addr, outcome) VALUES (?, ?, ?, ?, ?)",
                   clock_.NowSeconds(), username.substr(0, 64),
                   user_id ? std::optional<int64_t>(user_id) : std::nullopt, remote, outcome);
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote_addr, const std::string& user_agent) {
  const Status bad = Status::Unauthenticated("用户名或密码错误");
  std::optional<UserRecord> user;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(user, FindUserByName(c, username));
    return Status::Ok();
  }));
  int64_t now = clock_.NowSeconds();
  if (!user) {
    // Spend the same time as a real check, so timing does not tell which user names exist.
    static const std::string dummy = HashPassword(RandomToken()).value();
    VerifyPassword(dummy, password);
    ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) { return LogAttempt(c, username, 0, remote_addr, "unknown_user"); }));
    return bad;
  }
  if (user->disabled) {
    ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) { return LogAttempt(c, username, user->id, remote_addr, "disabled"); }));
    return bad;
  }
  if (user->locked_until > now) {
    ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) { return LogAttempt(c, username, user->id, remote_addr, "locked"); }));
    int64_t minutes = (user->locked_until - now + 59) / 60;
    return Status::Locked("登录失败次数过多，账户已锁定，请 " + std::to_string(minutes) + " 分钟后再试");
  }
  if (!VerifyPassword(user->password_hash, password)) {
    bool locked_now = false;
    ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(int64_t failed, QueryInt(c, "SELECT failed_logins FROM users WHERE id = ?", user->id));
      failed += 1;
      locked_now = failed >= options_.max_failed_logins;
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
                                   locked_now ? 0 : failed, locked_now ? now + options_.lockout_seconds : user->locked_until,
                                   user->id));
      return LogAttempt(c, username, user->id, remote_addr, locked_now ? "locked_now" : "bad_password");
    }));
    if (locked_now)
      return Status::Locked("登录失败次数过多，账户已锁定 " + std::to_string(options_.lockout_seconds / 60) + " 分钟");
    return bad;
  }
  LoginResult result;
  result.token = RandomToken();
  result.caller = CallerFromUser(*user);
  result.caller.csrf_token = RandomToken();
  result.caller.session_hash = Sha256Hex(result.token);
  ZX_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", user->id));
    ZX_RETURN_IF_ERROR(c.Execute(
        "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen, remote_addr, user_agent) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        result.caller.session_hash, user->id, result.caller.csrf_token, now, now, remote_addr,
        user_agent.substr(0, 200)));
    return LogAttempt(c, username, user->id, remote_addr, "ok");
  }));
  return result;
}

Result<Caller> AuthService::Authenticate(const HttpRequest& request) {
  std::string token = request.Cookie(kSessionCookie);
  if (token.size() != 64) return Status::Unauthenticated("请先登录");
  std::string hash = Sha256Hex(token);
  int64_t now = clock_.NowSeconds();
  auto steady = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && steady - it->second.fetched < std::chrono::seconds(1) &&
        now - it->second.last_seen <= options_.idle_timeout_seconds)
      return it->second.caller;
  }
  std::optional<UserRecord> user;
  std::string csrf;
  int64_t last_seen = 0;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT user_id, csrf_token, last_seen FROM sessions WHERE token_hash = ?"));
    st.Bind(hash);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    int64_t user_id = st->Int(0);
    csrf = st->Text(1);
    last_seen = st->Int(2);
    ZX_ASSIGN_OR_RETURN(user, FindUserById(c, user_id));
    return Status::Ok();
  }));
  if (!user || user->disabled) return Status::Unauthenticated("请先登录");
  if (now - last_seen > options_.idle_timeout_seconds) {
    db_.Write([&](Connection& c) { return c.Execute("DELETE FROM sessions WHERE token_hash = ?", hash); });
    return Status::Unauthenticated("会话已过期，请重新登录");
  }
  // Record activity at most once a minute: a write per request would cost more than it tells.
  if (now - last_seen >= 60) {
    db_.Write([&](Connection& c) {
      return c.Execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", now, hash);
    });
  }
  Caller caller = CallerFromUser(*user);
  caller.csrf_token = csrf;
  caller.session_hash = hash;
  {
    std::lock_guard lock(cache_mu_);
    if (cache_.size() > 100000) cache_.clear();
    cache_[hash] = {caller, now - last_seen >= 60 ? now : last_seen, steady};
  }
  return caller;
}

void AuthService::ForgetCachedSessions() {
  std::lock_guard lock(cache_mu_);
  cache_.clear();
}

Status AuthService::Logout(const Caller& caller) {
  ForgetCachedSessions();
  return db_.Write([&](Connection& c) {
    return c.Execute("DELETE FROM sessions WHERE token_hash = ?", caller.session_hash);
  });
}

Status AuthService::ChangePassword(const Caller& caller, const std::string& old_password,
                                   const std::string& new_password, const AuditActor& actor) {
  std::optional<UserRecord> user;
  ZX_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    ZX_ASSIGN_OR_RETURN(user, FindUserById(c, caller.user_id));
    return Status::Ok();
  }));
  if (!user) return Status::Unauthenticated("请先登录");
  if (!VerifyPassword(user->password_hash, old_password))
    return Status::InvalidArgument("原密码不正确", "old_password");
  if (old_password == new_password) return Status::InvalidArgument("新密码不能与原密码相同", "new_password");
  ZX_RETURN_IF_ERROR(CheckPasswordStrength(new_password, user->username, "new_password"));
  ZX_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  int64_t now = clock_.NowSeconds();
  ForgetCachedSessions();
  return db_.Write([&](Connection& c) -> Status {
    ZX_RETURN_IF_ERROR(c.Execute(
        "UPDATE users SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?", hash, now,
        user->id));
    // Other sessions of this user end: whoever else held one must log in with the new password.
    ZX_RETURN_IF_ERROR(
        c.Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", user->id, caller.session_hash));
    return AppendAudit(c, actor, {"change_password", "user", std::to_string(user->id), user->scope_code}, now);
  });
}

std::string AuthService::SessionCookie(const std::string& token) const {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (options_.secure_cookie ? "; Secure" : "");
}

std::string AuthService::ClearedSessionCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (options_.secure_cookie ? "; Secure" : "");
}

}  // namespace zx

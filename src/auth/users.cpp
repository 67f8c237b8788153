#include "auth/users.h"

#include "auth/password.h"
#include "auth/roles.h"

namespace zx {
namespace {
constexpr char kSelectUser[] =
    "SELECT u.id, u.username, u.display_name, u.password_hash, u.scope_code, r.name, r.level, u.roles, "
    "u.must_change_password, u.failed_logins, u.locked_until, u.disabled, COALESCE(u.phone_enc, ''), "
    "COALESCE(u.id_number_enc, ''), COALESCE(u.id_number_flag, ''), u.created_at, COALESCE(u.person_id, 0) "
    "FROM users u JOIN regions r ON r.code = u.scope_code ";

}  // namespace

Result<std::optional<UserRecord>> ReadUserRow(Stmt& st) {
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<UserRecord>();
  UserRecord u;
  u.id = st->Int(0);
  u.username = st->Text(1);
  u.display_name = st->Text(2);
  u.password_hash = st->Text(3);
  u.scope_code = st->Text(4);
  u.scope_name = st->Text(5);
  u.scope_level = static_cast<RegionLevel>(st->Int(6));
  u.roles = SplitRoles(st->Text(7));
  u.must_change_password = st->Int(8) != 0;
  u.failed_logins = static_cast<int>(st->Int(9));
  u.locked_until = st->Int(10);
  u.disabled = st->Int(11) != 0;
  u.phone_enc = st->Text(12);
  u.id_number_enc = st->Text(13);
  u.id_number_flag = st->Text(14);
  u.created_at = st->Int(15);
  u.person_id = st->Int(16);
  return std::optional<UserRecord>(std::move(u));
}

const char* UserSelectSql() { return kSelectUser; }

Status CheckUsername(const std::string& username) {
  if (username.size() < 3 || username.size() > 32)
    return Status::InvalidArgument("用户名长度须为 3 到 32 个字符", "username");
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == '-';
    if (!ok) return Status::InvalidArgument("用户名只能包含字母、数字、下划线、点和连字符", "username");
  }
  return Status::Ok();
}

Result<std::string> PrepareUserPassword(const NewUser& user) {
  ZX_RETURN_IF_ERROR(CheckUsername(user.username));
  ZX_RETURN_IF_ERROR(CheckPasswordStrength(user.password, user.username, "password"));
  return HashPassword(user.password);
}

Result<int64_t> InsertUser(Connection& c, const NewUser& user, const std::string& password_hash, int64_t now) {
  ZX_RETURN_IF_ERROR(CheckUsername(user.username));
  if (user.display_name.empty()) return Status::InvalidArgument("display name is required", "display_name");
  if (user.roles.empty()) return Status::InvalidArgument("at least one role is required", "roles");
  for (const auto& r : user.roles)
    if (!IsKnownRole(r)) return Status::InvalidArgument("unknown role " + r, "roles");
  auto exists = QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", user.scope_code);
  if (!exists.ok()) return exists.status();
  if (*exists == 0) return Status::InvalidArgument("scope region " + user.scope_code + " does not exist", "scope_code");
  auto taken = QueryInt(c, "SELECT COUNT(*) FROM users WHERE username = ?", user.username);
  if (!taken.ok()) return taken.status();
  if (*taken) return Status::Conflict("用户名 " + user.username + " 已存在", "username");
  ZX_RETURN_IF_ERROR(c.Execute(
      "INSERT INTO users(username, display_name, password_hash, scope_code, roles, must_change_password, created_at, "
      "password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      user.username, user.display_name, password_hash, user.scope_code, JoinRoles(user.roles),
      user.must_change_password, now, now));
  return QueryInt(c, "SELECT id FROM users WHERE username = ?", user.username);
}

Result<std::optional<UserRecord>> FindUserByName(Connection& c, const std::string& username) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kSelectUser) + "WHERE u.username = ?"));
  st.Bind(username);
  return ReadUserRow(st);
}

Result<std::optional<UserRecord>> FindUserById(Connection& c, int64_t id) {
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(std::string(kSelectUser) + "WHERE u.id = ?"));
  st.Bind(id);
  return ReadUserRow(st);
}

Result<int64_t> CountUsersWithRole(Connection& c, const std::string& role) {
  return QueryInt(c, "SELECT COUNT(*) FROM users WHERE ',' || roles || ',' LIKE ?", "%," + role + ",%");
}

}  // namespace zx

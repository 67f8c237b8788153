// User accounts: creation (with role and scope checks) and lookup.
// Thread-safety: free functions over a Connection; callers run them inside Database::Read/Write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/region_code.h"
#include "store/database.h"

namespace zx {

struct UserRecord {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  std::string scope_code;
  std::string scope_name;
  RegionLevel scope_level = RegionLevel::kCountry;
  std::vector<std::string> roles;
  bool must_change_password = true;
  int failed_logins = 0;
  int64_t locked_until = 0;
  bool disabled = false;
  std::string phone_enc;      // encrypted (auth/pii_crypto.h); empty if none
  std::string id_number_enc;
  std::string id_number_flag;
  int64_t created_at = 0;
  int64_t person_id = 0;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;  // checked for strength, then hashed
  std::string scope_code;
  std::vector<std::string> roles;
  bool must_change_password = true;
};

// Validates the user name (3..32 of [A-Za-z0-9_.-]).
Status CheckUsername(const std::string& username);

// Hashes the password outside any transaction (it is slow on purpose), then call InsertUser.
Result<std::string> PrepareUserPassword(const NewUser& user);
Result<int64_t> InsertUser(Connection& c, const NewUser& user, const std::string& password_hash, int64_t now);

Result<std::optional<UserRecord>> FindUserByName(Connection& c, const std::string& username);
Result<std::optional<UserRecord>> FindUserById(Connection& c, int64_t id);
// "SELECT <user columns> FROM users u JOIN regions r ... " to extend with WHERE/ORDER, and the
// row reader that goes with it (returns nullopt at the end).
const char* UserSelectSql();
Result<std::optional<UserRecord>> ReadUserRow(Stmt& st);

Result<int64_t> CountUsersWithRole(Connection& c, const std::string& role);

}  // namespace zx

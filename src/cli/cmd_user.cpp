#include <cstdlib>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "auth/password.h"
#include "auth/roles.h"
#include "auth/users.h"
#include "cli/commands.h"
#include "core/region_code.h"

namespace zx {

void AddUserCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* user = app.add_subcommand("user", "Accounts from the command line");
  user->require_subcommand(1);

  auto* add = user->add_subcommand(
      "add", "Create an account; the password comes from ZHENXING_USER_PASSWORD or is generated and shown once");
  AddDbOption(add, common);
  auto nu = std::make_shared<NewUser>();
  auto roles = std::make_shared<std::string>();
  auto no_change = std::make_shared<bool>(false);
  add->add_option("--username", nu->username, "User name")->required();
  add->add_option("--display-name", nu->display_name, "Name shown in the UI")->required();
  add->add_option("--scope", nu->scope_code, "Region code the account may see (e.g. 610331)")->required();
  add->add_option("--roles", *roles, "Comma-separated roles: sys_admin, org_admin, township_admin, first_secretary, "
                                     "village_secretary, leader, inspector")->required();
  add->add_flag("--no-forced-change", *no_change, "Do not force a password change at first login");
  auto add_body = [&common, nu, roles, no_change]() -> int {
    auto scope = ParseRegionCode(nu->scope_code, "scope");
    if (!scope.ok()) {
      std::cerr << "zhenxing user add: " << scope.status().message() << "\n";
      return 1;
    }
    NewUser u = *nu;
    u.scope_code = *scope;
    u.roles = SplitRoles(*roles);
    u.must_change_password = !*no_change;
    const char* env = std::getenv("ZHENXING_USER_PASSWORD");
    bool generated = !(env && *env);
    u.password = generated ? GeneratePassword() : std::string(env);
    auto hash = PrepareUserPassword(u);
    if (!hash.ok()) {
      std::cerr << "zhenxing user add: " << hash.status().ToString() << "\n";
      return 1;
    }
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) {
      std::cerr << "zhenxing user add: " << db.status().ToString() << "\n";
      return 1;
    }
    Status s = (*db)->Write([&](Connection& c) { return InsertUser(c, u, *hash, SystemClock().NowSeconds()).status(); });
    if (!s.ok()) {
      std::cerr << "zhenxing user add: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "account " << u.username << " created";
    if (generated) std::cout << ", password " << u.password << " (shown only now)";
    std::cout << "\n";
    return 0;
  };
  add->callback([&run, add_body] { run = add_body; });

  auto* reset = user->add_subcommand(
      "reset-password", "Set a new password (ZHENXING_USER_PASSWORD or generated), unlock, and end the sessions");
  AddDbOption(reset, common);
  auto name = std::make_shared<std::string>();
  reset->add_option("--username", *name, "User name")->required();
  auto reset_body = [&common, name]() -> int {
    const char* env = std::getenv("ZHENXING_USER_PASSWORD");
    bool generated = !(env && *env);
    std::string password = generated ? GeneratePassword() : std::string(env);
    Status strong = CheckPasswordStrength(password, *name, "password");
    if (!strong.ok()) {
      std::cerr << "zhenxing user reset-password: " << strong.message() << "\n";
      return 1;
    }
    auto hash = HashPassword(password);
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok() || !hash.ok()) {
      std::cerr << "zhenxing user reset-password: " << (db.ok() ? hash.status() : db.status()).ToString() << "\n";
      return 1;
    }
    Status s = (*db)->Write([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(auto user, FindUserByName(c, *name));
      if (!user) return Status::NotFound("no user " + *name);
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0, "
                                   "locked_until = 0, password_changed_at = ? WHERE id = ?",
                                   *hash, SystemClock().NowSeconds(), user->id));
      return c.Execute("DELETE FROM sessions WHERE user_id = ?", user->id);
    });
    if (!s.ok()) {
      std::cerr << "zhenxing user reset-password: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "password of " << *name << " reset";
    if (generated) std::cout << " to " << password << " (shown only now; must be changed at first login)";
    std::cout << "\n";
    return 0;
  };
  reset->callback([&run, reset_body] { run = reset_body; });
}

}  // namespace zx

#include <cstdlib>
#include <iostream>

#include "app/app.h"
#include "auth/password.h"
#include "auth/users.h"
#include "cli/commands.h"
#include "core/clock.h"

namespace zx {

void AddInitCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand(
      "init", "Create or upgrade the database and, if there is no administrator yet, create one.\n"
              "The administrator's password comes from ZHENXING_ADMIN_PASSWORD or is generated and shown once;\n"
              "it must be changed at first login.");
  AddDbOption(cmd, common);
  auto username = std::make_shared<std::string>("admin");
  cmd->add_option("--admin-username", *username, "User name of the first administrator")->capture_default_str();
  auto body = [&common, username]() -> int {
    EnsureDbFolder(common.db);
    auto db = OpenAppDatabase(common.db, 1);
    if (!db.ok()) {
      std::cerr << "zhenxing init: " << db.status().ToString() << "\n";
      return 1;
    }
    int64_t admins = 0;
    Status s = (*db)->Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(admins, CountUsersWithRole(c, "sys_admin"));
      return Status::Ok();
    });
    if (!s.ok()) {
      std::cerr << "zhenxing init: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "database ready: " << common.db << "\n";
    if (admins > 0) {
      std::cout << "an administrator already exists; to set a new password run:\n"
                << "  build/zhenxing user reset-password --db " << common.db << " --username " << *username << "\n";
      return 0;
    }
    const char* env = std::getenv("ZHENXING_ADMIN_PASSWORD");
    bool generated = !(env && *env);
    NewUser u{*username, "系统管理员", generated ? GeneratePassword() : std::string(env), kCountryCode, {"sys_admin"}, true};
    auto hash = PrepareUserPassword(u);
    if (!hash.ok()) {
      std::cerr << "zhenxing init: administrator password: " << hash.status().message() << "\n";
      return 1;
    }
    s = (*db)->Write([&](Connection& c) { return InsertUser(c, u, *hash, SystemClock().NowSeconds()).status(); });
    if (!s.ok()) {
      std::cerr << "zhenxing init: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "administrator created: user name " << u.username;
    if (generated) std::cout << ", password " << u.password << "  (shown only now; you must change it at first login)";
    std::cout << "\n";
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx

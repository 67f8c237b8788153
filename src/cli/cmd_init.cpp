#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "auth/password.h"
#include "auth/pii_crypto.h"
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
  AddKeyFileOption(cmd, common);
  auto cipher = std::make_shared<std::string>("aes-256-gcm");
  cmd->add_option("--cipher", *cipher, "Cipher of a new data key: aes-256-gcm or sm4-ctr-hmac-sm3 (国密)")
      ->check(CLI::IsMember({"aes-256-gcm", "sm4-ctr-hmac-sm3"}))->capture_default_str();
  auto username = std::make_shared<std::string>("admin");
  cmd->add_option("--admin-username", *username, "User name of the first administrator")->capture_default_str();
  auto body = [&common, username, cipher]() -> int {
    EnsureDbFolder(common.db);
    if (!std::filesystem::exists(common.key_file)) {
      std::filesystem::create_directories(std::filesystem::path(common.key_file).parent_path());
      Status k = PiiCrypto::CreateKeyFile(common.key_file, *cipher);
      if (!k.ok()) {
        std::cerr << "zhenxing init: " << k.ToString() << "\n";
        return 1;
      }
      std::cout << "data key created: " << common.key_file << " (" << *cipher
                << "); keep it outside the database and back it up separately\n";
    } else if (auto loaded = PiiCrypto::Load(common.key_file); !loaded.ok()) {
      std::cerr << "zhenxing init: " << loaded.status().message() << "\n";
      return 1;
    }
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

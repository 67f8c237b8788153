#include <iostream>

#include "app/app.h"
#include "auth/audit.h"
#include "cli/commands.h"

namespace zx {

void AddAuditCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the hash chain; report the first broken row (exit 1 if any)");
  AddDbOption(verify, common);
  verify->callback([&run, &common] {
    run = [&common]() -> int {
      auto db = OpenAppDatabase(common.db, 1);
      if (!db.ok()) {
        std::cerr << "zhenxing audit verify: " << db.status().ToString() << "\n";
        return 2;
      }
      AuditVerifyResult r;
      Status s = (*db)->Read([&](Connection& c) -> Status {
        ZX_ASSIGN_OR_RETURN(r, VerifyAuditChain(c));
        return Status::Ok();
      });
      if (!s.ok()) {
        std::cerr << "zhenxing audit verify: " << s.ToString() << "\n";
        return 2;
      }
      if (r.ok) {
        std::cout << "audit log intact: " << r.rows << " rows\n";
        return 0;
      }
      std::cout << "audit log BROKEN at row " << r.first_broken_id << ": " << r.reason << " (" << r.rows
                << " rows read)\n";
      return 1;
    };
  });
}

}  // namespace zx

// The audit log: every write records who, when, from where, what, before and after, in the same
// transaction as the write itself (a rolled-back write leaves no audit row; an applied one always
// has one). Rows are hash-chained with SHA-256: hash = SHA-256(canonical JSON of the row + the
// previous row's hash). VerifyAuditChain finds the first changed, inserted or removed row.
// Retention: rows are never deleted by the program (at least the 180 days 等保 level 3 asks).
// Thread-safety: AppendAudit runs inside Database::Write (the single writer keeps the chain in order).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "store/database.h"

namespace zx {

struct AuditActor {
  int64_t user_id = 0;        // 0 = the system (command line)
  std::string username = "system";
  std::string remote_addr;
  std::string request_id;
};

struct AuditEntry {
  std::string action;       // create, update, delete, unmask, reset_password, unlock, change_password, ...
  std::string entity;       // user, session, region, ...
  std::string record_id;
  std::string region_code;  // the region the record belongs to, for scope filtering
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
};

Status AppendAudit(Connection& c, const AuditActor& actor, const AuditEntry& entry, int64_t now);

struct AuditVerifyResult {
  bool ok = true;
  int64_t rows = 0;
  int64_t first_broken_id = 0;
  std::string reason;
};

Result<AuditVerifyResult> VerifyAuditChain(Connection& c);

}  // namespace zx

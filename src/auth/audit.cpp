#include "auth/audit.h"

#include "auth/password.h"

namespace zx {
namespace {

constexpr char kGenesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

std::string RowHash(int64_t id, int64_t at, int64_t user_id, const std::string& username, const std::string& remote,
                    const std::string& request_id, const std::string& action, const std::string& entity,
                    const std::string& record_id, const std::string& region, const std::string& before,
                    const std::string& after, const std::string& prev_hash) {
  nlohmann::json row = nlohmann::json::array(
      {id, at, user_id, username, remote, request_id, action, entity, record_id, region, before, after, prev_hash});
  return Sha256Hex(row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

Status AppendAudit(Connection& c, const AuditActor& actor, const AuditEntry& e, int64_t now) {
  int64_t last_id = 0;
  std::string prev = kGenesis;
  {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      last_id = st->Int(0);
      prev = st->Text(1);
    }
  }
  int64_t id = last_id + 1;
  std::string before = e.before ? e.before->dump() : std::string();
  std::string after = e.after ? e.after->dump() : std::string();
  std::string hash = RowHash(id, now, actor.user_id, actor.username, actor.remote_addr, actor.request_id, e.action,
                             e.entity, e.record_id, e.region_code, before, after, prev);
  // The head is also kept in meta, so removing the newest rows is noticed too.
  ZX_RETURN_IF_ERROR(c.Execute("INSERT INTO meta(key, value) VALUES ('audit_head', ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               std::to_string(id) + ":" + hash));
  return c.Execute(
      "INSERT INTO audit_log(id, at, user_id, username, remote_addr, request_id, action, entity, record_id, "
      "region_code, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      id, now, actor.user_id ? std::optional<int64_t>(actor.user_id) : std::nullopt, actor.username,
      actor.remote_addr, actor.request_id, e.action, e.entity, e.record_id,
      e.region_code.empty() ? std::nullopt : std::optional<std::string>(e.region_code),
      e.before ? std::optional<std::string>(before) : std::nullopt,
      e.after ? std::optional<std::string>(after) : std::nullopt, prev, hash);
}

Result<AuditVerifyResult> VerifyAuditChain(Connection& c) {
  AuditVerifyResult r;
  ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare(
      "SELECT id, at, COALESCE(user_id, 0), username, remote_addr, request_id, action, entity, record_id, "
      "COALESCE(region_code, ''), COALESCE(before_json, ''), COALESCE(after_json, ''), prev_hash, hash "
      "FROM audit_log ORDER BY id"));
  std::string prev = kGenesis;
  int64_t expected_id = 1;
  for (;;) {
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    ++r.rows;
    int64_t id = st->Int(0);
    auto broken = [&](const std::string& why) {
      r.ok = false;
      r.first_broken_id = id;
      r.reason = why;
    };
    if (id != expected_id) {
      broken("row " + std::to_string(expected_id) + " is missing");
      r.first_broken_id = expected_id;
      break;
    }
    if (st->Text(12) != prev) {
      broken("previous-hash link does not match row " + std::to_string(id - 1));
      break;
    }
    std::string want = RowHash(id, st->Int(1), st->Int(2), st->Text(3), st->Text(4), st->Text(5), st->Text(6),
                               st->Text(7), st->Text(8), st->Text(9), st->Text(10), st->Text(11), prev);
    if (want != st->Text(13)) {
      broken("content does not match its hash (the row was changed)");
      break;
    }
    prev = st->Text(13);
    ++expected_id;
  }
  if (r.ok) {
    ZX_ASSIGN_OR_RETURN(Stmt head, c.Prepare("SELECT value FROM meta WHERE key = 'audit_head'"));
    ZX_ASSIGN_OR_RETURN(bool has_head, head->Step());
    std::string want = r.rows ? std::to_string(expected_id - 1) + ":" + prev : std::string();
    std::string have = has_head ? head->Text(0) : std::string();
    if (have != want) {
      r.ok = false;
      r.first_broken_id = expected_id;
      r.reason = "the newest rows are missing (the recorded head is " + have.substr(0, have.find(':')) + ")";
    }
  }
  return r;
}

}  // namespace zx

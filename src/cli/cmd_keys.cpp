#include <iostream>

#include "app/app.h"
#include "auth/pii_crypto.h"
#include "cli/commands.h"

namespace zx {

// Re-encrypts every stored personal value that is not under the active key, and recomputes the
// keyed hashes, in one transaction.
static Result<int64_t> RotatePersonalData(Database& db, const PiiCrypto& crypto) {
  int64_t changed = 0;
  ZX_RETURN_IF_ERROR(db.WriteAlone([&](Connection& c) -> Status {
    struct Row { int64_t id; std::string phone, number; };
    std::vector<Row> rows;
    {
      ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT id, COALESCE(phone_enc, ''), COALESCE(id_number_enc, '') FROM users"));
      for (;;) {
        ZX_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        rows.push_back({st->Int(0), st->Text(1), st->Text(2)});
      }
    }
    for (const Row& r : rows) {
      std::optional<std::string> phone, number, hash;
      if (!r.phone.empty()) {
        ZX_ASSIGN_OR_RETURN(std::string p, crypto.Decrypt(r.phone));
        ZX_ASSIGN_OR_RETURN(phone, crypto.Encrypt(p));
      }
      if (!r.number.empty()) {
        ZX_ASSIGN_OR_RETURN(std::string n, crypto.Decrypt(r.number));
        ZX_ASSIGN_OR_RETURN(number, crypto.Encrypt(n));
        hash = crypto.BlindIndex(n);
      }
      if (!phone && !number) continue;
      ZX_RETURN_IF_ERROR(c.Execute("UPDATE users SET phone_enc = ?, id_number_enc = ?, id_number_hash = ? WHERE id = ?",
                                   phone, number, hash, r.id));
      ++changed;
    }
    return Status::Ok();
  }));
  return changed;
}

void AddKeysCommand(CLI::App& app, CommonOptions& common, CommandRun& run) {
  auto* keys = app.add_subcommand("keys", "Data keys for personal data (ID numbers, phone numbers)");
  keys->require_subcommand(1);
  auto cipher = std::make_shared<std::string>("aes-256-gcm");

  auto* init = keys->add_subcommand("init", "Create a new key file (mode 600); refuses to overwrite one");
  AddKeyFileOption(init, common);
  init->add_option("--cipher", *cipher, "aes-256-gcm or sm4-ctr-hmac-sm3")
      ->check(CLI::IsMember({"aes-256-gcm", "sm4-ctr-hmac-sm3"}))->capture_default_str();
  init->callback([&run, &common, cipher] {
    run = [&common, cipher]() -> int {
      Status s = PiiCrypto::CreateKeyFile(common.key_file, *cipher);
      std::cout << (s.ok() ? "created " + common.key_file : s.ToString()) << "\n";
      return s.ok() ? 0 : 1;
    };
  });

  auto* rotate = keys->add_subcommand(
      "rotate", "Put a new key first in the key file and re-encrypt all personal data with it (old keys stay "
                "in the file for backups; remove them by hand once no backup needs them)");
  AddDbOption(rotate, common);
  AddKeyFileOption(rotate, common);
  rotate->add_option("--cipher", *cipher, "Cipher of the new key")
      ->check(CLI::IsMember({"aes-256-gcm", "sm4-ctr-hmac-sm3"}))->capture_default_str();
  rotate->callback([&run, &common, cipher] {
    run = [&common, cipher]() -> int {
      auto db = OpenAppDatabase(common.db, 1);
      if (!db.ok()) {
        std::cerr << "zhenxing keys rotate: " << db.status().ToString() << "\n";
        return 1;
      }
      Status added = PiiCrypto::AddKeyToFile(common.key_file, *cipher);
      auto crypto = added.ok() ? PiiCrypto::Load(common.key_file) : Result<std::unique_ptr<PiiCrypto>>(added);
      if (!crypto.ok()) {
        std::cerr << "zhenxing keys rotate: " << crypto.status().ToString() << "\n";
        return 1;
      }
      auto changed = RotatePersonalData(**db, **crypto);
      if (!changed.ok()) {
        std::cerr << "zhenxing keys rotate: " << changed.status().ToString()
                  << "\nno record was changed; the new key stays first in the file and the old ones still decrypt\n";
        return 1;
      }
      std::cout << "new key " << (*crypto)->active().id << " (" << *cipher << "); " << *changed
                << " records re-encrypted\n";
      return 0;
    };
  });
}

}  // namespace zx

// Personal data in request bodies and answers, shared by every module that keeps people:
// validates phone and ID number fields, encrypts them for storage, and shows them masked.
// Thread-safety: free functions; PiiCrypto is thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "auth/pii_crypto.h"
#include "http/json_body.h"

namespace zx {

struct PersonalData {
  std::optional<std::string> phone_enc, id_enc, id_hash, id_flag;
  std::string birth_date;  // from the ID number, if one was given
  char sex = '?';          // likewise
};

// Reads the optional "phone" and "id_number" fields (named so in errors).
Result<PersonalData> ReadPersonalData(JsonBody& body, const PiiCrypto& crypto);

// The masked value of an encrypted field, or JSON null.
nlohmann::json MaskedPhone(const PiiCrypto& crypto, const std::string& enc);
nlohmann::json MaskedIdNumber(const PiiCrypto& crypto, const std::string& enc);
// The clear value, or JSON null (for audited unmasking only).
Result<nlohmann::json> ClearValue(const PiiCrypto& crypto, const std::string& enc);

}  // namespace zx

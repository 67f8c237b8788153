#include "auth/personal_data.h"

#include "core/personal_ids.h"

namespace zx {

Result<PersonalData> ReadPersonalData(JsonBody& body, const PiiCrypto& crypto) {
  PersonalData pd;
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> phone, body.OptionalString("phone", 20));
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> id, body.OptionalString("id_number", 25));
  if (phone && !phone->empty()) {
    ZX_ASSIGN_OR_RETURN(std::string p, ParseMobile(*phone, "phone"));
    ZX_ASSIGN_OR_RETURN(pd.phone_enc, crypto.Encrypt(p));
  }
  if (id && !id->empty()) {
    ZX_ASSIGN_OR_RETURN(IdNumber parsed, ParseIdNumber(*id, "id_number"));
    ZX_ASSIGN_OR_RETURN(pd.id_enc, crypto.Encrypt(parsed.canonical));
    pd.id_hash = crypto.BlindIndex(parsed.canonical);
    if (parsed.legacy15) pd.id_flag = "legacy15";
    pd.birth_date = parsed.birth_date;
    pd.sex = parsed.sex;
  }
  return pd;
}

static std::string Decrypted(const PiiCrypto& crypto, const std::string& enc) {
  if (enc.empty()) return {};
  auto plain = crypto.Decrypt(enc);
  return plain.ok() ? *plain : std::string();
}

nlohmann::json MaskedPhone(const PiiCrypto& crypto, const std::string& enc) {
  std::string p = Decrypted(crypto, enc);
  return p.empty() ? nlohmann::json(nullptr) : nlohmann::json(MaskPhone(p));
}

nlohmann::json MaskedIdNumber(const PiiCrypto& crypto, const std::string& enc) {
  std::string p = Decrypted(crypto, enc);
  return p.empty() ? nlohmann::json(nullptr) : nlohmann::json(MaskIdNumber(p));
}

Result<nlohmann::json> ClearValue(const PiiCrypto& crypto, const std::string& enc) {
  if (enc.empty()) return nlohmann::json(nullptr);
  ZX_ASSIGN_OR_RETURN(std::string p, crypto.Decrypt(enc));
  return nlohmann::json(p);
}

}  // namespace zx

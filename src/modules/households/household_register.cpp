#include "modules/households/household_register.h"

namespace zx {

Status InsertMember(Connection& c, const RegisterBy& by, int64_t household, const std::string& village, const MemberIn& m,
                    const std::string& today, int64_t now) {
  auto in_scope = [&](const std::string& code) { return by.caller == nullptr || by.caller->InScope(code); };
  int64_t person_id = m.person_id.value_or(0);
  if (m.pd.id_hash && !m.person_id) {
    ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT p.id, p.region_code, p.name, (SELECT MIN(household_id) FROM household_members "
                                           "WHERE person_id = p.id AND active = 1) FROM people p WHERE p.id_number_hash = ?"));
    st.Bind(*m.pd.id_hash);
    ZX_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) {
      if (!st->IsNull(3)) {
        int64_t other = st->Int(3);
        std::string where = in_scope(st->Text(1)) ? "户 " + std::to_string(other) : "您管辖范围之外的一户";
        return Status::Conflict("成员“" + m.name + "”（" + m.field + "）的身份证号已登记在" + where + "中，一人只能属于一户",
                                m.field + ".id_number");
      }
      if (!in_scope(st->Text(1)))
        return Status::Conflict("成员“" + m.name + "”的身份证号已在您管辖范围之外的人员库中", m.field + ".id_number");
      person_id = st->Int(0);
    }
  }
  if (!person_id) {
    ZX_ASSIGN_OR_RETURN(person_id, c.InsertGivingId(
        "INSERT INTO people(name, sex, birth_date, id_number_enc, id_number_hash, id_number_flag, phone_enc, party_member, "
        "region_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        m.name, *m.sex, m.birth_date, m.pd.id_enc, m.pd.id_hash, m.pd.id_flag, m.pd.phone_enc, m.party_member, village, now));
  }
  return c.Execute("INSERT INTO household_members(household_id, person_id, relation, labour, health, schooling, since) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   household, person_id, m.relation, m.labour, m.health, m.schooling, today);
}

Result<int64_t> RegisterHousehold(Connection& c, const RegisterBy& by, const NewHousehold& h, const std::string& today,
                                  int64_t now) {
  ZX_ASSIGN_OR_RETURN(int64_t id, c.InsertGivingId(
      "INSERT INTO households(village_code, villager_group, address, latitude, longitude, income_per_head, "
      "income_year, measures, status, risk_type, status_since, registered_year, monitored_since, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      h.village, h.group, h.address, h.latitude, h.longitude, h.income_per_head, h.income_year, h.measures,
      HouseholdStatusName(h.status), h.risk_type, h.since, h.registered_year,
      h.status == HouseholdStatus::kMonitored ? std::optional<std::string>(h.since) : std::nullopt, now));
  for (const auto& m : h.members) ZX_RETURN_IF_ERROR(InsertMember(c, by, id, h.village, m, today, now));
  ZX_RETURN_IF_ERROR(c.Execute(
      "INSERT INTO household_status_history(household_id, on_date, from_status, to_status, risk_type, reason, "
      "approver, user_id, at) VALUES (?, ?, NULL, ?, ?, '建档录入', ?, ?, ?)",
      id, h.since, HouseholdStatusName(h.status), h.risk_type, by.name, by.user_id, now));
  return id;
}

}  // namespace zx

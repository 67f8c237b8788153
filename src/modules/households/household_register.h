// Registering a household with its members, shared by the registration route and the spreadsheet
// import so both write the same rows: the household, its members (people reused by ID number or
// added to the person registry, encrypted and blind-indexed), and the first status history entry.
// Callers check the fields and the village (scope, level) first; this writes, inside the
// caller's transaction.
// Thread-safety: free functions on the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/personal_data.h"
#include "http/router.h"
#include "modules/households/household_rules.h"
#include "store/database.h"

namespace zx {

struct MemberIn {
  std::string field;  // "members[2]" (route) or "第 5 行" (import): where errors point
  std::string name, relation, labour, health, schooling;
  std::optional<std::string> sex, birth_date;
  PersonalData pd;
  bool party_member = false;
  // Set when the caller has already looked the ID number up in this transaction (the import, a
  // row at a time): the person to reuse, or 0 for a new one. Unset: InsertMember looks it up.
  std::optional<int64_t> person_id;
};

struct NewHousehold {
  std::string village;  // canonical village code, already checked against the caller's scope
  std::string group, address, measures;
  std::optional<double> latitude, longitude, income_per_head;
  std::optional<int64_t> income_year, registered_year;
  HouseholdStatus status = HouseholdStatus::kOrdinary;
  std::optional<std::string> risk_type;
  std::string since;  // status date
  std::vector<MemberIn> members;
};

// Who registers: the approver's name and user id go into the status history. `caller` null is
// the command line (whole country).
struct RegisterBy {
  const Caller* caller = nullptr;
  std::string name;
  std::optional<int64_t> user_id;
};

// Adds a member: an existing person (same ID number) is reused unless already in a household.
Status InsertMember(Connection& c, const RegisterBy& by, int64_t household, const std::string& village, const MemberIn& m,
                    const std::string& today, int64_t now);

// Writes the household, its members and its first history entry; returns the household's id.
Result<int64_t> RegisterHousehold(Connection& c, const RegisterBy& by, const NewHousehold& h, const std::string& today,
                                  int64_t now);

}  // namespace zx

// Dispatch rules (选派): roles, statuses and the transitions between them. No I/O.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/status.h"

namespace zx {

bool IsDispatchRole(const std::string& role);      // first_secretary, team_leader, team_member
bool IsDispatchStatus(const std::string& status);  // in_post, rotated, recalled, term_ended
// Only a dispatch in post ends, and it ends one way; a recall needs a reason.
Status CheckDispatchTransition(const std::string& from, const std::string& to, const std::string& reason);
// Terms are "YYYY-MM-DD"; the end is after the start and within 5 years.
Status CheckTerm(const std::string& start, const std::string& end);

}  // namespace zx

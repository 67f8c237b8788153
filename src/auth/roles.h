// Roles and what they may do. A role grants permissions; a user's region scope bounds where.
// Thread-safety: immutable tables.
#pragma once

#include <string>
#include <vector>

namespace zx {

// sys_admin, org_admin, township_admin, first_secretary, village_secretary, leader, inspector.
const std::vector<std::string>& AllRoles();
bool IsKnownRole(const std::string& role);
// Chinese display name of a role.
const char* RoleTitle(const std::string& role);
bool RolesPermit(const std::vector<std::string>& roles, const std::string& permission);

std::vector<std::string> SplitRoles(const std::string& csv);
std::string JoinRoles(const std::vector<std::string>& roles);

}  // namespace zx

// Roles and what they may do. A role grants permissions; a user's region scope bounds where.
// Thread-safety: immutable tables.
#pragma once

#include <string>
#include <vector>

#include "core/region_code.h"
#include "core/status.h"

namespace zx {

// sys_admin, org_admin, township_admin, first_secretary, village_secretary, leader, inspector.
const std::vector<std::string>& AllRoles();
bool IsKnownRole(const std::string& role);
// Chinese display name of a role.
const char* RoleTitle(const std::string& role);
bool RolesPermit(const std::vector<std::string>& roles, const std::string& permission);
// The catalogue of permissions routes may require (a test checks every route's is in it).
const std::vector<std::string>& AllPermissions();
// Every permission the roles grant, sorted (sys_admin: all of them). The UI shows menus from it.
std::vector<std::string> PermissionsOf(const std::vector<std::string>& roles);

// The highest rank among the roles (sys_admin 100 ... village roles 30).
int MaxRank(const std::vector<std::string>& roles);
// An administrator never grants more than it holds: only roles of at most its own rank, and
// sys_admin only by a sys_admin.
bool CanGrant(const std::vector<std::string>& caller_roles, const std::string& role);
// Roles fit scope levels: village roles need a village, township_admin a township, org_admin a
// county or above, sys_admin the country.
Status CheckRolesFitScope(const std::vector<std::string>& roles, RegionLevel level);

std::vector<std::string> SplitRoles(const std::string& csv);
std::string JoinRoles(const std::vector<std::string>& roles);

}  // namespace zx

#include "auth/roles.h"

#include <algorithm>
#include <map>
#include <set>

namespace zx {
namespace {
struct RoleDef {
  const char* name;
  const char* title;
  std::set<std::string> permissions;  // "*" = every permission
};

const std::vector<RoleDef>& Defs() {
  static const std::vector<RoleDef> defs = {
      {"sys_admin", "系统管理员", {"*"}},
      {"org_admin", "组织部管理员", {"regions.read", "users.read", "users.manage"}},
      {"township_admin", "乡镇管理员", {"regions.read", "users.read", "users.manage"}},
      {"first_secretary", "第一书记/工作队员", {"regions.read"}},
      {"village_secretary", "村党组织书记", {"regions.read"}},
      {"leader", "领导", {"regions.read"}},
      {"inspector", "督查人员", {"regions.read"}},
  };
  return defs;
}
}  // namespace

const std::vector<std::string>& AllRoles() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& d : Defs()) v.push_back(d.name);
    return v;
  }();
  return names;
}

bool IsKnownRole(const std::string& role) {
  return std::any_of(Defs().begin(), Defs().end(), [&](const RoleDef& d) { return role == d.name; });
}

const char* RoleTitle(const std::string& role) {
  for (const auto& d : Defs())
    if (role == d.name) return d.title;
  return "";
}

bool RolesPermit(const std::vector<std::string>& roles, const std::string& permission) {
  for (const auto& r : roles)
    for (const auto& d : Defs())
      if (r == d.name && (d.permissions.count("*") || d.permissions.count(permission))) return true;
  return false;
}

std::vector<std::string> SplitRoles(const std::string& csv) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= csv.size()) {
    size_t end = csv.find(',', pos);
    if (end == std::string::npos) end = csv.size();
    if (end > pos) out.push_back(csv.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    if (!out.empty()) out += ',';
    out += r;
  }
  return out;
}

}  // namespace zx

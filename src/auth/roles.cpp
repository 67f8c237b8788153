#include "auth/roles.h"

#include <algorithm>
#include <map>
#include <set>

namespace zx {
namespace {
struct RoleDef {
  const char* name;
  const char* title;
  int rank;  // an administrator grants only roles of at most its own rank
  std::set<std::string> permissions;  // "*" = every permission
  std::set<RegionLevel> levels;       // scope levels the role fits
};

const std::vector<RoleDef>& Defs() {
  using L = RegionLevel;
  static const std::vector<RoleDef> defs = {
      {"sys_admin", "系统管理员", 100, {"*"}, {L::kCountry}},
      {"org_admin", "组织部管理员", 80,
       {"regions.read", "regions.manage", "users.read", "users.manage", "pii.read", "audit.read", "loginlog.read", "people.read",
        "people.manage", "dispatch.read", "dispatch.manage", "presence.read", "presence.manage", "leave.approve",
        "partyorg.read", "partyorg.manage", "villagecadre.read", "villagecadre.manage", "training.read",
        "training.manage", "economy.read", "economy.manage", "household.read", "household.manage", "visit.write",
        "task.read", "task.issue", "task.report", "supervision.read", "supervision.manage", "indicator.read",
        "indicator.manage", "period.read", "period.submit", "period.approve"},
       {L::kCountry, L::kProvince, L::kCity, L::kCounty}},
      {"township_admin", "乡镇管理员", 60,
       {"regions.read", "users.read", "users.manage", "people.read", "dispatch.read", "presence.read",
        "leave.approve", "partyorg.read", "partyorg.manage", "villagecadre.read", "villagecadre.manage",
        "training.read", "training.manage", "economy.read", "economy.manage", "household.read", "household.manage",
        "task.read", "task.issue", "task.report", "supervision.read", "indicator.read", "period.read",
        "period.submit"},
       {L::kTownship}},
      {"leader", "领导", 50, {"regions.read", "people.read", "dispatch.read", "presence.read", "partyorg.read",
                             "villagecadre.read", "training.read", "economy.read", "household.read", "visit.write",
                             "task.read", "supervision.read", "indicator.read", "period.read"},
       {L::kCountry, L::kProvince, L::kCity, L::kCounty, L::kTownship}},
      {"inspector", "督查人员", 50, {"regions.read", "people.read", "dispatch.read", "presence.read", "partyorg.read",
                                  "villagecadre.read", "training.read", "economy.read", "household.read", "visit.write",
                                  "task.read", "supervision.read", "supervision.manage", "indicator.read",
                                  "period.read"},
       {L::kCountry, L::kProvince, L::kCity, L::kCounty, L::kTownship}},
      {"first_secretary", "第一书记/工作队员", 30,
       {"regions.read", "dispatch.read", "presence.read", "presence.checkin", "leave.request", "worklog.write", "partyorg.read",
        "villagecadre.read", "training.read", "economy.read", "household.read", "visit.write", "task.read", "task.report",
        "indicator.read"},
       {L::kVillage}},
      {"village_secretary", "村党组织书记", 30, {"regions.read", "dispatch.read", "presence.read", "partyorg.read",
                                               "villagecadre.read", "training.read", "economy.read", "household.read",
                                               "visit.write", "task.read", "task.report", "indicator.read"}, {L::kVillage}},
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

static const RoleDef* Find(const std::string& role) {
  for (const auto& d : Defs())
    if (role == d.name) return &d;
  return nullptr;
}

int MaxRank(const std::vector<std::string>& roles) {
  int rank = 0;
  for (const auto& r : roles)
    if (const RoleDef* d = Find(r)) rank = std::max(rank, d->rank);
  return rank;
}

bool CanGrant(const std::vector<std::string>& caller_roles, const std::string& role) {
  const RoleDef* d = Find(role);
  if (!d) return false;
  if (role == "sys_admin") return std::count(caller_roles.begin(), caller_roles.end(), "sys_admin") > 0;
  return d->rank <= MaxRank(caller_roles);
}

Status CheckRolesFitScope(const std::vector<std::string>& roles, RegionLevel level) {
  for (const auto& r : roles) {
    const RoleDef* d = Find(r);
    if (!d) return Status::InvalidArgument("unknown role " + r, "roles");
    if (!d->levels.count(level))
      return Status::InvalidArgument(std::string("角色“") + d->title + "”不适用于" + LevelName(level) + "级的管辖范围",
                                     "roles");
  }
  return Status::Ok();
}

const std::vector<std::string>& AllPermissions() {
  // Every permission a route may ask for; held by a role's list, or by sys_admin's "*" alone.
  static const std::vector<std::string> all = [] {
    std::set<std::string> set = {"audit.verify", "metrics.read"};
    for (const auto& d : Defs())
      for (const auto& p : d.permissions)
        if (p != "*") set.insert(p);
    return std::vector<std::string>(set.begin(), set.end());
  }();
  return all;
}

std::vector<std::string> PermissionsOf(const std::vector<std::string>& roles) {
  std::set<std::string> held;
  const auto& all = AllPermissions();
  for (const auto& r : roles)
    if (const RoleDef* d = Find(r)) {
      if (d->permissions.count("*")) return std::vector<std::string>(all.begin(), all.end());
      for (const auto& p : d->permissions) held.insert(p);
    }
  return std::vector<std::string>(held.begin(), held.end());
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

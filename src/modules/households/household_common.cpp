#include "modules/households/household_common.h"

namespace zx {

Result<std::pair<JsonBody, nlohmann::json>> ParseBodyWithList(const HttpRequest& request, const std::string& list_field) {
  nlohmann::json j = nlohmann::json::parse(request.body, nullptr, false);
  nlohmann::json list = nlohmann::json::array();
  if (j.is_object() && j.contains(list_field)) {
    list = j[list_field];
    if (!list.is_array()) return Status::InvalidArgument(list_field + " must be a list", list_field);
    j.erase(list_field);
    HttpRequest rest = request;
    rest.body = j.dump();
    ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(rest));
    return std::make_pair(std::move(body), std::move(list));
  }
  ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(request));
  return std::make_pair(std::move(body), std::move(list));
}

Result<std::string> HouseholdVillageForWrite(Connection& c, const Caller& caller, const std::string& input, const std::string& field) {
  ZX_ASSIGN_OR_RETURN(std::string code, ParseRegionCode(input, field));
  if (!caller.InScope(code)) return Status::NotFound("region " + code + " not found");
  ZX_ASSIGN_OR_RETURN(RegionLevel level, LevelOfCode(code));
  if (level != RegionLevel::kVillage) return Status::InvalidArgument("须选择村（社区）", field);
  ZX_ASSIGN_OR_RETURN(int64_t n, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
  if (!n) return Status::NotFound("region " + code + " not found");
  return code;
}

Result<CodeRange> HouseholdRange(const RequestContext& ctx) {
  if (!ctx.Query("village").empty()) return RegionFilter(ctx, "village");
  return RegionFilter(ctx, "region");
}

Result<PageArgs> ReadPage(const RequestContext& ctx) {
  PageArgs p;
  ZX_ASSIGN_OR_RETURN(p.page, ctx.IntQuery("page", 1, 1, 1000000));
  ZX_ASSIGN_OR_RETURN(p.size, ctx.IntQuery("page_size", 20, 1, 500));
  return p;
}

}  // namespace zx

#include "modules/regions/region_routes.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/user_routes.h"
#include "http/errors.h"
#include "http/json_body.h"
#include "modules/regions/region_store.h"

namespace zx {
namespace {

nlohmann::json Counts(const Region& r) {
  return {{"province", r.counts[0]}, {"city", r.counts[1]}, {"county", r.counts[2]},
          {"township", r.counts[3]}, {"village", r.counts[4]}};
}

nlohmann::json Brief(const Region& r) {
  return {{"code", r.code}, {"name", r.name}, {"level", LevelName(r.level)}};
}

nlohmann::json Full(const Region& r) {
  nlohmann::json j = Brief(r);
  j["parent_code"] = r.parent_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.parent_code);
  j["counts"] = Counts(r);
  j["child_count"] = r.child_count;
  if (r.latitude && r.longitude) j["position"] = {{"latitude", *r.latitude}, {"longitude", *r.longitude}};
  return j;
}

Result<Region> MustFind(Connection& c, const std::string& code) {
  ZX_ASSIGN_OR_RETURN(std::optional<Region> r, FindRegion(c, code));
  if (!r) return Status::NotFound("region " + code + " not found");
  return std::move(*r);
}

}  // namespace

void RegisterRegionRoutes(Router& router, Database& db, const ChineseNames& names, const Clock& clock) {
  router.Add({"PUT", "/api/v1/regions/{code}/position", Access::kPermission, "regions.manage", "code",
              "Set where a village (its office) lies; check-ins are measured against it",
              [&db, &clock](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(JsonBody body, JsonBody::Parse(ctx.request));
                ZX_ASSIGN_OR_RETURN(double lat, body.Number("latitude", -90, 90));
                ZX_ASSIGN_OR_RETURN(double lon, body.Number("longitude", -180, 180));
                ZX_RETURN_IF_ERROR(body.RejectUnknownFields());
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Region r, MustFind(c, ctx.scope_code));
                  nlohmann::json before = nullptr;
                  if (r.latitude && r.longitude) before = {{"latitude", *r.latitude}, {"longitude", *r.longitude}};
                  ZX_RETURN_IF_ERROR(c.Execute("UPDATE regions SET latitude = ?, longitude = ? WHERE code = ?", lat, lon, r.code));
                  out = {{"code", r.code}, {"latitude", lat}, {"longitude", lon}};
                  return AppendAudit(c, ActorOf(ctx), {"update", "region_position", r.code, r.code, before,
                                                       nlohmann::json{{"latitude", lat}, {"longitude", lon}}},
                                     clock.NowSeconds());
                }));
                return JsonResponse(200, out.dump());
              }});

  router.Add({"GET", "/api/v1/regions", Access::kPermission, "regions.read", "",
              "Search regions by name, traditional name, pinyin initials or code",
              [&db, &names](RequestContext& ctx) -> Result<HttpResponse> {
                std::string q = ctx.Query("q");
                if (q.empty()) return Status::InvalidArgument("q is required (a name, pinyin initials or a code)", "q");
                if (q.size() > 100) return Status::InvalidArgument("q is too long", "q");
                ZX_ASSIGN_OR_RETURN(int64_t limit, ctx.IntQuery("limit", 20, 1, 100));
                std::vector<RegionSearchHit> hits;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(hits, SearchRegions(c, names, q, ctx.caller->scope_code,
                                                          ctx.caller->scope_level, static_cast<int>(limit)));
                  return Status::Ok();
                }));
                nlohmann::json items = nlohmann::json::array();
                for (const auto& h : hits) {
                  nlohmann::json j = Brief(h.region);
                  j["path"] = h.path;
                  items.push_back(std::move(j));
                }
                return JsonResponse(200, nlohmann::json{{"items", items}}.dump());
              }});

  router.Add({"GET", "/api/v1/regions/{code}", Access::kPermission, "regions.read", "code",
              "One region with its parent chain and descendant counts by level",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Region r, MustFind(c, ctx.scope_code));
                  ZX_ASSIGN_OR_RETURN(std::vector<Region> chain, RegionChain(c, r));
                  out = Full(r);
                  out["chain"] = nlohmann::json::array();
                  for (const auto& a : chain) out["chain"].push_back(Brief(a));
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});

  router.Add({"GET", "/api/v1/regions/{code}/children", Access::kPermission, "regions.read", "code",
              "The children of a region, paged",
              [&db](RequestContext& ctx) -> Result<HttpResponse> {
                ZX_ASSIGN_OR_RETURN(int64_t page, ctx.IntQuery("page", 1, 1, 1000000));
                ZX_ASSIGN_OR_RETURN(int64_t page_size, ctx.IntQuery("page_size", 20, 1, 500));
                nlohmann::json out;
                ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
                  ZX_ASSIGN_OR_RETURN(Region r, MustFind(c, ctx.scope_code));
                  ZX_ASSIGN_OR_RETURN(std::vector<Region> kids,
                                      RegionChildren(c, r.code, (page - 1) * page_size, page_size));
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& k : kids) items.push_back(Full(k));
                  out = {{"items", items}, {"total", r.child_count}, {"page", page}, {"page_size", page_size}};
                  return Status::Ok();
                }));
                return JsonResponse(200, out.dump());
              }});
}

}  // namespace zx

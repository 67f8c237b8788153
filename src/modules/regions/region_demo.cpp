#include "modules/regions/region_demo.h"

#include <cmath>
#include <map>
#include <vector>

#include "core/region_code.h"
#include "modules/regions/region_import.h"

namespace zx {
namespace {

// A seeded hash, so the same code always gets the same position on every machine.
uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
double Unit(uint64_t seed) { return static_cast<double>(SplitMix(seed) >> 11) / 9007199254740992.0; }

struct Seat {
  const char* county;
  double latitude, longitude;  // the county seat
};
constexpr Seat kSeats[] = {{"610331000000", 34.0626, 107.3197}, {"420323000000", 32.2249, 110.2297}};

}  // namespace

Result<RegionDemoReport> LoadRegionDemo(Database& db, const ChineseNames& names, const std::string& source) {
  RegionDemoReport report;
  for (const char* county : kDemoCounties) {
    std::string code = std::string(county) + "000000";
    int64_t present = 0;
    ZX_RETURN_IF_ERROR(db.Read([&](Connection& c) -> Status {
      ZX_ASSIGN_OR_RETURN(present, QueryInt(c, "SELECT COUNT(*) FROM regions WHERE code = ?", code));
      return Status::Ok();
    }));
    if (!present) {
      ZX_RETURN_IF_ERROR(ImportRegions(db, names, {source, std::string(county)}).status());
      ++report.counties_imported;
    }
  }
  // Townships lie 5 to 25 km from the county seat, villages up to 4 km from their township.
  ZX_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
    for (const Seat& seat : kSeats) {
      CodeRange range = SubtreeRange(seat.county, RegionLevel::kCounty);
      struct Place { std::string code; int level; std::string parent; };
      std::vector<Place> places;
      {
        ZX_ASSIGN_OR_RETURN(Stmt st, c.Prepare("SELECT code, level, parent_code FROM regions WHERE code BETWEEN ? AND ? "
                                               "AND latitude IS NULL ORDER BY code"));
        st.Bind(range.low, range.high);
        for (;;) {
          ZX_ASSIGN_OR_RETURN(bool row, st->Step());
          if (!row) break;
          places.push_back({st->Text(0), static_cast<int>(st->Int(1)), st->Text(2)});
        }
      }
      std::map<std::string, std::pair<double, double>> at;
      at[seat.county] = {seat.latitude, seat.longitude};
      constexpr double kKmPerDegLat = 111.0;
      const double km_per_deg_lon = 111.0 * std::cos(seat.latitude * M_PI / 180.0);
      for (const Place& p : places) {
        uint64_t seed = std::stoull(p.code);
        double lat = seat.latitude, lon = seat.longitude;
        if (p.level > static_cast<int>(RegionLevel::kCounty)) {
          auto base = at.count(p.parent) ? at[p.parent] : std::make_pair(seat.latitude, seat.longitude);
          bool township = p.level == static_cast<int>(RegionLevel::kTownship);
          double dist = township ? 5 + 20 * Unit(seed) : 0.5 + 3.5 * Unit(seed);
          double angle = 2 * M_PI * Unit(seed ^ 0xABCDEF);
          lat = base.first + dist * std::sin(angle) / kKmPerDegLat;
          lon = base.second + dist * std::cos(angle) / km_per_deg_lon;
        }
        at[p.code] = {lat, lon};
        ZX_RETURN_IF_ERROR(c.Execute("UPDATE regions SET latitude = ?, longitude = ? WHERE code = ?",
                                     std::round(lat * 1e6) / 1e6, std::round(lon * 1e6) / 1e6, p.code));
        ++report.positions_set;
      }
    }
    return Status::Ok();
  }));
  return report;
}

}  // namespace zx

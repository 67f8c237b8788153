#include "core/region_code.h"

#include <array>

namespace zx {
namespace {
constexpr std::array<int, kRegionLevels> kPrefix = {0, 2, 4, 6, 9, 12};
constexpr std::array<const char*, kRegionLevels> kNames = {"country", "province", "city",
                                                          "county", "township", "village"};

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
bool AllZero(std::string_view s) {
  for (char c : s)
    if (c != '0') return false;
  return true;
}
}  // namespace

int PrefixLength(RegionLevel level) { return kPrefix[static_cast<int>(level)]; }
const char* LevelName(RegionLevel level) { return kNames[static_cast<int>(level)]; }

bool ParseLevelName(std::string_view name, RegionLevel* level) {
  for (int i = 0; i < kRegionLevels; ++i) {
    if (name == kNames[i]) {
      *level = static_cast<RegionLevel>(i);
      return true;
    }
  }
  return false;
}

Result<RegionLevel> LevelOfCode(std::string_view code) {
  if (code.size() != 12 || !AllDigits(code))
    return Status::InvalidArgument("region code must be 12 digits", "code");
  // The level is the deepest non-zero part; every part above it must be non-zero too.
  int level = 0;
  for (int l = 1; l < kRegionLevels; ++l) {
    std::string_view part = code.substr(kPrefix[l - 1], kPrefix[l] - kPrefix[l - 1]);
    if (!AllZero(part)) level = l;
  }
  for (int l = 1; l <= level; ++l) {
    std::string_view part = code.substr(kPrefix[l - 1], kPrefix[l] - kPrefix[l - 1]);
    // Cities without counties (东莞 4419, 中山 4420, 儋州 4604) put townships straight under the
    // city, with a zero county part.
    if (l == static_cast<int>(RegionLevel::kCounty) && level > l) continue;
    if (AllZero(part))
      return Status::InvalidArgument(std::string("region code ") + std::string(code) + " has an empty " +
                                         kNames[l] + " part under a non-empty lower part",
                                     "code");
  }
  return static_cast<RegionLevel>(level);
}

Result<std::string> ParseRegionCode(std::string_view input, std::string_view field) {
  std::string f(field);
  if (input.empty()) return Status::InvalidArgument("region code is empty", f);
  if (!AllDigits(input))
    return Status::InvalidArgument("region code must contain digits only: " + std::string(input.substr(0, 32)), f);
  std::string canonical;
  switch (input.size()) {
    case 1:
      if (input != "0") return Status::InvalidArgument("region code has a wrong length", f);
      canonical = kCountryCode;
      break;
    case 2: case 4: case 6: case 9: case 12:
      canonical = std::string(input) + std::string(12 - input.size(), '0');
      break;
    default:
      return Status::InvalidArgument(
          "region code must have 2, 4, 6, 9 or 12 digits, got " + std::to_string(input.size()), f);
  }
  auto level = LevelOfCode(canonical);
  if (!level.ok()) return Status::InvalidArgument(level.status().message(), f);
  // A short form must name a region of exactly that depth (e.g. "610300" is a city written
  // as a county code: accept it, since the padded form is unambiguous).
  return canonical;
}

std::string ParentCode(std::string_view code, RegionLevel level) {
  if (level == RegionLevel::kCountry) return {};
  int keep = kPrefix[static_cast<int>(level) - 1];
  return std::string(code.substr(0, keep)) + std::string(12 - keep, '0');
}

std::string ShortCode(std::string_view code, RegionLevel level) {
  if (level == RegionLevel::kCountry) return "0";
  return std::string(code.substr(0, kPrefix[static_cast<int>(level)]));
}

CodeRange SubtreeRange(std::string_view code, RegionLevel level) {
  int keep = kPrefix[static_cast<int>(level)];
  std::string prefix(code.substr(0, keep));
  return {prefix + std::string(12 - keep, '0'), prefix + std::string(12 - keep, '9')};
}

std::vector<std::string> SelfAndAncestors(std::string_view code, RegionLevel level) {
  std::vector<std::string> codes;
  for (int l = static_cast<int>(level); l >= 0; --l) {
    int keep = kPrefix[l];
    codes.push_back(std::string(code.substr(0, keep)) + std::string(12 - keep, '0'));
  }
  while (codes.size() < static_cast<size_t>(kRegionLevels)) codes.push_back(codes.back());
  return codes;
}

bool IsWithin(std::string_view code, std::string_view root, RegionLevel root_level) {
  int keep = kPrefix[static_cast<int>(root_level)];
  return code.size() == 12 && code.substr(0, keep) == root.substr(0, keep);
}

}  // namespace zx

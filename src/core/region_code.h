// Region codes: the national statistical division codes (12 digits: 2 province, 2 city, 2 county,
// 3 township, 3 village). Canonical form is the 12-digit code padded with zeros; the short prefix
// forms (61, 6103, 610331, 610331100) are accepted as input. "000000000000" is the whole country.
// Because the padded codes sort parents before children, lexicographic order is a depth-first
// preorder of the tree and every subtree is one contiguous code range.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zx {

enum class RegionLevel { kCountry = 0, kProvince = 1, kCity = 2, kCounty = 3, kTownship = 4, kVillage = 5 };

inline constexpr int kRegionLevels = 6;
inline constexpr char kCountryCode[] = "000000000000";

// Digits that identify a region of a level: 0, 2, 4, 6, 9, 12.
int PrefixLength(RegionLevel level);
const char* LevelName(RegionLevel level);  // "country", "province", ...
bool ParseLevelName(std::string_view name, RegionLevel* level);

// Validates and canonicalises user input (short or long form). `field` names the input in errors.
Result<std::string> ParseRegionCode(std::string_view input, std::string_view field = "code");

// Level of a canonical 12-digit code: its deepest non-zero part. InvalidArgument if the zero
// pattern is impossible (e.g. a non-zero village part under a zero township part). A zero county
// part under a city is allowed: cities without counties keep their townships directly.
Result<RegionLevel> LevelOfCode(std::string_view canonical);

// Canonical code of the parent; the country has no parent (returns empty string).
std::string ParentCode(std::string_view canonical, RegionLevel level);

// The short form of a canonical code (e.g. "610331" for a county).
std::string ShortCode(std::string_view canonical, RegionLevel level);

// Inclusive bounds [low, high] of every canonical code in the subtree rooted at `canonical`.
struct CodeRange {
  std::string low;
  std::string high;
};
CodeRange SubtreeRange(std::string_view canonical, RegionLevel level);

// The region and every ancestor up to the country, nearest first, always six codes (the last one
// repeated): for "the nearest rule up the tree" lookups with one query. Among them, the nearest
// one that has a rule is the one with the largest code.
std::vector<std::string> SelfAndAncestors(std::string_view canonical, RegionLevel level);

// True if `code` lies in the subtree of `root` (root itself included).
bool IsWithin(std::string_view code, std::string_view root, RegionLevel root_level);

}  // namespace zx

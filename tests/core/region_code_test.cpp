#include "core/region_code.h"

#include <gtest/gtest.h>

namespace zx {

TEST(RegionCodeTest, ShortFormsBecomeCanonical) {
  EXPECT_EQ(*ParseRegionCode("61"), "610000000000");
  EXPECT_EQ(*ParseRegionCode("6103"), "610300000000");
  EXPECT_EQ(*ParseRegionCode("610331"), "610331000000");
  EXPECT_EQ(*ParseRegionCode("610331100"), "610331100000");
  EXPECT_EQ(*ParseRegionCode("610331100200"), "610331100200");
  EXPECT_EQ(*ParseRegionCode("0"), "000000000000");
}

TEST(RegionCodeTest, MalformedCodesNameTheField) {
  for (const char* bad : {"", "6", "610", "61033", "6103311002001", "61a331", "61 331", "０61"}) {
    auto r = ParseRegionCode(bad, "code");
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().field(), "code") << bad;
  }
  // A village part under an empty township part is impossible.
  EXPECT_FALSE(ParseRegionCode("610331000200").ok());
  EXPECT_FALSE(ParseRegionCode("000031000000").ok());
}

TEST(RegionCodeTest, LevelsParentsAndRanges) {
  EXPECT_EQ(*LevelOfCode("000000000000"), RegionLevel::kCountry);
  EXPECT_EQ(*LevelOfCode("610000000000"), RegionLevel::kProvince);
  EXPECT_EQ(*LevelOfCode("610331000000"), RegionLevel::kCounty);
  EXPECT_EQ(*LevelOfCode("610331100200"), RegionLevel::kVillage);
  EXPECT_EQ(ParentCode("610331100200", RegionLevel::kVillage), "610331100000");
  EXPECT_EQ(ParentCode("610000000000", RegionLevel::kProvince), "000000000000");
  EXPECT_EQ(ShortCode("610331000000", RegionLevel::kCounty), "610331");
  CodeRange r = SubtreeRange("610331000000", RegionLevel::kCounty);
  EXPECT_EQ(r.low, "610331000000");
  EXPECT_EQ(r.high, "610331999999");
  EXPECT_TRUE(IsWithin("610331100200", "610331000000", RegionLevel::kCounty));
  EXPECT_FALSE(IsWithin("420323100200", "610331000000", RegionLevel::kCounty));
  EXPECT_TRUE(IsWithin("420323100200", "000000000000", RegionLevel::kCountry));
}

}  // namespace zx

namespace zx {
TEST(RegionCodeTest, CitiesWithoutCountiesHaveTownshipsWithAZeroCountyPart) {
  EXPECT_EQ(*LevelOfCode("441900003000"), RegionLevel::kTownship);  // 东莞市 东城街道
  EXPECT_EQ(ParentCode("441900003000", RegionLevel::kTownship), "441900000000");  // the city itself
  EXPECT_EQ(*LevelOfCode("441900000000"), RegionLevel::kCity);
}
}  // namespace zx

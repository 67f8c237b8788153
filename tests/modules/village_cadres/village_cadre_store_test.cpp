#include "modules/village_cadres/village_cadre_store.h"

#include <gtest/gtest.h>

#include "modules/village_cadres/village_cadre_routes.h"

namespace zx {

TEST(VillageCadreRulesTest, PostsAndRatingsAreAClosedList) {
  EXPECT_TRUE(IsVillagePost("secretary"));
  EXPECT_TRUE(IsVillagePost("director"));
  EXPECT_FALSE(IsVillagePost("mayor"));
  EXPECT_STREQ(VillagePostTitle("secretary"), "村党组织书记");
  EXPECT_STREQ(VillagePostTitle("director"), "村委会主任");
  for (const char* r : {"excellent", "competent", "basic", "incompetent"}) EXPECT_TRUE(IsSecretaryRating(r));
  EXPECT_FALSE(IsSecretaryRating("great"));
  EXPECT_STREQ(SecretaryRatingTitle("basic"), "基本称职");
}

TEST(VillageCadreRulesTest, AgeOnADay) {
  EXPECT_EQ(PostHolderAge("1976-01-01", "2026-11-20"), 50);
  EXPECT_EQ(PostHolderAge("1976-11-21", "2026-11-20"), 49);  // birthday tomorrow
  EXPECT_EQ(PostHolderAge("1976-11-20", "2026-11-20"), 50);
  EXPECT_EQ(PostHolderAge("", "2026-11-20"), -1);
}

TEST(VillageCadreRulesTest, CountsGroupByTheChildOfTheChosenRegion) {
  EXPECT_EQ(ChildKey("610331104200", "610331000000"), "610331104000");  // county → township
  EXPECT_EQ(ChildKey("610331104200", "610331104000"), "610331104200");  // township → village
  EXPECT_EQ(ChildKey("610331104200", "610331104200"), "610331104200");  // a village itself
  EXPECT_EQ(ChildKey("610331104200", "610000000000"), "610300000000");  // province → city
}

}  // namespace zx

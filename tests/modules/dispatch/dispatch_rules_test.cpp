#include "modules/dispatch/dispatch_rules.h"

#include <gtest/gtest.h>

namespace zx {

TEST(DispatchRulesTest, OnlyADispatchInPostEndsAndOnlyOnce) {
  EXPECT_TRUE(CheckDispatchTransition("in_post", "rotated", "").ok());
  EXPECT_TRUE(CheckDispatchTransition("in_post", "term_ended", "").ok());
  EXPECT_TRUE(CheckDispatchTransition("in_post", "recalled", "不称职").ok());
  EXPECT_EQ(CheckDispatchTransition("in_post", "recalled", "").field(), "reason");
  EXPECT_EQ(CheckDispatchTransition("recalled", "in_post", "").code(), Code::kConflict);
  EXPECT_EQ(CheckDispatchTransition("rotated", "recalled", "x").code(), Code::kConflict);
  EXPECT_EQ(CheckDispatchTransition("in_post", "fired", "").field(), "status");
}

TEST(DispatchRulesTest, Terms) {
  EXPECT_TRUE(CheckTerm("2026-01-01", "2027-12-31").ok());
  EXPECT_EQ(CheckTerm("2026-01-01", "2025-12-31").field(), "term_end");
  EXPECT_EQ(CheckTerm("2026-13-01", "2027-12-31").field(), "term_start");
  EXPECT_EQ(CheckTerm("2026-01-01", "2035-01-01").field(), "term_end");
}

}  // namespace zx

#include "modules/supervision/supervision_rules.h"

#include <gtest/gtest.h>

namespace zx {

TEST(SupervisionRulesTest, AFindingClosesOnlyWithEvidenceAndSignOff) {
  EXPECT_EQ(CheckClose("rectifying", 0).field(), "attachments");
  EXPECT_EQ(CheckClose("rectifying", 2).field(), "sign_off");
  EXPECT_EQ(CheckClose("open", 1).field(), "sign_off");
  EXPECT_TRUE(CheckClose("signed_off", 1).ok());
  EXPECT_EQ(CheckClose("signed_off", 0).field(), "attachments");
  EXPECT_EQ(CheckClose("closed", 1).code(), Code::kConflict);
}

TEST(SupervisionRulesTest, SignOffNeedsEvidence) {
  EXPECT_EQ(CheckSignOff("rectifying", 0).field(), "attachments");
  EXPECT_TRUE(CheckSignOff("rectifying", 1).ok());
  EXPECT_EQ(CheckSignOff("signed_off", 1).code(), Code::kConflict);
}

TEST(SupervisionRulesTest, Vocabularies) {
  EXPECT_TRUE(CheckSeverity("serious").ok());
  EXPECT_EQ(CheckSeverity("huge").field(), "severity");
  EXPECT_TRUE(CheckInspectionKind("unannounced").ok());
  EXPECT_EQ(CheckInspectionKind("secret").field(), "kind");
  EXPECT_TRUE(CheckRating("fairly_good").ok());
  EXPECT_EQ(CheckRating("excellent").field(), "rating");
}

}  // namespace zx

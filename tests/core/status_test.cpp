#include "core/status.h"

#include <gtest/gtest.h>

namespace zx {

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd", "x");
  return x / 2;
}

Status UseHalf(int x, int* out) {
  ZX_ASSIGN_OR_RETURN(*out, Half(x));
  return Status::Ok();
}

TEST(StatusTest, CarriesCodeMessageAndField) {
  Status s = Status::InvalidArgument("bad code", "code");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_EQ(s.field(), "code");
  EXPECT_EQ(std::string(CodeName(s.code())), "invalid_argument");
  EXPECT_EQ(s.WithPrefix("line 3: ").message(), "line 3: bad code");
}

TEST(StatusTest, AssignOrReturnPropagatesErrors) {
  int out = 0;
  EXPECT_TRUE(UseHalf(8, &out).ok());
  EXPECT_EQ(out, 4);
  Status s = UseHalf(7, &out);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.field(), "x");
}

}  // namespace zx

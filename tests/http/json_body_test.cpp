#include "http/json_body.h"

#include <gtest/gtest.h>

namespace zx {

static HttpRequest Body(std::string b) {
  HttpRequest r;
  r.body = std::move(b);
  return r;
}

TEST(JsonBodyTest, RejectsNonObjectsAndBrokenJson) {
  EXPECT_EQ(JsonBody::Parse(Body("")).status().field(), "body");
  EXPECT_EQ(JsonBody::Parse(Body("[1]")).status().field(), "body");
  EXPECT_EQ(JsonBody::Parse(Body("{\"a\":")).status().field(), "body");
  EXPECT_EQ(JsonBody::Parse(Body("{\"a\":\"\xC0\xAF\"}")).status().field(), "body");
}

TEST(JsonBodyTest, TypesBoundsAndUnknownFieldsNameTheField) {
  auto b = JsonBody::Parse(Body(R"({"name":"  太白　县 ","n":5,"big":99,"s":1,"extra":true})"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b->String("name"), "太白 县");
  EXPECT_EQ(*b->Int("n", 0, 10), 5);
  EXPECT_EQ(b->Int("big", 0, 10).status().field(), "big");
  EXPECT_EQ(b->String("s").status().field(), "s");
  EXPECT_EQ(b->String("missing").status().field(), "missing");
  Status unknown = b->RejectUnknownFields();
  EXPECT_EQ(unknown.field(), "extra");
}

TEST(JsonBodyTest, LengthIsCountedInCharacters) {
  auto b = JsonBody::Parse(Body(R"({"name":"太白县"})"));
  EXPECT_TRUE(b->String("name", 3).ok());
  auto c = JsonBody::Parse(Body(R"({"name":"太白县"})"));
  EXPECT_EQ(c->String("name", 2).status().field(), "name");
}

}  // namespace zx

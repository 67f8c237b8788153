// Request bodies of every route family go through JsonBody: parse, typed fields with bounds,
// unknown fields refused. The fields read here are the shapes the routes use.
#include <cstdint>
#include <string>

#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zx::HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/fuzz";
  request.headers["content-type"] = "application/json";
  request.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = zx::JsonBody::Parse(request);
  if (!body.ok()) return 0;
  (void)body->String("name", 50);
  (void)body->OptionalString("note", 500);
  (void)body->Secret("password");
  (void)body->Int("person_id", 1, INT64_MAX);
  (void)body->OptionalInt("days", 0, 366);
  (void)body->Bool("party_member");
  (void)body->Number("latitude", -90, 90);
  (void)body->OptionalNumber("accuracy_m", 0, 100000);
  auto tags = body->StringList("tags", 20, 30);
  if (tags.ok() && tags->size() > 20) __builtin_trap();
  auto name = body->String("client_id", 64);
  if (name.ok() && zx::Utf8Length(*name) > 64) __builtin_trap();
  (void)body->RejectUnknownFields();
  return 0;
}

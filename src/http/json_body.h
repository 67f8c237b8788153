// Strict reading of JSON request bodies: the body must be an object, each field has the declared
// type and bounds, and a field the route does not know is an error (a typo must not be silently
// ignored). Every error names the field.
// Thread-safety: one reader per request.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>

#include "core/status.h"
#include "http/http_types.h"

namespace zx {

class JsonBody {
 public:
  // Parses `request.body`; fails on an empty or non-object body or invalid UTF-8.
  static Result<JsonBody> Parse(const HttpRequest& request);

  // A required string, normalised (full-width to half-width, trimmed), 1..max_chars characters.
  Result<std::string> String(const std::string& field, size_t max_chars = 200);
  // An optional string; nullopt when absent or null.
  Result<std::optional<std::string>> OptionalString(const std::string& field, size_t max_chars = 200);
  // A required string taken byte-exact (passwords: no normalisation).
  Result<std::string> Secret(const std::string& field, size_t max_bytes = 256);
  Result<int64_t> Int(const std::string& field, int64_t min, int64_t max);
  Result<std::optional<int64_t>> OptionalInt(const std::string& field, int64_t min, int64_t max);
  Result<bool> Bool(const std::string& field);
  // A required / optional finite number within [min, max].
  Result<double> Number(const std::string& field, double min, double max);
  Result<std::optional<double>> OptionalNumber(const std::string& field, double min, double max);
  Result<std::vector<std::string>> StringList(const std::string& field, size_t max_items, size_t max_chars = 100);
  // A required list of objects, each read strictly like a body of its own; errors inside an item
  // should name it with ItemField (e.g. "items[2].amount_yuan").
  Result<std::vector<JsonBody>> ObjectList(const std::string& field, size_t max_items);

  // True if the field is present (even as null): PATCH bodies tell "clear" (null) from "keep" (absent).
  bool Has(const std::string& field) const { return json_.contains(field); }
  bool IsNull(const std::string& field) const { return json_.contains(field) && json_[field].is_null(); }

  // Call last: fails naming the first field that no accessor asked for.
  Status RejectUnknownFields() const;

  const nlohmann::json& raw() const { return json_; }

 private:
  explicit JsonBody(nlohmann::json j) : json_(std::move(j)) {}
  const nlohmann::json* Get(const std::string& field);
  nlohmann::json json_;
  std::set<std::string> seen_;
};

// A status from reading item `index` of list `list`, its field renamed "list[index].field".
Status ItemField(const Status& s, const std::string& list, size_t index);

// Counts Unicode code points in UTF-8 text.
size_t Utf8Length(std::string_view s);

}  // namespace zx

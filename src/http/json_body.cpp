#include "http/json_body.h"

#include "core/text.h"

namespace zx {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Result<JsonBody> JsonBody::Parse(const HttpRequest& request) {
  if (request.body.empty()) return Status::InvalidArgument("request body is empty; a JSON object is expected", "body");
  if (!IsValidUtf8(request.body)) return Status::InvalidArgument("request body is not valid UTF-8", "body");
  nlohmann::json j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("request body is not valid JSON", "body");
  if (!j.is_object()) return Status::InvalidArgument("request body must be a JSON object", "body");
  return JsonBody(std::move(j));
}

const nlohmann::json* JsonBody::Get(const std::string& field) {
  seen_.insert(field);
  auto it = json_.find(field);
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::optional<std::string>> JsonBody::OptionalString(const std::string& field, size_t max_chars) {
  const nlohmann::json* v = Get(field);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return Status::InvalidArgument(field + " must be a string", field);
  std::string s = NormalizeInput(v->get<std::string>());
  if (Utf8Length(s) > max_chars)
    return Status::InvalidArgument(field + " is longer than " + std::to_string(max_chars) + " characters", field);
  return std::optional<std::string>(std::move(s));
}

Result<std::string> JsonBody::String(const std::string& field, size_t max_chars) {
  ZX_ASSIGN_OR_RETURN(std::optional<std::string> s, OptionalString(field, max_chars));
  if (!s || s->empty()) return Status::InvalidArgument(field + " is required", field);
  return std::move(*s);
}

Result<std::string> JsonBody::Secret(const std::string& field, size_t max_bytes) {
  const nlohmann::json* v = Get(field);
  if (!v) return Status::InvalidArgument(field + " is required", field);
  if (!v->is_string()) return Status::InvalidArgument(field + " must be a string", field);
  std::string s = v->get<std::string>();
  if (s.empty()) return Status::InvalidArgument(field + " is required", field);
  if (s.size() > max_bytes) return Status::InvalidArgument(field + " is too long", field);
  return s;
}

Result<std::optional<int64_t>> JsonBody::OptionalInt(const std::string& field, int64_t min, int64_t max) {
  const nlohmann::json* v = Get(field);
  if (!v) return std::optional<int64_t>();
  if (!v->is_number_integer()) return Status::InvalidArgument(field + " must be an integer", field);
  int64_t x = v->get<int64_t>();
  if (x < min || x > max)
    return Status::InvalidArgument(
        field + " must be between " + std::to_string(min) + " and " + std::to_string(max), field);
  return std::optional<int64_t>(x);
}

Result<int64_t> JsonBody::Int(const std::string& field, int64_t min, int64_t max) {
  ZX_ASSIGN_OR_RETURN(std::optional<int64_t> x, OptionalInt(field, min, max));
  if (!x) return Status::InvalidArgument(field + " is required", field);
  return *x;
}

Result<std::optional<double>> JsonBody::OptionalNumber(const std::string& field, double min, double max) {
  const nlohmann::json* v = Get(field);
  if (!v) return std::optional<double>();
  if (!v->is_number()) return Status::InvalidArgument(field + " must be a number", field);
  double x = v->get<double>();
  if (!(x >= min && x <= max))
    return Status::InvalidArgument(field + " must be between " + nlohmann::json(min).dump() + " and " +
                                       nlohmann::json(max).dump(),
                                   field);
  return std::optional<double>(x);
}

Result<double> JsonBody::Number(const std::string& field, double min, double max) {
  ZX_ASSIGN_OR_RETURN(std::optional<double> x, OptionalNumber(field, min, max));
  if (!x) return Status::InvalidArgument(field + " is required", field);
  return *x;
}

Result<bool> JsonBody::Bool(const std::string& field) {
  const nlohmann::json* v = Get(field);
  if (!v) return Status::InvalidArgument(field + " is required", field);
  if (!v->is_boolean()) return Status::InvalidArgument(field + " must be true or false", field);
  return v->get<bool>();
}

Result<std::vector<std::string>> JsonBody::StringList(const std::string& field, size_t max_items, size_t max_chars) {
  const nlohmann::json* v = Get(field);
  if (!v) return Status::InvalidArgument(field + " is required", field);
  if (!v->is_array()) return Status::InvalidArgument(field + " must be a list of strings", field);
  if (v->size() > max_items)
    return Status::InvalidArgument(field + " has more than " + std::to_string(max_items) + " items", field);
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) return Status::InvalidArgument(field + " must be a list of strings", field);
    std::string s = NormalizeInput(item.get<std::string>());
    if (s.empty() || Utf8Length(s) > max_chars) return Status::InvalidArgument(field + " has an empty or too long item", field);
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<JsonBody>> JsonBody::ObjectList(const std::string& field, size_t max_items) {
  const nlohmann::json* v = Get(field);
  if (!v || v->is_null()) return Status::InvalidArgument(field + " is required", field);
  if (!v->is_array()) return Status::InvalidArgument(field + " must be a list", field);
  if (v->size() > max_items)
    return Status::InvalidArgument(field + " has more than " + std::to_string(max_items) + " items", field);
  std::vector<JsonBody> out;
  for (size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_object())
      return Status::InvalidArgument(field + "[" + std::to_string(i) + "] must be an object", field + "[" + std::to_string(i) + "]");
    out.push_back(JsonBody((*v)[i]));
  }
  return out;
}

Status ItemField(const Status& s, const std::string& list, size_t index) {
  if (s.ok() || s.code() != Code::kInvalidArgument) return s;
  std::string at = list + "[" + std::to_string(index) + "]";
  return Status::InvalidArgument(at + ": " + s.message(), s.field().empty() ? at : at + "." + s.field());
}

Status JsonBody::RejectUnknownFields() const {
  for (auto it = json_.begin(); it != json_.end(); ++it)
    if (!seen_.count(it.key())) return Status::InvalidArgument("unknown field " + it.key(), it.key());
  return Status::Ok();
}

}  // namespace zx

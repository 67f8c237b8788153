#include "modules/tasks/task_rules.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>

namespace zx {
namespace {

bool IsName(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool IsIndicatorKey(const std::string& s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= s.size() || s.size() > 80) return false;
  return IsName(s.substr(0, dot)) && IsName(s.substr(dot + 1));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

Result<std::vector<FormField>> ParseForm(const nlohmann::json& form) {
  if (!form.is_array()) return Status::InvalidArgument("form must be a list of fields", "form");
  if (form.size() > 30) return Status::InvalidArgument("表单最多 30 项", "form");
  std::vector<FormField> out;
  for (size_t i = 0; i < form.size(); ++i) {
    std::string at = "form[" + std::to_string(i) + "]";
    const auto& f = form[i];
    if (!f.is_object()) return Status::InvalidArgument(at + " must be an object", at);
    for (auto& [k, v] : f.items())
      if (k != "name" && k != "label" && k != "type" && k != "required" && k != "indicator")
        return Status::InvalidArgument("unknown field " + at + "." + k, at + "." + k);
    FormField field;
    if (!f.contains("name") || !f["name"].is_string() || !IsName(f["name"].get<std::string>()))
      return Status::InvalidArgument(at + ".name must be 1-40 of a-z, 0-9, _", at + ".name");
    field.name = f["name"].get<std::string>();
    if (std::any_of(out.begin(), out.end(), [&](const FormField& o) { return o.name == field.name; }))
      return Status::InvalidArgument("表单项名称重复：" + field.name, at + ".name");
    field.label = f.contains("label") && f["label"].is_string() ? f["label"].get<std::string>() : field.name;
    if (field.label.empty() || field.label.size() > 200) return Status::InvalidArgument(at + ".label is too long", at + ".label");
    if (!f.contains("type") || !f["type"].is_string()) return Status::InvalidArgument(at + ".type must be text, number or date", at + ".type");
    field.type = f["type"].get<std::string>();
    if (field.type != "text" && field.type != "number" && field.type != "date")
      return Status::InvalidArgument(at + ".type must be text, number or date", at + ".type");
    if (f.contains("required")) {
      if (!f["required"].is_boolean()) return Status::InvalidArgument(at + ".required must be true or false", at + ".required");
      field.required = f["required"].get<bool>();
    }
    if (f.contains("indicator") && !f["indicator"].is_null()) {
      if (!f["indicator"].is_string() || !IsIndicatorKey(f["indicator"].get<std::string>()))
        return Status::InvalidArgument(at + ".indicator must look like presence.compliance_rate", at + ".indicator");
      if (field.type != "number") return Status::InvalidArgument("只有数字项可以关联指标", at + ".indicator");
      field.indicator = f["indicator"].get<std::string>();
      field.required = false;  // the platform has the figure; nobody is asked for it
    }
    out.push_back(std::move(field));
  }
  return out;
}

nlohmann::json FormToJson(const std::vector<FormField>& form) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : form) {
    nlohmann::json j = {{"name", f.name}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
    if (!f.indicator.empty()) j["indicator"] = f.indicator;
    out.push_back(j);
  }
  return out;
}

Status CheckAnswers(const std::vector<FormField>& form, const nlohmann::json& answers, bool complete) {
  if (!answers.is_object()) return Status::InvalidArgument("answers must be an object", "answers");
  for (auto& [name, value] : answers.items()) {
    auto it = std::find_if(form.begin(), form.end(), [&](const FormField& f) { return f.name == name; });
    std::string field = "answers." + name;
    if (it == form.end()) return Status::InvalidArgument("表单中没有此项：" + name, field);
    if (!it->indicator.empty())
      return Status::InvalidArgument(it->label + " 由平台指标 " + it->indicator + " 提供，无需填报", field);
    if (value.is_null()) continue;
    if (it->type == "number" && !value.is_number())
      return Status::InvalidArgument(it->label + " 应填数字", field);
    if (it->type == "text" && (!value.is_string() || value.get<std::string>().size() > 4000))
      return Status::InvalidArgument(it->label + " 应填文字（不超过 4000 字节）", field);
    if (it->type == "date") {
      if (!value.is_string() || !DayNumber(value.get<std::string>(), field).ok())
        return Status::InvalidArgument(it->label + " 应填日期 YYYY-MM-DD", field);
    }
  }
  if (complete)
    for (const auto& f : form)
      if (f.required && (!answers.contains(f.name) || answers[f.name].is_null() ||
                         (answers[f.name].is_string() && answers[f.name].get<std::string>().empty())))
        return Status::InvalidArgument("必填项未填写：" + f.label, "answers." + f.name);
  return Status::Ok();
}

Result<std::string> EvidenceType(const std::string& file_name, const std::string& bytes, const std::string& field) {
  std::string name = Lower(file_name);
  auto starts = [&](const std::string& magic) { return bytes.compare(0, magic.size(), magic) == 0; };
  struct Kind { const char* ext; const char* type; bool ok; };
  bool zip = starts(std::string("PK\x03\x04", 4));
  const Kind kinds[] = {
      {".pdf", "application/pdf", starts("%PDF-")},
      {".jpg", "image/jpeg", starts("\xFF\xD8\xFF")},
      {".jpeg", "image/jpeg", starts("\xFF\xD8\xFF")},
      {".png", "image/png", starts("\x89PNG\r\n\x1A\n")},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip},
  };
  for (const auto& k : kinds) {
    if (!EndsWith(name, k.ext)) continue;
    if (!k.ok) return Status::InvalidArgument("文件内容与扩展名不符（" + file_name + "）", field);
    return std::string(k.type);
  }
  return Status::InvalidArgument("不允许的文件类型（只收 pdf、jpg、png、docx、xlsx）：" + file_name, "file_name");
}

Status CheckEvidenceName(const std::string& file_name) {
  std::string name = Lower(file_name);
  for (const char* ext : {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx"})
    if (EndsWith(name, ext)) return Status::Ok();
  return Status::InvalidArgument("不允许的文件类型（只收 pdf、jpg、png、docx、xlsx）：" + file_name, "file_name");
}

Result<std::string> DecodeEvidence(const std::string& base64, const std::string& field) {
  // Base64 is 4/3 of the bytes: refuse early without decoding what cannot fit.
  if (base64.size() > static_cast<size_t>(kMaxEvidenceBytes / 3 * 4 + 8))
    return Status::InvalidArgument("文件超过 5 MiB 上限", field);
  std::string bin(base64.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), base64.data(), base64.size(), " \r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return Status::InvalidArgument("文件内容不是有效的 base64", field);
  bin.resize(len);
  if (static_cast<int64_t>(len) > kMaxEvidenceBytes) return Status::InvalidArgument("文件超过 5 MiB 上限", field);
  if (len == 0) return Status::InvalidArgument("文件为空", field);
  return bin;
}

Result<int64_t> DayNumber(const std::string& day, const std::string& field) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (day.size() != 10 || day[4] != '-' || day[7] != '-' || std::sscanf(day.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return Status::InvalidArgument(field + " must be a date YYYY-MM-DD", field);
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap))
    return Status::InvalidArgument(field + " must be a date YYYY-MM-DD", field);
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string DayFromNumber(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y + (m <= 2)), m, d);
  return buf;
}

bool IsOverdue(const std::string& status, const std::string& deadline, const std::string& today) {
  return status != "done" && today > deadline;
}

Result<CyclePeriod> CurrentCyclePeriod(const std::string& frequency, const std::string& today) {
  ZX_ASSIGN_OR_RETURN(int64_t n, DayNumber(today, "today"));
  int y = std::stoi(today.substr(0, 4)), m = std::stoi(today.substr(5, 2));
  char buf[40];
  if (frequency == "weekly") {
    int64_t weekday = ((n % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; 0 = Monday
    int64_t monday = n - weekday;
    int64_t last_thursday = monday - 7 + 3;   // the ISO week's year is its Thursday's year
    std::string th = DayFromNumber(last_thursday);
    int wy = std::stoi(th.substr(0, 4));
    ZX_ASSIGN_OR_RETURN(int64_t jan1, DayNumber(std::to_string(wy) + "-01-01", "today"));
    int week = static_cast<int>((last_thursday - jan1) / 7 + 1);
    std::snprintf(buf, sizeof buf, "%04d-W%02d", wy, week);
    CyclePeriod p{buf, DayFromNumber(monday), ""};
    p.label = std::to_string(wy) + "年第" + std::to_string(week) + "周";
    return p;
  }
  if (frequency == "monthly") {
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    std::snprintf(buf, sizeof buf, "%04d-%02d", py, pm);
    CyclePeriod p{buf, today.substr(0, 8) + "01", std::to_string(py) + "年" + std::to_string(pm) + "月"};
    return p;
  }
  if (frequency == "quarterly") {
    int q = (m - 1) / 3 + 1;
    int py = q == 1 ? y - 1 : y, pq = q == 1 ? 4 : q - 1;
    std::snprintf(buf, sizeof buf, "%04d-Q%d", py, pq);
    char opens[16];
    std::snprintf(opens, sizeof opens, "%04d-%02d-01", y, (q - 1) * 3 + 1);
    return CyclePeriod{buf, opens, std::to_string(py) + "年第" + std::to_string(pq) + "季度"};
  }
  return Status::InvalidArgument("frequency must be weekly, monthly or quarterly", "frequency");
}

}  // namespace zx

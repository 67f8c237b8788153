#include "core/personal_ids.h"

#include <algorithm>

#include "core/text.h"

namespace zx {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  int dm = days[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= dm;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Compact(std::string_view input) {
  std::string half = FullWidthToHalfWidth(input);
  std::string out;
  for (char c : half)
    if (c != ' ' && c != '-') out.push_back(c == 'x' ? 'X' : c);
  return out;
}

}  // namespace

char IdCheckCharacter(std::string_view first17) {
  static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char checks[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * weights[i];
  return checks[sum % 11];
}

Result<IdNumber> ParseIdNumber(std::string_view input, std::string_view field_view) {
  std::string field(field_view);
  std::string s = Compact(input);
  if (s.empty()) return Status::InvalidArgument("身份证号为空", field);
  if (s.find('E') != std::string::npos || s.find('e') != std::string::npos || s.find('.') != std::string::npos)
    return Status::InvalidArgument("身份证号被表格软件存成了数字（如 6.10331E+17），末几位已丢失，请将该列设为文本后重新填写",
                                   field);
  auto digits = [](std::string_view v) { return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  IdNumber id;
  if (s.size() == 15) {
    if (!digits(s)) return Status::InvalidArgument("15 位身份证号只能包含数字", field);
    int y = 1900 + Num(s.substr(6, 2)), m = Num(s.substr(8, 2)), d = Num(s.substr(10, 2));
    if (!ValidDate(y, m, d)) return Status::InvalidArgument("身份证号中的出生日期无效", field);
    id.canonical = s;
    id.legacy15 = true;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    id.birth_date = buf;
    id.sex = (s[14] - '0') % 2 ? 'M' : 'F';
    return id;
  }
  if (s.size() != 18) return Status::InvalidArgument("身份证号应为 18 位（或旧版 15 位）", field);
  if (!digits(s.substr(0, 17)) || !(digits(s.substr(17)) || s[17] == 'X'))
    return Status::InvalidArgument("身份证号前 17 位应为数字，最后一位为数字或 X", field);
  if (IdCheckCharacter(std::string_view(s).substr(0, 17)) != s[17])
    return Status::InvalidArgument("身份证号校验位不正确", field);
  int y = Num(s.substr(6, 4)), m = Num(s.substr(10, 2)), d = Num(s.substr(12, 2));
  if (!ValidDate(y, m, d)) return Status::InvalidArgument("身份证号中的出生日期无效", field);
  id.canonical = s;
  id.birth_date = s.substr(6, 4) + "-" + s.substr(10, 2) + "-" + s.substr(12, 2);
  id.sex = (s[16] - '0') % 2 ? 'M' : 'F';
  return id;
}

Result<std::string> ParseMobile(std::string_view input, std::string_view field_view) {
  std::string s = Compact(input);
  if (s.rfind("+86", 0) == 0) s = s.substr(3);
  else if (s.size() == 13 && s.rfind("86", 0) == 0) s = s.substr(2);
  bool ok = s.size() == 11 && s[0] == '1' &&
            std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!ok) return Status::InvalidArgument("手机号应为以 1 开头的 11 位数字", std::string(field_view));
  return s;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') + std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view p) {
  if (p.size() < 7) return std::string(p.size(), '*');
  return std::string(p.substr(0, 3)) + std::string(p.size() - 7, '*') + std::string(p.substr(p.size() - 4));
}

}  // namespace zx

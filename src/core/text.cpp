#include "core/text.h"

namespace zx {

std::string FullWidthToHalfWidth(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    unsigned char c = in[i];
    if (c == 0xE3 && i + 2 < in.size() && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x80) {
      out.push_back(' ');  // U+3000 ideographic space
      i += 3;
      continue;
    }
    if (c == 0xEF && i + 2 < in.size()) {
      unsigned cp = ((c & 0x0F) << 12) | ((in[i + 1] & 0x3F) << 6) | (in[i + 2] & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
        i += 3;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string NormalizeInput(std::string_view in) {
  // Most cells (digits, codes, plain Chinese) hold no full-width form (lead bytes E3, EF) and no
  // space of any kind: then there is nothing to change, and a large import skips three copies.
  bool plain = true;
  for (unsigned char c : in) {
    if (c == 0xE3 || c == 0xEF || c == ' ' || (c >= '\t' && c <= '\r')) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(in);
  std::string half = FullWidthToHalfWidth(in);
  std::string_view t = Trim(half);
  std::string out;
  out.reserve(t.size());
  bool prev_space = false;
  for (char c : t) {
    bool sp = (c == ' ' || c == '\t');
    if (sp && prev_space) continue;
    out.push_back(sp ? ' ' : c);
    prev_space = sp;
  }
  return out;
}

int32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  if (c < 0x80) return (*i)++, c;
  int n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; if (c < 0xC2) return -1; }
  else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; if (c > 0xF4) return -1; }
  else return -1;
  for (int k = 1; k <= n; ++k) {
    if (*i + k >= s.size()) return -1;
    unsigned char cc = s[*i + k];
    if ((cc & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return -1;
  if (cp >= 0xD800 && cp <= 0xDFFF) return -1;
  *i += n + 1;
  return static_cast<int32_t>(cp);
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (NextCodePoint(s, &i) < 0) return false;
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace zx

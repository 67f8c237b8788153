// Text normalisation for input typed or pasted by users: full-width ASCII to half-width, the
// ideographic space to a space, and trimming. Chinese-script conversion lives with the regions
// module (it needs OpenCC/ICU); this file has no dependencies.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zx {

// Full-width forms U+FF01..U+FF5E become ASCII; U+3000 becomes a space. Other text is unchanged.
std::string FullWidthToHalfWidth(std::string_view utf8);

// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view s);

// FullWidthToHalfWidth, then Trim, then runs of spaces collapsed to one.
std::string NormalizeInput(std::string_view utf8);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

// The code point that starts at s[*i], with *i moved past it; -1, *i unchanged, where the bytes
// there are not well-formed UTF-8 (cut short, overlong, a surrogate, above U+10FFFF).
int32_t NextCodePoint(std::string_view s, size_t* i);

// Lower-cases ASCII letters only.
std::string AsciiLower(std::string_view s);

}  // namespace zx

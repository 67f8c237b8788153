// Resident ID numbers (居民身份证号码, GB 11643) and mobile phone numbers: validation, the facts
// an ID number carries, and the masks shown in lists and exports.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace zx {

struct IdNumber {
  std::string canonical;  // 18 characters, upper-case X; or the 15-digit legacy number as given
  bool legacy15 = false;  // the old 15-digit form: accepted, flagged for correction
  std::string birth_date; // "1990-01-01"
  char sex = '?';         // 'M' or 'F'
};

// Accepts 18 characters (17 digits + a digit or X, checksum per ISO 7064 MOD 11-2, a real birth
// date) or the 15-digit legacy form. Full-width digits and spaces are normalised first. A number
// that looks like a spreadsheet's float (6.10331E+17) is refused with a message saying so.
Result<IdNumber> ParseIdNumber(std::string_view input, std::string_view field = "id_number");

// The check character (ISO 7064 MOD 11-2) of an ID number's first 17 digits: '0'–'9' or 'X'.
char IdCheckCharacter(std::string_view first17);

// Mainland mobile numbers: 11 digits starting with 1; an optional +86 / 86 prefix is dropped.
Result<std::string> ParseMobile(std::string_view input, std::string_view field = "phone");

// "610331199001011234" → "6103**********1234"; "13812345678" → "138****5678".
std::string MaskIdNumber(std::string_view id);
std::string MaskPhone(std::string_view phone);

}  // namespace zx

#include "modules/regions/chinese_names.h"

#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <mutex>
#include <unordered_map>

namespace zx {

struct ChineseNames::Impl {
  std::unique_ptr<opencc::SimpleConverter> t2s;
  std::unique_ptr<icu::Transliterator> han_latin;
  mutable std::mutex mu;
  mutable std::unordered_map<UChar32, char> initials;  // 0 = no initial
};

ChineseNames::ChineseNames(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ChineseNames::~ChineseNames() = default;

Result<std::unique_ptr<ChineseNames>> ChineseNames::Create() {
  auto impl = std::make_unique<Impl>();
  try {
    impl->t2s = std::make_unique<opencc::SimpleConverter>("t2s.json");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("OpenCC t2s is not available: ") + e.what());
  }
  UErrorCode status = U_ZERO_ERROR;
  impl->han_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !impl->han_latin)
    return Status::Internal(std::string("ICU Han-Latin transform is not available: ") + u_errorName(status));
  return std::unique_ptr<ChineseNames>(new ChineseNames(std::move(impl)));
}

std::string ChineseNames::ToSimplified(const std::string& text) const {
  std::lock_guard lock(impl_->mu);
  try {
    return impl_->t2s->Convert(text);
  } catch (const std::exception&) {
    return text;
  }
}

std::string ChineseNames::Initials(const std::string& name) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  std::string out;
  std::lock_guard lock(impl_->mu);
  for (int32_t i = 0; i < u.length();) {
    UChar32 cp = u.char32At(i);
    i += U16_LENGTH(cp);
    if (cp < 128) {
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) out.push_back(static_cast<char>(cp));
      else if (cp >= 'A' && cp <= 'Z') out.push_back(static_cast<char>(cp - 'A' + 'a'));
      continue;
    }
    auto it = impl_->initials.find(cp);
    if (it == impl_->initials.end()) {
      icu::UnicodeString one(cp);
      impl_->han_latin->transliterate(one);
      char initial = 0;
      if (one.length() > 0) {
        UChar32 first = one.char32At(0);
        if (first >= 'a' && first <= 'z') initial = static_cast<char>(first);
        else if (first >= 'A' && first <= 'Z') initial = static_cast<char>(first - 'A' + 'a');
      }
      it = impl_->initials.emplace(cp, initial).first;
    }
    if (it->second) out.push_back(it->second);
  }
  return out;
}

}  // namespace zx

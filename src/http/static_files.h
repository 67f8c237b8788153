// Serves the built web UI (web/dist) with a single-page-app fallback to index.html.
// Thread-safety: immutable after construction; safe from many threads.
#pragma once

#include <string>

#include "http/http_types.h"

namespace zx {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  HttpResponse Serve(const HttpRequest& request) const;

 private:
  std::string root_;
};

const char* ContentTypeFor(const std::string& path);

}  // namespace zx

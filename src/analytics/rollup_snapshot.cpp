#include "analytics/rollup_snapshot.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "analytics/elements.h"

namespace zx::analytics {
namespace {

constexpr char kMagic[8] = {'Z', 'X', 'R', 'O', 'L', 'L', '0', '2'};  // 02: changes_applied
constexpr char kEnd[8] = {'Z', 'X', 'E', 'N', 'D', '0', '0', '1'};

struct Header {
  char magic[8];
  uint64_t elements_signature;
  uint64_t tree_signature;
  uint32_t nodes;
  uint32_t elements;
  int64_t checkins_seen;
  int64_t changes_applied;
  char token[32];
  uint64_t series;
};

struct RecordHead {
  int32_t node;
  uint32_t size;
  uint8_t element;
  uint8_t direct_of_inner;
  uint8_t mode;
  uint8_t pad[5];
};
static_assert(sizeof(RecordHead) == 16);

// A running 64-bit checksum over the bytes after the header, word at a time: reading it back
// catches a torn or damaged file, not an attacker (the file lies beside the database).
class Checksum {
 public:
  void Add(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      Mix(w);
    }
    uint64_t tail = n - i;
    for (; i < n; ++i) tail = tail << 8 | p[i];
    Mix(tail);
  }
  uint64_t value() const { return h_; }

 private:
  void Mix(uint64_t w) {
    h_ ^= w;
    h_ *= 0x9E3779B97F4A7C15ull;
    h_ ^= h_ >> 29;
  }
  uint64_t h_ = 0x243F6A8885A308D3ull;
};

uint64_t HashText(uint64_t h, const std::string& s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
  return (h ^ 0xFF) * 0x100000001B3ull;
}

uint64_t TreeSignature(const RollupTree& tree) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (int n = 0; n < tree.size(); ++n) h = HashText(h, tree.code(n) + static_cast<char>('0' + tree.level(n)));
  return h;
}

Status SyncFolder(const std::filesystem::path& folder) {
  int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::Unavailable("cannot open " + folder.string() + " to flush it");
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Status::Unavailable("cannot flush " + folder.string());
}

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

uint64_t ElementsSignature() {
  uint64_t h = HashText(0xCBF29CE484222325ull, "rollup store v1");  // the file's layout
  for (const auto& e : Elements()) h = HashText(h, e.id);
  for (const auto& f : Feeds()) h = HashText(h, f.sql);
  return h;
}

std::string NewSnapshotToken() {
  if (sodium_init() < 0) std::abort();  // no secure randomness: nothing safe can continue
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return std::string(hex, 32);
}

Status SaveSnapshot(const RollupStore& store, const SnapshotInfo& info, const std::string& path) {
  if (info.token.size() != 32) return Status::InvalidArgument("snapshot token must be 32 characters");
  std::string partial = path + ".partial";
  File f(std::fopen(partial.c_str(), "wb"));
  if (!f) return Status::Unavailable("cannot write the rollup snapshot " + partial + ": " + std::strerror(errno));
  std::vector<char> buffer(4 << 20);
  std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());

  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.elements_signature = ElementsSignature();
  h.tree_signature = TreeSignature(store.tree());
  h.nodes = static_cast<uint32_t>(store.tree().size());
  h.elements = static_cast<uint32_t>(store.elements());
  h.checkins_seen = info.checkins_seen;
  h.changes_applied = info.changes_applied;
  std::memcpy(h.token, info.token.data(), 32);
  store.ForEachSeries([&](int, int, bool, const DaySeries& s) { h.series += s.empty() ? 0 : 1; });
  bool ok = std::fwrite(&h, sizeof h, 1, f.get()) == 1;
  Checksum sum;
  store.ForEachSeries([&](int element, int node, bool direct, const DaySeries& s) {
    if (!ok || s.empty()) return;
    RecordHead r{};
    r.node = node;
    r.size = static_cast<uint32_t>(s.size());
    r.element = static_cast<uint8_t>(element);
    r.direct_of_inner = direct ? 1 : 0;
    r.mode = s.mode();
    sum.Add(&r, sizeof r);
    sum.Add(s.days_data(), s.days_bytes());
    sum.Add(s.values_data(), s.values_bytes());
    ok = std::fwrite(&r, sizeof r, 1, f.get()) == 1 && std::fwrite(s.days_data(), 1, s.days_bytes(), f.get()) == s.days_bytes() &&
         std::fwrite(s.values_data(), 1, s.values_bytes(), f.get()) == s.values_bytes();
  });
  uint64_t checksum = sum.value();
  ok = ok && std::fwrite(&checksum, sizeof checksum, 1, f.get()) == 1 && std::fwrite(kEnd, 8, 1, f.get()) == 1;
  ok = ok && std::fflush(f.get()) == 0 && ::fsync(fileno(f.get())) == 0;
  ok = std::fclose(f.release()) == 0 && ok;
  if (!ok) {
    std::filesystem::remove(partial);
    return Status::Unavailable("cannot write the rollup snapshot " + partial + " (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) return Status::Unavailable("cannot put the rollup snapshot in place: " + ec.message());
  return SyncFolder(std::filesystem::path(path).parent_path());
}

Result<SnapshotInfo> ReadSnapshotInfo(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::NotFound("no rollup snapshot at " + path);
  Header h{};
  if (std::fread(&h, sizeof h, 1, f.get()) != 1 || std::memcmp(h.magic, kMagic, 8) != 0)
    return Status::InvalidArgument("not a rollup snapshot: " + path);
  return SnapshotInfo{std::string(h.token, 32), h.checkins_seen, h.changes_applied};
}

Result<std::shared_ptr<RollupStore>> LoadSnapshot(const std::string& path, std::shared_ptr<const RollupTree> tree,
                                                  int elements, SnapshotInfo* info) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::NotFound("no rollup snapshot at " + path);
  std::vector<char> buffer(4 << 20);
  std::setvbuf(f.get(), buffer.data(), _IOFBF, buffer.size());
  Header h{};
  if (std::fread(&h, sizeof h, 1, f.get()) != 1 || std::memcmp(h.magic, kMagic, 8) != 0)
    return Status::InvalidArgument("not a rollup snapshot: " + path);
  if (h.elements_signature != ElementsSignature() || h.elements != static_cast<uint32_t>(elements))
    return Status::InvalidArgument("the rollup snapshot was saved by a program with other data elements");
  if (h.nodes != static_cast<uint32_t>(tree->size()) || h.tree_signature != TreeSignature(*tree))
    return Status::InvalidArgument("the rollup snapshot was saved over another region tree");
  auto store = std::make_shared<RollupStore>(tree, elements);
  Checksum sum;
  std::vector<char> days, values;
  for (uint64_t i = 0; i < h.series; ++i) {
    RecordHead r{};
    if (std::fread(&r, sizeof r, 1, f.get()) != 1) return Status::InvalidArgument("the rollup snapshot is damaged (cut short)");
    if (r.node < 0 || r.node >= tree->size() || r.element >= elements || r.mode > 3 || r.size == 0 || r.size > (1u << 26))
      return Status::InvalidArgument("the rollup snapshot is damaged (record " + std::to_string(i) + ")");
    days.resize(r.size * DaySeries::DayWidth(r.mode));
    values.resize(r.size * DaySeries::ValueWidth(r.mode));
    if (std::fread(days.data(), 1, days.size(), f.get()) != days.size() ||
        std::fread(values.data(), 1, values.size(), f.get()) != values.size())
      return Status::InvalidArgument("the rollup snapshot is damaged (cut short)");
    sum.Add(&r, sizeof r);
    sum.Add(days.data(), days.size());
    sum.Add(values.data(), values.size());
    store->SeriesForLoading(r.element, r.node, r.direct_of_inner != 0)->LoadRaw(r.mode, r.size, days.data(), values.data());
  }
  uint64_t checksum = 0;
  char end[8];
  if (std::fread(&checksum, sizeof checksum, 1, f.get()) != 1 || std::fread(end, 8, 1, f.get()) != 1 ||
      std::memcmp(end, kEnd, 8) != 0 || checksum != sum.value())
    return Status::InvalidArgument("the rollup snapshot is damaged (checksum)");
  store->ShrinkToFit();
  info->token.assign(h.token, 32);
  info->checkins_seen = h.checkins_seen;
  info->changes_applied = h.changes_applied;
  return store;
}

}  // namespace zx::analytics

#include "analytics/rollup_store.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace zx::analytics {
namespace {

uint64_t CodeNumber(std::string_view code) {
  uint64_t v = 0;
  if (code.size() != 12) return UINT64_MAX;
  auto r = std::from_chars(code.data(), code.data() + code.size(), v);
  return r.ec == std::errc() && r.ptr == code.data() + code.size() ? v : UINT64_MAX;
}

// Code numbers of the ancestors of a 12-digit code number, nearest first: zeroing the village
// part, township part, county, city, province digits in turn.
std::vector<uint64_t> AncestorNumbers(uint64_t code) {
  static const uint64_t kUnits[] = {1000ull, 1000000ull, 100000000ull, 10000000000ull, 1000000000000ull};
  std::vector<uint64_t> out;
  for (uint64_t unit : kUnits) {
    uint64_t a = code / unit * unit;
    if (a != code && (out.empty() || out.back() != a)) out.push_back(a);
  }
  return out;
}

}  // namespace

RollupTree::RollupTree(std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.code < b.code; });
  rows.erase(std::unique(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.code == b.code; }),
             rows.end());
  bool has_root = !rows.empty() && CodeNumber(rows.front().code) == 0;
  if (!has_root) rows.insert(rows.begin(), Row{"000000000000", 0});
  codes_.reserve(rows.size());
  for (auto& r : rows) {
    codes_.push_back(CodeNumber(r.code));
    level_.push_back(static_cast<uint8_t>(r.level));
  }
  parent_.assign(codes_.size(), -1);
  std::vector<int32_t> counts(codes_.size() + 1, 0);
  for (size_t i = 1; i < codes_.size(); ++i) {
    int p = 0;
    for (uint64_t a : AncestorNumbers(codes_[i])) {
      auto it = std::lower_bound(codes_.begin(), codes_.end(), a);
      if (it != codes_.end() && *it == a) {
        p = static_cast<int>(it - codes_.begin());
        break;
      }
    }
    parent_[i] = p;
    ++counts[static_cast<size_t>(p)];
  }
  child_begin_.assign(codes_.size() + 1, 0);
  for (size_t i = 0; i < codes_.size(); ++i) child_begin_[i + 1] = child_begin_[i] + counts[i];
  children_.assign(static_cast<size_t>(child_begin_.back()), 0);
  std::vector<int32_t> fill(child_begin_.begin(), child_begin_.end() - 1);
  for (size_t i = 1; i < codes_.size(); ++i) {
    size_t p = static_cast<size_t>(parent_[i]);
    children_[static_cast<size_t>(fill[p]++)] = static_cast<int32_t>(i);
  }
  villages_below_.assign(codes_.size(), 0);
  for (size_t i = codes_.size(); i-- > 0;) {
    if (level_[i] == 5) ++villages_below_[i];
    if (i > 0) villages_below_[static_cast<size_t>(parent_[i])] += villages_below_[i];
  }
}

int RollupTree::Find(std::string_view code) const {
  uint64_t v = CodeNumber(code);
  if (v == UINT64_MAX) return -1;
  auto it = std::lower_bound(codes_.begin(), codes_.end(), v);
  return it != codes_.end() && *it == v ? static_cast<int>(it - codes_.begin()) : -1;
}

std::string RollupTree::code(int node) const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012llu", static_cast<unsigned long long>(codes_[static_cast<size_t>(node)]));
  return buf;
}

RollupStore::RollupStore(std::shared_ptr<const RollupTree> tree, int elements)
    : tree_(std::move(tree)), elements_(elements), agg_(static_cast<size_t>(tree_->size())),
      direct_inner_(static_cast<size_t>(elements)) {
  // Slots name their element in a byte.
  if (elements > 256) std::abort();
}

DaySeries* RollupStore::Subtree(int element, int node, bool create) {
  auto& slots = agg_[static_cast<size_t>(node)];
  auto it = std::lower_bound(slots.begin(), slots.end(), element,
                             [](const Slot& s, int e) { return static_cast<int>(s.element) < e; });
  if (it != slots.end() && it->element == element) return &it->series;
  if (!create) return nullptr;
  Slot slot;
  slot.element = static_cast<uint8_t>(element);
  it = slots.insert(it, std::move(slot));
  return &it->series;
}

DaySeries* RollupStore::Direct(int element, int node, bool create) {
  if (tree_->is_leaf(node)) return Subtree(element, node, create);
  auto& m = direct_inner_[static_cast<size_t>(element)];
  auto it = m.find(node);
  if (it != m.end()) return &it->second;
  return create ? &m[node] : nullptr;
}

void RollupStore::LoadDirect(int element, int node, int day, double value) {
  Direct(element, node, true)->Add(day, value);
}

void RollupStore::LoadDirectRun(int element, int node, std::vector<std::pair<int, double>>* values) {
  if (tree_->is_leaf(node)) {
    DaySeries* s = Subtree(element, node, true);
    if (s->empty()) {
      s->AssignSum(values);
      return;
    }
  }
  for (const auto& [day, v] : *values) LoadDirect(element, node, day, v);
}

void RollupStore::BuildAggregates(int element) {
  // Children come after their parent in the tree's order, so walking backwards finishes every
  // subtree before its parent, which is then written once (one allocation, no garbage to
  // fragment the heap) from its own direct values and its children's subtree series.
  auto& inner = direct_inner_[static_cast<size_t>(element)];
  std::vector<std::pair<int, double>> entries;
  for (int node = tree_->size() - 1; node >= 0; --node) {
    if (tree_->is_leaf(node)) {
      if (DaySeries* s = Subtree(element, node, false)) s->ShrinkToFit();
      continue;
    }
    entries.clear();
    auto own = inner.find(node);
    if (own != inner.end()) own->second.Entries(kBeginningOfTime, kEndOfTime, &entries);
    auto [begin, end] = tree_->children(node);
    for (const int32_t* child = begin; child != end; ++child)
      if (const DaySeries* s = Subtree(element, *child, false)) s->Entries(kBeginningOfTime, kEndOfTime, &entries);
    if (entries.empty()) continue;
    Subtree(element, node, true)->AssignSum(&entries);
  }
}

void RollupStore::ShrinkToFit() {
  for (auto& slots : agg_) slots.shrink_to_fit();
}

bool RollupStore::ReplaceDirect(int element, int node, int from, int to,
                                const std::vector<std::pair<int, double>>& values) {
  std::map<int, double> delta;
  for (const auto& [day, v] : values)
    if (day >= from && day <= to) delta[day] += v;
  DaySeries* direct = Direct(element, node, false);
  if (direct) {
    std::vector<std::pair<int, double>> old;
    direct->Entries(from, to, &old);
    for (const auto& [day, v] : old) delta[day] -= v;
  }
  bool changed = false;
  for (const auto& [day, d] : delta) {
    if (d == 0) continue;
    changed = true;
    if (!tree_->is_leaf(node)) Direct(element, node, true)->Add(day, d);
    for (int n = node; n >= 0; n = tree_->parent(n)) Subtree(element, n, true)->Add(day, d);
  }
  return changed;
}

double RollupStore::Sum(int element, int node, int from, int to) const {
  const auto& slots = agg_[static_cast<size_t>(node)];
  for (const Slot& slot : slots) {
    if (slot.element == element) return slot.series.Sum(from, to);
    if (slot.element > element) break;
  }
  return 0.0;
}

size_t RollupStore::bytes() const {
  size_t b = agg_.capacity() * sizeof(std::vector<Slot>);
  for (const auto& slots : agg_) {
    b += slots.capacity() * sizeof(Slot);
    for (const Slot& slot : slots) b += slot.series.bytes();
  }
  for (const auto& m : direct_inner_)
    for (const auto& [n, s] : m) b += sizeof(DaySeries) + s.bytes() + 32;
  return b;
}

size_t RollupStore::entries() const {
  size_t e = 0;
  for (const auto& slots : agg_)
    for (const Slot& slot : slots) e += slot.series.size();
  return e;
}

}  // namespace zx::analytics

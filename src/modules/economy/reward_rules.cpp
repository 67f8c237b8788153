#include "modules/economy/reward_rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <string>

namespace zx {
namespace {

using Real = long double;

// The sum of the clamped shares at level λ.
Real Filled(const std::vector<RewardShareInput>& people, Real lambda, Real fl, Real cap) {
  Real sum = 0;
  for (const auto& p : people) sum += std::clamp(lambda * static_cast<Real>(p.score), fl, cap);
  return sum;
}

}  // namespace

Result<int64_t> MaxRewardPool(int64_t income_yuan, int64_t rate_bp) {
  if (income_yuan < 0) return Status::InvalidArgument("集体经济收入不能为负数", "income_yuan");
  if (rate_bp < 0 || rate_bp > kMaxRewardRateBp)
    return Status::InvalidArgument("提取比例须在 0 到 15% 之间", "rate_bp");
  if (income_yuan > 1'000'000'000'000) return Status::InvalidArgument("集体经济收入过大", "income_yuan");
  return income_yuan * rate_bp / 10000;
}

Result<RewardSplit> SplitReward(const RewardSplitInput& in) {
  const size_t n = in.people.size();
  if (in.pool_yuan < 0) return Status::InvalidArgument("奖励总额不能为负数", "pool_yuan");
  if (n == 0) return Status::InvalidArgument("至少需要一名村干部参与分配", "people");
  if (n > kMaxRewardPeople) return Status::InvalidArgument("参与分配的人数过多", "people");
  std::set<int64_t> ids;
  bool any_positive = false;
  for (size_t i = 0; i < n; ++i) {
    const auto& p = in.people[i];
    std::string at = "people[" + std::to_string(i) + "]";
    if (p.person_id <= 0) return Status::InvalidArgument(at + ".person_id 无效", at + ".person_id");
    if (!ids.insert(p.person_id).second)
      return Status::InvalidArgument("同一人员重复出现（人员编号 " + std::to_string(p.person_id) + "）", at + ".person_id");
    if (!std::isfinite(p.score) || p.score < 0)
      return Status::InvalidArgument("贡献分不能为负数", at + ".score");
    if (p.score > 1e6) return Status::InvalidArgument("贡献分过大", at + ".score");
    any_positive |= p.score > 0;
  }
  if (!any_positive) return Status::InvalidArgument("贡献分全部为零，无法按贡献分配", "people");
  if (in.floor_yuan && *in.floor_yuan < 0) return Status::InvalidArgument("保底金额不能为负数", "floor_yuan");
  if (in.cap_yuan && *in.cap_yuan < 0) return Status::InvalidArgument("封顶金额不能为负数", "cap_yuan");
  if (in.floor_yuan && in.cap_yuan && *in.floor_yuan > *in.cap_yuan)
    return Status::InvalidArgument("保底金额（" + std::to_string(*in.floor_yuan) + " 元）高于封顶金额（" +
                                       std::to_string(*in.cap_yuan) + " 元）",
                                   "cap_yuan");
  const int64_t floor_yuan = in.floor_yuan.value_or(0);
  if (floor_yuan > 0 && floor_yuan > in.pool_yuan / static_cast<int64_t>(n))
    return Status::InvalidArgument("保底金额 × 人数（" + std::to_string(floor_yuan) + " × " + std::to_string(n) +
                                       "）超过奖励总额 " + std::to_string(in.pool_yuan) + " 元",
                                   "floor_yuan");

  const Real fl = static_cast<Real>(floor_yuan);
  const Real cap = in.cap_yuan ? static_cast<Real>(*in.cap_yuan) : std::numeric_limits<Real>::infinity();
  const Real pool = static_cast<Real>(in.pool_yuan);

  // Everyone as high as they may go; whatever is left of the pool stays unpaid.
  std::vector<Real> exact(n);
  int64_t target = in.pool_yuan;
  Real most = 0;
  for (const auto& p : in.people) most += p.score > 0 ? cap : fl;
  if (most <= pool) {
    for (size_t i = 0; i < n; ++i) exact[i] = in.people[i].score > 0 ? cap : fl;
    target = static_cast<int64_t>(std::llround(most));
  } else {
    // The level λ: f(λ) = Σ clamp(λ·score, floor, cap) is piecewise linear and non-decreasing, with
    // corners where a person leaves the floor (floor/score) or reaches the cap (cap/score). Find the
    // segment where f crosses the pool, then solve the linear piece there.
    std::vector<Real> corners;
    for (const auto& p : in.people) {
      if (p.score <= 0) continue;
      corners.push_back(fl / p.score);
      if (in.cap_yuan) corners.push_back(cap / p.score);
    }
    std::sort(corners.begin(), corners.end());
    corners.erase(std::unique(corners.begin(), corners.end()), corners.end());
    Real low = 0, high = std::numeric_limits<Real>::infinity();
    for (Real c : corners) {
      if (Filled(in.people, c, fl, cap) >= pool) {
        high = c;
        break;
      }
      low = c;
    }
    // On (low, high) each person is at the floor, at the cap, or in proportion to score.
    Real fixed = 0, slope = 0;
    for (const auto& p : in.people) {
      Real s = p.score;
      if (s <= 0 || fl / s >= high) fixed += fl;
      else if (in.cap_yuan && cap / s <= low) fixed += cap;
      else slope += s;
    }
    Real lambda = slope > 0 ? (pool - fixed) / slope : low;
    for (size_t i = 0; i < n; ++i) exact[i] = std::clamp(lambda * static_cast<Real>(in.people[i].score), fl, cap);
  }

  // Largest remainder: whole-yuan parts first, then one yuan each by largest fraction.
  RewardSplit out;
  out.pool_yuan = in.pool_yuan;
  std::vector<int64_t> amount(n);
  std::vector<Real> frac(n);
  int64_t given = 0;
  for (size_t i = 0; i < n; ++i) {
    // A hair of tolerance so 5999.9999999 from rounding error counts as 6000.
    Real whole = std::floor(exact[i] + 1e-7L);
    int64_t a = static_cast<int64_t>(whole);
    a = std::max<int64_t>(a, floor_yuan);
    if (in.cap_yuan) a = std::min<int64_t>(a, *in.cap_yuan);
    amount[i] = a;
    frac[i] = std::max<Real>(0, exact[i] - static_cast<Real>(a));
    given += a;
  }
  int64_t left = target - given;
  if (left < 0 || left > static_cast<int64_t>(n)) return Status::Internal("reward split rounding went wrong");
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (std::fabs(frac[a] - frac[b]) > 1e-9L) return frac[a] > frac[b];
    if (in.people[a].score != in.people[b].score) return in.people[a].score > in.people[b].score;
    return in.people[a].person_id < in.people[b].person_id;
  });
  for (size_t k = 0; k < n && left > 0; ++k) {
    size_t i = order[k];
    if (in.cap_yuan && amount[i] >= *in.cap_yuan) continue;
    ++amount[i];
    --left;
  }
  if (left != 0) return Status::Internal("reward split could not place every yuan");
  for (size_t i = 0; i < n; ++i) {
    out.lines.push_back({in.people[i].person_id, in.people[i].score, amount[i]});
    out.paid_yuan += amount[i];
  }
  out.unpaid_yuan = in.pool_yuan - out.paid_yuan;
  return out;
}

}  // namespace zx

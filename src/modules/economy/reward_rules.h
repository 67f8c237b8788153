// The contribution reward (贡献补贴奖, DOMAIN.md D4): a pool of at most the county's rate (≤ 15%)
// of a village's yearly collective income, split among the village's cadres by contribution score,
// with an optional floor and cap per person. No I/O.
//
// How the split works (also in docs/ECONOMY.md):
//  1. Water-filling: each person's exact share is clamp(λ × score, floor, cap), with the one level λ
//     at which the shares add up to the pool. Raising λ fills everyone in proportion to score until a
//     person reaches the cap (then stays there) — people held at the floor rejoin once λ × score
//     passes it. When even everyone at the cap stays below the pool, the rest is left unpaid: the
//     split never pays more than the pool.
//  2. Whole yuan by the largest-remainder method: everyone gets the whole-yuan part of the exact
//     share; the yuan left over (the pool minus those parts) go one each to the largest fractional
//     parts, ties broken by the higher score, then the smaller person id. So the total is exactly the
//     pool (or everyone's cap), nobody leaves [floor, cap], and a higher score never gets less.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"

namespace zx {

struct RewardShareInput {
  int64_t person_id = 0;
  double score = 0;  // contribution score, ≥ 0
};

struct RewardSplitInput {
  int64_t pool_yuan = 0;
  std::vector<RewardShareInput> people;
  std::optional<int64_t> floor_yuan;  // per person, optional
  std::optional<int64_t> cap_yuan;    // per person, optional
};

struct RewardLine {
  int64_t person_id = 0;
  double score = 0;
  int64_t amount_yuan = 0;
};

struct RewardSplit {
  std::vector<RewardLine> lines;  // in input order
  int64_t pool_yuan = 0;
  int64_t paid_yuan = 0;
  int64_t unpaid_yuan = 0;  // only when every person is at the cap
};

inline constexpr int kMaxRewardPeople = 200;

// Refuses contradictory input with a message naming the field: no people, duplicate or invalid
// person ids, negative or non-finite scores, all scores zero, floor > cap, floor × people > pool.
Result<RewardSplit> SplitReward(const RewardSplitInput& input);

// The largest pool the rules allow: income × rate, rounded down to whole yuan. The rate is in
// basis points (1500 = 15%) and may not exceed kMaxRewardRateBp.
inline constexpr int64_t kMaxRewardRateBp = 1500;
Result<int64_t> MaxRewardPool(int64_t income_yuan, int64_t rate_bp);

}  // namespace zx

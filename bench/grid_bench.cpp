// Automatic grid assignment over a county the size of 竹山县: 100,000 households in 244 villages,
// 4–10 villager groups each, 90% with positions, one party member per 12 households.
// Run: build/grid_bench (not part of ctest).
#include <benchmark/benchmark.h>

#include <random>

#include "modules/households/grid_assign.h"

namespace {

struct County {
  std::vector<std::vector<zx::GridHousehold>> villages;
  std::vector<int> members;
};

County MakeCounty(int households, int villages) {
  std::mt19937 rng(42);
  County c;
  int64_t id = 1;
  for (int v = 0; v < villages; ++v) {
    int n = households / villages + (v < households % villages ? 1 : 0);
    int groups = 4 + static_cast<int>(rng() % 7);
    std::vector<zx::GridHousehold> hs;
    for (int i = 0; i < n; ++i) {
      zx::GridHousehold h{id++, "组" + std::to_string(i * groups / n), std::nullopt, std::nullopt};
      if (rng() % 10) {
        h.lat = 32.2 + (rng() % 10000) / 1e5;
        h.lng = 110.2 + (rng() % 10000) / 1e5;
      }
      hs.push_back(std::move(h));
    }
    c.villages.push_back(std::move(hs));
    c.members.push_back(n / 12);
  }
  return c;
}

void BM_AssignCounty(benchmark::State& state) {
  County county = MakeCounty(static_cast<int>(state.range(0)), 244);
  int64_t met = 0;
  for (auto _ : state) {
    met = 0;
    for (size_t v = 0; v < county.villages.size(); ++v) {
      zx::GridPlan plan = zx::AssignHouseholds(county.villages[v], county.members[v], {10, 15});
      met += plan.bounds_met;
      benchmark::DoNotOptimize(plan);
    }
  }
  state.counters["villages_bounds_met"] = static_cast<double>(met);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AssignCounty)->Arg(100000)->Unit(benchmark::kMillisecond);

// One large village (5,000 households, 400 members): the per-village cost grows with both.
void BM_AssignLargeVillage(benchmark::State& state) {
  County county = MakeCounty(5000, 1);
  for (auto _ : state) {
    zx::GridPlan plan = zx::AssignHouseholds(county.villages[0], 400, {10, 15});
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_AssignLargeVillage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

#include "routing/exact_search.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>

#include "allot/geo.h"

namespace allot::routing_internal {
namespace {

// Dominance pairs cost O(n^2 m) to find; beyond this many candidates the
// search runs without them (still exact, only less pruned).
constexpr int kMaxDominanceCandidates = 256;

}  // namespace

bool ExactSearch::Better(const ExactProblem& p, const PlanKey& a, const PlanKey& b) {
  if (a.units != b.units) return a.units > b.units;
  for (int c = 0; c < p.num_criteria; ++c) {
    const double x = a.value[c], y = b.value[c];
    if (p.tolerant[c] ? NearlyEqual(x, y) : x == y) continue;
    return x < y;
  }
  return false;
}

void ExactSearch::Solve(const ExactProblem& problem, std::vector<int>* chosen) {
  p_ = &problem;
  n_ = problem.num_candidates;
  m_ = problem.num_skus;
  k_ = std::min(problem.max_shipments, n_);
  r_ = problem.num_criteria;
  nodes_ = 0;
  chosen->clear();
  if (n_ == 0 || k_ <= 0) return;
  Prepare();
  SeedIncumbent();
  Dfs(0);
  *chosen = best_set_;
  std::sort(chosen->begin(), chosen->end());
}

void ExactSearch::Prepare() {
  const ExactProblem& p = *p_;
  // Gain of a candidate alone: the units it can place.
  std::vector<int64_t> gain(n_, 0);
  for (int i = 0; i < n_; ++i) {
    for (int j = 0; j < m_; ++j) gain[i] += p.a(i, j);
  }
  // Search order: largest supply first, so that include-first DFS meets
  // plans that place everything early; ties by the first criterion's weight.
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), 0);
  std::sort(order_.begin(), order_.end(), [&](int x, int y) {
    if (gain[x] != gain[y]) return gain[x] > gain[y];
    if (r_ > 0 && p.weight[0][x] != p.weight[0][y]) return p.weight[0][x] < p.weight[0][y];
    return x < y;
  });
  position_.resize(n_);
  for (int t = 0; t < n_; ++t) position_[order_[t]] = t;
  by_unit_cost.resize(n_);
  std::iota(by_unit_cost.begin(), by_unit_cost.end(), 0);
  std::sort(by_unit_cost.begin(), by_unit_cost.end(), [&](int x, int y) {
    if (p.unit_cost[x] != p.unit_cost[y]) return p.unit_cost[x] < p.unit_cost[y];
    return x < y;
  });

  suffix_avail_.assign(static_cast<size_t>(n_ + 1) * m_, 0);
  suffix_max_gain_.assign(n_ + 1, 0);
  for (int c = 0; c < r_; ++c) {
    suffix_min_weight_[c].assign(n_ + 1, std::numeric_limits<double>::infinity());
  }
  for (int t = n_ - 1; t >= 0; --t) {
    const int i = order_[t];
    for (int j = 0; j < m_; ++j) {
      suffix_avail_[static_cast<size_t>(t) * m_ + j] =
          suffix_avail_[static_cast<size_t>(t + 1) * m_ + j] + p.a(i, j);
    }
    suffix_max_gain_[t] = std::max(suffix_max_gain_[t + 1], gain[i]);
    for (int c = 0; c < r_; ++c) {
      suffix_min_weight_[c][t] = std::min(suffix_min_weight_[c][t + 1], p.weight[c][i]);
    }
  }

  dominators_.assign(n_, {});
  if (n_ <= kMaxDominanceCandidates) {
    const bool uses_unit_cost =
        std::any_of(p.adds_unit_cost.begin(), p.adds_unit_cost.begin() + r_, std::identity());
    for (int t = 1; t < n_; ++t) {
      const int i = order_[t];
      for (int u = 0; u < t; ++u) {
        const int d = order_[u];
        bool dominates = !uses_unit_cost || p.unit_cost[d] <= p.unit_cost[i];
        for (int c = 0; dominates && c < r_; ++c) dominates = p.weight[c][d] <= p.weight[c][i];
        for (int j = 0; dominates && j < m_; ++j) dominates = p.a(d, j) >= p.a(i, j);
        if (dominates) dominators_[i].push_back(d);
      }
    }
  }

  cover_.assign(m_, 0);
  weight_sum_.fill(0);
  selected_.assign(n_, 0);
  excluded_.assign(n_, 0);
  stack_.clear();
  gains_.resize(n_);
  // The empty plan (no units, every criterion 0) is the first incumbent.
  best_ = PlanKey{};
  best_set_.clear();
}

void ExactSearch::Add(int i) {
  const ExactProblem& p = *p_;
  selected_[i] = 1;
  stack_.push_back(i);
  for (int j = 0; j < m_; ++j) cover_[j] += p.a(i, j);
  for (int c = 0; c < r_; ++c) weight_sum_[c] += p.weight[c][i];
}

void ExactSearch::Remove(int i) {
  const ExactProblem& p = *p_;
  selected_[i] = 0;
  stack_.pop_back();
  for (int j = 0; j < m_; ++j) cover_[j] -= p.a(i, j);
  for (int c = 0; c < r_; ++c) weight_sum_[c] -= p.weight[c][i];
}

int64_t ExactSearch::CoveredUnits() const {
  int64_t units = 0;
  for (int j = 0; j < m_; ++j) units += std::min(p_->demand[j], cover_[j]);
  return units;
}

double ExactSearch::AllocatedUnitCost() const {
  const ExactProblem& p = *p_;
  double cost = 0;
  for (int j = 0; j < m_; ++j) {
    if (cover_[j] <= p.demand[j]) {
      // Everything S has of this SKU ships.
      for (int i : stack_) cost += static_cast<double>(p.a(i, j)) * p.unit_cost[i];
      continue;
    }
    int64_t want = p.demand[j];
    for (int i : by_unit_cost) {
      if (want == 0) break;
      if (!selected_[i]) continue;
      const int64_t q = std::min(want, p.a(i, j));
      cost += static_cast<double>(q) * p.unit_cost[i];
      want -= q;
    }
  }
  return cost;
}

void ExactSearch::Evaluate() {
  PlanKey key;
  key.units = CoveredUnits();
  const double unit_cost = AllocatedUnitCost();
  for (int c = 0; c < r_; ++c) {
    double v = 0;
    // Summed in candidate order for a value that does not depend on the path.
    for (int i : stack_) v += p_->weight[c][i];
    key.value[c] = v + (p_->adds_unit_cost[c] ? unit_cost : 0);
  }
  if (Better(*p_, key, best_)) {
    best_ = key;
    best_set_ = stack_;
  }
}

void ExactSearch::SeedIncumbent() {
  const ExactProblem& p = *p_;
  // Every single-location plan.
  for (int i = 0; i < n_; ++i) {
    Add(i);
    Evaluate();
    Remove(i);
  }
  if (k_ == 1) return;
  // Greedy cover: repeatedly add the candidate that places the most new
  // units (ties: the lower first criterion, then search order).
  std::vector<int> taken;
  while (static_cast<int>(taken.size()) < k_) {
    int pick = -1;
    int64_t pick_gain = 0;
    for (int t = 0; t < n_; ++t) {
      const int i = order_[t];
      if (selected_[i]) continue;
      int64_t g = 0;
      for (int j = 0; j < m_; ++j) g += std::min(p.a(i, j), std::max<int64_t>(0, p.demand[j] - cover_[j]));
      if (g > pick_gain ||
          (g == pick_gain && g > 0 && r_ > 0 && p.weight[0][i] < p.weight[0][pick])) {
        pick = i;
        pick_gain = g;
      }
    }
    if (pick < 0) break;
    Add(pick);
    taken.push_back(pick);
    Evaluate();
  }
  for (auto it = taken.rbegin(); it != taken.rend(); ++it) Remove(*it);
}

bool ExactSearch::Prune(int t) {
  const ExactProblem& p = *p_;
  const int64_t* suffix = &suffix_avail_[static_cast<size_t>(t) * m_];
  int64_t bound = 0;
  for (int j = 0; j < m_; ++j) bound += std::min(p.demand[j], cover_[j] + suffix[j]);
  const int64_t covered = CoveredUnits();
  bool per_sku_bound = true;  // the bound is sum_j min(d_j, cover_j + suffix_j)
  const int slots = k_ - static_cast<int>(stack_.size());
  if (slots < n_ - t && bound > best_.units) {
    // With k locations at most, only the `slots` best remaining gains count.
    int count = 0;
    for (int u = t; u < n_; ++u) {
      const int i = order_[u];
      int64_t g = 0;
      for (int j = 0; j < m_; ++j) g += std::min(p.a(i, j), std::max<int64_t>(0, p.demand[j] - cover_[j]));
      gains_[count++] = g;
    }
    std::nth_element(gains_.begin(), gains_.begin() + (slots - 1), gains_.begin() + count,
                     std::greater<int64_t>());
    int64_t top = 0;
    for (int u = 0; u < slots; ++u) top += gains_[u];
    if (covered + top < bound) {
      bound = covered + top;
      per_sku_bound = false;
    }
  }
  if (bound != best_.units) return bound < best_.units;

  // Every plan below must place exactly best_.units to compete.
  const int64_t gap = best_.units - covered;
  int64_t extra = 0;
  if (gap > 0) {
    const int64_t max_gain = suffix_max_gain_[t];
    extra = (gap + max_gain - 1) / max_gain;
    if (extra > slots) return true;
  }
  PlanKey lower;
  lower.units = best_.units;
  double unit_cost_bound = 0;
  bool need_unit_cost = false;
  for (int c = 0; c < r_; ++c) need_unit_cost |= p.adds_unit_cost[c];
  if (need_unit_cost && per_sku_bound) {
    // Each SKU must reach min(d_j, cover_j + suffix_j): its cheapest units
    // among S and the remaining candidates bound its cost from below.
    for (int j = 0; j < m_; ++j) {
      int64_t want = std::min(p.demand[j], cover_[j] + suffix[j]);
      for (int i : by_unit_cost) {
        if (want == 0) break;
        if (!selected_[i] && position_[i] < t) continue;
        const int64_t q = std::min(want, p.a(i, j));
        unit_cost_bound += static_cast<double>(q) * p.unit_cost[i];
        want -= q;
      }
    }
  }
  for (int c = 0; c < r_; ++c) {
    double v = weight_sum_[c];
    if (extra > 0) v += static_cast<double>(extra) * suffix_min_weight_[c][t];
    if (p.adds_unit_cost[c]) v += unit_cost_bound;
    lower.value[c] = v;
  }
  return !Better(p, lower, best_);
}

void ExactSearch::Dfs(int t) {
  ++nodes_;
  if (t == n_ || static_cast<int>(stack_.size()) == k_) return;
  if (Prune(t)) return;
  const int i = order_[t];
  bool dominated = false;
  for (int d : dominators_[i]) {
    if (excluded_[d]) {
      dominated = true;
      break;
    }
  }
  if (!dominated) {
    Add(i);
    Evaluate();
    Dfs(t + 1);
    Remove(i);
  }
  excluded_[i] = 1;
  Dfs(t + 1);
  excluded_[i] = 0;
}

}  // namespace allot::routing_internal

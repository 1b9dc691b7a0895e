#include "routing/exact_search.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace allot::routing_internal {
namespace {

// Dominance pairs cost O(n^2 m) to find; beyond this many candidates the
// search runs without them (still exact, only less pruned).
constexpr int kMaxDominanceCandidates = 256;

}  // namespace

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
  // Every single-location plan: the search below relies on them all being
  // evaluated (a plan it has not seen adds at least two locations to none).
  const Tops tops = LookAhead(0);
  // Most orders end here: the root bound shows that no plan of two or more
  // locations beats the best single one, before any sorting.
  if (Prune(0, tops)) return Finish(chosen);
  SeedGreedy();
  if (Prune(0, tops)) return Finish(chosen);
  OrderForSearch();
  Dfs(0, tops);
  Finish(chosen);
}

void ExactSearch::Finish(std::vector<int>* chosen) {
  *chosen = best_set_;
  std::sort(chosen->begin(), chosen->end());
}

void ExactSearch::Prepare() {
  const ExactProblem& p = *p_;
  gain_.assign(n_, 0);
  for (int i = 0; i < n_; ++i) {
    for (int j = 0; j < m_; ++j) gain_[i] += p.a(i, j);
  }
  // Until the search proper starts (OrderForSearch), R is in index order.
  order_.resize(n_);
  std::iota(order_.begin(), order_.end(), 0);
  costs_.Reset(p);
  has_suffix_ = false;
  root_summary_ready_ = false;
  selected_unit_cost_.assign(m_, std::numeric_limits<double>::infinity());
  unit_cost_undo_.clear();
  dominators_.resize(n_);
  dominators_known_.assign(n_, 0);
  cover_.assign(m_, 0);
  weight_sum_.fill(0);
  selected_.assign(n_, 0);
  excluded_.assign(n_, 0);
  stack_.clear();
  stack_by_unit_cost_.clear();
  gains_.resize(n_);
  // The empty plan (no units, every criterion 0) is the first incumbent.
  best_ = PlanKey{};
  best_set_.clear();
}

void ExactSearch::OrderForSearch() {
  // Lightest first by the first criterion whose weights differ (shipments
  // weigh 1 everywhere and decide nothing here), so that the weights left to
  // add grow as the search deepens and the bounds tighten; then the most
  // supply first.
  int key = -1;
  for (int c = 0; c < r_ && key < 0; ++c) {
    for (int i = 1; i < n_; ++i) {
      if (costs_.weight_lower(c, i) != costs_.weight_lower(c, 0)) {
        key = c;
        break;
      }
    }
  }
  std::sort(order_.begin(), order_.end(), [&](int x, int y) {
    if (key >= 0 && costs_.weight_lower(key, x) != costs_.weight_lower(key, y))
      return costs_.weight_lower(key, x) < costs_.weight_lower(key, y);
    if (gain_[x] != gain_[y]) return gain_[x] > gain_[y];
    return x < y;
  });
  BuildSuffixSummaries();
}

const std::vector<int>& ExactSearch::Dominators(int t) {
  const ExactProblem& p = *p_;
  const int i = order_[t];
  std::vector<int>& out = dominators_[i];
  if (dominators_known_[i]) return out;
  dominators_known_[i] = 1;
  out.clear();
  if (t > kMaxDominanceCandidates) return out;
  const bool uses_unit_cost = p.UsesUnitCost();
  for (int u = 0; u < t; ++u) {
    const int d = order_[u];
    if (gain_[d] < gain_[i]) continue;
    for (int j = 0; j < m_; ++j) {
      if (p.a(d, j) < p.a(i, j)) goto next;
    }
    costs_.Ensure(d);
    costs_.Ensure(i);
    {
      bool dominates = !uses_unit_cost || costs_.unit_cost(d) <= costs_.unit_cost(i);
      for (int c = 0; dominates && c < r_; ++c)
        dominates = costs_.weight(c, d) <= costs_.weight(c, i);
      if (dominates) out.push_back(d);
    }
  next:;
  }
  return out;
}

void ExactSearch::Add(int i) {
  const ExactProblem& p = *p_;
  costs_.Ensure(i);
  selected_[i] = 1;
  stack_.push_back(i);
  auto at = std::lower_bound(stack_by_unit_cost_.begin(), stack_by_unit_cost_.end(), i,
                             [&](int x, int y) {
                               if (costs_.unit_cost(x) != costs_.unit_cost(y))
                                 return costs_.unit_cost(x) < costs_.unit_cost(y);
                               return x < y;
                             });
  stack_by_unit_cost_.insert(at, i);
  for (int j = 0; j < m_; ++j) {
    cover_[j] += p.a(i, j);
    unit_cost_undo_.push_back(selected_unit_cost_[j]);
    if (p.a(i, j) > 0)
      selected_unit_cost_[j] = std::min(selected_unit_cost_[j], costs_.unit_cost(i));
  }
  for (int c = 0; c < r_; ++c) weight_sum_[c] += costs_.weight(c, i);
}

void ExactSearch::Remove(int i) {
  const ExactProblem& p = *p_;
  selected_[i] = 0;
  stack_.pop_back();
  stack_by_unit_cost_.erase(std::find(stack_by_unit_cost_.begin(), stack_by_unit_cost_.end(), i));
  for (int j = m_ - 1; j >= 0; --j) {
    cover_[j] -= p.a(i, j);
    selected_unit_cost_[j] = unit_cost_undo_.back();
    unit_cost_undo_.pop_back();
  }
  for (int c = 0; c < r_; ++c) weight_sum_[c] -= costs_.weight(c, i);
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
    int64_t want = p.demand[j];
    for (int i : stack_by_unit_cost_) {
      if (want == 0) break;
      const int64_t q = std::min(want, p.a(i, j));
      cost += static_cast<double>(q) * costs_.unit_cost(i);
      want -= q;
    }
  }
  return cost;
}

void ExactSearch::Evaluate() {
  PlanKey key;
  key.units = CoveredUnits();
  if (key.units < best_.units) return;
  // Criterion by criterion: stop at the first that is strictly worse than
  // the incumbent's; compute the allocated unit cost only if one needs it.
  bool better = key.units > best_.units;
  double unit_cost = -1;
  for (int c = 0; c < r_; ++c) {
    double v = 0;
    // Summed in a canonical order of S, so the value does not depend on the path.
    for (int i : stack_by_unit_cost_) v += costs_.weight(c, i);
    if (p_->adds_unit_cost[c]) {
      if (unit_cost < 0) unit_cost = AllocatedUnitCost();
      v += unit_cost;
    }
    key.value[c] = v;
    if (better) continue;
    const int order = CompareCriterion(*p_, c, v, best_.value[c]);
    if (order == 0) continue;
    if (order > 0) return;
    better = true;
  }
  if (better) {
    best_ = key;
    best_set_ = stack_;
  }
}

void ExactSearch::SeedGreedy() {
  const ExactProblem& p = *p_;
  // Greedy cover: repeatedly add the candidate that places the most new
  // units (ties: the earlier in search order).
  std::vector<int>& taken = greedy_;
  taken.clear();
  while (static_cast<int>(taken.size()) < k_) {
    int pick = -1;
    int64_t pick_gain = 0;
    for (int t = 0; t < n_; ++t) {
      const int i = order_[t];
      if (selected_[i]) continue;
      int64_t g = 0;
      for (int j = 0; j < m_; ++j) {
        g += std::min(p.a(i, j), std::max<int64_t>(0, p.demand[j] - cover_[j]));
      }
      if (g > pick_gain) {
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

bool ExactSearch::CouldImprove(int i) const {
  // Criterion by criterion, a lower bound of the key of S + {i}: S's exact
  // weights plus i's lower-bound weight; for cost, every unit S + {i} places
  // at the cheapest holder of its SKU there (by lower bounds).
  const ExactProblem& p = *p_;
  for (int c = 0; c < r_; ++c) {
    double lower = weight_sum_[c] + costs_.weight_lower(c, i);
    if (p.adds_unit_cost[c]) {
      for (int j = 0; j < m_; ++j) {
        const int64_t units = std::min(p.demand[j], cover_[j] + p.a(i, j));
        if (units == 0) continue;
        const double cheapest = p.a(i, j) > 0
                                    ? std::min(selected_unit_cost_[j], costs_.unit_cost_lower(i))
                                    : selected_unit_cost_[j];
        lower += static_cast<double>(units) * cheapest;
      }
    }
    const int order = CompareCriterion(p, c, lower, best_.value[c]);
    if (order != 0) return order < 0;
  }
  return false;
}

ExactSearch::Tops ExactSearch::LookAhead(int t) {
  const ExactProblem& p = *p_;
  if (static_cast<int>(stack_.size()) >= k_) return Tops{};
  Tops tops{0, 0};
  // Of the single completions S + {i}, only those placing the most units
  // can be the best; the others are skipped without computing their cost.
  const int64_t covered = CoveredUnits();
  int64_t most = -1;
  const bool empty = stack_.empty();  // then residual gains are the plain gains
  for (int u = t; u < n_; ++u) {
    const int i = order_[u];
    int64_t g = 0;
    if (empty) {
      g = gain_[i];
    } else {
      for (int j = 0; j < m_; ++j) {
        g += std::min(p.a(i, j), std::max<int64_t>(0, p.demand[j] - cover_[j]));
      }
    }
    gains_[u - t] = g;
    most = std::max(most, g);
    if (g > tops.first) {
      tops.second = tops.first;
      tops.first = g;
    } else if (g > tops.second) {
      tops.second = g;
    }
  }
  if (covered + most < best_.units) return tops;
  for (int u = t; u < n_; ++u) {
    if (gains_[u - t] != most) continue;
    const int i = order_[u];
    // A plan tying the incumbent's units is evaluated exactly (an asin for
    // its distance) only if its lower bound could beat the incumbent.
    if (covered + most == best_.units && !CouldImprove(i)) continue;
    Add(i);
    Evaluate();
    Remove(i);
  }
  return tops;
}

void ExactSearch::Summarize(int t, Summary* out) const {
  // What the bounds need to know of R = the candidates at positions >= t.
  const ExactProblem& p = *p_;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  out->supply.assign(m_, 0);
  out->unit_cost.assign(m_, kInf);
  out->holder_min.clear();  // computed on demand: SummarizeHolders
  out->min1.fill(kInf);
  out->min2.fill(kInf);
  out->top1 = out->top2 = 0;
  for (int u = t; u < n_; ++u) {
    const int i = order_[u];
    for (int j = 0; j < m_; ++j) {
      const int64_t a = p.a(i, j);
      out->supply[j] += a;
      if (a > 0) out->unit_cost[j] = std::min(out->unit_cost[j], costs_.unit_cost_lower(i));
    }
    const int64_t g = gain_[i];
    if (g > out->top1) {
      out->top2 = out->top1;
      out->top1 = g;
    } else if (g > out->top2) {
      out->top2 = g;
    }
    for (int c = 0; c < r_; ++c) {
      const double w = costs_.weight_lower(c, i);
      if (w < out->min1[c]) {
        out->min2[c] = out->min1[c];
        out->min1[c] = w;
      } else if (w < out->min2[c]) {
        out->min2[c] = w;
      }
    }
  }
}

void ExactSearch::SummarizeHolders(int t, Summary* out) const {
  const ExactProblem& p = *p_;
  out->holder_min.assign(static_cast<size_t>(r_) * m_, std::numeric_limits<double>::infinity());
  for (int u = t; u < n_; ++u) {
    const int i = order_[u];
    for (int j = 0; j < m_; ++j) {
      if (p.a(i, j) == 0) continue;
      for (int c = 0; c < r_; ++c) {
        double& h = out->holder_min[static_cast<size_t>(c) * m_ + j];
        h = std::min(h, costs_.weight_lower(c, i));
      }
    }
  }
}

void ExactSearch::BuildSuffixSummaries() {
  // Summaries of every suffix of the search order, built backwards in one
  // pass, so that a node's bounds cost O(m + r) instead of a scan of R.
  // Grown, never shrunk: the summaries' vectors keep their memory across orders.
  if (suffix_.size() < static_cast<size_t>(n_ + 1)) suffix_.resize(n_ + 1);
  has_suffix_ = true;
  Summarize(n_, &suffix_[n_]);
  SummarizeHolders(n_, &suffix_[n_]);
  for (int t = n_ - 1; t >= 0; --t) {
    const Summary& next = suffix_[t + 1];
    Summary& here = suffix_[t];
    here = next;
    const int i = order_[t];
    const ExactProblem& p = *p_;
    for (int j = 0; j < m_; ++j) {
      const int64_t a = p.a(i, j);
      here.supply[j] += a;
      if (a > 0) {
        here.unit_cost[j] = std::min(here.unit_cost[j], costs_.unit_cost_lower(i));
        for (int c = 0; c < r_; ++c) {
          double& h = here.holder_min[static_cast<size_t>(c) * m_ + j];
          h = std::min(h, costs_.weight_lower(c, i));
        }
      }
    }
    const int64_t g = gain_[i];
    if (g > here.top1) {
      here.top2 = here.top1;
      here.top1 = g;
    } else if (g > here.top2) {
      here.top2 = g;
    }
    for (int c = 0; c < r_; ++c) {
      const double w = costs_.weight_lower(c, i);
      if (w < here.min1[c]) {
        here.min2[c] = here.min1[c];
        here.min1[c] = w;
      } else if (w < here.min2[c]) {
        here.min2[c] = w;
      }
    }
  }
}

bool ExactSearch::Prune(int t, Tops residual) {
  if (!has_suffix_) {
    if (!root_summary_ready_) Summarize(0, &root_summary_);
    root_summary_ready_ = true;
    return Prune(t, root_summary_, residual);
  }
  return Prune(t, suffix_[t], residual);
}

bool ExactSearch::Prune(int t, Summary& r, Tops residual) {
  const ExactProblem& p = *p_;
  const int size = static_cast<int>(stack_.size());
  const int slots = k_ - size;
  // S and S + {i} for every remaining candidate i were evaluated already
  // (LookAhead), so every plan below not yet seen adds at least two of the
  // remaining candidates R.
  constexpr int64_t min_add = 2;
  const int remaining = n_ - t;
  if (slots < min_add || remaining < min_add) return true;

  // Units: at most sum_j min(d_j, cover_j + supply_j), and with at most
  // `slots` more locations at most the units of S plus their gains (each at
  // most the largest gain in R, all but one at most the second largest).
  int64_t per_sku_bound = 0;
  for (int j = 0; j < m_; ++j) per_sku_bound += std::min(p.demand[j], cover_[j] + r.supply[j]);
  const int64_t covered = CoveredUnits();
  // The largest gains: R's own, or the residual ones (what each would add
  // to S) of R or of a superset of it, whichever is smaller.
  const int64_t top1 = std::min(r.top1, residual.first);
  const int64_t top2 = std::min(r.top2, residual.second);
  int64_t bound = per_sku_bound;
  if (slots < remaining) bound = std::min(bound, covered + top1 + (slots - 1) * top2);
  if (bound != best_.units) return bound < best_.units;

  // Every plan below must place exactly best_.units to compete: it adds at
  // least `extra` locations, enough for their gains to close the gap.
  const int64_t gap = best_.units - covered;
  int64_t extra = min_add;
  if (gap > top1 + top2) {
    if (top2 == 0) return true;
    extra = 1 + (gap - top1 + top2 - 1) / top2;
  }
  if (extra > slots) return true;

  // Criterion by criterion, stopping as soon as the bound is strictly
  // better (branch) or strictly worse (prune) than the incumbent. Of R's
  // weights, the `extra` added are at least the smallest and then the
  // second smallest.
  const bool must_cover = per_sku_bound == best_.units;
  if (must_cover && r.holder_min.empty()) SummarizeHolders(t, &r);
  for (int c = 0; c < r_; ++c) {
    double added = r.min1[c] + static_cast<double>(extra - 1) * r.min2[c];
    if (must_cover) {
      // Each SKU S does not fill must get a holder from R: one of the added
      // locations weighs at least that SKU's lightest holder, the others at
      // least the smallest weights.
      double heaviest_need = 0;
      for (int j = 0; j < m_; ++j) {
        if (cover_[j] < p.demand[j] && r.supply[j] > 0) {
          heaviest_need = std::max(heaviest_need, r.holder_min[static_cast<size_t>(c) * m_ + j]);
        }
      }
      added =
          std::max(added, heaviest_need + r.min1[c] + static_cast<double>(extra - 2) * r.min2[c]);
    }
    double lower = weight_sum_[c] + added;
    if (p.adds_unit_cost[c] && per_sku_bound == best_.units) {
      // Each SKU must reach min(d_j, cover_j + supply_j) units, none
      // cheaper than the cheapest holder in S or R.
      for (int j = 0; j < m_; ++j) {
        const int64_t want = std::min(p.demand[j], cover_[j] + r.supply[j]);
        if (want > 0) {
          lower += static_cast<double>(want) * std::min(selected_unit_cost_[j], r.unit_cost[j]);
        }
      }
    }
    const int order = CompareCriterion(p, c, lower, best_.value[c]);
    if (order != 0) return order > 0;
  }
  return true;
}

void ExactSearch::Dfs(int t, Tops residual) {
  ++nodes_;
  if (Prune(t, residual)) return;
  const int i = order_[t];
  bool dominated = false;
  for (int d : Dominators(t)) {
    if (excluded_[d]) {
      dominated = true;
      break;
    }
  }
  if (!dominated) {
    Add(i);
    const Tops tops = LookAhead(t + 1);
    Dfs(t + 1, tops);
    Remove(i);
  }
  excluded_[i] = 1;
  Dfs(t + 1, residual);  // S unchanged: R(t + 1) is a subset of R(t)
  excluded_[i] = 0;
}

}  // namespace allot::routing_internal

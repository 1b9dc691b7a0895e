#include "routing/cover_search.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>

#include "routing/holder_bits.h"

namespace allot::routing_internal {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

template <typename Fn>
void CoverSearch::ForEachFreeHolder(int j, Fn fn) const {
  ForEachFreeHolderIn(holders_, free_.data(), words_, j, fn);
}

template <typename Fn>
void CoverSearch::ForEachFreeHolderOfAny(uint64_t skus, Fn fn) const {
  ForEachFreeHolderOfAnyIn(holders_, free_.data(), words_, skus, fn);
}

void CoverSearch::Solve(const ExactProblem& problem, std::vector<int>* chosen) {
  p_ = &problem;
  n_ = problem.num_candidates;
  m_ = problem.num_skus;
  k_ = std::min(problem.max_shipments, n_);
  r_ = problem.num_criteria;
  nodes_ = 0;
  chosen->clear();
  if (n_ == 0 || k_ <= 0) return;
  Setup();
  Dfs();
  *chosen = best_set_;
  std::sort(chosen->begin(), chosen->end());
}

void CoverSearch::Setup() {
  const ExactProblem& p = *p_;
  costs_.Reset(p);
  words_ = (n_ + 63) / 64;
  for (int j = 0; j < m_; ++j) demand_[j] = p.demand[j];
  unit_bytes_ = (m_ + 7) / 8;
  for (int b = 0; b < unit_bytes_; ++b) {
    std::array<int64_t, 256>& table = units_by_byte_[b];
    const int bits = std::min(8, m_ - 8 * b);
    // Sets with highest SKU k are those without it, plus it: no chain from
    // one entry to the next, so the loops vectorize.
    table[0] = 0;
    for (int k = 0; k < bits; ++k) {
      const int64_t units = demand_[8 * b + k];
      for (uint32_t v = 0; v < (1u << k); ++v) table[(1u << k) + v] = table[v] + units;
    }
  }
  sets_ = p.sku_sets.data();
  holders_ = p.sku_holders.data();
  free_.assign(words_, ~uint64_t{0});
  if (n_ % 64 != 0) free_.back() = (uint64_t{1} << (n_ % 64)) - 1;
  limited_ = k_ < n_;
  // One pass over the candidates: per criterion the least weight of any
  // candidate, and of one that may join only for its unit costs; then per
  // SKU the least unit cost of any holder.
  // A location added only for its unit costs raises every other criterion
  // by its weight; an integer criterion before the first cost one that it
  // raises makes the plan strictly worse than the plan without it.
  uses_unit_cost_ = p.UsesUnitCost();
  all_skus_ = 0;
  may_add_for_unit_cost_.assign(n_, 0);
  cheapest_holder_.fill(kInf);
  lightest_addition_.fill(kInf);
  lightest_weight_.fill(kInf);
  for (int i = 0; i < n_; ++i) {
    all_skus_ |= sets_[i];
    bool may = uses_unit_cost_;
    for (int c = 0; c < r_ && !p.adds_unit_cost[c]; ++c) {
      if (!p.tolerant[c] && costs_.weight_lower(c, i) > 0) may = false;
    }
    may_add_for_unit_cost_[i] = may;
    for (int c = 0; c < r_; ++c) {
      const double w = costs_.weight_lower(c, i);
      lightest_weight_[c] = std::min(lightest_weight_[c], w);
      if (may) lightest_addition_[c] = std::min(lightest_addition_[c], w);
    }
  }
  // SKU by SKU: a loop per candidate over its few SKUs mispredicts.
  for (int j = 0; j < m_; ++j) {
    double cheapest = kInf;
    ForEachFreeHolder(j, [&](int i) { cheapest = std::min(cheapest, costs_.unit_cost_lower(i)); });
    cheapest_holder_[j] = cheapest;
  }
  stack_.clear();
  unit_cost_.fill(kInf);
  unit_cost_undo_.clear();
  frames_.assign(1, {});
  // Each level covers or gives up at least one SKU: depth <= m + 1.
  if (nodes_bound_.size() < static_cast<size_t>(m_ + 2)) nodes_bound_.resize(m_ + 2);
  depth_ = 0;
  pool_.clear();
  slack_.clear();
  free_saved_.clear();
  // The empty plan (no units, every criterion 0) is the first incumbent.
  SetIncumbent(PlanKey{});
  best_set_.clear();
}

void CoverSearch::Add(int i) {
  costs_.Ensure(i);
  Frame next = frame();
  AddToFrame(i, &next);
  const double u = costs_.unit_cost(i);
  for (uint64_t skus = sets_[i]; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    if (u < unit_cost_[j]) {
      unit_cost_undo_.push_back({j, unit_cost_[j]});
      unit_cost_[j] = u;
    }
  }
  unit_cost_undo_.push_back({-1, 0});  // frame marker
  frames_.push_back(next);
  stack_.push_back(i);
  SetFree(i, false);
}

void CoverSearch::AddToFrame(int i, Frame* f) const {
  // Before Add: unit_cost_ holds S's cheapest unit costs. Requires Ensure(i).
  // Without a branch per SKU (they mispredict): an uncovered SKU's unit
  // cost is infinite, so `now` is u for it and, with `was` taken as 0, the
  // sums grow by its whole cost; a covered one changes by the difference,
  // exactly 0 when i is not cheaper.
  const double u = costs_.unit_cost(i);
  for (uint64_t skus = sets_[i]; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    const double d = static_cast<double>(demand_[j]);
    const bool covered = f->covered >> j & 1;
    const double now = std::min(u, unit_cost_[j]);
    const double was = covered ? unit_cost_[j] : 0.0;
    const double was_floor = covered ? std::min(unit_cost_[j], cheapest_holder_[j]) : 0.0;
    f->unit_cost += d * (now - was);
    f->unit_cost_floor += d * (std::min(now, cheapest_holder_[j]) - was_floor);
  }
  f->units += Units(sets_[i] & ~f->covered);
  f->covered |= sets_[i];
  for (int c = 0; c < r_; ++c) f->sums[c] += costs_.weight(c, i);
}

void CoverSearch::Remove(int i) {
  stack_.pop_back();
  frames_.pop_back();
  unit_cost_undo_.pop_back();  // frame marker
  while (!unit_cost_undo_.empty() && unit_cost_undo_.back().first >= 0) {
    unit_cost_[unit_cost_undo_.back().first] = unit_cost_undo_.back().second;
    unit_cost_undo_.pop_back();
  }
  SetFree(i, true);
}

void CoverSearch::Evaluate() {
  const ExactProblem& p = *p_;
  const Frame& f = frame();
  PlanKey key;
  key.units = f.units;
  if (key.units < best_.units) return;
  bool better = key.units > best_.units;
  for (int c = 0; c < r_; ++c) {
    const double v = f.sums[c] + (p.adds_unit_cost[c] ? f.unit_cost : 0);
    key.value[c] = v;
    if (better) continue;
    const int order = CompareCriterion(p, c, v, best_.value[c]);
    if (order > 0) return;
    if (order < 0) better = true;
  }
  if (better) {
    SetIncumbent(key);
    best_set_ = stack_;
  }
}

void CoverSearch::StartNode(uint64_t coverable, int slots, NodeBound* nb) {
  nb->coverable = coverable;
  nb->ready = false;
  // Cleared here, not in PrepareBounds: a child reads its parent's
  // dual_ready even when the parent never prepared its bounds.
  nb->dual_ready = 0;
  nb->inherited_ready = 0;
  nb->units_now = frame().units;
  nb->upper = nb->units_now + Units(coverable);
  if (limited_) {
    // At most `slots` more locations: the sum of the largest gains.
    gains_.clear();
    ForEachFreeHolderOfAny(coverable,
                           [&](int i) { gains_.push_back(Units(sets_[i] & coverable)); });
    if (static_cast<int>(gains_.size()) > slots) {
      std::nth_element(gains_.begin(), gains_.begin() + slots, gains_.end(), std::greater<>());
      nb->upper = std::min(
          nb->upper,
          nb->units_now + std::accumulate(gains_.begin(), gains_.begin() + slots, int64_t{0}));
    }
  }
}

void CoverSearch::PrepareBounds(NodeBound* nb) {
  // Called when the node's units bound ties the incumbent: a competing plan
  // places exactly best_.units, and covers every coverable SKU when leaving
  // out any one of them falls short.
  const ExactProblem& p = *p_;
  nb->ready = true;
  const uint64_t coverable = nb->coverable;
  const int64_t need = best_.units - nb->units_now;
  int64_t smallest = std::numeric_limits<int64_t>::max();
  for (uint64_t skus = coverable; skus != 0; skus &= skus - 1) {
    smallest = std::min(smallest, demand_[std::countr_zero(skus)]);
  }
  nb->covers_all = Units(coverable) - smallest < need;
  // Covered SKUs keep their units, at no less than the cheapest unit cost
  // of any holder (a location added later may lower theirs).
  const double covered_unit_cost = frame().unit_cost_floor;
  double coverable_unit_cost = 0;
  if (uses_unit_cost_) {
    for (uint64_t skus = coverable; skus != 0; skus &= skus - 1) {
      const int j = std::countr_zero(skus);
      coverable_unit_cost += static_cast<double>(demand_[j]) * cheapest_holder_[j];
    }
  }
  for (int c = 0; c < r_; ++c) {
    nb->base[c] = frame().sums[c] + (p.adds_unit_cost[c] ? covered_unit_cost : 0);
    nb->quick_base[c] = nb->base[c] + (p.adds_unit_cost[c] ? coverable_unit_cost : 0);
  }
  if (!nb->covers_all) {
    // At least one more location, placing `need` units.
    std::array<double, kMaxCriteria> lightest;
    lightest.fill(kInf);
    double cheapest = kInf;
    ForEachFreeHolderOfAny(coverable, [&](int i) {
      cheapest = std::min(cheapest, costs_.unit_cost_lower(i));
      for (int c = 0; c < r_; ++c) lightest[c] = std::min(lightest[c], costs_.weight_lower(c, i));
    });
    for (int c = 0; c < r_; ++c) {
      nb->base[c] += lightest[c];
      if (p.adds_unit_cost[c]) nb->base[c] += static_cast<double>(need) * cheapest;
    }
  }
}

void CoverSearch::PrepareDual(NodeBound* nb, int c) {
  // The dual of covering the node's coverable SKUs from the free
  // candidates (cover_dual.h); the slacks go on the node's stack.
  nb->dual_ready |= 1u << c;
  nb->slack_at[c] = slack_.size();
  slack_.resize(slack_.size() + n_);
  share_.resize(n_);
  nb->dual[c] = ComputeDual(DualInputFor(c), nb->coverable, share_.data(), &slack_[nb->slack_at[c]],
                            nb->v[c].data());
}

DualInput CoverSearch::DualInputFor(int c) const {
  return {.words = words_,
          .holders = holders_,
          .free = free_.data(),
          .sets = sets_,
          .demand = demand_.data(),
          .weight = costs_.weight_lowers(c),
          .unit_cost = p_->adds_unit_cost[c] ? costs_.unit_cost_lowers() : nullptr};
}

void CoverSearch::SetIncumbent(const PlanKey& key) {
  best_ = key;
  // Margins that decide CompareLowerBound without its tolerance test
  // (ToleranceMargin); an integer criterion's bound is rounded up first
  // (1e-9 below it still rounds to it).
  for (int c = 0; c < r_; ++c) {
    const double v = key.value[c];
    if (p_->tolerant[c]) {
      worse_above_[c] = v + ToleranceMargin(v);
      better_below_[c] = v - ToleranceMargin(v);
    } else {
      worse_above_[c] = v + 0.5;
      better_below_[c] = v - 1;
    }
  }
}

int CoverSearch::CompareLowerBound(int c, double bound) const {
  if (bound > worse_above_[c]) return 1;
  if (bound < better_below_[c]) return -1;
  return routing_internal::CompareLowerBound(*p_, c, bound, best_.value[c]);
}

int CoverSearch::QuickCompare(const NodeBound& nb, uint64_t rest, int i) const {
  // Without the duals: what S (and i) weigh, one more location of the
  // lightest weight if anything is left, and every SKU left at its
  // cheapest holder's unit cost (in quick_base).
  for (int c = 0; c < r_; ++c) {
    double bound = nb.quick_base[c] + (rest != 0 ? lightest_weight_[c] : 0);
    if (i >= 0) bound += costs_.weight_lower(c, i);
    const int order = CompareLowerBound(c, bound);
    if (order != 0) return order;
  }
  return 0;
}

bool CoverSearch::NodeMayImprove(NodeBound* nb) {
  if (nb->upper != best_.units) return nb->upper > best_.units;
  if (!nb->ready) PrepareBounds(nb);
  if (!nb->covers_all) {
    for (int c = 0; c < r_; ++c) {
      const int order = CompareLowerBound(c, nb->base[c]);
      if (order != 0) return order < 0;
    }
    return false;
  }
  // The duals wait for the children that need them (ChildMayImprove).
  return QuickCompare(*nb, nb->coverable, -1) < 0;
}

bool CoverSearch::ChildMayImprove(NodeBound* nb, int i) {
  // The node's duals stay feasible as siblings are excluded (fewer
  // constraints), so their bounds stay valid.
  if (nb->upper != best_.units) return nb->upper > best_.units;
  if (!nb->ready) PrepareBounds(nb);
  if (!nb->covers_all) return true;
  const uint64_t rest = nb->coverable & ~sets_[i];
  if (QuickCompare(*nb, rest, i) >= 0) return false;
  // A child completing the cover is a leaf: its exact value costs less than
  // the duals.
  if (rest == 0) return LeafMayImprove(i);
  for (int c = 0; c < r_; ++c) {
    if (!(nb->dual_ready >> c & 1)) {
      const NodeBound* parent = nb == nodes_bound_.data() ? nullptr : nb - 1;
      if (parent != nullptr && (parent->dual_ready >> c & 1) &&
          InheritedBoundLoses(nb, *parent, c, i)) {
        return false;
      }
      PrepareDual(nb, c);
    }
    const double bound = nb->base[c] + nb->dual[c] + slack_[nb->slack_at[c] + i];
    const int order = CompareLowerBound(c, bound);
    if (order != 0) return order < 0;
  }
  return false;
}

bool CoverSearch::InheritedBoundLoses(NodeBound* nb, const NodeBound& parent, int c, int i) {
  const double* v = parent.v[c].data();
  if (!(nb->inherited_ready >> c & 1)) {
    nb->inherited_ready |= 1u << c;
    nb->inherited[c] = DualSum(v, nb->coverable);
  }
  const double slack = SlackUnder(DualInputFor(c), v, nb->coverable, i);
  return CompareLowerBound(c, nb->base[c] + nb->inherited[c] + slack) > 0;
}

bool CoverSearch::LeafMayImprove(int i) {
  // S + i exactly; with room for cost-only additions, their plans weigh at
  // least the lightest addition more and have each SKU's unit cost no lower
  // than its cheapest holder's (as AdditionsMayImprove): the least of the
  // two bounds the cost, the plan's value every other criterion.
  const ExactProblem& p = *p_;
  costs_.Ensure(i);
  Frame f = frame();
  AddToFrame(i, &f);
  if (f.units != best_.units) return f.units > best_.units;
  const bool additions = uses_unit_cost_ && static_cast<int>(stack_.size()) + 1 < k_;
  for (int c = 0; c < r_; ++c) {
    double bound = f.sums[c];
    if (p.adds_unit_cost[c]) {
      bound += additions ? std::min(f.unit_cost, lightest_addition_[c] + f.unit_cost_floor)
                         : f.unit_cost;
    }
    const int order = CompareLowerBound(c, bound);
    if (order != 0) return order < 0;
  }
  return false;
}

void CoverSearch::Dfs() {
  ++nodes_;
  const int slots = k_ - static_cast<int>(stack_.size());
  // The SKUs still coverable from free locations, and the rarest of them.
  const uint64_t open = all_skus_ & ~frame().covered;
  uint64_t coverable = 0;
  int rarest = -1, fewest = std::numeric_limits<int>::max();
  for (uint64_t skus = open; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    const uint64_t* h = &holders_[static_cast<size_t>(j) * words_];
    int count = 0;
    for (int w = 0; w < words_; ++w) count += std::popcount(h[w] & free_[w]);
    if (count == 0) continue;
    coverable |= uint64_t{1} << j;
    if (count < fewest) {
      fewest = count;
      rarest = j;
    }
  }
  if (coverable == 0 || slots == 0) return Leaf();
  NodeBound& nb = nodes_bound_[depth_];
  StartNode(coverable, slots, &nb);
  const size_t slack_begin = slack_.size();
  if (NodeMayImprove(&nb)) Branch(&nb, rarest);
  slack_.resize(slack_begin);
}

void CoverSearch::Branch(NodeBound* node, int rarest) {
  NodeBound& nb = *node;
  const uint64_t coverable = nb.coverable;

  // One child per free holder of the rarest SKU, the cheapest share of the
  // first criterion first (for shipments: the most SKUs covered).
  const ExactProblem& p = *p_;
  const size_t begin = pool_.size();
  const size_t saved_at = free_saved_.size();
  free_saved_.insert(free_saved_.end(), free_.begin(), free_.end());
  ForEachFreeHolder(rarest, [&](int i) {
    const double units = static_cast<double>(Units(sets_[i] & coverable));
    double key = r_ > 0 ? costs_.weight_lower(0, i) : 0;
    if (r_ > 0 && p.adds_unit_cost[0]) key += units * costs_.unit_cost_lower(i);
    pool_.push_back({key / units, i});
  });
  const size_t end = pool_.size();
  auto lighter = [](const Pooled& x, const Pooled& y) {
    return x.key != y.key ? x.key < y.key : x.candidate < y.candidate;
  };
  // Only the most promising child first (it sets the incumbent early); a
  // full sort measured slower: most children are pruned by a bound anyway.
  std::iter_swap(pool_.begin() + begin,
                 std::min_element(pool_.begin() + begin, pool_.begin() + end, lighter));
  ++depth_;
  for (size_t a = begin; a < end; ++a) {
    const int i = pool_[a].candidate;
    if (ChildMayImprove(&nb, i)) {
      Add(i);
      Dfs();
      Remove(i);
    }
    SetFree(i, false);  // later children exclude it
  }
  // With a shipment limit the best plan may leave this SKU out: every holder
  // is excluded now, so below it no longer counts as coverable.
  if (limited_) Dfs();
  --depth_;
  // Every child is free again: the free set as it was.
  std::copy(free_saved_.begin() + saved_at, free_saved_.end(), free_.begin());
  free_saved_.resize(saved_at);
  pool_.resize(begin);
}

void CoverSearch::Leaf() {
  Evaluate();
  if (!uses_unit_cost_ || static_cast<int>(stack_.size()) >= k_) return;
  if (!AdditionsMayImprove()) return;
  // A location whose saving on S's unit costs does not exceed its package
  // cost never makes a plan strictly better: adding it to any S' >= S
  // saves at most that much (savings only shrink as S grows) and raises
  // every other criterion. So only these may join, each with its saving.
  // The savings SKU by SKU (a loop per holder over its few SKUs
  // mispredicts); only holders of a covered SKU can save anything.
  const ExactProblem& p = *p_;
  const uint64_t covered = frame().covered;
  saving_.resize(n_);
  ForEachFreeHolderOfAny(covered, [&](int i) { saving_[i] = 0; });
  for (uint64_t skus = covered; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    const double d = static_cast<double>(demand_[j]), now = unit_cost_[j];
    ForEachFreeHolder(
        j, [&](int i) { saving_[i] += d * std::max(0.0, now - costs_.unit_cost_lower(i)); });
  }
  const size_t begin = pool_.size();
  ForEachFreeHolderOfAny(covered, [&](int i) {
    if (!may_add_for_unit_cost_[i]) return;
    for (int c = 0; c < r_; ++c) {
      if (p.adds_unit_cost[c] && saving_[i] > costs_.weight_lower(c, i)) {
        pool_.push_back({saving_[i], i});
        return;
      }
    }
  });
  AddForUnitCost(begin, pool_.size());
  pool_.resize(begin);
}

void CoverSearch::AddForUnitCost(size_t list_begin, size_t list_end) {
  // Every subset of the list, each once: the next addition is list[a], and
  // the ones after it may follow.
  for (size_t a = list_begin; a < list_end; ++a) {
    if (static_cast<int>(stack_.size()) >= k_) return;
    if (!AdditionsMayImprove(a, list_end)) return;
    const int i = pool_[a].candidate;
    ++nodes_;
    Add(i);
    Evaluate();
    AddForUnitCost(a + 1, list_end);
    Remove(i);
  }
}

bool CoverSearch::AdditionsMayImprove() {
  // Any addition weighs at least the lightest possible one, and lowers each
  // covered SKU's unit cost at most to its cheapest holder's.
  const ExactProblem& p = *p_;
  const Frame& f = frame();
  if (f.units != best_.units) return f.units > best_.units;
  for (int c = 0; c < r_; ++c) {
    const double bound =
        f.sums[c] + lightest_addition_[c] + (p.adds_unit_cost[c] ? f.unit_cost_floor : 0);
    const int order = CompareLowerBound(c, bound);
    if (order != 0) return order < 0;
  }
  return false;
}

bool CoverSearch::AdditionsMayImprove(size_t list_begin, size_t list_end) {
  // Plans S + T for a nonempty T of list[list_begin, list_end): the units
  // stay; the cost is bounded by AdditionsCostBound, every other criterion
  // grows by at least the lightest weight there.
  const ExactProblem& p = *p_;
  if (frame().units != best_.units) return frame().units > best_.units;
  for (int c = 0; c < r_; ++c) {
    double bound = frame().sums[c];
    if (p.adds_unit_cost[c]) {
      bound += AdditionsCostBound(c, list_begin, list_end);
    } else {
      double lightest = kInf;
      for (size_t a = list_begin; a < list_end; ++a) {
        lightest = std::min(lightest, costs_.weight_lower(c, pool_[a].candidate));
      }
      bound += lightest;
    }
    const int order = CompareLowerBound(c, bound);
    if (order != 0) return order < 0;
  }
  return false;
}

double CoverSearch::AdditionsCostBound(int c, size_t list_begin, size_t list_end) {
  // Adding T to S is again facility location, with S one location of no
  // weight that serves covered SKU j at c_Sj (its units at S's unit cost).
  // A dual v with v_j <= c_Sj and sum_j max(0, v_j - c_ij) <= w_i for the
  // listed i gives weight(T) + unit cost >= sum_j v_j + min_i s_i. It
  // starts at each SKU's cheapest offer and takes one ascent pass. The
  // gains (saving - weight) bound it too: cost(S) - their positive sum.
  constexpr double kNone = std::numeric_limits<double>::max();
  std::array<double, kMaxSkus> v, cap;
  double current = 0;
  for (uint64_t skus = frame().covered; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    cap[j] = v[j] = static_cast<double>(demand_[j]) * unit_cost_[j];
    current += cap[j];
  }
  double gains = 0;
  slack_scratch_.clear();
  for (size_t a = list_begin; a < list_end; ++a) {
    const int i = pool_[a].candidate;
    const double w = costs_.weight_lower(c, i);
    gains += std::max(0.0, pool_[a].key - w);
    slack_scratch_.push_back(w);
    const double u = costs_.unit_cost_lower(i);
    for (uint64_t skus = sets_[i] & frame().covered; skus != 0; skus &= skus - 1) {
      const int j = std::countr_zero(skus);
      v[j] = std::min(v[j], static_cast<double>(demand_[j]) * u);
    }
  }
  for (uint64_t skus = frame().covered; skus != 0; skus &= skus - 1) {
    const int j = std::countr_zero(skus);
    if (v[j] >= cap[j]) continue;
    const double d = static_cast<double>(demand_[j]);
    double room = kNone, next = cap[j];
    for (size_t a = list_begin; a < list_end; ++a) {
      const int i = pool_[a].candidate;
      if (!(sets_[i] >> j & 1)) continue;
      const double cost = d * costs_.unit_cost_lower(i);
      if (cost <= v[j]) {
        room = std::min(room, slack_scratch_[a - list_begin]);
      } else {
        next = std::min(next, cost);
      }
    }
    const double raise = std::min(room, next - v[j]);
    if (!(raise > 0)) continue;
    for (size_t a = list_begin; a < list_end; ++a) {
      const int i = pool_[a].candidate;
      if (!(sets_[i] >> j & 1) || d * costs_.unit_cost_lower(i) > v[j]) continue;
      double& s = slack_scratch_[a - list_begin];
      s = std::max(0.0, s - raise);
    }
    v[j] += raise;
  }
  double dual = *std::min_element(slack_scratch_.begin(), slack_scratch_.end());
  for (uint64_t skus = frame().covered; skus != 0; skus &= skus - 1)
    dual += v[std::countr_zero(skus)];
  return std::max(dual, current - gains);
}

}  // namespace allot::routing_internal

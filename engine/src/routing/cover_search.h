// Exact search for the orders where every candidate location holds all or
// none of each SKU's demand, the common case when stock is deeper than
// orders. A plan's units are then those of the union of its members' SKU
// sets, and with at most 64 SKUs a set is one 64-bit word, so the search
// works on bitmasks instead of quantities.
//
// It branches on SKUs, not locations: at each node, the uncovered SKU with
// the fewest candidate holders left, one child per holder (each later child
// excludes the earlier holders, so no plan is enumerated twice). A leaf is a
// plan that covers every SKU it still can; with `cost` among the criteria it
// may add further locations whose saving on unit costs exceeds their package
// cost (no other addition can make a plan strictly better). With
// max_shipments, a last child gives the SKU up.
//
// A node or child is pruned when a sound bound on every plan below is not
// strictly better than the incumbent:
//   - units:  the units covered plus those still coverable, and with a
//             limit, plus the largest gains of the slots left;
//   - then, criterion by criterion: first a cheap bound (S's exact value,
//     one more location of the lightest weight if anything is left, each
//     remaining unit at its cheapest holder's unit cost), then a dual bound:
//     covering the remaining SKUs is uncapacitated facility location, and a
//     feasible dual v (from the shares w_i / |SKUs i covers| and one pass of
//     Erlenkotter's ascent) bounds every plan containing i by sum v + s_i,
//     s_i the slack of i. Cost-only additions are bounded the same way.
//     A child that covers every SKU left is bounded instead by its exact
//     value (and that of its cost-only additions), without descending.
// Exact distances (an asin) are computed only for locations a plan takes.
#ifndef ALLOT_ROUTING_COVER_SEARCH_H_
#define ALLOT_ROUTING_COVER_SEARCH_H_

#include <array>
#include <cstdint>
#include <vector>

#include "routing/cover_dual.h"
#include "routing/exact_problem.h"

namespace allot::routing_internal {

class CoverSearch {
 public:
  static constexpr int kMaxSkus = ExactProblem::kMaxSetSkus;

  // True when every candidate offers each SKU's whole demand or nothing and
  // the problem carries SKU sets and holders (ExactProblem::all_or_none).
  static bool Applies(const ExactProblem& problem) {
    return problem.all_or_none &&
           problem.sku_holders.size() ==
               static_cast<size_t>(problem.num_skus) * problem.HolderWords() &&
           problem.sku_sets.size() == static_cast<size_t>(problem.num_candidates);
  }

  // Finds an optimal set of candidates, written ascending into `chosen`.
  // Requires Applies(problem). Deterministic for a given problem.
  void Solve(const ExactProblem& problem, std::vector<int>* chosen);

  int64_t nodes() const { return nodes_; }
  CandidateCosts& costs() { return costs_; }

 private:
  // What S amounts to, kept per depth so that Remove restores it exactly:
  // criterion sums of its weights, its SKUs and their units, their unit
  // cost (each at S's cheapest), and the same with each SKU at no more than
  // its cheapest holder's (a floor for any superset of S).
  struct Frame {
    std::array<double, kMaxCriteria> sums{};
    uint64_t covered = 0;
    int64_t units = 0;
    double unit_cost = 0;
    double unit_cost_floor = 0;
  };
  const Frame& frame() const { return frames_.back(); }

  void Setup();
  void Dfs();
  // Evaluates S and, under `cost`, its supersets that add only locations
  // whose saving on S's unit costs exceeds their weight.
  void Leaf();
  void AddForUnitCost(size_t list_begin, size_t list_end);
  // What bounds a node and its children: the units it can reach, and per
  // criterion S's value (with covered SKUs at their cheapest possible unit
  // cost), the cheap bound's base and, on demand, the dual bound.
  struct NodeBound {
    uint64_t coverable = 0;
    int64_t units_now = 0, upper = 0;
    bool ready = false;       // base and covers_all computed
    uint32_t dual_ready = 0;  // bit c: dual[c] and slack_at[c] computed
    bool covers_all = false;  // a competing plan covers every coverable SKU
    std::array<double, kMaxCriteria> base{};
    std::array<double, kMaxCriteria> quick_base{};             // see QuickCompare
    std::array<double, kMaxCriteria> dual{};                   // see PrepareDual
    std::array<size_t, kMaxCriteria> slack_at{};               // per candidate, in slack_
    std::array<std::array<double, kMaxSkus>, kMaxCriteria> v;  // the duals, per SKU
    // bit c: inherited[c], the sum over the coverable SKUs of the parent's
    // duals (see InheritedBoundLoses), computed.
    uint32_t inherited_ready = 0;
    std::array<double, kMaxCriteria> inherited{};
  };
  void StartNode(uint64_t coverable, int slots, NodeBound* nb);
  void PrepareBounds(NodeBound* nb);
  void PrepareDual(NodeBound* nb, int c);
  // What the dual of criterion c reads (cover_dual.h), over the free set.
  DualInput DualInputFor(int c) const;
  // False when no plan below the node, or below the node + {i}, can be
  // strictly better than the incumbent.
  bool NodeMayImprove(NodeBound* nb);
  bool ChildMayImprove(NodeBound* nb, int i);
  // True when the parent's duals for criterion c, restricted to the node's
  // SKUs (still feasible: fewer SKUs and candidates), already put node + {i}
  // strictly above the incumbent, so the node need not compute its own.
  bool InheritedBoundLoses(NodeBound* nb, const NodeBound& parent, int c, int i);
  // The same for a child i that covers every SKU left, from S + i's exact
  // value instead of the duals.
  bool LeafMayImprove(int i);
  // Compares cheap lower bounds (no duals) of the plans below the node
  // (i < 0) or below node + {i} with the incumbent, as CompareLowerBound;
  // `rest`: the coverable SKUs still to cover.
  int QuickCompare(const NodeBound& nb, uint64_t rest, int i) const;
  // Searches the children of a node that may improve: one per free holder
  // of SKU `rarest`, then, with a shipment limit, one giving it up.
  void Branch(NodeBound* nb, int rarest);
  bool AdditionsMayImprove(size_t list_begin, size_t list_end);
  // A lower bound, over nonempty T of the list, of criterion c's value of
  // S + T less S's weights (see the definition).
  double AdditionsCostBound(int c, size_t list_begin, size_t list_end);
  bool AdditionsMayImprove();  // any free locations at all
  // -1, 0 or +1 as a lower bound of criterion c beats, ties or loses to
  // the incumbent's value.
  int CompareLowerBound(int c, double bound) const;
  void SetIncumbent(const PlanKey& key);
  void Evaluate();
  void Add(int i);
  void AddToFrame(int i, Frame* frame) const;
  void Remove(int i);

  // The units of a SKU set, a table look-up per byte of the set.
  int64_t Units(uint64_t skus) const {
    int64_t units = 0;
    for (int b = 0; b < unit_bytes_; ++b, skus >>= 8) units += units_by_byte_[b][skus & 0xFF];
    return units;
  }
  bool IsFree(int i) const { return free_[i >> 6] >> (i & 63) & 1; }
  void SetFree(int i, bool value) {
    const uint64_t bit = uint64_t{1} << (i & 63);
    free_[i >> 6] = value ? free_[i >> 6] | bit : free_[i >> 6] & ~bit;
  }
  // Calls fn(i) for every free candidate holding SKU j, or some SKU of
  // `skus`, ascending (holder_bits.h).
  template <typename Fn>
  void ForEachFreeHolder(int j, Fn fn) const;
  template <typename Fn>
  void ForEachFreeHolderOfAny(uint64_t skus, Fn fn) const;

  const ExactProblem* p_ = nullptr;
  int n_ = 0, m_ = 0, k_ = 0, r_ = 0, words_ = 0;
  CandidateCosts costs_;
  std::array<int64_t, kMaxSkus> demand_{};
  // units_by_byte_[b][v]: the units of SKUs 8b..8b+7 whose bits v has.
  // Units() is called per child and node: look-ups instead of a sum per
  // set bit made the search 2-13 % faster at 8 lines, 4-5 % at 16.
  int unit_bytes_ = 0;
  std::array<std::array<int64_t, 256>, kMaxSkus / 8> units_by_byte_;
  const uint64_t* sets_ = nullptr;     // the problem's SKU sets
  const uint64_t* holders_ = nullptr;  // the problem's SKU holders, words_ words per SKU
  // Per candidate: may it be in an optimal plan only for lower unit costs?
  // Not when an integer criterion before the first cost one charges it.
  std::vector<char> may_add_for_unit_cost_;
  std::array<double, kMaxSkus> cheapest_holder_;        // unit cost lower bounds
  std::array<double, kMaxCriteria> lightest_addition_;  // weight lower bounds
  std::array<double, kMaxCriteria> lightest_weight_;    // of any candidate
  bool uses_unit_cost_ = false;                         // some criterion adds the unit cost
  uint64_t all_skus_ = 0;                               // held by some candidate
  bool limited_ = false;                                // max_shipments below the candidate count

  // Search state: S, its frames, the cheapest exact unit cost per covered
  // SKU (frame().covered), and the candidates neither in S nor excluded.
  std::vector<int> stack_;
  std::array<double, kMaxSkus> unit_cost_{};
  std::vector<std::pair<int, double>> unit_cost_undo_;
  std::vector<Frame> frames_;  // frames_[|S|]: S so far
  std::vector<uint64_t> free_;
  std::vector<NodeBound> nodes_bound_;  // per recursion depth
  int depth_ = 0;
  // Child and addition lists, used as a stack: a candidate and its sort
  // key (children) or saving (additions).
  struct Pooled {
    double key;
    int candidate;
  };
  std::vector<Pooled> pool_;
  std::vector<double> slack_;          // dual slacks per node and criterion, a stack
  std::vector<double> share_;          // per candidate, scratch of PrepareDual
  std::vector<double> slack_scratch_;  // per listed addition, of AdditionsCostBound
  std::vector<double> saving_;         // per candidate, scratch of Leaf
  std::vector<uint64_t> free_saved_;   // free_ as each Branch found it, a stack
  std::vector<int64_t> gains_;         // scratch of StartNode

  PlanKey best_;  // set by SetIncumbent only
  // Per criterion: a lower bound above worse_above_ loses to the
  // incumbent, below better_below_ beats it, with no tolerance test.
  std::array<double, kMaxCriteria> worse_above_, better_below_;
  std::vector<int> best_set_;
  int64_t nodes_ = 0;
};

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_COVER_SEARCH_H_

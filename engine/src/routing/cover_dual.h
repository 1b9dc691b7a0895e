// The dual bound of the cover search (cover_search.h) at one node, for one
// criterion.
//
// Covering the SKUs T still open from the free candidates is uncapacitated
// facility location: open candidate i at weight w_i, serve SKU j from it at
// c_ij (its units at i's unit cost for `cost`, else 0). Any v with
// sum_j max(0, v_j - c_ij) <= w_i for every i is a feasible dual: every plan
// T' then weighs at least sum_j v_j + sum_{i in T'} s_i, s_i the slack of
// i's constraint. v starts from the shares, v_j = the least
// w_i / |SKUs of T that i holds| + c_ij over j's holders (feasible: each i
// is charged at most its weight); then one pass of Erlenkotter's dual ascent
// raises each v_j in turn until a candidate serving it has no slack left, or
// to the next c_ij.
//
// Its loops walk each SKU's free holders' bits: ~15 of 50 candidates per
// SKU at the root and fewer below. A dense pass per SKU over eight
// candidates at a time (AVX-512, the bit sets' bytes as lane masks, no
// table built per node) measured 4-6 % slower for the whole search at 8
// and 16 lines of 50 locations.
#ifndef ALLOT_ROUTING_COVER_DUAL_H_
#define ALLOT_ROUTING_COVER_DUAL_H_

#include <cstdint>

namespace allot::routing_internal {

// What a node's dual reads. Bit sets over candidates are `words` words each.
struct DualInput {
  int words = 0;
  const uint64_t* holders = nullptr;  // per SKU: the candidates holding it
  const uint64_t* free = nullptr;     // the candidates neither taken nor excluded
  const uint64_t* sets = nullptr;     // per candidate: the SKUs it holds
  const int64_t* demand = nullptr;    // per SKU
  const double* weight = nullptr;     // per candidate: w_i
  // Per candidate: the unit cost, c_ij = demand_j * unit_cost_i; nullptr
  // when serving costs nothing.
  const double* unit_cost = nullptr;
};

// Writes v_j for every SKU j of `skus` and the slack of every free holder of
// one of them (other entries of `slack` are left alone); `share` is scratch
// of one entry per candidate. Returns sum_j v_j.
double ComputeDual(const DualInput& in, uint64_t skus, double* share, double* slack, double* v);

// sum_j v_j over the SKUs of `skus`.
double DualSum(const double* v, uint64_t skus);

// The slack of candidate i's constraint under v restricted to `skus`:
// max(0, w_i - sum_{j in skus, held by i} max(0, v_j - c_ij)). A v feasible
// for a set of SKUs stays feasible for any subset of it (each constraint
// loses terms), which is how the search reuses a parent node's duals.
double SlackUnder(const DualInput& in, const double* v, uint64_t skus, int i);

}  // namespace allot::routing_internal

#endif  // ALLOT_ROUTING_COVER_DUAL_H_

// The JSON that `allot route` prints (docs/formats.md), written as orders are
// routed so that a million-order run never holds its whole output as a tree.
#ifndef ALLOT_ROUTE_REPORT_H_
#define ALLOT_ROUTE_REPORT_H_

#include <cstdint>
#include <string>

#include "allot/network.h"
#include "allot/order.h"
#include "allot/routing.h"

namespace allot {

struct RouteSummary {
  int64_t orders = 0;
  int64_t fulfillment_orders = 0;
  int64_t split_orders = 0;
  int64_t units_requested = 0;
  int64_t units_allocated = 0;
  int64_t units_unfulfilled = 0;
  double total_cost = 0;

  void Add(const RouteResult& result);
};

// Appends to a string; the caller flushes it to its output when it grows.
// Not thread-safe.
class RouteReportWriter {
 public:
  explicit RouteReportWriter(std::string* out) : out_(out) {}

  // Appends one order's entry (call in input order) and counts it in the summary.
  void AddOrder(const Network& network, const Order& order, const RouteResult& result);
  // Closes the document with the summary.
  void Finish();

  const RouteSummary& summary() const { return summary_; }

 private:
  std::string* out_;
  RouteSummary summary_;
  bool started_ = false;
};

}  // namespace allot

#endif  // ALLOT_ROUTE_REPORT_H_

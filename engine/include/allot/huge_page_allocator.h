// An allocator for large, randomly read arrays (the inventory's levels):
// blocks of 2 MiB and more are asked for transparent huge pages.
//
// Routing reads a few bytes at random places of arrays tens of megabytes
// long; with 4 KiB pages nearly every read also misses the TLB, and a page
// walk in a virtual machine is dear. With huge pages the priority fill ran
// about 15 % faster and nearest 12 % (docs/benchmarks.md). The kernel's
// default on Debian gives huge pages only to memory that asks (madvise), so
// this allocator asks before the first touch. Smaller blocks, and systems
// without MADV_HUGEPAGE, get ordinary memory.
#ifndef ALLOT_HUGE_PAGE_ALLOCATOR_H_
#define ALLOT_HUGE_PAGE_ALLOCATOR_H_

#include <cstddef>
#include <memory>
#include <new>

namespace allot {

namespace huge_pages_internal {
inline constexpr size_t kHugePageBytes = size_t{2} << 20;
// Memory for `bytes` (at least kHugePageBytes), huge-page aligned and
// advised, and its release.
void* Allocate(size_t bytes);
void Free(void* p, size_t bytes);
}  // namespace huge_pages_internal

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes < huge_pages_internal::kHugePageBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(huge_pages_internal::Allocate(bytes));
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < huge_pages_internal::kHugePageBytes) {
      std::allocator<T>().deallocate(p, n);
    } else {
      huge_pages_internal::Free(p, n * sizeof(T));
    }
  }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

}  // namespace allot

#endif  // ALLOT_HUGE_PAGE_ALLOCATOR_H_

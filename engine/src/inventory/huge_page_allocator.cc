#include "allot/huge_page_allocator.h"

#include <sys/mman.h>

#include <cstdint>

namespace allot::huge_pages_internal {
namespace {

size_t Rounded(size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

}  // namespace

// Straight from mmap, not malloc: malloc may hand back memory it touched
// before, which stays on small pages whatever the advice.
void* Allocate(size_t bytes) {
  const size_t size = Rounded(bytes);
  // One huge page more than needed, so that an aligned start fits.
  const size_t mapped = size + kHugePageBytes;
  void* p = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(p);
  const uintptr_t aligned = (start + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  if (aligned > start) munmap(p, aligned - start);
  const uintptr_t end = start + mapped;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
#ifdef MADV_HUGEPAGE
  // Advice only: where huge pages are off or scarce, ordinary pages serve.
  madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

void Free(void* p, size_t bytes) { munmap(p, Rounded(bytes)); }

}  // namespace allot::huge_pages_internal

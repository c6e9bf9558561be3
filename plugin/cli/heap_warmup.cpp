// Why a short-lived CLI prepares its heap: on the virtual machines vaultlink
// is measured on (and many users run), the first touch of a fresh page costs
// ~16 us in the hypervisor, while populating pages in bulk costs ~1.5 us each
// and a transparent huge page replaces 512 faults with one. A one-note
// `vaultlink commit` in a 10,000-note vault allocates ~5 MB (libgit2 reads
// the whole git index into small blocks): ~1,400 faults, 20 ms, a fifth of
// the command. So the main heap is grown once, up front, marked for huge
// pages and populated in one call; malloc then serves from it without faults.
//
// Only the short git commands do this (see main.cpp): with one arena for
// every thread, the parallel parse of a cold check took twice as long; the
// vault-wide commands put malloc's heaps on huge pages instead (huge_page_heap.cpp).
//
// Process-wide allocator policy belongs to the program, not to libvaultlink
// (hosts like editors run long and have their own), hence it lives here.
#include "heap_warmup.hpp"

#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace vaultlink::cli {

void warm_up_heap() {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kHeap = std::size_t{16} << 20;      // grown once: libgit2's index of 10k notes is ~5 MB
  constexpr std::size_t kPopulated = std::size_t{8} << 20;  // touched up front, in one call
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  constexpr int kPopulateWrite = 23;  // MADV_POPULATE_WRITE (Linux 5.14); older kernels answer EINVAL, harmlessly

  // Blocks of the index and the file buffers come from the heap, not from
  // fresh mmap()s (faulted page by page), and freed memory stays in it.
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kHeap * 2));  // glibc's maximum on 64-bit: 32 MB
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(kHeap * 4));
  // Threads allocate from this heap too: a thread's own arena would be a
  // fresh mapping, faulted page by page (the scan's threads hold ~2 MB).
  mallopt(M_ARENA_MAX, 1);

  char* const before = static_cast<char*>(::sbrk(0));
  // volatile: the compiler may otherwise fold the malloc/free pair away.
  void* volatile grow = std::malloc(kHeap);
  char* const after = static_cast<char*>(::sbrk(0));
  std::free(grow);
  // Another allocator (a sanitizer's) or a heap that could not grow: nothing to prepare.
  if (before == reinterpret_cast<char*>(-1) || after == reinterpret_cast<char*>(-1) || after <= before) return;

  const auto first = reinterpret_cast<std::uintptr_t>(before);
  const auto last = reinterpret_cast<std::uintptr_t>(after);
  const std::uintptr_t huge_start = (first + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t huge_end = last & ~(kHugePage - 1);
  if (huge_end > huge_start)
    ::madvise(reinterpret_cast<void*>(huge_start), huge_end - huge_start, MADV_HUGEPAGE);
  ::madvise(before, std::min<std::size_t>(static_cast<std::size_t>(after - before), kPopulated), kPopulateWrite);
#endif
}

}  // namespace vaultlink::cli

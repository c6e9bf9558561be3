// Why the vault-wide commands (check, backlinks, run, watch, lsp) run again
// under a glibc tunable: on the virtual machines vaultlink is measured on
// (and many users run), the first touch of a fresh page costs ~16 us in the
// hypervisor, and a warm check of 10,000 notes faulted ~80,000 pages on
// every thread's arena. With glibc.malloc.hugetlb=1, malloc marks its heaps
// for transparent huge pages (~24,000 faults): the warm check of the bench
// vault took 1.35 s instead of 2.04, and 2.03 CPU-s instead of 2.97, with the
// same peak memory (five runs alternated, each on its own copy of the vault,
// 2 cores). glibc reads tunables only at start-up, hence the exec; it costs
// one process start (~15 ms).
//
// The short git commands prepare their heap in-process instead
// (heap_warmup.cpp): for them that start-up is a tenth of the command.
// Process-wide allocator policy belongs to the program, not to libvaultlink.
#include "huge_page_heap.hpp"

#include <sys/auxv.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace vaultlink::cli {

void reexec_with_huge_page_heap(char** argv) {
#if defined(__GLIBC__)
  // Set for the run again only: whatever glibc makes of the tunables, there is never a third.
  constexpr const char* kRunAgain = "VAULTLINK_HUGE_PAGE_HEAP_RUN";
  if (std::getenv(kRunAgain) != nullptr) {
    ::unsetenv(kRunAgain);  // not passed on to anything this process starts
    return;
  }
  if (::getauxval(AT_SECURE) != 0) return;  // glibc ignores tunables in a set-user-ID program
  constexpr std::string_view kTunable = "glibc.malloc.hugetlb";
  const char* const before = std::getenv("GLIBC_TUNABLES");
  if (before != nullptr && std::string_view(before).find(kTunable) != std::string_view::npos) return;
  const std::string saved = before != nullptr ? before : "";
  const std::string tunables = (saved.empty() ? "" : saved + ":") + std::string(kTunable) + "=1";
  if (::setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0 || ::setenv(kRunAgain, "1", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // No /proc, or the program file is gone (replaced by an upgrade): go on as we are.
  ::unsetenv(kRunAgain);
  if (before != nullptr)
    ::setenv("GLIBC_TUNABLES", saved.c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
#else
  (void)argv;
#endif
}

}  // namespace vaultlink::cli

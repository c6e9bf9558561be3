#pragma once
// Asks glibc to back the heap of a vault-wide command with huge pages (see
// huge_page_heap.cpp).

namespace vaultlink::cli {

// Runs this program again, with the same arguments, under
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1, unless that tunable is set already
// (by an earlier run of this function, or by the user: =0 keeps the
// defaults). Returns only when the program is not run again: then the
// command goes on with the allocator's defaults. Call it first in main().
void reexec_with_huge_page_heap(char** argv);

}  // namespace vaultlink::cli

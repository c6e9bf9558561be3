#pragma once
// Prepares the process heap of a short git command (see heap_warmup.cpp).

namespace vaultlink::cli {

// Grows the main heap once, marks it for transparent huge pages and populates
// part of it, so the command's allocations do not fault page by page. Call it
// first thing in main(), before any thread starts; a no-op where unsupported.
void warm_up_heap();

}  // namespace vaultlink::cli

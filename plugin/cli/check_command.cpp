#include "commands.hpp"

#include <iostream>

namespace vaultlink::cli {

int run_check(Args) {
  std::cerr << "vaultlink check: not implemented yet\n";
  return 2;
}

}  // namespace vaultlink::cli

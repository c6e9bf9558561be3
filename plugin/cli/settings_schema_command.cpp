// vaultlink settings-schema: the JSON Schema of a vault's settings file, for
// editors that validate .vaultlink.json (and for hosts building settings UIs),
// as the library hands it to every host.
#include <iostream>

#include "commands.hpp"
#include "vaultlink.h"

namespace vaultlink::cli {

int run_settings_schema(Args args) {
  if (!args.empty() && args[0] != "--help") {
    std::cerr << "usage: vaultlink settings-schema\n";
    return 2;
  }
  std::cout << vl_settings_schema();
  return 0;
}

}  // namespace vaultlink::cli

// vaultlink lsp: hands the process over to vaultlink-lsp, installed beside
// this binary. The language server is a separate front linked to the engine;
// the CLI itself reaches the engine only through libvaultlink.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "commands.hpp"

namespace vaultlink::cli {

int run_lsp(Args args) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    std::cerr << "vaultlink lsp: cannot find this program's folder: " << error.message() << "\n";
    return 2;
  }
  const std::string server = (self.parent_path() / "vaultlink-lsp").string();
  std::vector<char*> argv{const_cast<char*>(server.c_str())};
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::cout.flush();
  execv(server.c_str(), argv.data());  // returns only on failure
  std::cerr << "vaultlink lsp: cannot start " << server << ": " << std::strerror(errno) << "\n";
  return 2;
}

}  // namespace vaultlink::cli

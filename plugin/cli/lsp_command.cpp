// vaultlink lsp: the language server on stdin/stdout.
#include <unistd.h>

#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "server.hpp"

namespace vaultlink::cli {

int run_lsp(Args args) {
  for (const auto& arg : args) {
    if (arg == "--help" || arg == "-h") {
      std::cout << "usage: vaultlink lsp [--stdio]\n\n"
                   "Serves the Language Server Protocol on stdin/stdout. The vault is the\n"
                   "client's workspace folder; settings come from the vault's settings file,\n"
                   "then initializationOptions and workspace/didChangeConfiguration.\n";
      return 0;
    }
    // Clients such as vscode-languageclient append --stdio; it is the only transport.
    if (arg != "--stdio") throw UsageError("unknown option '" + arg + "'");
  }
  return lsp::run_language_server(STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace vaultlink::cli

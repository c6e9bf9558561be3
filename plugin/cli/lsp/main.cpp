// vaultlink-lsp: the language server on stdin/stdout, started as
// `vaultlink lsp` (the CLI hands over to this program). A server, not a
// plugin host: it links the engine directly (plugin/lsp), while the CLI
// drives it only through libvaultlink's C ABI.
#include <unistd.h>

#include <exception>
#include <iostream>
#include <string_view>

#include "server.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << "usage: vaultlink lsp [--stdio]\n\n"
                   "Serves the Language Server Protocol on stdin/stdout. The vault is the\n"
                   "client's workspace folder; settings come from the vault's settings file,\n"
                   "then initializationOptions and workspace/didChangeConfiguration.\n";
      return 0;
    }
    // Clients such as vscode-languageclient append --stdio; it is the only transport.
    if (arg != "--stdio") {
      std::cerr << "vaultlink lsp: unknown option '" << arg << "'\nRun 'vaultlink lsp --help' for its options.\n";
      return 2;
    }
  }
  try {
    return vaultlink::lsp::run_language_server(STDIN_FILENO, STDOUT_FILENO);
  } catch (const std::exception& error) {
    std::cerr << "vaultlink lsp: " << error.what() << "\n";
    return 2;
  }
}

#pragma once
// The vaultlink language server: LSP over a pair of file descriptors.
namespace vaultlink::lsp {

// Serves until the client sends `exit` or closes its end. Returns the
// process exit code: 0 when `shutdown` came first, 1 otherwise.
int run_language_server(int input_fd, int output_fd);

}  // namespace vaultlink::lsp

#pragma once
// Writes LSP base-protocol messages to a file descriptor.
#include <string_view>

namespace vaultlink::lsp {

// Writes "Content-Length: N\r\n\r\n" and the body, retrying short writes.
// False when the descriptor is closed (the client went away).
bool write_message(int fd, std::string_view body);

}  // namespace vaultlink::lsp

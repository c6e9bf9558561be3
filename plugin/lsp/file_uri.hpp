#pragma once
// file:// URIs <-> local paths (RFC 8089, percent-encoding per RFC 3986).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vaultlink::lsp {

// The local path of a file: URI; nullopt for other schemes or remote hosts.
std::optional<std::filesystem::path> path_from_uri(std::string_view uri);

// A file: URI for an absolute path, percent-encoding everything but
// unreserved characters and '/' (as VS Code and Neovim write them).
std::string uri_from_path(const std::filesystem::path& path);

}  // namespace vaultlink::lsp

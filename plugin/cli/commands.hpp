#pragma once
// The CLI's subcommands. Each takes the arguments after its own name and
// returns the process exit code: 0 success, 1 findings reached the failure
// threshold, 2 usage or I/O error (a clear message on stderr).
#include <span>
#include <string>

namespace vaultlink::cli {

using Args = std::span<const std::string>;

int run_check(Args args);
int run_settings_schema(Args args);
int run_backlinks(Args args);
// Versioning through libgit2 (commit_command.cpp, sync_command.cpp, ...).
int run_commit(Args args);
int run_sync(Args args);
int run_log(Args args);
int run_restore(Args args);
// The incremental engine: watch_command.cpp, and the one-shot pipeline run_command.cpp.
int run_watch(Args args);
int run_run(Args args);
// The language server: hands over to vaultlink-lsp (plugin/cli/lsp), the front linked to the engine.
int run_lsp(Args args);

}  // namespace vaultlink::cli

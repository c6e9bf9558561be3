// vaultlink command-line front.
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "commands.hpp"
#include "heap_warmup.hpp"
#include "huge_page_heap.hpp"

namespace {

// How a command's process heap is set up before it runs.
enum class Heap {
  defaults,    // the allocator's own
  prepared,    // short git commands: one heap grown and populated up front (heap_warmup.cpp)
  huge_pages,  // vault-wide work on every core: malloc's heaps on huge pages (huge_page_heap.cpp)
};

struct Command {
  std::string_view name;
  int (*run)(vaultlink::cli::Args);
  std::string_view summary;
  Heap heap;
};

constexpr Command kCommands[] = {
    {"check", vaultlink::cli::run_check, "validate links and timestamp anchors", Heap::huge_pages},
    {"run", vaultlink::cli::run_run, "check, update backlinks and commit: what a save does, for the whole vault",
     Heap::huge_pages},
    {"watch", vaultlink::cli::run_watch, "keep checking, backlinks and commits current while the vault changes",
     Heap::huge_pages},
    {"settings-schema", vaultlink::cli::run_settings_schema, "print the JSON Schema of the settings file", Heap::defaults},
    {"backlinks", vaultlink::cli::run_backlinks, "write generated backlinks sections (--check: only report stale ones)",
     Heap::huge_pages},
    {"commit", vaultlink::cli::run_commit, "commit the vault's changes (git)", Heap::prepared},
    {"sync", vaultlink::cli::run_sync, "commit, fetch, merge and push (git)", Heap::prepared},
    {"log", vaultlink::cli::run_log, "a note's history, following renames (git)", Heap::prepared},
    {"restore", vaultlink::cli::run_restore, "write a note's version from a commit over it (git)", Heap::prepared},
    {"lsp", vaultlink::cli::run_lsp, "serve the Language Server Protocol on stdin/stdout", Heap::huge_pages},
};

void print_usage(std::ostream& out) {
  out << "usage: vaultlink <command> [options] [VAULT] ...\n\ncommands:\n";
  for (const auto& command : kCommands) out << "  " << command.name << "\t" << command.summary << "\n";
  out << "\nRun 'vaultlink <command> --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) the kernel kills the process with
  // SIGXFSZ; ignored, the write fails with EFBIG and the note is reported as
  // not written, like a full disk, instead of the run dying without a word.
  std::signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "vaultlink " << VAULTLINK_VERSION << "\n";
    return 0;
  }
  for (const auto& command : kCommands) {
    if (args[0] == command.name) {
      if (command.heap == Heap::huge_pages) vaultlink::cli::reexec_with_huge_page_heap(argv);
      if (command.heap == Heap::prepared) vaultlink::cli::warm_up_heap();
      try {
        return command.run(vaultlink::cli::Args(args).subspan(1));
      } catch (const vaultlink::cli::UsageError& error) {
        // Every command reports bad arguments the same way, with exit status 2.
        std::cerr << "vaultlink " << command.name << ": " << error.what() << "\nRun 'vaultlink " << command.name
                  << " --help' for its options.\n";
        return 2;
      } catch (const std::exception& error) {
        std::cerr << "vaultlink " << command.name << ": " << error.what() << "\n";
        return 2;
      }
    }
  }
  std::cerr << "vaultlink: unknown command '" << args[0] << "'\n";
  print_usage(std::cerr);
  return 2;
}

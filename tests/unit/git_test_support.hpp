#pragma once
// Helpers for the git tests: a hermetic git environment (no ~/.gitconfig, no
// /etc/gitconfig, for both libgit2 and the git CLI), running the git CLI to
// set repositories up and to check what vaultlink did, and settings with the
// manifest's git defaults.
#include <git2.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sandbox.hpp"
#include "vaultlink/settings.hpp"

namespace vaultlink::test {

// Points HOME and XDG_CONFIG_HOME at an empty folder in the sandbox and turns
// off the system config, for the git CLI (environment) and libgit2 (search
// paths, set while this object holds libgit2 initialised). Restores the
// environment when destroyed. Without this a developer's ~/.gitconfig (or CI's
// lack of one) would change what the tests see.
class HermeticGit {
 public:
  explicit HermeticGit(const Sandbox& sandbox) : home_(sandbox.root() / "home") {
    std::filesystem::create_directories(home_ / ".config");
    for (const char* name : {"HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_NOSYSTEM", "GIT_DIR", "GIT_WORK_TREE",
                             "GIT_INDEX_FILE", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                             "GIT_COMMITTER_EMAIL", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"}) {
      const char* value = std::getenv(name);
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
      ::unsetenv(name);
    }
    ::setenv("HOME", home_.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (home_ / ".config").c_str(), 1);
    ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    git_libgit2_init();
    for (int level : {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL})
      git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, home_.c_str());
  }
  ~HermeticGit() {
    git_libgit2_shutdown();
    for (const auto& [name, value] : saved_) {
      if (value) ::setenv(name.c_str(), value->c_str(), 1);
      else ::unsetenv(name.c_str());
    }
  }
  HermeticGit(const HermeticGit&) = delete;
  HermeticGit& operator=(const HermeticGit&) = delete;

 private:
  std::filesystem::path home_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

struct RunResult {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs `command` with sh in `dir`.
inline RunResult run_in(const std::filesystem::path& dir, const std::string& command) {
  std::string full = "cd " + shell_quote(dir.string()) + " && " + command + " 2>&1";
  RunResult result;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed for: " + command);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs git with `args` in `dir`; throws with git's output when it fails.
inline std::string git(const std::filesystem::path& dir, const std::string& args) {
  RunResult result = run_in(dir, "git " + args);
  if (result.status != 0) throw std::runtime_error("git " + args + " failed in " + dir.string() + ":\n" + result.output);
  return result.output;
}

inline int commit_count(const std::filesystem::path& dir) {
  RunResult result = run_in(dir, "git rev-list --count HEAD");
  return result.status == 0 ? std::stoi(result.output) : 0;
}

// `git init` with branch main and, when asked, a repository-level identity.
inline void init_repo(const std::filesystem::path& dir, bool with_identity = true) {
  std::filesystem::create_directories(dir);
  git(dir, "init -q -b main .");
  if (with_identity) {
    git(dir, "config user.name 'Repo Person'");
    git(dir, "config user.email repo@example.org");
  }
}

// The manifest's defaults, as a vault without a settings file gets them.
inline Settings git_settings() { return Settings::defaults(); }

inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::filesystem::create_directories(file.parent_path());
  FILE* out = std::fopen(file.c_str(), "wb");
  if (!out) throw std::runtime_error("cannot write " + file.string());
  std::fwrite(bytes.data(), 1, bytes.size(), out);
  std::fclose(out);
}

inline std::string read_file_text(const std::filesystem::path& file) {
  std::string text;
  FILE* in = std::fopen(file.c_str(), "rb");
  if (!in) return text;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) text.append(buffer.data(), n);
  std::fclose(in);
  return text;
}

}  // namespace vaultlink::test

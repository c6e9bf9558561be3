#pragma once
// A fresh temporary folder per test (libgit2's sandbox habit): fixture vaults
// are copied in, so no test ever edits the repository.
#include <filesystem>
#include <string>
#include <string_view>

namespace vaultlink::test {

class Sandbox {
 public:
  Sandbox();
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  const std::filesystem::path& root() const { return root_; }
  // Copies tests/fixtures/<name> (or any absolute folder) into the sandbox; returns the copy.
  std::filesystem::path copy_fixture(const std::filesystem::path& fixture);
  // Writes a file below the sandbox root, creating folders; returns its path.
  std::filesystem::path write(std::string_view relative, std::string_view bytes);
  std::string read(std::string_view relative) const;

 private:
  std::filesystem::path root_;
};

std::filesystem::path fixtures_dir();      // tests/fixtures
std::filesystem::path shared_dir();        // ../shared beside the repository
std::filesystem::path examples_dir();      // examples/

}  // namespace vaultlink::test

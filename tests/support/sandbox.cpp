#include "sandbox.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace vaultlink::test {

Sandbox::Sandbox() {
  std::string pattern = (fs::temp_directory_path() / "vaultlink-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
}

Sandbox::~Sandbox() {
  std::error_code ignored;
  // Tests may leave read-only files or folders; make them removable first.
  for (auto it = fs::recursive_directory_iterator(root_, ignored); it != fs::recursive_directory_iterator();
       it.increment(ignored)) {
    if (!it->is_symlink(ignored)) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ignored);
  }
  fs::remove_all(root_, ignored);
}

fs::path Sandbox::copy_fixture(const fs::path& fixture) {
  fs::path source = fixture.is_absolute() ? fixture : fixtures_dir() / fixture;
  fs::path target = root_ / source.filename();
  fs::copy(source, target, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  return target;
}

fs::path Sandbox::write(std::string_view relative, std::string_view bytes) {
  fs::path file = root_ / fs::path(std::string(relative));
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file;
}

std::string Sandbox::read(std::string_view relative) const {
  std::ifstream in(root_ / fs::path(std::string(relative)), std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

fs::path fixtures_dir() { return VAULTLINK_FIXTURES_DIR; }
fs::path shared_dir() { return VAULTLINK_SHARED_DIR; }
fs::path examples_dir() { return VAULTLINK_EXAMPLES_DIR; }

}  // namespace vaultlink::test

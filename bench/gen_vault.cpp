// vaultlink-gen-vault: writes a deterministic, seed-shaped Obsidian vault for
// benchmarks. Same --notes and --seed give a byte-identical vault on any
// machine (the generator uses only its own PRNG and integer arithmetic).
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "gen/note_writers.hpp"
#include "gen/vault_plan.hpp"

namespace {

namespace fs = std::filesystem;

// Bumped whenever the generated text changes, so cached benchmark vaults made
// by an older generator are not mistaken for current ones.
constexpr int kFormatVersion = 2;

constexpr unsigned char kTinyPng[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
    0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
    0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
};

struct Options {
  std::size_t notes = 0;
  std::uint64_t seed = 1;
  bool markdown_links = false;
  fs::path out_dir;
};

void usage(std::ostream& out) {
  out << "usage: vaultlink-gen-vault --notes N [--seed S] [--markdown-links] OUT_DIR\n"
         "       vaultlink-gen-vault --version\n"
         "Writes N notes (transcripts, topics, channels) plus attachments into OUT_DIR,\n"
         "which must be missing or empty. Same N and S give a byte-identical vault.\n";
}

bool parse_number(std::string_view text, std::uint64_t& value) {
  if (text.empty()) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

// Returns 0 on success, otherwise the exit code to stop with.
int parse_args(int argc, char** argv, Options& options) {
  bool have_notes = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&](std::uint64_t& into) {
      if (i + 1 >= argc || !parse_number(argv[i + 1], into)) {
        std::cerr << "vaultlink-gen-vault: " << arg << " needs a non-negative integer\n";
        return false;
      }
      ++i;
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      usage(std::cout);
      return -1;
    } else if (arg == "--version") {
      std::cout << "vaultlink-gen-vault format " << kFormatVersion << "\n";
      return -1;
    } else if (arg == "--notes") {
      std::uint64_t notes = 0;
      if (!value(notes)) return 2;
      options.notes = static_cast<std::size_t>(notes);
      have_notes = true;
    } else if (arg == "--seed") {
      if (!value(options.seed)) return 2;
    } else if (arg == "--markdown-links") {
      options.markdown_links = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "vaultlink-gen-vault: unknown option " << arg << "\n";
      usage(std::cerr);
      return 2;
    } else if (options.out_dir.empty()) {
      options.out_dir = fs::path(arg);
    } else {
      std::cerr << "vaultlink-gen-vault: more than one OUT_DIR given\n";
      return 2;
    }
  }
  if (!have_notes || options.out_dir.empty()) {
    usage(std::cerr);
    return 2;
  }
  return 0;
}

class VaultWriter {
 public:
  explicit VaultWriter(fs::path root) : root_(std::move(root)) {}

  void write(const std::string& relative, const void* data, std::size_t size) {
    fs::path path = root_ / fs::path(reinterpret_cast<const char8_t*>(relative.c_str()));
    fs::create_directories(path.parent_path());
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) throw std::system_error(errno, std::generic_category(), "cannot create " + path.string());
    bool ok = std::fwrite(data, 1, size, file) == size;
    ok = (std::fclose(file) == 0) && ok;
    if (!ok) throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
    bytes_ += size;
  }
  void write(const std::string& relative, const std::string& text) { write(relative, text.data(), text.size()); }

  std::uintmax_t bytes() const { return bytes_; }

 private:
  fs::path root_;
  std::uintmax_t bytes_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (int code = parse_args(argc, argv, options); code != 0) return code < 0 ? 0 : code;

  std::error_code error;
  if (fs::exists(options.out_dir, error) && !fs::is_empty(options.out_dir, error)) {
    // Writing over an old vault would leave its extra files behind and break
    // the "same arguments, same vault" promise.
    std::cerr << "vaultlink-gen-vault: " << options.out_dir.string() << " exists and is not empty\n";
    return 2;
  }

  try {
    vaultgen::VaultPlan plan = vaultgen::plan_vault(options.notes, options.seed);
    vaultgen::WriteOptions write_options{options.markdown_links};
    VaultWriter vault(options.out_dir);
    fs::create_directories(options.out_dir);

    for (std::size_t i = 0; i < plan.transcripts.size(); ++i)
      vault.write(vaultgen::note_path(plan.transcripts[i].folder, plan.transcripts[i].title),
                  vaultgen::write_transcript(plan, i, write_options));
    for (std::size_t i = 0; i < plan.topics.size(); ++i)
      vault.write(vaultgen::note_path(plan.topics[i].folder, plan.topics[i].name),
                  vaultgen::write_topic(plan, i, write_options));
    for (std::size_t i = 0; i < plan.channels.size(); ++i)
      vault.write(vaultgen::note_path(vaultgen::kChannelFolder, plan.channels[i].name),
                  vaultgen::write_channel(plan, i, write_options));
    for (const auto& name : plan.attachments)
      vault.write(std::string(vaultgen::kAttachmentFolder) + "/" + name, kTinyPng, sizeof kTinyPng);

    std::cerr << "vaultlink-gen-vault: wrote " << options.notes << " notes (" << plan.transcripts.size()
              << " transcripts, " << plan.topics.size() << " topics, " << plan.channels.size() << " channels), "
              << plan.attachments.size() << " attachments, " << vault.bytes() << " bytes to "
              << options.out_dir.string() << "\n";
  } catch (const std::exception& failure) {
    std::cerr << "vaultlink-gen-vault: " << failure.what() << "\n";
    return 2;
  }
  return 0;
}

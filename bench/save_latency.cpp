// vaultlink-save-latency [--edits N] VAULT
//
// What one save costs in a running session, measured inside the engine
// (no debounce, no process start): a note is rewritten on disk the way an
// editor saves it (temp file, rename), the session applies the change, and
// two times are taken: until its diagnostics are current, and until every
// affected backlinks section is written. VAULT is modified: run it on a copy.
// Prints one JSON object on stdout.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vaultlink/fs.hpp"
#include "vaultlink/session.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[index];
}

// The note with one more link, to another note, inserted where a person
// types: before the generated section if there is one, else at the end.
std::string edited(const std::string& text, const std::string& link_target) {
  const std::string line = "\nAlso see [[" + link_target + "]].\n";
  const auto section = text.find("<!-- vaultlink:backlinks -->");
  if (section == std::string::npos) return text + line;
  return text.substr(0, section) + line.substr(1) + "\n" + text.substr(section);
}

}  // namespace

int main(int argc, char** argv) {
  int edits = 50;
  std::string vault_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--edits" && i + 1 < argc) edits = std::stoi(argv[++i]);
    else vault_path = arg;
  }
  if (vault_path.empty()) {
    std::cerr << "usage: vaultlink-save-latency [--edits N] VAULT (VAULT is modified)\n";
    return 2;
  }
  const auto load_start = Clock::now();
  vaultlink::Session session(vaultlink::Vault::load(vault_path, vaultlink::Settings::load(vault_path)));
  session.all_diagnostics();
  const double load_ms = ms(Clock::now() - load_start);
  const auto first_start = Clock::now();
  session.update_all_backlinks();  // afterwards only what a save changes is written
  const double first_pass_ms = ms(Clock::now() - first_start);

  const std::vector<std::string> notes = session.vault().index().note_paths();
  if (notes.size() < 2) {
    std::cerr << "the vault needs at least two notes\n";
    return 2;
  }
  std::vector<double> to_diagnostics, to_sections, revalidated, written, editor_save;
  for (int i = 0; i < edits; ++i) {
    const std::string& note = notes[(static_cast<std::size_t>(i) * 7919) % notes.size()];
    const std::string& target = notes[(static_cast<std::size_t>(i) * 104729 + 1) % notes.size()];
    const fs::path file = session.vault().root() / note;
    auto read = vaultlink::read_file(file, 1 << 30);
    const std::string name = fs::path(target).stem().string();
    // The save itself, as a careful editor makes it (temp file, fsync, rename):
    // the reference a section write, which does the same, is compared with.
    const auto save_start = Clock::now();
    if (!vaultlink::atomic_write(file, edited(read.bytes, name)).written) continue;
    editor_save.push_back(ms(Clock::now() - save_start));

    const auto start = Clock::now();
    const vaultlink::SessionUpdate update = session.apply_paths({note});
    const auto done = Clock::now();
    to_diagnostics.push_back(ms(update.diagnostics_time));
    to_sections.push_back(ms(done - start));
    revalidated.push_back(static_cast<double>(update.revalidated));
    written.push_back(static_cast<double>(update.backlinks.size()));
  }

  nlohmann::json out = {
      {"vault", vault_path},
      {"notes", notes.size()},
      {"edits", to_diagnostics.size()},
      {"load_and_check_ms", load_ms},
      {"first_backlinks_pass_ms", first_pass_ms},
      {"save_to_diagnostics_ms", {{"median", percentile(to_diagnostics, 0.5)}, {"p95", percentile(to_diagnostics, 0.95)}}},
      {"save_to_sections_ms", {{"median", percentile(to_sections, 0.5)}, {"p95", percentile(to_sections, 0.95)}}},
      {"editor_save_ms", {{"median", percentile(editor_save, 0.5)}, {"p95", percentile(editor_save, 0.95)}}},
      {"samples_ms", {{"save_to_diagnostics", to_diagnostics}, {"save_to_sections", to_sections}, {"editor_save", editor_save}}},
      {"notes_revalidated_median", percentile(revalidated, 0.5)},
      {"sections_written_median", percentile(written, 0.5)},
  };
  std::cout << out.dump() << '\n';
  return 0;
}

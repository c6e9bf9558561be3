// Writes generated backlinks sections into notes: read the note as it is now,
// splice, and replace it atomically only when its bytes change. A note edited
// while we work is re-read and the update redone on the new text.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>

#include "vaultlink/backlinks.hpp"
#include "vaultlink/fs.hpp"
#include "vaultlink/parse.hpp"
#include "vaultlink/vault.hpp"

namespace vaultlink {

namespace {

std::uint32_t line_of(std::string_view text, std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  return 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// Where the section is in the note's current bytes, as the parser sees it.
// The index's parse is reused when the note is unchanged since the vault was
// read and the quick line scan agrees with it; otherwise the current bytes are
// parsed again, so offsets never come from an older version of the note.
SectionScan locate_section(const Vault& vault, const std::string& path, const ReadResult& read) {
  SectionScan quick = find_backlinks_section(read.bytes);
  const VaultFile* indexed = vault.index().find(path);
  if (indexed && indexed->note && indexed->stamp == read.stamp && indexed->note->size == read.bytes.size()) {
    SectionScan parsed = section_scan_of(*indexed->note, read.bytes);
    if (parsed.section == quick.section && parsed.problem.has_value() == quick.problem.has_value()) return quick;
  }
  return section_scan_of(parse_note(path, read.bytes), read.bytes);
}

BacklinksOutcome update_one(const Vault& vault, const std::string& path, const BacklinksOptions& options) {
  BacklinksOutcome outcome;
  outcome.path = path;
  const Settings& settings = vault.settings();
  const std::filesystem::path file = vault.root() / path;
  // The entries depend on the index only, not on the target's own text.
  const std::vector<std::string> lines =
      render_backlinks(collect_backlinks(vault.index(), vault.graph(), path), settings.backlinks_heading);

  const int attempts = std::max(1, options.max_attempts);
  for (int attempt = 0; attempt < attempts; ++attempt) {
    ReadResult read = read_file(file, settings.max_note_bytes);
    if (!read.ok()) {
      std::error_code ignored;
      if (!std::filesystem::exists(std::filesystem::symlink_status(file, ignored))) {
        outcome.message = "the note no longer exists";  // deleted since the vault was read: nothing to do
        return outcome;
      }
      outcome.message = read.error;
      // A note nobody links to needs no section; `check` already reports
      // why it cannot be read, and failing every run over it helps no one.
      if (lines.empty()) return outcome;
      outcome.status = BacklinksOutcome::Status::error;
      return outcome;
    }
    const SectionScan scan = locate_section(vault, path, read);
    std::vector<std::string> body = lines;
    if (body.empty() && !settings.backlinks_remove_when_empty && scan.section)
      body.push_back(settings.backlinks_heading);  // keep the emptied section, as the setting asks
    SpliceResult spliced = splice_backlinks_verified(read.bytes, body, scan);
    if (spliced.problem) {
      outcome.status = BacklinksOutcome::Status::malformed;
      outcome.message = spliced.problem->message;
      outcome.line = line_of(read.bytes, spliced.problem->range.begin);
      return outcome;
    }
    if (spliced.text == read.bytes) return outcome;  // unchanged: never written
    outcome.status = BacklinksOutcome::Status::updated;
    if (options.check_only) {
      outcome.message = "the backlinks section is out of date";
      return outcome;
    }
    WriteResult written = atomic_write(file, spliced.text, std::string_view(read.bytes));
    if (!written.error.empty()) {
      outcome.status = BacklinksOutcome::Status::error;
      outcome.message = written.error;
      return outcome;
    }
    if (written.written) return outcome;
    // Changed underneath since it was read: redo the splice on the new text.
  }
  outcome.status = BacklinksOutcome::Status::error;
  outcome.message = "'" + file.string() + "' kept changing while its backlinks were written (" +
                    std::to_string(attempts) + " attempts); it was left as it is";
  return outcome;
}

}  // namespace

std::string_view to_string(BacklinksOutcome::Status status) {
  switch (status) {
    case BacklinksOutcome::Status::unchanged: return "unchanged";
    case BacklinksOutcome::Status::updated: return "updated";
    case BacklinksOutcome::Status::error: return "error";
    case BacklinksOutcome::Status::malformed: return "malformed";
  }
  return "error";
}

std::vector<BacklinksOutcome> update_backlinks(const Vault& vault, const std::vector<std::string>& only_paths,
                                               const BacklinksOptions& options) {
  std::vector<std::string> targets;
  if (only_paths.empty()) {
    targets = vault.index().note_paths();
  } else {
    for (const auto& path : only_paths)
      if (const VaultFile* file = vault.index().find(path); file && file->is_note) targets.push_back(path);
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  }

  // Each write waits on two fsyncs; several writers in flight keep the disk
  // busy instead of waiting on it one note at a time. Results keep the
  // targets' order, so the report is the same whatever the scheduling.
  std::vector<BacklinksOutcome> outcomes(targets.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < targets.size(); i = next++) {
      try {
        outcomes[i] = update_one(vault, targets[i], options);
      } catch (const std::exception& error) {  // one note's failure must not stop the others
        outcomes[i].path = targets[i];
        outcomes[i].status = BacklinksOutcome::Status::error;
        outcomes[i].message = error.what();
      }
    }
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(targets.size(), options.check_only ? cores : 4 * cores);
  std::vector<std::jthread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  threads.clear();  // joins
  return outcomes;
}

}  // namespace vaultlink

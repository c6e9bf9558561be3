#include "vaultlink/session.hpp"

#include <algorithm>

namespace vaultlink {
namespace {

const std::vector<Diagnostic> kNoDiagnostics;

std::vector<std::string> paths_of(const ChangeBatch& batch) {
  std::vector<std::string> paths;
  for (const auto& change : batch.changes) {
    paths.push_back(change.path);
    if (change.kind == FileChange::Kind::renamed) paths.push_back(change.old_path);
  }
  return paths;
}

std::vector<BacklinksOutcome> written_or_failed(std::vector<BacklinksOutcome> outcomes) {
  std::erase_if(outcomes, [](const BacklinksOutcome& outcome) {
    return outcome.status == BacklinksOutcome::Status::unchanged;
  });
  return outcomes;
}

}  // namespace

Session::Session(Vault vault, SessionOptions options) : vault_(std::move(vault)), options_(options) {}

Session::DiagnosticsByNote& Session::known_diagnostics() const {
  if (!diagnostics_) {
    diagnostics_.emplace();
    for (auto& diagnostic : vault_.check()) (*diagnostics_)[diagnostic.path].push_back(std::move(diagnostic));
  }
  return *diagnostics_;
}

const std::vector<Diagnostic>& Session::diagnostics(std::string_view note) const {
  const auto& known = known_diagnostics();
  auto found = known.find(note);
  return found == known.end() ? kNoDiagnostics : found->second;
}

std::vector<Diagnostic> Session::all_diagnostics() const {
  std::vector<Diagnostic> all;
  for_each_diagnostic([&](const Diagnostic& diagnostic) { all.push_back(diagnostic); });
  return all;
}

void Session::for_each_diagnostic(const std::function<void(const Diagnostic&)>& visit) const {
  for (const auto& [path, list] : known_diagnostics())  // ordered by path, each list sorted
    for (const Diagnostic& diagnostic : list) visit(diagnostic);
}

SessionUpdate Session::apply(const ChangeBatch& batch) {
  if (batch.rescan_needed) return rescan();
  return apply_paths(paths_of(batch));
}

SessionUpdate Session::apply_paths(const std::vector<std::string>& paths) {
  SessionUpdate update;
  known_diagnostics();  // the state before the change, to report differences against
  const auto started = std::chrono::steady_clock::now();
  VaultDelta delta = vault_.refresh(paths);
  update.changed_files = delta.changed;
  if (delta.empty()) {
    update.diagnostics_time = std::chrono::steady_clock::now() - started;
    return update;
  }

  for (const auto& removed : delta.removed_notes) set_diagnostics(removed, {}, update);
  auto notes = delta.revalidate;
  if (delta.names_changed) {
    // Suggestions for broken links are drawn from every name and alias. The
    // notes with broken links are read from the diagnostics before this
    // change; a note whose broken link the change fixed is a dependent anyway.
    suggestions_.reset();
    auto broken = notes_with_broken_links();
    notes.insert(broken.begin(), broken.end());
  }
  revalidate(notes, update);
  update.diagnostics_time = std::chrono::steady_clock::now() - started;

  if (options_.maintain_backlinks && !delta.backlink_targets.empty()) {
    const std::vector<std::string> targets(delta.backlink_targets.begin(), delta.backlink_targets.end());
    update.backlinks = written_or_failed(update_backlinks(vault_, targets));
    refresh_after_writes(update.backlinks, update);
  }
  std::sort(update.diagnostics_changed.begin(), update.diagnostics_changed.end());
  update.diagnostics_changed.erase(std::unique(update.diagnostics_changed.begin(), update.diagnostics_changed.end()),
                                   update.diagnostics_changed.end());
  return update;
}

SessionUpdate Session::rescan() {
  SessionUpdate update;
  update.rescanned = true;
  const DiagnosticsByNote& before = known_diagnostics();
  Vault fresh = Vault::load(vault_.root(), vault_.settings());
  DiagnosticsByNote now;
  for (auto& diagnostic : fresh.check()) now[diagnostic.path].push_back(std::move(diagnostic));
  for (const auto& [path, list] : before)
    if (!now.contains(path)) update.diagnostics_changed.push_back(path);
  for (const auto& [path, list] : now) {
    auto old = before.find(path);
    if (old == before.end() || old->second != list) update.diagnostics_changed.push_back(path);
  }
  std::sort(update.diagnostics_changed.begin(), update.diagnostics_changed.end());
  vault_ = std::move(fresh);
  diagnostics_ = std::move(now);
  suggestions_.reset();
  if (options_.maintain_backlinks) {
    update.backlinks = written_or_failed(update_backlinks(vault_));
    refresh_after_writes(update.backlinks, update);
  }
  return update;
}

std::vector<BacklinksOutcome> Session::update_all_backlinks() {
  SessionUpdate update;
  auto outcomes = written_or_failed(update_backlinks(vault_));
  refresh_after_writes(outcomes, update);
  return outcomes;
}

void Session::revalidate(const std::set<std::string, std::less<>>& notes, SessionUpdate& update) {
  if (!suggestions_) suggestions_.emplace();
  for (const auto& note : notes) {
    const VaultFile* file = vault_.index().find(note);
    if (!file || !file->is_note) continue;
    auto now = validate_note(vault_.index(), vault_.graph(), vault_.settings(), *file, *suggestions_);
    sort_diagnostics(now);
    set_diagnostics(note, std::move(now), update);
    ++update.revalidated;
  }
}

void Session::set_diagnostics(const std::string& note, std::vector<Diagnostic> now, SessionUpdate& update) {
  auto& known = known_diagnostics();
  auto before = known.find(note);
  const auto& old = before == known.end() ? kNoDiagnostics : before->second;
  if (old == now) return;
  update.diagnostics_changed.push_back(note);
  if (now.empty())
    known.erase(before);
  else
    known.insert_or_assign(note, std::move(now));
}

void Session::refresh_after_writes(const std::vector<BacklinksOutcome>& outcomes, SessionUpdate& update) {
  // The index must hold the bytes now on disk (the backlinks writer trusts
  // its parse only when the stamp matches), and once it does, the watcher's
  // reports of these writes find nothing to do: our own events are ignored.
  std::vector<std::string> written;
  for (const auto& outcome : outcomes)
    if (outcome.status == BacklinksOutcome::Status::updated) written.push_back(outcome.path);
  if (written.empty()) return;
  VaultDelta delta = vault_.refresh(written);
  // Sections hold no links that count, so nothing else can depend on them;
  // the notes are validated again only because their line count changed.
  revalidate(delta.revalidate, update);
}

std::set<std::string, std::less<>> Session::notes_with_broken_links() const {
  std::set<std::string, std::less<>> notes;
  for (const auto& [path, list] : known_diagnostics())
    if (std::any_of(list.begin(), list.end(), [](const Diagnostic& d) { return d.code == code::broken_link; }))
      notes.insert(path);
  return notes;
}

}  // namespace vaultlink

// Checking the vault and single notes; results are the CLI's diagnostics JSON.
#include <mutex>

#include "abi_error.hpp"
#include "diagnostics_text.hpp"
#include "vault_handle.hpp"
#include "vaultlink/check_buffer.hpp"
#include "vaultlink/index.hpp"

using namespace vaultlink::abi;

namespace {

char* report(const std::vector<vaultlink::Diagnostic>& diagnostics, std::size_t notes_checked) {
  return to_c_string(diagnostics_json_text(diagnostics, notes_checked));
}

}  // namespace

extern "C" {

VL_EXPORT int vl_vault_check(char** out_json, vl_vault* vault) { return vl_vault_check_ex(out_json, vault, nullptr); }

VL_EXPORT int vl_vault_check_ex(char** out_json, vl_vault* vault, const vl_check_options* options) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require_known_version(options, VL_CHECK_OPTIONS_VERSION, "vl_check_options");
    std::lock_guard lock(require(vault, "vault")->mutex);
    // The files may have changed since the last read: re-read so the answer
    // matches the disk, unless the watcher keeps the vault current.
    if (options == nullptr || options->reread != 0) reload(*vault);
    else ensure_read(*vault);
    const vaultlink::Vault& current = current_vault(*vault);
    if (options == nullptr || options->path_count == 0) {
      const vaultlink::Session& session = *vault->session;  // its diagnostics are sorted, scan problems included
      *out_json = to_c_string(visited_diagnostics_json_text(
          [&](const DiagnosticVisitor& visit) { session.for_each_diagnostic(visit); },
          current.index().note_paths().size()));
      return VL_OK;
    }
    require(options->paths, "options->paths");
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < options->path_count; ++i) {
      notes.push_back(vault_relative(*vault, require(options->paths[i], "options->paths[i]")));
      const vaultlink::VaultFile* file = current.index().find(notes.back());
      if (file == nullptr || !file->is_note) throw AbiError{VL_ENOTFOUND, "no note " + notes.back() + " in the vault"};
    }
    *out_json = report(current.check(notes), notes.size());
    return VL_OK;
  });
}

VL_EXPORT int vl_vault_check_note(char** out_json, vl_vault* vault, const char* path, const char* text) {
  if (out_json != nullptr) *out_json = nullptr;
  return guarded([&] {
    require(out_json, "out_json");
    require(path, "path");
    std::lock_guard lock(require(vault, "vault")->mutex);
    const std::string note = vault_relative(*vault, path);
    ensure_read(*vault);
    if (!vaultlink::is_note_path(note)) {
      throw AbiError{VL_EINVALID, "'" + note + "' is not a note (only .md files are checked)"};
    }
    std::vector<vaultlink::Diagnostic> diagnostics;
    if (text != nullptr) {
      diagnostics = vaultlink::check_note_text(current_vault(*vault), note, text);
    } else {
      auto on_disk = vaultlink::check_note_on_disk(current_vault(*vault), note);
      if (!on_disk) throw AbiError{VL_ENOTFOUND, "no note '" + note + "' in the vault " + vault->root.string()};
      diagnostics = std::move(*on_disk);
    }
    *out_json = report(diagnostics, 1);
    return VL_OK;
  });
}

}

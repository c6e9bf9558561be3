/*
 * vaultlink.h — the C ABI of libvaultlink, the Obsidian vault link engine.
 *
 * This header is the manual: every function is documented where it is
 * declared.  Hosts (the Neovim plugin through LuaJIT's FFI, the Obsidian
 * plugin through Node-API, the language server, the CLI) use only what is
 * declared here.
 *
 * Conventions (libgit2's):
 *
 *  - Functions are named vl_<noun>_<verb>.  A vault is an opaque handle
 *    (vl_vault *) made by vl_vault_open() and released by vl_vault_close().
 *  - Out-parameters come first.  Functions return int: 0 on success, or a
 *    negative VL_E* code.  After a failure, vl_error_last() describes it in a
 *    sentence.  On failure, out-parameters are set to NULL (or -1).
 *  - Rich results cross as UTF-8 JSON text, so hosts in Lua or JavaScript
 *    parse them natively and the schema can grow without an ABI break.  Every
 *    `char *` the library hands out must be released with vl_free(), never
 *    with the host's free().  Strings passed in are UTF-8 and NUL-terminated;
 *    the library never keeps a pointer to them after the call returns.
 *  - Options structs start with `unsigned int version` and come with a
 *    *_INIT macro.  Fields are only ever appended, so a host compiled against
 *    an older header keeps working: the library reads only the fields of the
 *    version the host set, and refuses (VL_EINVALID) version 0 or a version
 *    newer than its own.  Passing NULL means "all defaults".
 *  - Every function may be called from any thread, and the functions taking a
 *    vl_vault * may be called concurrently on one handle: each handle
 *    serialises its calls with its own mutex.  The one exception is
 *    vl_vault_close(), which must not race with other calls on that handle.
 *  - The library never calls into the host.  Background work (the watcher)
 *    posts events to a queue; the host waits until vl_vault_event_fd()
 *    becomes readable and pulls them with vl_vault_next_event() on its own
 *    thread (LuaJIT callbacks from foreign threads crash; Node needs a
 *    ThreadSafeFunction — neither is needed here).
 *
 * Diagnostics JSON (vl_vault_check(), vl_vault_check_note()) is the same
 * object `vaultlink check --format json` prints (object keys may come in any
 * order):
 *
 *   {"diagnostics": [{"path": "folder/Note.md",  vault-relative, '/'-separated
 *                     "line": 3, "column": 5,        1-based; column in bytes
 *                     "end_line": 3, "end_column": 17,   exclusive end
 *                     "severity": "error" | "warning" | "info",
 *                     "code": "broken-link",         stable, see OBSIDIAN-LINKS.md
 *                     "message": "...",
 *                     "suggestion": "[[Real note]]"  only when there is one
 *                    }, ...],
 *    "summary": {"errors": 1, "warnings": 0, "infos": 0,
 *                "notes": 12}}                      notes checked
 *
 * Diagnostics are sorted by path, then position, then code.
 */
#ifndef VAULTLINK_H
#define VAULTLINK_H

#include <stddef.h>

#if defined(VAULTLINK_BUILDING_LIBRARY)
#define VL_EXPORT __attribute__((visibility("default")))
#else
#define VL_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes; vl_abi_version() returns the
 * library's.  It changes only when an existing declaration changes
 * incompatibly (never when functions or options fields are appended). */
#define VL_ABI_VERSION 1

/* Return codes.  Every function returning int returns 0 (VL_OK) or one of
 * these negative values. */
typedef enum {
  VL_OK = 0,
  VL_ERROR = -1,         /* an unexpected failure (a bug, or out of memory) */
  VL_EINVALID = -2,      /* a bad argument: NULL handle, malformed JSON, an unknown
                            setting or one of the wrong type, an options version
                            this library does not know */
  VL_ENOTFOUND = -3,     /* a vault folder or note that does not exist */
  VL_EIO = -4,           /* reading or writing files failed */
  VL_ENOTSUPPORTED = -5, /* this build of the library does not implement the
                            operation yet; vl_error_last() says which */
  VL_EAGAIN = -6,        /* nothing to return now (vl_vault_next_event: the
                            queue is empty); not a failure, vl_error_last() is
                            left unchanged */
  VL_EGIT = -7           /* git refused or failed: no repository, detached HEAD,
                            a merge in progress, a held index.lock, an
                            unreachable remote; vl_error_last() says which */
} vl_error_code;

/* An open vault: its settings, index and link graph.  Opaque. */
typedef struct vl_vault vl_vault;

/* Options of vl_vault_backlinks_update(). */
typedef struct {
  unsigned int version;     /* VL_BACKLINKS_OPTIONS_VERSION */
  const char *const *paths; /* vault-relative notes whose sections to update;
                               NULL (or path_count 0) means every note */
  size_t path_count;
  int check_only;           /* nonzero: write nothing, only report what is stale */
  /* Since version 2: */
  int reread;               /* nonzero (the default): read the vault from disk
                               first; 0: use the vault as last read (as in
                               vl_check_options) */
} vl_backlinks_options;

/* Options of vl_vault_check_ex(). */
typedef struct {
  unsigned int version;     /* VL_CHECK_OPTIONS_VERSION */
  const char *const *paths; /* notes (vault-relative or absolute inside the
                               vault) to report on; NULL (or path_count 0)
                               means every note */
  size_t path_count;
  int reread;               /* nonzero (the default): read the vault from disk
                               first, as vl_vault_check() does; 0: check the
                               vault as last read (a host that has just opened
                               it saves reading it twice) */
} vl_check_options;

/* Options of vl_vault_commit(). */
typedef struct {
  unsigned int version;         /* VL_COMMIT_OPTIONS_VERSION */
  const char *message_template; /* NULL: the gitMessageTemplate setting */
  /* Since version 2: */
  const char *const *changed_paths; /* the paths the host knows changed (a save
                                       hook): only these are staged and the scan
                                       of the whole vault is skipped; NULL (or
                                       changed_path_count 0): look at everything */
  size_t changed_path_count;
  int if_auto_commit;           /* nonzero: commit only as the watcher would:
                                   when gitAutoCommit is on and the vault is in a
                                   git repository (or gitInit makes one); else
                                   return {"committed": false, "outcome":
                                   "skipped", "skipped": "<why>"} ("why" empty
                                   when gitAutoCommit is off) instead of failing */
} vl_commit_options;

/* Options of vl_vault_sync(). */
typedef struct {
  unsigned int version; /* VL_SYNC_OPTIONS_VERSION */
  const char *remote;   /* NULL: the gitRemote setting */
  /* Since version 2: */
  const char *message_template; /* of the local commit; NULL: the gitMessageTemplate setting */
} vl_sync_options;

/* Options of vl_vault_note_log(). */
typedef struct {
  unsigned int version; /* VL_LOG_OPTIONS_VERSION */
  size_t limit;         /* at most this many commits; 0: all */
} vl_log_options;

/* Reports progress while vl_vault_open_ex() reads the vault: `done` of
 * `total` files read so far.  Called on the thread that called
 * vl_vault_open_ex(), during that call only, never from a library thread;
 * it must not call the library. */
typedef void (*vl_progress_fn)(size_t done, size_t total, void *data);

/* Options of vl_vault_open_ex(). */
typedef struct {
  unsigned int version;    /* VL_OPEN_OPTIONS_VERSION */
  int use_cache;           /* nonzero (the default): notes unchanged since the
                              vault's index cache (.vaultlink/index.cache) was
                              written are taken from it instead of being read and
                              parsed again, and the cache is written back when
                              the vault is writable; 0: every note is read, and
                              the cache is neither read nor written.  Applies to
                              every later re-read of this handle too. */
  vl_progress_fn progress; /* NULL: no progress reports */
  void *progress_data;     /* passed to `progress` as is */
  int defer_read;          /* nonzero: only the settings are read (and
                              validated) now; the notes are read by the first
                              call that needs them.  For hosts that only commit,
                              sync or look at history, which never need them. */
} vl_open_options;

#define VL_OPEN_OPTIONS_VERSION 1
#define VL_OPEN_OPTIONS_INIT {VL_OPEN_OPTIONS_VERSION, 1, NULL, NULL, 0}
#define VL_BACKLINKS_OPTIONS_VERSION 2
#define VL_BACKLINKS_OPTIONS_INIT {VL_BACKLINKS_OPTIONS_VERSION, NULL, 0, 0, 1}
#define VL_CHECK_OPTIONS_VERSION 1
#define VL_CHECK_OPTIONS_INIT {VL_CHECK_OPTIONS_VERSION, NULL, 0, 1}
#define VL_COMMIT_OPTIONS_VERSION 2
#define VL_COMMIT_OPTIONS_INIT {VL_COMMIT_OPTIONS_VERSION, NULL, NULL, 0, 0}
#define VL_SYNC_OPTIONS_VERSION 2
#define VL_SYNC_OPTIONS_INIT {VL_SYNC_OPTIONS_VERSION, NULL, NULL}
#define VL_LOG_OPTIONS_VERSION 1
#define VL_LOG_OPTIONS_INIT {VL_LOG_OPTIONS_VERSION, 0}

/* ---- The library ------------------------------------------------------- */

/* The library's ABI version (VL_ABI_VERSION of the header it was built
 * from, and "abiVersion" of vl_manifest()).  A host compares it with the
 * VL_ABI_VERSION it was written for before calling anything else. */
VL_EXPORT int vl_abi_version(void);

/* The library's version, e.g. "0.1.0".  Static storage; do not free. */
VL_EXPORT const char *vl_version(void);

/* The plugin manifest: manifest/manifest.json byte for byte, embedded at
 * build time — id, name, version, abiVersion, capabilities and every setting
 * with its type, default and description.  Hosts build their settings UI from
 * it.  Static storage; do not free. */
VL_EXPORT const char *vl_manifest(void);

/* The JSON Schema (draft 2020-12) of the settings object: of
 * `.vaultlink.json`, of the Obsidian plugin's data file and of the
 * `settings_json` hosts pass to vl_vault_open().  Derived from the manifest's
 * settings, pretty-printed, ending in a newline: the text
 * `vaultlink settings-schema` prints.  Editors validate settings files with
 * it.  Static storage; do not free. */
VL_EXPORT const char *vl_settings_schema(void);

/* A sentence describing the last failure on the calling thread, e.g.
 * "unknown setting 'severites' in host settings".  Never NULL: "" before any
 * failure.  Owned by the library; valid until the thread's next vl_ call. */
VL_EXPORT const char *vl_error_last(void);

/* Releases a string returned by the library.  NULL is ignored. */
VL_EXPORT void vl_free(char *text);

/* ---- Vaults ------------------------------------------------------------ */

/* Opens the vault whose root folder is `path`: reads its settings (the
 * manifest's defaults, then `.vaultlink.json` at the root, else
 * `.obsidian/plugins/vaultlink/data.json`, then `settings_json`), scans and
 * parses every note (those unchanged since the vault's index cache in
 * `.vaultlink/` was written come from the cache; vl_vault_open_ex() can turn
 * that off).
 *
 * `settings_json`: NULL, or a JSON object of settings named as in the
 * manifest (e.g. {"severities": {"broken-link": "error"}}) that override the
 * vault's own.  An unknown key or a value of the wrong type fails with
 * VL_EINVALID and a message naming the key.
 *
 * Returns VL_ENOTFOUND when `path` is not a folder. */
VL_EXPORT int vl_vault_open(vl_vault **out, const char *path, const char *settings_json);

/* vl_vault_open() with options (see vl_open_options): whether the index
 * cache is used, and progress reports while the notes are read.  `options`
 * may be NULL (the defaults, which are what vl_vault_open() uses). */
VL_EXPORT int vl_vault_open_ex(vl_vault **out, const char *path, const char *settings_json,
                               const vl_open_options *options);

/* Stops the vault's background work (finishing pending writes) and releases
 * it.  NULL is ignored.  No other call on this handle may be running or made
 * afterwards. */
VL_EXPORT void vl_vault_close(vl_vault *vault);

/* ---- Checking ---------------------------------------------------------- */

/* Checks every note of the vault and returns the diagnostics JSON (see the
 * top of this header).  The vault is re-read from disk first, so the result
 * reflects the files as they are now.  Free with vl_free(). */
VL_EXPORT int vl_vault_check(char **out_json, vl_vault *vault);

/* Checks one note and returns the diagnostics JSON for it alone.
 *
 * `path`: the note, vault-relative ("folder/Note.md") or absolute inside the
 * vault.  `text`: NULL to read the note from disk now, or the note's full
 * contents as the host's editor holds them (an unsaved buffer), which are
 * checked instead of the file; the note need not exist on disk then.  Links
 * are resolved against the rest of the vault as last read (vl_vault_open,
 * vl_vault_check, or the watcher).  Notes the vault leaves out (dot folders,
 * the excludedFolders setting) get no diagnostics.
 *
 * Returns VL_ENOTFOUND when `text` is NULL and the note does not exist,
 * VL_EINVALID when `path` lies outside the vault. */
VL_EXPORT int vl_vault_check_note(char **out_json, vl_vault *vault, const char *path, const char *text);

/* vl_vault_check() with options (see vl_check_options): only some notes
 * ("notes" in the summary counts them), and whether to re-read the vault
 * first.  `options` may be NULL (as vl_vault_check()).  Returns
 * VL_ENOTFOUND when a path names no note of the vault ("no note X in the
 * vault"), VL_EINVALID when it lies outside the vault. */
VL_EXPORT int vl_vault_check_ex(char **out_json, vl_vault *vault, const vl_check_options *options);

/* ---- Backlinks --------------------------------------------------------- */

/* Brings the generated backlinks sections of the notes named in `options`
 * (or of every note) up to date with the vault as it is on disk now, writing
 * only notes whose section changes (atomically; text outside the section is
 * kept byte for byte).  `options` may be NULL.  Returns, as JSON:
 *
 *   {"changed": ["Topic.md", ...],      written (check_only: stale)
 *    "problems": [{"path", "status": "error" | "malformed", "message",
 *                  "line"?}, ...],      notes left alone, and why
 *    "unchanged": 40}                   notes already current
 *
 * A problem on one note never stops the others and is not a failure of the
 * call.  Free with vl_free(). */
VL_EXPORT int vl_vault_backlinks_update(char **out_json, vl_vault *vault,
                                        const vl_backlinks_options *options);

/* ---- Git --------------------------------------------------------------- */

/* Commits what changed in the vault (never an empty commit; the editor's
 * volatile state and .gitignore'd files left out), with a message from
 * `options->message_template` or the gitMessageTemplate setting, and returns:
 *
 *   {"committed": true | false,
 *    "outcome": "committed" | "nothing_to_commit" | "conflicts_unresolved"
 *               | "skipped" (only with if_auto_commit),
 *    "id": "hex", "message": "...",          when committed
 *    "files": [{"status": "A"|"M"|"D"|"R"|"T", "path", "old_path"?}, ...],
 *    "unresolved": ["Note.md", ...],          notes still holding conflict markers
 *    "concluded_merge": false}
 *
 * Fails with VL_EGIT when git refuses (no repository and gitInit off,
 * detached HEAD, a merge or rebase in progress, a held index.lock).
 * `options` may be NULL.  Free with vl_free(). */
VL_EXPORT int vl_vault_commit(char **out_json, vl_vault *vault, const vl_commit_options *options);

/* Commits pending changes, fetches from the remote (`options->remote`, else
 * the gitRemote setting), fast-forwards or merges, pushes, and returns:
 *
 *   {"local_commit": {...as vl_vault_commit...},
 *    "merge": "no_remote_branch" | "up_to_date" | "fast_forwarded" | "merged"
 *             | "conflicts",
 *    "merge_commit_id": "hex"?, "pushed": true | false,
 *    "conflicted": ["Note.md", ...], "conflict_note": "vaultlink-conflicts.md"?}
 *
 * On conflicts both versions are kept in the note (git's markers) and
 * nothing is pushed or committed until the markers are gone.  Fails with
 * VL_EGIT when git fails (e.g. an unreachable remote).  `options` may be
 * NULL.  Free with vl_free(). */
VL_EXPORT int vl_vault_sync(char **out_json, vl_vault *vault, const vl_sync_options *options);

/* The commits that changed the note at `path` (vault-relative or absolute
 * inside the vault; it need not exist now), newest first, following renames:
 *
 *   {"revisions": [{"commit": "hex", "path": "Old name.md",  the note's path then
 *                   "author": "...", "email": "...",
 *                   "time": 1700000000,                    seconds since the epoch
 *                   "summary": "..."}, ...]}              the message's first line
 *
 * `options` may be NULL (every commit).  Fails with VL_EGIT when the vault is
 * not in a git repository.  Free with vl_free(). */
VL_EXPORT int vl_vault_note_log(char **out_json, vl_vault *vault, const char *path, const vl_log_options *options);

/* Writes the note's content as of `revision` (anything `git rev-parse`
 * accepts: a hash, "HEAD~2", a branch) over the note at `path`, atomically
 * (temp file, fsync, mode kept, rename), following renames to find it in that
 * revision.  Nothing is committed.  Returns:
 *
 *   {"commit": "hex",            the revision restored from
 *    "source_path": "Old.md",    the note's path in that revision
 *    "changed": true | false}    false when the file already had those bytes
 *
 * Fails with VL_EGIT when git cannot find the revision or the note in it.
 * Free with vl_free(). */
VL_EXPORT int vl_vault_restore(char **out_json, vl_vault *vault, const char *path, const char *revision);

/* ---- Watching and events ----------------------------------------------- */

/* Starts watching the vault's files on a background thread.  After each
 * burst of changes (coalesced over the debounceMs setting) only the changed
 * notes are read again; the notes whose diagnostics changed are posted as
 * "diagnostics" events, the backlinks sections whose content changed are
 * rewritten ("write" events), and once the vault has been quiet for
 * gitQuietSeconds the changes are committed ("commit" event) when
 * gitAutoCommit is on and the vault is in a git repository.  While watching,
 * vl_vault_check and vl_vault_backlinks_update use the vault as the watcher
 * keeps it instead of reading it again.  Watching an already watched vault
 * does nothing.  Returns VL_EIO when the folder cannot be watched (e.g. no
 * inotify instance left). */
VL_EXPORT int vl_vault_watch_start(vl_vault *vault);

/* Stops watching, finishing pending writes and the pending commit.  Stopping
 * a vault that is not watched does nothing. */
VL_EXPORT int vl_vault_watch_stop(vl_vault *vault);

/* A file descriptor that is readable exactly while the vault's event queue
 * is not empty, for the host's event loop (poll, libuv).  Owned by the vault:
 * do not read, write or close it.  Valid until vl_vault_close(). */
VL_EXPORT int vl_vault_event_fd(int *out_fd, vl_vault *vault);

/* Takes the oldest event off the vault's queue as a JSON object
 * {"type": "...", ...}.  Returns VL_EAGAIN with *out_json NULL when the
 * queue is empty.  Call it until VL_EAGAIN each time the event fd becomes
 * readable.  Free with vl_free().
 *
 * Event types:
 *   {"type": "diagnostics", "path": "Note.md", "diagnostics": [...]}
 *       the note's diagnostics changed; the list (same objects as in the
 *       diagnostics JSON) replaces the previous one, [] when it has none left
 *       or was deleted;
 *   {"type": "write", "path": "Note.md", "status": "updated"|"error"|"malformed",
 *    "message": "..."}
 *       the note's generated backlinks section was rewritten, or could not be;
 *   {"type": "commit", "commit": "<hex id>", "message": "...", "files": N,
 *    "concluded_merge": false}
 *       the changes were committed after the quiet period (or on stop);
 *       concluded_merge: the commit finished a merge a sync left;
 *       {"type": "commit", "unresolved": [...]} when conflict markers left by
 *       a sync keep it from committing;
 *   {"type": "rescan"}
 *       events were lost (the kernel's queue overflowed): the vault was read
 *       again, and the events that follow report what differed;
 *   {"type": "auto_commit_off", "reason": "no git repository at or above ..."}
 *       posted once at the start when gitAutoCommit is on but the vault
 *       cannot be committed; nothing will be;
 *   {"type": "error", "message": "..."}
 *       background work met a problem (a folder it could not watch, a commit
 *       that failed); watching goes on.
 * Hosts ignore types they do not know. */
VL_EXPORT int vl_vault_next_event(char **out_json, vl_vault *vault);

#ifdef __cplusplus
}
#endif

#endif /* VAULTLINK_H */

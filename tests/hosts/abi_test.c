/* Drives libvaultlink the way a host does: loaded with dlopen at run time,
 * through the declarations of vaultlink.h only.  Compiled as C11 with
 * -pedantic -Werror so the header stays plain, portable C.
 *
 * usage: abi_test LIBRARY MANIFEST_JSON VAULTLINK_CLI */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */
#include <dlfcn.h>
#include <ftw.h>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vaultlink.h"

/* Every entry point, typed by its declaration in the header. */
#define VL_FUNCTIONS(X)                                                                             \
  X(vl_abi_version) X(vl_version) X(vl_manifest) X(vl_error_last) X(vl_free) X(vl_vault_open)      \
  X(vl_vault_close) X(vl_vault_check) X(vl_vault_check_note) X(vl_vault_backlinks_update)          \
  X(vl_vault_commit) X(vl_vault_sync) X(vl_vault_watch_start) X(vl_vault_watch_stop)               \
  X(vl_vault_event_fd) X(vl_vault_next_event) X(vl_vault_open_ex) X(vl_settings_schema)            \
  X(vl_vault_check_ex) X(vl_vault_note_log) X(vl_vault_restore)

#define DECLARE_POINTER(name) static __typeof__(&name) p_##name;
VL_FUNCTIONS(DECLARE_POINTER)

static int failures = 0;

#define CHECK(condition)                                                                  \
  do {                                                                                    \
    if (!(condition)) {                                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", __FILE__, __LINE__, \
              #condition, p_vl_error_last ? p_vl_error_last() : "?");                     \
      ++failures;                                                                         \
    }                                                                                     \
  } while (0)

static int contains(const char *haystack, const char *needle) {
  return haystack != NULL && strstr(haystack, needle) != NULL;
}

static void write_file(const char *dir, const char *name, const char *text) {
  char path[4096];
  FILE *file;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  file = fopen(path, "wb");
  if (file == NULL || fputs(text, file) < 0 || fclose(file) != 0) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(2);
  }
}

static char *read_whole_file(const char *path, size_t *size) {
  FILE *file = fopen(path, "rb");
  char *bytes;
  long length;
  if (file == NULL || fseek(file, 0, SEEK_END) != 0 || (length = ftell(file)) < 0 || fseek(file, 0, SEEK_SET) != 0) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  bytes = malloc((size_t)length + 1);
  if (bytes == NULL || fread(bytes, 1, (size_t)length, file) != (size_t)length) exit(2);
  bytes[length] = '\0';
  fclose(file);
  *size = (size_t)length;
  return bytes;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw) {
  (void)info; (void)flag; (void)ftw;
  return remove(path);
}

static void load_library(const char *library) {
  void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  void *symbol;
  if (handle == NULL) {
    fprintf(stderr, "dlopen %s: %s\n", library, dlerror());
    exit(2);
  }
  /* memcpy: ISO C has no conversion from void * to a function pointer. */
#define LOAD_POINTER(name)                                               \
  symbol = dlsym(handle, #name);                                         \
  if (symbol == NULL) {                                                  \
    fprintf(stderr, "missing symbol %s\n", #name);                       \
    exit(2);                                                             \
  }                                                                      \
  memcpy(&p_##name, &symbol, sizeof symbol);
  VL_FUNCTIONS(LOAD_POINTER)
}

static void test_identity(const char *manifest_path) {
  size_t size = 0;
  char *expected = read_whole_file(manifest_path, &size);
  const char *manifest = p_vl_manifest();
  CHECK(p_vl_abi_version() == VL_ABI_VERSION);
  CHECK(p_vl_version() != NULL && p_vl_version()[0] != '\0');
  CHECK(p_vl_error_last() != NULL && strcmp(p_vl_error_last(), "") == 0);
  /* The manifest is handed out byte for byte as it is in manifest/. */
  CHECK(manifest != NULL && strlen(manifest) == size && memcmp(manifest, expected, size) == 0);
  CHECK(contains(manifest, "\"abiVersion\": 1"));
  free(expected);
  p_vl_free(NULL);
}

static void expect_open_failure(const char *vault_dir, const char *settings, int code, const char *named) {
  vl_vault *vault = (vl_vault *)&failures; /* must be reset to NULL on failure */
  int rc = p_vl_vault_open(&vault, vault_dir, settings);
  CHECK(rc == code);
  CHECK(vault == NULL);
  if (!contains(p_vl_error_last(), named)) {
    fprintf(stderr, "error for settings %s does not name '%s': %s\n", settings ? settings : "NULL", named,
            p_vl_error_last());
    ++failures;
  }
}

static void test_open_errors(const char *vault_dir) {
  char missing[4200];
  snprintf(missing, sizeof missing, "%s/no-such-folder", vault_dir);
  expect_open_failure(missing, NULL, VL_ENOTFOUND, "no-such-folder");
  expect_open_failure(vault_dir, "{\"severites\": {}}", VL_EINVALID, "severites");
  expect_open_failure(vault_dir, "{\"debounceMs\": \"fast\"}", VL_EINVALID, "debounceMs");
  expect_open_failure(vault_dir, "{\"debounceMs\": ", VL_EINVALID, "JSON");
  expect_open_failure(vault_dir, "[1, 2]", VL_EINVALID, "object");
  CHECK(p_vl_vault_open(NULL, vault_dir, NULL) == VL_EINVALID);
  CHECK(contains(p_vl_error_last(), "out"));
}

/* One check_note call, its rc and JSON. */
static char *check_note(vl_vault *vault, const char *path, const char *text, int expected_rc) {
  char *json = (char *)"not reset";
  int rc = p_vl_vault_check_note(&json, vault, path, text);
  CHECK(rc == expected_rc);
  if (rc != VL_OK) CHECK(json == NULL);
  return rc == VL_OK ? json : NULL;
}

static void test_check(const char *vault_dir) {
  vl_vault *vault = NULL;
  char *json = NULL;
  char absolute[4200];
  CHECK(p_vl_vault_open(&vault, vault_dir,
                        "{\"severities\": {\"broken-link\": \"error\"}, \"excludedFolders\": [\"templates\"]}") ==
        VL_OK);
  if (vault == NULL) return;

  /* The whole vault: one broken link, with the CLI's schema. */
  CHECK(p_vl_vault_check(&json, vault) == VL_OK);
  CHECK(contains(json, "{\"diagnostics\":[{\"code\":\"broken-link\""));
  CHECK(contains(json, "\"path\":\"A.md\""));
  CHECK(contains(json, "\"code\":\"broken-link\""));
  CHECK(contains(json, "\"severity\":\"error\"")); /* the host's override applied */
  CHECK(contains(json, "\"line\":3"));
  CHECK(contains(json, "\"errors\":1,"));
  CHECK(contains(json, "\"warnings\":0"));
  CHECK(contains(json, "\"notes\":2"));
  p_vl_free(json);

  /* Only some notes, without reading the vault again. */
  {
    vl_check_options options = VL_CHECK_OPTIONS_INIT;
    const char *b_only[1] = {"B.md"};
    const char *a_and_missing[2] = {"A.md", "Nope.md"};
    options.paths = b_only;
    options.path_count = 1;
    options.reread = 0;
    CHECK(p_vl_vault_check_ex(&json, vault, &options) == VL_OK);
    CHECK(contains(json, "{\"diagnostics\":[],\"summary\":{\"errors\":0,\"infos\":0,\"notes\":1,"));
    p_vl_free(json);
    options.paths = a_and_missing;
    options.path_count = 2;
    json = (char *)"not reset";
    CHECK(p_vl_vault_check_ex(&json, vault, &options) == VL_ENOTFOUND);
    CHECK(json == NULL);
    CHECK(contains(p_vl_error_last(), "no note Nope.md in the vault"));
    options.path_count = 1; /* A.md alone: its broken link */
    CHECK(p_vl_vault_check_ex(&json, vault, &options) == VL_OK);
    CHECK(contains(json, "\"code\":\"broken-link\""));
    CHECK(contains(json, "\"notes\":1"));
    p_vl_free(json);
    CHECK(p_vl_vault_check_ex(&json, vault, NULL) == VL_OK); /* NULL: as vl_vault_check */
    CHECK(contains(json, "\"notes\":2"));
    p_vl_free(json);
  }

  /* An unsaved buffer is checked instead of the file. */
  json = check_note(vault, "A.md", "fine [[B]]\n", VL_OK);
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);
  json = check_note(vault, "A.md", "[[Nope]]\n", VL_OK);
  CHECK(contains(json, "\"code\":\"broken-link\""));
  CHECK(contains(json, "\"column\":1,\"end_column\":9,\"end_line\":1,\"line\":1,"));
  p_vl_free(json);
  /* A buffer for a note not yet saved, links to itself included. */
  json = check_note(vault, "New.md", "# Here\n[[#Here]] [[#Gone]]\n", VL_OK);
  CHECK(contains(json, "\"path\":\"New.md\""));
  CHECK(contains(json, "\"code\":\"broken-heading\""));
  CHECK(contains(json, "\"errors\":1,"));
  CHECK(contains(json, "\"notes\":1"));
  p_vl_free(json);
  /* Notes the vault leaves out are not checked, as `vaultlink check` skips them. */
  json = check_note(vault, "templates/Daily.md", "[[{{date}}]] [[Nope]]\n", VL_OK);
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);
  json = check_note(vault, ".trash/Old.md", "[[Nope]]\n", VL_OK);
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);
  /* Bad bytes are diagnostics or nothing, never a failure. */
  json = check_note(vault, "A.md", "\xff\xfe [[B]] [[[[[[[[ ]]\n", VL_OK);
  p_vl_free(json);

  /* From disk, by absolute path; then the fix is seen after it is saved. */
  snprintf(absolute, sizeof absolute, "%s/A.md", vault_dir);
  json = check_note(vault, absolute, NULL, VL_OK);
  CHECK(contains(json, "\"code\":\"broken-link\""));
  p_vl_free(json);
  write_file(vault_dir, "A.md", "# A\n\nSee [[B]].\n");
  json = check_note(vault, absolute, NULL, VL_OK);
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);
  CHECK(p_vl_vault_check(&json, vault) == VL_OK);
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);

  /* Errors name what is wrong. */
  check_note(vault, "Missing.md", NULL, VL_ENOTFOUND);
  CHECK(contains(p_vl_error_last(), "Missing.md"));
  check_note(vault, "/etc/passwd.md", NULL, VL_EINVALID);
  CHECK(contains(p_vl_error_last(), "/etc/passwd.md"));
  check_note(vault, "../outside.md", "x", VL_EINVALID);
  check_note(vault, "image.png", NULL, VL_EINVALID);
  CHECK(p_vl_vault_check(&json, NULL) == VL_EINVALID);
  CHECK(contains(p_vl_error_last(), "vault"));

  /* A settings file broken after open: the error names the key, and the
   * handle keeps working with the vault it had. */
  write_file(vault_dir, ".vaultlink.json", "{\"gitQuietSecs\": 5}");
  json = (char *)"not reset";
  CHECK(p_vl_vault_check(&json, vault) == VL_EINVALID);
  CHECK(json == NULL);
  CHECK(contains(p_vl_error_last(), "gitQuietSecs"));
  json = check_note(vault, "A.md", "[[Nope]]", VL_OK);
  CHECK(contains(json, "broken-link"));
  p_vl_free(json);
  {
    char settings_file[4200];
    snprintf(settings_file, sizeof settings_file, "%s/.vaultlink.json", vault_dir);
    remove(settings_file);
  }
  CHECK(p_vl_vault_check(&json, vault) == VL_OK);
  p_vl_free(json);
  p_vl_vault_close(vault);
  p_vl_vault_close(NULL);
}

/* Waits (up to 10 s) for the event fd, and returns the first event whose
 * JSON contains `needle`; other events are skipped.  NULL on time-out. */
static char *wait_for_event(vl_vault *vault, int fd, const char *needle) {
  int waited_ms = 0;
  while (waited_ms < 10000) {
    struct pollfd readable;
    char *json = NULL;
    readable.fd = fd;
    readable.events = POLLIN;
    readable.revents = 0;
    if (poll(&readable, 1, 100) == 1) {
      while (p_vl_vault_next_event(&json, vault) == VL_OK) {
        if (contains(json, needle)) return json;
        p_vl_free(json);
      }
    }
    waited_ms += 100;
  }
  fprintf(stderr, "no event with %s arrived\n", needle);
  ++failures;
  return NULL;
}

static void test_events(const char *vault_dir) {
  vl_vault *vault = NULL;
  int fd = -1;
  char *json = (char *)"not reset";
  struct pollfd readable;
  /* gitInit with no quiet interval: the watcher commits after every batch. */
  CHECK(p_vl_vault_open(&vault, vault_dir, "{\"gitInit\": true, \"gitQuietSeconds\": 0}") == VL_OK);
  if (vault == NULL) return;
  CHECK(p_vl_vault_event_fd(&fd, vault) == VL_OK);
  CHECK(fd >= 0);
  readable.fd = fd;
  readable.events = POLLIN;
  readable.revents = 0;
  CHECK(poll(&readable, 1, 0) == 0); /* nothing queued: not readable */
  p_vl_vault_check_note(&json, vault, "nope.md", NULL); /* sets a last error */
  CHECK(p_vl_vault_next_event(&json, vault) == VL_EAGAIN);
  CHECK(json == NULL);
  CHECK(contains(p_vl_error_last(), "nope.md")); /* VL_EAGAIN leaves it alone */

  /* Watching: a note written by someone else shows up as an event. */
  CHECK(p_vl_vault_watch_start(vault) == VL_OK);
  CHECK(p_vl_vault_watch_start(vault) == VL_OK); /* twice is harmless */
  write_file(vault_dir, "Watched.md", "# W\n[[Nowhere]]\n");
  json = wait_for_event(vault, fd, "\"path\":\"Watched.md\"");
  CHECK(contains(json, "\"type\":\"diagnostics\""));
  CHECK(contains(json, "\"code\":\"broken-link\""));
  p_vl_free(json);
  write_file(vault_dir, "Watched.md", "# W\n[[B]]\n");
  json = wait_for_event(vault, fd, "\"path\":\"Watched.md\"");
  CHECK(contains(json, "\"diagnostics\":[]"));
  p_vl_free(json);
  /* B.md gained a linking note: its backlinks section is written... */
  json = wait_for_event(vault, fd, "\"type\":\"write\"");
  CHECK(contains(json, "\"path\":\"B.md\""));
  CHECK(contains(json, "\"status\":\"updated\""));
  p_vl_free(json);
  /* ...and the changes are committed. */
  json = wait_for_event(vault, fd, "\"type\":\"commit\"");
  CHECK(contains(json, "\"commit\":\""));
  p_vl_free(json);
  CHECK(p_vl_vault_watch_stop(vault) == VL_OK);
  CHECK(p_vl_vault_watch_stop(vault) == VL_OK);
  /* Closing a watched vault stops its thread. */
  CHECK(p_vl_vault_watch_start(vault) == VL_OK);
  p_vl_vault_close(vault);
}

/* What a progress callback saw. */
struct progress_seen {
  pthread_t opener;
  int calls, on_other_thread;
  size_t last_done, last_total;
};

static void record_progress(size_t done, size_t total, void *data) {
  struct progress_seen *seen = data;
  ++seen->calls;
  if (!pthread_equal(pthread_self(), seen->opener)) ++seen->on_other_thread;
  seen->last_done = done;
  seen->last_total = total;
}

static int exists(const char *dir, const char *name) {
  char path[4200];
  struct stat info;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &info) == 0;
}

/* The index cache: written by a default open, left alone with use_cache 0;
 * progress reaches the host on its own thread, ending at total. */
static void test_open_options(void) {
  char dir[] = "/tmp/vaultlink-abi-cache-XXXXXX";
  vl_vault *vault = NULL;
  vl_open_options options = VL_OPEN_OPTIONS_INIT;
  struct progress_seen seen;
  char *json = NULL;
  char name[64];
  int i;
  if (mkdtemp(dir) == NULL) exit(2);
  for (i = 0; i < 600; ++i) { /* more than one progress step (256 notes) */
    snprintf(name, sizeof name, "N%d.md", i);
    write_file(dir, name, "# N\n[[N0]] [[Missing]]\n");
  }
  memset(&seen, 0, sizeof seen);
  seen.opener = pthread_self();

  options.use_cache = 0;
  options.progress = record_progress;
  options.progress_data = &seen;
  CHECK(p_vl_vault_open_ex(&vault, dir, NULL, &options) == VL_OK);
  CHECK(seen.calls >= 1);
  CHECK(seen.on_other_thread == 0);
  CHECK(seen.last_done == 600 && seen.last_total == 600);
  CHECK(p_vl_vault_check(&json, vault) == VL_OK); /* a re-read: still without the cache */
  CHECK(contains(json, "\"warnings\":600}")); /* broken-link is a warning by default */
  p_vl_free(json);
  p_vl_vault_close(vault);
  CHECK(!exists(dir, ".vaultlink"));

  /* The defaults (NULL options, as vl_vault_open) use the cache. */
  CHECK(p_vl_vault_open_ex(&vault, dir, NULL, NULL) == VL_OK);
  p_vl_vault_close(vault);
  CHECK(exists(dir, ".vaultlink/index.cache"));
  CHECK(p_vl_vault_open(&vault, dir, "{\"severities\": {\"broken-link\": \"error\"}}") == VL_OK);
  CHECK(p_vl_vault_check(&json, vault) == VL_OK); /* warm: the same findings, host settings applied */
  CHECK(contains(json, "\"errors\":600,"));
  CHECK(contains(json, "\"warnings\":0}"));
  p_vl_free(json);
  p_vl_vault_close(vault);

  /* defer_read: the settings are validated at once, the notes read when needed. */
  options.version = VL_OPEN_OPTIONS_VERSION;
  options.progress = NULL;
  options.defer_read = 1;
  vault = (vl_vault *)&failures;
  CHECK(p_vl_vault_open_ex(&vault, dir, "{\"gitQuietSecs\": 1}", &options) == VL_EINVALID);
  CHECK(vault == NULL);
  CHECK(contains(p_vl_error_last(), "gitQuietSecs"));
  CHECK(p_vl_vault_open_ex(&vault, dir, NULL, &options) == VL_OK);
  {
    vl_check_options check = VL_CHECK_OPTIONS_INIT;
    vl_commit_options commit = VL_COMMIT_OPTIONS_INIT;
    check.reread = 0;
    CHECK(p_vl_vault_check_ex(&json, vault, &check) == VL_OK); /* read now, on first need */
    CHECK(contains(json, "\"notes\":600"));
    p_vl_free(json);
    /* Not in git: a commit as the watcher would make it is skipped, with the reason. */
    commit.if_auto_commit = 1;
    CHECK(p_vl_vault_commit(&json, vault, &commit) == VL_OK);
    CHECK(contains(json, "\"outcome\":\"skipped\""));
    CHECK(contains(json, "\"skipped\":\"") && !contains(json, "\"skipped\":\"\""));
    p_vl_free(json);
  }
  /* Watching it says once that nothing will be committed. */
  {
    int fd = -1;
    CHECK(p_vl_vault_watch_start(vault) == VL_OK);
    CHECK(p_vl_vault_event_fd(&fd, vault) == VL_OK);
    json = wait_for_event(vault, fd, "\"type\":\"auto_commit_off\"");
    CHECK(contains(json, "\"reason\":\""));
    p_vl_free(json);
  }
  p_vl_vault_close(vault);

  options.version = 0; /* an uninitialised struct */
  vault = (vl_vault *)&failures;
  CHECK(p_vl_vault_open_ex(&vault, dir, NULL, &options) == VL_EINVALID);
  CHECK(vault == NULL);
  CHECK(contains(p_vl_error_last(), "vl_open_options"));
  nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The settings schema names every setting of the manifest and is what
 * `vaultlink settings-schema` prints (`cli`: the CLI binary). */
static void test_settings_schema(const char *cli) {
  const char *schema = p_vl_settings_schema();
  static const char *const settings[] = {"\"severities\"", "\"excludedFolders\"", "\"gitAutoCommit\"",
                                         "\"debounceMs\"", "\"backlinksHeading\"", "\"additionalProperties\": false"};
  size_t i;
  CHECK(schema != NULL && schema == p_vl_settings_schema()); /* static, the same every time */
  CHECK(contains(schema, "\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
  for (i = 0; i < sizeof settings / sizeof settings[0]; ++i) CHECK(contains(schema, settings[i]));
  {
    char command[4200];
    char printed[65536];
    size_t length;
    FILE *pipe;
    snprintf(command, sizeof command, "'%s' settings-schema", cli);
    pipe = popen(command, "r");
    CHECK(pipe != NULL);
    if (pipe == NULL) return;
    length = fread(printed, 1, sizeof printed - 1, pipe);
    printed[length] = '\0';
    CHECK(pclose(pipe) == 0);
    CHECK(strcmp(printed, schema) == 0);
  }
}

/* Runs a shell command in `dir` and returns its first output line (static). */
static const char *run_in(const char *dir, const char *command) {
  static char line[512];
  char full[4800];
  FILE *pipe;
  snprintf(full, sizeof full, "cd '%s' && %s 2>&1", dir, command);
  line[0] = '\0';
  pipe = popen(full, "r");
  if (pipe == NULL) return line;
  if (fgets(line, sizeof line, pipe) == NULL) line[0] = '\0';
  while (fgetc(pipe) != EOF) {
  }
  pclose(pipe);
  line[strcspn(line, "\n")] = '\0';
  return line;
}

static void test_backlinks_and_git(void) {
  char dir[] = "/tmp/vaultlink-abi-git-XXXXXX";
  vl_vault *vault = NULL;
  char *json = (char *)"not reset";
  const char *only[1] = {"Source.md"};
  vl_backlinks_options backlinks = VL_BACKLINKS_OPTIONS_INIT;
  vl_commit_options commit = VL_COMMIT_OPTIONS_INIT;
  vl_sync_options sync = VL_SYNC_OPTIONS_INIT;
  size_t size = 0;
  char *topic;
  char topic_path[4200];
  if (mkdtemp(dir) == NULL) exit(2);
  write_file(dir, "Topic.md", "# Topic\n");
  write_file(dir, "Source.md", "# Source\n\nAbout [[Topic]].\n");
  CHECK(p_vl_vault_open(&vault, dir, NULL) == VL_OK);
  if (vault == NULL) return;

  /* No repository (and gitInit off): git's refusal, in a sentence. */
  CHECK(p_vl_vault_commit(&json, vault, NULL) == VL_EGIT);
  CHECK(json == NULL);
  CHECK(p_vl_error_last()[0] != '\0');

  /* Backlinks: a dry run reports, the update writes, a second one has nothing to do. */
  backlinks.check_only = 1;
  CHECK(p_vl_vault_backlinks_update(&json, vault, &backlinks) == VL_OK);
  CHECK(contains(json, "\"changed\":[\"Topic.md\"]"));
  p_vl_free(json);
  snprintf(topic_path, sizeof topic_path, "%s/Topic.md", dir);
  topic = read_whole_file(topic_path, &size);
  CHECK(strcmp(topic, "# Topic\n") == 0);
  free(topic);
  backlinks.check_only = 0;
  backlinks.paths = only;
  backlinks.path_count = 1;
  CHECK(p_vl_vault_backlinks_update(&json, vault, &backlinks) == VL_OK);
  CHECK(contains(json, "\"changed\":[]")); /* Source.md has no backlinks */
  p_vl_free(json);
  CHECK(p_vl_vault_backlinks_update(&json, vault, NULL) == VL_OK);
  CHECK(contains(json, "\"changed\":[\"Topic.md\"]"));
  p_vl_free(json);
  topic = read_whole_file(topic_path, &size);
  CHECK(contains(topic, "<!-- vaultlink:backlinks -->"));
  CHECK(contains(topic, "[[Source]]"));
  free(topic);
  CHECK(p_vl_vault_backlinks_update(&json, vault, NULL) == VL_OK);
  CHECK(contains(json, "\"changed\":[]"));
  p_vl_free(json);

  /* Commit into a fresh repository; then nothing is left to commit. */
  run_in(dir, "git init -q");
  commit.message_template = "notes: {{numFiles}} files";
  CHECK(p_vl_vault_commit(&json, vault, &commit) == VL_OK);
  CHECK(contains(json, "\"committed\":true"));
  CHECK(contains(json, "\"id\":\""));
  p_vl_free(json);
  CHECK(strcmp(run_in(dir, "git log --format=%s"), "notes: 2 files") == 0);
  CHECK(strcmp(run_in(dir, "git status --porcelain"), "") == 0);
  CHECK(p_vl_vault_commit(&json, vault, NULL) == VL_OK);
  CHECK(contains(json, "\"committed\":false"));
  CHECK(contains(json, "nothing_to_commit"));
  p_vl_free(json);

  /* Commit only what the host says changed: the other edit waits. */
  {
    const char *changed[1] = {"Source.md"};
    write_file(dir, "Source.md", "# Source\n\nAbout [[Topic]], again.\n");
    write_file(dir, "Other.md", "# Other\n");
    commit.message_template = "edit";
    commit.changed_paths = changed;
    commit.changed_path_count = 1;
    CHECK(p_vl_vault_commit(&json, vault, &commit) == VL_OK);
    CHECK(contains(json, "\"files\":[{\"path\":\"Source.md\",\"status\":\"M\"}]"));
    p_vl_free(json);
    CHECK(strcmp(run_in(dir, "git status --porcelain"), "?? Other.md") == 0);
    commit.changed_paths = NULL;
    commit.changed_path_count = 0;
    commit.message_template = NULL;
  }
  /* As the watcher commits: gitAutoCommit is on by default, and the vault is in git. */
  commit.if_auto_commit = 1;
  CHECK(p_vl_vault_commit(&json, vault, &commit) == VL_OK);
  CHECK(contains(json, "\"committed\":true"));
  p_vl_free(json);
  commit.if_auto_commit = 0;

  /* A note's history, newest first, and an older version restored over it. */
  {
    vl_log_options log = VL_LOG_OPTIONS_INIT;
    char *source;
    char source_path[4200];
    CHECK(p_vl_vault_note_log(&json, vault, "Source.md", NULL) == VL_OK);
    CHECK(contains(json, "{\"revisions\":[{\"author\":"));
    CHECK(contains(json, "\"summary\":\"edit\""));
    CHECK(contains(json, "\"summary\":\"notes: 2 files\""));
    p_vl_free(json);
    log.limit = 1;
    CHECK(p_vl_vault_note_log(&json, vault, "Source.md", &log) == VL_OK);
    CHECK(!contains(json, "notes: 2 files"));
    p_vl_free(json);
    log.version = 7;
    CHECK(p_vl_vault_note_log(&json, vault, "Source.md", &log) == VL_EINVALID);
    /* HEAD~2: the first commit (then "edit", then the auto-commit of Other.md). */
    CHECK(p_vl_vault_restore(&json, vault, "Source.md", "HEAD~2") == VL_OK);
    CHECK(contains(json, "\"changed\":true"));
    CHECK(contains(json, "\"source_path\":\"Source.md\""));
    p_vl_free(json);
    snprintf(source_path, sizeof source_path, "%s/Source.md", dir);
    source = read_whole_file(source_path, &size);
    CHECK(strcmp(source, "# Source\n\nAbout [[Topic]].\n") == 0);
    free(source);
    CHECK(p_vl_vault_restore(&json, vault, "Source.md", "HEAD~2") == VL_OK);
    CHECK(contains(json, "\"changed\":false"));
    p_vl_free(json);
    json = (char *)"not reset";
    CHECK(p_vl_vault_restore(&json, vault, "Source.md", "no-such-revision") == VL_EGIT);
    CHECK(json == NULL);
    CHECK(p_vl_vault_restore(&json, vault, "../outside.md", "HEAD") == VL_EINVALID);
  }

  /* Sync without the remote: git's error. */
  sync.remote = "nowhere";
  json = (char *)"not reset";
  CHECK(p_vl_vault_sync(&json, vault, &sync) == VL_EGIT);
  CHECK(json == NULL);
  CHECK(contains(p_vl_error_last(), "nowhere"));

  commit.version = 99;
  CHECK(p_vl_vault_commit(&json, vault, &commit) == VL_EINVALID);
  CHECK(contains(p_vl_error_last(), "99"));
  p_vl_vault_close(vault);
  nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Several host threads on one handle: calls are serialised, and each thread
 * sees its own last error. */
struct worker {
  vl_vault *vault;
  const char *missing_note;
  int bad;
};

static void *work(void *argument) {
  struct worker *worker = argument;
  int round;
  for (round = 0; round < 25; ++round) {
    char *json = NULL;
    if (p_vl_vault_check_note(&json, worker->vault, "A.md", "[[Nope]]") != VL_OK ||
        !contains(json, "broken-link"))
      ++worker->bad;
    p_vl_free(json);
    if (p_vl_vault_check_note(&json, worker->vault, worker->missing_note, NULL) != VL_ENOTFOUND ||
        !contains(p_vl_error_last(), worker->missing_note))
      ++worker->bad;
  }
  return NULL;
}

static void test_threads(const char *vault_dir) {
  vl_vault *vault = NULL;
  struct worker workers[3] = {{NULL, "one.md", 0}, {NULL, "two.md", 0}, {NULL, "three.md", 0}};
  pthread_t threads[3];
  int i;
  CHECK(p_vl_vault_open(&vault, vault_dir, NULL) == VL_OK);
  if (vault == NULL) return;
  for (i = 0; i < 3; ++i) {
    workers[i].vault = vault;
    CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
  }
  for (i = 0; i < 3; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(workers[i].bad == 0);
  }
  p_vl_vault_close(vault);
}

int main(int argc, char **argv) {
  char vault_dir[] = "/tmp/vaultlink-abi-test-XXXXXX";
  if (argc != 4) {
    fprintf(stderr, "usage: %s LIBRARY MANIFEST_JSON VAULTLINK_CLI\n", argv[0]);
    return 2;
  }
  load_library(argv[1]);
  if (mkdtemp(vault_dir) == NULL) return 2;
  write_file(vault_dir, "A.md", "# A\n\nSee [[B]] and [[Missing note]].\n");
  write_file(vault_dir, "B.md", "# B\n");
  write_file(vault_dir, "image.png", "not really a png");

  test_identity(argv[2]);
  test_open_errors(vault_dir);
  test_check(vault_dir);
  test_events(vault_dir);
  test_backlinks_and_git();
  test_threads(vault_dir);
  test_open_options();
  test_settings_schema(argv[3]);

  nftw(vault_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}

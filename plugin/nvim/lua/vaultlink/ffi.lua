-- The C ABI of libvaultlink as LuaJIT sees it, and a thin Lua face over it.
-- The declarations below must match plugin/include/vaultlink.h exactly (the
-- test tests/hosts/nvim_cdef_test.sh compares them); results come back as
-- JSON and are decoded here, errors as (nil, message, code).
local ffi = require('ffi')

local M = {}

M.declarations = [[
typedef enum {
  VL_OK = 0,
  VL_ERROR = -1,
  VL_EINVALID = -2,
  VL_ENOTFOUND = -3,
  VL_EIO = -4,
  VL_ENOTSUPPORTED = -5,
  VL_EAGAIN = -6,
  VL_EGIT = -7
} vl_error_code;
typedef struct vl_vault vl_vault;
typedef void (*vl_progress_fn)(size_t done, size_t total, void *data);
typedef struct {
  unsigned int version;
  int use_cache;
  vl_progress_fn progress;
  void *progress_data;
  int defer_read;
} vl_open_options;
typedef struct {
  unsigned int version;
  const char *const *paths;
  size_t path_count;
  int check_only;
  int reread;
} vl_backlinks_options;
typedef struct {
  unsigned int version;
  const char *const *paths;
  size_t path_count;
  int reread;
} vl_check_options;
typedef struct {
  unsigned int version;
  const char *message_template;
  const char *const *changed_paths;
  size_t changed_path_count;
  int if_auto_commit;
} vl_commit_options;
typedef struct {
  unsigned int version;
  const char *remote;
  const char *message_template;
} vl_sync_options;
typedef struct {
  unsigned int version;
  size_t limit;
} vl_log_options;
int vl_abi_version(void);
const char *vl_version(void);
const char *vl_manifest(void);
const char *vl_settings_schema(void);
const char *vl_error_last(void);
void vl_free(char *text);
int vl_vault_open(vl_vault **out, const char *path, const char *settings_json);
int vl_vault_open_ex(vl_vault **out, const char *path, const char *settings_json, const vl_open_options *options);
void vl_vault_close(vl_vault *vault);
int vl_vault_check(char **out_json, vl_vault *vault);
int vl_vault_check_note(char **out_json, vl_vault *vault, const char *path, const char *text);
int vl_vault_check_ex(char **out_json, vl_vault *vault, const vl_check_options *options);
int vl_vault_backlinks_update(char **out_json, vl_vault *vault, const vl_backlinks_options *options);
int vl_vault_commit(char **out_json, vl_vault *vault, const vl_commit_options *options);
int vl_vault_sync(char **out_json, vl_vault *vault, const vl_sync_options *options);
int vl_vault_note_log(char **out_json, vl_vault *vault, const char *path, const vl_log_options *options);
int vl_vault_restore(char **out_json, vl_vault *vault, const char *path, const char *revision);
int vl_vault_watch_start(vl_vault *vault);
int vl_vault_watch_stop(vl_vault *vault);
int vl_vault_event_fd(int *out_fd, vl_vault *vault);
int vl_vault_next_event(char **out_json, vl_vault *vault);
]]

-- The header's VL_ABI_VERSION and the *_OPTIONS_VERSION this plugin fills in
-- (cdef has no macros). The plugin sets only the fields of these versions;
-- the library reads no others.
M.ABI_VERSION = 1
local BACKLINKS_OPTIONS_VERSION, COMMIT_OPTIONS_VERSION, SYNC_OPTIONS_VERSION = 1, 1, 1

-- ffi.cdef refuses to redefine types, and a plugin manager may reload this
-- module; LuaJIT's type table is per process, so declare once.
if not pcall(ffi.typeof, 'vl_vault') then
  ffi.cdef(M.declarations)
end

M.E = {
  OK = 0, ERROR = -1, EINVALID = -2, ENOTFOUND = -3, EIO = -4,
  ENOTSUPPORTED = -5, EAGAIN = -6, EGIT = -7,
}

-- The library built beside this plugin: <repo>/build/plugin/src/libvaultlink.so,
-- found from this file's own path (<repo>/plugin/nvim/lua/vaultlink/ffi.lua).
function M.default_library_path()
  local this_file = debug.getinfo(1, 'S').source:gsub('^@', '')
  local repo = vim.fn.fnamemodify(this_file, ':p:h:h:h:h:h')
  return repo .. '/build/plugin/src/libvaultlink.so'
end

local lib -- the loaded library, once

-- Loads the library: `path`, else $VAULTLINK_LIBRARY, else the default.
-- Returns the library or raises an error naming the file tried.
function M.load(path)
  if lib then return lib end
  path = path or os.getenv('VAULTLINK_LIBRARY') or M.default_library_path()
  local ok, loaded = pcall(ffi.load, path)
  if not ok then
    error(('vaultlink: cannot load the library %s (%s); build it with scripts/build.sh'):format(path, loaded), 0)
  end
  local abi = loaded.vl_abi_version()
  if abi ~= M.ABI_VERSION then
    error(('vaultlink: %s has ABI version %d, this plugin needs %d'):format(path, abi, M.ABI_VERSION), 0)
  end
  lib = loaded
  return lib
end

local function last_error(rc)
  return nil, ffi.string(lib.vl_error_last()), rc
end

-- Calls fn(out, ...) with a char** out-param; returns the decoded JSON, or
-- nil, message, code. VL_EAGAIN gives nil, nil, code.
local function call_json(fn, ...)
  local out = ffi.new('char *[1]')
  local rc = fn(out, ...)
  if rc == M.E.EAGAIN then return nil, nil, rc end
  if rc ~= 0 then return last_error(rc) end
  local text = ffi.string(out[0])
  lib.vl_free(out[0])
  return vim.json.decode(text)
end

function M.manifest()
  return vim.json.decode(ffi.string(lib.vl_manifest()))
end

local Vault = {}
Vault.__index = Vault

-- Opens the vault at `root` with `settings` (a Lua table of overrides, or nil).
function M.open(root, settings)
  local out = ffi.new('vl_vault *[1]')
  local json = settings and vim.json.encode(settings) or nil
  local rc = lib.vl_vault_open(out, root, json)
  if rc ~= 0 then return last_error(rc) end
  -- Closed by close(), or by the garbage collector if the host forgets.
  local handle = ffi.gc(out[0], lib.vl_vault_close)
  return setmetatable({ handle = handle }, Vault)
end

function Vault:close()
  if self.handle then
    lib.vl_vault_close(ffi.gc(self.handle, nil))
    self.handle = nil
  end
end

function Vault:check()
  return call_json(lib.vl_vault_check, self.handle)
end

-- `text` nil: the note as it is on disk; else the buffer's contents.
function Vault:check_note(path, text)
  return call_json(lib.vl_vault_check_note, self.handle, path, text)
end

-- `paths`: a list of vault-relative notes, or nil for all.
function Vault:backlinks_update(paths, check_only)
  local options = ffi.new('vl_backlinks_options')
  options.version = BACKLINKS_OPTIONS_VERSION
  local keep -- the C strings must outlive the call
  if paths and #paths > 0 then
    keep = ffi.new('const char *[?]', #paths, paths)
    options.paths = keep
    options.path_count = #paths
  end
  options.check_only = check_only and 1 or 0
  local result, err, rc = call_json(lib.vl_vault_backlinks_update, self.handle, options)
  keep = nil
  return result, err, rc
end

function Vault:commit(message_template)
  local options = ffi.new('vl_commit_options')
  options.version = COMMIT_OPTIONS_VERSION
  options.message_template = message_template
  return call_json(lib.vl_vault_commit, self.handle, options)
end

function Vault:sync(remote)
  local options = ffi.new('vl_sync_options')
  options.version = SYNC_OPTIONS_VERSION
  options.remote = remote
  return call_json(lib.vl_vault_sync, self.handle, options)
end

function Vault:watch_start()
  local rc = lib.vl_vault_watch_start(self.handle)
  if rc ~= 0 then return last_error(rc) end
  return true
end

function Vault:watch_stop()
  local rc = lib.vl_vault_watch_stop(self.handle)
  if rc ~= 0 then return last_error(rc) end
  return true
end

function Vault:event_fd()
  local fd = ffi.new('int[1]')
  local rc = lib.vl_vault_event_fd(fd, self.handle)
  if rc ~= 0 then return last_error(rc) end
  return fd[0]
end

-- The next queued event, or nil when the queue is empty.
function Vault:next_event()
  return call_json(lib.vl_vault_next_event, self.handle)
end

return M

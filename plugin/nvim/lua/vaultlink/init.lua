-- vaultlink for Neovim: Obsidian link diagnostics on save, vault checks in the
-- quickfix list, backlinks, commit and sync, through libvaultlink.
--
--   require('vaultlink').setup{ vault = '~/notes', settings = { ... } }
--
-- Background work of the library (the watcher) never calls into Lua: it posts
-- events, and the event fd wakes a libuv poll here, which drains the queue on
-- the main loop.
local vl = require('vaultlink.ffi')

local M = {}

local state = {
  vault = nil,     -- the open vault (vaultlink.ffi Vault)
  root = nil,      -- its real path, without a trailing '/'
  namespace = nil, -- vim.diagnostic namespace
  poll = nil,      -- libuv poll on the event fd
  watching = false,
}

local severity_of = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  info = vim.diagnostic.severity.INFO,
}
local qf_type_of = { error = 'E', warning = 'W', info = 'I' }

local function notify(message, level)
  vim.notify('vaultlink: ' .. message, level or vim.log.levels.INFO)
end

local function report_error(what, message)
  notify(what .. ' failed: ' .. tostring(message), vim.log.levels.ERROR)
end

-- The vault-relative path of `file` (absolute), or nil outside the vault.
local function vault_relative(file)
  if file == nil or file == '' or state.root == nil then return nil end
  local real = vim.loop.fs_realpath(file) or vim.fn.fnamemodify(file, ':p')
  local prefix = state.root .. '/'
  if real:sub(1, #prefix) ~= prefix then return nil end
  return real:sub(#prefix + 1)
end

-- The loaded buffer showing the vault-relative `path`, if any.
local function buffer_of(path)
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vault_relative(vim.api.nvim_buf_get_name(buf)) == path then
      return buf
    end
  end
  return nil
end

local function to_vim_diagnostic(d)
  return {
    lnum = d.line - 1,
    col = d.column - 1,
    end_lnum = d.end_line - 1,
    end_col = d.end_column - 1, -- both exclusive; 0-based here, 1-based in the library
    severity = severity_of[d.severity] or vim.diagnostic.severity.ERROR,
    message = d.message,
    source = 'vaultlink',
    code = d.code,
    user_data = { suggestion = d.suggestion ~= vim.NIL and d.suggestion or nil },
  }
end

-- Shows `diagnostics` (the library's JSON objects) on `buf`, replacing ours.
local function show(buf, diagnostics)
  local items = {}
  for _, d in ipairs(diagnostics) do table.insert(items, to_vim_diagnostic(d)) end
  vim.diagnostic.set(state.namespace, buf, items)
end

local function require_setup()
  if state.vault then return true end
  notify("not set up: call require('vaultlink').setup{vault = ...} first", vim.log.levels.ERROR)
  return false
end

-- Checks the note shown in `buf` as saved on disk and shows its diagnostics.
function M.check_buffer(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  if not state.vault then return end
  local path = vault_relative(vim.api.nvim_buf_get_name(buf))
  if path == nil or not path:lower():match('%.md$') then return end
  local result, err = state.vault:check_note(path, nil)
  if not result then return report_error('check of ' .. path, err) end
  show(buf, result.diagnostics)
end

-- Checks the unsaved contents of `buf` (what the user sees, not the file).
function M.check_unsaved(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  if not state.vault or not vim.api.nvim_buf_is_loaded(buf) then return end
  local path = vault_relative(vim.api.nvim_buf_get_name(buf))
  if path == nil or not path:lower():match('%.md$') then return end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local result, err = state.vault:check_note(path, table.concat(lines, '\n') .. '\n')
  if not result then return report_error('check of ' .. path, err) end
  show(buf, result.diagnostics)
end

-- Checks the whole vault: the quickfix list gets every diagnostic, and every
-- loaded note of the vault gets its own.
function M.check_vault()
  if not require_setup() then return end
  local result, err = state.vault:check()
  if not result then return report_error('check', err) end
  local items, by_path = {}, {}
  for _, d in ipairs(result.diagnostics) do
    local suggestion = (d.suggestion ~= nil and d.suggestion ~= vim.NIL) and (' (suggestion: ' .. d.suggestion .. ')') or ''
    table.insert(items, {
      filename = state.root .. '/' .. d.path,
      lnum = d.line, col = d.column, end_lnum = d.end_line, end_col = d.end_column,
      type = qf_type_of[d.severity] or 'E',
      text = ('%s [%s]%s'):format(d.message, d.code, suggestion),
    })
    by_path[d.path] = by_path[d.path] or {}
    table.insert(by_path[d.path], d)
  end
  vim.fn.setqflist({}, ' ', { title = 'vaultlink check ' .. state.root, items = items })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    local path = vim.api.nvim_buf_is_loaded(buf) and vault_relative(vim.api.nvim_buf_get_name(buf))
    if path and path:lower():match('%.md$') then show(buf, by_path[path] or {}) end
  end
  local s = result.summary
  notify(('%d notes: %d errors, %d warnings, %d infos'):format(s.notes, s.errors, s.warnings, s.infos))
end

function M.backlinks()
  if not require_setup() then return end
  local result, err = state.vault:backlinks_update(nil, false)
  if not result then return report_error('backlinks', err) end
  vim.cmd('checktime') -- reload buffers whose notes got new sections
  notify(('backlinks updated in %d notes'):format(#(result.changed or {})))
end

function M.commit(message_template)
  if not require_setup() then return end
  if message_template == '' then message_template = nil end
  local result, err = state.vault:commit(message_template)
  if not result then return report_error('commit', err) end
  notify(result.committed == false and 'nothing to commit' or ('committed ' .. tostring(result.id or '')))
end

function M.sync()
  if not require_setup() then return end
  local result, err = state.vault:sync(nil)
  if not result then return report_error('sync', err) end
  vim.cmd('checktime')
  notify('synced: ' .. vim.json.encode(result))
end

local function handle_event(event)
  if event.type == 'diagnostics' then
    local buf = buffer_of(event.path)
    if buf then show(buf, event.diagnostics or {}) end
  elseif event.type == 'write' then
    local buf = buffer_of(event.path)
    if buf then
      vim.cmd('checktime ' .. buf)
      -- Reloading a buffer drops its diagnostics: show the note's again, unless
      -- unsaved edits kept the buffer from reloading (its own checks cover it).
      if not vim.bo[buf].modified then M.check_buffer(buf) end
    end
  elseif event.type == 'commit' then
    notify('committed ' .. string.sub(tostring(event.commit or ''), 1, 10))
  elseif event.type == 'error' then
    notify(tostring(event.message), vim.log.levels.ERROR)
  end
end

-- Takes every queued event; runs on the main loop (vim.schedule), never from
-- a library thread.
function M.drain_events()
  if not state.vault then return 0 end
  local count = 0
  while true do
    local event, err, rc = state.vault:next_event()
    if event == nil then
      if rc ~= vl.E.EAGAIN then report_error('reading events', err) end
      break
    end
    count = count + 1
    local ok, problem = pcall(handle_event, event)
    if not ok then report_error('handling a ' .. tostring(event.type) .. ' event', problem) end
  end
  return count
end

local function start_event_poll()
  local fd, err = state.vault:event_fd()
  if not fd then return report_error('events', err) end
  local poll = vim.loop.new_poll(fd)
  state.poll = poll
  local on_readable
  on_readable = function()
    -- The fd stays readable until the queue is drained, so stop polling until
    -- the scheduled drain has run on the main loop.
    poll:stop()
    vim.schedule(function()
      M.drain_events()
      if state.poll == poll then poll:start('r', on_readable) end
    end)
  end
  poll:start('r', on_readable)
end

-- Stops watching and closes the vault (VimLeavePre, or a second setup).
function M.shutdown()
  if state.poll then
    local poll = state.poll
    state.poll = nil
    poll:stop()
    poll:close()
  end
  if state.vault then
    if state.watching then state.vault:watch_stop() end
    state.vault:close()
  end
  state.vault, state.root, state.watching = nil, nil, false
end

-- opts: vault (folder, required), settings (table of overrides named as in the
-- manifest), library (path of libvaultlink.so), watch (default true),
-- check_unsaved (default false: also check buffers as they change, unsaved).
function M.setup(opts)
  opts = opts or {}
  assert(type(opts.vault) == 'string' and opts.vault ~= '', "vaultlink: setup{vault = '/path/to/vault'} is required")
  M.shutdown()
  vl.load(opts.library)
  local root = vim.loop.fs_realpath(vim.fn.expand(opts.vault))
  if not root then error('vaultlink: no vault folder at ' .. opts.vault, 0) end
  local vault, err = vl.open(root, opts.settings)
  if not vault then error('vaultlink: cannot open the vault ' .. root .. ': ' .. err, 0) end
  state.vault, state.root = vault, root:gsub('/$', '')
  state.namespace = state.namespace or vim.api.nvim_create_namespace('vaultlink')

  local group = vim.api.nvim_create_augroup('vaultlink', { clear = true })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = group,
    pattern = { '*.md', '*.MD', '*.Md', '*.mD' },
    callback = function(args) M.check_buffer(args.buf) end,
  })
  if opts.check_unsaved then
    -- Re-check as the user types, once they pause (InsertLeave, or normal-mode edits).
    vim.api.nvim_create_autocmd({ 'TextChanged', 'InsertLeave' }, {
      group = group,
      pattern = { '*.md', '*.MD', '*.Md', '*.mD' },
      callback = function(args) M.check_unsaved(args.buf) end,
    })
  end
  vim.api.nvim_create_autocmd('VimLeavePre', { group = group, callback = M.shutdown })

  start_event_poll()
  if opts.watch ~= false then
    local ok, watch_err, rc = vault:watch_start()
    state.watching = ok == true
    -- A library without a watcher still checks on save; say so only in :messages.
    if not ok and rc ~= vl.E.ENOTSUPPORTED then report_error('watching', watch_err) end
  end
  return true
end

-- For tests and statuslines.
function M.state()
  return { root = state.root, namespace = state.namespace, watching = state.watching, polling = state.poll ~= nil }
end

return M

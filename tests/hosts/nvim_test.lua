-- Drives the plugin as a user would: setup, edit a note, :w, read
-- vim.diagnostic; :VaultlinkCheck and the quickfix list; the git commands.
local vault_dir = assert(os.getenv('VAULTLINK_TEST_VAULT'))
local vaultlink = require('vaultlink')

-- Notifications are the plugin's way to report; keep them to assert on.
local notes = {}
vim.notify = function(message, level) table.insert(notes, { message = message, level = level }) end
local function last_notification() return (notes[#notes] or {}).message or '' end

local function eq(actual, expected, what)
  if actual ~= expected then
    error(('%s: expected %s, got %s'):format(what, vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

-- Setup errors name what is wrong.
local ok, err = pcall(vaultlink.setup, { vault = vault_dir, settings = { severites = {} } })
eq(ok, false, 'setup with a misspelt setting')
assert(tostring(err):find('severites', 1, true), 'the error names the key: ' .. tostring(err))

vaultlink.setup({ vault = vault_dir, settings = { severities = { ['broken-link'] = 'error' } } })
local ns = vaultlink.state().namespace
assert(vaultlink.state().polling, 'the event fd is polled')

local function diagnostics_of(buf)
  local list = vim.diagnostic.get(buf, { namespace = ns })
  table.sort(list, function(a, b) return a.lnum < b.lnum end)
  return list
end

-- Add a broken link, save: the diagnostic appears with its code.
vim.cmd('edit ' .. vim.fn.fnameescape(vault_dir .. '/Alpha.md'))
local buf = vim.api.nvim_get_current_buf()
eq(#diagnostics_of(buf), 0, 'diagnostics before any save')
vim.api.nvim_buf_set_lines(buf, -1, -1, false, { 'Broken: [[Missing page]] here.' })
vim.cmd('silent write')
local list = diagnostics_of(buf)
eq(#list, 1, 'diagnostics after saving a broken link')
eq(list[1].code, 'broken-link', 'code')
eq(list[1].severity, vim.diagnostic.severity.ERROR, 'severity from the host settings')
eq(list[1].lnum, 3, 'line (0-based)')
eq(list[1].col, 8, 'column (0-based)')
eq(list[1].end_col, 24, 'end column (exclusive)')
eq(list[1].source, 'vaultlink', 'source')

-- A near miss carries the suggestion in user_data.
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'Near: [[real_name]]' })
vim.cmd('silent write')
list = diagnostics_of(buf)
eq(#list, 1, 'diagnostics for a near-miss link')
eq(list[1].code, 'broken-link', 'code of the near miss')
assert(list[1].user_data and type(list[1].user_data.suggestion) == 'string'
       and list[1].user_data.suggestion:find('Real name', 1, true),
       'suggestion in user_data: ' .. vim.inspect(list[1].user_data))

-- Fix it, save: the diagnostic is gone.
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'Fixed: [[Beta#Details]]' })
vim.cmd('silent write')
eq(#diagnostics_of(buf), 0, 'diagnostics after fixing the link')

-- Unsaved text is checked directly when asked (the buffer, not the file).
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'Typing [[Not yet saved]]' })
vaultlink.check_unsaved(buf)
list = diagnostics_of(buf)
eq(#list, 1, 'diagnostics of the unsaved buffer')
eq(list[1].col, 7, 'column in the unsaved buffer')
vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'Fixed: [[Beta#Details]]' })
vaultlink.check_unsaved(buf)
eq(#diagnostics_of(buf), 0, 'diagnostics of the unsaved buffer once fixed')
eq(vim.bo[buf].modified, true, 'checking does not save')
vim.cmd('silent write')

-- Notes outside the vault are left alone.
local outside = vim.fn.tempname() .. '.md'
vim.cmd('edit ' .. vim.fn.fnameescape(outside))
vim.api.nvim_buf_set_lines(0, 0, -1, false, { '[[Missing page]]' })
vim.cmd('silent write')
eq(#diagnostics_of(0), 0, 'diagnostics on a note outside the vault')
vim.cmd('bwipeout!')
os.remove(outside)

-- :VaultlinkCheck fills the quickfix list with the whole vault's findings.
vim.cmd('VaultlinkCheck')
local qf = vim.fn.getqflist()
eq(#qf, 1, 'quickfix entries')
eq(vim.fn.bufname(qf[1].bufnr):match('[^/]+$'), 'Gamma.md', 'quickfix file')
eq(qf[1].lnum, 3, 'quickfix line')
eq(qf[1].type, 'E', 'quickfix type')
assert(qf[1].text:find('[broken-link]', 1, true), 'quickfix text has the code: ' .. qf[1].text)

-- Background events: another program edits a note that is loaded in a
-- buffer; the watcher's event reaches the buffer's diagnostics through the
-- event fd polled on the main loop.
assert(vaultlink.state().watching, 'the vault is watched')
local beta = vim.fn.bufadd(vault_dir .. '/Beta.md')
vim.fn.bufload(beta)
local original = table.concat(vim.fn.readfile(vault_dir .. '/Beta.md'), '\n') .. '\n'
local function write_beta(text)
  local file = assert(io.open(vault_dir .. '/Beta.md', 'wb'))
  file:write(text)
  file:close()
end
write_beta(original .. 'Edited elsewhere: [[Ghost]]\n')
assert(vim.wait(10000, function() return #diagnostics_of(beta) == 1 end, 20),
       'the watcher event set diagnostics on the loaded buffer')
eq(diagnostics_of(beta)[1].code, 'broken-link', 'code from the event')
write_beta(original)
assert(vim.wait(10000, function() return #diagnostics_of(beta) == 0 end, 20),
       'the next event cleared them')

-- :VaultlinkBacklinks writes the generated sections; the loaded buffer of a
-- changed note is reloaded.
vim.cmd('VaultlinkBacklinks')
assert(last_notification():find('backlinks updated in', 1, true), last_notification())
local beta_text = table.concat(vim.fn.readfile(vault_dir .. '/Beta.md'), '\n')
assert(beta_text:find('<!-- vaultlink:backlinks -->', 1, true), 'Beta.md got a section: ' .. beta_text)
assert(beta_text:find('[[Alpha', 1, true), 'the section links back to Alpha: ' .. beta_text)

-- :VaultlinkCommit commits, and git log shows it.
vim.cmd('VaultlinkCommit from nvim {{numFiles}}')
assert(last_notification():find('committed', 1, true), last_notification())
local log = vim.fn.systemlist({ 'git', '-C', vault_dir, 'log', '--format=%s' })
eq(log[1], 'from nvim 2', 'the newest commit (Alpha.md and Beta.md changed)')
eq(#log, 2, 'commits in the vault')
eq(vim.fn.system({ 'git', '-C', vault_dir, 'status', '--porcelain' }), '', 'git status after the commit')
vim.cmd('VaultlinkCommit')
eq(last_notification(), 'vaultlink: nothing to commit', 'a second commit')

-- :VaultlinkSync without a remote reports git's error.
vim.cmd('VaultlinkSync')
assert(last_notification():find('sync failed', 1, true), last_notification())

-- Shutting down (what VimLeavePre does) closes the vault; commands then say so.
vaultlink.shutdown()
eq(vaultlink.state().polling, false, 'polling after shutdown')
vim.cmd('VaultlinkCheck')
assert(last_notification():find('setup', 1, true), last_notification())

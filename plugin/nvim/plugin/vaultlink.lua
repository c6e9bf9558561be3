-- Commands of vaultlink; they need require('vaultlink').setup{vault = ...}.
if vim.g.loaded_vaultlink then return end
vim.g.loaded_vaultlink = true

local function command(name, fn, opts)
  vim.api.nvim_create_user_command(name, function(args) fn(args) end, opts or {})
end

command('VaultlinkCheck', function() require('vaultlink').check_vault() end)
command('VaultlinkBacklinks', function() require('vaultlink').backlinks() end)
command('VaultlinkCommit', function(args) require('vaultlink').commit(args.args) end, { nargs = '?' })
command('VaultlinkSync', function() require('vaultlink').sync() end)

-- Neovim's built-in LSP client (0.7's vim.lsp.start_client, no lspconfig)
-- runs `vaultlink lsp` on a real vault, opens a note with a broken link, sees
-- the diagnostic with its code, at the severity the client's settings give it
-- (Neovim 0.7 does not answer workspace/configuration: it pushes them with
-- didChangeConfiguration, as lspconfig does in on_init), then fixes the link
-- in the buffer (sent as an incremental change) and sees the diagnostic go.
local vault = assert(os.getenv('VAULTLINK_TEST_VAULT'))
local server = assert(os.getenv('VAULTLINK'))

-- The vault's default makes broken links warnings; the client's settings make them errors.
local client_id = vim.lsp.start_client({
  name = 'vaultlink', cmd = { server, 'lsp' }, root_dir = vault,
  settings = { vaultlink = { severities = { ['broken-link'] = 'error' } } },
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
})
assert(client_id, 'vim.lsp.start_client failed')

vim.cmd('edit ' .. vim.fn.fnameescape(vault .. '/Gamma.md'))
local bufnr = vim.api.nvim_get_current_buf()
assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

local function broken_links()
  return vim.tbl_filter(function(d) return d.code == 'broken-link' end, vim.diagnostic.get(bufnr))
end

local function broken_link_errors()
  return vim.tbl_filter(function(d) return d.severity == vim.diagnostic.severity.ERROR end, broken_links())
end
assert(vim.wait(10000, function() return #broken_link_errors() == 1 end, 20),
  'no broken-link error arrived: ' .. vim.inspect(broken_links()))
local diagnostic = broken_link_errors()[1]
assert(diagnostic.lnum == 2 and diagnostic.col == 10, 'diagnostic at ' .. diagnostic.lnum .. ':' .. diagnostic.col)
assert(diagnostic.source == 'vaultlink', 'source ' .. tostring(diagnostic.source))
assert(diagnostic.message:find('Nowhere at all', 1, true), diagnostic.message)

-- The client sends this edit as an incremental didChange (the server asks for Incremental sync).
vim.api.nvim_buf_set_text(bufnr, 2, 12, 2, 26, { 'Alpha' })
assert(vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1] == 'A link to [[Alpha]].')
assert(vim.wait(10000, function() return #broken_links() == 0 end, 20), 'the fixed link is still reported')

vim.lsp.stop_client(client_id)
assert(vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20), 'the server did not stop')

-- :checkhealth iml_ls -- the server binary and its version, the app root of the current buffer,
-- and whether a client is attached to it.
local M = {}

function M.check()
  local iml_ls = require('iml_ls')
  vim.health.start('iml-ls server binary')
  local cmd = iml_ls.command()
  local binary = iml_ls.binary()
  if not cmd then
    vim.health.warn('the iml_ls command is not a list (a function?); it is not checked here')
  elseif not binary then
    vim.health.error(('`%s` was not found or is not executable'):format(cmd[1]), {
      'Install it: cargo install --path server/iml-ls (from the iml-ls repository)',
      "Or point to it: vim.lsp.config('iml_ls', { cmd = { '/path/to/iml-ls', '--stdio' } })",
    })
  else
    local version = vim.trim(vim.fn.system({ binary, '--version' }))
    if vim.v.shell_error == 0 then
      vim.health.ok(('found %s (%s)'):format(binary, version))
    else
      vim.health.error(('%s --version failed: %s'):format(binary, version))
    end
  end

  vim.health.start('iml-ls in the current buffer')
  -- :checkhealth shows its report in a buffer of its own; the buffer asked about is the last
  -- IML JSON buffer the user was in.
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= 'imljson' and iml_ls.last_buffer and vim.api.nvim_buf_is_valid(iml_ls.last_buffer) then
    bufnr = iml_ls.last_buffer
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].filetype ~= 'imljson' then
    vim.health.info(('the current buffer is not an IML JSON file (filetype `%s`)'):format(vim.bo[bufnr].filetype))
    return
  end
  local root = vim.fs.root(bufnr, { 'makecomapp.json', '.git' })
  if root then
    vim.health.ok(('app root: %s'):format(root))
  else
    vim.health.warn(('no makecomapp.json or .git above %s; the server sees this file alone'):format(name))
  end
  local clients = vim.lsp.get_clients({ bufnr = bufnr, name = 'iml_ls' })
  if #clients > 0 then
    vim.health.ok(('client attached (id %d)'):format(clients[1].id))
  else
    vim.health.error('no iml_ls client is attached to this buffer', {
      'Check that vim.lsp.enable("iml_ls") ran (the plugin does it unless vim.g.iml_ls_autoenable = false)',
      'See :LspInfo and the log at ' .. vim.lsp.log.get_filename(),
    })
  end
end

return M

-- Shared helpers of the iml-ls Neovim setup: where the configured server binary is, and the
-- one-time warning when it is missing (Neovim itself only writes that to lsp.log).
local M = {}

--- The last IML JSON buffer entered, for :checkhealth iml_ls (set by plugin/iml_ls.lua).
M.last_buffer = nil

--- The server command as configured (vim.lsp.config('iml_ls', ...)), or nil when it is a function.
function M.command()
  local ok, config = pcall(function()
    return vim.lsp.config.iml_ls
  end)
  if not ok or type(config) ~= 'table' or type(config.cmd) ~= 'table' then
    return nil
  end
  return config.cmd
end

--- The full path of the configured binary, or nil when it cannot be run.
function M.binary()
  local cmd = M.command()
  if not cmd or not cmd[1] then
    return nil
  end
  local path = vim.fn.exepath(cmd[1])
  if path == '' then
    return nil
  end
  return path
end

--- Warns once per session, visibly, when an imljson buffer opens and the binary is missing.
function M.warn_if_missing()
  if vim.g.iml_ls_missing_warned or not M.command() or M.binary() then
    return
  end
  vim.g.iml_ls_missing_warned = true
  vim.notify(
    ('iml-ls: the server binary `%s` was not found, so IML JSON files get no diagnostics or '
      .. 'completion. Install it (cargo install --path server/iml-ls) or set its path with '
      .. "vim.lsp.config('iml_ls', { cmd = { '/path/to/iml-ls', '--stdio' } }). "
      .. 'See :checkhealth iml_ls.'):format(M.command()[1]),
    vim.log.levels.WARN
  )
end

return M

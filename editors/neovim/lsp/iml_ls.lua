-- Configuration for the iml-ls language server (Neovim 0.11+: read by vim.lsp.config).
-- Override any field with vim.lsp.config('iml_ls', { ... }) in your init.lua, e.g.
--   vim.lsp.config('iml_ls', { settings = { imlLs = {
--     rules = { C002 = 'off' },
--     inlayHints = { parameterNames = false },
--   } } })

---@type vim.lsp.Config
return {
  cmd = { 'iml-ls', '--stdio' },
  filetypes = { 'imljson' },
  -- makecomapp.json marks the root of a local-development Make app.
  root_markers = { 'makecomapp.json', '.git' },
  -- settings.imlLs holds the server's settings: rules (rule code -> 'off' | 'hint' | 'info' |
  -- 'warning' | 'error') and inlayHints.parameterNames (true by default). Left empty here:
  -- Neovim would send an empty Lua table as a JSON array.
  settings = {},
  -- The server also reads its settings from initializationOptions, so they apply before the
  -- first diagnostics are computed.
  before_init = function(params, config)
    local section = vim.deepcopy((config.settings or {}).imlLs or {})
    local rules = vim.empty_dict()
    for code, severity in pairs(section.rules or {}) do
      rules[code] = severity
    end
    section.rules = rules
    params.initializationOptions = section
  end,
}

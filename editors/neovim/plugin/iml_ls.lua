-- Registers the imljson filetype (Make custom-app spec files: JSON with comments and IML) and
-- enables the iml-ls language server for it. Set vim.g.iml_ls_autoenable = false before this
-- file runs to call vim.lsp.enable('iml_ls') yourself.
if vim.g.loaded_iml_ls then
  return
end
vim.g.loaded_iml_ls = true

vim.filetype.add({
  extension = {
    imljson = 'imljson',
  },
  pattern = {
    ['.*%.iml%.json'] = 'imljson',
    ['.*%.iml%.jsonc'] = 'imljson',
  },
})

-- Highlight with a JSON tree-sitter parser when one is installed (nvim-treesitter); the
-- syntax/imljson.vim fallback uses the jsonc syntax otherwise.
if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
  pcall(vim.treesitter.language.register, 'json', 'imljson')
end

if vim.g.iml_ls_autoenable ~= false and vim.lsp and vim.lsp.enable then
  vim.lsp.enable('iml_ls')
end

local group = vim.api.nvim_create_augroup('iml_ls', { clear = true })
-- Neovim says nothing visible when the server binary is missing; say it once.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'imljson',
  group = group,
  callback = function()
    require('iml_ls').warn_if_missing()
  end,
})
-- :checkhealth iml_ls reports on the last IML JSON buffer entered.
vim.api.nvim_create_autocmd('BufEnter', {
  group = group,
  callback = function(event)
    if vim.bo[event.buf].filetype == 'imljson' then
      require('iml_ls').last_buffer = event.buf
    end
  end,
})

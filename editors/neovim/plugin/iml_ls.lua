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

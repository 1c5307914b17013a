if vim.b.did_ftplugin_imljson then
  return
end
vim.b.did_ftplugin_imljson = true

vim.bo.commentstring = '// %s'
vim.bo.comments = 's1:/*,mb:*,ex:*/,://'

-- Start tree-sitter highlighting when a JSON parser is available; otherwise the regex syntax
-- (syntax/imljson.vim) stays in charge.
if vim.treesitter and vim.treesitter.start then
  pcall(vim.treesitter.start, 0, 'json')
end

vim.b.undo_ftplugin = (vim.b.undo_ftplugin or '') .. '|setlocal commentstring< comments<'

" IML JSON: JSON with // and /* */ comments. Reuses Neovim's jsonc syntax; the language server's
" semantic tokens add IML highlighting inside strings.
if exists('b:current_syntax')
  finish
endif
runtime! syntax/jsonc.vim
unlet! b:current_syntax
let b:current_syntax = 'imljson'

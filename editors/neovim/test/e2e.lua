-- Runs inside `nvim --headless` with editors/neovim on 'runtimepath' (see run_e2e.py).
-- Every check is recorded as pass/fail/skip and written as JSON to $IML_NVIM_RESULTS, so the
-- driver can report them even when something here throws.
local results = {}
local results_path = assert(vim.env.IML_NVIM_RESULTS, 'IML_NVIM_RESULTS not set')
local server_bin = assert(vim.env.IML_LS_BIN, 'IML_LS_BIN not set')
local clean_example = assert(vim.env.IML_CLEAN_EXAMPLE, 'IML_CLEAN_EXAMPLE not set')
local scratch = assert(vim.env.IML_SCRATCH, 'IML_SCRATCH not set')
local TIMEOUT_MS = 15000

local function record(name, status, detail)
  table.insert(results, { name = name, status = status, detail = detail or '' })
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    if err ~= 'skipped' then
      record(name, 'pass')
    end
  else
    record(name, 'fail', tostring(err))
  end
end

local function skip(name, why)
  record(name, 'skip', why)
  return 'skipped'
end

local function write_results()
  local file = assert(io.open(results_path, 'w'))
  file:write(vim.json.encode(results))
  file:close()
end

-- Diagnostics as the server pushed them, by URI, before Neovim converts them.
local published = {}

vim.lsp.config('iml_ls', {
  cmd = { server_bin, '--stdio' },
  settings = { imlLs = { rules = { C002 = 'off' } } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      published[result.uri] = published[result.uri] or {}
      table.insert(published[result.uri], result.diagnostics)
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})

local function wait_for_client(bufnr)
  local client
  local attached = vim.wait(TIMEOUT_MS, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = 'iml_ls' })[1]
    return client ~= nil and client.initialized
  end, 20)
  assert(attached, 'iml_ls did not attach to ' .. vim.api.nvim_buf_get_name(bufnr))
  return client
end

local function wait_for_publication(bufnr, accept)
  local uri = vim.uri_from_bufnr(bufnr)
  local found
  local ok = vim.wait(TIMEOUT_MS, function()
    for _, diagnostics in ipairs(published[uri] or {}) do
      if accept(diagnostics) then
        found = diagnostics
        return true
      end
    end
    return false
  end, 20)
  assert(ok, 'no matching publishDiagnostics for ' .. uri .. ': ' .. vim.inspect(published[uri]))
  return found
end

local function main()
  check('filetype detection', function()
    local expected = {
      ['/app/connections/acme/acme.oauth-communication.iml.json'] = 'imljson',
      ['/app/general/base.iml.json'] = 'imljson',
      ['/export/connections/acme/api.imljson'] = 'imljson',
      ['/app/notes.iml.jsonc'] = 'imljson',
      ['/app/package.json'] = 'json',
      ['/app/makecomapp.json'] = 'json',
    }
    for path, filetype in pairs(expected) do
      local got = vim.filetype.match({ filename = path })
      assert(got == filetype, path .. ': expected ' .. filetype .. ', got ' .. tostring(got))
    end
  end)

  vim.cmd.edit(vim.fn.fnameescape(clean_example))
  local clean_buf = vim.api.nvim_get_current_buf()
  local client

  check('buffer uses imljson with JSONC syntax and // comments', function()
    assert(vim.bo[clean_buf].filetype == 'imljson', 'filetype is ' .. vim.bo[clean_buf].filetype)
    assert(vim.bo[clean_buf].commentstring == '// %s', 'commentstring is ' .. vim.bo[clean_buf].commentstring)
    local syntax_ok = vim.b[clean_buf].current_syntax == 'imljson' or vim.treesitter.highlighter.active[clean_buf] ~= nil
    assert(syntax_ok, 'neither the imljson syntax nor tree-sitter highlighting is active')
  end)

  check('client attaches and negotiates a position encoding', function()
    client = wait_for_client(clean_buf)
    local encoding = client.offset_encoding
    assert(encoding == 'utf-8' or encoding == 'utf-16', 'unexpected offset encoding ' .. tostring(encoding))
    assert(client.server_capabilities.textDocumentSync ~= nil, 'no textDocumentSync capability')
  end)
  if not client then
    return
  end

  check('clean example has no diagnostics', function()
    wait_for_publication(clean_buf, function()
      return true
    end)
    local uri = vim.uri_from_bufnr(clean_buf)
    local last = published[uri][#published[uri]]
    assert(#last == 0, 'server published ' .. vim.inspect(last))
    assert(#vim.diagnostic.get(clean_buf) == 0, vim.inspect(vim.diagnostic.get(clean_buf)))
  end)

  check('completion inside {{ }}', function()
    if not client.server_capabilities.completionProvider then
      return skip('completion inside {{ }}', 'server does not advertise completionProvider yet')
    end
    local lines = vim.api.nvim_buf_get_lines(clean_buf, 0, -1, false)
    local row, col
    for index, line in ipairs(lines) do
      local start = line:find('{{', 1, true)
      if start then
        row, col = index - 1, start + 1 -- just after "{{" (0-based byte column)
        break
      end
    end
    assert(row, 'the clean example has no {{ }} expression to complete in')
    vim.api.nvim_win_set_cursor(0, { row + 1, col })
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    local response = client:request_sync('textDocument/completion', params, TIMEOUT_MS, clean_buf)
    assert(response, 'completion request timed out')
    assert(not response.err, 'completion error: ' .. vim.inspect(response.err))
    local result = response.result
    local items = result and (result.items or result)
    assert(type(items) == 'table' and #items > 0, 'no completion items: ' .. vim.inspect(result))
    local labels = {}
    for _, item in ipairs(items) do
      assert(type(item.label) == 'string' and item.label ~= '', 'item without a label: ' .. vim.inspect(item))
      labels[item.label] = true
    end
    assert(labels.parameters, 'root variable "parameters" not offered inside {{ }}; got ' .. vim.inspect(vim.tbl_keys(labels)))
  end)

  check('semantic tokens', function()
    local provider = client.server_capabilities.semanticTokensProvider
    if not provider or not provider.full then
      return skip('semantic tokens', 'server does not advertise semanticTokensProvider.full yet')
    end
    local response = client:request_sync(
      'textDocument/semanticTokens/full',
      { textDocument = vim.lsp.util.make_text_document_params(clean_buf) },
      TIMEOUT_MS,
      clean_buf
    )
    assert(response and not response.err, 'semantic tokens failed: ' .. vim.inspect(response))
    local data = response.result and response.result.data
    assert(type(data) == 'table' and #data > 0 and #data % 5 == 0, 'bad token data: ' .. vim.inspect(response.result))
  end)

  -- Two astral characters before the error make byte, UTF-16 and UTF-32 columns all differ.
  local broken_line = '  "label": "😀😀✓", "method": "GET" "url": "/v1/tasks"'
  local broken_path = scratch .. '/broken.iml.json'
  vim.fn.writefile({ '{', broken_line, '}' }, broken_path)
  vim.cmd.edit(vim.fn.fnameescape(broken_path))
  local broken_buf = vim.api.nvim_get_current_buf()

  check('broken copy gets one syntax diagnostic at the right column', function()
    wait_for_client(broken_buf)
    wait_for_publication(broken_buf, function(list)
      return #list > 0
    end)
    local diagnostics = vim.tbl_filter(function(d)
      return type(d.code) == 'string' and d.code:match('^J%d%d%d$') ~= nil
    end, vim.diagnostic.get(broken_buf))
    assert(#diagnostics == 1, 'expected one syntax diagnostic, got ' .. vim.inspect(vim.diagnostic.get(broken_buf)))
    local d = diagnostics[1]
    local get_start = broken_line:find('"GET"', 1, true)
    local get_end = get_start - 1 + #'"GET"' -- 0-based byte column after "GET"
    local url_start = get_end + 1
    assert(d.severity == vim.diagnostic.severity.ERROR, 'severity ' .. tostring(d.severity))
    assert(d.lnum == 1 and d.end_lnum == 1, 'wrong line: ' .. vim.inspect(d))
    assert(
      d.col >= get_end and d.col <= url_start,
      string.format('column %d not between %d and %d (byte columns): %s', d.col, get_end, url_start, vim.inspect(d))
    )
  end)

  check('fixing the error clears the diagnostic', function()
    local line = vim.api.nvim_buf_get_lines(broken_buf, 1, 2, false)[1]
    local fixed = line:gsub('"GET" "url"', '"GET", "url"')
    vim.api.nvim_buf_set_lines(broken_buf, 1, 2, false, { fixed })
    local uri = vim.uri_from_bufnr(broken_buf)
    local before = #(published[uri] or {})
    local ok = vim.wait(TIMEOUT_MS, function()
      local list = published[uri] or {}
      if #list <= before then
        return false
      end
      for _, d in ipairs(list[#list]) do
        if d.severity == 1 then
          return false
        end
      end
      return true
    end, 20)
    assert(ok, 'errors remain after the fix: ' .. vim.inspect(vim.diagnostic.get(broken_buf)))
  end)

  check('client stops cleanly', function()
    client:stop()
    local stopped = vim.wait(TIMEOUT_MS, function()
      return client:is_stopped()
    end, 20)
    assert(stopped, 'client did not stop')
  end)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  record('test script', 'fail', tostring(err))
end
write_results()
vim.cmd('qall!')

-- Runs inside `nvim --headless` with editors/neovim on 'runtimepath' (see run_e2e.py).
-- Every check is recorded as pass/fail and written as JSON to $IML_NVIM_RESULTS, so the
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
    record(name, 'pass')
  else
    record(name, 'fail', tostring(err))
  end
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
  -- Parameter name hints off: the inlay hint check below sees whether the setting reached the server.
  settings = { imlLs = { rules = { C002 = 'off' }, inlayHints = { parameterNames = false } } },
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

-- Neovim accepts the server's work-done progress; the app's indexing ends with kind = 'end'.
-- Answers that need other files of the app (the connection's parameters) wait for it.
local indexed = false
local progress_titles = {}
vim.api.nvim_create_autocmd('LspProgress', {
  callback = function(event)
    local params = event.data and event.data.params or {}
    local value = params.value or {}
    if value.kind == 'begin' then
      progress_titles[params.token] = value.title
    elseif value.kind == 'end' and (progress_titles[params.token] or ''):lower():find('index', 1, true) then
      indexed = true
    end
  end,
})

local function wait_for_index()
  assert(vim.wait(TIMEOUT_MS, function()
    return indexed
  end, 20), 'the server never ended its indexing progress')
end

-- The 0-based row and byte column just after the first occurrence of `marker` in the buffer.
local function position_after(bufnr, marker)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local start = line:find(marker, 1, true)
    if start then
      return index - 1, start - 1 + #marker
    end
  end
  error('the buffer has no ' .. vim.inspect(marker))
end

-- Sends a request at a position the way Neovim's own mappings do: from the cursor, converted to
-- the negotiated encoding.
local function request_at(client, bufnr, method, row, col, extra)
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  params = vim.tbl_extend('force', params, extra or {})
  local response = client:request_sync(method, params, TIMEOUT_MS, bufnr)
  assert(response, method .. ' timed out')
  assert(not response.err, method .. ' error: ' .. vim.inspect(response.err))
  return response.result
end

local function completion_labels(result)
  local items = result and (result.items or result)
  assert(type(items) == 'table' and #items > 0, 'no completion items: ' .. vim.inspect(result))
  local labels = {}
  for _, item in ipairs(items) do
    assert(type(item.label) == 'string' and item.label ~= '', 'item without a label: ' .. vim.inspect(item))
    labels[item.label] = true
  end
  return labels
end

-- The text :checkhealth iml_ls shows, from its own buffer (closed afterwards).
local function health_report()
  local before = vim.api.nvim_get_current_buf()
  vim.cmd('checkhealth iml_ls')
  local health_buf = vim.api.nvim_get_current_buf()
  local text = table.concat(vim.api.nvim_buf_get_lines(health_buf, 0, -1, false), '\n')
  if health_buf ~= before then
    vim.cmd('bwipeout! ' .. health_buf)
    if vim.api.nvim_buf_is_valid(before) then
      vim.api.nvim_set_current_buf(before)
    end
  end
  return text
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

  check('completion inside {{ }} offers root variables and functions', function()
    assert(client.server_capabilities.completionProvider, 'server does not advertise completionProvider')
    local row, col = position_after(clean_buf, '"client_id": "{{')
    local labels = completion_labels(request_at(client, clean_buf, 'textDocument/completion', row, col))
    for _, expected in ipairs({ 'parameters', 'common', 'ifempty' }) do
      assert(labels[expected], expected .. ' not offered inside {{ }}; got ' .. vim.inspect(vim.tbl_keys(labels)))
    end
  end)

  check('completion after parameters. offers the connection parameters', function()
    wait_for_index()
    local row, col = position_after(clean_buf, '{{ifempty(parameters.')
    local labels = completion_labels(request_at(client, clean_buf, 'textDocument/completion', row, col, {
      context = { triggerKind = 2, triggerCharacter = '.' },
    }))
    assert(labels.clientId, 'clientId not offered after parameters.; got ' .. vim.inspect(vim.tbl_keys(labels)))
    assert(not labels.ifempty, 'functions offered as members: ' .. vim.inspect(vim.tbl_keys(labels)))
  end)

  check('hover on an IML function', function()
    assert(client.server_capabilities.hoverProvider, 'server does not advertise hoverProvider')
    local row, col = position_after(clean_buf, '"client_id": "{{')
    local hover = request_at(client, clean_buf, 'textDocument/hover', row, col + 2)
    assert(hover and hover.contents, 'no hover on ifempty')
    local text = type(hover.contents) == 'string' and hover.contents or hover.contents.value
    assert(type(text) == 'string' and text:find('ifempty', 1, true), 'hover does not name ifempty: ' .. vim.inspect(hover))
  end)

  check('definition of parameters.clientId is in the params file', function()
    assert(client.server_capabilities.definitionProvider, 'server does not advertise definitionProvider')
    wait_for_index()
    local row, col = position_after(clean_buf, '{{ifempty(parameters.')
    local result = request_at(client, clean_buf, 'textDocument/definition', row, col + 2)
    local locations = result and (result.uri and { result } or result) or {}
    assert(#locations > 0, 'no definition for parameters.clientId')
    local target = locations[1].targetUri or locations[1].uri
    assert(
      target:match('acme%-oauth%.params%.iml%.json$'),
      'definition should be in acme-oauth.params.iml.json, got ' .. vim.inspect(locations)
    )
    local range = locations[1].targetSelectionRange or locations[1].range
    local params_lines = vim.fn.readfile(vim.uri_to_fname(target))
    local line = params_lines[range.start.line + 1] or ''
    assert(line:find('clientId', 1, true), 'definition range is not on the clientId line: ' .. line)
  end)

  check('semantic tokens', function()
    local provider = client.server_capabilities.semanticTokensProvider
    assert(provider and provider.full, 'server does not advertise semanticTokensProvider.full')
    assert(provider.legend and #provider.legend.tokenTypes > 0, 'empty semantic token legend')
    local response = client:request_sync(
      'textDocument/semanticTokens/full',
      { textDocument = vim.lsp.util.make_text_document_params(clean_buf) },
      TIMEOUT_MS,
      clean_buf
    )
    assert(response and not response.err, 'semantic tokens failed: ' .. vim.inspect(response))
    local data = response.result and response.result.data
    assert(type(data) == 'table' and #data > 0 and #data % 5 == 0, 'bad token data: ' .. vim.inspect(response.result))
    -- Every token type index must be in the legend.
    for index = 4, #data, 5 do
      assert(data[index] < #provider.legend.tokenTypes, 'token type ' .. data[index] .. ' outside the legend')
    end
  end)

  check('inlay hints follow imlLs.inlayHints.parameterNames = false', function()
    assert(client.server_capabilities.inlayHintProvider, 'server does not advertise inlayHintProvider')
    local line_count = vim.api.nvim_buf_line_count(clean_buf)
    local response = client:request_sync('textDocument/inlayHint', {
      textDocument = vim.lsp.util.make_text_document_params(clean_buf),
      range = { start = { line = 0, character = 0 }, ['end'] = { line = line_count, character = 0 } },
    }, TIMEOUT_MS, clean_buf)
    assert(response and not response.err, 'inlay hints failed: ' .. vim.inspect(response))
    local hints = response.result or {}
    local values, parameters = 0, 0
    for _, hint in ipairs(hints) do
      if hint.kind == 2 then
        parameters = parameters + 1
      else
        values = values + 1
      end
    end
    assert(values > 0, 'no redirect URI value hints: ' .. vim.inspect(hints))
    assert(parameters == 0, 'parameter name hints despite the setting: ' .. vim.inspect(hints))
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

  check(':checkhealth iml_ls finds the binary, the app root and the client', function()
    vim.api.nvim_set_current_buf(clean_buf)
    local report = health_report()
    for _, expected in ipairs({ 'OK found ' .. vim.fn.exepath(server_bin), 'OK app root:', 'OK client attached' }) do
      assert(report:find(expected, 1, true), 'missing "' .. expected .. '" in:\n' .. report)
    end
    assert(not report:find('ERROR', 1, true), report)
  end)

  check('client stops cleanly', function()
    client:stop()
    local stopped = vim.wait(TIMEOUT_MS, function()
      return client:is_stopped()
    end, 20)
    assert(stopped, 'client did not stop')
  end)
end

local function missing_binary()
  vim.lsp.config('iml_ls', { cmd = { scratch .. '/no-such/iml-ls', '--stdio' } })
  local notes = {}
  local notify = vim.notify
  vim.notify = function(message, level)
    table.insert(notes, { message = message, level = level })
  end
  check('a missing binary is reported once, visibly', function()
    for _, name in ipairs({ 'one.iml.json', 'two.iml.json' }) do
      local path = scratch .. '/' .. name
      vim.fn.writefile({ '{}' }, path)
      vim.cmd.edit(vim.fn.fnameescape(path))
    end
    assert(#notes == 1, 'expected one warning, got ' .. vim.inspect(notes))
    assert(notes[1].level == vim.log.levels.WARN, vim.inspect(notes[1]))
    assert(notes[1].message:find('no-such/iml-ls', 1, true), notes[1].message)
  end)
  vim.notify = notify
  check(':checkhealth iml_ls reports the missing binary as an error', function()
    local report = health_report()
    assert(report:find('ERROR `' .. scratch .. '/no-such/iml-ls` was not found', 1, true), report)
  end)
end

local ok, err = xpcall(function()
  main()
  missing_binary()
end, debug.traceback)
if not ok then
  record('test script', 'fail', tostring(err))
end
write_results()
vim.cmd('qall!')

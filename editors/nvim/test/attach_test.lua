-- Headless end-to-end test: a real Neovim (0.11+) uses editors/nvim/lsp/notes_lsp.lua unchanged, with only `cmd`
-- pointed at the built binary, opens real notes and asks the server for diagnostics, hover, completion and definition.
--
--   NOTES_LSP_BIN=/abs/notes-lsp NOTES_LSP_WORKSPACE=/tmp/ws [NOTES_LSP_ENCODING=utf-16] \
--     nvim --headless --clean -S editors/nvim/test/attach_test.lua
--
-- The workspace holds a `.notes-lsp.json` and a copy of ../shared/corpus/notes/conda-forge-core-minutes. With
-- NOTES_LSP_ENCODING set, the client offers only that position encoding (through `before_init`, not by editing the
-- config) and the negotiated one must equal it; `none` offers none, as VS Code's client, and utf-16 must be used. With NOTES_LSP_RULE_OFF=<code>, `init_options` turn that rule off and
-- its diagnostics must be absent. Exits 0 when every check passed, 1 otherwise, printing one line per
-- check to stderr.

local script = debug.getinfo(1, 'S').source:sub(2)
local nvim_dir = vim.fn.fnamemodify(script, ':p:h:h')
local bin = os.getenv('NOTES_LSP_BIN') or ''
local workspace = os.getenv('NOTES_LSP_WORKSPACE') or ''
local encoding = os.getenv('NOTES_LSP_ENCODING')
if encoding == '' then
  encoding = nil
end
local rule_off = os.getenv('NOTES_LSP_RULE_OFF')
if rule_off == '' then
  rule_off = nil
end

local failures, passes = {}, 0

local function say(fmt, ...)
  io.stderr:write(string.format(fmt, ...) .. '\n')
end

-- Messages from Neovim (e.g. "does not support command") on their own lines, next to the checks.
vim.notify = function(message, level)
  say('note %s (level %s)', tostring(message), tostring(level))
end

local function check(name, ok, detail)
  if ok then
    passes = passes + 1
    say('ok   %s%s', name, detail and (': ' .. tostring(detail)) or '')
  else
    table.insert(failures, name)
    say('FAIL %s%s', name, detail and (': ' .. tostring(detail)) or '')
  end
  return ok
end

local function finish()
  if #failures > 0 then
    local log_path = vim.lsp.log.get_filename()
    local ok, log_lines = pcall(vim.fn.readfile, log_path)
    if ok and #log_lines > 0 then
      say('--- last lines of the LSP log (%s):', log_path)
      for i = math.max(1, #log_lines - 25), #log_lines do
        say('    %s', log_lines[i]:sub(1, 400))
      end
    end
  end
  say(
    'notes-lsp nvim test (encoding %s): %d passed, %d failed%s',
    encoding or 'offered: utf-8, utf-16, utf-32',
    passes,
    #failures,
    #failures > 0 and (' [' .. table.concat(failures, ', ') .. ']') or ''
  )
  for _, client in ipairs(vim.lsp.get_clients()) do
    client:stop(true)
  end
  vim.cmd(#failures == 0 and 'qall!' or 'cquit! 1')
end

-- MARK: - Helpers

local function realpath(path)
  return vim.uv.fs_realpath(path) or path
end

--- First line (0-based row, text) of `bufnr` containing `needle` literally.
local function find_line(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(needle, 1, true) then
      return i - 1, line
    end
  end
  return nil, nil
end

--- Position params for byte column `col` of `row` (it may be the end of the line), in the negotiated encoding.
local function params_at(client, bufnr, row, col)
  vim.api.nvim_set_current_buf(bufnr)
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, true)[1]
  return {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = row, character = vim.str_utfindex(line, client.offset_encoding, col, false) },
  }
end

--- The same through Neovim's own conversion of the cursor position (the cursor cannot be past the line's end).
local function cursor_params(client, bufnr, row, col)
  vim.api.nvim_set_current_buf(bufnr)
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  return vim.lsp.util.make_position_params(0, client.offset_encoding)
end

--- The character index of byte column `col` in `line` in the negotiated encoding.
local function char_index(client, line, col)
  return vim.str_utfindex(line, client.offset_encoding, col, false)
end

local function request(client, bufnr, method, params)
  local response, err = client:request_sync(method, params, 15000, bufnr)
  if not response then
    return nil, 'no response: ' .. tostring(err)
  end
  if response.err then
    return nil, 'error response: ' .. vim.inspect(response.err)
  end
  return response.result, nil
end

local function hover_text(result)
  if type(result) ~= 'table' then
    return ''
  end
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) == 'table' and contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents or {}) do
    table.insert(parts, type(part) == 'string' and part or (part.value or ''))
  end
  return table.concat(parts, '\n')
end

--- Location | Location[] | LocationLink[] → { uri, range } of the first target.
local function first_location(result)
  if type(result) ~= 'table' then
    return nil
  end
  local first = result.uri and result or result.targetUri and result or result[1]
  if not first then
    return nil
  end
  return { uri = first.uri or first.targetUri, range = first.range or first.targetSelectionRange or first.targetRange }
end

local function completion_items(result)
  if type(result) ~= 'table' then
    return {}
  end
  return result.items or result
end

--- The text an item inserts: textEdit.newText, else insertText, else label.
local function inserted_text(item)
  if item.textEdit then
    return item.textEdit.newText or ''
  end
  return item.insertText or item.label or ''
end

local function edit_range(item)
  local edit = item.textEdit
  if not edit then
    return nil
  end
  return edit.range or edit.insert
end

local function wait_for_diagnostic(bufnr, timeout, predicate)
  local found
  vim.wait(timeout, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if predicate(diagnostic) then
        found = diagnostic
        return true
      end
    end
    return false
  end, 50)
  return found
end

-- What the server sent as window/logMessage (Neovim's own handler still files each line in lsp.log by its type).
local log_messages = {}
local default_log_message = vim.lsp.handlers['window/logMessage']
vim.lsp.handlers['window/logMessage'] = function(err, params, ctx)
  table.insert(log_messages, params)
  return default_log_message(err, params, ctx)
end

--- Lines of the LSP log (`:LspLog` in nvim-lspconfig; `vim.lsp.log.get_filename()`) that Neovim wrote as errors.
local function lsp_log_errors()
  local ok, lines = pcall(vim.fn.readfile, vim.lsp.log.get_filename())
  local errors = {}
  for _, line in ipairs(ok and lines or {}) do
    if line:find('[ERROR]', 1, true) then
      table.insert(errors, line:sub(1, 300))
    end
  end
  return errors
end

-- MARK: - Set-up: the shipped config, only `cmd` overridden
local function main()
  check('NOTES_LSP_BIN is an executable', vim.fn.executable(bin) == 1, bin)
  check('NOTES_LSP_WORKSPACE has .notes-lsp.json', vim.uv.fs_stat(workspace .. '/.notes-lsp.json') ~= nil, workspace)
  if #failures > 0 then
    return
  end

  vim.opt.runtimepath:prepend(nvim_dir)
  local config_files = vim.api.nvim_get_runtime_file('lsp/notes_lsp.lua', true)
  check(
    'lsp/notes_lsp.lua is found on the runtimepath',
    config_files[1] and realpath(config_files[1]) == realpath(nvim_dir .. '/lsp/notes_lsp.lua'),
    config_files[1]
  )

  local override = { cmd = { bin } }
  if encoding then
    override.before_init = function(params)
      params.capabilities.general = params.capabilities.general or {}
      -- `none`: offer no encoding at all, like VS Code's client; the server must then use the default, utf-16.
      params.capabilities.general.positionEncodings = encoding ~= 'none' and { encoding } or nil
    end
  end
  if rule_off then
    override.init_options = { rules = { [rule_off] = 'off' } }
  end
  vim.lsp.config('notes_lsp', override)
  local resolved = vim.lsp.config.notes_lsp
  check('the shipped config is used', vim.deep_equal(resolved.filetypes, { 'markdown' })
    and vim.deep_equal(resolved.root_markers, { '.notes-lsp.json', '.git' }) and resolved.cmd[1] == bin)
  vim.lsp.enable('notes_lsp')

  -- MARK: Attach to a real note
  local note = workspace .. '/conda-forge-core-minutes/2024-06-12.md'
  vim.cmd.edit(vim.fn.fnameescape(note))
  local buf = vim.api.nvim_get_current_buf()
  check('filetype is detected as markdown', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)

  local client
  vim.wait(20000, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'notes_lsp' })[1]
    return client ~= nil and client.initialized == true
  end, 50)
  if not check('the server attaches and initializes', client ~= nil and client.initialized == true) then
    return
  end
  check('root_dir comes from .notes-lsp.json', realpath(client.root_dir or '') == realpath(workspace), client.root_dir)
  if encoding == 'none' then
    check('with no encoding offered, positions are utf-16', client.offset_encoding == 'utf-16', client.offset_encoding)
  elseif encoding then
    check('negotiated position encoding is the one offered', client.offset_encoding == encoding, client.offset_encoding)
  else
    check(
      'negotiated position encoding is one Neovim offered',
      vim.tbl_contains({ 'utf-8', 'utf-16', 'utf-32' }, client.offset_encoding),
      client.offset_encoding
    )
  end
  check('buffer-local :LspNotesNewMeeting exists', vim.api.nvim_buf_get_commands(buf, {}).LspNotesNewMeeting ~= nil)

  -- MARK: Diagnostics
  local people_row = find_line(buf, 'X people total')
  local placeholder = wait_for_diagnostic(buf, 30000, function(d)
    return d.code == 'attendees.count-placeholder'
  end)
  local all = vim.diagnostic.get(buf)
  local codes = {}
  for _, d in ipairs(all) do
    codes[tostring(d.code)] = (codes[tostring(d.code)] or 0) + 1
  end
  local summary = string.format('%d: %s', #all, vim.inspect(codes, { newline = ' ', indent = '' }))
  check('diagnostics arrive for the note', #all > 0, summary)
  check(
    'attendees.count-placeholder on the "X people total" line',
    placeholder ~= nil and placeholder.lnum == people_row,
    placeholder and ('line ' .. (placeholder.lnum + 1)) or 'missing'
  )

  -- MARK: Logs: the server's info lines arrive as window/logMessage; nothing it said is an [ERROR] in lsp.log.
  vim.wait(10000, function()
    for _, message in ipairs(log_messages) do
      if message.message:find('indexed', 1, true) then
        return true
      end
    end
    return false
  end, 50)
  local infos = {}
  for _, message in ipairs(log_messages) do
    table.insert(infos, string.format('%d %s', message.type, message.message))
  end
  check(
    'the server logs info through window/logMessage (type 3), not stderr',
    #infos > 0 and log_messages[1].type == 3 and table.concat(infos, '\n'):find('indexed %d+ notes') ~= nil,
    table.concat(infos, ' | ')
  )
  local errors = lsp_log_errors()
  check('lsp.log holds no [ERROR] line after opening a corpus note', #errors == 0, table.concat(errors, ' | '))

  -- MARK: Outline: gO lists the server's sections and action items, not the ftplugin's headings
  local mapping = vim.fn.maparg('gO', 'n', false, true)
  check('gO is the notes-lsp outline in this buffer', mapping.buffer == 1 and type(mapping.callback) == 'function')
  if mapping.callback then
    vim.fn.setloclist(0, {}, 'r', { items = {} })
    mapping.callback()
    local outline = {}
    vim.wait(10000, function()
      outline = vim.fn.getloclist(vim.fn.bufwinid(buf), { items = 1, title = 1 })
      return #outline.items > 0
    end, 50)
    local texts = {}
    for _, item in ipairs(outline.items or {}) do
      table.insert(texts, item.text)
    end
    local joined = table.concat(texts, ' | ')
    check(
      'the outline holds sections and the action item "(WV) reproducible builds"',
      joined:find('reproducible builds', 1, true) ~= nil and joined:find('Attendees', 1, true) ~= nil,
      joined:sub(1, 300)
    )
    vim.cmd.lclose()
    vim.api.nvim_set_current_buf(buf)
  end

  if rule_off then
    check(
      'init_options turn ' .. rule_off .. ' off',
      codes[rule_off] == nil and placeholder ~= nil,
      vim.inspect(codes, { newline = ' ', indent = '' })
    )
  end

  -- MARK: Hover on initials after `Rodríguez` (multi-byte text before the position)
  local jrg_row, jrg_line = find_line(buf, 'Rodríguez-Guerra')
  local jrg_col = jrg_line:find('JRG', 1, true) - 1
  local hover, hover_err = request(client, buf, 'textDocument/hover', cursor_params(client, buf, jrg_row, jrg_col))
  local text = hover_text(hover)
  check(
    'hover on JRG (after Rodríguez) shows the person card',
    text:find('Rodríguez', 1, true) ~= nil and text:find('jaimergp', 1, true) ~= nil,
    hover_err or text:gsub('\n', ' | '):sub(1, 200)
  )
  if hover and hover.range then
    check(
      'hover range starts at JRG in the negotiated encoding',
      hover.range.start.line == jrg_row and hover.range.start.character == char_index(client, jrg_line, jrg_col),
      vim.inspect(hover.range.start, { newline = ' ', indent = '' })
    )
  end

  -- MARK: Definition of initials → the attendee row in this note
  local wv_row, wv_line = find_line(buf, '- [ ] (WV) reproducible builds')
  local wolf_row = find_line(buf, 'Wolf Vollprecht')
  local definition, definition_err =
    request(client, buf, 'textDocument/definition', params_at(client, buf, wv_row, wv_line:find('WV', 1, true) - 1))
  local location = first_location(definition)
  check(
    'definition of (WV) is the attendee row of this note',
    location ~= nil
      and realpath(vim.uri_to_fname(location.uri)) == realpath(note)
      and location.range.start.line == wolf_row,
    definition_err or vim.inspect(location, { newline = ' ', indent = '' })
  )

  -- MARK: Completion after `(` in a new item
  local intro_row = find_line(buf, '- [x] Introductions')
  vim.api.nvim_buf_set_lines(buf, intro_row, intro_row, false, { '- [ ] (' })
  local item_line = '- [ ] ('
  local completion, completion_err = request(client, buf, 'textDocument/completion', vim.tbl_extend(
    'force',
    params_at(client, buf, intro_row, #item_line),
    { context = { triggerKind = 2, triggerCharacter = '(' } }
  ))
  local items = completion_items(completion)
  local jrg_item, labels = nil, {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
    if inserted_text(item):find('JRG', 1, true) then
      jrg_item = jrg_item or item
    end
  end
  check(
    'completion after ( offers the initials of attendees',
    jrg_item ~= nil,
    completion_err or string.format('%d items: %s', #items, table.concat(vim.list_slice(labels, 1, 12), ' '))
  )
  -- This meeting's attendees come first, in the order the editor shows (sortText, else label).
  local attendees = { 'AO', 'CHL', 'FF', 'IF', 'JRG', 'MB', 'WV' }
  local sorted = vim.list_slice(items, 1, #items)
  table.sort(sorted, function(a, b)
    return (a.sortText or a.label) < (b.sortText or b.label)
  end)
  local leading = {}
  for i = 1, math.min(#attendees, #sorted) do
    table.insert(leading, inserted_text(sorted[i]))
  end
  table.sort(leading)
  check(
    "completion lists this meeting's attendees first",
    vim.deep_equal(leading, attendees),
    table.concat(leading, ' ')
  )
  if jrg_item then
    local range = edit_range(jrg_item) or { start = {}, ['end'] = {} }
    check(
      'completion textEdit replaces the empty prefix after (',
      range.start.line == intro_row and range.start.character == #item_line and range['end'].character == #item_line,
      vim.inspect(range, { newline = ' ', indent = '' })
    )
  end

  -- MARK: Diagnostics range after an emoji and `Rodríguez` (encoding-sensitive)
  local aaron_row = find_line(buf, 'Aaron Opfer')
  local row_text = '| Ana 🎉 Rodríguez        | mcg      | anarod           | Quansight                   |'
  vim.api.nvim_buf_set_lines(buf, aaron_row + 1, aaron_row + 1, false, { row_text })
  local mcg_col = row_text:find('mcg', 1, true) - 1
  local malformed = wait_for_diagnostic(buf, 15000, function(d)
    return d.code == 'initials.malformed' and d.lnum == aaron_row + 1
  end)
  check(
    'initials.malformed on `mcg` after an emoji and Rodríguez, at the exact byte columns',
    malformed ~= nil and malformed.col == mcg_col and malformed.end_col == mcg_col + 3,
    malformed and string.format('cols %d-%d, expected %d-%d', malformed.col, malformed.end_col, mcg_col, mcg_col + 3)
      or 'missing'
  )

  -- Completion with a typed prefix in an Initials cell after multi-byte text: the edit must start after the `|`.
  local cell_row = aaron_row + 2
  local cell_line = '| Zoë 🎉 Example | J'
  vim.api.nvim_buf_set_lines(buf, cell_row, cell_row, false, { cell_line })
  local cell_params = params_at(client, buf, cell_row, #cell_line)
  local cell_completion, cell_err = request(client, buf, 'textDocument/completion', cell_params)
  local cell_item
  for _, item in ipairs(completion_items(cell_completion)) do
    if inserted_text(item):find('JRG', 1, true) then
      cell_item = cell_item or item
    end
  end
  check('completion in an Initials cell after an emoji offers JRG for `J`', cell_item ~= nil, cell_err)
  if cell_item then
    local range = edit_range(cell_item) or { start = {}, ['end'] = {} }
    local start = char_index(client, cell_line, #cell_line - 1)
    local stop = char_index(client, cell_line, #cell_line)
    check(
      'Initials-cell textEdit replaces exactly `J` in the negotiated encoding',
      range.start.line == cell_row and range.start.character == start and range['end'].character == stop,
      string.format('%s, expected %d-%d', vim.inspect(range, { newline = ' ', indent = '' }), start, stop)
    )
  end

  -- MARK: Definition of a previous-meeting link → the previous note of the series
  local linked = workspace .. '/conda-forge-core-minutes/2024-03-20.md'
  vim.cmd.edit(vim.fn.fnameescape(linked))
  local buf2 = vim.api.nvim_get_current_buf()
  vim.wait(10000, function()
    return vim.lsp.get_clients({ bufnr = buf2, name = 'notes_lsp' })[1] ~= nil
  end, 50)
  local link_row, link_line = find_line(buf2, "[Last week's meeting]")
  local previous, previous_err = request(
    client,
    buf2,
    'textDocument/definition',
    params_at(client, buf2, link_row, link_line:find('Last', 1, true))
  )
  local target = first_location(previous)
  check(
    "definition of [Last week's meeting] is the previous note, 2024-03-06.md",
    target ~= nil
      and realpath(vim.uri_to_fname(target.uri)) == realpath(workspace .. '/conda-forge-core-minutes/2024-03-06.md'),
    previous_err or vim.inspect(target, { newline = ' ', indent = '' })
  )

  -- MARK: :LspNotesNewMeeting → the server creates the next note of the series; the command opens it
  local folder = workspace .. '/conda-forge-core-minutes'
  local before = vim.fn.glob(folder .. '/*.md', false, true)
  local latest = folder .. '/2024-06-26.md'
  vim.cmd.edit(vim.fn.fnameescape(latest))
  local buf3 = vim.api.nvim_get_current_buf()
  vim.wait(10000, function()
    return vim.lsp.get_clients({ bufnr = buf3, name = 'notes_lsp' })[1] ~= nil
  end, 50)
  local provider = client.server_capabilities.executeCommandProvider
  check(
    'the server offers notes-lsp.newMeeting',
    type(provider) == 'table' and vim.tbl_contains(provider.commands or {}, 'notes-lsp.newMeeting'),
    vim.inspect(provider, { newline = ' ', indent = '' })
  )
  vim.cmd('LspNotesNewMeeting')
  local created
  vim.wait(15000, function()
    local name = vim.api.nvim_buf_get_name(0)
    if realpath(name) ~= realpath(latest) and vim.uv.fs_stat(name) then
      created = name
      return true
    end
    return false
  end, 50)
  local after = vim.fn.glob(folder .. '/*.md', false, true)
  check(
    ':LspNotesNewMeeting creates one new note and opens it',
    created ~= nil and #after == #before + 1 and not vim.tbl_contains(before, created),
    created and vim.fn.fnamemodify(created, ':t') or 'no new note opened'
  )
  if created then
    local first_lines = table.concat(vim.api.nvim_buf_get_lines(0, 0, 8, false), '\n')
    check('the new note has a dated title', first_lines:match('# [^\n]*%d%d%d%d%-%d%d%-%d%d') ~= nil, first_lines)
  end
end

local ok, err = xpcall(main, debug.traceback)
if ok then
  local errors = lsp_log_errors()
  check('lsp.log holds no [ERROR] line at the end', #errors == 0, table.concat(errors, ' | '))
end
check('the test script ran to the end', ok, err)
finish()

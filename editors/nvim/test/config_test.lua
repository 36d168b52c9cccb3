-- Unit test of lsp/notes_lsp.lua without a server: its fields, and that `on_attach` makes a buffer-local
-- :LspNotesNewMeeting that calls client:exec_cmd() with the server's command and opens the note it created.
--
--   nvim --headless --clean -S editors/nvim/test/config_test.lua
--
-- Exits 0 when every check passed, 1 otherwise.

local failures, passes = {}, 0

local function check(name, ok, detail)
  if ok then
    passes = passes + 1
    io.stderr:write('ok   ' .. name .. '\n')
  else
    table.insert(failures, name)
    io.stderr:write('FAIL ' .. name .. (detail and (': ' .. tostring(detail)) or '') .. '\n')
  end
end

local script = debug.getinfo(1, 'S').source:sub(2)
local config_file = vim.fn.fnamemodify(script, ':p:h:h') .. '/lsp/notes_lsp.lua'

local function main()
  local config = dofile(config_file)
  check('returns a table', type(config) == 'table')
  check('cmd is notes-lsp', vim.deep_equal(config.cmd, { 'notes-lsp' }), vim.inspect(config.cmd))
  check('filetypes is markdown', vim.deep_equal(config.filetypes, { 'markdown' }))
  check('root_markers', vim.deep_equal(config.root_markers, { '.notes-lsp.json', '.git' }))
  check('init_options is a table', type(config.init_options) == 'table')
  check(
    'settings is empty, so nothing is sent as didChangeConfiguration at start',
    config.settings == nil or next(config.settings) == nil
  )
  check('on_attach is a function', type(config.on_attach) == 'function')

  -- vim.lsp.config accepts it as is.
  vim.lsp.config('notes_lsp_under_test', config)
  check('vim.lsp.config accepts it', vim.lsp.config.notes_lsp_under_test.cmd[1] == 'notes-lsp')

  -- on_attach with a stand-in client.
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local note = dir .. '/2024-06-12.md'
  vim.fn.writefile({ '# conda-forge core meeting 2024-06-12' }, note)
  local created = dir .. '/2024-06-26.md'
  vim.fn.writefile({ '# conda-forge core meeting 2024-06-26' }, created)
  vim.cmd.edit(vim.fn.fnameescape(note))
  local buf = vim.api.nvim_get_current_buf()
  local calls = {}
  local requests = {}
  local client = {
    name = 'notes_lsp',
    offset_encoding = 'utf-16',
    exec_cmd = function(self, command, context, handler)
      table.insert(calls, { self = self, command = command, context = context })
      handler(nil, { uri = vim.uri_from_fname(created) })
    end,
    request = function(_, method, params, handler, bufnr)
      table.insert(requests, { method = method, params = params, bufnr = bufnr })
      local function range(line)
        return { start = { line = line, character = 0 }, ['end'] = { line = line, character = 10 } }
      end
      handler(nil, {
        {
          name = 'Action items',
          kind = 23,
          range = range(0),
          selectionRange = range(0),
          children = { { name = '(WV) reproducible builds', kind = 24, range = range(0), selectionRange = range(0) } },
        },
      })
      return true, 1
    end,
  }
  config.on_attach(client, buf)
  local commands = vim.api.nvim_buf_get_commands(buf, {})
  check('on_attach creates buffer-local :LspNotesNewMeeting', commands.LspNotesNewMeeting ~= nil)
  check('the command is buffer-local only', vim.api.nvim_get_commands({}).LspNotesNewMeeting == nil)
  check('the command has a description', commands.LspNotesNewMeeting and commands.LspNotesNewMeeting.definition ~= '')

  vim.cmd('LspNotesNewMeeting 2024-06-26')
  local call = calls[1]
  check('runs client:exec_cmd once', #calls == 1 and call.self == client, #calls)
  check('with the server command notes-lsp.newMeeting', call and call.command.command == 'notes-lsp.newMeeting')
  check(
    'passing the note and the date',
    call and vim.deep_equal(call.command.arguments, { { uri = vim.uri_from_bufnr(buf), date = '2024-06-26' } }),
    call and vim.inspect(call.command.arguments)
  )
  check('for this buffer', call and call.context.bufnr == buf)
  check(
    'then opens the created note',
    vim.uv.fs_realpath(vim.api.nvim_buf_get_name(0)) == vim.uv.fs_realpath(created),
    vim.api.nvim_buf_get_name(0)
  )

  vim.cmd.edit(vim.fn.fnameescape(note))
  vim.cmd('LspNotesNewMeeting')
  check('without a date, no date argument', calls[2] and calls[2].command.arguments[1].date == nil)

  -- The outline: :LspNotesOutline and a buffer-local gO (over the Markdown ftplugin's heading list).
  buf = vim.api.nvim_get_current_buf()
  config.on_attach(client, buf)
  check('on_attach creates buffer-local :LspNotesOutline', vim.api.nvim_buf_get_commands(buf, {}).LspNotesOutline ~= nil)
  local mapping = vim.fn.maparg('gO', 'n', false, true)
  check(
    'gO is mapped buffer-locally to the notes-lsp outline',
    mapping.buffer == 1 and type(mapping.callback) == 'function' and (mapping.desc or ''):find('notes-lsp', 1, true),
    vim.inspect(mapping)
  )
  mapping.callback()
  check(
    'gO asks the server for documentSymbol of this buffer',
    #requests == 1 and requests[1].method == 'textDocument/documentSymbol' and requests[1].bufnr == buf,
    vim.inspect(requests)
  )
  vim.cmd.wincmd('p')
  local list = vim.fn.getloclist(0, { items = 1, title = 1 })
  local texts = {}
  for _, item in ipairs(list.items) do
    table.insert(texts, item.text)
  end
  check(
    'the location list holds the sections and their action items',
    #texts == 2 and texts[2]:find('reproducible builds', 1, true) ~= nil and list.title:find('notes-lsp', 1, true),
    vim.inspect(list)
  )
end

local ok, err = xpcall(main, debug.traceback)
check('the test script ran to the end', ok, err)
io.stderr:write(string.format('notes_lsp.lua config test: %d passed, %d failed\n', passes, #failures))
vim.cmd(#failures == 0 and 'qall!' or 'cquit! 1')

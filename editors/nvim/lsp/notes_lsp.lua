---@brief
---
--- notes-lsp: a language server for meeting-notes Markdown (attendees, action-item owners, initials,
--- CFEP/CEP references, the series of meetings). Diagnostics, completion, hover, definition, symbols, folding.
---
--- Install the server (`swift build -c release --product notes-lsp`, then put `.build/release/notes-lsp` on PATH),
--- put `editors/nvim` on the runtimepath (or copy this file to `~/.config/nvim/lsp/`), then:
---
--- ```lua
--- vim.lsp.enable('notes_lsp')
--- ```
---
--- Server settings (the same names as `.notes-lsp.json`) go in `init_options` (or, equally,
--- `settings = { notesLsp = { … } }`), e.g.
--- ```lua
--- vim.lsp.config('notes_lsp', { init_options = { rules = { ['initials.unknown'] = 'off' } } })
--- ```
---
--- The root is the nearest folder above the note holding `.notes-lsp.json`, else the nearest holding `.git`; the
--- server indexes the notes under it. `:checkhealth vim.lsp` shows the client, its root and the log file.
---
--- Diagnostics show as signs and underlines (Neovim 0.11 has virtual text off); `<C-w>d` shows the message. Opt in with
--- `vim.diagnostic.config({ virtual_text = true })` or `({ virtual_lines = { current_line = true } })`. The 0.11
--- default keymaps reach the server: `K` hover, `grr` references, `grn` rename, `gra` code actions, `CTRL-]`
--- definition (`gri` and `<C-s>` find nothing: no implementations or signatures).
---
--- Made buffer-local when the server attaches:
--- - `:LspNotesNewMeeting [YYYY-MM-DD]` creates the next meeting note of this note's series and opens it.
--- - `:LspNotesOutline` lists the server's outline (sections and action items) in the location list; `gO` is mapped
---   to it, replacing the Markdown ftplugin's heading list (which knows no action items).

--- Opens the file a server command says it created (`{ uri = … }` or a plain URI string).
---@param result any
local function open_created(result)
  local uri = type(result) == 'string' and result or (type(result) == 'table' and result.uri or nil)
  if type(uri) == 'string' and uri ~= '' then
    vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(uri)))
  end
end

--- The server's document symbols (sections with their action items) in the location list of the window showing
--- `bufnr`. Where the server has none (not a meeting note), Neovim's own Markdown heading list instead.
---@param client vim.lsp.Client
---@param bufnr integer
local function show_outline(client, bufnr)
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
  client:request('textDocument/documentSymbol', params, function(err, result)
    if err then
      vim.notify('notes-lsp: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
      return
    end
    local items = vim.lsp.util.symbols_to_items(result or {}, bufnr, client.offset_encoding)
    local win = vim.fn.bufwinid(bufnr)
    if #items == 0 or win == -1 then
      pcall(function()
        require('vim.treesitter._headings').show_toc()
      end)
      return
    end
    local title = 'notes-lsp outline: ' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
    vim.fn.setloclist(win, {}, ' ', { title = title, items = items })
    vim.api.nvim_win_call(win, function()
      vim.cmd.lopen()
    end)
  end, bufnr)
end

---@type vim.lsp.Config
return {
  cmd = { 'notes-lsp' },
  filetypes = { 'markdown' },
  root_markers = { '.notes-lsp.json', '.git' },
  -- Sent as `initializationOptions`: the keys of `.notes-lsp.json` (`rules`, `inlayHints`, `staleAfterMeetings`,
  -- `rosters`, `registries`, …), overriding the workspace's file key by key.
  -- NOTE: `settings` is left empty on purpose: Neovim sends a non-empty `settings` as
  -- `workspace/didChangeConfiguration` right after `initialize`, which would make the server re-read its
  -- configuration and re-index once more.
  init_options = {},
  on_attach = function(client, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'LspNotesNewMeeting', function(opts)
      local argument = { uri = vim.uri_from_bufnr(bufnr) }
      if opts.args ~= '' then
        argument.date = opts.args
      end
      client:exec_cmd({
        title = 'New meeting note',
        command = 'notes-lsp.newMeeting',
        arguments = { argument },
      }, { bufnr = bufnr }, function(err, result)
        if err then
          vim.notify('notes-lsp: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
          return
        end
        open_created(result)
      end)
    end, {
      nargs = '?',
      desc = 'notes-lsp: create the next meeting note of this series (optional date YYYY-MM-DD) and open it',
    })
    vim.api.nvim_buf_create_user_command(bufnr, 'LspNotesOutline', function()
      show_outline(client, bufnr)
    end, { desc = "notes-lsp: the note's sections and action items in the location list" })
    -- NOTE: Neovim 0.11 maps `gO` to the LSP document symbols globally, but the Markdown ftplugin maps it
    -- buffer-locally to its own heading list, which wins; this puts the server's outline (with action items) back.
    vim.keymap.set('n', 'gO', function()
      show_outline(client, bufnr)
    end, { buffer = bufnr, desc = 'notes-lsp: outline with action items (location list)' })
  end,
}

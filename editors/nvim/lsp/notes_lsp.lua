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
--- Buffer-local commands, made when the server attaches:
--- - `:LspNotesNewMeeting [YYYY-MM-DD]` creates the next meeting note of this note's series and opens it.

--- Opens the file a server command says it created (`{ uri = … }` or a plain URI string).
---@param result any
local function open_created(result)
  local uri = type(result) == 'string' and result or (type(result) == 'table' and result.uri or nil)
  if type(uri) == 'string' and uri ~= '' then
    vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(uri)))
  end
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
  end,
}

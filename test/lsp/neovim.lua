-- Run by neovim.test.ts: `nvim --headless --clean -u NONE -c "luafile test/lsp/neovim.lua"`.
-- Starts `trial-report lsp --stdio` as Neovim's built-in LSP client, opens the seed example,
-- waits for its diagnostics, writes the TR104 ones to TRIAL_REPORT_OUT (JSON), applies the code
-- action "Replace 60% with 60.5%" on the Results line and adds that line to the JSON. Works with
-- Neovim 0.7 (Debian 12) and later (vim.lsp.start from 0.8).
local out = {}
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('TRIAL_REPORT_OUT'))
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local repo = os.getenv('TRIAL_REPORT_REPO')
  vim.cmd('edit ' .. vim.fn.fnameescape(repo .. '/examples/il2-lupus-news.trial.md'))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = 'trial-report',
    cmd = { os.getenv('TRIAL_REPORT_NODE') or 'node', repo .. '/dist/cli.js', 'lsp', '--stdio' },
    root_dir = repo,
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function tr104()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == 'TR104' then
        table.insert(list, { line = d.lnum, character = d.col, end_line = d.end_lnum, end_character = d.end_col, message = d.message, source = d.source })
      end
    end
    table.sort(list, function(a, b) return a.line < b.line or (a.line == b.line and a.character < b.character) end)
    return list
  end
  out.diagnosticsArrived = vim.wait(60000, function() return #tr104() > 0 end, 50)
  out.tr104 = tr104()

  -- The Results line with "60% of patients": ask for the code actions at its 60%.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local row, col
  for i, l in ipairs(lines) do
    local s = l:find('60%% of patients')
    if s then row, col = i - 1, s - 1 break end
  end
  out.row = row
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = row, character = col }, ['end'] = { line = row, character = col + 3 } },
    context = { diagnostics = {} },
  }
  local response = client.request_sync('textDocument/codeAction', params, 30000, buf)
  out.titles = {}
  local chosen
  for _, action in ipairs((response and response.result) or {}) do
    table.insert(out.titles, action.title)
    if action.title == 'Replace 60% with 60.5%' then chosen = action end
  end
  if chosen then vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16') end
  out.lineAfter = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1]
  -- The server checks the edited buffer: the TR104 on that line goes.
  out.cleared = vim.wait(60000, function()
    for _, d in ipairs(tr104()) do if d.line == row then return false end end
    return true
  end, 50)
  out.tr104After = tr104()
end)
if not ok then out.error = tostring(err) end
finish()

-- Headless Neovim (0.7+) check for dfls, run as: nvim --headless -n -i NONE -u NONE -c 'luafile nvim-check.lua' -- FILE
-- The server command comes from $DFLS_CMD (split on spaces). Prints one JSON object: the diagnostics
-- of the buffer after the first publishDiagnostics, and the hover at HOVER_LINE/HOVER_COL (0-based).
local cmd = vim.split(vim.env.DFLS_CMD or '', ' ', { trimempty = true })
local timeout = tonumber(vim.env.CHECK_TIMEOUT_MS or '60000')
vim.cmd('filetype on')
local buf = vim.api.nvim_get_current_buf()
local published = 0
local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
  orig(err, res, ctx, config)
  if res and vim.uri_to_bufnr(res.uri) == buf then published = published + 1 end
end
local client_id = vim.lsp.start_client({ name = 'dfls', cmd = cmd,
  root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h') })
vim.lsp.buf_attach_client(buf, client_id)
local result = { filetype = vim.bo[buf].filetype }
result.attached = vim.wait(timeout, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 50)
result.published = vim.wait(timeout, function() return published > 0 end, 50)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = vim.diagnostic.severity[d.severity],
    message = d.message, source = d.source, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end
local params = { textDocument = vim.lsp.util.make_text_document_params(buf),
  position = { line = tonumber(vim.env.HOVER_LINE or '1'), character = tonumber(vim.env.HOVER_COL or '1') } }
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
for _, r in pairs(responses or {}) do
  if r.result then result.hover = r.result end
  if r.err then result.hover_error = r.err.message end
end
io.stdout:write(vim.fn.json_encode(result) .. '\n')
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qall!')

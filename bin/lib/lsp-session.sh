# lsp_session: prints a minimal LSP session (initialize, initialized, shutdown, exit) framed with
# Content-Length headers, for piping into a language server's stdin. Sourced by bin/test-all.
lsp_session() {
  local m
  for m in \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}' \
    '{"jsonrpc":"2.0","method":"initialized","params":{}}' \
    '{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}' \
    '{"jsonrpc":"2.0","method":"exit","params":null}'; do
    printf 'Content-Length: %d\r\n\r\n%s' "${#m}" "$m"
  done
}

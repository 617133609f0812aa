# lsp_session: prints a minimal LSP session (initialize, initialized, shutdown, exit) framed with
# Content-Length headers, for piping into a language server's stdin. Sourced by bin/test-all and bin/dfls.
lsp_session() {
  lsp_frame \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}' \
    '{"jsonrpc":"2.0","method":"initialized","params":{}}' \
    '{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}' \
    '{"jsonrpc":"2.0","method":"exit","params":null}'
}

# lsp_frame MESSAGE...: each JSON-RPC message (ASCII) with its Content-Length header.
lsp_frame() {
  local m
  for m in "$@"; do
    printf 'Content-Length: %d\r\n\r\n%s' "${#m}" "$m"
  done
}

# dfls_training_session: a short session that exercises what an editor uses on open (diagnostics,
# hover, completion, symbols, semantic tokens, folding, formatting) on a small Dockerfile; bin/dfls
# pipes it into the run that makes its class-data archive. The pause lets the server answer
# before shutdown.
dfls_training_session() {
  local uri='file:///dfls-training/Dockerfile'
  local text='FROM debian:bookworm AS build\nARG VERSION=1\nENV APP_HOME=/app\nRUN apt-get update\nRUN apt-get install -y curl \\\n    make\nCOPY . /app\nWORKDIR ${APP_HOME}\nFROM build\nCMD [\"make\", \"run\"]\n'
  local td="{\"textDocument\":{\"uri\":\"$uri\"}"
  lsp_frame \
    '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"textDocument":{"diagnostic":{},"documentSymbol":{"hierarchicalDocumentSymbolSupport":true},"semanticTokens":{"requests":{"full":{"delta":true},"range":true},"tokenTypes":[],"tokenModifiers":[],"formats":["relative"]}}}}}' \
    '{"jsonrpc":"2.0","method":"initialized","params":{}}' \
    "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"languageId\":\"dockerfile\",\"version\":1,\"text\":\"$text\"}}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/diagnostic\",\"params\":$td}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":$td,\"position\":{\"line\":3,\"character\":1}}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/completion\",\"params\":$td,\"position\":{\"line\":7,\"character\":10}}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/documentSymbol\",\"params\":$td}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/semanticTokens/full\",\"params\":$td}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/foldingRange\",\"params\":$td}}" \
    "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/formatting\",\"params\":$td,\"options\":{\"tabSize\":4,\"insertSpaces\":true}}}"
  sleep 1
  lsp_frame '{"jsonrpc":"2.0","id":9,"method":"shutdown","params":null}' '{"jsonrpc":"2.0","method":"exit","params":null}'
}

# usage: bench/lsp/first-diagnostics.py FILE SERVER-COMMAND...: one cold start of a language server over stdio; prints
# the time from process start to the initialize response, and from didOpen of FILE to its first non-empty
# publishDiagnostics (e.g. bin/dfls against java -jar language-server/target/dfls.jar, runs alternating).
import subprocess, sys, time, json, threading
path = sys.argv[1]; cmd = sys.argv[2:]
text = open(path).read()
t0 = time.perf_counter()
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(obj):
    b = json.dumps(obj).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
def read():
    n = 0
    while True:
        line = p.stdout.readline()
        if line in (b"\r\n", b""): break
        if line.lower().startswith(b"content-length:"): n = int(line.split(b":")[1])
    return json.loads(p.stdout.read(n))
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":None,"capabilities":{}}})
while True:
    m = read()
    if m.get("id") == 1: break
t1 = time.perf_counter()
send({"jsonrpc":"2.0","method":"initialized","params":{}})
t2 = time.perf_counter()
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x/Dockerfile","languageId":"dockerfile","version":1,"text":text}}})
while True:
    m = read()
    if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("diagnostics"): break
t3 = time.perf_counter()
send({"jsonrpc":"2.0","id":2,"method":"shutdown","params":None}); send({"jsonrpc":"2.0","method":"exit","params":None})
p.wait()
print("initialize %.0f ms, open->diagnostics %.0f ms, start->diagnostics %.0f ms" % ((t1-t0)*1000, (t3-t2)*1000, (t3-t0)*1000))

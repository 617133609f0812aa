// The language-server client shared by drive.js and open.js: a full client's capabilities, a server
// process over stdio with its diagnostics, CPU time and memory, and small helpers.
// vscode-jsonrpc is taken from NODE_PATH (the peer's install).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const { performance } = require('perf_hooks');
const rpc = require('vscode-jsonrpc/node');

// A full client, as an editor declares it (semantic tokens full + delta + range, hierarchical
// symbols, snippets, markdown, prepareRename).
const CLIENT_CAPS = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, configuration: true,
    didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { didSave: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    semanticTokens: {
      requests: { full: { delta: true }, range: true },
      tokenTypes: ['keyword', 'comment', 'parameter', 'property', 'namespace', 'class', 'macro', 'string', 'variable',
        'operator', 'type', 'function', 'number', 'regexp', 'enumMember', 'event', 'modifier'],
      tokenModifiers: ['declaration', 'definition', 'deprecated', 'readonly', 'defaultLibrary', 'modification'],
      formats: ['relative'],
    },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    formatting: {}, definition: {}, references: {}, documentHighlight: {}, foldingRange: {},
  },
};

class Server {
  constructor(spec) {
    this.name = spec.name;
    this.initializationOptions = spec.initializationOptions ?? null;
    this.proc = cp.spawn(spec.argv[0], spec.argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', d => { this.stderr = (this.stderr + d).slice(-4000); });
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout),
      new rpc.StreamMessageWriter(this.proc.stdin));
    this.waiters = new Map(); // uri -> [{version, resolve}]
    this.conn.onNotification('textDocument/publishDiagnostics', p => {
      const list = this.waiters.get(p.uri) || [];
      // a publish for an older version than awaited is not an answer (servers that send
      // no version are taken at their word)
      const rest = [];
      for (const w of list) {
        if (p.version === undefined || p.version === null || p.version >= w.version) w.resolve(p);
        else rest.push(w);
      }
      this.waiters.set(p.uri, rest);
    });
    this.conn.onRequest('workspace/configuration', p => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/applyEdit', () => ({ applied: true }));
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onNotification(() => { });
    this.conn.listen();
    this.versions = new Map();
  }
  /** initialize (a full client's capabilities, one workspace folder) and initialized; throws if refused */
  async initialize(ws) {
    const init = await this.request('initialize', { processId: process.pid, rootUri: ws, capabilities: CLIENT_CAPS,
      workspaceFolders: [{ uri: ws, name: 'ws' }], initializationOptions: this.initializationOptions });
    if (!init.ok) throw new Error(`${this.name}: initialize failed: ${JSON.stringify(init.error)}\n${this.stderr}`);
    this.caps = init.result.capabilities;
    this.conn.sendNotification('initialized', {});
    return init;
  }
  /** didOpen, then the time until the diagnostics of version 1 arrive */
  async open(uri, text) {
    this.versions.set(uri, 1);
    const d = this.diagnostics(uri, 1);
    const t = performance.now();
    this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
    const p = await d;
    return { ms: performance.now() - t, count: p.diagnostics.length };
  }
  /** shutdown and exit, then the process ends (killed after 2 s) */
  async stop() {
    await Promise.race([this.request('shutdown', null), sleep(2000)]);
    this.conn.sendNotification('exit');
    const ended = new Promise(r => this.proc.once('exit', r));
    if (await Promise.race([ended.then(() => true), sleep(2000).then(() => false)])) return;
    this.proc.kill();
  }
  diagnostics(uri, version) {
    return new Promise(resolve => {
      const list = this.waiters.get(uri) || [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }
  async request(method, params) {
    const s = performance.now();
    try {
      const result = await this.conn.sendRequest(method, params);
      return { ok: true, ms: performance.now() - s, result };
    } catch (e) {
      return { ok: false, ms: performance.now() - s, error: { code: e.code, message: String(e.message).slice(0, 200) } };
    }
  }
  /** CPU time (user + system) of the server process so far, in ms (Linux /proc). */
  cpuMs() {
    const fields = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 1000 / CLOCK_TICKS;
  }
  memory() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = k => Number((status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1]);
    return { pid: this.proc.pid, VmHWM_MB: +(kb('VmHWM') / 1024).toFixed(1), VmRSS_MB: +(kb('VmRSS') / 1024).toFixed(1) };
  }
}

const CLOCK_TICKS = Number(cp.execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
const sleep = ms => new Promise(r => setTimeout(r, ms));

// Waits until the server has used under 5% of a core for QUIET_WINDOW_MS (at most maxMs); returns the wait
const QUIET_WINDOW_MS = 300;
async function quiet(s, maxMs = 20000) {
  const start = performance.now();
  let before = s.cpuMs();
  while (performance.now() - start < maxMs) {
    await sleep(QUIET_WINDOW_MS);
    const now = s.cpuMs();
    if (now - before < 0.05 * QUIET_WINDOW_MS) break;
    before = now;
  }
  return performance.now() - start;
}

const quantile = (sorted, f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
const r2 = x => (x === undefined || x === null ? x : +x.toFixed(2));
const emit = o => console.log(JSON.stringify(o));

module.exports = { Server, quiet, quantile, r2, emit };

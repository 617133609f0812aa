#!/usr/bin/env node
// Drives two (or more) stdio language servers side by side with the same client, the same
// documents and the same requests, taking turns call by call (order reversed every other call),
// and prints JSON lines plus markdown tables. Used by bench/lsp/run.sh; not a test.
// didOpen is timed once per file and server, each server alone: the servers start one after the
// other and open the first file right after their initialize; before a later file's open, every
// server is left to go quiet (see quiet()).
//
//   node drive.js CONFIG.json
//
// CONFIG: { "servers": [{ "name", "argv": [...] }], "files": { "2000": "path", ... },
//           "main": ["2000", "4000"], "scaling": ["500", ...], "n": 30, "warmup": 20,
//           "budgetMs": 20000, "scalingN": 5, "out": "results.json" }
// The client (client.js) takes vscode-jsonrpc from NODE_PATH (the peer's install).
'use strict';
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');
const { Server, quiet, quantile, r2, emit } = require('./client');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const N = config.n ?? 30;
const WARMUP = config.warmup ?? 20;
// per request and server: fewer calls when slow (half of it for the warm-up calls)
const BUDGET_MS = config.budgetMs ?? 30000;
const MIN_CALLS = 5;
// "only": a regular expression; requests whose label does not match are skipped (for quick looks)
const QUIET_MAX_MS = config.quietMaxMs ?? 20000;
const wanted = label => !config.only || new RegExp(config.only).test(label);

async function main() {
  const ws = 'file://' + path.resolve(config.workDir || '.') + '/ws';
  const mainUri = size => `${ws}/main${size}.Dockerfile`;
  const results = { main: {}, scaling: {}, memory: {} };
  // The servers start one after the other, and each opens the first main file right after its
  // initialize (an editor sends didOpen at once), while no other server is busy: the earlier ones
  // have gone quiet, the later ones are not started. So one server's start-up work (a JVM's
  // compilers, a warm-up) does not slow another's first open.
  const servers = [];
  const firstOpens = new Map();
  const firstFile = { size: config.main[0], text: fs.readFileSync(config.files[config.main[0]], 'utf8') };
  for (const spec of config.servers) {
    const s = new Server(spec);
    const init = await s.initialize(ws);
    emit({ kind: 'initialize', server: s.name, ms: r2(init.ms), semanticTokens: s.caps.semanticTokensProvider
      ? { full: s.caps.semanticTokensProvider.full, range: !!s.caps.semanticTokensProvider.range } : null });
    firstOpens.set(s, await s.open(mainUri(firstFile.size), firstFile.text));
    servers.push(s);
    emit({ kind: 'settled', server: s.name, ms: r2(await quiet(s, QUIET_MAX_MS)) });
  }

  // calls fn(server) for every server in turns (order reversed every other round): warm-up calls
  // first, then measured ones; each server stops early once it has spent budgetMs (>= MIN_CALLS kept)
  async function alternate(label, fn, n = N, warmup = WARMUP) {
    const times = new Map(servers.map(s => [s, []]));
    const spent = new Map(servers.map(s => [s, 0])); // in the current phase (warm-up, then measured)
    const info = new Map();
    for (let i = 0; i < warmup + n; i++) {
      if (i === warmup) for (const s of servers) spent.set(s, 0);
      const order = i % 2 ? [...servers].reverse() : servers;
      for (const s of order) {
        if (info.get(s)?.error) continue;
        const measured = i >= warmup;
        if (spent.get(s) > (measured ? BUDGET_MS : BUDGET_MS / 2) && (!measured || times.get(s).length >= MIN_CALLS)) continue;
        const r = await fn(s, i);
        if (!r.ok) { info.set(s, { error: r.error }); continue; }
        spent.set(s, spent.get(s) + r.ms);
        if (i === 0) info.set(s, { first_ms: r2(r.ms), bytes: r.bytes });
        if (measured) times.get(s).push(r.ms);
      }
    }
    const out = {};
    for (const s of servers) {
      const t = times.get(s).sort((a, b) => a - b);
      const i0 = info.get(s) || {};
      out[s.name] = i0.error ? { error: i0.error }
        : { n: t.length, first_ms: i0.first_ms, p50_ms: r2(quantile(t, 0.5)), p90_ms: r2(quantile(t, 0.9)), bytes: i0.bytes };
      emit(Object.assign({ kind: 'request', label, server: s.name }, out[s.name]));
    }
    return out;
  }
  const call = (method, params) => async s => {
    const r = await s.request(method, typeof params === 'function' ? params(s) : params);
    if (r.ok) r.bytes = Buffer.byteLength(JSON.stringify(r.result ?? null));
    return r;
  };

  function close(s, uri) {
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  for (const size of config.main) {
    const text = fs.readFileSync(config.files[size], 'utf8');
    const lines = text.split('\n');
    const uri = mainUri(size);
    const stages = lines.filter(l => /^FROM /.test(l)).length;
    const table = { lines: lines.length - 1, bytes: Buffer.byteLength(text), stages, rows: {} };
    results.main[size] = table;
    if (size !== firstFile.size) {
      // every server quiet first (a JVM may still be compiling what the last requests ran)
      for (const s of servers) emit({ kind: 'settled', server: s.name, ms: r2(await quiet(s, QUIET_MAX_MS)) });
    }
    for (const s of servers) {
      const o = size === firstFile.size ? firstOpens.get(s) : await s.open(uri, text);
      table.rows['didOpen → first diagnostics'] = Object.assign(table.rows['didOpen → first diagnostics'] || {},
        { [s.name]: { n: 1, first_ms: r2(o.ms), p50_ms: r2(o.ms), p90_ms: r2(o.ms), diagnostics: o.count } });
      emit({ kind: 'open', size, server: s.name, ms: r2(o.ms), diagnostics: o.count });
    }
    // positions in the middle of the file (the peer benchmark's choices)
    const mid = Math.floor(stages / 2);
    const fromLine = lines.findIndex(x => x.startsWith(`FROM stage${mid - 1} AS stage${mid}`));
    const copyLine = lines.findIndex(x => x.startsWith(`COPY --from=stage${mid - 1} `));
    const echoLine = lines.findIndex(x => x.includes(`echo $VAR_${mid}`));
    const echoCol = lines[echoLine].indexOf(`$VAR_${mid}`) + 2;
    const blankLine = lines.findIndex((x, i) => i > fromLine && x === '');
    const td = { uri };
    const pos = (line, character) => ({ textDocument: td, position: { line, character } });
    const visible = { start: { line: fromLine, character: 0 }, end: { line: fromLine + 60, character: 0 } };

    // keystroke: one character typed and removed on an empty line, time to the diagnostics of that version
    async function keystroke(s, i) {
      const v = s.versions.get(uri) + 1;
      s.versions.set(uri, v);
      const d = s.diagnostics(uri, v);
      const t = performance.now();
      const typed = v % 2 === 0; // even versions add '#', odd ones remove it
      s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{
        range: { start: { line: blankLine, character: 0 }, end: { line: blankLine, character: typed ? 0 : 1 } },
        text: typed ? '#' : '' }] });
      const p = await d;
      if (p.version !== undefined && p.version !== null && p.version !== v) return { ok: false, error: { message: `published version ${p.version}, expected ${v}` } };
      return { ok: true, ms: performance.now() - t, bytes: p.diagnostics.length };
    }
    if (wanted('keystroke')) table.rows['keystroke (didChange 1 char) → diagnostics'] = await alternate(`${size} keystroke`, keystroke);
    for (const s of servers) if (s.versions.get(uri) % 2 === 0) await keystroke(s); // back to the original text

    const requests = {
      'hover (instruction)': call('textDocument/hover', pos(fromLine, 1)),
      'hover (variable)': call('textDocument/hover', pos(echoLine, echoCol)),
      'completion (start of line)': call('textDocument/completion', pos(blankLine, 0)),
      'completion (variable $)': call('textDocument/completion', pos(echoLine, echoCol - 1)),
      'semanticTokens/full': call('textDocument/semanticTokens/full', { textDocument: td }),
      'semanticTokens/range (60 lines)': call('textDocument/semanticTokens/range', { textDocument: td, range: visible }),
      'semanticTokens/full/delta (no change)': async s => {
        const full = await s.request('textDocument/semanticTokens/full', { textDocument: td });
        if (!full.ok) return full;
        if (!full.result.resultId) return { ok: false, error: { message: 'no resultId' } };
        const r = await s.request('textDocument/semanticTokens/full/delta', { textDocument: td, previousResultId: full.result.resultId });
        if (r.ok) r.bytes = Buffer.byteLength(JSON.stringify(r.result));
        return r;
      },
      'documentSymbol': call('textDocument/documentSymbol', { textDocument: td }),
      'foldingRange': call('textDocument/foldingRange', { textDocument: td }),
      'formatting': call('textDocument/formatting', { textDocument: td, options: { tabSize: 4, insertSpaces: true } }),
      'definition (stage)': call('textDocument/definition', pos(copyLine, 14)),
      'documentHighlight (stage)': call('textDocument/documentHighlight', pos(copyLine, 14)),
      'rename (stage)': call('textDocument/rename', Object.assign(pos(copyLine, 14), { newName: 'renamed' })),
      'rename (ARG variable)': call('textDocument/rename', Object.assign(pos(echoLine, echoCol), { newName: 'RENAMED' })),
    };
    for (const [label, fn] of Object.entries(requests).filter(([label]) => wanted(label))) {
      table.rows[label] = await alternate(`${size} ${label}`, fn);
    }
    for (const s of servers) close(s, uri);
  }

  // semantic-token scaling: same generator, first N lines (4,000 = its own file)
  for (const size of config.scaling) {
    const text = fs.readFileSync(config.files[size], 'utf8');
    const uri = `${ws}/scale${size}.Dockerfile`;
    for (const s of servers) await s.open(uri, text);
    const r = await alternate(`scaling ${size}`, call('textDocument/semanticTokens/full', { textDocument: { uri } }),
      config.scalingN ?? 10, config.scalingWarmup ?? 3);
    results.scaling[size] = { lines: text.split('\n').length - 1, r };
    for (const s of servers) close(s, uri);
  }

  for (const s of servers) {
    results.memory[s.name] = s.memory();
    emit(Object.assign({ kind: 'memory', server: s.name }, results.memory[s.name]));
  }
  results.servers = servers.map(s => s.name);
  if (config.out) fs.writeFileSync(config.out, JSON.stringify(results, null, 2));
  await Promise.all(servers.map(s => s.stop()));
  process.exit(0);
}
main().catch(e => { console.error(e); process.exit(1); });

#!/usr/bin/env node
// didOpen → first diagnostics over many fresh server processes: drive.js times one open per server
// and file, this takes the p50 over ROUNDS. Each round starts every server in turn, alone (order
// reversed every other round): initialize, the first file opened right after it (as an editor
// does), the server left to go quiet, the second file opened, shutdown; the next server starts
// once the last one has exited. Used by `bench/lsp/run.sh open`; not a test.
//
//   node open.js CONFIG.json
//
// CONFIG: { "servers": [{ "name", "argv": [...], "initializationOptions"? }], "first": "path",
//           "second": "path", "rounds": 10, "workDir": "dir", "out": "open.json" }
'use strict';
const fs = require('fs');
const path = require('path');
const { Server, quiet, quantile, r2, emit } = require('./client');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ROUNDS = config.rounds ?? 10;
const files = [config.first, config.second].map(f => ({ text: fs.readFileSync(f, 'utf8') }));
for (const f of files) f.lines = f.text.split('\n').length - 1;

async function round(spec, ws, i) {
  const s = new Server(spec);
  try {
    await s.initialize(ws);
    const first = await s.open(`${ws}/first-${i}.Dockerfile`, files[0].text);
    await quiet(s);
    const second = await s.open(`${ws}/second-${i}.Dockerfile`, files[1].text);
    return { first, second };
  } finally {
    await s.stop();
  }
}

async function main() {
  const ws = 'file://' + path.resolve(config.workDir || '.') + '/ws';
  const times = new Map(config.servers.map(s => [s.name, { first: [], second: [], diagnostics: [] }]));
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? [...config.servers].reverse() : config.servers;
    for (const spec of order) {
      const r = await round(spec, ws, i);
      const t = times.get(spec.name);
      t.first.push(r.first.ms);
      t.second.push(r.second.ms);
      t.diagnostics = [r.first.count, r.second.count];
      emit({ kind: 'open', round: i, server: spec.name, first_ms: r2(r.first.ms), second_ms: r2(r.second.ms),
        diagnostics: t.diagnostics });
    }
  }
  const results = { rounds: ROUNDS, lines: files.map(f => f.lines), servers: {} };
  for (const [name, t] of times) {
    const stats = xs => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50_ms: r2(quantile(s, 0.5)), min_ms: r2(s[0]), max_ms: r2(s[s.length - 1]) };
    };
    results.servers[name] = { first: stats(t.first), second: stats(t.second), diagnostics: t.diagnostics };
  }
  if (config.out) fs.writeFileSync(config.out, JSON.stringify(results, null, 2));
  // the table: every server against the first one (the peer)
  const [base, ...others] = Object.keys(results.servers);
  const b = results.servers[base];
  const cell = x => `${Math.round(x.p50_ms)} (${Math.round(x.min_ms)}–${Math.round(x.max_ms)})`;
  const ratio = (p, d) => `${(p.p50_ms / d.p50_ms).toFixed(1)}x`;
  console.log(`\n| server (${ROUNDS} fresh processes each) | ${files[0].lines} lines, right after initialize: p50 (min–max) ms | ` +
    `${base}/server | ${files[1].lines} lines, after going quiet: p50 (min–max) ms | ${base}/server | diagnostics |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const name of [base, ...others]) {
    const x = results.servers[name];
    console.log(`| ${name} | ${cell(x.first)} | ${name === base ? '–' : ratio(b.first, x.first)} | ${cell(x.second)} | ` +
      `${name === base ? '–' : ratio(b.second, x.second)} | ${x.diagnostics.join(' / ')} |`);
  }
}
main().then(() => process.exit(0), e => { console.error(e); process.exit(1); });

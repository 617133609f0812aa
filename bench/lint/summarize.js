#!/usr/bin/env node
// Turns the JSON lines of run.sh into the markdown tables of docs/benchmarks.md.
//   node summarize.js RESULTS.jsonl FILE_COUNT
'use strict';
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l.startsWith('{'))
  .map(l => JSON.parse(l)).filter(r => r.ms !== undefined);
const fileCount = Number(process.argv[3] || 0);

const median = a => { const s = a.slice().sort((x, y) => x - y); const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const f1 = x => x.toFixed(1);
const f2 = x => x.toFixed(2);

function group(bench) {
  const by = new Map();
  for (const r of rows.filter(r => r.bench === bench)) {
    if (!by.has(r.tool)) by.set(r.tool, { tool: r.tool, peer: !!r.peer, note: r.note || '', ms: [], status: new Set() });
    const g = by.get(r.tool);
    g.ms.push(r.ms);
    g.status.add(r.status);
  }
  return [...by.values()].map(g => Object.assign(g, { median: median(g.ms), min: Math.min(...g.ms) }));
}

function corpusTable() {
  const gs = group('corpus');
  if (!gs.length) return;
  const fastestPeer = Math.min(...gs.filter(g => g.peer).map(g => g.median));
  console.log(`### Corpus, one process per tool (${fileCount} files, ${gs[0].ms.length} runs each)\n`);
  console.log('| tool | median s | min s | files/s (median) | median / fastest peer | exit status |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const g of gs) {
    const files = g.note.match(/^(\d+) files/) ? Number(g.note.match(/^(\d+) files/)[1]) : fileCount;
    console.log(`| ${g.tool}${g.note ? ' (' + g.note + ')' : ''} | ${f2(g.median / 1000)} | ${f2(g.min / 1000)} | ` +
      `${Math.round(files / (g.median / 1000))} | ${f2(g.median / fastestPeer)}x | ${[...g.status].join(', ')} |`);
  }
  console.log();
}

function coldTable(bench, title, refTool) {
  const gs = group(bench);
  if (!gs.length) return;
  const peers = gs.filter(g => g.peer);
  const refRow = gs.find(g => g.tool === refTool);
  const ref = peers.length ? Math.min(...peers.map(g => g.median)) : (refRow || gs[0]).median;
  console.log(`### ${title} (${gs[0].ms.length} runs each)\n`);
  console.log(`| command | median ms | min ms | median / ${peers.length ? 'fastest peer' : (refRow ? refTool : 'first row')} |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const g of gs) {
    console.log(`| ${g.tool}${g.note ? ' (' + g.note + ')' : ''} | ${f1(g.median)} | ${f1(g.min)} | ${f2(g.median / ref)}x |`);
  }
  console.log();
}

corpusTable();
coldTable('cold', 'Single small Dockerfile, cold process');
coldTable('coldjvm', 'dflint cold start: JVM options and phases (same file)', 'java -jar FILE');

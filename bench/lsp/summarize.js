#!/usr/bin/env node
// Markdown tables for docs/benchmarks.md from drive.js's results.json.
//   node summarize.js results.json PEER_NAME DFLS_NAME
'use strict';
const fs = require('fs');
const [file, peer, dfls] = process.argv.slice(2);
const R = JSON.parse(fs.readFileSync(file, 'utf8'));

const cell = v => (v === undefined || v === null ? '–' : v >= 100 ? Math.round(v) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}x` : '–');
const what = r => (!r ? '–' : r.error ? `n/a (${r.error.code === -32601 ? 'MethodNotFound' : r.error.message})` : null);

const goals = [];
for (const [size, t] of Object.entries(R.main)) {
  console.log(`\n#### ${t.lines} lines, ${t.stages} stages, ${t.bytes} bytes\n`);
  console.log(`| request | ${peer} p50 | p90 | dfls p50 | p90 | peer/dfls p50 | peer/dfls p90 | n (peer/dfls) |`);
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [label, row] of Object.entries(t.rows)) {
    const p = row[peer], d = row[dfls];
    const pw = what(p), dw = what(d);
    const pc = pw ? [pw, ''] : [cell(p.p50_ms), cell(p.p90_ms)];
    const dc = dw ? [dw, ''] : [cell(d.p50_ms), cell(d.p90_ms)];
    const r50 = pw || dw ? '–' : ratio(p.p50_ms, d.p50_ms);
    const r90 = pw || dw ? '–' : ratio(p.p90_ms, d.p90_ms);
    const extra = label.startsWith('didOpen') ? ` (${p?.diagnostics} / ${d?.diagnostics} diagnostics)` : '';
    console.log(`| ${label}${extra} | ${pc[0]} | ${pc[1]} | ${dc[0]} | ${dc[1]} | ${r50} | ${r90} | ${p?.n ?? '–'}/${d?.n ?? '–'} |`);
    if (!pw && !dw) goals.push({ size: t.lines, label, r: p.p50_ms / d.p50_ms }); // didOpen too: the goal is every request
  }
}

console.log('\n#### Semantic tokens (full) by file size, p50 ms\n');
console.log(`| lines | ${peer} | dfls | peer/dfls | ${peer} ms per 1,000 lines | dfls ms per 1,000 lines |`);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const s of Object.values(R.scaling)) {
  const p = s.r[peer]?.p50_ms, d = s.r[dfls]?.p50_ms;
  console.log(`| ${s.lines} | ${cell(p)} | ${cell(d)} | ${ratio(p, d)} | ${cell(p / s.lines * 1000)} | ${cell(d / s.lines * 1000)} |`);
}

console.log('\n#### Memory of the server process after the run (/proc/PID/status)\n');
console.log('| server | VmHWM (peak RSS) MB | VmRSS MB |');
console.log('| --- | ---: | ---: |');
for (const [name, m] of Object.entries(R.memory)) console.log(`| ${name} | ${m.VmHWM_MB} | ${m.VmRSS_MB} |`);

const below = goals.filter(g => g.r < 3);
console.log(`\nRequests with peer/dfls p50 below 3x: ${below.length ? below.map(g => `${g.label} at ${g.size} lines (${g.r.toFixed(1)}x)`).join('; ') : 'none'}.`);

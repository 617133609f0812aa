#!/usr/bin/env node
// Summarizes a -Xlog:class+load log of one dflint run: how many classes came from the CDS
// archive, from the jar (loaded, parsed and verified at run time) or were generated, and when
// the run reached a few marker classes (the log's timestamps are seconds since JVM start).
//   node classload.js CLASSLOAD.txt
'use strict';
const lines = require('fs').readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const rows = lines.map(l => { const m = l.match(/^\[([\d.]+)s\].*?\] (\S+) source: (.*)$/); return m && { t: +m[1], cls: m[2], src: m[3] }; }).filter(Boolean);
const kind = r => r.src.startsWith('shared objects file') ? 'CDS archive' : r.src.startsWith('file:') || r.src.startsWith('jar:') ? 'jar (parsed + verified)'
  : r.src.startsWith('jrt:') ? 'JDK modules (jrt)' : 'generated at run time';
const count = new Map();
const notShared = new Map();
for (const r of rows) {
  const k = kind(r);
  count.set(k, (count.get(k) || 0) + 1);
  if (k !== 'CDS archive') { const p = r.cls.replace(/\$.*/, '').split('.').slice(0, -1).slice(0, 2).join('.'); notShared.set(p, (notShared.get(p) || 0) + 1); }
}
console.log(`| classes loaded | ${rows.length} |\n| --- | ---: |`);
for (const [k, v] of count) console.log(`| from ${k} | ${v} |`);
console.log('\nNot from the archive, by package: ' + [...notShared].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([p, n]) => `${p} ${n}`).join(', ') + '\n');
const markers = [
  ['JVM: first class', r => true],
  ['main class (dev.dftools.lint.cli.Dflint)', r => r.cls === 'dev.dftools.lint.cli.Dflint'],
  ['first command-line class (Apache Commons CLI)', r => r.cls.startsWith('org.apache.commons.cli.')],
  ['first rule class (dev.dftools.lint.rules)', r => r.cls.startsWith('dev.dftools.lint.rules.')],
  ['first ANTLR class (parsing starts)', r => r.cls.startsWith('org.antlr.')],
  ['first Jackson class', r => r.cls.startsWith('com.fasterxml.jackson')],
  ['first report class (dev.dftools.lint.report)', r => r.cls.startsWith('dev.dftools.lint.report.')],
  ['exit (java.lang.Shutdown)', r => r.cls === 'java.lang.Shutdown'],
];
console.log('| marker | s since JVM start |\n| --- | ---: |');
for (const [name, pred] of markers) { const r = rows.find(pred); console.log(`| ${name} | ${r ? r.t.toFixed(3) : '-'} |`); }
console.log();

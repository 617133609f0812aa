#!/usr/bin/env node
// Turns the JSON lines of ParserBench and dockerfile-ast-bench.js (one file, all rounds) into
// markdown tables. Per tool: the median ms/pass is the median over rounds of each round's
// median pass; "best" is the fastest single pass of any round.
'use strict';

const fs = require('fs');

const OURS = 'dftools';
const THEIRS = 'dockerfile-ast';
const GOAL = 3;

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n')
  .filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

const corpus = {};
for (const r of rows.filter((r) => r.bench === 'corpus')) {
  (corpus[r.tool] = corpus[r.tool] || []).push(r);
}
const tools = Object.keys(corpus);
if (!corpus[OURS] || !corpus[THEIRS]) {
  console.error('summarize: missing corpus results for ' + OURS + ' or ' + THEIRS);
  process.exit(1);
}

const stats = {};
for (const tool of tools) {
  const rs = corpus[tool];
  const files = rs[0].files;
  const mb = rs[0].bytes / 1e6;
  const med = median(rs.map((r) => r.median_ms));
  const min = Math.min(...rs.map((r) => r.min_ms));
  stats[tool] = { files, mb, med, min, rounds: rs.length, fps: files / (med / 1e3), mbps: mb / (med / 1e3),
    bestFps: files / (min / 1e3), bestMbps: mb / (min / 1e3) };
}

const f0 = (x) => x.toFixed(0);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const ours = stats[OURS];
const out = [];
const first = corpus[OURS][0];
out.push(`Corpus: ${first.files} files, ${f2(ours.mb)} MB (MB = 10^6 bytes), ${first.passes} measured passes`
  + ` per round after warm-up (>= ${first.warmup_passes} passes / >= 10 s), ${ours.rounds} round(s).`);
out.push('');
out.push('| parser | median ms/pass | files/s (median) | MB/s (median) | files/s (best pass) | MB/s (best pass)'
  + ' | ours / theirs (median) |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const tool of tools) {
  const s = stats[tool];
  const ratio = tool === OURS ? '1' : `${f2(ours.fps / s.fps)}x`;
  out.push(`| ${tool} | ${f1(s.med)} | ${f0(s.fps)} | ${f2(s.mbps)} | ${f0(s.bestFps)} | ${f2(s.bestMbps)} | ${ratio} |`);
}
out.push('');
const ratio = ours.fps / stats[THEIRS].fps;
out.push(`Goal (dftools >= ${GOAL}x dockerfile-ast warm throughput): ${ratio >= GOAL ? 'MET' : 'NOT MET'}`
  + ` (${f2(ratio)}x by median pass, ${f2(ours.bestFps / stats[THEIRS].bestFps)}x by best pass).`);

const big = rows.filter((r) => r.bench === 'big');
if (big.length) {
  out.push('');
  out.push(`Big file: ${f2(big[0].bytes / 1e6)} MB (${big[0].bytes} bytes), fresh process per tool,`
    + ` ${big[0].runs} parses in a row; cold = first parse of the process.`);
  out.push('');
  out.push('| parser | instructions | cold ms | warm median ms | warm best ms |');
  out.push('| --- | ---: | ---: | ---: | ---: |');
  for (const r of big) {
    out.push(`| ${r.tool} | ${r.instructions} | ${f0(r.cold_ms)} | ${f0(r.warm_median_ms)} | ${f0(r.warm_min_ms)} |`);
  }
}

const phases = rows.filter((r) => r.bench === 'phases');
if (phases.length) {
  const p = phases[phases.length - 1];
  const full = p.full_median_ms;
  const lex = p.lex_median_ms;
  const tree = p.lex_parse_median_ms - p.lex_median_ms;
  const ast = p.full_median_ms - p.lex_parse_median_ms;
  const pct = (x) => `${f0((100 * x) / full)}%`;
  out.push('');
  out.push('dftools phases (median ms per corpus pass, --phases):');
  out.push('');
  out.push('| phase | ms/pass | share |');
  out.push('| --- | ---: | ---: |');
  out.push(`| lexing (DockerfileLexer + token stream fill) | ${f1(lex)} | ${pct(lex)} |`);
  out.push(`| parse tree (DockerfileParser, SLL) | ${f1(tree)} | ${pct(tree)} |`);
  out.push(`| AST building (full parse - lex - tree) | ${f1(ast)} | ${pct(ast)} |`);
  out.push(`| full Dockerfiles.parse | ${f1(full)} | 100% |`);
  out.push(`| (LineIndex.of alone, part of AST building) | ${f1(p.line_index_median_ms)} | ${pct(p.line_index_median_ms)} |`);
  const tok = rows.find((r) => r.bench === 'tokens');
  if (tok) {
    out.push('');
    out.push(`Tokens per corpus pass: ${tok.tokens_per_pass} (${f1(tok.bytes_per_pass / tok.tokens_per_pass)} bytes/token).`);
    if (tok.lexer_matches) {
      out.push(`Lexer DFA cache, one warm pass: ${tok.lexer_start_state_misses} of ${tok.lexer_matches} token matches`
        + ` (${f0((100 * tok.lexer_start_state_misses) / tok.lexer_matches)}%) started from a full ATN closure`
        + ` (no cached DFA start state); ${tok.lexer_edge_misses} ATN steps instead of DFA edges for`
        + ` ${tok.chars_per_pass} chars; ${tok.lexer_predicate_evals} predicate calls.`);
    }
  }
}

console.log(out.join('\n'));

#!/usr/bin/env node
// Counterpart of ParserBench.java for the npm package dockerfile-ast (the parser behind
// rcjsuen's dockerfile-language-server-nodejs). Same subcommands, options and JSON keys:
//
//   corpus FILES_TXT [--warmup-passes N (20)] [--warmup-seconds S (10)] [--passes N (30)] [--eager]
//   big FILE [--runs N (6)] [--max-seconds S (120): no new run after S s, at least 2] [--eager]
//
// dockerfile-ast is resolved through NODE_PATH (run.sh installs it in a scratch directory).
//
// DockerfileParser.parse(text) finds the instructions, comments and directives but builds the
// arguments, flags and properties of an instruction lazily, on first use (except for ADD, COPY
// and RUN, whose arguments it needs for heredocs). --eager additionally asks every instruction
// for its arguments (and flags / properties where it has them), which is closer to the work our
// parser always does; it is reported as its own row, "dockerfile-ast (eager)".
'use strict';

const fs = require('fs');
const { DockerfileParser } = require('dockerfile-ast');

let sink = 0;

function option(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
}

function median(sorted) {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function now() {
  return Number(process.hrtime.bigint()) / 1e6; // ms
}

function touch(dockerfile) {
  // Force the lazily built parts of every instruction.
  let n = 0;
  for (const instruction of dockerfile.getInstructions()) {
    n += instruction.getArguments().length;
    if (typeof instruction.getFlags === 'function') {
      n += instruction.getFlags().length;
    }
    if (typeof instruction.getProperties === 'function') {
      n += instruction.getProperties().length;
    }
  }
  return n;
}

function parseOne(text, eager) {
  const d = DockerfileParser.parse(text);
  let n = d.getInstructions().length + d.getComments().length;
  if (eager) {
    n += touch(d);
  }
  return n;
}

function pass(texts, eager) {
  let n = 0;
  for (const text of texts) {
    n += parseOne(text, eager);
  }
  sink += n;
}

function fixed(x, digits) {
  return Number(x.toFixed(digits));
}

function corpus(filesTxt, args) {
  const warmupPasses = parseInt(option(args, '--warmup-passes', '20'), 10);
  const warmupSeconds = parseFloat(option(args, '--warmup-seconds', '10'));
  const passes = parseInt(option(args, '--passes', '30'), 10);
  const eager = args.includes('--eager');
  const tool = eager ? 'dockerfile-ast (eager)' : 'dockerfile-ast';

  const paths = fs.readFileSync(filesTxt, 'utf8').split('\n').filter((s) => s.trim() !== '');
  let bytes = 0;
  const texts = paths.map((p) => {
    const raw = fs.readFileSync(p);
    bytes += raw.length;
    return raw.toString('utf8');
  });

  let instructions = 0;
  for (const text of texts) {
    instructions += DockerfileParser.parse(text).getInstructions().length;
  }

  const start = now();
  let warm = 0;
  while (warm < warmupPasses || now() - start < warmupSeconds * 1000) {
    pass(texts, eager);
    warm++;
  }
  const warmS = (now() - start) / 1000;

  const ms = [];
  for (let p = 0; p < passes; p++) {
    const t0 = now();
    pass(texts, eager);
    ms.push(now() - t0);
  }
  const sorted = ms.slice().sort((a, b) => a - b);
  const med = median(sorted);
  const min = sorted[0];
  const mb = bytes / 1e6;
  const files = texts.length;
  console.log(JSON.stringify({
    tool, bench: 'corpus', files, bytes, instructions, files_with_errors: null,
    warmup_passes: warm, warmup_s: fixed(warmS, 1), passes, median_ms: fixed(med, 3), min_ms: fixed(min, 3),
    median_files_per_s: fixed(files / (med / 1e3), 1), median_mb_per_s: fixed(mb / (med / 1e3), 3),
    best_files_per_s: fixed(files / (min / 1e3), 1), best_mb_per_s: fixed(mb / (min / 1e3), 3),
  }));
  console.log(`# ${tool} corpus: ${files} files, ${mb.toFixed(2)} MB, ${passes} passes after ${warm} warm-up`
    + ` passes (${warmS.toFixed(1)} s): median ${med.toFixed(1)} ms/pass = ${(files / (med / 1e3)).toFixed(0)}`
    + ` files/s, ${(mb / (med / 1e3)).toFixed(2)} MB/s; best ${min.toFixed(1)} ms = `
    + `${(files / (min / 1e3)).toFixed(0)} files/s, ${(mb / (min / 1e3)).toFixed(2)} MB/s`);
}

function big(file, args) {
  const runs = parseInt(option(args, '--runs', '6'), 10);
  const eager = args.includes('--eager');
  const tool = eager ? 'dockerfile-ast (eager)' : 'dockerfile-ast';
  const raw = fs.readFileSync(file);
  const text = raw.toString('utf8');
  const ms = [];
  let instructions = 0;
  const maxMs = parseFloat(option(args, '--max-seconds', '120')) * 1000;
  const begin = now();
  for (let r = 0; r < runs && (r < 2 || now() - begin < maxMs); r++) {
    const t0 = now();
    const d = DockerfileParser.parse(text);
    if (eager) {
      sink += touch(d);
    }
    ms.push(now() - t0);
    instructions = d.getInstructions().length;
  }
  const warm = ms.slice(1).sort((a, b) => a - b);
  const med = warm.length ? median(warm) : NaN;
  const min = warm.length ? warm[0] : NaN;
  console.log(JSON.stringify({
    tool, bench: 'big', bytes: raw.length, instructions, errors: null, runs: ms.length,
    cold_ms: fixed(ms[0], 1), warm_median_ms: fixed(med, 1), warm_min_ms: fixed(min, 1),
    all_ms: ms.map((m) => fixed(m, 1)),
  }));
  console.log(`# ${tool} big file: ${(raw.length / 1e6).toFixed(2)} MB, ${instructions} instructions: cold`
    + ` ${ms[0].toFixed(0)} ms, warm median ${med.toFixed(0)} ms, best ${min.toFixed(0)} ms`);
}

function main() {
  const [cmd, target, ...rest] = process.argv.slice(2);
  if (cmd === 'corpus' && target) {
    corpus(target, rest);
  } else if (cmd === 'big' && target) {
    big(target, rest);
  } else {
    console.error('usage: dockerfile-ast-bench.js corpus FILES_TXT [--warmup-passes N] [--warmup-seconds S]'
      + ' [--passes N] [--eager] | big FILE [--runs N] [--eager]');
    process.exit(2);
  }
  if (sink === -1) {
    console.log('');
  }
}

main();

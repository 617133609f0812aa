#!/usr/bin/env node
// Wall-clock timer for whole processes, tools taking turns: every round runs each command once,
// in list order on odd rounds and reversed on even rounds, so drift in machine load hits all
// tools alike. hyperfine would run all runs of one command back to back instead.
//
//   node timeit.js SPEC.json
// SPEC: {"bench": "corpus"|"cold"|..., "rounds": N, "warmup": W, "commands":
//        [{"tool": "dflint", "argv": [...], "env": {...}, "peer": true, "note": "..."}]}
// Warm-up runs (not recorded) go round-robin before the measured rounds. stdout of the timed
// process goes to /dev/null; its stderr is kept for the first measured run (crash counts etc.).
// Output: one JSON line per measured run: {bench, tool, round, ms, status, stderr?}
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const devnull = fs.openSync('/dev/null', 'w');

function once(cmd) {
  const env = Object.assign({}, process.env, cmd.env || {});
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd.argv[0], cmd.argv.slice(1), {
    env, stdio: ['ignore', devnull, 'pipe'], maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, signal: r.signal, stderr: r.stderr.toString() };
}

for (let w = 0; w < (spec.warmup || 0); w++) {
  for (const cmd of spec.commands) once(cmd);
}
for (let round = 1; round <= spec.rounds; round++) {
  const order = round % 2 === 1 ? spec.commands : spec.commands.slice().reverse();
  for (const cmd of order) {
    const r = once(cmd);
    const row = { bench: spec.bench, tool: cmd.tool, round, ms: Math.round(r.ms * 10) / 10, status: r.status };
    if (cmd.peer) row.peer = true;
    if (cmd.note) row.note = cmd.note;
    if (r.signal) row.signal = r.signal;
    if (round === 1 && r.stderr.trim()) row.stderr = r.stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
    console.log(JSON.stringify(row));
  }
}

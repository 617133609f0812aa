#!/usr/bin/env node
// Lints many Dockerfiles in ONE process with the dockerfilelint package, the way its CLI does
// (bin/dockerfilelint: run(configDir, content) per file, the CLI reporter, one report at the end).
// Why not the CLI itself: it takes several files, but an uncaught TypeError in one file
// (checks.is_valid_healthcheck on some HEALTHCHECK lines) kills the process, so it never gets
// through the corpus. Here a file that throws is counted and skipped, as if it had no findings.
//
//   node dockerfilelint-many.js FILE_LIST   (one path per line)
// stdout: the report; stderr: one JSON line {"files":..,"crashed":..,"crashedFiles":[..]}
'use strict';
const fs = require('fs');
const path = require('path');
const dockerfilelint = require('dockerfilelint/lib/index');
const Reporter = require('dockerfilelint/lib/reporter/cli_reporter');

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const reporter = new Reporter();
const crashed = [];
for (const file of files) {
  const content = fs.readFileSync(file, 'UTF-8');
  let items;
  try {
    items = dockerfilelint.run(path.resolve(path.dirname(file)), content);
  } catch (e) {
    crashed.push(file);
    items = [];
  }
  reporter.addFile(file, content, items);
}
const report = reporter.buildReport();
process.stdout.write(report.toString() + '\n');
process.stderr.write(JSON.stringify({ files: files.length, crashed: crashed.length, crashedFiles: crashed }) + '\n');

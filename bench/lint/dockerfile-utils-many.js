#!/usr/bin/env node
// Lints many Dockerfiles in ONE process with the dockerfile-utils package. Its CLI
// (`dockerfile-utils lint [-j] FILE`) takes exactly one file, so this driver does what the CLI's
// `lint -j` does (validate(content), severities as words, one JSON array per file), per file.
//
//   node dockerfile-utils-many.js FILE_LIST   (one path per line)
// stdout: one line per file: "path<TAB>[diagnostics json]"; stderr: {"files":..,"crashed":..}
'use strict';
const fs = require('fs');
const dockerfileUtils = require('dockerfile-utils');
const { DiagnosticSeverity } = require('vscode-languageserver-types');

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const out = [];
let crashed = 0;
for (const file of files) {
  const content = fs.readFileSync(file).toString();
  let diagnostics;
  try {
    diagnostics = dockerfileUtils.validate(content);
  } catch (e) {
    crashed++;
    diagnostics = [];
  }
  for (const d of diagnostics) {
    delete d.code;
    delete d.source;
    if (d.severity === DiagnosticSeverity.Warning) d.severity = 'warning';
    else if (d.severity === DiagnosticSeverity.Error) d.severity = 'error';
  }
  out.push(file + '\t' + JSON.stringify(diagnostics));
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(JSON.stringify({ files: files.length, crashed }) + '\n');

#!/usr/bin/env node
// Writes the benchmark Dockerfiles: the shape of shared/tools/lsp-peer-bench/probe.js's
// big.Dockerfile (chained stages of 15-16 lines: ARG/ENV/LABEL with ${VAR} uses, a continued RUN,
// COPY --from the previous stage, RUN --mount, one lowercase `copy` per stage), grown until the
// given line count. At 1,990 it is byte for byte probe.js's 1,992-line / 117-stage file.
//
//   node gen.js OUT_DIR 500 1000 1990 3990     # writes OUT_DIR/lines-<n>.Dockerfile
'use strict';
const fs = require('fs');
const path = require('path');

function generate(minLines) {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG GLOBAL_VERSION=1.0'];
  let stage = 0;
  while (lines.length < minLines) {
    const name = `stage${stage}`;
    lines.push(`FROM ${stage === 0 ? 'alpine:3.19' : `stage${stage - 1}`} AS ${name}`);
    lines.push(`ARG VAR_${stage}=value${stage}`);
    lines.push(`ENV PATH_${stage}=/opt/${name} HOME_${stage}=/home/${name}`);
    lines.push(`LABEL org.example.stage="${name}" org.example.version="\${GLOBAL_VERSION}"`);
    lines.push(`WORKDIR /data/${name}`);
    lines.push('RUN apk add --no-cache curl git && \\');
    lines.push(`    echo "building \${VAR_${stage}}" && \\`);
    lines.push(`    mkdir -p /opt/${name}/bin && \\`);
    lines.push(`    touch /opt/${name}/bin/tool`);
    if (stage > 0) lines.push(`COPY --from=stage${stage - 1} /opt/stage${stage - 1}/bin/tool /opt/${name}/bin/prev`);
    lines.push(`RUN --mount=type=cache,target=/cache/build echo $VAR_${stage}`);
    lines.push(`EXPOSE ${8000 + (stage % 1000)}`);
    lines.push('HEALTHCHECK --interval=30s --timeout=3s CMD true');
    lines.push('USER root');
    lines.push(`copy file${stage}.txt /opt/${name}/`);
    lines.push(`CMD ["echo", "${name}"]`);
    lines.push('');
    stage++;
  }
  lines.push('FROM scratch AS final');
  lines.push(`COPY --from=stage${stage - 1} /opt /opt`);
  return lines.join('\n') + '\n';
}

const [out, ...sizes] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
for (const size of sizes) {
  const text = generate(Number(size));
  const file = path.join(out, `lines-${size}.Dockerfile`);
  fs.writeFileSync(file, text);
  console.log(`${file}\t${text.split('\n').length - 1} lines\t${(text.match(/^FROM /gm) || []).length} stages\t${Buffer.byteLength(text)} bytes`);
}

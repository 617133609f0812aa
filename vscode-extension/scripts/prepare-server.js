#!/usr/bin/env node
// Copies what the .vsix bundles from the rest of the repository: the dfls jar (built by Maven,
// language-server/target/dfls.jar) to server/, and the rule pages docs/rules/*.md to docs/rules/
// (dfls looks for docs/rules above its jar and links each diagnostic code to its page there).
const fs = require('fs');
const path = require('path');
const repo = path.join(__dirname, '..', '..');
const ext = path.join(__dirname, '..');
const jar = process.env.DFLS_JAR || path.join(repo, 'language-server', 'target', 'dfls.jar');
if (!fs.existsSync(jar)) {
  console.error(`prepare-server: ${jar} is missing; build it first: mvn -B -DskipTests -pl language-server -am install`);
  process.exit(2);
}
fs.mkdirSync(path.join(ext, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(ext, 'server', 'dfls.jar'));
const rulesOut = path.join(ext, 'docs', 'rules');
fs.rmSync(rulesOut, { recursive: true, force: true });
fs.mkdirSync(rulesOut, { recursive: true });
const rulesIn = path.join(repo, 'docs', 'rules');
const pages = fs.readdirSync(rulesIn).filter((f) => f.endsWith('.md'));
for (const f of pages) {
  fs.copyFileSync(path.join(rulesIn, f), path.join(rulesOut, f));
}
console.log(`prepare-server: bundled ${path.relative(repo, jar)} (${(fs.statSync(jar).size / 1048576).toFixed(1)} MiB) and ${pages.length} rule pages`);

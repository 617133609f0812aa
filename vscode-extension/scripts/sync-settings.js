#!/usr/bin/env node
// Rewrites contributes.configuration of package.json from the server's settings list
// (language-server/src/main/resources/dfls-settings.json): `dftools.<key>` for each server key,
// then the client's own settings. The unit test settings-mirror.test checks the result.
const fs = require('fs');
const path = require('path');
const pkgFile = path.join(__dirname, '..', 'package.json');
const serverFile = path.join(__dirname, '..', '..', 'language-server', 'src', 'main', 'resources', 'dfls-settings.json');
const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
const server = JSON.parse(fs.readFileSync(serverFile, 'utf8'));
const properties = {};
for (const s of server) {
  properties[`dftools.${s.key}`] = {
    type: s.type, default: s.default, ...(s.enum ? { enum: s.enum } : {}), markdownDescription: s.description,
    scope: 'resource',
  };
}
Object.assign(properties, require('./client-settings.json'));
pkg.contributes.configuration.properties = properties;
fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
console.log(`package.json: ${server.length} server settings + ${Object.keys(require('./client-settings.json')).length} client settings`);

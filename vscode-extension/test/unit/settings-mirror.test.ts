import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLIENT_ONLY_KEYS, mirrorProblems, serverSection, ServerSetting } from '../../src/settings';

// Run from out/test/unit: the extension folder is three levels up, the repository four.
const extensionDir = path.join(__dirname, '..', '..', '..');
const serverFile = path.join(extensionDir, '..', 'language-server', 'src', 'main', 'resources', 'dfls-settings.json');
const server: ServerSetting[] = JSON.parse(fs.readFileSync(serverFile, 'utf8'));
const contributed = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')).contributes.configuration.properties;

test('contributes.configuration mirrors the server settings (dfls-settings.json) one to one', () => {
  assert.ok(server.length > 0, 'the server lists settings');
  assert.deepEqual(mirrorProblems(server, contributed), []);
});

test('the check finds a missing, a mistyped and an unknown setting', () => {
  const broken = { ...contributed };
  delete broken[`dftools.${server[0].key}`];
  broken[`dftools.${server[1].key}`] = { ...broken[`dftools.${server[1].key}`], type: 'number' };
  broken['dftools.made.up'] = { type: 'string', default: '' };
  const problems = mirrorProblems(server, broken);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(problems[0], /missing/);
  assert.match(problems[1], /type/);
  assert.match(problems[2], /dftools\.made\.up: not a server setting/);
});

test('the client-only settings exist and are not sent to the server', () => {
  for (const key of CLIENT_ONLY_KEYS) {
    assert.ok(contributed[`dftools.${key}`], key);
  }
  const serverKeys = server.map((s) => s.key);
  const values: Record<string, unknown> = { 'rules.ignored': ['DF3009'], 'java.home': '/jdk' };
  const section = serverSection(serverKeys, (k) => values[k]);
  assert.deepEqual(section, { 'rules.ignored': ['DF3009'] });
});

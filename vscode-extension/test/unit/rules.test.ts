import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuleDocs, parseRulePage, ruleCodeOf } from '../../src/rules';

test('a rule page gives code, name and summary', () => {
  const doc = parseRulePage('DF3009', '# DF3009 apt-lists-not-removed\n\napt-get update leaves the lists.\n', '/x/DF3009.md');
  assert.deepEqual(doc, { code: 'DF3009', name: 'apt-lists-not-removed', summary: 'apt-get update leaves the lists.', file: '/x/DF3009.md' });
});

test('the repository rule pages are all listed, sorted, with names', () => {
  const docs = listRuleDocs(path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules'));
  assert.ok(docs.length > 50, `only ${docs.length} rule pages`);
  assert.deepEqual(docs.map((d) => d.code), [...docs.map((d) => d.code)].sort());
  const merge = docs.find((d) => d.code === 'DF3509');
  assert.ok(merge && merge.name.length > 0 && merge.summary.length > 0);
  assert.equal(docs.filter((d) => !d.name).length, 0, 'every page starts with "# <CODE> <name>"');
});

test('rule codes are read from plain and {value, target} diagnostic codes', () => {
  assert.equal(ruleCodeOf('DF3509'), 'DF3509');
  assert.equal(ruleCodeOf({ value: 'DF3009', target: 'file:///x' }), 'DF3009');
  assert.equal(ruleCodeOf('SC2086'), undefined);
  assert.equal(ruleCodeOf(undefined), undefined);
});

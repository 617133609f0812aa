import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findJava, javaCandidates, JavaHost, parseJavaMajor, parseReleaseMajor } from '../../src/java';

/** A host with the given files, each mapped to what its `-version` prints. */
function host(files: Record<string, string>, env: Record<string, string>, platform: NodeJS.Platform = 'linux',
  releases: Record<string, string> = {}): JavaHost & { asked: string[] } {
  const asked: string[] = [];
  return {
    platform, env, asked,
    isFile: (f) => f in files,
    releaseFile: (f) => releases[f],
    versionOutput: async (f) => {
      asked.push(f);
      if (files[f] === 'CRASH') {
        throw new Error('exit code 1');
      }
      return files[f];
    },
  };
}

const v17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n';
const v21 = 'openjdk version "21.0.2" 2024-01-16\n';
const v11 = 'openjdk version "11.0.22" 2024-01-16\n';
const v8 = 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)\n';

test('parseJavaMajor reads modern, legacy 1.x and early-access version strings', () => {
  assert.equal(parseJavaMajor(v17), 17);
  assert.equal(parseJavaMajor(v8), 8);
  assert.equal(parseJavaMajor('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaMajor('openjdk version "22-ea" 2024-03-19'), 22);
  assert.equal(parseJavaMajor('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "17.0.1" 2021-10-19'), 17);
  assert.equal(parseJavaMajor('no java here'), undefined);
});

test('candidates come in the order setting, JAVA_HOME, first java on PATH', () => {
  const h = host({ '/usr/bin/java': v17, '/opt/other/java': v21 }, { JAVA_HOME: '/jdk/home', PATH: '/nothing:/usr/bin:/opt/other' });
  assert.deepEqual(javaCandidates('/set/jdk', h).map((c) => [c.source, c.executable]), [
    ['setting dftools.java.home', '/set/jdk/bin/java'],
    ['JAVA_HOME', '/jdk/home/bin/java'],
    ['PATH', '/usr/bin/java'],
  ]);
});

test('the setting wins over JAVA_HOME and PATH', async () => {
  const h = host({ '/set/bin/java': v21, '/jh/bin/java': v17, '/usr/bin/java': v17 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' });
  const r = await findJava('/set', h);
  assert.equal(r.kind, 'found');
  assert.equal(r.kind === 'found' && r.java.executable, '/set/bin/java');
  assert.equal(r.kind === 'found' && r.java.major, 21);
  assert.deepEqual(h.asked, ['/set/bin/java']);
});

test('JAVA_HOME comes before PATH when the setting is empty', async () => {
  const h = host({ '/jh/bin/java': v17, '/usr/bin/java': v21 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' });
  const r = await findJava('  ', h);
  assert.equal(r.kind === 'found' && r.java.source, 'JAVA_HOME');
});

test('a too old or broken Java is skipped and the next one is used', async () => {
  const h = host({ '/set/bin/java': v8, '/jh/bin/java': 'CRASH', '/usr/bin/java': v17 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' });
  const r = await findJava('/set', h);
  assert.equal(r.kind, 'found');
  if (r.kind === 'found') {
    assert.equal(r.java.source, 'PATH');
    assert.equal(r.java.versionText, '17.0.15');
    assert.deepEqual(r.rejected.map((x) => x.reason), ['Java 8 is too old', "'-version' failed: exit code 1"]);
  }
});

test('no usable Java gives one message that says what was found and what to install', async () => {
  const h = host({ '/usr/bin/java': v11 }, { JAVA_HOME: '/missing', PATH: '/usr/bin' });
  const r = await findJava(undefined, h);
  assert.equal(r.kind, 'missing');
  if (r.kind === 'missing') {
    assert.match(r.message, /Java 17 or newer/);
    assert.match(r.message, /JAVA_HOME: \/missing\/bin\/java \(no such file\)/);
    assert.match(r.message, /PATH: \/usr\/bin\/java \(Java 11 is too old\)/);
    assert.match(r.message, /openjdk-17-jre-headless/);
  }
});

test('nothing at all is reported as such', async () => {
  const r = await findJava('', host({}, { PATH: '/bin' }));
  assert.equal(r.kind === 'missing' && /no Java found/.test(r.message), true);
});

test('Windows: java.exe, semicolon PATH', () => {
  const h = host({ 'C:\\jdk\\bin\\java.exe': v17 }, { Path: 'C:\\x;C:\\jdk\\bin' }, 'win32');
  assert.deepEqual(javaCandidates(undefined, h).map((c) => c.executable), ['C:\\jdk\\bin\\java.exe']);
});

test('a release file gives the version without running java -version', async () => {
  assert.equal(parseReleaseMajor('IMPLEMENTOR="Debian"\nJAVA_VERSION="17.0.15"\nJAVA_VERSION_DATE="2025-04-15"\n'), 17);
  assert.equal(parseReleaseMajor('JAVA_VERSION="1.8.0_292"\n'), 8);
  const h = host({ '/jh/bin/java': 'CRASH', '/usr/bin/java': v17 }, { JAVA_HOME: '/jh', PATH: '/usr/bin' }, 'linux',
    { '/jh/bin/java': 'JAVA_VERSION="11.0.2"\n', '/usr/bin/java': 'JAVA_VERSION="21.0.1"\n' });
  const r = await findJava(undefined, h);
  assert.equal(r.kind === 'found' && r.java.source, 'PATH');
  assert.equal(r.kind === 'found' && r.java.major, 21);
  assert.deepEqual(r.rejected.map((x) => x.reason), ['Java 11 is too old']);
  assert.deepEqual(h.asked, [], 'no JVM was started');
});

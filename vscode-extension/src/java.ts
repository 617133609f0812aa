// Finding a Java 17+ runtime for dfls. Pure logic with injected effects, so it is unit-tested
// without VS Code: the order is the setting dftools.java.home, then JAVA_HOME, then PATH.
import * as path from 'path';

export const MINIMUM_JAVA = 17;

export type JavaSource = 'setting dftools.java.home' | 'JAVA_HOME' | 'PATH';

export interface JavaCandidate {
  readonly source: JavaSource;
  readonly executable: string;
}

export interface FoundJava extends JavaCandidate {
  readonly major: number;
  readonly versionText: string;
}

/** What a candidate turned out to be, for the message when none fits. */
export interface Rejected extends JavaCandidate {
  readonly reason: string;
}

export type JavaLookup =
  | { readonly kind: 'found'; readonly java: FoundJava; readonly rejected: readonly Rejected[] }
  | { readonly kind: 'missing'; readonly rejected: readonly Rejected[]; readonly message: string };

/** The host as far as Java discovery needs it. */
export interface JavaHost {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  isFile(file: string): boolean;
  /** Runs `executable -version` and returns what it printed (stderr and stdout), or throws. */
  versionOutput(executable: string): Promise<string>;
  /** The `release` file of the Java home the (symlink-resolved) executable belongs to, if any. */
  releaseFile(executable: string): string | undefined;
}

/**
 * The major version in `java -version` output: `version "17.0.15"` → 17, `version "1.8.0_292"` → 8,
 * `version "21"` → 21, `version "22-ea"` → 22. Undefined when there is no version line.
 */
export function parseJavaMajor(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!m) {
    return undefined;
  }
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** The major version in a Java home's `release` file: `JAVA_VERSION="17.0.15"` → 17. */
export function parseReleaseMajor(release: string): number | undefined {
  const m = /^JAVA_VERSION="([^"]+)"/m.exec(release);
  return m ? parseJavaMajor(`version "${m[1]}"`) : undefined;
}

function javaName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

/** The candidates in the order they are tried; a home is `<home>/bin/java`. */
export function javaCandidates(settingHome: string | undefined, host: JavaHost): JavaCandidate[] {
  const exe = javaName(host.platform);
  const p = host.platform === 'win32' ? path.win32 : path.posix;
  const candidates: JavaCandidate[] = [];
  if (settingHome && settingHome.trim()) {
    candidates.push({ source: 'setting dftools.java.home', executable: p.join(settingHome.trim(), 'bin', exe) });
  }
  const javaHome = host.env.JAVA_HOME;
  if (javaHome && javaHome.trim()) {
    candidates.push({ source: 'JAVA_HOME', executable: p.join(javaHome.trim(), 'bin', exe) });
  }
  const pathVar = host.env.PATH ?? host.env.Path ?? '';
  for (const dir of pathVar.split(host.platform === 'win32' ? ';' : ':')) {
    if (dir) {
      const file = p.join(dir, exe);
      if (host.isFile(file)) {
        candidates.push({ source: 'PATH', executable: file });
        break; // the one a shell would run
      }
    }
  }
  return candidates;
}

/** Tries the candidates in order and takes the first Java 17+. */
export async function findJava(settingHome: string | undefined, host: JavaHost): Promise<JavaLookup> {
  const rejected: Rejected[] = [];
  for (const candidate of javaCandidates(settingHome, host)) {
    if (!host.isFile(candidate.executable)) {
      rejected.push({ ...candidate, reason: 'no such file' });
      continue;
    }
    let output: string;
    try {
      // The home's release file says the version without starting a JVM; `java -version` otherwise.
      const release = host.releaseFile(candidate.executable);
      const fromRelease = release === undefined ? undefined : /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
      output = fromRelease !== undefined ? `version "${fromRelease}"` : await host.versionOutput(candidate.executable);
    } catch (e) {
      rejected.push({ ...candidate, reason: `'-version' failed: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const major = parseJavaMajor(output);
    if (major === undefined) {
      rejected.push({ ...candidate, reason: 'no version in its -version output' });
    } else if (major < MINIMUM_JAVA) {
      rejected.push({ ...candidate, reason: `Java ${major} is too old` });
    } else {
      const versionText = /version "([^"]+)"/.exec(output)?.[1] ?? String(major);
      return { kind: 'found', java: { ...candidate, major, versionText }, rejected };
    }
  }
  return { kind: 'missing', rejected, message: missingJavaMessage(rejected) };
}

/** One message that says what was tried and what to install. */
export function missingJavaMessage(rejected: readonly Rejected[]): string {
  const tried = rejected.length === 0
    ? 'no Java found (dftools.java.home and JAVA_HOME are not set, and there is no java on PATH)'
    : rejected.map((r) => `${r.source}: ${r.executable} (${r.reason})`).join('; ');
  return `dftools needs Java ${MINIMUM_JAVA} or newer to run the dfls language server: ${tried}. `
    + `Install a Java ${MINIMUM_JAVA}+ runtime (e.g. 'apt install openjdk-17-jre-headless', 'brew install openjdk@17', `
    + `or Eclipse Temurin 17 from adoptium.net) and set dftools.java.home to its folder if it is not on PATH.`;
}

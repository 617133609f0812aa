// The server's settings (language-server/src/main/resources/dfls-settings.json) are contributed
// one to one as `dftools.<key>`; the server asks for its section `dfls`, which this module builds
// from the `dftools` configuration.

/** The extension's own settings: they configure the client, not the server. */
export const CLIENT_ONLY_KEYS: readonly string[] = ['java.home', 'server.jvmArgs', 'trace.server'];

export const EXTENSION_SECTION = 'dftools';
export const SERVER_SECTION = 'dfls';

/** An entry of dfls-settings.json. */
export interface ServerSetting {
  readonly key: string;
  readonly type: string;
  readonly default: unknown;
  readonly description: string;
  readonly enum?: readonly string[];
}

/** A `contributes.configuration.properties` entry. */
export interface ContributedSetting {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: readonly string[];
}

/**
 * Differences between the server's list and the contributed settings (empty when they mirror
 * each other): every server key must be contributed with the same type, default, enum and
 * description, and every contributed key must be the server's or one of the client's own.
 */
export function mirrorProblems(server: readonly ServerSetting[], contributed: Readonly<Record<string, ContributedSetting>>): string[] {
  const problems: string[] = [];
  const serverKeys = new Set(server.map((s) => s.key));
  for (const s of server) {
    const name = `${EXTENSION_SECTION}.${s.key}`;
    const c = contributed[name];
    if (!c) {
      problems.push(`${name}: missing from contributes.configuration`);
      continue;
    }
    if (c.type !== s.type) {
      problems.push(`${name}: type ${JSON.stringify(c.type)} != server ${JSON.stringify(s.type)}`);
    }
    if (JSON.stringify(c.default) !== JSON.stringify(s.default)) {
      problems.push(`${name}: default ${JSON.stringify(c.default)} != server ${JSON.stringify(s.default)}`);
    }
    if (JSON.stringify(c.enum) !== JSON.stringify(s.enum)) {
      problems.push(`${name}: enum ${JSON.stringify(c.enum)} != server ${JSON.stringify(s.enum)}`);
    }
    if ((c.markdownDescription ?? c.description) !== s.description) {
      problems.push(`${name}: description differs from the server's`);
    }
  }
  for (const name of Object.keys(contributed)) {
    const key = name.startsWith(`${EXTENSION_SECTION}.`) ? name.slice(EXTENSION_SECTION.length + 1) : name;
    if (!serverKeys.has(key) && !CLIENT_ONLY_KEYS.includes(key)) {
      problems.push(`${name}: not a server setting (add it to dfls-settings.json or CLIENT_ONLY_KEYS)`);
    }
  }
  return problems;
}

/**
 * The `dfls` section for the server: flat dotted keys (the server reads both flat and nested),
 * only the server's keys, each from `get` (the effective value of `dftools.<key>`).
 */
export function serverSection(serverKeys: readonly string[], get: (key: string) => unknown): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const key of serverKeys) {
    const value = get(key);
    if (value !== undefined) {
      section[key] = value;
    }
  }
  return section;
}

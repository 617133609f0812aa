// The rule pages bundled with the extension (docs/rules/<CODE>.md, copied to docs/rules/ of the extension at build time).
import * as fs from 'fs';
import * as path from 'path';

export interface RuleDoc {
  readonly code: string;
  readonly name: string;
  readonly summary: string;
  readonly file: string;
}

const RULE_FILE = /^(DF\d{4})\.md$/;

/** Each page starts with `# DF3009 apt-lists-not-removed`, a blank line and a one-line summary. */
export function parseRulePage(code: string, text: string, file: string): RuleDoc {
  const lines = text.split(/\r?\n/);
  const heading = /^#\s+(\S+)\s*(.*)$/.exec(lines[0] ?? '');
  const name = heading && heading[1] === code ? heading[2].trim() : '';
  const summary = lines.slice(1).find((l) => l.trim() !== '')?.trim() ?? '';
  return { code, name, summary, file };
}

export function listRuleDocs(dir: string): RuleDoc[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir)
    .map((f) => RULE_FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const file = path.join(dir, m[0]);
      return parseRulePage(m[1], fs.readFileSync(file, 'utf8'), file);
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The rule code a diagnostic carries, e.g. `DF3009` (also inside `{value, target}` codes). */
export function ruleCodeOf(code: unknown): string | undefined {
  const value = typeof code === 'object' && code !== null && 'value' in code ? (code as { value: unknown }).value : code;
  return typeof value === 'string' && /^DF\d{4}$/.test(value) ? value : undefined;
}

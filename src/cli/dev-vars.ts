// Reading and updating .dev.vars (KEY=value lines), the local secrets file wrangler reads.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function readDevVars(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = unquote(match[2] ?? '');
  }
  return vars;
}

/** Sets keys in place, keeping every other line (comments included) as it was. */
export function writeDevVars(path: string, updates: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const pending = new Map(Object.entries(updates));
  const out = lines.map((line) => {
    const key = /^\s*([A-Z0-9_]+)\s*=/.exec(line)?.[1];
    if (key && pending.has(key)) {
      const value = pending.get(key) ?? '';
      pending.delete(key);
      return `${key}=${quote(value)}`;
    }
    return line;
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  for (const [key, value] of pending) out.push(`${key}=${quote(value)}`);
  writeFileSync(path, `${out.join('\n')}\n`);
}

function unquote(value: string): string {
  const m = /^"(.*)"$/s.exec(value);
  return m?.[1] !== undefined ? m[1].replace(/\\n/g, '\n').replace(/\\"/g, '"') : value;
}

function quote(value: string): string {
  return /[\s"#\n]/.test(value) ? `"${value.replace(/"/g, '\\"').replace(/\n/g, '\\n')}"` : value;
}

// Optional persistence: the whole state as one JSON file in the state folder, rewritten after
// each change (write to a temporary file, then rename, so a crash never leaves half a file).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredState } from './types';

const FILE = 'notion-state.json';

export function loadState(stateDir: string): StoredState | undefined {
  const path = join(stateDir, FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as StoredState;
}

export function saveState(stateDir: string, state: StoredState): void {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, path);
}

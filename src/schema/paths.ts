import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (holding schemas/kubernetes), from src/ or dist/src/ alike. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'schemas', 'kubernetes', 'index.json'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the bundled schemas (schemas/kubernetes/index.json)');
    dir = parent;
  }
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WriteError, writeFileAtomic } from '../util/atomic-write.js';
import type { FileFix } from './fix-project.js';

const BOM = '\uFEFF';

/**
 * Writes the fixed files: each atomically (temporary file, then rename), keeping its byte-order
 * mark, and not when it changed on disk since it was read. Returns the problems, one line each.
 */
export function writeFixes(changes: readonly FileFix[], cwd: string, skip?: string): string[] {
  const failures: string[] = [];
  for (const change of changes) {
    if (change.file === skip) continue;
    const path = resolve(cwd, change.file);
    try {
      const current = readFileSync(path, 'utf8');
      const bom = current.startsWith(BOM);
      if ((bom ? current.slice(1) : current) !== change.before) {
        failures.push(`${change.file}: changed on disk while k8slint ran; not fixed`);
        continue;
      }
      writeFileAtomic(path, (bom ? BOM : '') + change.after);
    } catch (error) {
      failures.push(error instanceof WriteError ? error.message : `${change.file}: ${(error as Error).message}`);
    }
  }
  return failures;
}

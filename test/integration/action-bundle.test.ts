import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('committed GitHub Action bundle', () => {
  it('is what `npm run build:action` builds from the current sources', () => {
    const out = mkdtempSync(join(tmpdir(), 'k8slint-bundle-'));
    execFileSync(process.execPath, [join(root, 'src/action/bundle.mjs'), '--outdir', out]);
    for (const name of ['index.js', 'fetch-worker.js', 'lint-worker.js', 'cel-library.cjs', 'ajv-library.cjs']) {
      const fresh = readFileSync(join(out, name), 'utf8');
      const committed = readFileSync(join(root, 'action', name), 'utf8');
      expect(fresh === committed, `action/${name} is stale: run npm run build:action and commit it`).toBe(true);
    }
  });
});

// What load-full.ts becomes in the bundled CLI (scripts/bundle-cli.mjs swaps them): the lint bundle is
// the CommonJS file lint.cjs next to the entry, loaded through a V8 code cache so that a run after the
// first does not compile 1.2 MB of JavaScript again (Node 20 has no compile cache of its own).
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './cached-require.js';
import type { FullCli } from './load-full.js';

export type { FullCli };

export function loadFullCli(): Promise<FullCli> {
  const loaded = requireWithCodeCache(fileURLToPath(new URL('./lint.cjs', import.meta.url)));
  // After the run, so the functions the run compiled are cached too.
  process.once('exit', () => loaded.saveCache());
  return Promise.resolve(loaded.exports as FullCli);
}

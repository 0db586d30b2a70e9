/**
 * Loads the CEL engine (@marcbachmann/cel-js) and RE2 (re2js) on first use, synchronously, so that a
 * run that uses no CEL neither runs nor even parses them. `createRequire` is opaque to esbuild, so
 * no bundle inlines them: next to a bundle that runs without node_modules (the GitHub Action) they
 * are the file `cel-library.cjs` (built from bundle-entry.ts); anywhere else (dist/src, the CLI
 * bundle of the installed package, tests) they come from node_modules. Node ≥ 20.19 loads the
 * engine, an ES module, with `require`.
 */
import { lazyLibrary } from '../bundled-library.js';
import type * as BundleEntry from './bundle-entry.js';

export type CelLibrary = typeof BundleEntry;

/** The file name src/action/bundle.mjs gives the bundled library. */
export const BUNDLED_LIBRARY = 'cel-library.cjs';

export const celLibrary = lazyLibrary<CelLibrary>(BUNDLED_LIBRARY, (load) => {
  const engine = load('@marcbachmann/cel-js') as Pick<CelLibrary, 'Environment' | 'Optional'>;
  const re2 = load('re2js') as Pick<CelLibrary, 'RE2JS'>;
  return { Environment: engine.Environment, Optional: engine.Optional, RE2JS: re2.RE2JS };
});

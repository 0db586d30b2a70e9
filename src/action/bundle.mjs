#!/usr/bin/env node
// Bundles the GitHub Action entry (src/action/index.ts and everything it imports, rules included)
// into committed files, action/index.js (and the schema fetch worker, action/fetch-worker.js), run by
// the runner's Node with no npm install. The bundled Kubernetes schemas are read from schemas/ of the
// action's checkout.
// Run `npm run build:action` after changing rules or sources, and commit action/*.js.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
// `--outdir DIR` builds elsewhere (the test that checks the committed bundle is up to date).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg === -1 ? 'action' : process.argv[outArg + 1];
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/action/index.ts', out: 'index' },
    // Spawned by src/schema/setup.ts (as a sibling file) to fetch remote schema locations.
    { in: 'src/schema/fetch-worker.ts', out: 'fetch-worker' },
    // Spawned by src/app/workers/pool.ts (as a sibling file) for --workers; without it the action lints on one thread.
    { in: 'src/app/workers/lint-worker.ts', out: 'lint-worker' },
  ],
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // CommonJS dependencies call require() for Node built-ins; ESM output needs one.
  banner: { js: "import { createRequire as __k8slintCreateRequire } from 'node:module';\nconst require = __k8slintCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  charset: 'utf8',
  logLevel: 'warning',
});
// The CEL engine and RE2, loaded on the first CEL compile (src/util/cel/library.ts) from this sibling
// file, which no run without CEL reads.
await build({
  absWorkingDir: root,
  entryPoints: [{ in: 'src/util/cel/bundle-entry.ts', out: 'cel-library' }],
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});
// Ajv, loaded on first use (src/schema/ajv.ts) from this sibling file, which a run whose kinds are
// all precompiled and that has no config file never reads.
await build({
  absWorkingDir: root,
  entryPoints: [{ in: 'src/schema/ajv-library-entry.ts', out: 'ajv-library' }],
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});

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
// Libraries loaded on first use from sibling files that no run without them reads: the CEL engine and
// RE2 on the first CEL compile (src/util/cel/library.ts), Ajv when a kind is not precompiled or a
// config file is validated (src/schema/ajv.ts).
for (const [entry, out] of [
  ['src/util/cel/bundle-entry.ts', 'cel-library'],
  ['src/schema/ajv-library-entry.ts', 'ajv-library'],
])
  await build({
    absWorkingDir: root,
    entryPoints: [{ in: entry, out }],
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

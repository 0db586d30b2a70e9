#!/usr/bin/env node
// Bundles the GitHub Action entry (src/action/index.ts and everything it imports, rules included)
// into one committed file, action/index.js, run by the runner's Node with no npm install.
// Run `npm run build:action` after changing rules or sources, and commit action/index.js.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile: 'action/index.js',
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

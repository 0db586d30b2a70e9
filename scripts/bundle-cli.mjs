#!/usr/bin/env node
// Bundles the command line (src/cli/main.ts and everything it imports, dependencies included) into
// dist/cli/, which package.json's `bin` points to: a start-up reads a few files instead of some
// 400 modules. The entry k8slint.js answers `--version` and `--help` alone; everything else (rules,
// parsers, schemas, formats) is lint.cjs, a CommonJS bundle the entry loads through a V8 code cache
// (src/cli/load-full-bundled.ts): Node 20 can cache compiled code only for scripts, not ES modules.
// dist/src (tsc's output) stays the library API with its types. Run by `npm run build`, after tsc and the validators.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg === -1 ? 'dist/cli' : process.argv[outArg + 1];
rmSync(new URL(outdir, `file://${root}`), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // A smaller file is read, decoded and compiled faster (1.2 MB instead of 2.3 MB for the lint bundle);
  // nothing relies on function or class names, and users never see a stack trace.
  minify: true,
  // CommonJS dependencies call require() for Node built-ins; ESM output needs one.
  banner: {
    js: "import { createRequire as __k8slintCreateRequire } from 'node:module';\nconst require = __k8slintCreateRequire(import.meta.url);",
  },
  // Without esbuild's default `module` condition, a package that ships CommonJS and ESM builds
  // (vscode-languageserver-types, which dockerfile-ast require()s from some 30 modules) bundles its
  // CommonJS build, as Node resolves it, instead of the ESM one wrapped anew for every require():
  // that wrapping copied every export each time (about 2 ms of each start-up, measured).
  conditions: [],
  legalComments: 'eof',
  // ASCII output (other characters as \u escapes): V8 keeps the source one byte per character, and
  // src/cli/cached-require.ts decodes it as latin1, several times faster than UTF-8.
  charset: 'ascii',
  logLevel: 'warning',
};
/** In the entry, load-full.ts (a dynamic import of the sources) becomes load-full-bundled.ts (lint.cjs through the code cache). */
const loadFromLintBundle = {
  name: 'load-full-from-lint-bundle',
  setup(on) {
    on.onResolve({ filter: /^\.\/load-full\.js$/ }, () => ({
      path: fileURLToPath(new URL('../src/cli/load-full-bundled.ts', import.meta.url)),
    }));
  },
};
await build({ ...common, entryPoints: [{ in: 'src/cli/main.ts', out: 'k8slint' }], plugins: [loadFromLintBundle] });
await build({
  ...common,
  entryPoints: [{ in: 'src/cli/full.ts', out: 'lint' }],
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The sources find their sibling files (validators, Ajv, schemas) from import.meta.url.
  define: { 'import.meta.url': '__k8slintModuleUrl' },
  banner: { js: "var __k8slintModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: [
    // Spawned by src/schema/setup.ts (as a sibling file of the code that spawns it) to fetch remote
    // schema locations; built on its own so that its code stays out of the lint bundle.
    { in: 'src/schema/fetch-worker.ts', out: 'fetch-worker' },
    // Spawned by src/app/workers/pool.ts (as a sibling file of lint.cjs) for --workers and `auto` on
    // big runs; without it the command would lint on one thread whatever it is told.
    { in: 'src/app/workers/lint-worker.ts', out: 'lint-worker' },
  ],
});
// Ajv and its standalone code generator, loaded on first use (src/util/ajv-library.ts) from this sibling
// file: a run whose kinds are all precompiled and that has no config file to validate never reads it.
await build({
  ...common,
  banner: {},
  entryPoints: [{ in: 'src/schema/ajv-library-entry.ts', out: 'ajv-library' }],
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
});

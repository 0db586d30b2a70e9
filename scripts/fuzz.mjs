#!/usr/bin/env node
// The long fuzz run (issue 17), outside `npm test`: seeded fast-check properties over generated
// Dockerfiles, Kubernetes manifests, Compose-shaped YAML and runs of several files, through the
// built library (npm run build first). Each input must lint without an exception or an
// internal-error finding, give an exit code of 0, 1 or 2, put every finding inside its file, and
// take under 5 s. Prints the count, the seeds and every find (with its shrunk input).
//
//   node scripts/fuzz.mjs [--runs 100000] [--seed 17]
import fc from 'fast-check';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compose, dockerfile, manifest, outsideTheFile } from './fuzz-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { lintTexts } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
const { exitCode } = await import(pathToFileURL(join(root, 'dist/src/app/exit-code.js')).href);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const RUNS = arg('--runs', 100_000);
const SEED = arg('--seed', 17);
const SLOW_MS = 5000;

/** Throws (a find) unless linting `files` is clean in the sense above. */
function check(files) {
  const started = performance.now();
  const { findings, errors } = lintTexts(files);
  const ms = performance.now() - started;
  const internal = findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message);
  if (internal.length > 0) throw new Error(`internal error: ${internal.join('; ')}`);
  const outside = outsideTheFile(findings, files);
  if (outside.length > 0) throw new Error(`finding outside its file: ${JSON.stringify(outside[0])}`);
  const unnamed = errors.filter((e) => !files.some((f) => f.path === e.file));
  if (unnamed.length > 0) throw new Error(`input error naming no input: ${JSON.stringify(unnamed[0])}`);
  const code = exitCode(findings, errors, 'warning');
  if (![0, 1, 2].includes(code)) throw new Error(`exit code ${code}`);
  if (ms > SLOW_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
}

const suites = [
  { name: 'Kubernetes manifests', share: 0.35, arbitrary: manifest.map((f) => [f]) },
  { name: 'Dockerfiles', share: 0.35, arbitrary: dockerfile.map((f) => [f]) },
  { name: 'Compose-shaped YAML', share: 0.15, arbitrary: compose.map((f) => [f]) },
  {
    name: 'runs of several files',
    share: 0.15,
    arbitrary: fc
      .tuple(manifest, dockerfile, manifest, compose)
      .map(([a, b, c, d]) => [a, { ...b, path: `sub/${b.path}` }, { ...c, path: `other-${c.path}` }, d]),
  },
];

console.log(`k8slint fuzz: ${RUNS} inputs, seed ${SEED} (suite i uses seed ${SEED}+i)`);
let total = 0;
let finds = 0;
const started = performance.now();
suites.forEach((suite, i) => {
  const numRuns = Math.round(RUNS * suite.share);
  const seed = SEED + i;
  const suiteStart = performance.now();
  let ran = 0;
  const result = fc.check(
    fc.property(suite.arbitrary, (files) => {
      ran++;
      if (ran % 5000 === 0) console.log(`  ${suite.name}: ${ran}/${numRuns} (${((performance.now() - suiteStart) / 1000).toFixed(0)} s)`);
      check(files);
    }),
    { seed, numRuns, endOnFailure: true },
  );
  total += result.numRuns;
  const seconds = ((performance.now() - suiteStart) / 1000).toFixed(0);
  if (result.failed) {
    finds++;
    console.log(`${suite.name}: FIND after ${result.numRuns} inputs (seed ${seed}, path ${result.counterexamplePath}), ${seconds} s`);
    console.log(`  ${String(result.errorInstance?.message ?? result.error)}`);
    console.log(`  input: ${JSON.stringify(result.counterexample?.[0]).slice(0, 2000)}`);
  } else console.log(`${suite.name}: ${result.numRuns} inputs, seed ${seed}, no find, ${seconds} s`);
});
console.log(`total: ${total} inputs in ${((performance.now() - started) / 1000).toFixed(0)} s, ${finds} suite(s) with a find`);
process.exitCode = finds > 0 ? 1 : 0;

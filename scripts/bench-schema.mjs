#!/usr/bin/env node
// Strict schema validation of ../shared/corpus/real/yaml: k8slint's validators (bundled Kubernetes
// 1.36 schemas compiled per kind on first use, CRDs of the run converted and compiled per kind)
// next to the precompiled validators of the kubernetes-models package, in the same process, on
// the same parsed objects. Called by scripts/bench.mjs; alone: npm run build && node scripts/bench-schema.mjs
// (K8SLINT_NO_CACHE=1 for cold compile times without the disk cache of compiled kinds).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus', 'real', 'yaml');
if (!existsSync(corpus)) {
  console.log('\nschema validation: ../shared/corpus/real/yaml is absent, skipped');
  process.exit(0);
}
const dist = (p) => import(pathToFileURL(join(root, 'dist', 'src', p)).href);
const { discover } = await dist('discover/discover.js');
const { parseFile } = await dist('engine/lint.js');
const { SchemaProvider } = await dist('schema/provider.js');

let started = performance.now();
const discovery = discover([corpus], { cwd: root, ignorePaths: [] });
const objects = [];
for (const file of discovery.files) {
  if (file.kind !== 'kubernetes') continue;
  const parsed = parseFile(file);
  if (parsed.kubernetes) objects.push(...parsed.kubernetes.objects);
}
const parseMs = performance.now() - started;

// k8slint: every object of the run.
started = performance.now();
const provider = new SchemaProvider({ kubernetesVersion: '1.36' });
provider.addObjects(objects);
let k8slintChecked = 0;
let k8slintInvalid = 0;
let builtinChecked = 0;
let builtinInvalid = 0;
let builtinMs = 0;
for (const object of objects) {
  const t = performance.now();
  const issues = provider.issues(object);
  if (!issues) continue;
  k8slintChecked++;
  if (issues.length > 0) k8slintInvalid++;
  if (provider.bundled.stem(object.apiVersion, object.kind) && !provider.definedByCrd(object.apiVersion, object.kind)) {
    builtinChecked++;
    if (issues.length > 0) builtinInvalid++;
    builtinMs += performance.now() - t;
  }
}
const k8slintMs = performance.now() - started;

// kubernetes-models: the built-in kinds it has a class for (it has no CRD support).
started = performance.now();
let modelsChecked = 0;
let modelsInvalid = 0;
const modules = new Map();
for (const object of objects) {
  if (!provider.bundled.stem(object.apiVersion, object.kind) || provider.definedByCrd(object.apiVersion, object.kind)) continue;
  const path = `kubernetes-models/${object.apiVersion}`;
  if (!modules.has(path)) modules.set(path, await import(path).catch(() => null));
  const Model = modules.get(path)?.[object.kind];
  if (typeof Model !== 'function') continue;
  modelsChecked++;
  try {
    new Model(object.node.value).validate();
  } catch {
    modelsInvalid++;
  }
}
const modelsMs = performance.now() - started;

const compileMs = provider.bundled.compileMs + provider.compileMs;
const row = (name, n, invalid, ms, note) =>
  console.log(`  ${name.padEnd(34)} ${String(n).padStart(7)} ${String(invalid).padStart(8)} ${ms.toFixed(0).padStart(9)}  ${note}`);
console.log(
  `\nstrict schema validation, ../shared/corpus/real/yaml: ${discovery.files.length} files, ${objects.length} objects (parsed once in ${(parseMs / 1000).toFixed(1)} s, not counted)`,
);
console.log(`  ${'validator'.padEnd(34)} ${'objects'.padStart(7)} ${'invalid'.padStart(8)} ${'time (ms)'.padStart(9)}`);
row(
  'k8slint, all kinds with a schema',
  k8slintChecked,
  k8slintInvalid,
  k8slintMs,
  `compile ${compileMs.toFixed(0)} ms (bundled ${provider.bundled.compiledKinds} kinds, ${provider.bundled.cachedKinds} of them from the disk cache, ${provider.bundled.compileMs.toFixed(0)} ms; CRDs ${provider.compileMs.toFixed(0)} ms), validate ${provider.validateMs.toFixed(0)} ms`,
);
row('k8slint, built-in kinds only', builtinChecked, builtinInvalid, builtinMs, 'included in the row above');
row(
  'kubernetes-models 4.5.1 (built-in)',
  modelsChecked,
  modelsInvalid,
  modelsMs,
  'precompiled validators, first error only, including module loading',
);

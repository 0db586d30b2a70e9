#!/usr/bin/env node
// npm run bench [-- --n 500]: k8slint against baselines measured in the same run, each in its
// own process (wall time of the task, peak RSS of the process). Figures are ratios first.
// Then kubeconform -strict on the real corpus (when a kubeconform binary is on PATH), k8slint with
// one thread and with worker threads, and a scale series (objects and files generated into a temp
// folder) whose per-object and per-file figures show whether time and memory grow linearly.
// K8SLINT_BENCH_QUICK=1 leaves out the largest sizes (100k objects, 50k files).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printStartup, printWarmCache } from './bench-startup.mjs';
import { scaleSeries } from './bench-scale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nArg = process.argv.indexOf('--n');
const N = nArg !== -1 ? Number(process.argv[nArg + 1]) : 500;
// `--only corpus` or `--only scale`: one part of the benchmark.
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg !== -1 ? process.argv[onlyArg + 1] : undefined;
const corpus = join(root, '..', 'shared', 'corpus', 'real');
const work = mkdtempSync(join(tmpdir(), 'k8slint-bench-'));

function measure(task, files) {
  const list = join(work, `${task}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(list, files.join('\n'));
  const out = execFileSync(process.execPath, [join(root, 'scripts/bench-task.mjs'), task, list], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

function bytesOf(files) {
  return files.reduce((sum, f) => sum + statSync(f).size, 0);
}

function walk(dir, keep) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? walk(full, keep) : keep(e.name) ? [full] : [];
  });
}

function table(title, files, tasks) {
  const bytes = bytesOf(files);
  const results = tasks.map((t) => measure(t, files));
  const base = results[0];
  console.log(`\n${title}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log('  task              time      CPU    files/s     MB/s   peak RSS   time vs ' + base.task);
  for (const r of results) {
    const s = r.ms / 1000;
    console.log(
      `  ${r.task.padEnd(16)} ${(s.toFixed(2) + ' s').padStart(8)} ${((r.cpuMs / 1000).toFixed(2) + ' s').padStart(8)} ${(files.length / s).toFixed(0).padStart(10)} ${(bytes / 1e6 / s).toFixed(2).padStart(8)} ${((r.maxRssKb / 1024).toFixed(0) + ' MB').padStart(10)}   ${(r.ms / base.ms).toFixed(2)}x`,
    );
  }
  return results;
}

function generated(n) {
  const dir = join(work, 'generated');
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const manifest = join(dir, `app-${i}.yaml`);
    writeFileSync(
      manifest,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
  labels: {app: app-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:${i % 3 === 0 ? 'latest' : '1.' + i}
          ports: [{containerPort: 8080}]
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            ${i % 2 === 0 ? 'limits: {memory: 256Mi}' : 'limits: {cpu: 500m}'}
          securityContext: {privileged: ${i % 5 === 0}}
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: 8080}]
`,
    );
    files.push(manifest);
    const dockerfile = join(dir, `app-${i}.Dockerfile`);
    writeFileSync(
      dockerfile,
      `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN apt-get update && apt-get install${i % 2 ? ' -y' : ''} --no-install-recommends git ca-certificates \\
    && rm -rf /var/lib/apt/lists/*
RUN go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static-debian12${i % 4 === 0 ? '' : ':nonroot'}
COPY --from=build /out/app /app
USER 65532
ENTRYPOINT ["/app"]
`,
    );
    files.push(dockerfile);
  }
  return files;
}

console.log(`k8slint benchmark (node ${process.version}; one run per task, each in its own process)`);
if (!only) {
  const gen = generated(N);
  table(
    `generated corpus, ${N} manifests (Deployment + Service)`,
    gen.filter((f) => f.endsWith('.yaml')),
    ['yaml', 'js-yaml', 'k8slint'],
  );
  table(
    `generated corpus, ${N} Dockerfiles`,
    gen.filter((f) => f.endsWith('.Dockerfile')),
    ['dockerfilelint', 'k8slint'],
  );
}

if (only === 'scale') {
  // the scale series alone
} else if (existsSync(corpus)) {
  const yamlFiles = walk(join(corpus, 'yaml'), (n) => /\.(ya?ml|json)$/.test(n));
  const yamlResults = table('real corpus YAML (../shared/corpus/real/yaml)', yamlFiles, ['yaml', 'js-yaml', 'k8slint', 'k8slint-workers']);
  printWorkers(yamlResults);
  kubeconformVersus(yamlFiles);
  const dockerfiles = walk(join(corpus, 'docker'), () => true);
  table('real corpus Dockerfiles (../shared/corpus/real/docker)', dockerfiles, ['dockerfilelint', 'k8slint']);
  const all = [...yamlFiles, ...dockerfiles];
  table('real corpus, everything in one k8slint run', all, ['k8slint']);
} else {
  console.log('\n../shared/corpus/real is absent: real-corpus figures skipped');
}

if (only !== 'corpus') scaleSeries();
// Start-up ratio and warm --cache run (scripts/bench-startup.mjs).
if (only !== 'scale') {
  printStartup();
  printWarmCache(corpus);
}

const schemaBench = join(root, 'scripts/bench-schema.mjs');
if (!only && existsSync(schemaBench)) execFileSync(process.execPath, [schemaBench], { stdio: 'inherit' });

/** A program's wall time and peak RSS (GNU time when present), or undefined when it is not on PATH. */
function measureProgram(program, args) {
  const which = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const gnuTime = existsSync('/usr/bin/time');
  const started = performance.now();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', program, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(program, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  const maxRssKb = gnuTime ? Number(run.stderr.trim().split('\n').pop()) : NaN;
  return { task: program, ms, maxRssKb };
}

/** k8slint (one thread, worker threads) against kubeconform -strict on the same files, in the same run. */
function kubeconformVersus(files) {
  const list = join(work, 'kubeconform-files.txt');
  writeFileSync(list, files.join('\n'));
  const kubeconform = measureProgram('kubeconform', ['-strict', '-summary', '-ignore-missing-schemas', '-n', '2', ...files]);
  if (!kubeconform) {
    console.log('\nkubeconform is not on PATH (not on npm or apt): the comparison with kubeconform -strict is skipped');
    return;
  }
  const one = measure('k8slint', files);
  const many = measure('k8slint-workers', files);
  console.log(`\nreal corpus YAML against kubeconform -strict (${files.length} files)`);
  for (const r of [kubeconform, one, many])
    console.log(
      `  ${r.task.padEnd(16)} ${((r.ms / 1000).toFixed(2) + ' s').padStart(8)}   ${(r.ms / kubeconform.ms).toFixed(2)}x kubeconform`,
    );
}

/** Single- against multi-worker k8slint on the same files, from the table's two rows. */
function printWorkers(results) {
  const one = results.find((r) => r.task === 'k8slint');
  const many = results.find((r) => r.task === 'k8slint-workers');
  if (!one || !many) return;
  console.log(
    `  single- vs multi-worker time (--workers 1 vs auto, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}): ` +
      `${(one.ms / 1000).toFixed(2)} s vs ${(many.ms / 1000).toFixed(2)} s wall (${(many.ms / one.ms).toFixed(2)}x), ` +
      `${(one.cpuMs / 1000).toFixed(2)} s vs ${(many.cpuMs / 1000).toFixed(2)} s CPU`,
  );
}

// Compose: k8slint against dclint on the real Compose files (scripts/bench-compose.mjs).
const composeBench = join(root, 'scripts/bench-compose.mjs');
if (only !== 'scale' && existsSync(composeBench)) execFileSync(process.execPath, [composeBench], { stdio: 'inherit' });

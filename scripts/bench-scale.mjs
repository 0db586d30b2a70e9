#!/usr/bin/env node
// The scale series of `npm run bench` (issue 17): the whole CLI process (package.json's bin, one
// thread, JSON report to a file) over generated projects of growing size, with its wall time, CPU
// time (every thread of the process) and peak RSS as the process itself measured them
// (process.resourceUsage at exit, through a preloaded module). Per-object figures that stay flat
// mean linear growth. On a shared machine CPU time is the figure to read; the load is printed.
//   node scripts/bench-scale.mjs                  the series (K8SLINT_BENCH_QUICK=1: 1k and 10k only)
//   node scripts/bench-scale.mjs objects 100000   one size of one series
//   K8SLINT_BENCH_NODE_FLAGS=--max-old-space-size=1536 …   the CLI under the hostile tests' heap cap
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.k8slint);

/** Extra flags for the measured Node process, e.g. K8SLINT_BENCH_NODE_FLAGS=--max-old-space-size=1536 (the hostile tests' heap cap). */
const NODE_FLAGS = (process.env.K8SLINT_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** Issue 17's bounds for every input. */
export const BOUND_S = 20;
export const BOUND_RSS_MB = 1536;

/**
 * The series: by objects (a `helm template`-sized stream of 100 objects per file) and by files
 * (one Deployment and its Service per file). Every 20th Service's selector has a typo, so the
 * cross-object rules report misses and look for near misses, as in a real project.
 */
export const SERIES = [
  { unit: 'objects', sizes: [1000, 10_000, 100_000], quick: [1000, 10_000], objectsPerFile: 100, files: (n) => n / 100 },
  { unit: 'files', sizes: [1000, 10_000, 50_000], quick: [1000, 10_000], objectsPerFile: 2, files: (n) => n },
];

function deployment(app, namespace, i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: ${namespace}, labels: {app: ${app}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:${i % 3 === 0 ? 'latest' : '1.2'}
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}`;
}

function service(app, namespace, i) {
  const selected = i % 20 === 19 ? `${app}x` : app;
  return `apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: ${namespace}}
spec:
  selector: {app: ${selected}}
  ports: [{port: 80, targetPort: 8080}]`;
}

/** `files` files of `objectsPerFile` objects (Deployment and Service pairs) in one folder; returns the folder. */
export function scaleProject(parent, files, objectsPerFile) {
  const dir = join(parent, `scale-${files}x${objectsPerFile}`);
  mkdirSync(dir, { recursive: true });
  let pair = 0;
  for (let f = 0; f < files; f++) {
    const docs = [];
    for (let o = 0; o < objectsPerFile; o += 2, pair++) {
      const app = `app-${pair}`;
      const namespace = `ns-${pair % 10}`;
      docs.push(deployment(app, namespace, pair));
      if (o + 1 < objectsPerFile) docs.push(service(app, namespace, pair));
    }
    writeFileSync(join(dir, `f${String(f).padStart(6, '0')}.yaml`), docs.join('\n---\n') + '\n');
  }
  return dir;
}

/** A module preloaded into the CLI process that writes its own resource usage when it exits. */
function rusagePreload(work) {
  const path = join(work, 'rusage.mjs');
  writeFileSync(
    path,
    `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.K8SLINT_BENCH_RUSAGE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
});
`,
  );
  return pathToFileURL(path).href;
}

/** One CLI run over `dir`: wall, CPU, peak RSS, exit status, findings and input errors. */
export function measureCli(work, dir) {
  const report = join(work, 'report.json');
  const usage = join(work, 'rusage.json');
  rmSync(usage, { force: true });
  const out = openSync(report, 'w');
  const load = loadavg()[0];
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [...NODE_FLAGS, '--import', rusagePreload(work), bin, '--format', 'json', '--workers', '1', '.'],
    {
      cwd: dir,
      stdio: ['ignore', out, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, K8SLINT_BENCH_RUSAGE: usage, XDG_CACHE_HOME: join(work, 'cache'), NO_COLOR: '1' },
    },
  );
  const ms = performance.now() - started;
  closeSync(out);
  if (run.status === null || run.status > 2)
    throw new Error(`k8slint over ${dir} failed (${run.status ?? run.signal}): ${run.stderr.slice(0, 2000)}`);
  const { cpuMs, maxRssKb } = JSON.parse(readFileSync(usage, 'utf8'));
  const reportBytes = statSync(report).size;
  const parsed = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  return { ms, cpuMs, maxRssKb, status: run.status, findings: parsed.findings.length, errors: parsed.errors.length, reportBytes, load };
}

const HEADER = '  size            files   objects      wall       CPU  peak RSS  CPU ms/1k obj  KB/obj  findings  errors  exit  load';

function row(label, files, objects, r) {
  // CPU time, not wall: on a shared machine the wall time measures the other processes too.
  const over = [r.cpuMs / 1000 > BOUND_S && `CPU > ${BOUND_S} s`, r.maxRssKb / 1024 > BOUND_RSS_MB && `RSS > ${BOUND_RSS_MB} MB`].filter(
    Boolean,
  );
  const flag = over.length > 0 ? `  over the bound: ${over.join(', ')}` : '';
  return (
    `  ${label.padEnd(14)} ${String(files).padStart(6)} ${String(objects).padStart(9)} ${((r.ms / 1000).toFixed(2) + ' s').padStart(9)}` +
    ` ${((r.cpuMs / 1000).toFixed(2) + ' s').padStart(9)} ${((r.maxRssKb / 1024).toFixed(0) + ' MB').padStart(9)}` +
    ` ${(r.cpuMs / (objects / 1000)).toFixed(0).padStart(14)} ${(r.maxRssKb / objects).toFixed(1).padStart(7)}` +
    ` ${String(r.findings).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.status).padStart(5)} ${r.load.toFixed(1).padStart(5)}${flag}`
  );
}

/** Runs the series (or one size of one series) and prints the table. */
export function scaleSeries({ quick = process.env.K8SLINT_BENCH_QUICK === '1', unit, size } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'k8slint-scale-'));
  try {
    console.log(
      `\nscale series: the CLI (--workers 1, --format json${NODE_FLAGS.length ? `, node ${NODE_FLAGS.join(' ')}` : ''}) over generated Deployment + Service pairs; one run per size`,
    );
    console.log(HEADER);
    for (const series of SERIES) {
      if (unit !== undefined && series.unit !== unit) continue;
      const sizes = size !== undefined ? [size] : quick ? series.quick : series.sizes;
      for (const n of sizes) {
        const files = series.files(n);
        const dir = scaleProject(work, files, series.objectsPerFile);
        const r = measureCli(work, dir);
        rmSync(dir, { recursive: true, force: true });
        console.log(row(`${n / 1000}k ${series.unit}`, files, files * series.objectsPerFile, r));
      }
    }
    if (quick && size === undefined) console.log('  (K8SLINT_BENCH_QUICK=1: 100k objects and 50k files left out)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [unit, size] = process.argv.slice(2);
  if (unit !== undefined && !SERIES.some((s) => s.unit === unit)) {
    console.error(`usage: node scripts/bench-scale.mjs [objects|files [size]]`);
    process.exit(2);
  }
  scaleSeries({ unit, size: size === undefined ? undefined : Number(size) });
}

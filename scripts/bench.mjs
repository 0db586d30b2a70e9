#!/usr/bin/env node
// npm run bench [-- --n 500]: k8slint against baselines measured in the same run, each in its
// own process (wall time of the task, peak RSS of the process). Figures are ratios first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nArg = process.argv.indexOf('--n');
const N = nArg !== -1 ? Number(process.argv[nArg + 1]) : 500;
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
  console.log('  task            time      files/s     MB/s   peak RSS   time vs ' + base.task);
  for (const r of results) {
    const s = r.ms / 1000;
    console.log(
      `  ${r.task.padEnd(14)} ${(s.toFixed(2) + ' s').padStart(8)} ${(files.length / s).toFixed(0).padStart(10)} ${(bytes / 1e6 / s).toFixed(2).padStart(8)} ${((r.maxRssKb / 1024).toFixed(0) + ' MB').padStart(10)}   ${(r.ms / base.ms).toFixed(2)}x`,
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

if (existsSync(corpus)) {
  const yamlFiles = walk(join(corpus, 'yaml'), (n) => /\.(ya?ml|json)$/.test(n));
  table('real corpus YAML (../shared/corpus/real/yaml)', yamlFiles, ['yaml', 'js-yaml', 'k8slint']);
  const dockerfiles = walk(join(corpus, 'docker'), () => true);
  table('real corpus Dockerfiles (../shared/corpus/real/docker)', dockerfiles, ['dockerfilelint', 'k8slint']);
  const all = [...yamlFiles, ...dockerfiles];
  table('real corpus, everything in one k8slint run', all, ['k8slint']);
} else {
  console.log('\n../shared/corpus/real is absent: real-corpus figures skipped');
}

const schemaBench = join(root, 'scripts/bench-schema.mjs');
if (existsSync(schemaBench)) execFileSync(process.execPath, [schemaBench], { stdio: 'inherit' });

// Compose: k8slint against dclint on the real Compose files (scripts/bench-compose.mjs).
const composeBench = join(root, 'scripts/bench-compose.mjs');
if (existsSync(composeBench)) execFileSync(process.execPath, [composeBench], { stdio: 'inherit' });

#!/usr/bin/env node
// One measurement in its own process, so peak memory belongs to that task alone.
// Usage: node scripts/bench-task.mjs <task> <file-list.txt>; prints one JSON line.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const [task, listFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);

async function k8slint(workers) {
  const { runLint } = await import(pathToFileURL(join(root, 'dist/src/cli/run.js')).href);
  await runLint(
    { command: 'lint', paths: files, format: 'json', rules: [], disabled: [], presets: [], quiet: false, workers },
    { cwd: '/', readStdin: () => '', stdout: () => {}, stderr: () => {}, colorDefault: false, version: 'bench' },
  );
}

const tasks = {
  // the whole k8slint pipeline, in process: discovery of the named files, parse, every stable rule, JSON report; one thread
  k8slint: () => k8slint(1),
  // the same with worker threads (--workers auto: one per core, at most 4)
  'k8slint-workers': () => k8slint('auto'),
  // `yaml` alone, as ARCHITECTURE.md measures it: parseAllDocuments with a LineCounter, then toJS
  async yaml() {
    const { parseAllDocuments, LineCounter } = await import('yaml');
    for (const f of files) {
      const docs = parseAllDocuments(readFileSync(f, 'utf8'), { lineCounter: new LineCounter() });
      for (const d of docs) d.toJS?.();
    }
  },
  async 'js-yaml'() {
    const jsyaml = (await import('js-yaml')).default;
    for (const f of files) {
      try {
        jsyaml.loadAll(readFileSync(f, 'utf8'));
      } catch {
        /* counted as parsed: the error is found */
      }
    }
  },
  async dockerfilelint() {
    const { run } = require('dockerfilelint');
    for (const f of files) run(f, readFileSync(f, 'utf8'));
  },
};

const start = performance.now();
const cpuStart = process.cpuUsage();
await tasks[task]();
const ms = performance.now() - start;
// CPU time of every thread of the process: on a loaded machine it says more than the wall time.
const cpu = process.cpuUsage(cpuStart);
console.log(JSON.stringify({ task, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS }));

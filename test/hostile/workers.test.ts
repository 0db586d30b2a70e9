import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LintProjectOptions } from '../../src/app/lint-project.js';
import type { LintRun } from '../../src/app/result.js';
import { runCli, scratch } from './run-cli.js';

// Issue 17 item 9: worker threads lint the files they claim, the main thread runs the run-wide
// rules and suppressions on the merged results; the report must not depend on the thread count.
// Worker threads run the built code, so these tests use dist/ (npm test builds first).

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
`;

/** A project where per-file, schema (CRD of the run), cross-object and suppression results all show. */
function project(files = 60): string {
  const dir = scratch('k8slint-workers-');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('crds/widget.yaml', CRD);
  for (let i = 0; i < files; i++) {
    const app = `app-${i}`;
    const suppress = i % 7 === 0 ? '    # k8slint-disable-next-line privileged-container -- test\n' : '';
    const unused = i % 11 === 0 ? '# k8slint-disable-file host-network -- nothing to suppress\n' : '';
    write(
      `apps/${String(i).padStart(3, '0')}/deploy.yaml`,
      `${unused}apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: team-${i % 3}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
        - name: c
          image: nginx:${i % 2 ? 'latest' : '1.27'}
          securityContext:
${suppress}            privileged: ${i % 3 === 0}
---
apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: team-${(i + (i % 5 === 0 ? 1 : 0)) % 3}}
spec:
  selector: {app: ${app}}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w${i}, namespace: team-0}
spec: {size: ${i % 4 === 0 ? '"big"' : i}}
`,
    );
    write(
      `apps/${String(i).padStart(3, '0')}/Dockerfile`,
      `FROM ubuntu\nRUN apt-get install curl${i % 2 ? ' && sudo ls' : ''}\nUSER ${i % 2 ? 'root' : '1000'}\n`,
    );
  }
  write('apps/broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
  return dir;
}

async function lintProjectFromDist(options: LintProjectOptions): Promise<LintRun> {
  const url = pathToFileURL(resolve(__dirname, '../../dist/src/app/lint-project.js')).href;
  const { lintProject } = (await import(url)) as { lintProject: (o: LintProjectOptions) => LintRun };
  return lintProject(options);
}

describe('hostile: worker threads', () => {
  it('give the same findings and errors as one thread, and when the workers lint every file', async () => {
    const dir = project(40);
    const one = await lintProjectFromDist({ cwd: dir, paths: ['.'], workers: 1 });
    expect(one.threads).toEqual({ count: 1, filesByWorkers: 0 });
    const rules = new Set(one.report.findings.map((f) => f.ruleId));
    // Per-file, CRD schema, cross-object and suppression results are all in the comparison.
    for (const id of ['privileged-container', 'schema-type', 'service-selects-no-pods', 'unused-suppression', 'sudo-in-run'])
      expect([id, rules.has(id)]).toEqual([id, true]);
    expect(one.report.errors.map((e) => e.file)).toEqual(['apps/broken.yaml']);
    const parsedFiles = 2 * 40 + 1;
    for (const workers of [2, 3]) {
      // The main thread also claims files, and on a loaded machine it may finish before a worker has
      // started; with K8SLINT_WORKERS_ONLY the workers lint every file and the merge is what is tested.
      for (const workersOnly of [false, true]) {
        if (workersOnly) process.env.K8SLINT_WORKERS_ONLY = '1';
        try {
          const many = await lintProjectFromDist({ cwd: dir, paths: ['.'], workers });
          expect(many.threads.count).toBe(workers);
          if (workersOnly) expect(many.threads.filesByWorkers).toBe(parsedFiles);
          expect(many.report.findings).toEqual(one.report.findings);
          expect(many.report.errors).toEqual(one.report.errors);
          expect(many.exitCode).toBe(one.exitCode);
        } finally {
          delete process.env.K8SLINT_WORKERS_ONLY;
        }
      }
    }
  }, 300_000);

  it('print byte-identical reports from the CLI whatever --workers says', () => {
    const dir = project(12);
    for (const format of ['json', 'stylish']) {
      const outputs = ['1', '2', '4'].map((workers) => runCli(['.', '--format', format, '--no-color', '--workers', workers], dir, 150));
      // Exit 2 (a broken file) with its reason on stderr, the same whatever the thread count.
      for (const run of outputs) expect([run.status, run.stderr]).toEqual([2, outputs[0]!.stderr]);
      expect(outputs[0]!.stderr).toContain('YAML syntax error');
      expect(outputs[1]!.stdout).toBe(outputs[0]!.stdout);
      expect(outputs[2]!.stdout).toBe(outputs[0]!.stdout);
    }
  }, 1_500_000);

  it('auto stays single-threaded on small runs (a pre-commit run of a few files)', async () => {
    const dir = project(3);
    expect((await lintProjectFromDist({ cwd: dir, paths: ['.'] })).threads.count).toBe(1);
    writeFileSync(join(dir, '.k8slint.yaml'), 'workers: 2\n');
    expect((await lintProjectFromDist({ cwd: dir, paths: ['.'] })).threads.count).toBe(2);
    expect((await lintProjectFromDist({ cwd: dir, paths: ['.'], workers: 1 })).threads.count).toBe(1);
  }, 60_000);

  it('refuses a --workers that is not a count or auto', () => {
    const run = runCli(['.', '--workers', '0'], scratch());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--workers must be');
  });
});

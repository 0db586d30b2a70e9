// `npm run lint:self`: the built k8slint (run `npm run build` first) lints this repository.
// 1. A walk of the whole repository (scripts/self-lint.k8slint.yaml) must report nothing, at any
//    severity. CI workflows, action.yml and other YAML without Kubernetes objects are skipped by walks.
// 2. examples/ holds deliberate findings: it must report exactly EXAMPLE_FINDINGS and exit 1.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `file:line:column rule` of every finding examples/ holds on purpose (README "Try it"). */
const EXAMPLE_FINDINGS = [
  'examples/Dockerfile:1:6 missing-user',
  'examples/Dockerfile:1:6 single-stage-toolchain-image',
  'examples/Dockerfile:1:6 unpinned-image',
  'examples/Dockerfile:2:1 maintainer-deprecated',
  'examples/Dockerfile:3:5 apt-lists-not-deleted',
  'examples/Dockerfile:4:5 apt-get-install-recommends',
  'examples/Dockerfile:4:5 apt-get-install-yes',
  'examples/deployment.yaml:15:7 host-network',
  'examples/deployment.yaml:18:11 unpinned-image',
  'examples/deployment.yaml:19:11 missing-memory-limit',
  'examples/deployment.yaml:20:13 missing-resource-requests',
  'examples/deployment.yaml:21:15 gpu-requests-match-limits',
  'examples/deployment.yaml:22:11 run-as-non-root',
  'examples/deployment.yaml:23:13 privileged-container',
  'examples/deployment.yaml:31:3 service-selects-no-pods',
];

/** Runs the built CLI with a JSON report; returns its exit status and the report. */
function k8slint(args) {
  const run = spawnSync(process.execPath, ['dist/src/cli/main.js', '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });
  if (run.error) throw run.error;
  try {
    return { status: run.status, report: JSON.parse(run.stdout) };
  } catch {
    throw new Error(`k8slint ${args.join(' ')} did not print a JSON report (exit ${run.status}):\n${run.stderr}`);
  }
}

const describe = (f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
const problems = [];

const walk = k8slint(['--config', 'scripts/self-lint.k8slint.yaml', '.']);
for (const f of walk.report.findings) problems.push(`unexpected finding: ${describe(f)}: ${f.message}`);
for (const e of walk.report.errors) problems.push(`input error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
if (problems.length === 0 && walk.status !== 0) problems.push(`the repository walk exited with ${walk.status}, expected 0`);

const examples = k8slint(['examples']);
const actual = examples.report.findings.map(describe).sort();
const expected = [...EXAMPLE_FINDINGS].sort();
for (const f of actual.filter((a) => !expected.includes(a))) problems.push(`examples: unexpected finding ${f}`);
for (const f of expected.filter((e) => !actual.includes(e))) problems.push(`examples: missing finding ${f}`);
for (const e of examples.report.errors) problems.push(`examples: input error: ${e.file}: ${e.message}`);
if (examples.status !== 1) problems.push(`examples: exit status ${examples.status}, expected 1 (they hold errors and warnings)`);

if (problems.length > 0) {
  console.error(`lint:self: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`lint:self: repository clean; examples/ reports exactly its ${expected.length} documented findings`);

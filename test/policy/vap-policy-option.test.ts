import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';
import { k8slint, type JsonFinding } from '../helpers/cli.js';

const dir = 'fixtures/policies/vap/policy-option';

function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: JsonFinding[] };
  return report.findings
    .filter((f) => f.file.includes('cluster/') || f.ruleId.startsWith('admission-policy'))
    .map((f) => `${f.file.replace(/^.*policy-option\//, '')}:${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
}

describe('--policy: admission policies applied to the run without being linted', () => {
  it('denies the linted object; keeps only the policy findings of the policy files', () => {
    const run = k8slint(['--policy', `${dir}/cluster`, `${dir}/app`, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(findings(run.stdout)).toEqual([
      'app/deployment.yaml:7:3 admission-policy-denied error',
      'cluster/broken.yaml:13:55 admission-policy-invalid error',
    ]);
    expect(run.stdout).toContain('denies this request: at most 4 replicas (reason: Invalid)');
  });

  it('the same files linted as files get their own findings', () => {
    const run = k8slint([`${dir}/cluster`, `${dir}/app`, '--format', 'json']);
    expect(findings(run.stdout)).toEqual([
      'app/deployment.yaml:7:3 admission-policy-denied error',
      'cluster/broken.yaml:13:55 admission-policy-invalid error',
      'cluster/replica-limit.yaml:39:12 schema-type error',
    ]);
  });

  it('config `policies:` (relative to the config file) does the same', () => {
    const work = mkdtempSync(join(tmpdir(), 'k8slint-vap-'));
    cpSync(join(ROOT, dir), work, { recursive: true });
    writeFileSync(join(work, '.k8slint.yaml'), 'policies: [cluster/replica-limit.yaml]\n');
    const run = k8slint(['app', '--format', 'json'], { cwd: work });
    expect(findings(run.stdout)).toEqual(['app/deployment.yaml:7:3 admission-policy-denied error']);
  });

  it('a policy path that does not exist is an input error (exit 2); the run goes on', () => {
    const run = k8slint(['--policy', `${dir}/nope.yaml`, `${dir}/app`, '--format', 'json']);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { errors: Array<{ file: string; message: string }>; findings: JsonFinding[] };
    expect(report.errors).toEqual([{ file: `${dir}/nope.yaml`, message: expect.stringContaining('no such file') }]);
    expect(report.findings.some((f) => f.ruleId === 'missing-memory-limit')).toBe(true);
  });
});

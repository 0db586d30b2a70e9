import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runShell, scratch } from './run-cli.js';

const DEPLOYMENT = join(__dirname, '../../examples/deployment.yaml');

describe('hostile: stdin', () => {
  it('a slow producer gives the same report as a fast one', () => {
    const fast = runShell(`cat '${DEPLOYMENT}' | $K8SLINT - --format json`);
    const slow = runShell(`(sleep 1; head -c 300 '${DEPLOYMENT}'; sleep 0.5; tail -c +301 '${DEPLOYMENT}') | $K8SLINT - --format json`);
    expect(fast.status).toBe(1);
    const findings = (out: string) => (JSON.parse(out) as { findings: unknown[] }).findings;
    expect(findings(fast.stdout).length).toBeGreaterThan(0);
    expect([slow.status, findings(slow.stdout)]).toEqual([fast.status, findings(fast.stdout)]);
  }, 30_000);

  it('stdin over the byte budget is refused with a message naming <stdin>, the budget and the key', () => {
    const run = runShell(`head -c 25000000 /dev/zero | tr '\\0' ' ' | $K8SLINT -`);
    expect(run.status).toBe(2);
    // The stylish report wraps the message under its column: match across the line break.
    expect(run.stderr + run.stdout).toMatch(/<stdin>.*20971520-byte budget[\s\S]*limits\.maxFileBytes/);
  }, 30_000);

  it('a closed or empty stdin lints nothing and does not hang', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'empty.yaml'), '');
    const closed = runShell(`$K8SLINT - --format json <&-`, { timeoutS: 10 });
    expect(closed.status).toBe(0);
    const empty = runShell(`$K8SLINT - --format json < /dev/null`, { timeoutS: 10 });
    expect(empty.status).toBe(0);
  }, 30_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { k8slint } from '../helpers/cli.js';
import { presetRules } from '../../rules/presets.js';
import { registry } from '../../src/index.js';

/** A pod Baseline allows and Restricted does not (no seccomp, capabilities not dropped), a mutable tag, a probe with a host. */
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      livenessProbe:
        httpGet: {host: 10.0.0.1, port: 80}
      resources:
        requests: {cpu: 100m, memory: 64Mi}
        limits: {memory: 128Mi}
`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-presets-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function ruleIds(argv: string[], cwd: string): { code: number | null; ids: string[]; severities: string[]; stderr: string } {
  const run = k8slint(['--format', 'json', '--fail-on', 'none', ...argv, 'pod.yaml'], { cwd });
  const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> }).findings : [];
  return {
    code: run.code,
    ids: [...new Set(findings.map((f) => f.ruleId))].sort(),
    severities: [...new Set(findings.map((f) => f.severity))],
    stderr: run.stderr,
  };
}

const pss = (name: 'pss-baseline' | 'pss-restricted', version = '1.36') => new Set(presetRules(name, registry.all, version).rules.keys());

describe('--preset and config preset:', () => {
  it("pss-baseline and pss-restricted run only their controls' rules, at error, judged at --kubernetes-version", () => {
    const cwd = project({ 'pod.yaml': POD });
    const baseline = ruleIds(['--preset', 'pss-baseline'], cwd);
    expect(baseline.ids).toEqual(['probe-host-set']);
    expect(baseline.severities).toEqual(['error']);
    // The host probe check exists from 1.34 on.
    expect(ruleIds(['--preset', 'pss-baseline', '--kubernetes-version', '1.33'], cwd).ids).toEqual([]);
    const restricted = ruleIds(['--preset', 'pss-restricted'], cwd);
    expect(restricted.ids.length).toBeGreaterThan(1);
    expect(restricted.ids.every((id) => pss('pss-restricted').has(id))).toBe(true);
    expect(restricted.ids).toEqual(expect.arrayContaining(['capabilities-not-dropped', 'probe-host-set', 'seccomp-profile-missing']));
  });

  it('strict adds the opt-in rules to the default set; presets combine as a comma list or repeated', () => {
    const cwd = project({ 'pod.yaml': POD });
    const recommended = ruleIds([], cwd);
    const strict = ruleIds(['--preset', 'strict'], cwd);
    expect(recommended.ids).not.toContain('image-not-pinned-by-digest');
    expect(strict.ids).toContain('image-not-pinned-by-digest');
    expect(ruleIds(['--preset', 'recommended'], cwd).ids).toEqual(recommended.ids);
    const both = ruleIds(['--preset', 'pss-baseline,strict'], cwd);
    expect(both).toEqual(ruleIds(['--preset', 'pss-baseline', '--preset', 'strict'], cwd));
    expect(both.ids).toEqual(expect.arrayContaining(['image-not-pinned-by-digest', 'probe-host-set']));
  });

  it('config preset: is the base; rules: entries change it; --preset replaces it', () => {
    const cwd = project({
      'pod.yaml': POD,
      '.k8slint.yaml': 'preset: [pss-restricted]\nrules:\n  seccomp-profile-missing: off\n  unpinned-image: warning\n',
    });
    const configured = ruleIds([], cwd);
    expect(configured.ids).not.toContain('seccomp-profile-missing');
    expect(configured.ids).toContain('capabilities-not-dropped');
    expect(configured.ids.every((id) => pss('pss-restricted').has(id) || id === 'unpinned-image')).toBe(true);
    const replaced = ruleIds(['--preset', 'pss-baseline'], cwd);
    expect(replaced.ids).toEqual(['probe-host-set']);
    const single = project({ 'pod.yaml': POD, '.k8slint.yaml': 'preset: pss-baseline\n' });
    expect(ruleIds([], single).ids).toEqual(['probe-host-set']);
  });

  it('an unknown preset is a usage or config error naming the closest one', () => {
    const cwd = project({ 'pod.yaml': POD });
    const flag = k8slint(['--preset', 'pss-restrictd', 'pod.yaml'], { cwd });
    expect([flag.code, flag.stderr]).toEqual([
      2,
      expect.stringContaining('unknown preset "pss-restrictd" (did you mean "pss-restricted"?)'),
    ]);
    const config = project({ 'pod.yaml': POD, '.k8slint.yaml': 'preset: [strict, recomended]\n' });
    const fromConfig = k8slint(['pod.yaml'], { cwd: config });
    expect([fromConfig.code, fromConfig.stderr]).toEqual([
      2,
      expect.stringContaining('unknown preset "recomended" (did you mean "recommended"?)'),
    ]);
  });

  it('--help documents --preset', () => {
    expect(k8slint(['--help']).stdout).toMatch(/--preset <name>.*pss-restricted/s);
  });
});

describe('presets in the library', () => {
  it("lintTexts takes presets as the base, with the preset's severities", async () => {
    const { lintTexts } = await import('../../src/index.js');
    const findings = lintTexts([{ path: 'pod.yaml', text: POD }], { presets: ['pss-baseline'], kubernetesVersion: '1.34' }).findings;
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['probe-host-set', 'error']]);
    expect(() => lintTexts([{ path: 'pod.yaml', text: POD }], { presets: ['strikt'] })).toThrow(/did you mean "strict"/);
  });
});

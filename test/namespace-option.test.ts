import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { k8slint } from './helpers/cli.js';

/**
 * `--namespace` and the config's `namespace:` name the namespace of objects that set none, as
 * `kubectl apply -n` does: cross-object rules then compare it with the namespaces objects set.
 * Without it, an unset namespace matches any (the run cannot tell where it will be applied).
 */
const path = join(import.meta.dirname, '..', 'fixtures', 'namespace', 'shop.yaml');
const text = readFileSync(path, 'utf8');
const RULES = ['service-selects-no-pods', 'service-account-missing', 'rbac-binding-ref-missing'];

function findings(namespace?: string): string[] {
  const result = lintTexts([{ path, text }], { rules: RULES, ...(namespace !== undefined && { namespace }) });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.span.line} ${f.ruleId}`).sort();
}

describe('default namespace of objects that set none', () => {
  it('matches any namespace when the run does not name one', () => {
    // Only the Service pinned to "green" with pods in "blue" alone: same names in two namespaces.
    expect(findings()).toEqual(['59 service-selects-no-pods']);
  });

  it('puts unnamespaced objects in the named namespace', () => {
    expect(findings('shop')).toEqual(['59 service-selects-no-pods']);
    expect(findings('prod')).toEqual([
      '129 rbac-binding-ref-missing',
      '133 rbac-binding-ref-missing',
      '59 service-selects-no-pods',
      '8 service-selects-no-pods',
    ]);
  });

  it('keeps cluster-scoped kinds out of namespaces', () => {
    // ClusterRoleBinding "reader" → ClusterRole "reader" (line 111) resolves whatever the namespace.
    for (const namespace of [undefined, 'shop', 'prod']) expect(findings(namespace).some((f) => f.startsWith('111 '))).toBe(false);
  });

  it('is read from --namespace and from the config', () => {
    const cli = k8slint(['--format', 'json', '--rule', 'service-selects-no-pods', '--namespace', 'prod', path]);
    expect(cli.stderr).toBe('');
    expect((JSON.parse(cli.stdout) as { findings: Array<{ line: number }> }).findings.map((f) => f.line).sort()).toEqual([59, 8]);
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-ns-'));
    writeFileSync(join(dir, 'shop.yaml'), text);
    writeFileSync(join(dir, '.k8slint.yaml'), 'namespace: prod\n');
    const configured = k8slint(['--format', 'json', '--rule', 'service-selects-no-pods', 'shop.yaml'], { cwd: dir });
    expect((JSON.parse(configured.stdout) as { findings: Array<{ line: number }> }).findings.map((f) => f.line).sort()).toEqual([59, 8]);
    // The flag wins over the config.
    const flagged = k8slint(['--format', 'json', '--rule', 'service-selects-no-pods', '-n', 'shop', 'shop.yaml'], { cwd: dir });
    expect((JSON.parse(flagged.stdout) as { findings: Array<{ line: number }> }).findings.map((f) => f.line)).toEqual([59]);
  });

  it('refuses a value that is no namespace name', () => {
    const cli = k8slint(['--namespace', 'Prod_1', path]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--namespace must be a namespace name');
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-ns-'));
    writeFileSync(join(dir, '.k8slint.yaml'), 'namespace: "Not A Namespace"\n');
    const configured = k8slint(['shop.yaml'], { cwd: dir });
    expect(configured.code).toBe(2);
    expect(configured.stderr).toContain('namespace');
  });
});

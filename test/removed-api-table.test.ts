import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { deprecations } from '../src/schema/deprecations.js';

/**
 * Every Kubernetes API version the removed-api table says is removed has a fixture object whose
 * apiVersion line carries a `removed-api` marker (the fixture runner then checks that the rule
 * reports it), so an entry added to schemas/deprecations.json without a fixture fails here.
 */
const dir = join(import.meta.dirname, '..', 'fixtures', 'rules', 'removed-api');

function markedObjects(): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.startsWith('bad') && /\.ya?ml$/.test(n))) {
    const text = readFileSync(join(dir, name), 'utf8');
    const lines = text.split('\n');
    for (const doc of parseAllDocuments(text)) {
      const value: unknown = doc.toJS();
      if (typeof value !== 'object' || value === null) continue;
      const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;
      const line = lines.find((l, i) => i >= lineOf(text, doc.range[0]) && /^apiVersion:/.test(l));
      if (line?.includes('expect: removed-api')) found.add(`${apiVersion} ${kind}`);
    }
  }
  return found;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

describe('removed-api table', () => {
  const removed = [...deprecations().values()].filter((e) => e.component === 'k8s' && e.removedIn !== null);

  it('lists the API versions removed since 1.9', () => {
    const keys = new Set(removed.map((e) => `${e.apiVersion} ${e.kind}`));
    for (const key of [
      'admissionregistration.k8s.io/v1alpha1 InitializerConfiguration',
      'settings.k8s.io/v1alpha1 PodPreset',
      'extensions/v1beta1 Ingress',
      'policy/v1beta1 PodDisruptionBudget',
      'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema',
    ])
      expect(keys, key).toContain(key);
  });

  it('has a fixture for every removed version', () => {
    const marked = markedObjects();
    const missing = removed.map((e) => `${e.apiVersion} ${e.kind}`).filter((key) => !marked.has(key));
    expect(missing).toEqual([]);
  });
});

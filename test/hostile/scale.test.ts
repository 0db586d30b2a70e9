import { describe, expect, it } from 'vitest';
import { registry } from '../../src/index.js';
import { lint, parseFile, type ParsedFile } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/rule.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import { YamlFile } from '../../src/parsers/yaml.js';
import type { K8sObject } from '../../src/model/k8s.js';

// Issue 17's scale series (scripts/bench-scale.mjs): memory must not hold every file's `yaml` ASTs
// (several times the text, parsed to locate findings and build fixes) until the end of the run.
// They did: 100k objects peaked at 2.2 GB. A file's ASTs now go once its own rules ran; spans found
// before are kept, so the run-wide rules that report at them later parse nothing again.

/** Deployment + Service pairs; the Service of every 3rd pair selects no pod. */
function pairs(file: number, count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const app = `app-${file}-${i}`;
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${app}, labels: {app: ${app}}}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app:1.2`,
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${app}}\nspec:\n  selector:\n    app: ${i % 3 === 2 ? `${app}x` : app}\n  ports: [{port: 80}]`,
    );
  }
  return docs.join('\n---\n') + '\n';
}

function parsedFiles(files: number, pairsPerFile: number): ParsedFile[] {
  return Array.from({ length: files }, (_, f) => {
    const path = `f${f}.yaml`;
    const parsed = parseFile({ path, displayPath: path, kind: 'kubernetes', text: pairs(f, pairsPerFile), explicit: true });
    if ('message' in parsed) throw new Error(parsed.message);
    return parsed;
  });
}

describe('hostile: scale (memory held by a run)', () => {
  it('no file holds a parsed yaml document once the run-wide rules start, and their findings keep exact positions', () => {
    const held: number[] = [];
    const probe = defineRule({
      meta: { ...registry.byId('service-selects-no-pods').meta, id: 'ast-probe', aliases: [] },
      handlers: {
        'k8s:all': (objects: readonly K8sObject[]) => {
          for (const file of new Set(objects.map((o) => o.file))) held.push(file.parsedDocumentCount);
        },
      },
    });
    const parsed = parsedFiles(4, 6);
    // net-raw-not-dropped builds a fix (and so parses every Deployment's document) in each file's own pass.
    const rules = [registry.byId('net-raw-not-dropped'), probe, registry.byId('service-selects-no-pods')];
    const { findings } = lint(parsed, {
      registry: new RuleRegistry([...registry.all, probe]),
      rules,
      ruleOptions: new Map(),
      severities: new Map(),
      kubernetesVersion: '1.36',
    });
    expect(findings.filter((f) => f.ruleId === 'net-raw-not-dropped' && f.fix)).toHaveLength(24);
    expect(held).toEqual([0, 0, 0, 0]);
    const misses = findings.filter((f) => f.ruleId === 'service-selects-no-pods');
    // At the `selector:` of each Service whose pods do not exist (pairs 2 and 5), two lines below its metadata.
    const selectorLine = (f: number, i: number) => pairs(f, 6).split('\n').indexOf(`metadata: {name: app-${f}-${i}}`) + 3;
    expect(misses.map((f) => [f.file, f.span.line])).toEqual(
      [0, 1, 2, 3].flatMap((f) => [
        [`f${f}.yaml`, selectorLine(f, 2)],
        [`f${f}.yaml`, selectorLine(f, 5)],
      ]),
    );
  });

  it('spans asked after the ASTs were dropped are those of a fresh parse, asked before or not', () => {
    const source = { path: 'a.yaml', displayPath: 'a.yaml', kind: 'kubernetes' as const, text: pairs(0, 3), explicit: true };
    const file = new YamlFile(source);
    const asked = file.spanOf(2, ['spec', 'template', 'spec', 'containers', 0, 'image'], 'value');
    file.releaseAst();
    expect(file.parsedDocumentCount).toBe(0);
    const fresh = new YamlFile(source);
    expect(file.spanOf(2, ['spec', 'template', 'spec', 'containers', 0, 'image'], 'value')).toEqual(asked);
    expect(file.parsedDocumentCount).toBe(0);
    expect(file.spanOf(3, ['spec', 'selector', 'app'], 'key')).toEqual(fresh.spanOf(3, ['spec', 'selector', 'app'], 'key'));
    expect(file.spanOf(4, ['metadata'])).toEqual(fresh.spanOf(4, ['metadata']));
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import type { RuleContext, ReportOptions } from '../src/engine/rule.js';
import { MODEL_NODE } from '../src/model/node.js';
import { buildDockerfileModel } from '../src/parsers/dockerfile.js';
import type { SchemaProvider } from '../src/schema/provider.js';
import { readMarkers } from './fixture-markers.js';

const root = join(import.meta.dirname, '..');

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? tsFilesUnder(full) : name.endsWith('.ts') ? [full] : [];
    });
}

describe('rules see only the model', () => {
  const files = tsFilesUnder(join(root, 'rules'));

  it.each([
    ['imports dockerfile-ast', /from\s+['"]dockerfile-ast['"]|import\(\s*['"]dockerfile-ast['"]\s*\)/],
    ['casts through unknown (`as unknown as`)', /\bas\s+unknown\s+as\b/],
    ['declares its own `interface Range`', /\binterface\s+Range\b/],
  ])('no file under rules/ %s', (_what, pattern) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});

/** Rules outside the Dockerfile model's reach: ShellCheck positions its own comments. */
const NOT_MODEL_REPORTS = new Set(['shellcheck']);

describe('Dockerfile rules report only model nodes', () => {
  const dockerfileRules = allRules.filter(
    (rule) =>
      !NOT_MODEL_REPORTS.has(rule.meta.id) && Object.keys(rule.handlers).some((k) => k === 'dockerfile' || k.startsWith('dockerfile:')),
  );

  it('has Dockerfile rules to check', () => {
    expect(dockerfileRules.length).toBeGreaterThan(50);
  });

  it.each(dockerfileRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    const dir = join(root, 'fixtures', 'rules', id);
    const fixtures = existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('Dockerfile'))
          .sort()
      : [];
    let reports = 0;
    for (const name of fixtures) {
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      const dockerignore = existsSync(`${path}.dockerignore`) ? readFileSync(`${path}.dockerignore`, 'utf8') : undefined;
      const source = { path, displayPath: name, kind: 'dockerfile' as const, text, explicit: true, dockerignore };
      const model = buildDockerfileModel(source);
      const { header } = readMarkers(text);
      const ctx: RuleContext = {
        options: { ...(rule.meta.options?.defaults ?? {}), ...(header.options ?? {}) },
        kubernetesVersion: '1.31',
        schemas: undefined as unknown as SchemaProvider,
        report: ({ at, message }: ReportOptions) => {
          reports++;
          const node = at as Partial<Record<typeof MODEL_NODE, true>> & typeof at;
          expect(node[MODEL_NODE], `${name}: "${message}" points at something that is not a model node`).toBe(true);
          expect(at.sourceFile, `${name}: "${message}" points at a node of another file`).toBe(source);
        },
        reportMissing: () => {
          throw new Error('reportMissing is for Kubernetes objects');
        },
      };
      const h = rule.handlers;
      h.dockerfile?.(model, ctx);
      for (const stage of model.stages) h['dockerfile:stage']?.(stage, ctx, model);
      for (const instruction of model.instructions) {
        const handler = (h as Record<string, ((...args: unknown[]) => void) | undefined>)[`dockerfile:${instruction.keyword}`];
        handler?.(instruction, ctx, model);
      }
    }
    if (fixtures.some((name) => name.startsWith('bad'))) expect(reports, 'the bad fixtures produce findings').toBeGreaterThan(0);
  });
});

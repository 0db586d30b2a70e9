import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import AjvModule from 'ajv';
import { allRules } from '../rules/index.js';
import { lintTexts } from '../src/index.js';
import { targetsOf } from '../src/engine/rule.js';
import { requirePrograms } from './helpers/programs.js';

const root = join(import.meta.dirname, '..');
const Ajv = AjvModule as unknown as typeof AjvModule.default;

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name.startsWith('_') ? [] : ruleFiles(full);
    return name.endsWith('.ts') && name !== 'index.ts' && name !== 'presets.ts' ? [full] : [];
  });
}

function fixturesOf(id: string): string[] {
  const dir = join(root, 'fixtures', 'rules', id);
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}

describe('rule conventions', () => {
  const files = ruleFiles(join(root, 'rules'));

  it('every rule file is registered, and ids are unique', () => {
    expect(allRules.length).toBe(files.length);
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('aliases are not shared between rules', () => {
    const seen = new Map<string, string>();
    for (const rule of allRules) {
      for (const alias of rule.meta.aliases) {
        const key = alias.toLowerCase();
        expect(seen.get(key), `alias ${alias} of ${rule.meta.id}`).toBeUndefined();
        seen.set(key, rule.meta.id);
      }
    }
  });

  for (const rule of allRules) {
    const m = rule.meta;
    describe(m.id, () => {
      it('id equals file name and category equals folder', () => {
        const file = files.find((f) => f.endsWith(`${sep}${m.id}.ts`));
        expect(file, `rules/<category>/${m.id}.ts`).toBeDefined();
        expect(relative(join(root, 'rules'), file!).split(sep)[0]).toBe(m.category);
        expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      });

      it('claims no autofix (there is none yet)', () => {
        expect(Object.keys(m)).not.toContain('fix');
      });

      it('has documentation', () => {
        expect(m.title).not.toMatch(/\.$/);
        expect(m.rationale.length).toBeGreaterThan(40);
        expect(m.remediation.length).toBeGreaterThan(20);
        if (m.category !== 'meta') expect(m.examples.length).toBeGreaterThan(0);
      });

      it('option schema compiles and accepts the defaults', () => {
        if (!m.options) return;
        const validate = new Ajv({ strict: false }).compile(m.options.schema);
        expect(validate(m.options.defaults), JSON.stringify(validate.errors)).toBe(true);
      });

      if (targetsOf(rule).length > 0) {
        it('has fixtures that fire and fixtures that stay silent', () => {
          const fixtures = fixturesOf(m.id).map((f) => readFileSync(f, 'utf8'));
          expect(
            fixtures.some((t) => new RegExp(`(expect(-next-line)?:|\\^+)\\s*[\\w\\-, ]*\\b${m.id}\\b`).test(t)),
            'a fixture with a marker',
          ).toBe(true);
          expect(
            fixturesOf(m.id).some((f) => /(^|[\\/])good[^\\/]*$/.test(f)),
            'a good* fixture',
          ).toBe(true);
        });
      }

      m.examples.forEach((example, i) => {
        const path = example.file ?? (example.lang === 'dockerfile' ? 'Dockerfile' : 'example.yaml');
        const programs = requirePrograms(...(example.requires ?? []));
        it(`example ${i + 1}: bad fires, good is silent`, programs.options, () => {
          const rules = example.bad.includes('k8slint-disable') ? [] : [m.id];
          const options = example.options ? { [m.id]: example.options } : undefined;
          const bad = lintTexts([{ path, text: example.bad, dockerignore: example.dockerignore }], { rules, options });
          const good = lintTexts([{ path, text: example.good, dockerignore: example.dockerignore }], { rules, options });
          expect(bad.errors).toEqual([]);
          expect(bad.findings.map((f) => f.ruleId)).toContain(m.id);
          expect(good.findings.map((f) => f.ruleId)).not.toContain(m.id);
        });
      });
    });
  }
});

describe('generated files', () => {
  it('rules/index.ts, docs/rules and schemas/config.schema.json are up to date', () => {
    execFileSync(process.execPath, [join(root, 'scripts/generate.mjs'), 'index', '--check']);
    execFileSync(process.execPath, [join(root, 'scripts/generate.mjs'), 'docs', '--check']);
  });

  it('--check reads the sources, so a changed title is caught without a rebuild', () => {
    const copy = mkdtempSync(join(tmpdir(), 'k8slint-generate-'));
    try {
      for (const path of ['package.json', 'README.md', 'scripts', 'src', 'rules', 'docs', 'schemas'])
        cpSync(join(root, path), join(copy, path), { recursive: true });
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const rule = join(copy, 'rules/dockerfile/apt-get-install-yes.ts');
      writeFileSync(rule, readFileSync(rule, 'utf8').replace(/title: '/, "title: 'Changed: "));
      const check = spawnSync(process.execPath, [join(copy, 'scripts/generate.mjs'), '--check'], { encoding: 'utf8' });
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('docs/rules/apt-get-install-yes.md');
      expect(check.stderr).toContain('schemas/config.schema.json');
      writeFileSync(join(copy, 'rules/dockerfile/zz-new-rule.ts'), readFileSync(rule, 'utf8'));
      expect(spawnSync(process.execPath, [join(copy, 'scripts/generate.mjs'), 'index', '--check'], { encoding: 'utf8' }).stderr).toContain(
        'rules/index.ts',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);

  it('rules/index.ts imports each rule under a name from its id, sorted by id', () => {
    const imports = [...readFileSync(join(root, 'rules/index.ts'), 'utf8').matchAll(/^import (\w+) from '\.\/[\w-]+\/([\w-]+)\.js';$/gm)];
    expect(imports.length).toBe(allRules.length);
    const ids = imports.map((m) => m[2]!);
    expect(ids).toEqual([...ids].sort());
    for (const [, name, id] of imports) expect(name).toBe(id!.replace(/-(.)/g, (_, c: string) => c.toUpperCase()));
  });
});

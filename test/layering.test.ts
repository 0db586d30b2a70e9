import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md, checked on every relative import (type-only ones too: a type
 * import couples the layers as much as a value import) under src/ and rules/.
 */
const root = join(import.meta.dirname, '..');

/** Layers from the bottom; a module may import its own layer and the layers below, unless `may` narrows it. */
const LAYERS: Array<{ name: string; owns: (path: string) => boolean; may?: (target: string, from: string) => boolean }> = [
  { name: 'base', owns: (p) => p === 'src/types.ts' || p.startsWith('src/util/') },
  // Parsers build the model and the model's builders call the parsers: one layer, two folders.
  { name: 'model', owns: (p) => p.startsWith('src/parsers/') || p.startsWith('src/model/') },
  { name: 'engine', owns: (p) => p.startsWith('src/engine/') },
  {
    name: 'rules',
    owns: (p) => p.startsWith('rules/'),
    // Rules see the model and the rule contract, nothing of the engine's machinery.
    may: (t) => t.startsWith('rules/') || t.startsWith('src/model/') || t === 'src/engine/rule.ts' || layerOf(t) === 'base',
  },
  // Team policies as data (custom rules in CEL): built from the rule contract, the model and the rules' helpers.
  { name: 'policy', owns: (p) => p.startsWith('src/policy/') },
  { name: 'schema', owns: (p) => p.startsWith('src/schema/') },
  { name: 'discover', owns: (p) => p.startsWith('src/discover/') },
  { name: 'config', owns: (p) => p.startsWith('src/config/') },
  { name: 'format', owns: (p) => p.startsWith('src/format/') },
  { name: 'app', owns: (p) => p.startsWith('src/app/') },
  {
    name: 'top',
    owns: (p) => p.startsWith('src/cli/') || p.startsWith('src/action/') || p === 'src/index.ts',
    // The entry points reach everything through the application layer, and not each other.
    may: (t, from) => layerOf(t) === 'app' || layerOf(t) === 'base' || (from !== 'src/index.ts' && t.split('/')[1] === from.split('/')[1]),
  },
];

function layerOf(path: string): string | undefined {
  return LAYERS.find((l) => l.owns(path))?.name;
}

/** Imports that break the layering today, in files other engineers are changing (issue 8, parts 2–4). Remove an entry when it is fixed. */
const KNOWN: ReadonlySet<string> = new Set<string>([
  // The rule context hands rules a SchemaProvider defined above the engine (part 2: schema behind the rule contract).
  'src/engine/lint.ts -> src/schema/provider.ts',
  'src/engine/rule.ts -> src/schema/provider.ts',
  // Schema rules reach into the validator's reporting and deprecation tables (part 2: schema rules own the mapping).
  'rules/schema/deprecated-api.ts -> src/schema/deprecations.ts',
  'rules/schema/removed-api.ts -> src/schema/deprecations.ts',
  'rules/schema/schema-enum.ts -> src/schema/report.ts',
  'rules/schema/schema-invalid-value.ts -> src/schema/report.ts',
  'rules/schema/schema-required-field.ts -> src/schema/report.ts',
  'rules/schema/schema-type.ts -> src/schema/report.ts',
  'rules/schema/schema-unknown-field.ts -> src/schema/report.ts',
  'rules/schema/unknown-kind-schema.ts -> src/schema/deprecations.ts',
  // Schema setup walks CRD folders with the project's discovery (discover sits above schema).
  'src/schema/setup.ts -> src/discover/discover.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec?.startsWith('.')) continue;
    targets.push(
      relative(root, join(dirname(file), spec))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts'),
    );
  }
  return targets;
}

function violations(): string[] {
  const out: string[] = [];
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'rules'))];
  for (const file of files) {
    const from = relative(root, file).split(sep).join('/');
    const layer = LAYERS.findIndex((l) => l.owns(from));
    if (layer === -1) {
      out.push(`${from}: in no layer (add its folder to docs/architecture.md and this test)`);
      continue;
    }
    const rule = LAYERS[layer]!;
    for (const target of importsOf(file)) {
      const targetLayer = LAYERS.findIndex((l) => l.owns(target));
      const allowed = rule.may ? rule.may(target, from) : targetLayer !== -1 && targetLayer <= layer;
      if (!allowed) out.push(`${from} -> ${target}`);
    }
  }
  return out.sort();
}

describe('layering (docs/architecture.md)', () => {
  const found = violations();

  it('no import reaches up or sideways across layers', () => {
    expect(found.filter((v) => !KNOWN.has(v))).toEqual([]);
  });

  it('the list of known violations holds only ones that still exist', () => {
    expect([...KNOWN].filter((v) => !found.includes(v))).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // Guards the scanner itself: these edges exist and are allowed.
    expect(importsOf(join(root, 'src/cli/run.ts'))).toContain('src/app/lint-project.ts');
    expect(importsOf(join(root, 'src/app/registry.ts'))).toContain('rules/index.ts');
  });
});

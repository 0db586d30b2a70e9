import { createHash } from 'node:crypto';
// A JSON import, not a require: bundles (the GitHub Action) run without node_modules.
import ajvPackage from 'ajv/package.json' with { type: 'json' };
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { writeFileAtomic } from '../util/atomic-write.js';
import { defaultPrecompiledDir } from './bundled.js';
import type { ComposeModel } from '../model/compose.js';
import type { PathKey } from '../parsers/yaml.js';
import { containsVariable } from '../parsers/compose-interpolation.js';
import { ajvLibrary } from '../util/ajv-library.js';
import { newAjv } from './ajv.js';
import { decodePath, toIssues, type SchemaIssue } from './issues.js';
import { packageRoot } from './paths.js';

type Schema = Record<string, unknown>;

let compiled: { validate: ValidateFunction; schema: Schema } | undefined;

const requireModule = createRequire(import.meta.url);
const AJV_VERSION = ajvPackage.version;
/** Bump when the preparation of the schema below changes, so older precompiled validators are not used. */
const PREPARATION = 'k8slint-compose-1';

/** The bundled schema as validated: `$schema`/`$id` dropped, `oneOf`/`anyOf` branch references inlined. */
function prepared(): { schema: Schema; name: string } {
  const text = readFileSync(join(packageRoot(), 'schemas', 'compose-spec.json'), 'utf8');
  const raw = JSON.parse(text) as Schema;
  // Ajv knows draft-07 by its own URI; the `$id` is not needed to resolve local references.
  delete raw.$schema;
  delete raw.$id;
  const schema = inlineBranchRefs(raw, raw, 0) as Schema;
  const hash = createHash('sha256').update(PREPARATION).update(AJV_VERSION).update(text).digest('hex').slice(0, 16);
  return { schema, name: `compose-spec-${hash}.cjs` };
}

function newComposeAjv(): ReturnType<typeof newAjv> {
  return newAjv({ code: { source: true }, validateFormats: false });
}

/**
 * The Compose Specification validator: precompiled at build time into dist/validators (as trusted
 * as the package's code; see BundledSchemas), else compiled on first use.
 */
function composeSchema(): { validate: ValidateFunction; schema: Schema } {
  if (compiled) return compiled;
  const { schema, name } = prepared();
  const dir = defaultPrecompiledDir();
  let validate: ValidateFunction | undefined;
  if (dir && existsSync(join(dir, name))) {
    try {
      const loaded = requireModule(join(dir, name)) as unknown;
      if (typeof loaded === 'function') validate = loaded as ValidateFunction;
    } catch {
      validate = undefined;
    }
  }
  compiled = { validate: validate ?? newComposeAjv().compile(schema), schema };
  return compiled;
}

/** Writes the standalone Compose validator into `outDir` (a build step); returns its file name. */
export function precompileComposeValidator(outDir: string): string {
  const { schema, name } = prepared();
  const ajv = newComposeAjv();
  const validate = ajv.compile(schema);
  mkdirSync(outDir, { recursive: true });
  writeFileAtomic(join(outDir, name), ajvLibrary().standaloneCode(ajv, validate));
  return name;
}

const issuesByModel = new WeakMap<ComposeModel, SchemaIssue[]>();

/**
 * Schema issues of a Compose file against the Compose Specification, with paths from the file's
 * root; validated once per file. Values that hold a variable are not judged by type, enum or
 * pattern: Compose interpolates before it validates (`replicas: ${N}`, `ports: ["${PORT}:80"]`).
 */
export function composeSchemaIssues(model: ComposeModel): SchemaIssue[] {
  let issues = issuesByModel.get(model);
  if (issues) return issues;
  const { validate, schema } = composeSchema();
  const value = model.root?.value ?? model.file.documents[0] ?? null;
  issues = validate(value)
    ? []
    : toIssues(selectBranches(validate.errors ?? [], value, schema), value, 'the Compose file', (path) => schemaAt(schema, path)).filter(
        (issue) => issue.at === 'key' || issue.at === 'missing' || !isInterpolated(valueAt(value, issue.path)),
      );
  issuesByModel.set(model, issues);
  return issues;
}

function isInterpolated(value: unknown): boolean {
  return typeof value === 'string' && containsVariable(value);
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let node = root;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

const COMBINATOR = /^(.*)\/(oneOf|anyOf)$/;

/**
 * The Compose schema says "a string or a mapping" with `oneOf` in many places (`build`,
 * `depends_on`, port and volume items). Ajv then reports every branch's errors plus "must match
 * exactly one schema"; this keeps the errors of the branch whose type fits the value (so a misspelt
 * key in `build: {contxt: .}` is reported with its did-you-mean), or, when no branch fits, one type
 * error naming the types the branches accept.
 */
function selectBranches(errors: readonly ErrorObject[], root: unknown, schema: Schema): ErrorObject[] {
  let current = [...errors];
  for (let round = 0; round < 50; round++) {
    const combinator = current
      .filter((e) => (e.keyword === 'oneOf' || e.keyword === 'anyOf') && COMBINATOR.test(e.schemaPath))
      .sort((a, b) => a.schemaPath.length - b.schemaPath.length)
      .find((e) => current.some((b) => b.schemaPath.startsWith(`${e.schemaPath}/`)));
    if (!combinator) break;
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<number, ErrorObject[]>();
    for (const e of current) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const index = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
      branches.set(index, [...(branches.get(index) ?? []), e]);
    }
    const fitting = [...branches.entries()]
      .filter(([, errs]) => !errs.some((e) => e.keyword === 'type' && e.instancePath === combinator.instancePath))
      .sort((a, b) => a[1].length - b[1].length)[0];
    const rest = current.filter((e) => e !== combinator && !e.schemaPath.startsWith(prefix));
    if (fitting) {
      const [index, errs] = fitting;
      const from = `${prefix}${index}`;
      const to = `${combinator.schemaPath}-${index}`;
      current = [...rest, ...errs.map((e) => ({ ...e, schemaPath: to + e.schemaPath.slice(from.length) }))];
    } else {
      const types = branchTypes(combinator, root, schema);
      current = [
        ...rest,
        {
          ...combinator,
          keyword: 'type',
          schemaPath: combinator.schemaPath.replace(COMBINATOR, '$1/type'),
          params: { type: types.join(',') },
        },
      ];
    }
  }
  return current;
}

/** The types the branches of a combinator accept, from its own branch errors (`type` errors carry them). */
function branchTypes(combinator: ErrorObject, root: unknown, schema: Schema): string[] {
  const at = schemaAt(schema, decodePath(combinator.instancePath, root));
  const branches = ((at?.oneOf ?? at?.anyOf) as Schema[] | undefined) ?? [];
  const types = new Set<string>();
  for (const branch of branches) {
    const resolved = deref(schema, branch);
    const t = resolved.type;
    for (const type of Array.isArray(t) ? t : t === undefined ? [] : [t]) if (type !== 'null') types.add(String(type));
  }
  return [...types];
}

/**
 * Copies the definition a `oneOf`/`anyOf` branch refers to into the branch, so Ajv's errors of
 * that branch carry the branch in their schema path (errors inside a `$ref` carry the definition's
 * path instead, and could not be told apart from other branches'). Only the branch's own level is
 * inlined: deeper references stay references.
 */
function inlineBranchRefs(node: unknown, root: Schema, depth: number): unknown {
  if (depth > 64 || typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item) => inlineBranchRefs(item, root, depth + 1));
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if ((key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((branch: unknown) => {
        const b = branch as Schema;
        if (typeof b.$ref !== 'string') return inlineBranchRefs(b, root, depth + 1);
        const own: Schema = { ...b };
        delete own.$ref;
        return { ...deref(root, b), ...own };
      });
    } else out[key] = inlineBranchRefs(value, root, depth + 1);
  }
  return out;
}

function deref(root: Schema, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    const ref = s.$ref;
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Schema | undefined)?.[part];
    if (typeof target !== 'object' || target === null) break;
    s = target as Schema;
  }
  return s;
}

/** The schema at a path of the file (properties of `oneOf`/`anyOf` branches merged, so did-you-mean sees every key). */
function schemaAt(root: Schema, path: readonly PathKey[]): Schema | undefined {
  let schema: Schema | undefined = deref(root, root);
  for (const key of path) {
    if (!schema) return undefined;
    schema = childSchema(root, schema, key);
  }
  return schema && flatten(root, schema);
}

function alternatives(root: Schema, schema: Schema): Schema[] {
  const branches = [...((schema.oneOf as Schema[] | undefined) ?? []), ...((schema.anyOf as Schema[] | undefined) ?? [])];
  return [schema, ...branches.map((b) => deref(root, b))];
}

function childSchema(root: Schema, schema: Schema, key: PathKey): Schema | undefined {
  for (const s of alternatives(root, schema)) {
    if (typeof key === 'number') {
      if (typeof s.items === 'object' && s.items !== null) return deref(root, s.items as Schema);
      continue;
    }
    const property = (s.properties as Record<string, Schema> | undefined)?.[key];
    if (property) return deref(root, property);
    for (const [pattern, sub] of Object.entries((s.patternProperties as Record<string, Schema> | undefined) ?? {}))
      if (new RegExp(pattern, 'u').test(key)) return deref(root, sub);
    if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) return deref(root, s.additionalProperties as Schema);
  }
  return undefined;
}

function flatten(root: Schema, schema: Schema): Schema {
  const all = alternatives(root, schema);
  if (all.length === 1) return schema;
  const properties: Record<string, unknown> = {};
  for (const s of all) Object.assign(properties, (s.properties as Record<string, unknown> | undefined) ?? {});
  return { ...schema, properties };
}

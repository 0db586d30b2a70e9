import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { newAjv, type AjvInstance } from './ajv.js';
import { readJson } from './paths.js';
import type { BundledVersion } from './versions.js';

interface Definitions {
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, unknown>;
}

/** One bundled version's `_definitions.json`, added to Ajv once; kinds compile on first use. */
export class BundledSchemas {
  private defs?: Definitions;
  private ajv?: AjvInstance;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Milliseconds spent loading definitions and compiling kinds (for the benchmark). */
  compileMs = 0;

  constructor(readonly version: BundledVersion) {}

  private load(): Definitions {
    if (this.defs) return this.defs;
    const started = performance.now();
    const defs = readJson<Definitions>(join(this.version.directory, '_definitions.json'));
    // Optional references are `anyOf: [{$ref}, {type: null}]`; fold null into every shared
    // definition instead, so errors come out of one branch (required ones become nullable too,
    // which is lenient).
    for (const [name, def] of Object.entries(defs.definitions)) {
      simplifyNullableRefs(def);
      const d = def as { type?: unknown };
      if (!name.includes('-') && typeof d.type === 'string') d.type = [d.type, 'null'];
    }
    this.defs = defs;
    this.ajv = newAjv();
    this.ajv.addSchema({ definitions: defs.definitions }, 'k8s');
    this.compileMs += performance.now() - started;
    return defs;
  }

  /** The schema stem of a kind (`deployment-apps-v1`), or undefined when this version has none. */
  stem(apiVersion: string, kind: string): string | undefined {
    return this.load().kinds[apiVersion]?.[kind];
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const stem = this.stem(apiVersion, kind);
    if (!stem) return undefined;
    let validate = this.compiled.get(stem);
    if (!validate) {
      const started = performance.now();
      validate = this.ajv!.getSchema(`k8s#/definitions/${stem}`);
      this.compileMs += performance.now() - started;
      if (!validate) return undefined;
      this.compiled.set(stem, validate);
    }
    return validate;
  }

  /** A definition (`V1Container`) or kind entry (`deployment-apps-v1`), uncompiled. */
  definition(name: string): Record<string, unknown> | undefined {
    return this.load().definitions[name] as Record<string, unknown> | undefined;
  }

  get compiledKinds(): number {
    return this.compiled.size;
  }
}

function simplifyNullableRefs(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) simplifyNullableRefs(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  const anyOf = n.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const ref = anyOf.find((s) => typeof (s as { $ref?: unknown }).$ref === 'string') as { $ref: string } | undefined;
    const nul = anyOf.find((s) => (s as { type?: unknown }).type === 'null' && Object.keys(s as object).length === 1);
    if (ref && nul && Object.keys(ref).length === 1) {
      delete n.anyOf;
      n.$ref = ref.$ref;
    }
  }
  for (const value of Object.values(n)) simplifyNullableRefs(value);
}

const cache = new Map<string, BundledSchemas>();

/** Shared per process, so compiled kinds are reused by later runs (tests, watch mode). */
export function bundledSchemas(version: BundledVersion): BundledSchemas {
  let schemas = cache.get(version.directory);
  if (!schemas) cache.set(version.directory, (schemas = new BundledSchemas(version)));
  return schemas;
}

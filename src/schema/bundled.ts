import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { newAjv, type AjvInstance } from './ajv.js';
import type { BundledVersion } from './versions.js';

interface Definitions {
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, unknown>;
}

/**
 * One bundled version's `_definitions.json`, added to Ajv once; kinds compile on first use. A
 * compiled kind is also written as Ajv standalone code to the disk cache
 * (`$XDG_CACHE_HOME/k8slint/validators`), so later processes load it in milliseconds instead of
 * compiling it again (a Deployment compiles in about 300 ms; its cached module loads in about 20).
 */
export class BundledSchemas {
  private defs?: Definitions;
  private ajvInstance?: AjvInstance;
  private cacheKey?: string;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Milliseconds spent loading definitions and compiling (or loading compiled) kinds. */
  compileMs = 0;
  /** Kinds loaded from the disk cache rather than compiled. */
  cachedKinds = 0;

  constructor(readonly version: BundledVersion, private readonly cacheDir: string | undefined = defaultValidatorCache()) {}

  private load(): Definitions {
    if (this.defs) return this.defs;
    const started = performance.now();
    const text = readFileSync(join(this.version.directory, '_definitions.json'), 'utf8');
    this.cacheKey = createHash('sha256').update(PREPROCESSING).update(AJV_VERSION).update(text).digest('hex').slice(0, 16);
    const defs = JSON.parse(text) as Definitions;
    // Optional references are `anyOf: [{$ref}, {type: null}]`; fold null into every shared
    // definition instead, so errors come out of one branch (required ones become nullable too,
    // which is lenient).
    for (const [name, def] of Object.entries(defs.definitions)) {
      preprocess(def);
      const d = def as { type?: unknown };
      if (!name.includes('-') && typeof d.type === 'string') d.type = [d.type, 'null'];
    }
    this.defs = defs;
    this.compileMs += performance.now() - started;
    return defs;
  }

  private get ajv(): AjvInstance {
    if (!this.ajvInstance) {
      this.ajvInstance = newAjv({ code: { source: true }, validateFormats: false });
      this.ajvInstance.addSchema({ definitions: this.load().definitions }, 'k8s');
    }
    return this.ajvInstance;
  }

  /** The schema stem of a kind (`deployment-apps-v1`), or undefined when this version has none. */
  stem(apiVersion: string, kind: string): string | undefined {
    return this.load().kinds[apiVersion]?.[kind];
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const stem = this.stem(apiVersion, kind);
    if (!stem) return undefined;
    let validate = this.compiled.get(stem);
    if (validate) return validate;
    const started = performance.now();
    const cached = this.cacheDir ? join(this.cacheDir, `${this.version.version}-${this.cacheKey}-${stem}.cjs`) : undefined;
    if (cached && existsSync(cached)) {
      try {
        validate = requireModule(cached) as ValidateFunction;
        this.cachedKinds++;
      } catch {
        validate = undefined;
      }
    }
    if (!validate) {
      validate = this.ajv.getSchema(`k8s#/definitions/${stem}`);
      if (validate && cached) writeCache(cached, () => standaloneCode(this.ajv, validate!));
    }
    this.compileMs += performance.now() - started;
    if (!validate) return undefined;
    this.compiled.set(stem, validate);
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

const requireModule = createRequire(import.meta.url);
const AJV_VERSION = (requireModule('ajv/package.json') as { version: string }).version;
/** Bump when `preprocess` changes, so cached validators of the old schemas are not used. */
const PREPROCESSING = 'k8slint-bundled-2';

/** `$XDG_CACHE_HOME/k8slint/validators` (else ~/.cache); K8SLINT_NO_CACHE=1 turns the cache off. */
export function defaultValidatorCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.K8SLINT_NO_CACHE && env.K8SLINT_NO_CACHE !== '0') return undefined;
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'k8slint', 'validators');
}

function writeCache(path: string, code: () => string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, code());
    renameSync(tmp, path);
  } catch {
    // an unwritable cache only costs a compile next time
  }
}

// Go's base64.StdEncoding (what the API server decodes `format: byte` with) skips \r and \n and
// needs the padding: whole groups of four characters.
const B64 = '[\\r\\n]*[A-Za-z0-9+/]';
const BASE64_PATTERN = `^(?:(?:${B64}){4})*(?:(?:${B64}){2}[\\r\\n]*=[\\r\\n]*=|(?:${B64}){3}[\\r\\n]*=)?[\\r\\n]*$`;

/**
 * Formats become plain keywords (so compiled validators need no format functions and can be
 * cached as standalone code): int32 → minimum/maximum, byte → a base64 pattern, each marked with
 * `x-k8slint-format` for messages; other formats (int64, double, date-time) are not checked.
 */
function preprocess(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) preprocess(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, unknown>;
  if (typeof n.format === 'string' && (typeof n.type === 'string' || Array.isArray(n.type))) {
    if (n.format === 'int32') Object.assign(n, { minimum: -2147483648, maximum: 2147483647, 'x-k8slint-format': 'int32' });
    else if (n.format === 'byte') Object.assign(n, { pattern: BASE64_PATTERN, 'x-k8slint-format': 'byte' });
    delete n.format;
  }
  simplifyNullableRefs(n);
  for (const value of Object.values(n)) preprocess(value);
}

function simplifyNullableRefs(n: Record<string, unknown>): void {
  const anyOf = n.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const ref = anyOf.find((s) => typeof (s as { $ref?: unknown }).$ref === 'string') as { $ref: string } | undefined;
    const nul: unknown = anyOf.find((s) => (s as { type?: unknown }).type === 'null' && Object.keys(s as object).length === 1);
    if (ref && nul && Object.keys(ref).length === 1) {
      delete n.anyOf;
      n.$ref = ref.$ref;
    }
  }
}

type StandaloneCode = (ajv: AjvInstance, validate: ValidateFunction) => string;
const standaloneCode: StandaloneCode = ((standaloneModule as unknown as { default?: StandaloneCode }).default ?? standaloneModule) as unknown as StandaloneCode;

const cache = new Map<string, BundledSchemas>();

/** Shared per process, so compiled kinds are reused by later runs (tests, watch mode). */
export function bundledSchemas(version: BundledVersion): BundledSchemas {
  let schemas = cache.get(version.directory);
  if (!schemas) cache.set(version.directory, (schemas = new BundledSchemas(version)));
  return schemas;
}

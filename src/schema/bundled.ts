import { createHash } from 'node:crypto';
// A JSON import, not a require: bundles (the GitHub Action) run without node_modules.
import ajvPackage from 'ajv/package.json' with { type: 'json' };
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { ajvLibrary } from '../util/ajv-library.js';
import { newAjv, type AjvInstance } from './ajv.js';
import type { BundledVersion } from './versions.js';
import { packageRoot } from './paths.js';
import { writeFileAtomic } from '../util/atomic-write.js';

interface Definitions {
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, unknown>;
}

/**
 * One bundled version's `_definitions.json`, added to Ajv once; kinds compile on first use (a
 * Deployment in about 300 ms). Compiled code is only ever loaded from inside the package
 * (`dist/validators`, written at build time by `precompileValidators`, as trusted as the code
 * itself), never from a cache directory others may write to: a module there would run in every
 * later process (`module.exports = () => true` would turn validation off).
 */
export class BundledSchemas {
  private defs?: Definitions;
  private preprocessed = false;
  private ajvInstance?: AjvInstance;
  private cacheKey?: string;
  private rawText?: Buffer;
  private kindIndex?: Definitions['kinds'];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Milliseconds spent loading definitions and compiling (or loading precompiled) kinds. */
  compileMs = 0;
  /** Kinds loaded precompiled from the package rather than compiled. */
  cachedKinds = 0;

  /** `precompiledDir`: where the build put precompiled validators (default `<package>/dist/validators`); null: compile everything. */
  constructor(
    readonly version: BundledVersion,
    private readonly precompiledDir: string | null = defaultPrecompiledDir() ?? null,
  ) {}

  /** The raw `_definitions.json` (hashed for the precompiled file names; parsed only when a run needs the definitions). */
  private raw(): Buffer {
    if (this.rawText) return this.rawText;
    const started = performance.now();
    const bytes = readFileSync(join(this.version.directory, '_definitions.json'));
    this.cacheKey = createHash('sha256').update(PREPROCESSING).update(AJV_VERSION).update(bytes).digest('hex').slice(0, 16);
    this.rawText = bytes;
    this.compileMs += performance.now() - started;
    return bytes;
  }

  private load(): Definitions {
    if (this.defs) return this.defs;
    const text = this.raw();
    const started = performance.now();
    const defs = JSON.parse(text.toString('utf8')) as Definitions;
    this.defs = defs;
    this.compileMs += performance.now() - started;
    return defs;
  }

  /**
   * The kind → stem index: from the precompiled `kinds` file when the build wrote one for these
   * exact definitions (parsing all of `_definitions.json` takes about 20 ms of a start-up), else from the definitions.
   */
  private kinds(): Definitions['kinds'] {
    if (this.kindIndex) return this.kindIndex;
    if (!this.defs && this.precompiledDir) {
      this.raw();
      try {
        const index = JSON.parse(readFileSync(join(this.precompiledDir, this.precompiledName(KINDS_STEM, '.json')), 'utf8')) as unknown;
        if (typeof index === 'object' && index !== null && !Array.isArray(index)) return (this.kindIndex = index as Definitions['kinds']);
      } catch {
        // No index for these definitions: parse them.
      }
    }
    return (this.kindIndex = this.load().kinds);
  }

  /**
   * The definitions as Ajv compiles them; done on first need only, since a kind with a
   * precompiled validator needs just the `kinds` index (the preprocessing takes longer than the rest of a start-up).
   */
  private prepared(): Definitions {
    const defs = this.load();
    if (this.preprocessed) return defs;
    const started = performance.now();
    // Optional references are `anyOf: [{$ref}, {type: null}]`; fold null into every shared
    // definition instead, so errors come out of one branch (required ones become nullable too,
    // which is lenient).
    for (const [name, def] of Object.entries(defs.definitions)) {
      preprocess(def);
      const d = def as { type?: unknown };
      if (!name.includes('-') && typeof d.type === 'string') d.type = [d.type, 'null'];
    }
    this.preprocessed = true;
    this.compileMs += performance.now() - started;
    return defs;
  }

  private get ajv(): AjvInstance {
    if (!this.ajvInstance) {
      this.ajvInstance = newAjv({ code: { source: true }, validateFormats: false });
      this.ajvInstance.addSchema({ definitions: this.prepared().definitions }, 'k8s');
    }
    return this.ajvInstance;
  }

  /** The schema stem of a kind (`deployment-apps-v1`), or undefined when this version has none. */
  stem(apiVersion: string, kind: string): string | undefined {
    return this.kinds()[apiVersion]?.[kind];
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const stem = this.stem(apiVersion, kind);
    if (!stem) return undefined;
    let validate = this.compiled.get(stem);
    if (validate) return validate;
    const started = performance.now();
    const precompiled = this.precompiledDir ? join(this.precompiledDir, this.precompiledName(stem)) : undefined;
    if (precompiled && existsSync(precompiled)) {
      try {
        validate = requireModule(precompiled) as ValidateFunction;
        if (typeof validate !== 'function') validate = undefined;
        else this.cachedKinds++;
      } catch {
        validate = undefined;
      }
    }
    validate ??= this.ajv.getSchema(`k8s#/definitions/${stem}`);
    this.compileMs += performance.now() - started;
    if (!validate) return undefined;
    this.compiled.set(stem, validate);
    return validate;
  }

  /** File name of a precompiled kind: version, a hash of the definitions, preprocessing and Ajv version, stem. */
  private precompiledName(stem: string, extension = '.cjs'): string {
    this.raw();
    return `${this.version.version}-${this.cacheKey}-${stem}${extension}`;
  }

  /** Writes standalone validators of `stems` (all kinds when omitted) into `outDir`: a build step, never run on user data. */
  precompile(outDir: string, stems?: readonly string[]): string[] {
    const wanted = stems ?? [...new Set(Object.values(this.load().kinds).flatMap((byKind) => Object.values(byKind)))];
    mkdirSync(outDir, { recursive: true });
    const written: string[] = [];
    for (const stem of wanted) {
      const validate = this.ajv.getSchema(`k8s#/definitions/${stem}`);
      if (!validate) continue;
      const name = this.precompiledName(stem);
      writeFileAtomic(join(outDir, name), ajvLibrary().standaloneCode(this.ajv, validate));
      written.push(name);
    }
    writeFileAtomic(join(outDir, this.precompiledName(KINDS_STEM, '.json')), JSON.stringify(this.load().kinds));
    return written;
  }

  /** A definition (`V1Container`) or kind entry (`deployment-apps-v1`), uncompiled. */
  definition(name: string): Record<string, unknown> | undefined {
    return this.prepared().definitions[name] as Record<string, unknown> | undefined;
  }

  get compiledKinds(): number {
    return this.compiled.size;
  }
}

const requireModule = createRequire(import.meta.url);
const AJV_VERSION = ajvPackage.version;
/** Bump when `preprocess` changes, so cached validators of the old schemas are not used. */
const PREPROCESSING = 'k8slint-bundled-2';
/** Name of the precompiled kind index (not a stem: stems are lower-case kinds). */
const KINDS_STEM = '_kinds';

/** `<package root>/dist/validators`: precompiled at build time (see BundledSchemas.precompile); K8SLINT_NO_PRECOMPILED=1 ignores them. */
export function defaultPrecompiledDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.K8SLINT_NO_PRECOMPILED && env.K8SLINT_NO_PRECOMPILED !== '0') return undefined;
  try {
    return join(packageRoot(), 'dist', 'validators');
  } catch {
    return undefined;
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

const cache = new Map<string, BundledSchemas>();

/** Shared per process, so compiled kinds are reused by later runs (tests, watch mode). */
export function bundledSchemas(version: BundledVersion): BundledSchemas {
  let schemas = cache.get(version.directory);
  if (!schemas) cache.set(version.directory, (schemas = new BundledSchemas(version)));
  return schemas;
}

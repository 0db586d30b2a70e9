import type { ValidateFunction } from 'ajv';
import type { K8sObject } from '../model/k8s.js';
import { newAjv, type AjvInstance } from './ajv.js';
import { bundledSchemas, type BundledSchemas } from './bundled.js';
import { crdToJsonSchema, crdVersions, type CrdVersion } from './crd.js';
import { toIssues, type SchemaIssue } from './issues.js';
import { pairKey, type LocatedSchema } from './location.js';
import { bundledVersionFor } from './versions.js';

export type SchemaLookup =
  | { found: true; source: string }
  | { found: false; reason?: string };

export interface SchemaProviderOptions {
  kubernetesVersion: string;
  /** Schemas found in `--schema-location`s, consulted before the bundled ones. */
  located?: Map<string, LocatedSchema>;
  /** Use the bundled schemas (default true). */
  bundled?: boolean;
}

interface Entry {
  source: string;
  validate?: ValidateFunction;
  error?: string;
  compile(): ValidateFunction;
}

/**
 * Schemas of one run: custom resources from the CRDs of the run and `--crd`, then the
 * `--schema-location`s, then the bundled schemas of the target version. Everything compiles on
 * first use of a kind; each object is validated once, whichever schema rule asks first.
 */
export class SchemaProvider {
  readonly bundled?: BundledSchemas;
  private readonly located: Map<string, LocatedSchema>;
  private readonly crds = new Map<string, CrdVersion>();
  /** `group\u0000kind` → versions a CRD declares but does not serve. */
  private readonly unserved = new Map<string, { crdName: string; versions: string[]; served: string[] }>();
  private readonly entries = new Map<string, Entry | null>();
  private readonly results = new WeakMap<K8sObject, SchemaIssue[] | undefined>();
  private readonly seenCrdObjects = new WeakSet<object>();
  private ajvInstance?: AjvInstance;
  /** Milliseconds spent compiling location and CRD schemas, and validating. */
  compileMs = 0;
  validateMs = 0;

  constructor(readonly options: SchemaProviderOptions) {
    this.located = options.located ?? new Map();
    if (options.bundled !== false) this.bundled = bundledSchemas(bundledVersionFor(options.kubernetesVersion));
  }

  /** `1.34.0`: the bundled schema version used for the target version. */
  get bundledVersion(): string | undefined {
    return this.bundled?.version.version;
  }

  private get ajv(): AjvInstance {
    return (this.ajvInstance ??= newAjv());
  }

  /** Registers the CustomResourceDefinitions among `objects` (cheap: schemas convert on first use). */
  addObjects(objects: readonly K8sObject[]): void {
    for (const object of objects) {
      if (object.kind !== 'CustomResourceDefinition' || !object.apiVersion.startsWith('apiextensions.k8s.io/')) continue;
      if (this.seenCrdObjects.has(object.node.value)) continue;
      this.seenCrdObjects.add(object.node.value);
      this.addCustomResourceDefinition(object.node.value, object.file.source.displayPath);
    }
  }

  addCustomResourceDefinition(crd: unknown, source: string): void {
    const { versions, unserved } = crdVersions(crd, source);
    for (const v of versions) {
      const key = pairKey(`${v.group}/${v.version}`, v.kind);
      if (!this.crds.has(key)) this.crds.set(key, v);
    }
    if (unserved.length > 0 && versions.length + unserved.length > 0) {
      const first = versions[0];
      const spec = (crd as { spec: { group: string; names: { kind: string } } }).spec;
      this.unserved.set(`${spec.group}\u0000${spec.names.kind}`, { crdName: first?.crdName ?? spec.group, versions: unserved, served: versions.map((v) => v.version) });
    }
  }

  /** Whether a CRD of the run or of --crd defines this kind (then locations need not be consulted). */
  definedByCrd(apiVersion: string, kind: string): boolean {
    return this.crds.has(pairKey(apiVersion, kind));
  }

  private entry(apiVersion: string, kind: string): Entry | null {
    const key = pairKey(apiVersion, kind);
    let entry = this.entries.get(key);
    if (entry !== undefined) return entry;
    entry = null;
    const crd = this.crds.get(key);
    const located = this.located.get(key);
    if (crd) {
      entry = this.compiledEntry(`CustomResourceDefinition ${crd.crdName} (${crd.source})`, () => crdToJsonSchema(crd.openAPIV3Schema));
    } else if (located) {
      entry = this.compiledEntry(located.source, () => {
        const schema = { ...located.schema };
        delete schema.$schema;
        delete schema.$id;
        delete schema.id;
        return schema;
      });
    } else if (this.bundled?.stem(apiVersion, kind)) {
      const bundled = this.bundled;
      const source = `bundled Kubernetes ${bundled.version.version} schema`;
      entry = {
        source,
        compile() {
          this.validate ??= bundled.validator(apiVersion, kind)!;
          return this.validate;
        },
      };
    }
    this.entries.set(key, entry);
    return entry;
  }

  private compiledEntry(source: string, build: () => Record<string, unknown>): Entry {
    const provider = this;
    return {
      source,
      compile() {
        if (this.validate) return this.validate;
        const started = performance.now();
        try {
          this.validate = provider.ajv.compile(build());
          return this.validate;
        } finally {
          provider.compileMs += performance.now() - started;
        }
      },
    };
  }

  /** Where the schema of a kind comes from, or why there is none; compiles nothing. */
  lookup(apiVersion: string, kind: string): SchemaLookup {
    const entry = this.entry(apiVersion, kind);
    if (entry) {
      if (entry.error) return { found: false, reason: entry.error };
      return { found: true, source: entry.source };
    }
    const slash = apiVersion.lastIndexOf('/');
    const unserved = slash > 0 ? this.unserved.get(`${apiVersion.slice(0, slash)}\u0000${kind}`) : undefined;
    if (unserved && unserved.versions.includes(apiVersion.slice(slash + 1))) {
      return { found: false, reason: `CustomResourceDefinition ${unserved.crdName} does not serve ${apiVersion.slice(slash + 1)}${unserved.served.length ? ` (it serves ${unserved.served.join(', ')})` : ''}` };
    }
    return { found: false };
  }

  /** Schema issues of an object (undefined when its kind has no schema); validated once per object. */
  issues(object: K8sObject): SchemaIssue[] | undefined {
    if (this.results.has(object)) return this.results.get(object);
    let result: SchemaIssue[] | undefined;
    const entry = this.entry(object.apiVersion, object.kind);
    if (entry && !entry.error) {
      let validate: ValidateFunction | undefined;
      try {
        validate = entry.compile();
      } catch (error) {
        entry.error = `the schema from ${entry.source} does not compile: ${(error as Error).message}`;
      }
      if (validate) {
        const started = performance.now();
        const ok = validate(object.node.value);
        result = ok ? [] : toIssues(validate.errors ?? [], object.node.value, object.kind);
        this.validateMs += performance.now() - started;
      }
    }
    this.results.set(object, result);
    return result;
  }
}

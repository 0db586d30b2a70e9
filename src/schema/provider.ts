import type { ValidateFunction } from 'ajv';
import type { K8sObject } from '../model/k8s.js';
import type { PathKey } from '../parsers/yaml.js';
import { newAjv, type AjvInstance } from './ajv.js';
import { bundledSchemas, type BundledSchemas } from './bundled.js';
import { crdToJsonSchema, crdVersions, SubschemaInterner, type CrdVersion } from './crd.js';
import { toIssues, type SchemaIssue } from './issues.js';
import { pairKey, type LocatedSchema } from './location.js';
import { bundledVersionFor } from './versions.js';

export type SchemaLookup = { found: true; source: string } | { found: false; reason?: string };

export interface SchemaProviderOptions {
  kubernetesVersion: string;
  /** Schemas found in `--schema-location`s, consulted before the bundled ones. */
  located?: Map<string, LocatedSchema>;
  /** Use the bundled schemas (default true). */
  bundled?: boolean;
  /** Display paths of files in a kustomize directory (inputs of `kustomize build`, often partial). */
  kustomizeInputs?: ReadonlySet<string>;
}

interface Entry {
  source: string;
  /** Other definitions of the same kind (more CRDs): an issue counts only if every one reports it. */
  alternatives?: Entry[];
  validate?: ValidateFunction;
  error?: string;
  compile(): ValidateFunction;
  /** The schema of the kind and a resolver of its `$ref`s, for messages. */
  schema(): Schema | undefined;
  resolve(ref: string): Schema | undefined;
}

type Schema = Record<string, unknown>;

/**
 * Schemas of one run: custom resources from the CRDs of the run and `--crd`, then the
 * `--schema-location`s, then the bundled schemas of the target version. Everything compiles on
 * first use of a kind; each object is validated once, whichever schema rule asks first.
 */
export class SchemaProvider {
  readonly bundled?: BundledSchemas;
  private readonly located: Map<string, LocatedSchema>;
  /** Several CRDs may define one kind (copies of different releases in one repository). */
  private readonly crds = new Map<string, CrdVersion[]>();
  /** `group\u0000kind` → versions a CRD declares but does not serve. */
  private readonly unserved = new Map<string, { crdName: string; versions: string[]; served: string[] }>();
  private readonly entries = new Map<string, Entry | null>();
  private readonly results = new WeakMap<K8sObject, SchemaIssue[] | undefined>();
  private readonly seenCrdObjects = new WeakSet<object>();
  private readonly definitions: Array<{ crd: unknown; source: string }> = [];
  private ajvInstance?: AjvInstance;
  private internerInstance?: SubschemaInterner;
  /** Milliseconds spent compiling location and CRD schemas, and validating. */
  compileMs = 0;
  validateMs = 0;

  constructor(readonly options: SchemaProviderOptions) {
    this.located = options.located ?? new Map<string, LocatedSchema>();
    if (options.bundled !== false) this.bundled = bundledSchemas(bundledVersionFor(options.kubernetesVersion));
  }

  /** Whether a file is an input of kustomize (its directory holds a kustomization file). */
  isKustomizeInput(displayPath: string): boolean {
    return this.options.kustomizeInputs?.has(displayPath) ?? false;
  }

  /** `1.34.0`: the bundled schema version used for the target version. */
  get bundledVersion(): string | undefined {
    return this.bundled?.version.version;
  }

  private get ajv(): AjvInstance {
    return (this.ajvInstance ??= newAjv({ inlineRefs: false }));
  }

  private readonly interned = new Map<string, Schema>();
  private get interner(): SubschemaInterner {
    return (this.internerInstance ??= new SubschemaInterner((key, schema) => {
      this.interned.set(key, schema);
      this.ajv.addSchema(schema, key);
    }));
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
    this.definitions.push({ crd, source });
    const { versions, unserved } = crdVersions(crd, source);
    for (const v of versions) {
      const key = pairKey(`${v.group}/${v.version}`, v.kind);
      const list = this.crds.get(key);
      if (!list) this.crds.set(key, [v]);
      else if (!list.some((c) => c.openAPIV3Schema === v.openAPIV3Schema)) list.push(v);
    }
    if (unserved.length > 0 && versions.length + unserved.length > 0) {
      const first = versions[0];
      const spec = (crd as { spec: { group: string; names: { kind: string } } }).spec;
      this.unserved.set(`${spec.group}\u0000${spec.names.kind}`, {
        crdName: first?.crdName ?? spec.group,
        versions: unserved,
        served: versions.map((v) => v.version),
      });
    }
  }

  /** Every CRD registered, in order: a worker thread's provider is rebuilt from them (with `locatedSchemas`). */
  get crdDefinitions(): Array<{ crd: unknown; source: string }> {
    return [...this.definitions];
  }

  /** The schemas found in `--schema-location`s, by (apiVersion, kind). */
  get locatedSchemas(): Map<string, LocatedSchema> {
    return this.located;
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
    if (crd && crd.length > 0) {
      const [first, ...others] = crd.map((c) =>
        this.compiledEntry(
          `CustomResourceDefinition ${c.crdName} (${c.source})`,
          () => this.interner.intern(crdToJsonSchema(c.openAPIV3Schema)).schema,
          (ref) => this.interned.get(ref),
        ),
      );
      entry = first ?? null;
      if (entry && others.length > 0) {
        entry.alternatives = others;
        entry.source += ` and ${others.length} more`;
      }
    } else if (located) {
      const schema = { ...located.schema };
      delete schema.$schema;
      delete schema.$id;
      delete schema.id;
      entry = this.compiledEntry(
        located.source,
        () => schema,
        (ref) => pointer(schema, ref),
      );
    } else if (this.bundled?.stem(apiVersion, kind)) {
      const bundled = this.bundled;
      const source = `bundled Kubernetes ${bundled.version.version} schema`;
      entry = {
        source,
        compile() {
          this.validate ??= bundled.validator(apiVersion, kind)!;
          return this.validate;
        },
        schema: () => bundled.definition(bundled.stem(apiVersion, kind)!),
        resolve: (ref) => bundled.definition(ref.replace(/^(k8s)?#\/definitions\//, '')),
      };
    }
    this.entries.set(key, entry);
    return entry;
  }

  private compiledEntry(source: string, build: () => Schema, resolve: (ref: string) => Schema | undefined): Entry {
    // The entry's methods below have their own `this`.
    const provider = this;
    let built: Schema | undefined;
    return {
      source,
      schema: () => built,
      resolve,
      compile() {
        if (this.validate) return this.validate;
        const started = performance.now();
        try {
          this.validate = provider.ajv.compile((built = build()));
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
      return {
        found: false,
        reason: `CustomResourceDefinition ${unserved.crdName} does not serve ${apiVersion.slice(slash + 1)}${unserved.served.length ? ` (it serves ${unserved.served.join(', ')})` : ''}`,
      };
    }
    return { found: false };
  }

  /** Schema issues of an object (undefined when its kind has no schema); validated once per object. */
  issues(object: K8sObject): SchemaIssue[] | undefined {
    if (this.results.has(object)) return this.results.get(object);
    const entry = this.entry(object.apiVersion, object.kind);
    let result = entry ? this.validateWith(entry, object) : undefined;
    for (const alternative of entry?.alternatives ?? []) {
      if (!result || result.length === 0) break;
      const other = this.validateWith(alternative, object);
      if (!other) continue;
      const keys = new Set(other.map(issueKey));
      result = result.filter((issue) => keys.has(issueKey(issue)));
    }
    this.results.set(object, result);
    return result;
  }

  private validateWith(entry: Entry, object: K8sObject): SchemaIssue[] | undefined {
    if (entry.error) return undefined;
    let validate: ValidateFunction | undefined;
    try {
      validate = entry.compile();
    } catch (error) {
      entry.error = `the schema from ${entry.source} does not compile: ${(error as Error).message}`;
      return undefined;
    }
    const started = performance.now();
    try {
      const ok = validate(object.node.value);
      return ok ? [] : toIssues(validate.errors ?? [], object.node.value, object.kind, (path) => schemaAt(entry, path));
    } catch (error) {
      // A schema that refers to itself without end (`{"$ref": "#"}`) overflows the stack here.
      entry.error = `the schema from ${entry.source} cannot validate: ${error instanceof RangeError ? 'it recurses without end' : (error as Error).message}`;
      return undefined;
    } finally {
      this.validateMs += performance.now() - started;
    }
  }
}

function pointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Schema)[key] : undefined;
  }
  return typeof node === 'object' && node !== null ? (node as Schema) : undefined;
}

/** The schema at a path of an instance, through properties, items, maps and $refs (best effort). */
function schemaAt(entry: Entry, path: readonly PathKey[]): Schema | undefined {
  const deref = (s: Schema | undefined): Schema | undefined => {
    for (let i = 0; s && typeof s.$ref === 'string' && i < 50; i++) s = entry.resolve(s.$ref);
    return s;
  };
  let schema = deref(entry.schema());
  for (const key of path) {
    if (!schema) return undefined;
    const props = schema.properties as Record<string, Schema> | undefined;
    if (typeof key === 'number') schema = deref(schema.items as Schema | undefined);
    else if (props && Object.prototype.hasOwnProperty.call(props, key)) schema = deref(props[key]);
    else schema = typeof schema.additionalProperties === 'object' ? deref(schema.additionalProperties as Schema) : undefined;
  }
  return schema;
}

function issueKey(issue: SchemaIssue): string {
  return `${issue.kind}\u0000${issue.path.join('\u0000')}\u0000${issue.field ?? ''}`;
}

import { isMapping, type Mapping } from '../model/k8s.js';
import { scalarText } from '../util/text.js';

/** One served version of a custom resource, as declared by a CustomResourceDefinition. */
export interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  /** `widgets.example.com` */
  crdName: string;
  /** Where the CRD came from (file path), for messages. */
  source: string;
  /** The structural schema (`openAPIV3Schema`), or undefined when the CRD declares none. */
  openAPIV3Schema?: Mapping;
}

/** The served versions a CRD object declares (apiextensions.k8s.io v1 and v1beta1). */
export function crdVersions(crd: unknown, source: string): { versions: CrdVersion[]; unserved: string[] } {
  const out: CrdVersion[] = [];
  const unserved: string[] = [];
  if (!isMapping(crd) || !isMapping(crd.spec)) return { versions: out, unserved };
  const spec = crd.spec;
  const names = isMapping(spec.names) ? spec.names : {};
  const group = typeof spec.group === 'string' ? spec.group : undefined;
  const kind = typeof names.kind === 'string' ? names.kind : undefined;
  if (!group || !kind) return { versions: out, unserved };

  const crdName =
    isMapping(crd.metadata) && typeof crd.metadata.name === 'string'
      ? crd.metadata.name
      : `${scalarText(names.plural ?? kind.toLowerCase())}.${group}`;
  // v1beta1: a top-level `validation` applies to every version without its own schema.
  const shared = isMapping(spec.validation) && isMapping(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : undefined;
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isMapping) : [];
  if (versions.length === 0 && typeof spec.version === 'string') versions.push({ name: spec.version, served: true });
  for (const v of versions) {
    if (typeof v.name !== 'string') continue;
    if (v.served === false) {
      unserved.push(v.name);
      continue;
    }
    const own = isMapping(v.schema) && isMapping(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
    out.push({ group, version: v.name, kind, crdName, source, openAPIV3Schema: own ?? shared });
  }
  return { versions: out, unserved };
}

const STRING_MAP = { type: ['object', 'null'], additionalProperties: { type: 'string' } };

/** Metadata of a custom resource: checked loosely (names, labels, annotations), as for any object. */
const LOOSE_METADATA = {
  type: ['object', 'null'],
  properties: {
    name: { type: ['string', 'null'] },
    generateName: { type: ['string', 'null'] },
    namespace: { type: ['string', 'null'] },
    labels: STRING_MAP,
    annotations: STRING_MAP,
  },
};

/**
 * Converts a CRD structural schema (OpenAPI v3 subset with Kubernetes extensions) to a JSON schema
 * that rejects what the API server rejects or prunes: unknown fields where properties are declared
 * and `x-kubernetes-preserve-unknown-fields` is not set. Object fields accept `null` (the API
 * server drops nulls of non-nullable fields); formats are not checked.
 */
export function crdToJsonSchema(schema: Mapping | undefined): Record<string, unknown> {
  if (!schema) return {};
  const root = convert(schema, { field: false, junctor: false });
  const props = isMapping(root.properties) ? root.properties : (root.properties = {});
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  props.metadata = LOOSE_METADATA;
  delete root.required; // the root `required` is rarely more than apiVersion/kind/metadata; keep it for spec below
  if (Array.isArray(schema.required)) root.required = schema.required.filter((r) => r !== 'metadata' && r !== 'apiVersion' && r !== 'kind');
  return root;
}

const COPIED = [
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'required',
];

function convert(s: Mapping, ctx: { field: boolean; junctor: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of COPIED) if (s[key] !== undefined) out[key] = s[key];
  // The API server applies defaults before validation: a required field with a default is never missing.
  if (Array.isArray(out.required) && isMapping(s.properties)) {
    const props = s.properties;
    out.required = out.required.filter(
      (name) => !(typeof name === 'string' && isMapping(props[name]) && props[name].default !== undefined),
    );
  }
  const nullable = s.nullable === true || ctx.field;
  if (s['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
  } else if (typeof s.type === 'string') {
    out.type = s.type;
    if (s.type === 'number') out.type = 'number';
  }
  if (out.type !== undefined && nullable) out.type = [...(Array.isArray(out.type) ? (out.type as unknown[]) : [out.type]), 'null'];
  if (Array.isArray(out.enum) && nullable && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  if (typeof s.minimum === 'number') {
    if (s.exclusiveMinimum === true) out.exclusiveMinimum = s.minimum;
    else out.minimum = s.minimum;
  }
  if (typeof s.maximum === 'number') {
    if (s.exclusiveMaximum === true) out.exclusiveMaximum = s.maximum;
    else out.maximum = s.maximum;
  }
  if (isMapping(s.items)) out.items = convert(s.items, { field: false, junctor: ctx.junctor });
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (isMapping(s.properties)) {
    const props: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(s.properties))
      if (isMapping(child)) props[name] = convert(child, { field: true, junctor: ctx.junctor });
    if (embedded) {
      props.apiVersion ??= { type: ['string', 'null'] };
      props.kind ??= { type: ['string', 'null'] };
      props.metadata = LOOSE_METADATA;
    }
    out.properties = props;
    if (!preserve && !ctx.junctor && s.additionalProperties === undefined && Object.keys(props).length > 0)
      out.additionalProperties = false;
  }
  if (isMapping(s.additionalProperties)) out.additionalProperties = convert(s.additionalProperties, { field: true, junctor: ctx.junctor });
  else if (typeof s.additionalProperties === 'boolean' && !preserve) out.additionalProperties = s.additionalProperties;
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[junctor];
    if (Array.isArray(list) && s['x-kubernetes-int-or-string'] !== true)
      out[junctor] = list.filter(isMapping).map((b) => convert(b, { field: false, junctor: true }));
  }
  if (isMapping(s.not)) out.not = convert(s.not, { field: false, junctor: true });
  return out;
}

/** Keywords whose value is one schema, or a list or map of schemas. */
const SCHEMA_CHILD = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP = new Set(['properties']);

/**
 * Shares identical subschemas of converted CRD schemas (a CRD bundle repeats PodSpec and Container
 * dozens of times, across kinds and versions): every subschema of at least `minSize` nodes is
 * registered once under a key and referenced with `$ref`, so Ajv compiles it once per run.
 */
export class SubschemaInterner {
  private readonly keys = new Map<string, string>();
  private next = 0;

  constructor(
    private readonly register: (key: string, schema: Record<string, unknown>) => void,
    private readonly minSize = 8,
  ) {}

  intern(schema: Record<string, unknown>, root = true): { schema: Record<string, unknown>; key: string; size: number } {
    const out: Record<string, unknown> = {};
    const shape: Record<string, unknown> = {};
    let size = 1;
    for (const [keyword, value] of Object.entries(schema)) {
      if (SCHEMA_CHILD.has(keyword) && isMapping(value)) {
        const child = this.intern(value, false);
        out[keyword] = child.schema;
        shape[keyword] = child.key;
        size += child.size;
      } else if (SCHEMA_LIST.has(keyword) && Array.isArray(value)) {
        const children = value.map((v) => this.intern(v as Record<string, unknown>, false));
        out[keyword] = children.map((c) => c.schema);
        shape[keyword] = children.map((c) => c.key);
        size += children.reduce((n, c) => n + c.size, 0);
      } else if (SCHEMA_MAP.has(keyword) && isMapping(value)) {
        const map: Record<string, unknown> = {};
        const keys: Record<string, string> = {};
        for (const [name, child] of Object.entries(value)) {
          const c = this.intern(child as Record<string, unknown>, false);
          map[name] = c.schema;
          keys[name] = c.key;
          size += c.size;
        }
        out[keyword] = map;
        shape[keyword] = keys;
      } else {
        out[keyword] = value;
        shape[keyword] = value;
      }
    }
    const text = JSON.stringify(shape);
    if (root || size < this.minSize) return { schema: out, key: text.length < 200 ? text : `#${this.keyOf(text, undefined)}`, size };
    const key = this.keyOf(text, out);
    return { schema: { $ref: key }, key: `#${key}`, size };
  }

  private keyOf(text: string, schema: Record<string, unknown> | undefined): string {
    let key = this.keys.get(text);
    if (!key) {
      key = `k8slint-crd-${this.next++}`;
      this.keys.set(text, key);
      if (schema) this.register(key, schema);
    } else if (schema && !this.registered.has(key)) {
      this.register(key, schema);
    }
    if (schema) this.registered.add(key);
    return key;
  }

  private readonly registered = new Set<string>();
}

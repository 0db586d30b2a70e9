import type { ErrorObject } from 'ajv';
import type { PathKey } from '../parsers/yaml.js';
import { closest } from '../util/closest.js';
import { scalarText } from '../util/text.js';

/** What a schema violation is; the schema rules (rules/schema) each declare the kinds they report. */
export type SchemaIssueKind = 'unknown-field' | 'type' | 'required-field' | 'enum' | 'invalid-value';

/** One schema violation of an object, with a path relative to the object. */
export interface SchemaIssue {
  kind: SchemaIssueKind;
  /** Path of the node to report at (for a missing field: the mapping that lacks it). */
  path: PathKey[];
  /** `key`: report at the key (unknown fields); `missing`: `field` is missing under `path`. */
  at: 'key' | 'value' | 'missing';
  field?: string;
  message: string;
  /** The closest allowed key or value, when one is close enough to be the intended one (did you mean). */
  suggestion?: string;
}

type Schema = Record<string, unknown>;

const PATCH_DIRECTIVE = /^\$(patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/;

/** The schema that applies at a path of the object (following properties, items, maps and $refs). */
export type SchemaAt = (path: readonly PathKey[]) => Schema | undefined;

/** Turns Ajv's errors (allErrors, not verbose) for one object into issues. */
export function toIssues(errors: readonly ErrorObject[], value: unknown, kind: string, schemaAt: SchemaAt): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  // A value of the wrong type fails its enum or pattern too: report the type only.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of errors) {
    if (
      error.keyword !== 'type' &&
      error.keyword !== 'required' &&
      error.keyword !== 'additionalProperties' &&
      wrongType.has(error.instancePath)
    )
      continue;
    // Branches of anyOf/oneOf/not report through the combinator's own error.
    if (
      /\/(anyOf|oneOf|not|if|then|else)\/\d*/.test(error.schemaPath.replace(/^#\/definitions\/[^/]+/, '')) &&
      !['anyOf', 'oneOf', 'not'].includes(error.keyword)
    )
      continue;
    const path = decodePath(error.instancePath, value);
    const where = describePath(path, kind);
    const here = (): Schema => schemaAt(path) ?? {};
    const data = valueAt(value, path);
    let issue: SchemaIssue | undefined;
    switch (error.keyword) {
      case 'additionalProperties': {
        const field = String((error.params as { additionalProperty: string }).additionalProperty);
        // Strategic merge patch directives (kustomize patches): `$patch: delete`, `$setElementOrder/…`.
        if (PATCH_DIRECTIVE.test(field)) continue;
        const known = Object.keys((here().properties as Schema | undefined) ?? {});
        const suggestion = closest(
          field,
          known.filter((k) => k !== field),
        );
        issue = {
          kind: 'unknown-field',
          path: [...path, field],
          at: 'key',
          message: `unknown field "${field}" in ${where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ...(suggestion && { suggestion }),
        };
        break;
      }
      case 'required': {
        const field = String((error.params as { missingProperty: string }).missingProperty);
        issue = { kind: 'required-field', path, at: 'missing', field, message: `${where} is missing the required field "${field}"` };
        break;
      }
      case 'type': {
        // The schema of the root selects on apiVersion/kind, so those are strings already.
        issue = {
          kind: 'type',
          path,
          at: 'value',
          message: `${where} must be ${expected(here(), (error.params as { type: unknown }).type)}, not ${describeValue(data)}`,
        };
        break;
      }
      case 'enum':
      case 'const': {
        if (path.length === 1 && (path[0] === 'apiVersion' || path[0] === 'kind')) continue;
        const allowed = (
          error.keyword === 'enum'
            ? (error.params as { allowedValues: unknown[] }).allowedValues
            : [(error.params as { allowedValue: unknown }).allowedValue]
        ).filter((v) => v !== null);
        const suggestion =
          typeof data === 'string'
            ? closest(
                data,
                allowed.filter((v): v is string => typeof v === 'string'),
              )
            : undefined;

        issue = {
          kind: 'enum',
          path,
          at: 'value',
          message: `${where} is ${typeof data === 'string' ? JSON.stringify(data) : describeValue(data)}; allowed values: ${allowed.map((v) => scalarText(v)).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ...(suggestion && { suggestion }),
        };
        break;
      }
      case 'minimum':
      case 'maximum':
        if (here()['x-k8slint-format'] !== 'int32') {
          issue = {
            kind: 'invalid-value',
            path,
            at: 'value',
            message: `${where} ${error.message ?? 'is out of range'} (${describeValue(data)})`,
          };
          break;
        }
        issue = {
          kind: 'invalid-value',
          path,
          at: 'value',
          message: `${where} is out of the 32-bit integer range (${describeValue(data)})`,
        };
        break;
      case 'pattern':
        if (here()['x-k8slint-format'] === 'byte') {
          issue = { kind: 'invalid-value', path, at: 'value', message: `${where} is not base64-encoded data (${describeValue(data)})` };
          break;
        }
        issue = {
          kind: 'invalid-value',
          path,
          at: 'value',
          message: here()['x-kubernetes-quantity']
            ? `${where} is ${describeValue(data)}, not a Kubernetes quantity (such as 500m, 2, 1.5Gi, 512Mi)`
            : `${where} is ${describeValue(data)}, which does not match the pattern ${String((error.params as { pattern: string }).pattern)}`,
        };
        break;
      case 'format': {
        const format = String((error.params as { format: string }).format);
        const text =
          format === 'int32'
            ? 'is out of the 32-bit integer range'
            : format === 'int64'
              ? 'is not a 64-bit integer'
              : format === 'byte'
                ? 'is not base64-encoded data'
                : `is not a valid ${format}`;
        issue = { kind: 'invalid-value', path, at: 'value', message: `${where} ${text} (${describeValue(data)})` };
        break;
      }
      case 'anyOf':
      case 'oneOf':
        issue = {
          kind: 'invalid-value',
          path,
          at: 'value',
          message: `${where} matches ${error.keyword === 'oneOf' ? 'not exactly one' : 'none'} of the forms the schema allows`,
        };
        break;
      default:
        issue = { kind: 'invalid-value', path, at: 'value', message: `${where} ${error.message ?? 'is invalid'} (${describeValue(data)})` };
    }
    const key = `${issue.kind}|${issue.path.join('\u0000')}|${issue.field ?? ''}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

/** JSON pointer → path keys, with numbers where the value is a sequence. */
export function decodePath(pointer: string, root: unknown): PathKey[] {
  if (pointer === '') return [];
  const path: PathKey[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** `spec.template.spec.containers[0].resources`, or the kind for the object itself. */
export function describePath(path: readonly PathKey[], kind: string): string {
  if (path.length === 0) return kind;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let node = root;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function expected(schema: Schema, type: unknown): string {
  if (schema['x-kubernetes-quantity']) return 'a quantity (a string such as "500m" or "1Gi", or a number)';
  if (schema['x-kubernetes-int-or-string']) return 'an integer or a string';
  const declared = type ?? schema.type;
  const types = (Array.isArray(declared) ? declared : String(declared).split(',')).filter(
    (t) => t !== 'null' && t !== undefined,
  ) as string[];
  const words = types.map((t) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'an integer' : `a ${t}`));
  return words.length === 0 ? 'something else' : words.join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- JSON Schema values of enum/const and booleans: printing them as is is the intent
  return `the ${typeof value} ${String(value)}`;
}

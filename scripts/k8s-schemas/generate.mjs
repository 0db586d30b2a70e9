#!/usr/bin/env node
// Generates Kubernetes JSON schemas (layout of yannh/kubernetes-json-schema,
// "standalone-strict" flavour) from API descriptions published on npm.
//
//   node scripts/k8s-schemas/generate.mjs [--only 1.36.0] [--cache DIR] [--out DIR]
//
// Sources (pinned below, fetched with `npm pack` into a cache directory outside
// the project, integrity-checked):
//   * @kubernetes/client-node: OpenAPI-generated model classes. Their
//     `attributeTypeMap` gives every field's JSON name, type and format; the
//     .d.ts files give the required (non-optional) fields; the generated API
//     classes give the group/version of every creatable kind (POST endpoints).
//     This is the structural source, one client release per Kubernetes minor.
//   * kubernetes-models: TypeScript declarations generated from the Kubernetes
//     OpenAPI spec with the `+enum` markers restored. Used only as an overlay
//     for what client-node's generator drops: string enums, and which string
//     fields are resource.Quantity (string or number).
// See schemas/kubernetes/README.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..', '..');

/** Exact pins. Add a line here to add a Kubernetes version. */
export const VERSIONS = [
  // models: kubernetes-models releases used for the enum/quantity overlay, first wins
  // (5.1.0 is generated from Kubernetes v1.36.0, 4.5.1 from v1.33.0).
  {
    kubernetes: '1.36.0',
    clientNode: '2.0.1',
    models: ['5.1.0', '4.5.1'],
    note: 'structure: client-node 2.0.1 (OpenAPI spec release-1.36); overlay: kubernetes-models 5.1.0 (v1.36.0)',
  },
  {
    kubernetes: '1.34.0',
    clientNode: '1.4.0',
    models: ['5.1.0', '4.5.1'],
    note: 'structure: client-node 1.4.0 (OpenAPI spec v1.34.0); overlay: kubernetes-models 5.1.0 (v1.36.0)',
  },
  {
    kubernetes: '1.33.0',
    clientNode: '1.3.0',
    models: ['4.5.1', '5.1.0'],
    note: 'structure: client-node 1.3.0 (OpenAPI spec v1.33.0); overlay: kubernetes-models 4.5.1 (v1.33.0), then 5.1.0 (v1.36.0) for types 4.5.1 lacks',
  },
  {
    kubernetes: '1.32.0',
    clientNode: '1.1.3',
    models: ['4.5.1', '5.1.0'],
    note: 'structure: client-node 1.1.3 (OpenAPI spec v1.32.0); overlay: kubernetes-models 4.5.1 (v1.33.0), then 5.1.0 (v1.36.0) for types 4.5.1 lacks',
  },
];

/** sha512 integrity of each pinned tarball, as the registry reports it. */
const INTEGRITY = {
  '@kubernetes/client-node@2.0.1': 'sha512-evJgmEtgArEYlj6DNkMGjK41IrFK/hEwb5lWVxx0VRBWybQpnvi+2TtA19mLgVfRHfqX5yjHObX6e9W7LEZBjw==',
  '@kubernetes/client-node@1.4.0': 'sha512-Zge3YvF7DJi264dU1b3wb/GmzR99JhUpqTvp+VGHfwZT+g7EOOYNScDJNZwXy9cszyIGPIs0VHr+kk8e95qqrA==',
  '@kubernetes/client-node@1.3.0': 'sha512-IE0yrIpOT97YS5fg2QpzmPzm8Wmcdf4ueWMn+FiJSI3jgTTQT1u+LUhoYpdfhdHAVxdrNsaBg2C0UXSnOgMoCQ==',
  '@kubernetes/client-node@1.1.3': 'sha512-0JekGlhf0A6Jvd1s9tXdSkRlkNrx/O+53IzecvaXr9yXtTTJyoXbSoS4Jf6XCBr6SSAcL1nLRFQ7AgMBZtP3mQ==',
  'kubernetes-models@5.1.0': 'sha512-ym4Kiyr8BzGIWj4f853ytVYES1B8C1BdONRP5zodItPD1o//OEKuTwC5nFV3ZJtFGeMqOFbIYkpunSVXSlHS8g==',
  'kubernetes-models@4.5.1': 'sha512-M/dxDW9hLjVQkRJkMAZbYLLbIj5ZrItgL9ZLJhla2bURUHhQ1CoLAz0+2bcfvAVgu0KFwP9x0kjypYVdWYajXw==',
};

// ---------------------------------------------------------------- arguments
const args = process.argv.slice(2);
function argValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
const only = argValue('--only');
const cacheDir = path.resolve(argValue('--cache') ?? process.env.K8S_SCHEMA_CACHE ?? path.join(os.tmpdir(), 'k8slint-schema-sources'));
const outRoot = path.resolve(argValue('--out') ?? path.join(projectRoot, 'schemas', 'kubernetes'));
const pretty = args.includes('--pretty');

// ---------------------------------------------------------------- fetching
function sriOf(file) {
  return 'sha512-' + createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}

/** `npm pack` a pinned package into the cache and extract it; returns the package dir. */
function fetchPackage(name, version) {
  const spec = `${name}@${version}`;
  const slug = spec.replace(/^@/, '').replace(/[/@]/g, '-');
  const dir = path.join(cacheDir, slug);
  const done = path.join(dir, '.extracted');
  const expected = INTEGRITY[spec];
  if (fs.existsSync(done)) return path.join(dir, 'package');
  fs.mkdirSync(dir, { recursive: true });
  console.log(`fetching ${spec}`);
  const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    shell: process.platform === 'win32',
  });
  const info = JSON.parse(out.slice(out.indexOf('[')))[0];
  const tgz = path.join(dir, info.filename);
  const actual = sriOf(tgz);
  if (!expected)
    throw new Error(
      `no pinned integrity for ${spec}; add '${spec}': '${actual}' to INTEGRITY after checking it against \`npm view ${spec} dist.integrity\``,
    );
  if (actual !== expected) throw new Error(`integrity mismatch for ${spec}: expected ${expected}, got ${actual}`);
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  fs.writeFileSync(done, actual + '\n');
  return path.join(dir, 'package');
}

// ---------------------------------------------------------------- client-node models
/**
 * @typedef {{ name: string, baseName: string, type: string, format?: string }} Attr
 * @typedef {{ name: string, attrs: Attr[], required: Set<string> }} Model
 */

/** Reads every generated model: attributeTypeMap from the .js, required fields from the .d.ts. */
function readClientNodeModels(pkgDir) {
  const dir = path.join(pkgDir, 'dist', 'gen', 'models');
  // The published package also carries stale model files of APIs removed
  // upstream (the generator never deletes files); ObjectSerializer's typeMap
  // lists only the models of the spec the release was generated from.
  const serializer = fs.readFileSync(path.join(dir, 'ObjectSerializer.js'), 'utf8');
  const typeMap = serializer.match(/let typeMap = \{([\s\S]*?)\n\};/);
  if (!typeMap) throw new Error('typeMap not found in ObjectSerializer.js');
  const current = new Set([...typeMap[1].matchAll(/"(\w+)":/g)].map((m) => m[1]));
  /** @type {Map<string, Model>} */
  const models = new Map();
  for (const name of [...current].sort()) {
    const js = fs.readFileSync(path.join(dir, name + '.js'), 'utf8');
    const m = js.match(/\.attributeTypeMap = (\[[\s\S]*?\n\]);/);
    if (!m) continue; // enums/aliases, not models
    const attrs = JSON.parse(m[1]);
    const dts = fs.readFileSync(path.join(dir, name + '.d.ts'), 'utf8');
    const byTsName = new Map(attrs.map((a) => [a.name, a.baseName]));
    const required = new Set();
    for (const line of dts.split('\n')) {
      const r = line.match(/^\s+'([^']+)'(\?)?: /);
      if (r && !r[2] && byTsName.has(r[1])) required.add(byTsName.get(r[1]));
    }
    models.set(name, { name, attrs, required });
  }
  return models;
}

/**
 * Finds the group/version of every creatable kind: the body type of each
 * non-subresource POST endpoint of the generated API classes.
 * @returns {Map<string, {group: string, version: string}>} model name -> GV
 */
function readCreatableKinds(pkgDir, models) {
  const dir = path.join(pkgDir, 'dist', 'gen', 'apis');
  // As for models, only the API classes exported by the release are current.
  const index = fs.readFileSync(path.join(pkgDir, 'dist', 'gen', 'index.js'), 'utf8');
  const apis = [...new Set([...index.matchAll(/Object(\w+Api) as \1\b/g)].map((m) => m[1]))].sort();
  if (!apis.length) throw new Error('no API classes found in dist/gen/index.js');
  const result = new Map();
  for (const api of apis) {
    const js = fs.readFileSync(path.join(dir, api + '.js'), 'utf8');
    for (const chunk of js.split(/const localVarPath = /).slice(1)) {
      const p = chunk.match(/^'([^']*)'/);
      if (!p || !/HttpMethod\.POST\b/.test(chunk.slice(0, 2000))) continue;
      const body = chunk.match(/ObjectSerializer\.serialize\(body, "([^"]+)"/);
      if (!body) continue;
      const urlPath = p[1];
      if (urlPath.includes('{name}')) continue; // subresource (eviction, binding, token, ...)
      let gv = urlPath.match(/^\/apis\/([^/]+)\/([^/]+)\//);
      let group, version;
      if (gv) [, group, version] = gv;
      else if ((gv = urlPath.match(/^\/api\/(v1)\//))) [group, version] = ['', gv[1]];
      else continue;
      const model = models.get(body[1]);
      if (!model) continue;
      const names = new Set(model.attrs.map((a) => a.baseName));
      if (!names.has('apiVersion') || !names.has('kind')) continue;
      const prev = result.get(body[1]);
      if (prev && (prev.group !== group || prev.version !== version)) {
        throw new Error(`${body[1]} is created under two group/versions: ${prev.group}/${prev.version} and ${group}/${version}`);
      }
      result.set(body[1], { group, version });
    }
  }
  return result;
}

function kindOfModel(name) {
  const m = name.match(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])(.*)$/);
  if (!m) throw new Error(`cannot derive kind from model name ${name}`);
  return m[1];
}

// ---------------------------------------------------------------- kubernetes-models overlay
/**
 * @typedef {{ enum?: string[], quantity?: true, intOrString?: true, items?: Hint, values?: Hint }} Hint
 */

function classify(node) {
  if (!node) return undefined;
  if (ts.isParenthesizedTypeNode(node)) return classify(node.type);
  if (ts.isUnionTypeNode(node)) {
    const lits = node.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : null));
    if (lits.every((x) => x !== null)) return { enum: [...new Set(lits)].sort() };
    return undefined;
  }
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { enum: [node.literal.text] };
  if (ts.isArrayTypeNode(node)) {
    const items = classify(node.elementType);
    return items ? { items } : undefined;
  }
  if (ts.isTypeReferenceNode(node)) {
    const n = node.typeName.getText();
    if (n === 'Array' && node.typeArguments?.length === 1) {
      const items = classify(node.typeArguments[0]);
      return items ? { items } : undefined;
    }
    if (/ApimachineryPkgApiResourceQuantity$/.test(n)) return { quantity: true };
    if (/ApimachineryPkgUtilIntstrIntOrString$/.test(n)) return { intOrString: true };
    return undefined;
  }
  if (ts.isTypeLiteralNode(node)) {
    const idx = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
    if (idx) {
      const values = classify(idx.type);
      return values ? { values } : undefined;
    }
  }
  return undefined;
}

/** Parses kubernetes-models' .d.ts files into fqId -> {props: Map<prop, Hint|undefined>}. */
function readModelHints(pkgDir) {
  /** @type {Map<string, Map<string, Hint | undefined>>} */
  const defs = new Map();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '_schemas' && e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.d.ts') && e.name !== 'index.d.ts') {
        const text = fs.readFileSync(p, 'utf8');
        if (!text.includes('export interface')) continue;
        const sf = ts.createSourceFile(p, text, ts.ScriptTarget.ES2022, true);
        const aliases = new Map();
        const interfaces = new Map();
        for (const st of sf.statements) {
          if (ts.isInterfaceDeclaration(st)) interfaces.set(st.name.text, st);
          if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
            for (const el of st.exportClause.elements) {
              if (el.propertyName) aliases.set(el.propertyName.text, el.name.text);
            }
          }
        }
        for (const [local, decl] of interfaces) {
          const alias = aliases.get(local);
          if (!alias || !alias.startsWith('IIoK8s')) continue;
          const props = new Map();
          for (const m of decl.members) {
            if (!ts.isPropertySignature(m) || !m.name) continue;
            const key = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : m.name.getText();
            props.set(key, classify(m.type));
          }
          defs.set(alias.slice(1), props);
        }
      }
    }
  };
  walk(pkgDir);
  return defs;
}

/** client-node style names ("V1Pod", "CoreV1Event") for a kubernetes-models id. */
function clientNodeNamesOf(fqId) {
  const m =
    fqId.match(/^IoK8sApi([A-Z][a-z0-9]*)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/) ??
    fqId.match(/^IoK8sApiextensionsApiserverPkgApis([A-Z][a-z0-9]*)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/) ??
    fqId.match(/^IoK8sKubeAggregatorPkgApis([A-Z][a-z0-9]*)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/) ??
    fqId.match(/^IoK8sApimachineryPkgApis([A-Z][a-z0-9]*)(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/);
  if (!m) return null;
  return { long: m[1] + m[2] + m[3], short: m[2] + m[3] };
}

/** Maps each client-node model to the kubernetes-models hints for the same definition. */
function matchHints(models, hintDefs) {
  const byLong = new Map();
  const byShort = new Map();
  for (const [id, props] of hintDefs) {
    const n = clientNodeNamesOf(id);
    if (!n) continue;
    byLong.set(n.long, props);
    if (!byShort.has(n.short)) byShort.set(n.short, []);
    byShort.get(n.short).push(props);
  }
  // Fallback for definitions kubernetes-models does not ship (mostly alpha and
  // beta versions): the same-named type of another API version, if at least
  // half of the fields agree.
  const byKind = new Map();
  for (const [short, list] of byShort) {
    const kind = short.replace(/^V\d+(?:alpha\d+|beta\d+)?/, '');
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(...list);
  }
  const pick = (cands, own, min) => {
    let best = min - 1;
    let chosen;
    for (const c of cands) {
      const score = own.filter((p) => c.has(p)).length;
      if (score > best) [best, chosen] = [score, c];
    }
    return chosen;
  };
  const result = new Map();
  let fallbacks = 0;
  for (const [name, model] of models) {
    const own = model.attrs.map((a) => a.baseName);
    let props = byLong.get(name) ?? pick(byShort.get(name) ?? [], own, 0);
    if (!props) {
      const kind = name.replace(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
      props = pick(byKind.get(kind) ?? [], own, Math.max(1, Math.ceil(own.length / 2)));
      if (props) fallbacks++;
    }
    if (props) result.set(name, props);
  }
  result.fallbacks = fallbacks;
  return result;
}

// ---------------------------------------------------------------- schema building
/**
 * resource.Quantity: a JSON number, or a string in the grammar of
 * k8s.io/apimachinery resource.ParseQuantity: a signed decimal number followed
 * by an optional binary-SI suffix (Ki Mi Gi Ti Pi Ei), decimal-SI suffix
 * (n u m k M G T P E) or decimal exponent (e3, E-2). "512mb" or "1GB" fail, as
 * they do on the API server.
 */
export const QUANTITY_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$';
function quantitySchema() {
  return { type: ['string', 'number'], pattern: QUANTITY_PATTERN, 'x-kubernetes-quantity': true };
}
/** intstr.IntOrString: an integer or a string (a port name, a percentage). */
function intOrStringSchema() {
  return { type: ['string', 'integer'], 'x-kubernetes-int-or-string': true };
}

const PRIMITIVE_DATE_TYPES = new Set(['V1MicroTime', 'V1Time', 'Date']);

/**
 * Converts a client-node type expression into a JSON schema fragment.
 * References to models become { $ref: '#/definitions/<Model>' }.
 */
function typeSchema(type, format, hint, models, warnings, where) {
  type = type.trim();
  let m;
  if ((m = type.match(/^Array<(.+)>$/))) {
    return { type: 'array', items: typeSchema(m[1], format, hint?.items, models, warnings, where + '[]') };
  }
  if ((m = type.match(/^\{ \[key: string\]: (.+); \}$/))) {
    return { type: 'object', additionalProperties: typeSchema(m[1], format, hint?.values, models, warnings, where + '{}') };
  }
  switch (type) {
    case 'string': {
      if (hint?.quantity) return quantitySchema();
      if (hint?.intOrString) return intOrStringSchema();
      const s = { type: 'string' };
      if (format === 'byte' || format === 'date-time') s.format = format;
      if (hint?.enum) s.enum = hint.enum;
      return s;
    }
    case 'number':
      if (format === 'int32' || format === 'int64') return { type: 'integer', format };
      return format ? { type: 'number', format } : { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'IntOrString':
      return intOrStringSchema();
    case 'any':
      return {};
  }
  if (models.has(type)) return { $ref: `#/definitions/${type}` };
  if (PRIMITIVE_DATE_TYPES.has(type)) return { type: 'string', format: 'date-time' };
  warnings.push(`${where}: unknown type ${type}, accepting anything`);
  return {};
}

/** Makes an optional property also accept null, as the API server does. */
function nullable(s) {
  if (s.$ref) return { anyOf: [s, { type: 'null' }] };
  if (s.type === undefined) return s; // any
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const out = { ...s, type: types.includes('null') ? types : [...types, 'null'] };
  if (s.enum && !s.enum.includes(null)) out.enum = [...s.enum, null];
  return out;
}

/** Definition schema (with $refs) of one model. */
function modelSchema(model, hints, models, warnings) {
  const props = {};
  for (const a of model.attrs) {
    // apiVersion/kind literals of kubernetes-models are not carried over: the
    // top-level kind schema sets them, and a hint borrowed from another API
    // version would carry that version's apiVersion.
    const hint = a.baseName === 'apiVersion' || a.baseName === 'kind' ? undefined : hints?.get(a.baseName);
    const s = typeSchema(a.type, a.format, hint, models, warnings, `${model.name}.${a.baseName}`);
    props[a.baseName] = model.required.has(a.baseName) ? s : nullable(s);
  }
  const schema = { type: 'object' };
  if (model.attrs.length) {
    schema.properties = props;
    schema.additionalProperties = false; // strict: only objects with fixed properties
    const req = model.attrs.map((a) => a.baseName).filter((n) => model.required.has(n));
    if (req.length) schema.required = req;
  }
  return schema;
}

/** Top-level schema of a kind: apiVersion/kind constrained and required. */
function kindSchema(def, gv, kind) {
  const apiVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
  const properties = { ...def.properties };
  properties.apiVersion = { type: 'string', enum: [apiVersion] };
  properties.kind = { type: 'string', enum: [kind] };
  const required = [...new Set(['apiVersion', 'kind', ...(def.required ?? [])])];
  return {
    type: 'object',
    properties,
    required,
    additionalProperties: false,
    'x-kubernetes-group-version-kind': [{ group: gv.group, kind, version: gv.version }],
  };
}

/**
 * Inlines every $ref of `schema` (standalone). Recursive definitions (e.g.
 * JSONSchemaProps) are kept once under the file's own `definitions` and
 * referenced locally, so the file stays self-contained.
 */
function inline(schema, defs) {
  const localDefs = {};
  const stack = [];
  const recursive = new Set();
  // First pass: find recursive definitions reachable from the schema.
  const findCycles = (s, seen) => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach((x) => findCycles(x, seen));
    if (typeof s.$ref === 'string') {
      const name = s.$ref.slice('#/definitions/'.length);
      if (seen.includes(name)) {
        recursive.add(name);
        return;
      }
      if (visited.has(name)) return;
      findCycles(defs[name], [...seen, name]);
      visited.add(name);
      return;
    }
    for (const v of Object.values(s)) findCycles(v, seen);
  };
  const visited = new Set();
  findCycles(schema, []);
  const expand = (s) => {
    if (!s || typeof s !== 'object') return s;
    if (Array.isArray(s)) return s.map(expand);
    if (typeof s.$ref === 'string') {
      const name = s.$ref.slice('#/definitions/'.length);
      if (recursive.has(name)) {
        if (!(name in localDefs)) {
          localDefs[name] = null; // placeholder against re-entry
          localDefs[name] = expandObject(defs[name]);
        }
        return { $ref: `#/definitions/${name}` };
      }
      if (stack.includes(name)) throw new Error(`unexpected cycle at ${name}`);
      stack.push(name);
      const r = expand(defs[name]);
      stack.pop();
      return r;
    }
    return expandObject(s);
  };
  const expandObject = (s) => {
    // anyOf [ {$ref}, null ] around a non-recursive def: fold null into the inlined type.
    if (s.anyOf && s.anyOf.length === 2 && s.anyOf[0].$ref && s.anyOf[1].type === 'null') {
      const inner = expand(s.anyOf[0]);
      return inner.$ref ? { anyOf: [inner, { type: 'null' }] } : nullable(inner);
    }
    const out = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === 'enum' ? v : expand(v);
    return out;
  };
  const result = expandObject(schema);
  if (Object.keys(localDefs).length) {
    result.definitions = Object.fromEntries(Object.entries(localDefs).sort(([a], [b]) => a.localeCompare(b)));
  }
  return result;
}

function groupLabel(group) {
  return group ? group.split('.')[0].toLowerCase() : '';
}

function fileStem(kind, gv) {
  const g = groupLabel(gv.group);
  return [kind.toLowerCase(), g, gv.version.toLowerCase()].filter(Boolean).join('-');
}

function writeJson(file, data, forcePretty = false) {
  fs.writeFileSync(file, (pretty || forcePretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)) + '\n');
}

// ---------------------------------------------------------------- main
function generateVersion(v) {
  const cnDir = fetchPackage('@kubernetes/client-node', v.clientNode);
  const hintDefs = new Map();
  for (const km of [...v.models].reverse()) {
    for (const [id, props] of readModelHints(fetchPackage('kubernetes-models', km))) hintDefs.set(id, props);
  }
  const header = fs.readFileSync(path.join(cnDir, 'dist', 'gen', 'models', 'V1Pod.d.ts'), 'utf8').match(/OpenAPI spec version: (\S+)/)?.[1];
  const models = readClientNodeModels(cnDir);
  const kinds = readCreatableKinds(cnDir, models);
  const hints = matchHints(models, hintDefs);
  const unmatched = [...models.keys()].filter((n) => !hints.has(n));
  console.log(
    `  kubernetes-models overlay: ${models.size - unmatched.length - hints.fallbacks} same definition, ${hints.fallbacks} same type of another API version, ${unmatched.length} none`,
  );
  if (process.env.K8S_SCHEMA_DEBUG) console.log(`  without overlay: ${unmatched.join(' ')}`);
  const warnings = [];

  const defs = {};
  for (const [name, model] of [...models].sort(([a], [b]) => a.localeCompare(b))) {
    defs[name] = modelSchema(model, hints.get(name), models, warnings);
  }

  const dirName = `v${v.kubernetes}-standalone-strict`;
  const outDir = path.join(outRoot, dirName);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  const index = {};
  const kindDefs = {};
  const stems = new Map();
  for (const [name, gv] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
    const kind = kindOfModel(name);
    const stem = fileStem(kind, gv);
    if (stems.has(stem)) throw new Error(`file name collision: ${stem} for ${name} and ${stems.get(stem)}`);
    stems.set(stem, name);
    const top = kindSchema(defs[name], gv, kind);
    kindDefs[stem] = top;
    const standalone = { $schema: 'http://json-schema.org/draft-07/schema#', ...inline(top, defs) };
    writeJson(path.join(outDir, `${stem}.json`), standalone);
    const apiVersion = gv.group ? `${gv.group}/${gv.version}` : gv.version;
    (index[apiVersion] ??= {})[kind] = stem;
  }

  // One combined, non-inlined file: shared definitions referenced with $ref,
  // plus one entry per kind under the same file stem as the standalone file.
  const combined = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    'x-kubernetes-version': v.kubernetes,
    kinds: Object.fromEntries(Object.entries(index).sort(([a], [b]) => a.localeCompare(b))),
    definitions: { ...defs, ...kindDefs },
  };
  writeJson(path.join(outDir, '_definitions.json'), combined);

  const uniqWarnings = [...new Set(warnings)];
  for (const w of uniqWarnings) console.warn(`  warning (${v.kubernetes}): ${w}`);
  let enumFields = 0;
  let quantityFields = 0;
  for (const d of Object.values(defs)) {
    const s = JSON.stringify(d);
    enumFields += (s.match(/"enum":/g) ?? []).length;
    quantityFields += (s.match(/"x-kubernetes-quantity":true/g) ?? []).length;
  }
  console.log(
    `v${v.kubernetes}: ${models.size} definitions, ${kinds.size} kinds, ${enumFields} enum fields, ${quantityFields} quantity fields (spec ${header})`,
  );
  return {
    version: v.kubernetes,
    directory: dirName,
    openapiSpec: header,
    sources: {
      '@kubernetes/client-node': v.clientNode,
      'kubernetes-models': v.models.join(', '),
    },
    note: v.note,
    kinds: kinds.size,
  };
}

const selected = only ? VERSIONS.filter((v) => v.kubernetes === only) : VERSIONS;
if (!selected.length) throw new Error(`unknown version ${only}`);
fs.mkdirSync(outRoot, { recursive: true });
const generated = selected.map(generateVersion);
if (!only) {
  writeJson(
    path.join(outRoot, 'index.json'),
    {
      generator: 'scripts/k8s-schemas/generate.mjs',
      flavour: 'standalone-strict',
      fileName: '<kind>[-<group first label>]-<version>.json',
      versions: generated,
    },
    true,
  );
}

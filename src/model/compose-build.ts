import { basename } from 'node:path';
import { YamlFile } from '../parsers/yaml.js';
import { interpolate } from '../parsers/compose-interpolation.js';
import type { SourceFile } from '../types.js';
import type { Limits } from '../util/limits.js';
import { scalarText } from '../util/text.js';
import { modelNode } from './node.js';
import { KNode, isMapping, type K8sObject, type Mapping } from './k8s.js';
import { parseMount, parsePort } from './compose-syntax.js';
import type {
  ComposeBuild,
  ComposeDeploy,
  ComposeDependency,
  ComposeEnvVar,
  ComposeModel,
  ComposeRef,
  ComposeService,
  ComposeString,
} from './compose.js';

/** `compose.override.yaml`, `docker-compose.override.yml`, `docker-compose-override.yml`: merged over the main file. */
const OVERRIDE = /(^|[._-])override([._-]|$)/;

/** Throws YamlParseError for a syntax error or an input over a budget (see Limits). */
export function buildComposeModel(source: SourceFile, limits: Partial<Limits> = {}): ComposeModel {
  const file = new YamlFile(source, limits);
  const start = modelNode({ span: { line: 1, column: 1, endLine: 1, endColumn: 2 } }, source);
  const rootValue = resolveMerges(file.documents[0], new WeakMap(), 0);
  const model: ComposeModel = {
    file,
    services: [],
    networks: new Map(),
    volumes: new Map(),
    secrets: new Map(),
    configs: new Map(),
    include: [],
    partial: OVERRIDE.test(basename(source.path).toLowerCase()),
    start,
  };
  if (!isMapping(rootValue)) return model;
  const root = new KNode(file, 0, [], rootValue);
  model.root = root;
  if (typeof rootValue.name === 'string') model.name = rootValue.name;
  model.version = root.get('version');
  for (const key of ['networks', 'volumes', 'secrets', 'configs'] as const)
    for (const [name, node] of root.get(key)?.entries() ?? []) if (!name.startsWith('x-')) model[key].set(name, node);
  model.include = root.get('include')?.items() ?? [];
  for (const [name, node] of root.get('services')?.entries() ?? []) {
    if (name.startsWith('x-') || !isMapping(node.value)) continue;
    model.services.push(buildService(model, name, node as KNode<Mapping>));
  }
  return model;
}

/**
 * The document with YAML merge keys applied (`<<: *base`, `<<: [*a, *b]`): keys written in the
 * mapping win over merged ones, earlier sources over later ones, as Compose reads them.
 */
function resolveMerges(value: unknown, seen: WeakMap<object, unknown>, depth: number): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Date || depth > 200) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(resolveMerges(item, seen, depth + 1));
    return out;
  }
  const out: Mapping = {};
  seen.set(value, out);
  const source = value as Mapping;
  for (const [key, v] of Object.entries(source)) if (key !== '<<') out[key] = resolveMerges(v, seen, depth + 1);
  if (Object.prototype.hasOwnProperty.call(source, '<<')) {
    const merged = source['<<'];
    for (const from of Array.isArray(merged) ? merged : [merged]) {
      const resolved = resolveMerges(from, seen, depth + 1);
      if (!isMapping(resolved)) continue;
      for (const [key, v] of Object.entries(resolved)) if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = v;
    }
  }
  return out;
}

/** A scalar as a ComposeString (undefined for mappings, lists and null). */
export function composeString(node: KNode | undefined): ComposeString | undefined {
  if (!node) return undefined;
  const v = node.value;
  if (v === null || v === undefined || (typeof v === 'object' && !(v instanceof Date))) return undefined;
  const text = scalarText(v);
  return { node, text, interpolation: interpolate(text) };
}

function buildService(model: ComposeModel, name: string, raw: KNode<Mapping>): ComposeService {
  const value = raw.value;
  const object: K8sObject = {
    file: model.file,
    node: raw,
    apiVersion: 'compose',
    kind: 'service',
    name,
    id: `service/${name}`,
    annotations: {},
    labels: labelsOf(value.labels),
    partial: model.partial,
  };
  const node = raw.ownedBy(object);
  object.node = node;
  const service: ComposeService = {
    model,
    name,
    node,
    object,
    ports: node.get('ports')?.items().map(parsePort) ?? [],
    volumes: node.get('volumes')?.items().map(parseMount) ?? [],
    environment: envVars(node.get('environment')),
    envFiles: envFiles(node.get('env_file')),
    deploy: deployOf(node.get('deploy')),
    dependsOn: dependencies(node.get('depends_on')),
    networks: refs(node.get('networks')),
    secrets: refs(node.get('secrets')),
    configs: refs(node.get('configs')),
    profiles: Array.isArray(value.profiles) ? value.profiles.map((p) => scalarText(p)) : [],
  };
  const strings = {
    image: 'image',
    pullPolicy: 'pull_policy',
    containerName: 'container_name',
    restart: 'restart',
    networkMode: 'network_mode',
  } as const;
  for (const [field, key] of Object.entries(strings) as Array<[keyof typeof strings, string]>) {
    const s = composeString(node.get(key));
    if (s) service[field] = s;
  }
  const build = buildOf(node.get('build'));
  if (build) service.build = build;
  const healthcheck = node.get('healthcheck');
  if (healthcheck) service.healthcheck = healthcheck;
  const ext = node.get('extends');
  if (ext) {
    if (typeof ext.value === 'string') service.extends = { service: ext.value, node: ext };
    else if (isMapping(ext.value) && typeof ext.value.service === 'string')
      service.extends = {
        service: ext.value.service,
        node: ext,
        ...(typeof ext.value.file === 'string' && { file: ext.value.file }),
      };
  }
  return service;
}

function labelsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) if (v === null || typeof v !== 'object') out[k] = scalarText(v);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') continue;
      const at = item.indexOf('=');
      if (at === -1) out[item] = '';
      else out[item.slice(0, at)] = item.slice(at + 1);
    }
  }
  return out;
}

/** `environment:` or `build.args:`, as a list (`KEY=value`, `KEY`) or a mapping (`KEY: value`, `KEY:`). */
export function envVars(node: KNode | undefined): ComposeEnvVar[] {
  if (!node) return [];
  const out: ComposeEnvVar[] = [];
  if (Array.isArray(node.value)) {
    for (const item of node.items()) {
      const s = composeString(item);
      if (!s) continue;
      const at = s.text.indexOf('=');
      if (at === -1) {
        out.push({ node: item, name: s.text, syntax: 'list' });
        continue;
      }
      const text = s.text.slice(at + 1);
      out.push({ node: item, name: s.text.slice(0, at), value: { node: item, text, interpolation: interpolate(text) }, syntax: 'list' });
    }
  } else if (isMapping(node.value)) {
    for (const [name, entry] of node.entries()) {
      const value = composeString(entry);
      out.push({ node: entry, name, syntax: 'map', ...(value && { value }) });
    }
  }
  return out;
}

function envFiles(node: KNode | undefined): ComposeString[] {
  if (!node) return [];
  const single = composeString(node);
  if (single) return [single];
  return node.items().flatMap((item) => {
    const s = composeString(isMapping(item.value) ? item.get('path') : item);
    return s ? [s] : [];
  });
}

function buildOf(node: KNode | undefined): ComposeBuild | undefined {
  if (!node) return undefined;
  const short = composeString(node);
  if (short) return { node, context: short, args: [] };
  if (!isMapping(node.value)) return undefined;
  const build: ComposeBuild = { node, args: envVars(node.get('args')) };
  const context = composeString(node.get('context'));
  if (context) build.context = context;
  const dockerfile = composeString(node.get('dockerfile'));
  if (dockerfile) build.dockerfile = dockerfile;
  const inline = composeString(node.get('dockerfile_inline'));
  if (inline) build.inline = inline;
  const target = composeString(node.get('target'));
  if (target) build.target = target;
  return build;
}

function deployOf(node: KNode | undefined): ComposeDeploy {
  if (!node || !isMapping(node.value)) return { devices: [] };
  const deploy: ComposeDeploy = { node, devices: [] };
  const replicas = composeString(node.get('replicas'));
  if (replicas) deploy.replicas = replicas;
  const limits = node.at('resources', 'limits');
  if (limits) deploy.limits = limits;
  const reservations = node.at('resources', 'reservations');
  if (reservations) deploy.reservations = reservations;
  deploy.devices = reservations?.get('devices')?.items() ?? [];
  return deploy;
}

function dependencies(node: KNode | undefined): ComposeDependency[] {
  if (!node) return [];
  if (Array.isArray(node.value))
    return node
      .items()
      .flatMap((item) =>
        typeof item.value === 'string' ? [{ node: item, service: item.value, condition: 'service_started', required: true }] : [],
      );
  return node.entries().map(([service, entry]) => {
    const v = entry.value;
    const condition = isMapping(v) && typeof v.condition === 'string' ? v.condition : 'service_started';
    const required = !(isMapping(v) && v.required === false);
    return { node: entry, service, condition, required };
  });
}

/** A list of names, a list of `{source: name}` (secrets, configs), or a mapping keyed by name (networks). */
function refs(node: KNode | undefined): ComposeRef[] {
  if (!node) return [];
  if (Array.isArray(node.value))
    return node.items().flatMap((item) => {
      if (typeof item.value === 'string') return [{ node: item, name: item.value }];
      if (isMapping(item.value) && typeof item.value.source === 'string') return [{ node: item, name: item.value.source }];
      return [];
    });
  return node.entries().map(([name, entry]) => ({ node: entry, name }));
}

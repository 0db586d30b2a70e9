import { kustomizedIdentity } from '../../src/model/kustomize.js';
import { dirname, join, sep } from 'node:path';
import type { SourceFile } from '../../src/types.js';
import { isMapping, stringMap, type K8sObject, type Workload } from '../../src/model/k8s.js';
import { closest, editDistance } from '../../src/util/closest.js';

/**
 * The objects of one run, indexed for cross-object rules: by kind, by kind and name, and pod
 * templates by label `key=value`, so that a selector lookup costs the size of its smallest
 * posting list instead of a pass over every pod template of the run.
 */

/** Kinds that live outside namespaces: their namespace is never compared. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeSnapshotClass',
  'GatewayClass',
  'ClusterIssuer',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
]);

/** Where cross-object rules look for a referenced object before calling it missing. */
export type Scope = 'file' | 'folder' | 'run';

/** Folders (or runs) with more pod templates than this get a narrower near-miss search (see nearMissCandidates). */
const NEAR_MISS_FULL_SCAN = 500;

export const SCOPE_OPTION_SCHEMA = {
  type: 'string',
  enum: ['file', 'folder', 'run'],
  description:
    'Where the linted objects must define others of the referenced kind before a reference to a missing one is reported: `file` (the referencing file, which includes a `helm template` or `kustomize build` stream read as one file), `folder` (its folder: a kustomize base split by kind) or `run` (any linted file). Near misses (a typo, the name in another namespace) are looked for in the folder (`run`: everywhere) and reported whatever the scope.',
} as const;

export interface IndexedObject {
  object: K8sObject;
  /** The object's namespace, or the run's default namespace when it sets none. */
  namespace: string;
  /**
   * The namespace is known: the object sets `metadata.namespace`, or the run names the namespace
   * of objects that set none (`--namespace`, config `namespace:`). An unknown one is filled in at
   * apply time (`kubectl apply -n`, `helm --namespace`) and matches any namespace.
   */
  explicitNamespace: boolean;
  clusterScoped: boolean;
  /** Folder of the file that holds the object. */
  dir: string;
  /** Path of the file (or stdin stream) that holds the object. */
  path: string;
  /** Project folder of the file (chart, repository, or the path named on the command line); '' when the run does not say. */
  project: string;
  /**
   * What `scope: file` compares: the file, or for a template of a Helm chart, the chart's
   * `templates/` folder, which `helm template` renders into one stream: linting the chart's
   * sources judges what linting its rendered stream judges.
   */
  stream: string;
}

export interface TemplatePort {
  container: string;
  number?: number;
  name?: string;
  protocol: string;
}

export interface PodTemplate extends IndexedObject {
  workload: Workload;
  labels: Record<string, string>;
  ports: TemplatePort[];
  /** `serviceAccountName` (or the deprecated `serviceAccount`); undefined means `default`. */
  serviceAccount?: string;
}

export interface IndexOptions {
  /**
   * Namespace of objects that set none (`--namespace` or the config's `namespace:`). Given, it is
   * where they are; undefined, they are in `default` for messages but match any namespace, as the
   * run cannot tell where they will be applied.
   */
  defaultNamespace?: string | undefined;
}

export class ObjectIndex {
  readonly objects: IndexedObject[];
  readonly templates: PodTemplate[];
  readonly defaultNamespace: string;
  /** The run named the namespace of objects that set none. */
  private readonly namespaceKnown: boolean;
  private readonly kinds = new Map<string, IndexedObject[]>();
  private readonly names = new Map<string, IndexedObject[]>();
  private readonly templatesByLabel = new Map<string, PodTemplate[]>();
  private readonly templatesByDir = new Map<string, PodTemplate[]>();
  private readonly templatesByPath = new Map<string, PodTemplate[]>();
  private readonly templatesByName = new Map<string, PodTemplate[]>();
  private readonly customResourceDirs = new Map<string, boolean>();
  private readonly kindsByDir = new Map<string, Set<string>>();
  private readonly byObject = new Map<K8sObject, IndexedObject>();

  constructor(objects: readonly K8sObject[], workloads: readonly Workload[], options: IndexOptions = {}) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.namespaceKnown = options.defaultNamespace !== undefined;
    this.objects = objects.map((object) => this.entryOf(object));
    for (const entry of this.objects) {
      this.byObject.set(entry.object, entry);
      push(this.kinds, entry.object.kind, entry);
      if (entry.object.name !== undefined) push(this.names, nameKey(entry.object.kind, entry.object.name), entry);
      let kinds = this.kindsByDir.get(entry.dir);
      if (!kinds) this.kindsByDir.set(entry.dir, (kinds = new Set()));
      kinds.add(entry.object.kind);
    }
    this.templates = workloads.map((workload) => ({
      ...this.entryOf(workload.object),
      workload,
      // Labels a kustomization adds to pod templates (`labels` with includeTemplates, `commonLabels`).
      labels: { ...workload.templateLabels, ...(kustomizedIdentity(workload.object)?.templateLabels ?? {}) },
      ports: portsOf(workload),
      serviceAccount: serviceAccountOf(workload),
    }));
    for (const template of this.templates) {
      for (const [k, v] of Object.entries(template.labels)) push(this.templatesByLabel, `${k}=${v}`, template);
      push(this.templatesByDir, template.dir, template);
      push(this.templatesByPath, template.path, template);
      if (template.object.name !== undefined) push(this.templatesByName, nameKey(template.object.kind, template.object.name), template);
    }
  }

  /** The index entry of an object of the run. */
  entry(object: K8sObject): IndexedObject {
    return this.byObject.get(object) ?? this.entryOf(object);
  }

  ofKind(...kinds: string[]): IndexedObject[] {
    return kinds.flatMap((kind) => this.kinds.get(kind) ?? []);
  }

  /** Objects of `kind` named `name`, in any namespace. */
  named(kind: string, name: string): IndexedObject[] {
    return this.names.get(nameKey(kind, name)) ?? [];
  }

  /**
   * Pod templates whose labels hold every `key=value` of `selector` (a non-empty one), in any
   * namespace; of the project of `from` when given (pods of another project never satisfy it).
   */
  templatesMatching(selector: Record<string, string>, from?: IndexedObject): PodTemplate[] {
    const entries = Object.entries(selector);
    let smallest: PodTemplate[] | undefined;
    for (const [k, v] of entries) {
      const list = this.templatesByLabel.get(`${k}=${v}`) ?? [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    if (!smallest) return [];
    return smallest.filter((t) => entries.every(([k, v]) => t.labels[k] === v) && (!from || t.project === from.project));
  }

  /** Pod templates of every object of `kind` named `name` (the object and its kustomize patches), in any folder. */
  templatesOf(kind: string, name: string): PodTemplate[] {
    return this.templatesByName.get(nameKey(kind, name)) ?? [];
  }

  /** Pod templates of the files in `dir`. */
  templatesIn(dir: string): PodTemplate[] {
    return this.templatesByDir.get(dir) ?? [];
  }

  /**
   * Pod templates a selector of `from` may have been meant for (near-miss candidates): those of its
   * folder (`run`: all). In a folder of more than NEAR_MISS_FULL_SCAN templates, only those of its
   * file and those that share a label of the selector exactly, so the search stays linear in the run.
   */
  nearMissCandidates(from: IndexedObject, selector: Record<string, string>, scope: Scope): PodTemplate[] {
    const pool = scope === 'run' ? this.templates : this.templatesIn(from.dir);
    if (pool.length <= NEAR_MISS_FULL_SCAN) return pool;
    const picked = new Set<PodTemplate>(this.templatesByPath.get(from.path) ?? []);
    for (const [k, v] of Object.entries(selector))
      for (const t of this.templatesByLabel.get(`${k}=${v}`) ?? []) if (scope === 'run' || t.dir === from.dir) picked.add(t);
    return [...picked];
  }

  /**
   * Pod templates that a selector of `owner` matching none of them was plainly meant for: the
   * owner's file (`scope: folder`/`run`: its folder, the run) holds whole pod templates of its
   * namespace and no custom resource (whose operator would make pods with labels of its own).
   * Empty when the scope cannot tell.
   */
  podsItCouldMean(owner: IndexedObject, scope: Scope): PodTemplate[] {
    const inScope = (e: IndexedObject): boolean =>
      scope === 'run' ? true : scope === 'folder' ? e.dir === owner.dir : e.stream === owner.stream;
    if (this.objects.some((o) => inScope(o) && isCustomResource(o.object))) return [];
    return this.templates.filter((t) => inScope(t) && !t.object.partial && reaches(owner, t));
  }

  /** Whether the files of `dir` define custom resources (whose operators make pods and Services of their own). */
  dirHasCustomResources(dir: string): boolean {
    let known = this.customResourceDirs.get(dir);
    if (known === undefined)
      this.customResourceDirs.set(dir, (known = this.objects.some((o) => o.dir === dir && isCustomResource(o.object))));
    return known;
  }

  /** Whether the files of `dir` define any object of these kinds. */
  dirHasKind(dir: string, ...kinds: string[]): boolean {
    const present = this.kindsByDir.get(dir);
    return present !== undefined && kinds.some((k) => present.has(k));
  }

  /** Whether `scope` as seen from `from` holds objects of these kinds: a run that could have held the missing one. */
  scopeHasKind(from: IndexedObject, scope: Scope, ...kinds: string[]): boolean {
    if (scope === 'run') return kinds.some((k) => (this.kinds.get(k)?.length ?? 0) > 0);
    if (scope === 'folder') return this.dirHasKind(from.dir, ...kinds);
    return this.objects.some((o) => o.stream === from.stream && kinds.includes(o.object.kind));
  }

  /**
   * Objects of `kind` named `name` that `from` can reach: same namespace (an unset namespace on
   * either side matches, as `kubectl apply -n` or `helm --namespace` put both in one), or any
   * namespace for cluster-scoped kinds.
   */
  resolve(from: IndexedObject, kind: string, name: string, namespace?: string): IndexedObject[] {
    return this.named(kind, name).filter((candidate) => reaches(from, candidate, namespace));
  }

  /**
   * Whether two objects belong to one project as far as `scope` can tell: the same project (see
   * src/app/projects.ts) and the same folder, or one folder inside the other (a chart and its
   * `hpa/` add-ons); any two objects with `scope: run`.
   */
  related(a: IndexedObject, b: IndexedObject, scope: Scope = 'folder'): boolean {
    if (scope === 'run') return true;
    return a.project === b.project && (a.dir === b.dir || isInside(a.dir, b.dir) || isInside(b.dir, a.dir));
  }

  /** Namespace-compatible, as `resolve` understands it. */
  sameNamespace(a: IndexedObject, b: IndexedObject): boolean {
    return reaches(a, b);
  }

  /**
   * What is wrong with a reference from `from` to a `kind` named `name` (in `namespace`, default:
   * the referrer's), or undefined when nothing worth a finding is: the object exists in the run
   * (in any folder), or the scope could not have held it. Near misses in the scope are always
   * reported: the name exists only in another namespace, or a close name exists (did you mean).
   * A plain miss is reported when the scope (file, folder or run) defines other objects of
   * `kind` and no custom resource of the folder looks like the operator-made origin of the name.
   * `also`: names defined by other means (kustomize generators), never reported.
   * `reportAbsent: false` reports near misses only.
   */
  problemWith(
    from: IndexedObject,
    scope: Scope,
    kind: string,
    name: string,
    namespace?: string,
    also: readonly string[] = [],
    reportAbsent = true,
  ): string | undefined {
    if (this.resolve(from, kind, name, namespace).length > 0 || also.includes(name)) return undefined;
    const inScope = (e: IndexedObject): boolean => scope === 'run' || e.dir === from.dir;
    const inPlainScope = (e: IndexedObject): boolean => scope !== 'file' || e.stream === from.stream;
    const elsewhere = this.named(kind, name).find(inScope);
    if (elsewhere) return `${kind} "${name}" exists only in namespace "${elsewhere.namespace}"`;
    const reachable = this.ofKind(kind).filter((c) => inScope(c) && reaches(from, c, namespace) && c.object.name !== undefined);
    const names = reachable.filter(inPlainScope).map((c) => c.object.name ?? '');
    if (this.generatedBy(from, scope, name)) return undefined;
    const suggestion = closeName(name, [...reachable.map((c) => c.object.name ?? ''), ...also]);
    if (suggestion !== undefined) return `no ${kind} "${name}" is defined; did you mean "${suggestion}"?`;
    if (!reportAbsent || !reachable.some(inPlainScope)) return undefined;
    const unique = [...new Set(names)];
    return `no ${kind} "${name}" is defined ${scope === 'run' ? 'in the linted files' : scope === 'folder' ? 'in its folder' : 'in its file'}${namespace !== undefined || from.explicitNamespace ? ` in namespace "${namespace ?? from.namespace}"` : ''} (${unique
      .slice(0, 3)
      .map((n) => `"${n}"`)
      .join(', ')}${unique.length > 3 ? ', …' : ''} ${unique.length === 1 ? 'is' : 'are'})`;
  }

  /**
   * Whether `name` looks made by an operator from a custom resource of the scope: operators name
   * what they create after the resource (RayCluster `demo` makes Service `demo-head-svc`;
   * SealedSecret or ExternalSecret `db` makes Secret `db`).
   */
  generatedBy(from: IndexedObject, scope: Scope, name: string): boolean {
    return this.objects.some(
      (o) =>
        isCustomResource(o.object) &&
        o.object.name !== undefined &&
        (name === o.object.name || name.startsWith(`${o.object.name}-`)) &&
        (scope === 'run' || o.dir === from.dir),
    );
  }

  private entryOf(object: K8sObject): IndexedObject {
    // The namespace every kustomize build that includes the file gives the object (`namespace:` of a kustomization).
    const namespace = kustomizedIdentity(object)?.namespace ?? object.namespace;
    return {
      object,
      namespace: namespace ?? this.defaultNamespace,
      explicitNamespace: namespace !== undefined || this.namespaceKnown,
      clusterScoped: CLUSTER_SCOPED_KINDS.has(object.kind),
      dir: dirname(object.file.source.path),
      path: object.file.source.path,
      project: object.file.source.project ?? '',
      stream: streamOf(object.file.source),
    };
  }
}

/** The file, or the `templates/` folder of a Helm chart for the files under it (see `IndexedObject.stream`). */
function streamOf(source: SourceFile): string {
  const { path, project } = source;
  if (source.projectKind !== 'chart' || project === undefined) return path;
  const templates = join(project, 'templates');
  return isInside(dirname(path), templates) || dirname(path) === templates ? templates : path;
}

function reaches(from: IndexedObject, candidate: IndexedObject, namespace?: string): boolean {
  if (candidate.clusterScoped) return true;
  if (namespace !== undefined) return !candidate.explicitNamespace || candidate.namespace === namespace;
  if (from.clusterScoped) return true;
  return !from.explicitNamespace || !candidate.explicitNamespace || from.namespace === candidate.namespace;
}

/** A name at most two edits away (a typo), not a sibling such as `web-2` beside `web-1`, which `closest` would offer for long names. */
function closeName(name: string, candidates: readonly string[]): string | undefined {
  const suggestion = closest(name, candidates);
  if (suggestion === undefined || suggestion === name || editDistance(suggestion, name) > 2) return undefined;
  const digits = (s: string): string => s.replace(/\D/g, '');
  return digits(suggestion) !== digits(name) && suggestion.replace(/\d/g, '') === name.replace(/\d/g, '') ? undefined : suggestion;
}

/** An object of an API group outside the built-in ones (the kind an operator watches). */
function isCustomResource(object: K8sObject): boolean {
  const group = object.apiVersion.includes('/') ? object.apiVersion.slice(0, object.apiVersion.indexOf('/')) : '';
  return group.includes('.') && !group.endsWith('.k8s.io') && object.kind !== 'Kustomization';
}

function isInside(dir: string, parent: string): boolean {
  return dir.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

function nameKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function portsOf(workload: Workload): TemplatePort[] {
  const ports: TemplatePort[] = [];
  for (const container of workload.containers) {
    if (container.type === 'ephemeral') continue;
    const list = container.node.value.ports;
    if (!Array.isArray(list)) continue;
    for (const port of list) {
      if (!isMapping(port)) continue;
      const number =
        typeof port.containerPort === 'number'
          ? port.containerPort
          : typeof port.containerPort === 'string' && /^\d+$/.test(port.containerPort)
            ? Number(port.containerPort)
            : undefined;
      ports.push({
        container: container.name,
        number,
        name: typeof port.name === 'string' ? port.name : undefined,
        protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
      });
    }
  }
  return ports;
}

function serviceAccountOf(workload: Workload): string | undefined {
  const spec = workload.podSpec.value;
  const name = spec.serviceAccountName ?? spec.serviceAccount;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** `matchLabels` of a LabelSelector, or undefined when it has `matchExpressions` (not modelled: never judged). */
export function simpleSelector(value: unknown): Record<string, string> | undefined {
  if (!isMapping(value)) return undefined;
  if (Array.isArray(value.matchExpressions) && value.matchExpressions.length > 0) return undefined;
  return stringMap(value.matchLabels);
}

const indexes = new WeakMap<readonly K8sObject[], Map<string, ObjectIndex>>();

/** The index of a run, built once per run (keyed by the `objects` array `k8s:all` receives) and default namespace. */
export function objectIndex(objects: readonly K8sObject[], workloads: readonly Workload[], options: IndexOptions = {}): ObjectIndex {
  let byNamespace = indexes.get(objects);
  if (!byNamespace) indexes.set(objects, (byNamespace = new Map<string, ObjectIndex>()));
  const key = options.defaultNamespace ?? '';
  let index = byNamespace.get(key);
  if (!index) byNamespace.set(key, (index = new ObjectIndex(objects, workloads, options)));
  return index;
}

/** The rule's `scope` option. */
export function scopeOption(options: Record<string, unknown>): Scope {
  return options.scope === 'run' || options.scope === 'folder' ? options.scope : 'file';
}

/** `Kind "name"` with the namespace when set: how findings name an object. */
export function describe(entry: IndexedObject): string {
  const { kind, name } = entry.object;
  return `${kind} "${name ?? ''}"${entry.explicitNamespace && !entry.clusterScoped ? ` in namespace "${entry.namespace}"` : ''}`;
}

/** Labels every component of a chart or release carries: sharing them says nothing about which workload was meant. */
const GROUP_KEYS = new Set([
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'helm.sh/chart',
  'chart',
  'release',
  'heritage',
  'version',
]);

/**
 * The pod template the selector was most likely meant for: every selector label matches it or
 * differs by a typo or an added word (`vllm` / `vllm-server`), or it carries some selector labels
 * (one naming a workload, such as `app`, not only `release`) and lacks the others. Pods of other
 * charts and operators share keys with unrelated values (`component: vtctld` beside
 * `component: guestbook`), so an unrelated value is no near miss. `sharedGroupSuffices`: a close
 * value beside shared release labels alone counts (for folders without custom resources, where
 * no operator makes `prometheus` pods beside the `prometheus-operator` Deployment).
 */
export function nearMissTemplate(
  selector: Record<string, string>,
  candidates: readonly PodTemplate[],
  sharedGroupSuffices = false,
): PodTemplate | undefined {
  const entries = Object.entries(selector);
  let best: PodTemplate | undefined;
  let bestScore = 0;
  for (const t of candidates) {
    let exact = 0;
    let identityExact = 0;
    let close = 0;
    let absent = 0;
    for (const [k, v] of entries) {
      const theirs = t.labels[k];
      if (theirs === v) {
        exact++;
        if (!GROUP_KEYS.has(k)) identityExact++;
      } else if (theirs === undefined) absent++;
      else if (isCloseValue(v, theirs)) close++;
    }
    const allNear = exact + close === entries.length && close > 0 && (identityExact > 0 || exact === 0 || sharedGroupSuffices);
    // The template lacks some selector labels and carries the others: a label added on one side only.
    const labelMissing = identityExact > 0 && exact + absent === entries.length && absent > 0;
    const score = allNear || labelMissing ? exact * 2 + close : 0;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

function isCloseValue(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length <= 2 && editDistance(a, b) <= 2) return true;
  if (short.length < 3) return false;
  // One value is the other plus a word: `vllm` / `vllm-server`, `api` / `shop-api`.
  return ['-', '_', '.'].some((sep) => long.startsWith(short + sep) || long.endsWith(sep + short) || long.includes(sep + short + sep));
}

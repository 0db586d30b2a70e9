import type { RawFinding, ParsedFile } from '../../engine/lint.js';
import type { RuleRegistry } from '../../engine/registry.js';
import type { LocatedSchema } from '../../schema/location.js';
import type { PathKey } from '../../parsers/yaml.js';
import { KNode, type K8sObject } from '../../model/k8s.js';
import type { Limits } from '../../util/limits.js';
import type { Severity, SourceFile, Span } from '../../types.js';
import type { FixProposal } from '../../engine/rule.js';

/** Slots of the Int32Array over the shared control buffer. */
export const SLOT = {
  /** Index of the next file to claim (Atomics.add of the chunk size). */
  next: 0,
  /** 1 once the main thread has posted the run's schemas (workers lint only after it). */
  ready: 1,
  /** Results posted by workers (the main thread waits on it). */
  posted: 2,
  /** 1: stop claiming (the main thread finished without the workers). */
  stop: 3,
} as const;
export const CONTROL_SLOTS = 4;

/**
 * Files are claimed in chunks of neighbours (discovery sorts by path, so a chunk is mostly one
 * project): each thread then compiles the schemas of fewer kinds (CRDs compile per thread).
 */
export function chunkSize(files: number, threads: number): number {
  return Math.max(1, Math.min(64, Math.floor(files / (threads * 12))));
}

/** Claims the next chunk: its first index and the index after it, or undefined when none is left. */
export function claimChunk(control: Int32Array, files: number, chunk: number): [number, number] | undefined {
  const start = Atomics.add(control, SLOT.next, chunk);
  return start < files ? [start, Math.min(files, start + chunk)] : undefined;
}

/** What a worker is started with (workerData). */
export interface WorkerInit {
  files: SourceFile[];
  /** Files per claim (chunkSize). */
  chunk: number;
  limits: Partial<Limits>;
  /** Enabled rules in the main thread's order (the order of raw findings depends on it). */
  ruleIds: string[];
  ruleOptions: Map<string, Record<string, unknown>>;
  kubernetesVersion: string;
  defaultNamespace?: string;
  timing: boolean;
  control: SharedArrayBuffer;
  /** Results go out on it; the Ready message comes in on it. */
  port: MessagePort;
}

/** Posted once the main thread has every file parsed: what the schema provider of the run was built from. */
export interface ReadyMessage {
  located: Map<string, LocatedSchema>;
  kustomizeInputs: Set<string>;
  /** CustomResourceDefinitions in the order the main thread's provider registered them. */
  crds: Array<{ crd: unknown; source: string }>;
}

/** A raw finding across threads: the rule by id, the object by index in its file's model, the node by document and path. */
export interface WireFinding {
  rule: string;
  message: string;
  span: Span;
  /** Display path of the finding's file when it is not the file that was linted. */
  file?: string;
  object?: number;
  node?: { doc: number; path: PathKey[] };
  severity?: Severity;
  code?: string;
  fix?: FixProposal;
}

export type ResultMessage =
  | { index: number; findings: WireFinding[]; times?: Array<[string, number]> }
  /** The worker could not lint the file (an exception outside the rules' guard): the main thread lints it. */
  | { index: number; failed: string };

export function toWire(raw: readonly RawFinding[], file: ParsedFile): WireFinding[] {
  const objectIndex = new Map<K8sObject, number>();
  file.kubernetes?.objects.forEach((object, i) => objectIndex.set(object, i));
  file.compose?.services.forEach((service, i) => objectIndex.set(service.object, i));
  return raw.map((f) => {
    const object = f.object ? objectIndex.get(f.object) : undefined;
    return {
      rule: f.rule.meta.id,
      message: f.message,
      span: { line: f.span.line, column: f.span.column, endLine: f.span.endLine, endColumn: f.span.endColumn },
      ...(f.file.displayPath !== file.source.displayPath && { file: f.file.displayPath }),
      ...(object !== undefined && { object }),
      ...(f.node && { node: { doc: f.node.doc, path: [...f.node.path] } }),
      ...(f.severity && { severity: f.severity }),
      ...(f.code !== undefined && { code: f.code }),
      ...(f.fix && { fix: f.fix }),
    };
  });
}

/** The raw findings a worker sent for `file`, tied to the main thread's model of the same file. */
export function fromWire(
  wire: readonly WireFinding[],
  file: ParsedFile,
  registry: RuleRegistry,
  byDisplayPath: ReadonlyMap<string, ParsedFile>,
): RawFinding[] {
  return wire.map((w) => {
    const owner = w.file === undefined ? file : (byDisplayPath.get(w.file) ?? file);
    const model = owner.kubernetes;
    const object = w.object === undefined ? undefined : model ? model.objects[w.object] : owner.compose?.services[w.object]?.object;
    return {
      rule: registry.byId(w.rule),
      message: w.message,
      file: owner.source,
      span: w.span,
      ...(object && { object }),
      ...(w.node && model && { node: new KNode(model.file, w.node.doc, w.node.path, undefined, object) }),
      ...(w.severity && { severity: w.severity }),
      ...(w.code !== undefined && { code: w.code }),
      ...(w.fix && { fix: w.fix }),
    };
  });
}

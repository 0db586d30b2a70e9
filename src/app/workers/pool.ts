import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import { workerThreads } from '../../util/builtins.js';
import type { ParsedFile, RawFinding } from '../../engine/lint.js';
import type { RuleRegistry } from '../../engine/registry.js';
import type { Rule } from '../../engine/rule.js';
import type { SchemaProvider } from '../../schema/provider.js';
import type { Limits } from '../../util/limits.js';
import type { SourceFile } from '../../types.js';
import {
  chunkSize,
  claimChunk,
  CONTROL_SLOTS,
  fromWire,
  SLOT,
  type ReadyMessage,
  type ResultMessage,
  type WorkerInit,
} from './protocol.js';

/** `--workers` / `workers:`: threads that lint (1: the main thread alone), or `auto`. */
export type WorkerSetting = number | 'auto';

/** Below these a run is over before worker threads have loaded the rules and schemas (about 0.3 s each). */
const AUTO_MIN_FILES = 200;
const AUTO_MIN_BYTES = 8 * 1024 * 1024;
/** More threads than this gain little: the main thread's share (parsing everything, run-wide rules) dominates. */
const AUTO_MAX_THREADS = 4;
/** With no result for this long the workers are given up on and the main thread lints what they held. */
const STALL_MS = 60_000;

/** The built worker next to this module (dist/, or the action bundle's sibling file); absent when running from sources. */
function workerFile(): string | undefined {
  const path = fileURLToPath(new URL('./lint-worker.js', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Below this many cores `auto` stays on one thread: the main thread parses every file (the
 * run-wide rules need every model) and each thread compiles the schemas it meets, so on 2 cores the
 * real corpus took 1.3x the single-threaded time (measured under load; see scripts/bench.mjs).
 */
const AUTO_MIN_CORES = 4;

/** Threads a run uses: `auto` is one per core (at most 4) on 4 cores or more when the run is big enough to pay for them, else 1. */
export function threadCount(setting: WorkerSetting | undefined, files: readonly SourceFile[]): number {
  if (setting !== undefined && setting !== 'auto') return Math.max(1, Math.floor(setting));
  if (availableParallelism() < AUTO_MIN_CORES) return 1;
  if (files.length < AUTO_MIN_FILES) {
    let bytes = 0;
    for (const f of files) bytes += f.text.length;
    if (bytes < AUTO_MIN_BYTES) return 1;
  }
  return Math.min(availableParallelism(), AUTO_MAX_THREADS);
}

export interface PoolOptions {
  threads: number;
  files: readonly SourceFile[];
  limits: Partial<Limits>;
  rules: readonly Rule[];
  ruleOptions: Map<string, Record<string, unknown>>;
  kubernetesVersion: string;
  /** `--namespace` / config `namespace:`: the namespace of objects that set none. */
  defaultNamespace?: string;
  timing: boolean;
}

/**
 * Worker threads that claim files from a shared counter, parse them and run the per-file rules
 * while the main thread parses every file (the run-wide rules and suppressions need all models).
 * Synchronous on the main side (Atomics.wait, receiveMessageOnPort), so lintProject stays synchronous.
 */
export class LintPool {
  private readonly control: Int32Array;
  private readonly ports: MessagePort[] = [];
  private readonly workers: Worker[] = [];
  private readonly results = new Map<number, ResultMessage>();
  private readonly chunk: number;
  /** The rest of the main thread's current chunk. */
  private own: [number, number] | undefined;

  private constructor(
    private readonly options: PoolOptions,
    file: string,
  ) {
    const control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
    this.control = new Int32Array(control);
    this.chunk = chunkSize(options.files.length, options.threads);
    for (let i = 1; i < options.threads; i++) {
      const { port1, port2 } = new (workerThreads().MessageChannel)();
      const init: WorkerInit = {
        files: [...options.files],
        chunk: this.chunk,
        limits: options.limits,
        ruleIds: options.rules.map((r) => r.meta.id),
        ruleOptions: options.ruleOptions,
        kubernetesVersion: options.kubernetesVersion,
        ...(options.defaultNamespace !== undefined && { defaultNamespace: options.defaultNamespace }),
        timing: options.timing,
        control,
        port: port2 as unknown as WorkerInit['port'],
      };
      const worker = new (workerThreads().Worker)(file, { workerData: init, transferList: [port2] });
      // A worker that fails to start or throws claims nothing more; the main thread lints what is left.
      worker.on('error', () => {});
      worker.unref();
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** A pool, or undefined when the run is single-threaded or no built worker exists. */
  static start(options: PoolOptions): LintPool | undefined {
    const file = workerFile();
    if (options.threads <= 1 || options.files.length < 2 || !file) return undefined;
    return new LintPool(options, file);
  }

  /** Lets the workers lint: the run's schemas, as the main thread's provider was built. */
  ready(schemas: SchemaProvider): void {
    const message: ReadyMessage = {
      located: schemas.locatedSchemas,
      kustomizeInputs: new Set(schemas.options.kustomizeInputs ?? []),
      crds: schemas.crdDefinitions,
    };
    for (const port of this.ports) port.postMessage(message);
    Atomics.store(this.control, SLOT.ready, 1);
    Atomics.notify(this.control, SLOT.ready);
  }

  /** The next file for the main thread to lint, or undefined when every file is claimed. */
  claim(): number | undefined {
    if (!this.own || this.own[0] >= this.own[1]) this.own = claimChunk(this.control, this.options.files.length, this.chunk);
    return this.own ? this.own[0]++ : undefined;
  }

  /** Files whose results have come in since the last call. */
  drain(): number[] {
    const done: number[] = [];
    for (const port of this.ports) {
      for (let received = workerThreads().receiveMessageOnPort(port); received; received = workerThreads().receiveMessageOnPort(port)) {
        const message = received.message as ResultMessage;
        this.results.set(message.index, message);
        done.push(message.index);
      }
    }
    return done;
  }

  /**
   * Waits for the results of every file in `pending` (claimed by workers); calls `onDone` for those
   * not drained before. Files a worker failed on, or held when the workers stalled, are left for the caller.
   */
  wait(pending: Set<number>, onDone: (index: number) => void): void {
    let lastProgress = Date.now();
    const take = (): void => {
      for (const index of this.drain()) {
        if (pending.delete(index)) onDone(index);
        lastProgress = Date.now();
      }
    };
    for (const index of pending) if (this.results.has(index)) pending.delete(index);
    take();
    while (pending.size > 0) {
      const posted = Atomics.load(this.control, SLOT.posted);
      take();
      if (pending.size === 0) break;
      if (Date.now() - lastProgress > STALL_MS) break;
      Atomics.wait(this.control, SLOT.posted, posted, 200);
    }
  }

  /** The raw findings a worker gave for file `index` (tied to the main thread's model), or undefined if it gave none. */
  findingsOf(
    index: number,
    file: ParsedFile,
    registry: RuleRegistry,
    byDisplayPath: ReadonlyMap<string, ParsedFile>,
  ): RawFinding[] | undefined {
    const result = this.results.get(index);
    if (!result || 'failed' in result) return undefined;
    return fromWire(result.findings, file, registry, byDisplayPath);
  }

  /** Rule times the workers measured (`--timing`), added to `into`. */
  addTimes(into: Map<string, number>): void {
    for (const result of this.results.values())
      if ('times' in result) for (const [id, ms] of result.times ?? []) into.set(id, (into.get(id) ?? 0) + ms);
  }

  /** Stops claiming and lets the workers go (they exit when their current file is done). */
  close(): void {
    Atomics.store(this.control, SLOT.stop, 1);
    Atomics.notify(this.control, SLOT.ready);
    Atomics.notify(this.control, SLOT.stop);
    for (const port of this.ports) port.close();
    for (const worker of this.workers) void worker.terminate();
  }
}

import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';

/**
 * Node built-ins that a plain run never uses, loaded on first use: an `import` of a built-in loads
 * it at start-up, a cost every run pays. Worker threads start only for large runs.
 */
const load = createRequire(import.meta.url);

export function workerThreads(): typeof WorkerThreads {
  return load('node:worker_threads') as typeof WorkerThreads;
}

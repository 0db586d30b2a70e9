import { spawnSync } from 'node:child_process';
import { UsageError } from '../app/errors.js';

/** The output of `kubectl kustomize DIR`, linted like stdin. */
export function kustomizeBuild(dir: string, cwd: string): string {
  const run = spawnSync('kubectl', ['kustomize', dir], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `--kustomize needs kubectl on PATH (or run: kustomize build ${dir} | k8slint -)`
        : `cannot run kubectl kustomize: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new UsageError(`kubectl kustomize ${dir} failed (exit ${run.status}): ${run.stderr.trim()}`);
  return run.stdout;
}

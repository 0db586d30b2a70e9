import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../app/errors.js';
import type { KustomizeRendering } from '../app/kustomize-origins.js';

function kubectlKustomize(dir: string, cwd: string): string {
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

/**
 * `kubectl kustomize DIR`, and the same build through a temporary kustomization that wraps DIR
 * with `buildMetadata: [originAnnotations]`, so that each object's source file is known (the
 * linted text stays the plain output). When the annotated build fails, findings stay on the output.
 */
export function kustomizeRender(dir: string, cwd: string): KustomizeRendering {
  const text = kubectlKustomize(dir, cwd);
  const wrapper = mkdtempSync(join(tmpdir(), 'k8slint-kustomize-'));
  try {
    // kustomize refuses absolute resource paths: name DIR relative to the wrapper.
    const target = relative(wrapper, resolve(cwd, dir)).split('\\').join('/');
    writeFileSync(join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    let annotated = '';
    try {
      annotated = kubectlKustomize(wrapper, cwd);
    } catch {
      // e.g. DIR is a Component, which cannot be a resource: no origins.
    }
    return { text, annotated, annotatedRoot: wrapper };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { SourceFile } from '../types.js';

/**
 * The project each linted file belongs to, for cross-object rules: a pod template of another
 * project must not satisfy a Service's selector, nor be judged beside its objects. A project is
 * the nearest folder at or above the file that holds a `Chart.yaml` (a Helm chart, subcharts
 * included) or a `.git` or `.github` (a repository); else the path named on the command line (its
 * folder, for a file). Kustomize folders are no
 * boundary: a kustomization names files of sibling folders (`../manager`), one project's parts.
 * Stdin (`helm template | k8slint -`) is one project.
 */
const MARKERS = ['Chart.yaml', '.git', '.github'];

export function assignProjects(
  files: readonly SourceFile[],
  paths: readonly string[],
  cwd: string,
  stdinName?: string,
  /** Told of each marker path asked about (for the result cache). */
  onInput?: (path: string) => void,
): void {
  const exists = (path: string): boolean => {
    onInput?.(path);
    return existsSync(path);
  };
  const tops = paths.filter((p) => p !== '-').map((p) => resolve(cwd, p));
  const marked = new Map<string, boolean>();
  const hasMarker = (dir: string): boolean => {
    let known = marked.get(dir);
    if (known === undefined) marked.set(dir, (known = MARKERS.some((m) => exists(join(dir, m)))));
    return known;
  };
  const isChart = (dir: string): boolean => exists(join(dir, 'Chart.yaml'));
  for (const file of files) {
    if (stdinName !== undefined && file.path === stdinName) {
      file.project = '-';
      file.projectKind = 'stdin';
      continue;
    }
    const path = resolve(cwd, file.path);
    // The longest named path that holds the file is the project when no marker is found above it.
    const top = tops.filter((t) => t === path || isWithin(path, t)).sort((a, b) => b.length - a.length)[0];
    let project = top === undefined || top === path ? dirname(path) : top;
    let kind: SourceFile['projectKind'] = 'path';
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (hasMarker(dir)) {
        project = dir;
        kind = isChart(dir) ? 'chart' : 'repository';
        break;
      }
      if (dirname(dir) === dir) break;
    }
    file.project = project;
    file.projectKind = kind;
  }
}

function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

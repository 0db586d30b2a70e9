import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../app/errors.js';

export interface HelmChart {
  chart: string;
  values: readonly string[];
  set: readonly string[];
}

/**
 * The output of `helm template CHART --values F… --set k=v…`, linted like stdin. Its `# Source:`
 * comments name templates by chart name (`app/templates/deployment.yaml`); for a local chart they are
 * rewritten to paths from the working directory (`charts/app/templates/deployment.yaml`), so findings
 * land on the template files as with `helm template charts/app | k8slint -` run from the chart's parent.
 */
export function helmTemplate(helm: HelmChart, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const args = [
    'template',
    helm.chart,
    ...helm.values.flatMap((file) => ['--values', file]),
    ...helm.set.flatMap((value) => ['--set', value]),
  ];
  const run = spawnSync('helm', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `--helm needs the helm program (Helm 3 or later) on PATH; install it, or render the chart elsewhere and pipe it: helm template ${helm.chart} | k8slint -`
        : `cannot run helm template: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new UsageError(`helm template ${helm.chart} failed (exit ${run.status}): ${run.stderr.trim()}`);
  return mapSources(run.stdout, helm.chart, cwd);
}

/** `# Source: <chart name>/…` → `# Source: <chart folder from cwd>/…` for a chart folder on disk; other charts as helm wrote them. */
export function mapSources(rendered: string, chart: string, cwd: string): string {
  const folder = resolve(cwd, chart);
  if (!existsSync(join(folder, 'Chart.yaml'))) return rendered;
  const prefix = relative(cwd, folder).split(sep).join('/');
  return rendered.replace(/^# Source: [^/\n]+\/(.*)$/gm, (_, rest: string) => `# Source: ${prefix === '' ? '' : `${prefix}/`}${rest}`);
}

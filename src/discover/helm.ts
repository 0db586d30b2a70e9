import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The chart a file belongs to as a template: the nearest `templates/` folder above it whose parent
 * holds a `Chart.yaml`. Undefined for files outside a chart's templates (values.yaml, Chart.yaml).
 */
export function chartOfTemplate(fullPath: string, onInput?: (path: string) => void): string | undefined {
  for (let dir = dirname(fullPath); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) !== 'templates') continue;
    const chartFile = join(dirname(dir), 'Chart.yaml');
    onInput?.(chartFile);
    if (existsSync(chartFile)) return dirname(dir);
  }
  return undefined;
}

/** `key: |`, `- key: >-`, `- |`: a block scalar opens; the lines indented deeper than its key are text. */
const BLOCK_SCALAR = /(^|:\s+|^(-\s+)+)[|>][-+0-9]*\s*(#.*)?$/;
/** After list dashes: a template action where YAML expects structure, the line starting with `{{` or an unquoted value doing so. */
const STRUCTURAL_ACTION = /^\{\{|^[^\s"'#{[-][^#]*?:\s+\{\{/;

/**
 * The 1-based line of the first Go template action (`{{ … }}`) that stands where YAML expects
 * structure: `{{- if .Values.x }}` on a line of its own, `replicas: {{ .Values.replicas }}`. Actions
 * inside quoted strings or block scalars (Prometheus alert texts, Alertmanager templates in a
 * ConfigMap) are content of a valid manifest, not a template to render, and are not counted.
 */
export function templateActionLine(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  const lines = text.split('\n');
  let blockKeyIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!; // 0 <= i < lines.length
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    if (blockKeyIndent >= 0) {
      if (trimmed === '' || indent > blockKeyIndent) continue;
      blockKeyIndent = -1;
    }
    if (trimmed.startsWith('#')) continue;
    if (trimmed.includes('{{') && STRUCTURAL_ACTION.test(trimmed.replace(/^(?:-\s+)+/, ''))) return i + 1;
    if (BLOCK_SCALAR.test(trimmed)) {
      // The key's own indentation: `- key: |` puts the key past the dash; `- |` has no key, the dash counts.
      const dashes = /^(-\s+)*/.exec(trimmed)?.[0].length ?? 0;
      blockKeyIndent = /^(-\s+)+[|>]/.test(trimmed) ? indent : indent + dashes;
    }
  }
  return undefined;
}

/** The command that lints a chart: its rendered output piped to k8slint, or `--helm`. */
export function helmCommand(chart: string): string {
  const arg = /^[\w./<>+@:=-]+$/.test(chart) ? chart : `'${chart.replace(/'/g, "'\\''")}'`;
  return `helm template ${arg} | k8slint -  (or: k8slint --helm ${arg})`;
}

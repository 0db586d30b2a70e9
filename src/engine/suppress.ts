import type { SourceFile, Span } from '../types.js';
import type { K8sObject, KNode } from '../model/k8s.js';
import type { Rule } from './rule.js';
import type { LintOptions, ParsedFile, RawFinding } from './lint.js';

interface Suppression {
  file: SourceFile;
  /** Lines (inclusive) the suppression covers; undefined: the whole file. */
  lines?: [number, number];
  object?: K8sObject;
  /** `codes`: finding codes (`SC2086`) the entry is limited to, for rules that declare `codes`. */
  rules: Array<{ rule: Rule; used: boolean; codes?: string[] }>;
  reason?: string;
  /** Peers' pragmas carry no reason; only k8slint's own are asked for one. */
  needsReason: boolean;
  span: Span;
}

const K8SLINT_COMMENT = /#\s*k8slint-disable(-next-line|-line|-file)\s+(.*)$/;
const HADOLINT_COMMENT = /^\s*#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/;
const ANNOTATION_PREFIXES = ['ignore-check.k8slint.io/', 'ignore-check.kube-linter.io/'];

export function applySuppressions(raw: RawFinding[], parsed: ParsedFile[], options: LintOptions): RawFinding[] {
  const enabled = new Set(options.rules.map((r) => r.meta.id));
  const suppressions = parsed.flatMap((file) => [...commentSuppressions(file, options), ...annotationSuppressions(file, options)]);
  const byFile = new Map<SourceFile, Suppression[]>();
  for (const s of suppressions) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);

  const kept = raw.filter((finding) => {
    for (const s of byFile.get(finding.file) ?? []) {
      if (!covers(s, finding)) continue;
      const entry = s.rules.find((r) => r.rule === finding.rule && (!r.codes || (finding.code !== undefined && r.codes.includes(finding.code.toUpperCase()))));
      if (entry) {
        entry.used = true;
        return false;
      }
    }
    return true;
  });

  const unused = options.registry.reporting('unused-suppression');
  const noReason = options.registry.reporting('suppression-without-reason');
  for (const s of suppressions) {
    for (const entry of s.rules) {
      if (!entry.used && enabled.has(entry.rule.meta.id) && enabled.has(unused.meta.id)) {
        kept.push({ rule: unused, file: s.file, span: s.span, object: s.object, message: `suppression of ${entry.codes ? entry.codes.join(', ') : entry.rule.meta.id} matches no finding; remove it` });
      }
    }
    if (s.needsReason && !s.reason && enabled.has(noReason.meta.id)) {
      kept.push({ rule: noReason, file: s.file, span: s.span, object: s.object, message: `suppression of ${s.rules.map((r) => r.rule.meta.id).join(', ')} gives no reason` });
    }
  }
  return kept;
}

function covers(s: Suppression, finding: RawFinding): boolean {
  if (s.object) return finding.object === s.object;
  if (!s.lines) return true;
  return finding.span.line >= s.lines[0] && finding.span.line <= s.lines[1];
}

function commentSuppressions(file: ParsedFile, options: LintOptions): Suppression[] {
  const text = file.source.text;
  if (!text.includes('k8slint-disable') && !text.includes('hadolint')) return [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: Suppression[] = [];
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    const span = { line: lineNo, column: line.indexOf('#') + 1, endLine: lineNo, endColumn: line.length + 1 };
    const own = K8SLINT_COMMENT.exec(line);
    if (own) {
      const [ids, reason] = splitReason(own[2]);
      const rules = resolveIds(ids, options);
      if (rules.length === 0) return;
      const kind = own[1];
      const range: [number, number] | undefined =
        kind === '-file' ? undefined : kind === '-line' ? [lineNo, lineNo] : nextTarget(lines, index, file);
      out.push({ file: file.source, lines: range, rules, reason, needsReason: true, span });
      return;
    }
    const hadolint = HADOLINT_COMMENT.exec(line);
    if (hadolint && file.dockerfile) {
      const rules = resolveIds(hadolint[2].split(/[,\s]+/), options);
      if (rules.length === 0) return;
      const scope = hadolint[1]?.trim();
      out.push({ file: file.source, lines: scope === 'global' ? undefined : scope === 'stage' ? stageRange(index, file) : nextTarget(lines, index, file), rules, needsReason: false, span });
    }
  });
  return out;
}

function splitReason(rest: string): [string[], string | undefined] {
  const at = rest.indexOf(' -- ');
  const ids = (at === -1 ? rest : rest.slice(0, at)).split(/[,\s]+/).filter(Boolean);
  const reason = at === -1 ? undefined : rest.slice(at + 4).trim() || undefined;
  return [ids, reason];
}

function resolveIds(ids: string[], options: LintOptions): Array<{ rule: Rule; used: boolean; codes?: string[] }> {
  const names = ids.map((id) => id.trim());
  const rules = new Set<Rule>();
  for (const name of names) {
    const rule = options.registry.resolve(name);
    if (rule) rules.add(rule);
  }
  const entries: Array<{ rule: Rule; used: boolean; codes?: string[] }> = [...rules].map((rule) => ({ rule, used: false }));
  // A code (`SC2086`) selects the findings with that code of the rule that declares such codes.
  for (const rule of options.registry.all) {
    const pattern = rule.codes;
    if (!pattern || rules.has(rule)) continue;
    const codes = names.filter((name) => pattern.test(name)).map((name) => name.toUpperCase());
    if (codes.length > 0) entries.push({ rule, used: false, codes });
  }
  return entries;
}

/** The next line that is neither blank nor a comment; for Dockerfiles, the whole instruction starting there. */
function nextTarget(lines: string[], index: number, file: ParsedFile): [number, number] {
  let i = index + 1;
  while (i < lines.length && (/^\s*$/.test(lines[i]) || /^\s*#/.test(lines[i]))) i++;
  const line = i + 1;
  const instruction = file.dockerfile?.instructions.find((inst) => inst.span.line === line && !inst.onbuild);
  return [line, instruction ? instruction.span.endLine : line];
}

function annotationSuppressions(file: ParsedFile, options: LintOptions): Suppression[] {
  const model = file.kubernetes;
  if (!model || !file.source.text.includes('ignore-check.')) return [];
  const out: Suppression[] = [];
  const fromAnnotations = (object: K8sObject, metadataOwner: KNode, annotations: Record<string, string>): void => {
    for (const [key, value] of Object.entries(annotations)) {
      const prefix = ANNOTATION_PREFIXES.find((p) => key.startsWith(p));
      if (!prefix) continue;
      const rules = resolveIds([key.slice(prefix.length)], options);
      if (rules.length === 0) continue;
      const node = metadataOwner.nearest(['metadata', 'annotations', key]);
      out.push({ file: file.source, object, rules, reason: value.trim() || undefined, needsReason: prefix === ANNOTATION_PREFIXES[0], span: node.span });
    }
  };
  for (const object of model.objects) fromAnnotations(object, object.node, object.annotations);
  for (const workload of model.workloads) {
    if (workload.template && workload.template !== workload.object.node) fromAnnotations(workload.object, workload.template, workload.templateAnnotations);
  }
  return out;
}

/**
 * hadolint's `# hadolint stage ignore=`: from the pragma to the end of the stage its next
 * instruction belongs to (the stage a FROM right below it starts, or the rest of the current one).
 */
function stageRange(index: number, file: ParsedFile): [number, number] {
  const line = index + 1;
  const instructions = file.dockerfile?.instructions.filter((i) => !i.onbuild) ?? [];
  const next = instructions.find((i) => i.span.line > line);
  const nextFrom = instructions.find((i) => i.keyword === 'FROM' && next !== undefined && i.span.line > next.span.line);
  return [line, nextFrom ? nextFrom.span.line - 1 : Number.MAX_SAFE_INTEGER];
}

import type { SourceFile, Span } from '../types.js';
import type { PathKey } from '../parsers/yaml.js';
import type { Container, K8sObject, KNode } from '../model/k8s.js';
import type { KubernetesModel } from '../model/k8s-build.js';
import type { Rule } from './rule.js';
import type { RuleRegistry } from './registry.js';
import type { LintOptions, ParsedFile, RawFinding } from './lint.js';
import { peerCheckIds, type PeerTool } from './peer-checks.js';

/**
 * A config-file ignore (`ignores:` in .k8slint.yaml), for files a team cannot annotate (third-party
 * charts). Every field given must match; `path`, `name`, `namespace` and `container` are globs
 * (`*` within a path segment, `**` across segments); `rule` is a rule id or a peer's alias.
 */
export interface ConfigIgnore {
  rule: string;
  kind?: string;
  name?: string;
  namespace?: string;
  path?: string;
  container?: string;
  reason: string;
}

interface SuppressionEntry {
  rule: Rule;
  /** The id as the pragma wrote it: unused pragmas are reported per written id. */
  name: string;
  used: boolean;
  /** Finding codes (`SC2086`) the entry is limited to, for rules that declare `codes`. */
  codes?: string[];
}

interface Suppression {
  file: SourceFile;
  /** Lines (inclusive) the suppression covers; undefined: the whole file. */
  lines?: [number, number];
  object?: K8sObject;
  /** Only findings inside these containers (by name) of `object`. */
  containers?: string[];
  rules: SuppressionEntry[];
  reason?: string;
  /** Peers' pragmas carry no reason; only k8slint's own are asked for one. */
  needsReason: boolean;
  /** A peer's pragma (hadolint, kube-linter, kube-score, Polaris, Checkov): unused, it is reported at info only. */
  peer: boolean;
  /** A pragma that suppresses a whole tool's checks (`kube-linter.io/ignore-all`): reported once when it matches nothing. */
  blanket?: string;
  span: Span;
}

const K8SLINT_COMMENT = /#\s*k8slint-disable(-next-line|-line|-file)\s+(.*)$/;
const HADOLINT_COMMENT = /^\s*#\s*hadolint\s+(global\s+|stage\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)/;
const OWN_ANNOTATION = 'ignore-check.k8slint.io/';
const KUBE_LINTER_ANNOTATION = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_IGNORE_ALL = 'kube-linter.io/ignore-all';
const KUBE_SCORE_IGNORE = 'kube-score/ignore';
const POLARIS_PREFIX = 'polaris.fairwinds.com/';
const CHECKOV_SKIP = /^checkov\.io\/skip\d+$/;
/** Cheap test before the annotations of a file are read. */
const ANNOTATION_HINT = /ignore-check\.|kube-linter\.io\/|kube-score\/|polaris\.fairwinds\.com\/|checkov\.io\/skip/;
/** `container=name1,name2` at the start of a k8slint annotation's value, then the reason after ` -- `. */
const CONTAINER_SCOPE = /^\s*containers?\s*=\s*([^\s]+)\s*(?:--\s*(.*))?$/s;

export function applySuppressions(raw: RawFinding[], parsed: ParsedFile[], options: LintOptions): RawFinding[] {
  const enabled = new Set(options.rules.map((r) => r.meta.id));
  const suppressions = parsed.flatMap((file) => [...commentSuppressions(file, options), ...annotationSuppressions(file, options)]);
  const byFile = new Map<SourceFile, Suppression[]>();
  for (const s of suppressions) {
    const list = byFile.get(s.file);
    if (list) list.push(s);
    else byFile.set(s.file, [s]);
  }
  const models = new Map<SourceFile, KubernetesModel>();
  for (const file of parsed) if (file.kubernetes) models.set(file.source, file.kubernetes);
  const containerOf = containerLocator(models);
  const ignores = compileIgnores(options.ignores ?? [], options.registry);

  const kept = raw.filter((finding) => {
    for (const s of byFile.get(finding.file) ?? []) {
      if (!covers(s, finding, containerOf)) continue;
      const entry = s.rules.find(
        (r) => r.rule === finding.rule && (!r.codes || (finding.code !== undefined && r.codes.includes(finding.code.toUpperCase()))),
      );
      if (entry) {
        entry.used = true;
        return false;
      }
    }
    return !ignores.some((ignore) => ignore(finding, containerOf));
  });

  const unused = options.registry.reporting('unused-suppression');
  const noReason = options.registry.reporting('suppression-without-reason');
  for (const s of suppressions) {
    if (enabled.has(unused.meta.id)) {
      for (const name of unusedNames(s, enabled)) {
        kept.push({
          rule: unused,
          file: s.file,
          span: s.span,
          object: s.object,
          message: `suppression of ${name} matches no finding; remove it`,
          // Teams keep a peer's pragmas while they migrate: those never fail a run by default.
          ...(s.peer && { severity: 'info' as const }),
        });
      }
    }
    if (s.needsReason && !s.reason && enabled.has(noReason.meta.id)) {
      kept.push({
        rule: noReason,
        file: s.file,
        span: s.span,
        object: s.object,
        message: `suppression of ${[...new Set(s.rules.map((r) => r.name))].join(', ')} gives no reason`,
      });
    }
  }
  return kept;
}

/** The ids of a suppression none of whose rules matched, among ids whose rules ran. */
function unusedNames(s: Suppression, enabled: Set<string>): string[] {
  const ran = s.rules.filter((r) => enabled.has(r.rule.meta.id));
  if (s.blanket) return ran.length > 0 && ran.every((r) => !r.used) ? [s.blanket] : [];
  const names = [...new Set(ran.map((r) => r.name))];
  return names.filter((name) => ran.every((r) => r.name !== name || !r.used));
}

type ContainerLocator = (finding: RawFinding) => Container | undefined;

/** The container a finding lies in: the one whose node is on the path of the node the finding points at. */
function containerLocator(models: Map<SourceFile, KubernetesModel>): ContainerLocator {
  return (finding) => {
    const model = models.get(finding.file);
    const node = finding.node;
    if (!model || !node || !finding.object) return undefined;
    return model.containers.find(
      (c) => c.workload.object === finding.object && c.node.doc === node.doc && isPrefix(c.node.path, node.path),
    );
  };
}

function isPrefix(prefix: readonly PathKey[], path: readonly PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

function covers(s: Suppression, finding: RawFinding, containerOf: ContainerLocator): boolean {
  if (s.object) {
    if (finding.object !== s.object) return false;
    if (!s.containers) return true;
    const container = containerOf(finding);
    return container !== undefined && s.containers.includes(container.name);
  }
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
      const [ids, reason] = splitReason(own[2] ?? '');
      const rules = resolveIds(ids, options.registry);
      if (rules.length === 0) return;
      const kind = own[1];
      const range: [number, number] | undefined =
        kind === '-file' ? undefined : kind === '-line' ? [lineNo, lineNo] : nextTarget(lines, index, file);
      out.push({ file: file.source, lines: range, rules, reason, needsReason: true, peer: false, span });
      return;
    }
    const hadolint = HADOLINT_COMMENT.exec(line);
    if (hadolint && file.dockerfile) {
      const rules = resolveIds((hadolint[2] ?? '').split(/[,\s]+/), options.registry);
      if (rules.length === 0) return;
      const scope = hadolint[1]?.trim();
      out.push({
        file: file.source,
        lines: scope === 'global' ? undefined : scope === 'stage' ? stageRange(index, file) : nextTarget(lines, index, file),
        rules,
        needsReason: false,
        peer: true,
        span,
      });
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

const rulesByName = new WeakMap<RuleRegistry, Map<string, Rule[]>>();

/** Every rule with this id, or that lists it as alias (peers' ids may stand for several rules). */
function rulesNamed(name: string, registry: RuleRegistry): Rule[] {
  let index = rulesByName.get(registry);
  if (!index) {
    index = new Map();
    for (const rule of registry.all) {
      for (const key of new Set([rule.meta.id, ...rule.meta.aliases].map((k) => k.toLowerCase())))
        index.set(key, [...(index.get(key) ?? []), rule]);
    }
    rulesByName.set(registry, index);
  }
  return index.get(name.toLowerCase()) ?? [];
}

function resolveIds(ids: string[], registry: RuleRegistry): SuppressionEntry[] {
  const entries: SuppressionEntry[] = [];
  for (const name of ids.map((id) => id.trim()).filter(Boolean)) {
    const rules = rulesNamed(name, registry);
    for (const rule of rules) entries.push({ rule, name, used: false });
    // A code (`SC2086`) selects the findings with that code of the rule that declares such codes.
    for (const rule of registry.all)
      if (rule.codes?.test(name) && !rules.includes(rule)) entries.push({ rule, name, used: false, codes: [name.toUpperCase()] });
  }
  return entries;
}

/** The next line that is neither blank nor a comment; for Dockerfiles, the whole instruction starting there. */
function nextTarget(lines: string[], index: number, file: ParsedFile): [number, number] {
  let i = index + 1;
  while (i < lines.length && (/^\s*$/.test(lines[i] ?? '') || /^\s*#/.test(lines[i] ?? ''))) i++;
  const line = i + 1;
  const instruction = file.dockerfile?.instructions.find((inst) => inst.span.line === line && !inst.onbuild);
  return [line, instruction ? instruction.span.endLine : line];
}

/** What one annotation asks to suppress, or undefined when it is no suppression. */
interface AnnotationPragma {
  ids: string[];
  /** The tool whose every check is suppressed (`kube-linter.io/ignore-all`). */
  tool?: PeerTool;
  reason?: string;
  containers?: string[];
  own: boolean;
}

function readAnnotation(key: string, value: string): AnnotationPragma | undefined {
  const trimmed = value.trim();
  if (key.startsWith(OWN_ANNOTATION)) {
    const scope = CONTAINER_SCOPE.exec(trimmed);
    if (scope)
      return {
        ids: [key.slice(OWN_ANNOTATION.length)],
        containers: (scope[1] ?? '').split(',').filter(Boolean),
        reason: scope[2]?.trim() || undefined,
        own: true,
      };
    return { ids: [key.slice(OWN_ANNOTATION.length)], reason: trimmed || undefined, own: true };
  }
  if (key.startsWith(KUBE_LINTER_ANNOTATION))
    return { ids: [key.slice(KUBE_LINTER_ANNOTATION.length)], reason: trimmed || undefined, own: false };
  if (key === KUBE_LINTER_IGNORE_ALL) return { ids: [], tool: 'kube-linter', own: false };
  if (key === KUBE_SCORE_IGNORE) return { ids: trimmed.split(','), own: false };
  if (key.startsWith(POLARIS_PREFIX) && trimmed.toLowerCase() === 'true') {
    const name = key.slice(POLARIS_PREFIX.length);
    if (name === 'exempt') return { ids: [], tool: 'polaris', own: false };
    if (name.endsWith('-exempt')) return { ids: [name.slice(0, -'-exempt'.length)], own: false };
  }
  if (CHECKOV_SKIP.test(key)) {
    const at = trimmed.indexOf('=');
    return {
      ids: [at === -1 ? trimmed : trimmed.slice(0, at)],
      reason: at === -1 ? undefined : trimmed.slice(at + 1).trim() || undefined,
      own: false,
    };
  }
  return undefined;
}

/**
 * An annotation key's name part allows no `/`, so `ignore-check.k8slint.io/acme.team-label` stands for
 * the plugin rule `acme/team-label` (the first `.` is the namespace's `/`) unless a rule has that name.
 */
function annotationRuleId(id: string, registry: RuleRegistry): string {
  if (!id.includes('.') || rulesNamed(id, registry).length > 0) return id;
  return id.replace('.', '/');
}

/** The rules that alias one of a peer tool's checks. */
function rulesOfTool(tool: PeerTool, registry: RuleRegistry): SuppressionEntry[] {
  const ids = peerCheckIds(tool);
  return registry.all
    .filter((r) => [r.meta.id, ...r.meta.aliases].some((a) => ids.has(a.toLowerCase())))
    .map((rule) => ({ rule, name: tool, used: false }));
}

function annotationSuppressions(file: ParsedFile, options: LintOptions): Suppression[] {
  const model = file.kubernetes;
  if (!model || !ANNOTATION_HINT.test(file.source.text)) return [];
  const out: Suppression[] = [];
  const fromAnnotations = (object: K8sObject, metadataOwner: KNode, annotations: Record<string, string>): void => {
    for (const [key, value] of Object.entries(annotations)) {
      const pragma = readAnnotation(key, value);
      if (!pragma) continue;
      const ids = pragma.own ? pragma.ids.map((id) => annotationRuleId(id, options.registry)) : pragma.ids;
      const rules = pragma.tool ? rulesOfTool(pragma.tool, options.registry) : resolveIds(ids, options.registry);
      if (rules.length === 0) continue;
      const node = metadataOwner.nearest(['metadata', 'annotations', key]);
      out.push({
        file: file.source,
        object,
        rules,
        reason: pragma.reason,
        needsReason: pragma.own,
        peer: !pragma.own,
        span: node.span,
        ...(pragma.containers && { containers: pragma.containers }),
        ...(pragma.tool && { blanket: key }),
      });
    }
  };
  for (const object of model.objects) fromAnnotations(object, object.node, object.annotations);
  for (const workload of model.workloads) {
    if (workload.template && workload.template !== workload.object.node)
      fromAnnotations(workload.object, workload.template, workload.templateAnnotations);
  }
  return out;
}

type IgnoreTest = (finding: RawFinding, containerOf: ContainerLocator) => boolean;

function compileIgnores(ignores: readonly ConfigIgnore[], registry: RuleRegistry): IgnoreTest[] {
  return ignores.map((ignore) => {
    const rules = new Set(rulesNamed(ignore.rule, registry));
    const path = ignore.path === undefined ? undefined : globMatcher(ignore.path, true);
    const name = ignore.name === undefined ? undefined : globMatcher(ignore.name);
    const namespace = ignore.namespace === undefined ? undefined : globMatcher(ignore.namespace);
    const container = ignore.container === undefined ? undefined : globMatcher(ignore.container);
    const kind = ignore.kind?.toLowerCase();
    return (finding, containerOf) => {
      if (!rules.has(finding.rule)) return false;
      if (path && !path(finding.file.displayPath)) return false;
      const object = finding.object;
      if (kind !== undefined && object?.kind.toLowerCase() !== kind) return false;
      if (name && (object?.name === undefined || !name(object.name))) return false;
      if (namespace && (object?.namespace === undefined || !namespace(object.namespace))) return false;
      if (container) {
        const found = containerOf(finding);
        if (!found || !container(found.name)) return false;
      }
      return true;
    };
  });
}

/**
 * A glob as a test: `*` any run of characters but `/`, `**` any run, `?` one character. A path
 * glob also matches everything under a directory it names (`charts/vendor` covers `charts/vendor/x.yaml`).
 */
export function globMatcher(glob: string, isPath = false): (text: string) => boolean {
  const pattern = glob.replace(/^\.\//, '').replace(/\/$/, '');
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') {
        source += '(?:.*/)?';
        i++;
      } else source += '.*';
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(isPath ? `^(?:${source})(?:/.*)?$` : `^${source}$`);
  return (text) => regex.test(isPath ? text.replace(/^\.\//, '') : text);
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

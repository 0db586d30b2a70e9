import type { Limits } from '../util/limits.js';
import type { Finding, InputError, Severity, SourceFile, Span } from '../types.js';
import { buildDockerfileModel } from '../parsers/dockerfile.js';
import { buildKubernetesModel, type KubernetesModel } from '../model/k8s-build.js';
import { buildComposeModel } from '../model/compose-build.js';
import type { ComposeModel } from '../model/compose.js';
import { YamlParseError } from '../parsers/yaml.js';
import type { DockerfileModel } from '../model/dockerfile.js';
import { KNode, KNodePart, type K8sObject, type Workload } from '../model/k8s.js';
import { ruleDocsUrl, type FixProposal, type InstructionKeyword, type ReportOptions, type Rule, type RuleContext } from './rule.js';
import { checkedFix } from './fix-check.js';
import { applySuppressions, type ConfigIgnore } from './suppress.js';
import { SchemaProvider } from '../schema/provider.js';
import type { RuleRegistry } from './registry.js';

export interface LintOptions {
  registry: RuleRegistry;
  /** Enabled rules. */
  rules: Rule[];
  ruleOptions: Map<string, Record<string, unknown>>;
  severities: Map<string, Severity>;
  kubernetesVersion: string;
  /** Namespace of objects that set none (`--namespace`, config `namespace:`); default `default`. */
  defaultNamespace?: string;
  /** Schemas for the schema rules; default: the bundled schemas of `kubernetesVersion`. */
  schemas?: SchemaProvider;
  /** When given, milliseconds spent in each rule's handlers are added here (`--timing`). */
  ruleTimes?: Map<string, number>;
  /** Called after each file's rules ran, with the count of files done. */
  onFile?: (done: number) => void;
  /** The config's `ignores:`: findings they match are dropped. */
  ignores?: readonly ConfigIgnore[];
  /** Moves a finding to another file and span (rendered `--kustomize` output → the source file of its object), or leaves it. */
  relocate?: (finding: RawFinding) => { file: SourceFile; span: Span } | undefined;
}

export interface LintResult {
  findings: Finding[];
  errors: InputError[];
  /** Number of Kubernetes objects and Dockerfiles linted. */
  stats: { dockerfiles: number; manifests: number; objects: number; composeFiles?: number };
}

/** A finding before suppressions, with the model it came from. */
export interface RawFinding {
  rule: Rule;
  message: string;
  file: SourceFile;
  span: Span;
  object?: K8sObject;
  /** Set by rules whose findings carry their own level; a configured severity still wins. */
  severity?: Severity;
  /** The finding's own code (`SC2086`), for rules that declare `codes`. */
  code?: string;
  /** The Kubernetes model node reported at (its path tells the container a finding lies in). */
  node?: KNode;
  /** The rule's fix, its edits checked to lie inside the file and not to overlap. */
  fix?: FixProposal;
}

export interface ParsedFile {
  source: SourceFile;
  dockerfile?: DockerfileModel;
  kubernetes?: KubernetesModel;
  compose?: ComposeModel;
}

export function parseFile(source: SourceFile, limits: Partial<Limits> = {}): ParsedFile | InputError {
  try {
    if (source.kind === 'dockerfile') return withLfForLoneCr(source, (s) => ({ source: s, dockerfile: buildDockerfileModel(s) }));
    if (source.kind === 'compose') return withLfForLoneCr(source, (s) => ({ source: s, compose: buildComposeModel(s, limits) }));
    return withLfForLoneCr(source, (s) => ({ source: s, kubernetes: buildKubernetesModel(s, limits) }));
  } catch (error) {
    if (error instanceof YamlParseError)
      return { file: source.displayPath, line: error.line, column: error.column, message: error.message };
    return { file: source.displayPath, message: `cannot parse: ${(error as Error).message}` };
  }
}

/**
 * A lone CR ends a line (as reports count lines), so the model is built from a copy whose lone CRs
 * are LFs: same length, same offsets, and line-based steps (Dockerfile instructions, heredocs,
 * suppression comments) see the lines the report shows.
 */
function withLfForLoneCr(source: SourceFile, build: (source: SourceFile) => ParsedFile): ParsedFile {
  if (!/\r(?!\n)/.test(source.text)) return build(source);
  return build({ ...source, text: source.text.replace(/\r(?!\n)/g, '\n') });
}

/** Options of a run with the schema provider every rule shares, the run's CRDs registered in it. */
export type PreparedLint = LintOptions & { schemas: SchemaProvider };

export function prepareLint(parsed: readonly ParsedFile[], lintOptions: LintOptions): PreparedLint {
  // CRDs anywhere in the run define the custom resources of every file, so register them first.
  const options = {
    ...lintOptions,
    schemas: lintOptions.schemas ?? new SchemaProvider({ kubernetesVersion: lintOptions.kubernetesVersion }),
  };
  for (const file of parsed) if (file.kubernetes) options.schemas.addObjects(file.kubernetes.objects);
  return options;
}

export function lint(parsed: ParsedFile[], lintOptions: LintOptions): Omit<LintResult, 'errors'> {
  const options = prepareLint(parsed, lintOptions);
  const perFile: RawFinding[][] = [];
  parsed.forEach((file, i) => {
    perFile.push(lintFileRaw(file, options));
    options.onFile?.(i + 1);
  });
  return finishLint(parsed, perFile, options);
}

/** The findings of the rules that judge one file alone (every handler but dockerfile:all and k8s:all), before suppressions. */
export function lintFileRaw(file: ParsedFile, options: PreparedLint): RawFinding[] {
  const raw: RawFinding[] = [];
  if (file.dockerfile) runDockerfileRules(file.dockerfile, options, raw);
  else if (file.kubernetes) runKubernetesRules(file.kubernetes, options, raw);
  else if (file.compose) runComposeRules(file.compose, options, raw);
  // Spans and fixes of these findings are computed; run-wide rules re-parse the few documents they report in.
  (file.kubernetes ?? file.compose)?.file.releaseAst();
  return raw;
}

/** Whether any enabled rule needs the whole run at once (dockerfile:all, k8s:all). */
export function hasRunWideRules(rules: readonly Rule[]): boolean {
  return rules.some(
    (rule) =>
      rule.handlers['dockerfile:all'] !== undefined || rule.handlers['k8s:all'] !== undefined || rule.handlers['compose:all'] !== undefined,
  );
}

/**
 * The run-wide rules (dockerfile:all, k8s:all) over every file, then suppressions and the sorted
 * findings. `perFile[i]` holds what lintFileRaw gave for `parsed[i]` (wherever it ran): the raw
 * findings keep the order of a single-threaded run, so the output is the same whoever linted a file.
 */
export function finishLint(
  parsed: readonly ParsedFile[],
  perFile: readonly RawFinding[][],
  options: PreparedLint,
): Omit<LintResult, 'errors'> {
  const raw: RawFinding[] = [];
  runAllDockerfilesRules(
    parsed.flatMap((f) => (f.dockerfile ? [f.dockerfile] : [])),
    options,
    raw,
  );
  const allObjects: K8sObject[] = [];
  const allWorkloads: Workload[] = [];
  let dockerfiles = 0;
  let manifests = 0;
  const composeModels: ComposeModel[] = [];
  parsed.forEach((file, i) => {
    for (const finding of perFile[i] ?? []) raw.push(finding);
    if (file.dockerfile) dockerfiles++;
    else if (file.kubernetes) {
      if (file.kubernetes.objects.length > 0) manifests++;
      // One push per item: a spread of an unbounded array into a call overflows the stack.
      for (const object of file.kubernetes.objects) allObjects.push(object);
      for (const workload of file.kubernetes.workloads) allWorkloads.push(workload);
    } else if (file.compose) composeModels.push(file.compose);
  });
  const firstObject = allObjects[0];
  for (const rule of options.rules) {
    const handler = rule.handlers['k8s:all'];
    if (!handler || !firstObject) continue;
    guarded(rule, options, firstObject.file.source, raw, () =>
      handler(allObjects, contextFor(rule, options, raw, undefined), allWorkloads),
    );
  }
  runAllComposeRules(composeModels, options, raw);
  const findings = applySuppressions(raw, [...parsed], options).map((f) => toFinding(f, options));
  const stats = {
    dockerfiles,
    manifests,
    objects: allObjects.length,
    ...(composeModels.length > 0 && { composeFiles: composeModels.length }),
  };
  return { findings: sortFindings(findings), stats };
}

/** Rules that take every Dockerfile of the run at once (those that run another program over them in one batch). */
function runAllDockerfilesRules(models: DockerfileModel[], options: LintOptions, raw: RawFinding[]): void {
  const first = models[0];
  if (!first) return;
  for (const rule of options.rules) {
    const handler = rule.handlers['dockerfile:all'];
    if (handler) guarded(rule, options, first.source, raw, () => handler(models, contextFor(rule, options, raw, undefined)));
  }
}

function runDockerfileRules(model: DockerfileModel, options: LintOptions, raw: RawFinding[]): void {
  const byKeyword = new Map<string, DockerfileModel['instructions']>();
  for (const instruction of model.instructions) {
    const list = byKeyword.get(instruction.keyword);
    if (list) list.push(instruction);
    else byKeyword.set(instruction.keyword, [instruction]);
  }
  for (const rule of options.rules) {
    const h = rule.handlers;
    const keywords = instructionKeywordsOf(rule);
    if (!h.dockerfile && !h['dockerfile:stage'] && keywords.length === 0) continue;
    const ctx = contextFor(rule, options, raw, model.source);
    guarded(rule, options, model.source, raw, () => {
      h.dockerfile?.(model, ctx);
      const stageHandler = h['dockerfile:stage'];
      if (stageHandler) for (const stage of model.stages) stageHandler(stage, ctx, model);
      for (const keyword of keywords) {
        const handler = h[`dockerfile:${keyword}`]!;
        for (const instruction of byKeyword.get(keyword) ?? []) handler(instruction, ctx, model);
      }
    });
  }
}

const keywordsByRule = new WeakMap<Rule, InstructionKeyword[]>();
/** The instructions a rule has handlers for, so dispatch visits only those. */
function instructionKeywordsOf(rule: Rule): InstructionKeyword[] {
  let keywords = keywordsByRule.get(rule);
  if (!keywords) {
    keywords = Object.keys(rule.handlers)
      .filter((k) => k.startsWith('dockerfile:') && k !== 'dockerfile:stage')
      .map((k) => k.slice('dockerfile:'.length) as InstructionKeyword);
    keywordsByRule.set(rule, keywords);
  }
  return keywords;
}

function runKubernetesRules(model: KubernetesModel, options: LintOptions, raw: RawFinding[]): void {
  for (const rule of options.rules) {
    const h = rule.handlers;
    if (!h['k8s:file'] && !h['k8s:object'] && !h['k8s:workload'] && !h['k8s:container']) continue;
    guarded(rule, options, model.file.source, raw, () => {
      h['k8s:file']?.(model, contextFor(rule, options, raw, model.file.source));
      for (const object of model.objects) {
        const ctx = contextFor(rule, options, raw, model.file.source, object);
        h['k8s:object']?.(object, ctx);
      }
      for (const workload of model.workloads) {
        const ctx = contextFor(rule, options, raw, model.file.source, workload.object);
        h['k8s:workload']?.(workload, ctx);
        if (h['k8s:container']) for (const container of workload.containers) h['k8s:container'](container, ctx);
      }
    });
  }
}

function runComposeRules(model: ComposeModel, options: LintOptions, raw: RawFinding[]): void {
  for (const rule of options.rules) {
    const h = rule.handlers;
    const serviceHandler = h['compose:service'];
    if (!h['compose:file'] && !serviceHandler) continue;
    guarded(rule, options, model.file.source, raw, () => {
      h['compose:file']?.(model, contextFor(rule, options, raw, model.file.source));
      if (serviceHandler)
        for (const service of model.services)
          serviceHandler(service, contextFor(rule, options, raw, model.file.source, service.object), model);
    });
  }
}

/** Rules over every Compose file of the run (the files of one project reference each other's services). */
function runAllComposeRules(models: ComposeModel[], options: LintOptions, raw: RawFinding[]): void {
  const first = models[0];
  if (!first) return;
  for (const rule of options.rules) {
    const handler = rule.handlers['compose:all'];
    if (handler) guarded(rule, options, first.file.source, raw, () => handler(models, contextFor(rule, options, raw, undefined)));
  }
}

/** A rule that throws becomes an `internal-error` finding; the run goes on. */
function guarded(rule: Rule, options: LintOptions, file: SourceFile, raw: RawFinding[], run: () => void): void {
  const started = options.ruleTimes ? performance.now() : 0;
  try {
    run();
  } catch (error) {
    // A plugin's or custom rule's failure is its authors' to fix, not k8slint's: the message says whose it is.
    const from = rule.origin ? ` (${rule.origin.kind} ${rule.origin.name})` : '';
    const message = `rule ${rule.meta.id}${from} failed on ${file.displayPath}: ${(error as Error)?.message ?? String(error)}`;
    raw.push({ rule: options.registry.internalError, message, file, span: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
  } finally {
    if (options.ruleTimes) options.ruleTimes.set(rule.meta.id, (options.ruleTimes.get(rule.meta.id) ?? 0) + performance.now() - started);
  }
}

/**
 * The context of one handler call. `object` is the object the handler was called for (k8s:object,
 * k8s:workload, k8s:container): findings at nodes of the Kubernetes model belong to the object the
 * node belongs to; findings at other located things (a duplicate key) belong to `object`. `file` is
 * the file of a per-file handler, for transitional locations that do not know theirs.
 */
function contextFor(rule: Rule, options: LintOptions, raw: RawFinding[], file: SourceFile | undefined, object?: K8sObject): RuleContext {
  const push = ({ at, message, severity, code, fix }: ReportOptions): void => {
    const node = at instanceof KNode ? at : at instanceof KNodePart ? at.node : undefined;
    const owner = node ? node.object : object;
    // Handlers over many files (dockerfile:all, k8s:all) must point at things that know their file.
    const sourceFile = at.sourceFile ?? file;
    if (!sourceFile) throw new Error(`rule ${rule.meta.id} reported at a location without its file`);
    const safeFix = fix && checkedFix(fix, sourceFile);
    raw.push({
      rule,
      message,
      file: sourceFile,
      span: at.span,
      object: owner,
      ...(node && { node }),
      ...(severity && { severity }),
      ...(code !== undefined && { code }),
      ...(safeFix && { fix: safeFix }),
    });
  };
  return {
    options: options.ruleOptions.get(rule.meta.id) ?? rule.meta.options?.defaults ?? {},
    kubernetesVersion: options.kubernetesVersion,
    ...(options.defaultNamespace !== undefined && { defaultNamespace: options.defaultNamespace }),
    schemas: options.schemas ?? (options.schemas = new SchemaProvider({ kubernetesVersion: options.kubernetesVersion })),
    report: push,
    reportMissing: (parent, path, message, fix) => push({ at: parent.nearest(path), message, ...(fix && { fix }) }),
  };
}

function toFinding(f: RawFinding, options: LintOptions): Finding {
  const source = f.file.kind === 'kubernetes' ? helmSourceAt(f.file, f.span.line) : undefined;
  const moved = options.relocate?.(f);
  const docs = ruleDocsUrl(f.rule);
  return {
    ruleId: f.rule.meta.id,
    severity: options.severities.get(f.rule.meta.id) ?? f.severity ?? f.rule.meta.severity,
    category: f.rule.meta.category,
    message: f.message,
    file: (moved?.file ?? f.file).displayPath,
    span: moved?.span ?? f.span,
    ...(docs !== undefined && { docsUrl: docs }),
    ...(f.object ? { object: f.object.id } : {}),
    ...(source ? { source } : {}),
    ...(f.fix && {
      fix: { safety: f.fix.safety, description: f.fix.description, edits: f.fix.edits.map((e) => ({ ...e.span, text: e.text })) },
    }),
  };
}

/** The `# Source:` comment of `helm template` output that heads the document holding `line`. */
const linesOfHelmOutput = new WeakMap<SourceFile, string[] | null>();

export function helmSourceAt(file: SourceFile, line: number): string | undefined {
  let lines = linesOfHelmOutput.get(file);
  if (lines === undefined) {
    lines = file.text.includes('# Source: ') ? file.text.split('\n') : null;
    linesOfHelmOutput.set(file, lines);
  }
  if (!lines) return undefined;
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const text = lines[i]!; // 0 <= i < lines.length
    const match = /^# Source: (.+?)\s*$/.exec(text);
    if (match) return match[1];
    if (/^---(\s|$)/.test(text) && i < line - 1) return undefined;
  }
  return undefined;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.span.line - b.span.line || a.span.column - b.span.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

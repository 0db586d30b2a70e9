import { DEFAULT_LIMITS } from '../util/limits.js';
import { existsSync } from 'node:fs';
import { parseFile, sortFindings, type ParsedFile } from '../engine/lint.js';
import { programAvailable } from '../engine/programs.js';
import { discover, listInputs, type DiscoverOptions, type Discovery } from '../discover/discover.js';
import { annotateKustomize } from '../discover/kustomize.js';
import { KustomizeOrigins, type KustomizeRendering } from './kustomize-origins.js';
import type { FileType } from '../discover/classify.js';
import { prepareSchemas } from '../schema/setup.js';
import { findConfig, type Config } from '../config/load.js';
import type { Report } from '../format/types.js';
import type { InputError } from '../types.js';
import { DEFAULT_FAIL_ON, LATEST_KUBERNETES, type FailOn } from './defaults.js';
import { UsageError } from './errors.js';
import { exitCode } from './exit-code.js';
import { loadRunRules } from './run-rules.js';
import type { RuleRegistry } from '../engine/registry.js';
import type { LintRun } from './result.js';
import { resolveRule, selectRules } from './select.js';
import { baseSelection } from './presets.js';
import { VERSION } from './version.js';
import { assignProjects } from './projects.js';
import { lintRun } from './workers/lint-run.js';
import { LintPool, threadCount, type WorkerSetting } from './workers/pool.js';
import { applyBaseline, buildBaseline, DEFAULT_BASELINE, readBaseline, writeBaseline } from './baseline.js';
import { dirname, resolve } from 'node:path';
import { resultCacheFor } from './result-cache-hook.js';
import { applyComposeBuilds } from './compose-builds.js';
import { SourceTexts } from './source-texts.js';

/** What to lint and how; every field but `cwd` and `paths` is optional and falls back to the config, then the defaults. */
export interface LintProjectOptions {
  /** Relative paths, the config search and schema locations resolve against this directory. */
  cwd: string;
  /** Files and directories to lint (directories are walked, honouring .gitignore and .k8slintignore); `-` is stdin. */
  paths: readonly string[];
  /** Config file; default: the nearest `.k8slint.yaml` at or above `cwd`. */
  configPath?: string;
  /** Run only these rules (ids or aliases; also turns on preview rules). */
  rules?: readonly string[];
  /** Turn these rules off (ids or aliases). */
  disabled?: readonly string[];
  /** Presets (`strict`, `pss-restricted`…; comma lists allowed) that replace the config's `preset:` as the base rule set. */
  presets?: readonly string[];
  /** Options per rule (id or alias), merged over the config's options for that rule and the rule's defaults. */
  ruleOptions?: Readonly<Record<string, Record<string, unknown>>>;
  kubernetesVersion?: string;
  /** Namespace of objects that set none (`--namespace`); default: the config's `namespace:`, else `default`. */
  namespace?: string;
  failOn?: FailOn;
  /** Reads what `-` stands for; called only when `paths` has `-`. */
  /** Reads stdin whole; refuses more than `limitBytes` (the run's `limits.maxFileBytes`) by throwing. */
  readStdin?: (limitBytes: number) => string;
  /** Name (and classification) of what is read from stdin. */
  stdinFilename?: string;
  /** Run ShellCheck on RUN scripts (needs `shellcheck` on PATH). */
  shellcheck?: boolean;
  /** kubeconform-style schema locations, searched before the bundled schemas. */
  schemaLocations?: readonly string[];
  /** Base directory of k8slint's caches (default `$XDG_CACHE_HOME/k8slint`, else `~/.cache/k8slint`). */
  cacheLocation?: string;
  /** CRD files or folders whose CustomResourceDefinitions validate custom resources. */
  crds?: readonly string[];
  /** A kind without a schema is an error, not an info finding. */
  strictSchemas?: boolean;
  /** Version written into reports; default: this package's. */
  version?: string;
  /** Measure the time of each rule. */
  timing?: boolean;
  /** Texts that stand for what the named files hold (by display path), as `--fix` lints fixed text before writing it. */
  texts?: ReadonlyMap<string, string>;
  /** `--kustomize DIR`: the rendering stdin stands for (read after stdin), whose findings move to the source files of their objects. */
  kustomizeRendering?: () => KustomizeRendering;
  /** Reuse the results of the last identical run over unchanged files (see result-cache.ts); results go under `cacheLocation`. */
  cache?: boolean;
  /** Called while files are parsed (first half of `total`) and linted (second half). */
  onProgress?: (done: number, total: number) => void;
  /** Threads that parse and lint (1: the main thread alone); default: the config's `workers:`, else `auto`. */
  workers?: WorkerSetting;
  /** `--type`: what stdin and the files named explicitly are (odd names such as `Dockerfile-gpu`). */
  type?: FileType;
  /** A run that lints no file exits 0 instead of 2 (it still says so). Default: the config's `allowEmpty`, else false. */
  allowEmpty?: boolean;
  /** Baseline file (relative to `cwd`): findings it holds are marked unchanged and do not count for the exit code. Default: the config's `baseline:`. */
  baseline?: string;
  /** Record this run's findings in the baseline file (default `.k8slint-baseline.json`), replacing the entries of the files linted. */
  updateBaseline?: boolean;
  /** `--policy`: files or folders (relative to `cwd`) of admission policies, bindings and params applied to the run but not linted; added to the config's `policies:`. */
  policyPaths?: readonly string[];
}

/** Lints a project once and returns the result, printing nothing. Throws UsageError or ConfigError on the caller's mistakes. */
export function lintProject(options: LintProjectOptions): LintRun {
  const { cwd } = options;
  const run = loadRunRules(options.configPath ?? findConfig(cwd), cwd);
  const { registry } = run;
  const config = withRuleOptions(run.config, options.ruleOptions ?? {}, registry);
  const kubernetesVersion = options.kubernetesVersion ?? config.kubernetesVersion?.replace(/^v/, '') ?? LATEST_KUBERNETES;
  const defaultNamespace = options.namespace ?? config.namespace;
  const base = baseSelection(options.presets ?? [], config.preset ?? [], kubernetesVersion, registry);
  const selection = selectRules(
    options.shellcheck ? { ...config, shellcheck: true } : config,
    options.rules ?? [],
    options.disabled ?? [],
    base,
    registry,
  );
  // Worker threads load the built-in rules by id; plugin and custom rules run on the main thread alone.
  // Their code or files may change without the cache knowing, so such runs are not cached either.
  const extraSelected = selection.rules.some((r) => r.origin);
  for (const rule of selection.rules) {
    if (!rule.requires || programAvailable(rule.requires.program)) continue;
    const { program, enabledBy } = rule.requires;
    throw new UsageError(
      `the ${rule.meta.id} rule is on (--${enabledBy}, \`${enabledBy}: true\` or the rule) but no \`${program}\` program is on PATH; install it (Debian/Ubuntu: apt-get install ${program}) or turn it off`,
    );
  }
  const limits = config.limits ?? {};
  const stdin = options.paths.includes('-') ? readStdinFor(options, limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes) : undefined;
  const discoverOptions: DiscoverOptions = {
    cwd,
    ignorePaths: config.ignorePaths,
    stdin,
    ...(limits.maxFileBytes !== undefined && { maxFileBytes: limits.maxFileBytes }),
    ...(options.type !== undefined && { forcedType: options.type }),
    ...(config.files !== undefined && { fileTypes: config.files }),
  };
  const policyPaths = policyPathsOf(options, config);
  // Policy files and plugin or custom rules are not part of the cache key: such runs are not cached.
  const resultCache =
    (stdin && options.kustomizeRendering) || policyPaths.length > 0 || extraSelected
      ? undefined
      : resultCacheFor(options, config, selection, kubernetesVersion, defaultNamespace);
  // With the cache, a run whose inputs are unchanged by their metadata reads no linted file (see result-cache.ts).
  const listing = resultCache && !stdin && !options.texts ? listInputs(options.paths, discoverOptions) : undefined;
  const maxFileBytes = limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const warm = listing && resultCache?.readUnchanged(listing, { ...discoverOptions, maxFileBytes });
  const inputsNoted = listing && resultCache ? { onInput: resultCache.noteInput } : {};
  const discovery = warm
    ? warm.discovery
    : discover([...options.paths], { ...discoverOptions, ...inputsNoted, ...(listing && { listing }) });
  const { texts } = options;
  if (texts) discovery.files = discovery.files.map((f) => (texts.has(f.displayPath) ? { ...f, text: texts.get(f.displayPath)! } : f));
  const policyFiles = addPolicyFiles(discovery, policyPaths, cwd, limits.maxFileBytes);
  if (!warm) assignProjects(discovery.files, options.paths, cwd, stdin ? (stdin.filename ?? '<stdin>') : undefined, inputsNoted.onInput);
  if (!warm) applyComposeBuilds(discovery.files);
  const nothingLinted =
    discovery.files.every((f) => f.policyOnly) && discovery.errors.length === 0 && discovery.skippedExplicit === 0
      ? `no Dockerfile, manifest or Compose file found under ${options.paths.length > 0 ? options.paths.join(', ') : '.'}`
      : undefined;
  const allowEmpty = options.allowEmpty ?? config.allowEmpty ?? false;
  const errors: InputError[] = [...discovery.errors];
  // Kustomization files that name the linted files tell which are patches, tool inputs, and what each build makes of them.
  if (!warm)
    errors.push(
      ...annotateKustomize(discovery.files, {
        cwd,
        found: discovery.kustomizations ?? [],
        ...(limits.maxFileBytes !== undefined && { maxFileBytes: limits.maxFileBytes }),
        ...inputsNoted,
      }),
    );
  const origins = stdin && options.kustomizeRendering ? new KustomizeOrigins(options.kustomizeRendering(), cwd) : undefined;
  // After the kustomize and project annotations: they are part of each file's cache key.
  const cached = warm ? warm.results : resultCache?.read(discovery.files);
  const ruleTimes = options.timing ? new Map<string, number>() : undefined;
  // Started before the main thread parses, so the workers load while it does.
  const threads = cached || extraSelected ? 1 : threadCount(options.workers ?? config.workers, discovery.files);
  const pool = LintPool.start({
    threads,
    files: discovery.files,
    limits,
    rules: selection.rules,
    ruleOptions: selection.ruleOptions,
    kubernetesVersion,
    ...(defaultNamespace !== undefined && { defaultNamespace }),
    timing: ruleTimes !== undefined,
  });
  let parseMs = 0;
  let result: ReturnType<typeof lintRun>;
  if (cached) {
    for (const error of cached.errors) errors.push(error);
    result = { findings: sortFindings(cached.findings), stats: { dockerfiles: 0, manifests: 0, objects: 0 }, filesByWorkers: 0 };
  } else
    try {
      const parsedByIndex: Array<ParsedFile | undefined> = [];
      const total = discovery.files.length * 2;
      const parseStart = performance.now();
      discovery.files.forEach((file, i) => {
        const parsed = parseFile(file, limits);
        if ('message' in parsed) errors.push(parsed);
        parsedByIndex.push('message' in parsed ? undefined : parsed);
        options.onProgress?.(i + 1, total);
      });
      parseMs = performance.now() - parseStart;
      const parsed = parsedByIndex.filter((f): f is ParsedFile => f !== undefined);
      const schemas = prepareSchemas(parsed, {
        kubernetesVersion,
        locations: [...(options.schemaLocations ?? [])],
        crds: [...(options.crds ?? [])],
        cwd,
        ...(options.cacheLocation !== undefined && { cacheLocation: options.cacheLocation }),
      });
      for (const error of schemas.errors) errors.push(error);
      if ((options.strictSchemas ?? config.strictSchemas) && !selection.severities.has('unknown-kind-schema'))
        selection.severities.set('unknown-kind-schema', 'error');
      const { onProgress } = options;
      const onFile = onProgress ? (done: number) => onProgress(discovery.files.length + done, total) : undefined;
      result = lintRun(
        parsedByIndex,
        {
          registry,
          ...selection,
          kubernetesVersion,
          ...(defaultNamespace !== undefined && { defaultNamespace }),
          schemas: schemas.provider,
          ...(config.ignores && { ignores: config.ignores }),
          ...(origins && { relocate: (finding) => origins.relocate(finding) }),
          ...(ruleTimes && { ruleTimes }),
          ...(onFile && { onFile }),
        },
        pool,
      );
    } finally {
      pool?.close();
    }
  if (policyFiles.size > 0) result.findings = result.findings.filter((f) => !policyFiles.has(f.file) || POLICY_FILE_RULES.has(f.ruleId));
  // A hit by content rewrites the entry too when the metadata is what changed.
  if (!cached || (listing && !warm))
    resultCache?.write(
      discovery.files,
      result.findings,
      errors.slice(discovery.errors.length),
      listing && { listing, discovery, ...(options.type !== undefined && { forcedType: options.type }) },
    );
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const failOn = options.failOn ?? config.failOn ?? DEFAULT_FAIL_ON;
  const report: Report = {
    version: options.version ?? VERSION,
    findings: result.findings,
    errors,
    rules: selection.rules,
    sources: warm
      ? new SourceTexts(discovery.files)
      : new Map([...discovery.files, ...(origins?.sources ?? [])].map((f) => [f.displayPath, f.text])),
    root: cwd,
  };
  const baselineFile =
    options.baseline ?? (config.baseline !== undefined && config.path ? resolve(dirname(config.path), config.baseline) : undefined);
  const baselineWritten =
    baselineFile !== undefined || options.updateBaseline
      ? useBaseline(report, baselineFile ?? DEFAULT_BASELINE, cwd, options.updateBaseline)
      : undefined;
  const newFindings = report.baseline ? result.findings.filter((f) => !report.baseline?.unchanged.has(f)) : result.findings;
  return {
    report,
    exitCode: exitCode(newFindings, errors, failOn, nothingLinted !== undefined && !allowEmpty),
    failOn,
    parseMs,
    threads: { count: pool ? threads : 1, filesByWorkers: result.filesByWorkers },
    notices: discovery.notices,
    ...(nothingLinted !== undefined && { nothingLinted }),
    ...(ruleTimes && { ruleTimes }),
    ...(baselineWritten && { baselineWritten }),
  };
}

/** Marks the report's findings against the baseline, after rewriting it first when asked; returns what was written. */
function useBaseline(report: Report, file: string, cwd: string, update = false): { file: string; findings: number } | undefined {
  const context = { cwd, sources: report.sources };
  if (!update) {
    report.baseline = applyBaseline(report.findings, readBaseline(file, cwd), file, context);
    return undefined;
  }
  const previous = existsSync(resolve(cwd, file)) ? readBaseline(file, cwd) : undefined;
  // A file that could not be parsed keeps its entries: its findings are unknown this run.
  const failed = new Set(report.errors.map((e) => e.file));
  const linted = [...report.sources.keys()].filter((f) => !failed.has(f));
  const baseline = buildBaseline(report.findings, file, context, linted, previous);
  writeBaseline(file, cwd, baseline);
  report.baseline = applyBaseline(report.findings, baseline, file, context);
  return { file, findings: report.findings.length };
}

/** The config with `ruleOptions` merged into its `rules:` entries (the caller's options win). */
function withRuleOptions(config: Config, ruleOptions: Readonly<Record<string, Record<string, unknown>>>, registry: RuleRegistry): Config {
  if (Object.keys(ruleOptions).length === 0) return config;
  const rules = { ...config.rules };
  for (const [idOrAlias, options] of Object.entries(ruleOptions)) {
    const id = resolveRule(idOrAlias, registry).meta.id;
    const setting = rules[id];
    rules[id] = typeof setting === 'string' ? { severity: setting, options } : { ...setting, options: { ...setting?.options, ...options } };
  }
  return { ...config, rules };
}

/** What stdin holds; a read that fails or goes over the byte budget is an input error of `<stdin>`, the rest of the run goes on. */
function readStdinFor(options: LintProjectOptions, limitBytes: number): { text: string; filename?: string; error?: string } {
  const filename = options.stdinFilename;
  try {
    return { text: options.readStdin?.(limitBytes) ?? '', ...(filename !== undefined && { filename }) };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return {
      text: '',
      ...(filename !== undefined && { filename }),
      error: String((error as Error)?.message ?? error).replace(/^<stdin>: /, ''),
    };
  }
}

/** Findings a `--policy` file keeps: about its policies and bindings (compile errors, parts not evaluated), and crashes. */
const POLICY_FILE_RULES = new Set(['admission-policy-invalid', 'admission-policy-unsupported', 'internal-error']);

/** `--policy` paths (relative to `cwd`) and the config's `policies:` (relative to the config file). */
function policyPathsOf(options: LintProjectOptions, config: Config): string[] {
  const fromConfig = (config.policies ?? []).map((p) => (config.path ? resolve(dirname(config.path), p) : p));
  return [...(options.policyPaths ?? []), ...fromConfig];
}

/**
 * Adds the Kubernetes files found under the policy paths to the run, marked `policyOnly` (a file the
 * run lints anyway stays a linted file); returns their display paths. Their errors are the run's.
 */
function addPolicyFiles(discovery: Discovery, paths: readonly string[], cwd: string, maxFileBytes: number | undefined): Set<string> {
  const added = new Set<string>();
  if (paths.length === 0) return added;
  const found = discover([...paths], { cwd, ignorePaths: [], ...(maxFileBytes !== undefined && { maxFileBytes }) });
  discovery.errors.push(...found.errors);
  const linted = new Set(discovery.files.map((f) => resolve(cwd, f.path)));
  for (const file of found.files) {
    if (file.kind !== 'kubernetes' || linted.has(resolve(cwd, file.path))) continue;
    linted.add(resolve(cwd, file.path));
    discovery.files.push({ ...file, policyOnly: true });
    added.add(file.displayPath);
  }
  if (found.files.length === 0 && found.errors.length === 0)
    discovery.errors.push({ file: paths.join(', '), message: 'no Kubernetes manifest found under --policy / policies:' });
  return added;
}

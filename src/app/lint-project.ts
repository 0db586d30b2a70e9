import { DEFAULT_LIMITS } from '../util/limits.js';
import { performance } from 'node:perf_hooks';
import { lint, parseFile, type ParsedFile } from '../engine/lint.js';
import { programAvailable } from '../engine/programs.js';
import { discover } from '../discover/discover.js';
import { annotateKustomize } from '../discover/kustomize.js';
import { KustomizeOrigins, type KustomizeRendering } from './kustomize-origins.js';
import { prepareSchemas } from '../schema/setup.js';
import { findConfig, loadConfig, type Config } from '../config/load.js';
import type { Report } from '../format/types.js';
import type { InputError } from '../types.js';
import { DEFAULT_FAIL_ON, LATEST_KUBERNETES, type FailOn } from './defaults.js';
import { UsageError } from './errors.js';
import { exitCode } from './exit-code.js';
import { registry } from './registry.js';
import type { LintRun } from './result.js';
import { resolveRule, selectRules } from './select.js';
import { baseSelection } from './presets.js';
import { VERSION } from './version.js';

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
  /** `--kustomize DIR`: the rendering stdin stands for (read after stdin), whose findings move to the source files of their objects. */
  kustomizeRendering?: () => KustomizeRendering;
  /** Texts that stand for what the named files hold (by display path), as `--fix` lints fixed text before writing it. */
  texts?: ReadonlyMap<string, string>;
  /** Called while files are parsed (first half of `total`) and linted (second half). */
  onProgress?: (done: number, total: number) => void;
}

/** Lints a project once and returns the result, printing nothing. Throws UsageError or ConfigError on the caller's mistakes. */
export function lintProject(options: LintProjectOptions): LintRun {
  const { cwd } = options;
  const config = withRuleOptions(loadConfig(options.configPath ?? findConfig(cwd), registry.all), options.ruleOptions ?? {});
  const kubernetesVersion = options.kubernetesVersion ?? config.kubernetesVersion?.replace(/^v/, '') ?? LATEST_KUBERNETES;
  const base = baseSelection(options.presets ?? [], config.preset ?? [], kubernetesVersion);
  const selection = selectRules(
    options.shellcheck ? { ...config, shellcheck: true } : config,
    options.rules ?? [],
    options.disabled ?? [],
    base,
  );
  for (const rule of selection.rules) {
    if (!rule.requires || programAvailable(rule.requires.program)) continue;
    const { program, enabledBy } = rule.requires;
    throw new UsageError(
      `the ${rule.meta.id} rule is on (--${enabledBy}, \`${enabledBy}: true\` or the rule) but no \`${program}\` program is on PATH; install it (Debian/Ubuntu: apt-get install ${program}) or turn it off`,
    );
  }
  const limits = config.limits ?? {};
  const stdin = options.paths.includes('-') ? readStdinFor(options, limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes) : undefined;
  const discovery = discover([...options.paths], {
    cwd,
    ignorePaths: config.ignorePaths,
    stdin,
    ...(limits.maxFileBytes !== undefined && { maxFileBytes: limits.maxFileBytes }),
  });
  const { texts } = options;
  if (texts) discovery.files = discovery.files.map((f) => (texts.has(f.displayPath) ? { ...f, text: texts.get(f.displayPath)! } : f));
  const errors: InputError[] = [...discovery.errors];
  // Kustomization files that name the linted files tell which are patches, tool inputs, and what each build makes of them.
  errors.push(
    ...annotateKustomize(discovery.files, {
      cwd,
      found: discovery.kustomizations ?? [],
      ...(limits.maxFileBytes !== undefined && { maxFileBytes: limits.maxFileBytes }),
    }),
  );
  const parsed: ParsedFile[] = [];
  const total = discovery.files.length * 2;
  const parseStart = performance.now();
  discovery.files.forEach((file, i) => {
    const result = parseFile(file, limits);
    if ('message' in result) errors.push(result);
    else parsed.push(result);
    options.onProgress?.(i + 1, total);
  });
  const parseMs = performance.now() - parseStart;
  const schemas = prepareSchemas(parsed, {
    kubernetesVersion,
    locations: [...(options.schemaLocations ?? [])],
    crds: [...(options.crds ?? [])],
    cwd,
    ...(options.cacheLocation !== undefined && { cacheLocation: options.cacheLocation }),
  });
  errors.push(...schemas.errors);
  if ((options.strictSchemas ?? config.strictSchemas) && !selection.severities.has('unknown-kind-schema'))
    selection.severities.set('unknown-kind-schema', 'error');
  const origins = stdin && options.kustomizeRendering ? new KustomizeOrigins(options.kustomizeRendering(), cwd) : undefined;
  const ruleTimes = options.timing ? new Map<string, number>() : undefined;
  const { onProgress } = options;
  const onFile = onProgress ? (done: number) => onProgress(discovery.files.length + done, total) : undefined;
  const result = lint(parsed, {
    registry,
    ...selection,
    kubernetesVersion,
    schemas: schemas.provider,
    ...(config.ignores && { ignores: config.ignores }),
    ...(origins && { relocate: (finding) => origins.relocate(finding) }),
    ...(ruleTimes && { ruleTimes }),
    ...(onFile && { onFile }),
  });
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const failOn = options.failOn ?? config.failOn ?? DEFAULT_FAIL_ON;
  const report: Report = {
    version: options.version ?? VERSION,
    findings: result.findings,
    errors,
    rules: selection.rules,
    sources: new Map([...discovery.files, ...(origins?.sources ?? [])].map((f) => [f.displayPath, f.text])),
    root: cwd,
  };
  return { report, exitCode: exitCode(result.findings, errors, failOn), failOn, parseMs, ...(ruleTimes && { ruleTimes }) };
}

/** The config with `ruleOptions` merged into its `rules:` entries (the caller's options win). */
function withRuleOptions(config: Config, ruleOptions: Readonly<Record<string, Record<string, unknown>>>): Config {
  if (Object.keys(ruleOptions).length === 0) return config;
  const rules = { ...config.rules };
  for (const [idOrAlias, options] of Object.entries(ruleOptions)) {
    const id = resolveRule(idOrAlias).meta.id;
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

import { parseArgs } from 'node:util';
import { UsageError } from '../app/errors.js';
import { FAIL_ON, isFailOn, isNamespaceName, normalizeKubernetesVersion } from '../app/defaults.js';
import { FILE_TYPES, isFileType, type FileType } from '../app/file-types.js';
import { closest } from '../util/closest.js';

export { UsageError, FAIL_ON };

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'checkstyle', 'gitlab'] as const;

export interface LintArgs {
  command: 'lint';
  paths: string[];
  format: (typeof FORMATS)[number];
  output?: string;
  failOn?: (typeof FAIL_ON)[number];
  rules: string[];
  disabled: string[];
  /** `--preset` values (each may be a comma list), validated by the application layer. */
  presets: string[];
  config?: string;
  stdinFilename?: string;
  kubernetesVersion?: string;
  /** Namespace of objects that set none, as `kubectl apply -n` would put them. */
  namespace?: string;
  color?: boolean;
  quiet: boolean;
  /** Print the slowest rules to stderr after the report. */
  timing?: boolean;
  /** Run ShellCheck on RUN scripts (the `shellcheck` rule; needs the binary). */
  shellcheck?: boolean;
  /** Lint the output of `kubectl kustomize DIR`. */
  kustomize?: string;
  /** kubeconform-style schema locations, searched in order before the bundled schemas. */
  schemaLocations?: string[];
  /** Base directory of k8slint's caches (fetched schemas, `--cache` results). */
  cacheLocation?: string;
  /** Reuse the results of the last identical run over unchanged files. */
  cache?: boolean;
  /** CRD files or folders whose CustomResourceDefinitions validate custom resources. */
  crds?: string[];
  /** Admission policy files or folders applied to the run without being linted. */
  policies?: string[];
  /** A kind without a schema is an error, not an info finding. */
  strictSchemas?: boolean;
  /** Apply fixes: write them (`write`), or print them as a diff (`diff`). */
  fix?: 'write' | 'diff';
  /** Also apply fixes that may change behaviour. */
  unsafeFixes?: boolean;
  /** `--workers N|auto`: threads that lint (1: single-threaded). */
  workers?: number | 'auto';
  /** A run that lints no file exits 0 (it still says so). */
  allowEmpty?: boolean;
  /** What stdin and the files named explicitly are, whatever their names or content. */
  type?: FileType;
  /** Lint the output of `helm template CHART` with these `--values` files and `--set` values. */
  helm?: { chart: string; values: string[]; set: string[] };
  /** Baseline file: only findings it does not hold count. */
  baseline?: string;
  /** Rewrite the baseline file with this run's findings. */
  updateBaseline?: boolean;
  /** Columns the stylish report is laid out for (default: the terminal's, else 80). */
  width?: number;
}

export type Args =
  | LintArgs
  | { command: 'rules'; format: 'table' | 'json' | 'markdown'; config?: string }
  | { command: 'explain'; id: string; format: 'text' | 'markdown'; color?: boolean; config?: string }
  | { command: 'test-rules'; dir?: string; config?: string }
  | { command: 'help' }
  | { command: 'version' };

export const HELP = `Usage: k8slint [options] [paths...]     lint Dockerfiles and Kubernetes manifests (default: .)
       k8slint rules [--format table|json|markdown]
       k8slint explain <rule-id|alias> [--format text|markdown]
       k8slint test-rules [dir]        check the plugin and custom rules: their examples, and the
                                       # expect: markers of the files under dir (.k8slint/tests)

rules, explain and test-rules know the rules the config adds (plugins:, customRules:); -c <file>
names the config.

Paths are files or directories (walked recursively, honouring .gitignore and .k8slintignore).
Use - to read stdin (e.g. helm template chart | k8slint -).

Options:
  -f, --format <fmt>         stylish (default), json, sarif, github, junit, checkstyle, gitlab
  -o, --output <file>        write the report to a file instead of stdout
      --fail-on <level>      error, warning (default), info, none: lowest severity that exits 1
      --preset <name>        base rule set: recommended (default), strict (opt-in rules too),
                             pss-baseline, pss-restricted (Pod Security Standards as admission
                             enforces them at --kubernetes-version); repeatable or a comma list;
                             replaces the config's preset:, whose rules: entries still apply
      --rule <id>            run only this rule (repeatable; also enables preview rules)
      --disable <id>         turn a rule off (repeatable)
  -c, --config <file>        use this config instead of the nearest .k8slint.yaml
      --stdin-filename <n>   name (and classify) what is read from stdin; without it stdin is
                             classified by content (a Dockerfile, a Compose file, else manifests)
      --type <type>          dockerfile, kubernetes or compose: what stdin and the files named on the
                             command line are, whatever their names (Dockerfile-gpu, app.containerfile)
      --allow-empty          exit 0 when no file was found to lint (default: exit 2, never a silent pass)
      --kubernetes-version <x.y>  Kubernetes version the manifests target (default 1.36; schemas of
                             the nearest bundled version at or below it: 1.32, 1.33, 1.34, 1.36)
  -n, --namespace <ns>       namespace of objects that set none, as kubectl apply -n puts them
                             (default: the config's namespace:, else default); cross-object rules
                             compare namespaces with it
      --schema-location <l>  where to find schemas, as kubeconform: default (yannh's repository), a URL
                             or folder, with {{ .Group }}, {{ .ResourceKind }}… (repeatable; searched
                             in order, then the bundled schemas)
      --cache                reuse the results of the last identical run when no file changed
      --cache-location <dir> where fetched schemas and --cache results are kept (default
                             $XDG_CACHE_HOME/k8slint or ~/.cache/k8slint)
      --crd <file|dir>       CustomResourceDefinitions to validate custom resources with (repeatable)
      --policy <file|dir>    ValidatingAdmissionPolicies, bindings and params to apply to the linted
                             objects without linting them (repeatable; config policies:)
      --strict-schemas       a kind without a schema is an error (default: one info finding per kind)
      --kustomize <dir>      lint the output of kubectl kustomize <dir> (needs kubectl), each finding
                             reported on the source file its object came from
      --fix                  apply safe fixes to the files (stdin: print the fixed text)
      --fix-dry-run          print the fixes as a unified diff; change nothing
      --unsafe-fixes         with --fix or --fix-dry-run, also apply fixes that may change behaviour
      --helm <chart>         lint the output of helm template <chart>, findings on the template files
                             (needs helm); with --values <file> and --set <key=value> (repeatable)
      --shellcheck           run ShellCheck on RUN scripts (needs shellcheck on PATH)
      --timing               print the slowest rules to stderr
      --workers <n|auto>     threads that parse and lint (default auto: one per core, at most 4, with
                             4+ cores on runs of 200+ files; 1 = single-threaded); same report either way
      --baseline <file>      findings recorded in this file are not reported as new and do not fail
                             the run (default: the config's baseline:)
      --update-baseline      record this run's findings in the baseline file (--baseline, else
                             .k8slint-baseline.json)
      --width <columns>      lay the stylish report out for this width (default: the terminal's; 80)
      --no-color             no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)
  -q, --quiet                report errors only
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, config or input errors (the other files are still linted).
`;

export function parseCli(argv: string[]): Args {
  if (argv[0] === 'help') return { command: 'help' };
  if (argv[0] === 'rules') {
    // Colour flags are accepted as everywhere (the table has no colours).
    const { values } = parse(argv.slice(1), {
      format: { type: 'string', short: 'f', default: 'table' },
      config: { type: 'string', short: 'c' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    const format = values.format as string;
    if (!['table', 'json', 'markdown'].includes(format))
      throw new UsageError(`unknown format "${format}" for rules (table, json, markdown)`);
    return { command: 'rules', format: format as 'table' | 'json' | 'markdown', ...configOf(values) };
  }
  if (argv[0] === 'explain') {
    const { values, positionals } = parse(argv.slice(1), {
      format: { type: 'string', short: 'f', default: 'text' },
      config: { type: 'string', short: 'c' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    const id = positionals[0];
    if (!id) throw new UsageError('explain needs a rule id or alias');
    const format = values.format as string;
    if (format !== 'text' && format !== 'markdown') throw new UsageError(`unknown format "${format}" for explain (text, markdown)`);
    return {
      command: 'explain',
      id,
      format,
      ...(values['no-color'] ? { color: false } : values.color ? { color: true } : {}),
      ...configOf(values),
    };
  }
  if (argv[0] === 'test-rules') {
    const { values, positionals } = parse(argv.slice(1), {
      config: { type: 'string', short: 'c' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError('test-rules takes one folder of test files');
    return { command: 'test-rules', ...(positionals[0] !== undefined && { dir: positionals[0] }), ...configOf(values) };
  }
  const { values, positionals } = parse(argv, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    rule: { type: 'string', multiple: true, default: [] },
    preset: { type: 'string', multiple: true, default: [] },
    disable: { type: 'string', multiple: true, default: [] },
    config: { type: 'string', short: 'c' },
    'stdin-filename': { type: 'string' },
    'kubernetes-version': { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'schema-location': { type: 'string', multiple: true, default: [] },
    'cache-location': { type: 'string' },
    cache: { type: 'boolean', default: false },
    crd: { type: 'string', multiple: true, default: [] },
    policy: { type: 'string', multiple: true, default: [] },
    'strict-schemas': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean', default: false },
    width: { type: 'string' },
    kustomize: { type: 'string' },
    helm: { type: 'string' },
    values: { type: 'string', multiple: true, default: [] },
    set: { type: 'string', multiple: true, default: [] },
    type: { type: 'string' },
    'allow-empty': { type: 'boolean', default: false },
    timing: { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
    'fix-dry-run': { type: 'boolean', default: false },
    'unsafe-fixes': { type: 'boolean', default: false },
    workers: { type: 'string' },
    shellcheck: { type: 'boolean', default: false },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q', default: false },
    version: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const format = values.format as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (${FORMATS.join(', ')})`);
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !isFailOn(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const version = values['kubernetes-version'] as string | undefined;
  const kubernetesVersion = version === undefined ? undefined : normalizeKubernetesVersion(version);
  if (version !== undefined && kubernetesVersion === undefined)
    throw new UsageError(`--kubernetes-version must look like 1.36, not "${version}"`);
  if (values['unsafe-fixes'] && !values.fix && !values['fix-dry-run']) throw new UsageError('--unsafe-fixes needs --fix or --fix-dry-run');
  const fix = values['fix-dry-run'] ? 'diff' : values.fix ? 'write' : undefined;
  const namespace = values.namespace as string | undefined;
  if (namespace !== undefined && !isNamespaceName(namespace))
    throw new UsageError(`--namespace must be a namespace name (lower-case letters, digits and '-', at most 63), not "${namespace}"`);
  const workers = values.workers as string | undefined;
  if (workers !== undefined && workers !== 'auto' && !/^[1-9]\d{0,2}$/.test(workers))
    throw new UsageError(`--workers must be a number of threads (1 = single-threaded) or auto, not "${workers}"`);
  const type = values.type as string | undefined;
  if (type !== undefined && !isFileType(type)) throw new UsageError(`--type must be one of ${FILE_TYPES.join(', ')}, not "${type}"`);
  const helm = values.helm as string | undefined;
  const helmValues = values.values as string[];
  const helmSet = values.set as string[];
  if (helm === undefined && helmValues.length + helmSet.length > 0) throw new UsageError('--values and --set go with --helm <chart>');
  if (helm !== undefined && values.kustomize !== undefined) throw new UsageError('--helm and --kustomize both stand for stdin: use one');
  const width = values.width as string | undefined;
  if (width !== undefined && !/^\d+$/.test(width)) throw new UsageError(`--width must be a number of columns, not "${width}"`);
  return {
    command: 'lint',
    paths: positionals,
    format: format as LintArgs['format'],
    output: values.output as string | undefined,
    failOn,
    rules: values.rule as string[],
    disabled: values.disable as string[],
    presets: values.preset as string[],
    config: values.config as string | undefined,
    stdinFilename: values['stdin-filename'] as string | undefined,
    kubernetesVersion,
    ...(namespace !== undefined && { namespace }),
    color: values['no-color'] ? false : (values.color as boolean | undefined),
    quiet: values.quiet as boolean,
    ...(values.timing && { timing: true }),
    ...(values.shellcheck && { shellcheck: true }),
    ...(values.kustomize !== undefined && { kustomize: values.kustomize as string }),
    ...((values['schema-location'] as string[]).length > 0 && { schemaLocations: values['schema-location'] as string[] }),
    ...(typeof values['cache-location'] === 'string' && { cacheLocation: values['cache-location'] }),
    ...(values.cache && { cache: true }),
    ...((values.crd as string[]).length > 0 && { crds: values.crd as string[] }),
    ...((values.policy as string[]).length > 0 && { policies: values.policy as string[] }),
    ...(values['strict-schemas'] && { strictSchemas: true }),
    ...(fix && { fix }),
    ...(values['unsafe-fixes'] && { unsafeFixes: true }),
    ...(workers !== undefined && { workers: workers === 'auto' ? ('auto' as const) : Number(workers) }),
    ...(values['allow-empty'] && { allowEmpty: true }),
    ...(type !== undefined && { type }),
    ...(helm !== undefined && { helm: { chart: helm, values: helmValues, set: helmSet } }),
    ...(typeof values.baseline === 'string' && { baseline: values.baseline }),
    ...(values['update-baseline'] && { updateBaseline: true }),
    ...(width !== undefined && { width: Number(width) }),
  };
}

function configOf(values: { config?: unknown }): { config?: string } {
  return typeof values.config === 'string' ? { config: values.config } : {};
}

function parse(
  argv: string[],
  options: Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? O : never) : never,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message + didYouMean(message, options));
  }
}

/** ` (did you mean --format?)` for an unknown option close to a known one. */
function didYouMean(message: string, options: Record<string, { short?: string }>): string {
  const unknown = /^Unknown option '--([^'=]+)/.exec(message)?.[1];
  if (unknown === undefined) return '';
  const suggestion = closest(unknown, Object.keys(options));
  return suggestion ? ` (did you mean --${suggestion}?)` : '';
}

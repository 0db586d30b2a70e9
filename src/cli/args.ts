import { parseArgs } from 'node:util';
import { UsageError } from '../app/errors.js';
import { FAIL_ON, isFailOn, normalizeKubernetesVersion } from '../app/defaults.js';

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
  /** Base directory of k8slint's caches (fetched schemas). */
  cacheLocation?: string;
  /** CRD files or folders whose CustomResourceDefinitions validate custom resources. */
  crds?: string[];
  /** A kind without a schema is an error, not an info finding. */
  strictSchemas?: boolean;
  /** `--workers N|auto`: threads that lint (1: single-threaded). */
  workers?: number | 'auto';
}

export type Args =
  | LintArgs
  | { command: 'rules'; format: 'table' | 'json' | 'markdown' }
  | { command: 'explain'; id: string }
  | { command: 'help' }
  | { command: 'version' };

export const HELP = `Usage: k8slint [options] [paths...]     lint Dockerfiles and Kubernetes manifests (default: .)
       k8slint rules [--format table|json|markdown]
       k8slint explain <rule-id|alias>

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
      --stdin-filename <n>   name (and classify) what is read from stdin
      --kubernetes-version <x.y>  Kubernetes version the manifests target (default 1.36; schemas of
                             the nearest bundled version at or below it: 1.32, 1.33, 1.34, 1.36)
      --schema-location <l>  where to find schemas, as kubeconform: default (yannh's repository), a URL
                             or folder, with {{ .Group }}, {{ .ResourceKind }}… (repeatable; searched
                             in order, then the bundled schemas)
      --cache-location <dir> where fetched schemas are cached (default $XDG_CACHE_HOME/k8slint or
                             ~/.cache/k8slint)
      --crd <file|dir>       CustomResourceDefinitions to validate custom resources with (repeatable)
      --strict-schemas       a kind without a schema is an error (default: one info finding per kind)
      --kustomize <dir>      lint the output of kubectl kustomize <dir> (needs kubectl)
      --shellcheck           run ShellCheck on RUN scripts (needs shellcheck on PATH)
      --timing               print the slowest rules to stderr
      --workers <n|auto>     threads that parse and lint (default auto: one per core, at most 4, with
                             4+ cores on runs of 200+ files; 1 = single-threaded); same report either way
      --no-color             no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)
  -q, --quiet                report errors only
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, config or input errors (the other files are still linted).
`;

export function parseCli(argv: string[]): Args {
  if (argv[0] === 'rules') {
    const { values } = parse(argv.slice(1), { format: { type: 'string', short: 'f', default: 'table' } });
    const format = values.format as string;
    if (!['table', 'json', 'markdown'].includes(format))
      throw new UsageError(`unknown format "${format}" for rules (table, json, markdown)`);
    return { command: 'rules', format: format as 'table' | 'json' | 'markdown' };
  }
  if (argv[0] === 'explain') {
    if (!argv[1]) throw new UsageError('explain needs a rule id or alias');
    return { command: 'explain', id: argv[1] };
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
    'schema-location': { type: 'string', multiple: true, default: [] },
    'cache-location': { type: 'string' },
    crd: { type: 'string', multiple: true, default: [] },
    'strict-schemas': { type: 'boolean', default: false },
    kustomize: { type: 'string' },
    timing: { type: 'boolean', default: false },
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
  const workers = values.workers as string | undefined;
  if (workers !== undefined && workers !== 'auto' && !/^[1-9]\d{0,2}$/.test(workers))
    throw new UsageError(`--workers must be a number of threads (1 = single-threaded) or auto, not "${workers}"`);
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
    color: values['no-color'] ? false : (values.color as boolean | undefined),
    quiet: values.quiet as boolean,
    ...(values.timing && { timing: true }),
    ...(values.shellcheck && { shellcheck: true }),
    ...(values.kustomize !== undefined && { kustomize: values.kustomize as string }),
    ...((values['schema-location'] as string[]).length > 0 && { schemaLocations: values['schema-location'] as string[] }),
    ...(typeof values['cache-location'] === 'string' && { cacheLocation: values['cache-location'] }),
    ...((values.crd as string[]).length > 0 && { crds: values.crd as string[] }),
    ...(values['strict-schemas'] && { strictSchemas: true }),
    ...(workers !== undefined && { workers: workers === 'auto' ? ('auto' as const) : Number(workers) }),
  };
}

function parse(
  argv: string[],
  options: Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? O : never) : never,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

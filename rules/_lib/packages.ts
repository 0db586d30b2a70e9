import type { ShellWord } from '../../src/model/shell.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { baseName, commandsOf, type EffectiveCommand } from './shell.js';

/**
 * One parser of package-manager command lines, shared by every rule about apt-get, apt, apk, pip,
 * npm, yarn, gem, go, yum, dnf, microdnf and zypper, so they agree on what a package is.
 */
export type Manager =
  'apt-get' | 'apt' | 'aptitude' | 'apk' | 'pip' | 'npm' | 'yarn' | 'gem' | 'go' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

export interface ParsedOption {
  /** `-y`, `--no-cache` (without any `=value`). For bundled short options (`-qy`) one entry per letter. */
  name: string;
  value?: string;
  word: ShellWord;
}

export interface PackageCommand {
  manager: Manager;
  command: EffectiveCommand;
  /** The subcommand (`install`, `add`, `update`…), lower-cased; undefined when none is written. */
  action?: string;
  actionWord?: ShellWord;
  /** Options anywhere on the line, before or after the subcommand. */
  options: ParsedOption[];
  /** Non-option words after the subcommand (packages, paths, requirement specs), in order. */
  operands: ShellWord[];
  /** `uv` for `uv pip …`, which takes pip's arguments but has its own cache (`--no-cache`) and index strategy (first index wins). */
  tool?: 'uv';
}

interface ManagerSpec {
  /** Short option letters that take a value (`-t bookworm`). */
  shortWithValue: string;
  /** Long options that take the next word as value when written without `=`. */
  longWithValue: string[];
}

/** Options of yum that take a value; dnf takes the same ones and more. */
const YUM_LONG_WITH_VALUE = [
  '--config',
  '--enablerepo',
  '--disablerepo',
  '--installroot',
  '--releasever',
  '--exclude',
  '--repo',
  '--repoid',
  '--repofrompath',
  '--debuglevel',
  '--errorlevel',
  '--downloaddir',
  '--destdir',
  '--forcearch',
  '--setopt',
  '--rpmverbosity',
  '--color',
];

const SPECS: Record<Manager, ManagerSpec> = {
  'apt-get': {
    shortWithValue: 'otca',
    longWithValue: ['--option', '--target-release', '--default-release', '--config-file', '--host-architecture'],
  },
  apt: {
    shortWithValue: 'otca',
    longWithValue: ['--option', '--target-release', '--default-release', '--config-file', '--host-architecture'],
  },
  aptitude: { shortWithValue: 'otF', longWithValue: ['--option', '--target-release', '--display-format'] },
  apk: {
    shortWithValue: 'Xtp',
    longWithValue: [
      '--repository',
      '--virtual',
      '--root',
      '--keys-dir',
      '--arch',
      '--cache-dir',
      '--repositories-file',
      '--cache-max-age',
      '--timeout',
    ],
  },
  pip: {
    // `-p`/`-P`: uv pip's --python and --upgrade-package.
    shortWithValue: 'rcefitCbpP',
    longWithValue: [
      '--requirement',
      '--constraint',
      '--editable',
      '--find-links',
      '--index-url',
      '--extra-index-url',
      '--target',
      '--prefix',
      '--root',
      '--trusted-host',
      '--platform',
      '--python-version',
      '--implementation',
      '--abi',
      '--src',
      '--upgrade-strategy',
      '--progress-bar',
      '--log',
      '--cache-dir',
      '--global-option',
      '--install-option',
      '--config-settings',
      '--only-binary',
      '--no-binary',
      '--timeout',
      '--retries',
      '--proxy',
      '--cert',
      '--client-cert',
      '--exists-action',
      '--python',
      '--report',
      '--build',
      '--src-dir',
      '--use-feature',
      '--root-user-action',
      '--break-system-packages-x',
      // uv pip's own value-taking options
      '--index-strategy',
      '--index',
      '--default-index',
      '--keyring-provider',
      '--resolution',
      '--prerelease',
      '--link-mode',
      '--python-platform',
      '--exclude-newer',
      '--override',
      '--build-constraint',
      '--torch-backend',
      '--allow-insecure-host',
      '--reinstall-package',
      '--upgrade-package',
      '--no-build-isolation-package',
      '--config-file',
      '--directory',
      '--project',
    ],
  },
  npm: {
    shortWithValue: 'w',
    longWithValue: [
      '--prefix',
      '--registry',
      '--cache',
      '--workspace',
      '--tag',
      '--loglevel',
      '--userconfig',
      '--save-prefix',
      '--omit',
      '--include',
      '--install-strategy',
      '--location',
    ],
  },
  yarn: {
    shortWithValue: '',
    longWithValue: [
      '--cwd',
      '--cache-folder',
      '--modules-folder',
      '--network-timeout',
      '--mutex',
      '--registry',
      '--global-folder',
      '--link-folder',
      '--use-yarnrc',
      '--network-concurrency',
      '--preferred-cache-folder',
    ],
  },
  gem: {
    shortWithValue: 'vinsPp',
    longWithValue: [
      '--version',
      '--install-dir',
      '--bindir',
      '--source',
      '--trust-policy',
      '--platform',
      '--document',
      '--build-root',
      '--target-rbconfig',
      '--http-proxy',
    ],
  },
  go: {
    shortWithValue: 'Cpo',
    longWithValue: [
      '-C',
      '-p',
      '-o',
      '-tags',
      '-ldflags',
      '-gcflags',
      '-asmflags',
      '-mod',
      '-modfile',
      '-overlay',
      '-pkgdir',
      '-toolexec',
      '-buildmode',
      '-compiler',
      '-installsuffix',
      '-pgo',
      '-covermode',
      '-coverpkg',
    ],
  },
  yum: { shortWithValue: 'cdexR', longWithValue: YUM_LONG_WITH_VALUE },
  dnf: { shortWithValue: 'cdexR', longWithValue: [...YUM_LONG_WITH_VALUE, '--use-host-config'] },
  microdnf: {
    shortWithValue: '',
    longWithValue: [
      '--config',
      '--enablerepo',
      '--disablerepo',
      '--installroot',
      '--releasever',
      '--setopt',
      '--exclude',
      '--repo',
      '--repofrompath',
      '--platform-id',
    ],
  },
  zypper: {
    shortWithValue: 'RctrpD',
    longWithValue: [
      '--root',
      '--reposd-dir',
      '--config',
      '--cache-dir',
      '--raw-cache-dir',
      '--solv-cache-dir',
      '--pkg-cache-dir',
      '--type',
      '--repo',
      '--from',
      '--download',
      '--userdata',
    ],
  },
};

const PYTHON = /^python(\d+(\.\d+)*)?$/;

/** Which package manager a command is, seeing `python3 -m pip` as pip. */
function managerOf(command: EffectiveCommand): { manager: Manager; skip: number; tool?: 'uv' } | undefined {
  const name = baseName(command.name);
  if (!name) return undefined;
  if (/^pip(\d+(\.\d+)*)?$/.test(name)) return { manager: 'pip', skip: 1 };
  // `uv pip install …` (uv's pip interface): pip's subcommands and options after `uv pip`.
  if (name === 'uv' && command.words[1]?.value === 'pip') return { manager: 'pip', skip: 2, tool: 'uv' };
  if (PYTHON.test(name)) {
    const m = command.words.findIndex((w) => w.value === '-m');
    if (m > 0 && command.words[m + 1]?.value === 'pip' && command.words.slice(1, m).every((w) => w.value?.startsWith('-')))
      return { manager: 'pip', skip: m + 2 };
    return undefined;
  }
  if (name in SPECS) return { manager: name as Manager, skip: 1 };
  return undefined;
}

export function parsePackageCommand(command: EffectiveCommand): PackageCommand | undefined {
  const found = managerOf(command);
  if (!found) return undefined;
  const spec = SPECS[found.manager];
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  let action: string | undefined;
  let actionWord: ShellWord | undefined;
  const words = command.words;
  let endOfOptions = false;
  for (let i = found.skip; i < words.length; i++) {
    const word = words[i]!; // i < words.length
    const v = word.value;
    if (!endOfOptions && v === '--') {
      // What follows gem's `--` goes to the gem's build (`-- --use-system-libraries`), not to gem.
      if (found.manager === 'gem') break;
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && v !== undefined && v.startsWith('-') && v.length > 1) {
      // go's flags are single-dash long flags (`-ldflags`)
      if (v.startsWith('--') || found.manager === 'go') {
        const eq = v.indexOf('=');
        const name = eq === -1 ? v : v.slice(0, eq);
        if (eq !== -1) options.push({ name, value: v.slice(eq + 1), word });
        else if (spec.longWithValue.includes(name) && words[i + 1]) {
          options.push({ name, value: words[i + 1]?.value, word });
          i++;
        } else options.push({ name, word });
        continue;
      }
      const letters = v.slice(1);
      let consumed = false;
      for (let k = 0; k < letters.length; k++) {
        const letter = letters.charAt(k);
        if (letter === '=') break;
        if (spec.shortWithValue.includes(letter)) {
          const attached = letters.slice(k + 1).replace(/^=/, '');
          if (attached) options.push({ name: `-${letter}`, value: attached, word });
          else {
            options.push({ name: `-${letter}`, value: words[i + 1]?.value, word });
            consumed = words[i + 1] !== undefined;
          }
          break;
        }
        options.push({ name: `-${letter}`, value: letters[k + 1] === '=' ? letters.slice(k + 2) : undefined, word });
      }
      if (consumed) i++;
      continue;
    }
    if (action === undefined && !actionWord) {
      actionWord = word;
      action = v?.toLowerCase();
      if (v === undefined) return undefined; // `apt-get $CMD …`
      continue;
    }
    operands.push(word);
  }
  return { manager: found.manager, command, action, actionWord, options, operands, ...(found.tool ? { tool: found.tool } : {}) };
}

/** Every package-manager command of a RUN, wrappers seen through. */
export function packageCommandsOf(model: DockerfileModel, run: DockerInstruction): PackageCommand[] {
  return commandsOf(model, run).flatMap((c) => {
    const parsed = parsePackageCommand(c);
    return parsed ? [parsed] : [];
  });
}

/** Whether any of the option names is present (`has(p, '-y', '--yes')`). */
export function hasOpt(p: PackageCommand, ...names: string[]): boolean {
  return p.options.some((o) => names.includes(o.name));
}

export function optionValue(p: PackageCommand, ...names: string[]): string | undefined {
  return p.options.find((o) => names.includes(o.name))?.value;
}

/** Words whose value is known (no `$VAR`, no `$(…)`); a package named by a variable is never judged. */
export function literalOperands(p: PackageCommand): Array<ShellWord & { value: string }> {
  return p.operands.filter((w): w is ShellWord & { value: string } => w.value !== undefined);
}

/** Manager of a cache directory a `RUN --mount=type=cache|tmpfs,target=…` keeps out of the image. */
export interface MountTarget {
  type: string;
  target: string;
}

/** `--mount` flags of a RUN (`type=cache,target=/var/cache/apt`), parsed. */
export function mountsOf(run: DockerInstruction): MountTarget[] {
  return run.flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) => {
      const fields = new Map<string, string>();
      for (const part of f.value!.split(',')) {
        const eq = part.indexOf('=');
        if (eq === -1) fields.set(part.trim().toLowerCase(), 'true');
        else
          fields.set(
            part.slice(0, eq).trim().toLowerCase(),
            part
              .slice(eq + 1)
              .trim()
              .replace(/^["']|["']$/g, ''),
          );
      }
      const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination') ?? '';
      return { type: fields.get('type') ?? 'bind', target: target.replace(/\/+$/, '') || '/' };
    });
}

/**
 * Whether a cache or tmpfs mount of this RUN covers one of `dirs` (a mount on the directory or
 * one of its parents). `dirs` may end with `*` to match any directory with that prefix, and a
 * leading `~` or `*` matches any home (`/root/.cache/pip`, `/home/app/.cache/pip`).
 */
export function hasCacheMount(run: DockerInstruction, dirs: string[]): boolean {
  return mountsOf(run).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && dirs.some((d) => covers(m.target, d)));
}

function covers(target: string, dir: string): boolean {
  if (dir.startsWith('*')) return target.endsWith(dir.slice(1));
  return dir === target || dir.startsWith(`${target}/`) || target === '/';
}

/** Whether an ENV/ARG value or shell assignment value means "on" (1, true, yes, on). */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);

/** Whether a package manager command installs packages (`apt-get install`, `apk add`, `npm i`…). */
export function isInstall(p: PackageCommand): boolean {
  switch (p.manager) {
    case 'apk':
      return p.action === 'add';
    case 'npm':
      return p.action !== undefined && NPM_INSTALL.has(p.action);
    case 'yarn':
      return p.action === 'add' || p.action === 'install' || (p.action === 'global' && p.operands[0]?.value === 'add');
    case 'zypper':
      return p.action === 'install' || p.action === 'in';
    case 'yum':
      return p.action === 'install' || p.action === 'groupinstall' || p.action === 'localinstall';
    case 'dnf':
    case 'microdnf':
      return p.action === 'install' || p.action === 'in' || p.action === 'groupinstall' || p.action === 'localinstall';
    case 'gem':
      return p.action === 'install' || p.action === 'i';
    default:
      return p.action === 'install';
  }
}

/**
 * The package words of an install command that name no version, by the rules of each manager
 * (hadolint's, with its exemptions: local files, paths, URLs, requirement files). Words holding a
 * variable are never returned.
 */
export function unpinnedPackages(p: PackageCommand): ShellWord[] {
  if (isModuleInstall(p)) return unpinnedModules(p);
  if (p.manager === 'go') return unpinnedGoPackages(p);
  if (!isInstall(p)) return [];
  const words = literalOperands(p).filter((w) => !/[*?[\]{}]/.test(w.value) || p.manager === 'pip');
  const isPathOrUrl = (v: string): boolean => v.includes('/') || v.startsWith('.') || /^[a-z+]+:/.test(v);
  switch (p.manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return words.filter((w) => !w.value.includes('=') && !isPathOrUrl(w.value) && !w.value.endsWith('.deb'));
    case 'apk':
      return words.filter((w) => !/[=~<>]/.test(w.value) && !w.value.endsWith('.apk') && !isPathOrUrl(w.value));
    case 'pip': {
      if (hasOpt(p, '-c', '--constraint', '-r', '--requirement')) return [];
      const upgrading = hasOpt(p, '-U', '--upgrade');
      return words.filter((w) => {
        const v = w.value;
        // A lone `=` (`flask=3.0`) is not valid pip syntax, but its author meant a pin: pip itself will say so.
        if (VCS_URL.test(v)) return !vcsRefPinned(v);
        if (/(=|<|>|@)/.test(v) || isPathOrUrl(v) || /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(v)) return false;
        if (upgrading && /^(pip|setuptools|wheel)$/i.test(v)) return false; // tooling upgrades are deliberate
        return true;
      });
    }
    case 'npm':
    case 'yarn': {
      const ops = p.manager === 'yarn' && p.action === 'global' ? words.slice(1) : words;
      return ops.filter((w) => {
        const v = w.value;
        if (/^(git[+:]|github:|gitlab:|bitbucket:|https?:)/.test(v) || /\.git$/.test(v))
          return !v.includes('#') && !/\.(tgz|tar\.gz)$/.test(v);
        if (/^[.~/]/.test(v) || v.startsWith('file:') || /\.(tgz|tar\.gz|tar)$/.test(v)) return false;
        if (!v.startsWith('@') && v.includes('/')) return !v.includes('#'); // GitHub shorthand `user/repo`
        return v.lastIndexOf('@') <= 0; // `name@1.2`, `@scope/name@1.2`
      });
    }
    case 'gem': {
      // `-v` pins the gem it is given with; gem refuses `-v` with several gems, so only a lone gem counts as pinned by it.
      // A bare `true`/`false` is the value of a build option (`--use-system-libraries true`), not a gem.
      const gems = words.filter(
        (w) => !w.value.includes(':') && !w.value.endsWith('.gem') && !isPathOrUrl(w.value) && !/^(true|false)$/.test(w.value),
      );
      if (hasOpt(p, '-v', '--version')) return p.operands.length > 1 ? gems.filter((w) => w !== p.operands[0]) : [];
      return gems;
    }
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (p.action !== 'install' && p.action !== 'in') return [];
      return words.filter(
        (w) =>
          !/-\d/.test(w.value) && !w.value.endsWith('.rpm') && !w.value.startsWith('@') && !isPathOrUrl(w.value) && !/[=<>]/.test(w.value),
      );
    case 'zypper':
      if (hasOpt(p, '-t', '--type') && !['package'].includes(optionValue(p, '-t', '--type') ?? '')) return [];
      return words.filter((w) => !/[=<>]/.test(w.value) && !w.value.endsWith('.rpm') && !isPathOrUrl(w.value));
    default:
      return [];
  }
}

/** Package patterns that name no remote module: `go install tool` installs the tools go.mod pins. */
const GO_PATTERNS = new Set(['tool', 'all', 'std', 'cmd']);

/**
 * Remote packages of `go install`, `go get` and `go run` without a version, `@latest` counted as
 * none. `go run` takes one package; the words after it are the program's arguments.
 */
function unpinnedGoPackages(p: PackageCommand): ShellWord[] {
  if (p.action !== 'install' && p.action !== 'get' && p.action !== 'run') return [];
  const literal = literalOperands(p);
  const packages = p.action === 'run' ? literal.slice(0, 1).filter((w) => w === p.operands[0]) : literal;
  return packages.filter((w) => {
    const v = w.value;
    if (v.startsWith('.') || v.startsWith('/') || GO_PATTERNS.has(v) || v.endsWith('.go')) return false;
    const at = v.lastIndexOf('@');
    return at === -1 || /^(latest|upgrade|patch)$/.test(v.slice(at + 1));
  });
}

function isModuleInstall(p: PackageCommand): boolean {
  return (
    (p.manager === 'yum' || p.manager === 'dnf' || p.manager === 'microdnf') && p.action === 'module' && p.operands[0]?.value === 'install'
  );
}

/** `dnf module install nodejs` takes the default stream, which changes between releases; `nodejs:20` names one. */
function unpinnedModules(p: PackageCommand): ShellWord[] {
  return literalOperands(p)
    .slice(1)
    .filter((w) => !w.value.includes(':') && !w.value.startsWith('@') && !w.value.includes('/'));
}

/** A pip requirement that is a version-control URL (`git+https://…`). */
const VCS_URL = /^(git|hg|svn|bzr)\+[a-z]+:\/\//i;

/** Whether a VCS requirement names a ref (`…/tool.git@v1.4#egg=tool`); an `@` in the host part (`user@host`) is not one. */
function vcsRefPinned(url: string): boolean {
  const path = url.replace(/^[^:]+:\/\/[^/]*/, '').split('#')[0] ?? '';
  return path.includes('@');
}

/** The commands of one RUN: the package commands and the other effective commands, for cleanup checks. */
export function removes(commands: EffectiveCommand[], paths: RegExp): boolean {
  return commands.some((c) => {
    const name = baseName(c.name);
    if (name === 'rm' || name === 'find' || name === 'rmdir')
      return c.words.slice(1).some((w) => w.value !== undefined && paths.test(w.value));
    return false;
  });
}

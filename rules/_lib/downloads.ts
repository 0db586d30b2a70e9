import type { ShellCommand, ShellWord } from '../../src/model/shell.js';
import { baseName, type EffectiveCommand } from './shell.js';

/**
 * Downloads made by curl and wget in a RUN, and the commands that verify a download (a checksum
 * or a signature), for rules that judge supply-chain risks.
 */

export const DOWNLOADERS = new Set(['curl', 'wget']);

/** Archives, packages, installers, executables and model weights: what a build unpacks, installs, runs or loads. */
export const ARTIFACT = new RegExp(
  '\\.(' +
    ['tar', 'tar\\.gz', 'tgz', 'tar\\.bz2', 'tbz2?', 'tar\\.xz', 'txz', 'tar\\.zst', 'tzst', 'gz', 'bz2', 'xz', 'zst', 'zip', '7z', // archives
      'deb', 'rpm', 'apk', 'whl', 'egg', 'jar', 'war', 'ear', 'gem', 'nupkg', 'vsix', // packages
      'bin', 'run', 'sh', 'exe', 'msi', 'appimage', 'so', // installers and executables
      'safetensors', 'pt', 'pth', 'ckpt', 'gguf', 'ggml', 'onnx', 'h5', 'pb', 'tflite', 'pkl', 'pickle', 'npz', 'engine', 'plan', 'mar', // model weights
    ].join('|') +
    ')$',
  'i',
);
/** Scripts are reported only when saved to a file: piped into a shell they are `remote-script-piped-to-shell`'s. */
const SCRIPT = /\.(sh|bash|py|pl|rb|run)$/i;
/** Directories whose files are on PATH: a download saved there is a program. */
const BIN_DIR = /^(\/usr(\/local)?)?\/s?bin\/|^~?\/?\.local\/bin\/|^\/opt\/[^/]+\/bin\//;
/** Commands that unpack or install what they read on standard input. */
const UNPACKERS = new Set(['tar', 'bsdtar', 'unzip', 'gunzip', 'gzip', 'zcat', 'xz', 'bunzip2', 'zstd', 'cpio', 'dpkg', 'rpm', 'funzip', 'busybox']);

export interface Download {
  command: EffectiveCommand;
  /** The URL word. */
  url: ShellWord;
  /** The URL as written, quotes removed (variables kept as `${V}`). */
  urlText: string;
  /** Where it is saved, when a file (`-o`, `-O`, wget's default); undefined for standard output. */
  output?: string;
}

/** A word's text with its quotes removed, variables kept as written. */
export function unquoted(word: ShellWord): string {
  return word.value ?? word.text.replace(/["']/g, '');
}

function urlPath(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** The last path segment of a URL or path. */
export function lastSegment(path: string): string {
  return urlPath(path).split('/').at(-1) ?? '';
}

const URL = /^(https?|ftp):\/\//i;

/** curl's and wget's short options that take a value (besides -o / -O). */
const CURL_SHORT_WITH_VALUE = 'AbcCdDeEFHKmoQrTuUwxXyYz';
const WGET_SHORT_WITH_VALUE = 'aAbBdDeEFiIlOPQRtTUwXY';

/** The downloads of one curl or wget command (one per URL). */
export function downloadsOf(command: EffectiveCommand): Download[] {
  const tool = baseName(command.name);
  if (!tool || !DOWNLOADERS.has(tool)) return [];
  const words = command.words.slice(1);
  const urls: ShellWord[] = [];
  let explicitOutput: string | undefined;
  let remoteName = false;
  let directory: string | undefined;
  const shortWithValue = tool === 'curl' ? CURL_SHORT_WITH_VALUE : WGET_SHORT_WITH_VALUE;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const text = unquoted(word);
    const next = words[i + 1] ? unquoted(words[i + 1]!) : undefined;
    if (URL.test(text)) {
      urls.push(word);
      continue;
    }
    if (text.startsWith('--')) {
      const [name, inline] = text.split(/=(.*)/s) as [string, string | undefined];
      const value = inline ?? next;
      if (tool === 'curl' && name === '--output') explicitOutput = value;
      else if (tool === 'curl' && name === '--output-dir') directory = value;
      else if (tool === 'curl' && name === '--remote-name') remoteName = true;
      else if (tool === 'wget' && name === '--output-document') explicitOutput = value;
      else if (tool === 'wget' && name === '--directory-prefix') directory = value;
      if (inline === undefined && LONG_WITH_VALUE.has(name)) i++;
      continue;
    }
    if (text.startsWith('-') && text.length > 1) {
      const letters = text.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const letter = letters[k]!;
        if (tool === 'curl' && letter === 'O') {
          remoteName = true;
          continue;
        }
        if (!shortWithValue.includes(letter)) continue;
        const attached = letters.slice(k + 1);
        const value = attached !== '' ? attached : next;
        if (attached === '') i++;
        if ((tool === 'curl' && letter === 'o') || (tool === 'wget' && letter === 'O')) explicitOutput = value;
        if (tool === 'wget' && letter === 'P') directory = value;
        break;
      }
    }
  }
  return urls.map((url) => {
    const urlText = unquoted(url);
    let output: string | undefined;
    if (explicitOutput !== undefined) output = explicitOutput === '-' ? undefined : explicitOutput;
    else if (tool === 'wget' || remoteName) output = lastSegment(urlText);
    if (output !== undefined && directory !== undefined && !output.startsWith('/')) output = `${directory.replace(/\/$/, '')}/${output}`;
    return { command, url, urlText, output };
  });
}

const LONG_WITH_VALUE = new Set([
  '--output', '--output-dir', '--user-agent', '--header', '--data', '--data-raw', '--data-binary', '--form', '--retry', '--retry-delay', '--retry-max-time', '--max-time', '--connect-timeout', '--cacert', '--cert', '--key', '--proxy', '--user', '--referer', '--request', '--write-out', '--config', '--range', '--limit-rate', '--resolve', '--tlsv1.2',
  '--output-document', '--directory-prefix', '--tries', '--timeout', '--wait', '--progress', '--ca-certificate', '--certificate', '--http-user', '--http-password', '--post-data', '--input-file', '--append-output', '--output-file',
]);

/** How a download is used: what it is (an archive, a program, model weights…), or undefined when it is none of those. */
export function artifactKind(download: Download, commands: readonly ShellCommand[]): string | undefined {
  const { urlText, output } = download;
  const urlName = lastSegment(urlText);
  const outputName = output === undefined ? undefined : lastSegment(output);
  const savedToFile = output !== undefined;
  const isScript = (name: string): boolean => SCRIPT.test(name);
  for (const name of [outputName, urlName]) {
    if (name === undefined || !ARTIFACT.test(name)) continue;
    if (isScript(name) && !savedToFile) return undefined;
    return kindOf(name);
  }
  if (/(^|\.)huggingface\.co\/.+\/resolve\//i.test(urlText)) return 'model file';
  if (output !== undefined && BIN_DIR.test(output)) return 'program';
  if (output !== undefined && madeExecutable(output, commands)) return 'program';
  const p = download.command.pipeline;
  if (p && p.index < p.size - 1) {
    const reader = commands.find((c) => c.pipeline?.id === p.id && c.pipeline.index === p.index + 1);
    if (reader && UNPACKERS.has(baseName(reader.name) ?? '')) return 'archive';
  }
  return undefined;
}

const KINDS: ReadonlyArray<[RegExp, string]> = [
  [/\.(sh|bash|py|pl|rb|run)$/i, 'installer script'],
  [/\.(deb|rpm|apk|whl|egg|jar|war|ear|gem|nupkg|vsix)$/i, 'package'],
  [/\.(bin|exe|msi|appimage|so)$/i, 'binary'],
  [/\.(safetensors|pt|pth|ckpt|gguf|ggml|onnx|h5|pb|tflite|pkl|pickle|npz|engine|plan|mar)$/i, 'model file'],
];

function kindOf(name: string): string {
  return KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'archive';
}

/** `chmod +x <output>` (or `chmod 755`, `install -m 755 <output> …`) in the same script. */
function madeExecutable(output: string, commands: readonly ShellCommand[]): boolean {
  return commands.some((c) => {
    const name = baseName(c.name);
    const args = c.words.slice(1).map(unquoted);
    if (name === 'chmod') return args.some((a) => /^(\+x|[ugoa]*\+[rw]*x|[0-7]*[1357][0-7]{0,2})$/.test(a)) && args.some((a) => sameFile(a, output));
    if (name === 'install') return args.some((a) => sameFile(a, output));
    return false;
  });
}

/** The same file, comparing whole paths or, when one side is relative, last segments. */
export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('/') && b.startsWith('/')) return false;
  return lastSegment(a) !== '' && lastSegment(a) === lastSegment(b);
}

const CHECKSUM_TOOLS = /^(sha(1|224|256|384|512)sum|md5sum|b2sum|b3sum|shasum|cksum|rhash|xxhsum)$/;

/**
 * Whether the command verifies something: a checksum (`sha256sum -c`, `shasum -a 256 -c`, or a
 * checksum tool whose output is compared), a signature (`gpg --verify`, `gpgv`, `cosign verify-blob`,
 * `minisign -V`, `openssl dgst -verify`, `rpm -K`), a provenance check (`slsa-verifier`, `gh attestation verify`).
 */
export function isVerification(command: ShellCommand): boolean {
  const name = baseName(command.name) ?? '';
  const args = command.words.slice(1).map(unquoted);
  if (CHECKSUM_TOOLS.test(name)) return true;
  if (name === 'gpg' || name === 'gpg2') return args.some((a) => a === '--verify' || a === '--verify-files');
  if (name === 'gpgv' || name === 'gpgv2' || name === 'slsa-verifier' || name === 'sigstore') return true;
  if (name === 'cosign') return args.some((a) => a.startsWith('verify'));
  if (name === 'minisign' || name === 'signify') return args.some((a) => /^-[a-zA-Z]*V/.test(a));
  if (name === 'openssl') return args.includes('dgst') || args.includes('sha256') || args.includes('sha512');
  if (name === 'rpm') return args.some((a) => a === '-K' || a === '--checksig');
  if (name === 'gh') return args.includes('attestation') && args.includes('verify');
  if (name === 'dpkg-sig' || name === 'debsig-verify') return true;
  return false;
}

/** Whether a command names `file` in one of its words (`sha256sum -c x.sha256` names `x` through the checksum file too). */
export function mentions(command: ShellCommand, file: string): boolean {
  const name = lastSegment(file);
  if (name === '') return false;
  return command.words.slice(1).some((w) => w.text.includes(name));
}

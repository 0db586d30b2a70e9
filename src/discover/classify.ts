import { basename, relative, sep } from 'node:path';
import ignore from 'ignore';
import type { SourceKind } from '../types.js';
import { looksLikeCompose } from '../model/compose-syntax.js';

export { looksLikeCompose };

/** What a file is, as `--type` and the config's `files:` name it. */
export const FILE_TYPES = ['dockerfile', 'kubernetes', 'compose'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export function isFileType(value: string): value is FileType {
  return (FILE_TYPES as readonly string[]).includes(value);
}

/** `Dockerfile.gpu` is a Dockerfile; `dockerfile.ts` (code about Dockerfiles) and `Dockerfile.md` are not. */
const SOURCE_CODE_SUFFIX = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|go|py|rs|java|kt|rb|md|rst|html|json|ya?ml|toml|lock|orig|rej|swp)$/;

/**
 * Compose file names: `compose.yaml`, `docker-compose.yml`, overrides and variants
 * (`compose.override.yaml`, `docker-compose.prod.yml`, and the common `docker-compose-gpu.yml` /
 * `compose_dev.yml` spellings), and names that end in one (`gpu.compose.yaml`, `dev-docker-compose.yml`).
 */
const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:[._-][^/]*)?|[^/]*[._-](?:docker-)?compose)\.ya?ml$/;

/** What a file is by its name alone: a Dockerfile, a Compose file, a YAML/JSON file that may hold manifests, or neither. */
export function classify(path: string): SourceKind | undefined {
  const lower = basename(path).toLowerCase();
  if (COMPOSE_NAME.test(lower)) return 'compose';
  const prefixed = (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) && !SOURCE_CODE_SUFFIX.test(lower);
  if (lower === 'dockerfile' || lower === 'containerfile' || prefixed || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile'))
    return 'dockerfile';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json')) return 'kubernetes';
  return undefined;
}

/** Cheap test before parsing: a Kubernetes document has top-level `apiVersion` and `kind`. */
export function mayHoldKubernetesObjects(text: string): boolean {
  return /(^|[\s{,])["']?apiVersion["']?\s*:/m.test(text) && /(^|[\s{,])["']?kind["']?\s*:/m.test(text);
}

/** Dockerfile instructions that may open a file (a build always starts with FROM or ARG; fragments start anywhere). */
const INSTRUCTION =
  /^(from|arg|run|cmd|label|maintainer|expose|env|add|copy|entrypoint|volume|user|workdir|onbuild|stopsignal|healthcheck|shell)(\s|$)/i;

/** The first line that is neither blank nor a comment (parser directives `# syntax=` are comments here). */
function firstMeaningfulLine(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return trimmed;
  }
  return undefined;
}

/** A Dockerfile opens with an instruction (`FROM ubuntu`, `ARG BASE`), never with a YAML key, list item or document marker. */
export function looksLikeDockerfile(text: string): boolean {
  const first = firstMeaningfulLine(text);
  return first !== undefined && INSTRUCTION.test(first) && !/^\S+:/.test(first);
}

/** What unnamed stdin holds, by its content: a Dockerfile, a Compose file, else manifests (as before, and as `helm template` gives). */
export function classifyContent(text: string): FileType {
  if (looksLikeDockerfile(text)) return 'dockerfile';
  if (looksLikeCompose(text)) return 'compose';
  return 'kubernetes';
}

/** The config's `files:` mapping (gitignore-style patterns relative to the working directory → type), as a lookup. */
export function typesByPattern(
  files: Readonly<Record<string, FileType>> | undefined,
  cwd: string,
): (fullPath: string) => FileType | undefined {
  const entries = Object.entries(files ?? {}).map(([pattern, type]) => ({ matcher: ignore().add(pattern), type }));
  if (entries.length === 0) return () => undefined;
  return (fullPath) => {
    const rel = relative(cwd, fullPath).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) return undefined;
    // The last matching entry wins, as later lines of an ignore file do.
    let found: FileType | undefined;
    for (const { matcher, type } of entries) if (matcher.ignores(rel)) found = type;
    return found;
  };
}

/** The source kind a file type is linted as. */
export function sourceKindOf(type: FileType): SourceKind {
  return type;
}

/**
 * A YAML file named explicitly (or stdin named by --stdin-filename) whose name does not say: Compose
 * by its content, else Kubernetes; a file named like a Compose file that holds Kubernetes objects
 * instead (kompose output) is Kubernetes.
 */
export function byContent(kind: SourceKind, text: string): SourceKind {
  if (kind === 'kubernetes' && !mayHoldKubernetesObjects(text) && looksLikeCompose(text)) return 'compose';
  if (kind === 'compose' && mayHoldKubernetesObjects(text) && !looksLikeCompose(text)) return 'kubernetes';
  return kind;
}

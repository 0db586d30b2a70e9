import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import { sourceLines } from './types.js';

/** The display name of stdin when no `--stdin-filename` is given. */
export const STDIN_NAME = '<stdin>';

/**
 * The repository path a CI system should attach a finding to: the linted file, except for
 * unnamed stdin, where the `# Source:` template of `helm template` output is the best file there is.
 * Undefined when neither names a file (unnamed stdin without a Helm source).
 */
export function repositoryPath(f: Pick<Finding, 'file' | 'source'>): string | undefined {
  if (f.file !== STDIN_NAME) return f.file;
  return f.source;
}

/**
 * Stable fingerprints for findings: a hash of the rule, file, trimmed line text and message (not the
 * line number, so a finding keeps its fingerprint when lines above it move), and how many identical
 * findings came before it. Each format shapes the pair as its consumer expects.
 */
export class FindingFingerprints {
  private readonly seen = new Map<string, number>();
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly sources: Map<string, string>) {}

  /** The content hash (hex, `length` digits) and the 1-based occurrence of that hash so far. */
  next(f: Finding, length: number): { hash: string; occurrence: number } {
    const lineText = this.lineText(f.file, f.span.line).trim();
    const hash = createHash('sha256').update([f.ruleId, f.file, lineText, f.message].join('\0')).digest('hex').slice(0, length);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return { hash, occurrence };
  }

  /** One opaque 32-digit fingerprint, unique per finding (GitLab code quality). */
  opaque(f: Finding): string {
    const { hash, occurrence } = this.next(f, 32);
    return occurrence === 1 ? hash : createHash('sha256').update(`${hash}:${occurrence}`).digest('hex').slice(0, 32);
  }

  private lineText(file: string, line: number): string {
    let lines = this.lines.get(file);
    if (!lines) {
      lines = sourceLines(this.sources.get(file) ?? '');
      this.lines.set(file, lines);
    }
    return lines[line - 1] ?? '';
  }
}

/** Escapes text for XML 1.0 attributes and content, dropping characters XML cannot hold. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\r/g, '&#13;')
      .replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;')
  );
}

/** For XML element content, where newlines and tabs stay as they are. */
export function xmlText(text: string): string {
  return xmlEscape(text).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t').replace(/&#13;/g, '');
}

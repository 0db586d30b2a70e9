import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { readFileBounded } from '../discover/read.js';
import type { BaselineMarks } from '../format/types.js';
import type { Finding } from '../types.js';
import { WriteError, writeFileAtomic } from '../util/atomic-write.js';
import { ConfigError } from './errors.js';

/**
 * A baseline records the findings a legacy repository has today, so that CI fails on new findings
 * only (ESLint's suppressions file, detekt's baseline). Each finding is recorded by content, not by
 * line: its rule, its file (relative to the baseline file), its object, and the normalized text of
 * the line it points at. A finding keeps matching when lines above it move; editing the offending
 * line makes it new. Entries are counted: two identical findings need an entry with count 2.
 */
export interface BaselineEntry {
  rule: string;
  file: string;
  object?: string;
  snippet: string;
  count: number;
}

export interface BaselineFile {
  /** Format version of the file. */
  k8slintBaseline: 1;
  entries: BaselineEntry[];
}

/** The default file name, for messages and docs. */
export const DEFAULT_BASELINE = '.k8slint-baseline.json';
/** A snippet longer than this keeps its start and a hash of the whole. */
const SNIPPET_MAX = 160;
const BASELINE_MAX_BYTES = 64 * 1024 * 1024;

/** Where findings come from: display paths relative to `cwd`, and the texts of the linted files. */
export interface FindingContext {
  cwd: string;
  sources: ReadonlyMap<string, string>;
}

/** A context with the lines of each file split once, for matching many findings. */
function withLineCache(context: FindingContext): FindingContext & { lines: Map<string, string[]> } {
  return { ...context, lines: new Map() };
}

/** The offending line, trimmed, its runs of spaces and tabs made one space; long lines keep a prefix and a hash. */
export function normalizedSnippet(f: Finding, sources: ReadonlyMap<string, string>, lines = new Map<string, string[]>()): string {
  let fileLines = lines.get(f.file);
  if (fileLines === undefined) {
    const text = sources.get(f.file);
    if (text === undefined) return '';
    fileLines = text.split(/\r\n|\r|\n/);
    lines.set(f.file, fileLines);
  }
  const line = (fileLines[f.span.line - 1] ?? '').replace(/[ \t]+/g, ' ').trim();
  if (line.length <= SNIPPET_MAX) return line;
  const hash = createHash('sha256').update(line).digest('hex').slice(0, 16);
  return `${line.slice(0, SNIPPET_MAX - 20)}… #${hash}`;
}

/** The file of a finding as the baseline records it: relative to the baseline's folder, `/`-separated. */
function baselinePath(file: string, baselineDir: string, cwd: string): string {
  if (file.startsWith('<')) return file;
  const rel = relative(baselineDir, resolve(cwd, file));
  return (isAbsolute(rel) ? rel : rel.split(sep).join('/')) || file;
}

function keyOf(e: Omit<BaselineEntry, 'count'>): string {
  return JSON.stringify([e.rule, e.file, e.object ?? '', e.snippet]);
}

function entryOf(
  f: Finding,
  baselineFile: string,
  context: FindingContext & { lines?: Map<string, string[]> },
): Omit<BaselineEntry, 'count'> {
  return {
    rule: f.ruleId,
    file: baselinePath(f.file, dirname(resolve(context.cwd, baselineFile)), context.cwd),
    ...(f.object !== undefined && { object: f.object }),
    snippet: normalizedSnippet(f, context.sources, context.lines),
  };
}

/** Reads a baseline file; a missing or malformed one is the caller's mistake (exit 2), named with its path. */
export function readBaseline(path: string, cwd: string): BaselineFile {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new ConfigError(`baseline ${path} does not exist; create it with --update-baseline`);
  const read = readFileBounded(absolute, BASELINE_MAX_BYTES);
  if ('message' in read) throw new ConfigError(`cannot read baseline ${path}: ${read.message}`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (error) {
    throw new ConfigError(`${path}: not a k8slint baseline: invalid JSON (${(error as Error).message})`);
  }
  const problem = validate(data);
  if (problem) throw new ConfigError(`${path}: not a k8slint baseline: ${problem}`);
  return data as BaselineFile;
}

function validate(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected an object';
  const file = data as Record<string, unknown>;
  if (file.k8slintBaseline !== 1) return '"k8slintBaseline" must be 1';
  if (!Array.isArray(file.entries)) return '"entries" must be a list';
  for (const [i, entry] of (file.entries as unknown[]).entries()) {
    const e = entry as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null) return `entries[${i}] must be an object`;
    for (const key of ['rule', 'file', 'snippet'] as const) if (typeof e[key] !== 'string') return `entries[${i}].${key} must be a string`;
    if (e.object !== undefined && typeof e.object !== 'string') return `entries[${i}].object must be a string`;
    if (typeof e.count !== 'number' || !Number.isInteger(e.count) || e.count < 1) return `entries[${i}].count must be a positive integer`;
  }
  return undefined;
}

/**
 * Matches findings against a baseline: each entry absorbs up to `count` findings with its key, in
 * report order. Returns the findings the baseline holds and how many entries were left unmatched.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
  baselineFile: string,
  context: FindingContext,
): BaselineMarks {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(keyOf(e), (remaining.get(keyOf(e)) ?? 0) + e.count);
  const unchanged = new Set<Finding>();
  const cached = withLineCache(context);
  for (const f of findings) {
    const key = keyOf(entryOf(f, baselineFile, cached));
    const left = remaining.get(key) ?? 0;
    if (left === 0) continue;
    remaining.set(key, left - 1);
    unchanged.add(f);
  }
  let absent = 0;
  for (const left of remaining.values()) absent += left;
  return { file: baselineFile, unchanged, absent };
}

/**
 * The baseline of these findings. Entries of `previous` for files this run did not lint are kept
 * (a run over part of the repository updates that part only); `lintedFiles` are display paths.
 */
export function buildBaseline(
  findings: readonly Finding[],
  baselineFile: string,
  context: FindingContext,
  lintedFiles: Iterable<string>,
  previous?: BaselineFile,
): BaselineFile {
  const counts = new Map<string, BaselineEntry>();
  const add = (e: Omit<BaselineEntry, 'count'>, n: number) => {
    const key = keyOf(e);
    const entry = counts.get(key);
    if (entry) entry.count += n;
    else counts.set(key, { ...e, count: n });
  };
  const baselineDir = dirname(resolve(context.cwd, baselineFile));
  const linted = new Set([...lintedFiles].map((f) => baselinePath(f, baselineDir, context.cwd)));
  for (const e of previous?.entries ?? []) if (!linted.has(e.file)) add(e, e.count);
  const cached = withLineCache(context);
  for (const f of findings) add(entryOf(f, baselineFile, cached), 1);
  const entries = [...counts.values()].sort((a, b) => compare(keyOf(a), keyOf(b)));
  return { k8slintBaseline: 1, entries };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Writes the baseline atomically (readers see the old file or the new one); a failure is a ConfigError naming the path. */
export function writeBaseline(path: string, cwd: string, baseline: BaselineFile): void {
  const text = `${JSON.stringify(baseline, null, 2)}\n`;
  try {
    writeFileAtomic(resolve(cwd, path), text);
  } catch (error) {
    if (error instanceof WriteError) throw new ConfigError(error.message.replace(/^cannot write /, 'cannot write the baseline '));
    throw error;
  }
}

/**
 * Regular expressions with RE2 semantics (linear time, as in Kubernetes' CEL): re2js, loaded on the
 * first use (library.ts). Syntax that needs backtracking (lookaround, backreferences) is refused with a message.
 */
import type { RE2JS as RE2JSClass } from 're2js';
import { charge } from './budget.js';
import { celLibrary } from './library.js';

type Pattern = ReturnType<typeof RE2JSClass.compile>;

let re2: typeof RE2JSClass | undefined;
const cache = new Map<string, Pattern | string>();
const CACHE_SIZE = 256;

function engine(): typeof RE2JSClass {
  re2 ??= celLibrary().RE2JS;
  return re2;
}

/** The compiled pattern, or a message saying why `pattern` is not an RE2 expression. */
export function compileRegex(pattern: string): Pattern | string {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let result: Pattern | string;
  try {
    result = engine().compile(pattern);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    result = `invalid regular expression '${pattern}': ${reason} (RE2 syntax: no lookaround, no backreferences)`;
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(pattern, result);
  return result;
}

export class RegexError extends Error {}

/**
 * The compiled `source`, once the scan of `text` it is about to do is charged: 1 per character of
 * text and pattern, since RE2's linear matching still costs about a microsecond per character here.
 */
function pattern(source: string, text: string): Pattern {
  charge(text.length + source.length);
  const compiled = compileRegex(source);
  if (typeof compiled === 'string') throw new RegexError(compiled);
  return compiled;
}

/** CEL `matches`: whether `regex` matches anywhere in `text` (unanchored, like RE2's PartialMatch). */
export function regexMatches(text: string, regex: string): boolean {
  return pattern(regex, text).matcher(text).find();
}

/** Kubernetes' `find`: the first match, or '' when there is none. */
export function regexFind(text: string, regex: string): string {
  const matcher = pattern(regex, text).matcher(text);
  return matcher.find() ? (matcher.group() ?? '') : '';
}

/** Kubernetes' `findAll`: every non-overlapping match, at most `limit` of them when `limit` ≥ 0. */
export function regexFindAll(text: string, regex: string, limit = -1): string[] {
  const matcher = pattern(regex, text).matcher(text);
  const found: string[] = [];
  while ((limit < 0 || found.length < limit) && matcher.find()) found.push(matcher.group() ?? '');
  return found;
}

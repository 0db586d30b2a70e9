/**
 * Compose variable interpolation (https://docs.docker.com/reference/compose-file/interpolation/):
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+alternative}`, `${VAR+alternative}`, and `$$` for a literal `$`. Defaults and
 * alternatives may hold further interpolation (`${A:-${B}}`).
 */

export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/** One `$VAR` or `${…}` in a string. */
export interface Variable {
  name: string;
  /** Offsets in the string: `text.slice(start, end)` is the whole `${…}` or `$VAR`. */
  start: number;
  end: number;
  braced: boolean;
  operator?: InterpolationOperator;
  /** The text after the operator (a default, an error message or an alternative), unparsed. */
  argument?: string;
}

export interface Interpolated {
  /** The string as written. */
  raw: string;
  /** Variables in order of appearance (nested ones inside arguments are not listed here). */
  variables: Variable[];
  /** No variable: the value is literal (after `$$` → `$`). */
  literal: boolean;
  /** The value Compose uses when no variable is set: defaults of `:-`/`-` substituted (recursively), `$$` unescaped; undefined when a variable has no default (`${VAR}`, `${VAR:?err}`, `${VAR:+alt}`) or the text does not parse. */
  withDefaults?: string;
  /** The text is malformed (`${` without `}`, `${}`, `${1A}`): Compose rejects it. */
  error?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS: InterpolationOperator[] = [':-', ':?', ':+', '-', '?', '+'];

/** Cheap test: the string may hold a variable (or a `$$`). */
export function hasDollar(text: string): boolean {
  return text.includes('$');
}

export function interpolate(raw: string): Interpolated {
  if (!raw.includes('$')) return { raw, variables: [], literal: true, withDefaults: raw };
  const parsed = parse(raw, 0, false);
  if ('error' in parsed) return { raw, variables: [], literal: false, error: parsed.error };
  return {
    raw,
    variables: parsed.variables,
    literal: parsed.variables.length === 0,
    ...(parsed.value !== undefined && { withDefaults: parsed.value }),
  };
}

/** True when the string holds at least one variable (not just `$$`). */
export function containsVariable(raw: string): boolean {
  if (!raw.includes('$')) return false;
  const result = interpolate(raw);
  return result.variables.length > 0 || result.error !== undefined;
}

interface Parsed {
  variables: Variable[];
  /** Resolved text with defaults; undefined when some variable has none. */
  value: string | undefined;
  /** Offset just after the parsed text (at the closing `}` when `nested`). */
  end: number;
}

/** Parses from `from`; with `nested`, stops at the `}` that closes the enclosing `${`. */
function parse(text: string, from: number, nested: boolean): Parsed | { error: string } {
  const variables: Variable[] = [];
  let value: string | undefined = '';
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (nested && c === '}') return { variables, value, end: i };
    if (c !== '$') {
      if (value !== undefined) value += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      if (value !== undefined) value += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const nameMatch = NAME.exec(text.slice(i + 2));
      if (!nameMatch) return { error: `invalid interpolation format for "${text}": \${ must be followed by a variable name` };
      const name = nameMatch[0];
      let j = i + 2 + name.length;
      if (text[j] === '}') {
        variables.push({ name, start: i, end: j + 1, braced: true });
        value = undefined;
        i = j + 1;
        continue;
      }
      const operator = OPERATORS.find((op) => text.startsWith(op, j));
      if (!operator)
        return { error: `invalid interpolation format for "${text}": unexpected "${text[j] ?? 'end of text'}" after \${${name}` };
      j += operator.length;
      const inner = parse(text, j, true);
      if ('error' in inner) return inner;
      if (text[inner.end] !== '}') return { error: `invalid interpolation format for "${text}": missing "}"` };
      const argument = text.slice(j, inner.end);
      variables.push({ name, start: i, end: inner.end + 1, braced: true, operator, argument });
      if (value !== undefined)
        value = operator === ':-' || operator === '-' ? (inner.value === undefined ? undefined : value + inner.value) : undefined;
      i = inner.end + 1;
      continue;
    }
    const nameMatch = NAME.exec(text.slice(i + 1));
    if (nameMatch) {
      variables.push({ name: nameMatch[0], start: i, end: i + 1 + nameMatch[0].length, braced: false });
      value = undefined;
      i += 1 + nameMatch[0].length;
      continue;
    }
    // A lone `$` (before a space, a digit or the end) stays as written.
    if (value !== undefined) value += '$';
    i++;
  }
  if (nested) return { error: `invalid interpolation format for "${text}": missing "}"` };
  return { variables, value, end: i };
}

/**
 * `string.format(list)` of Kubernetes' CEL strings library: `%s`, `%d`, `%f`/`%e` (with an optional
 * precision, `%.2f`), `%b`, `%o`, `%x`/`%X` and `%%`. Widths and flags are not supported.
 */
import { charge, stringCost } from './budget.js';
import { CelRuntimeError } from './intercept.js';

const VERB = /%(?:\.(\d+))?([sdfebxXo%])?/g;

export function formatString(template: string, args: readonly unknown[]): string {
  let next = 0;
  let error: string | undefined;
  const out = template.replace(VERB, (whole, precision: string | undefined, verb: string | undefined) => {
    if (verb === '%' && precision === undefined) return '%';
    if (verb === undefined || verb === '%') {
      error ??= `format: unsupported or incomplete verb '${whole}' (supported: %s %d %f %e %b %o %x %X %%)`;
      return '';
    }
    if (next >= args.length) {
      error ??= `format: '${whole}' has no argument (${args.length} given)`;
      return '';
    }
    const formatted = formatOne(verb, precision === undefined ? undefined : Number(precision), args[next++]);
    if (formatted === undefined) error ??= `format: '${whole}' cannot format argument ${next} (${describe(args[next - 1])})`;
    return formatted ?? '';
  });
  if (error) throw new CelRuntimeError(error);
  if (next < args.length) throw new CelRuntimeError(`format: ${args.length} arguments given, ${next} used`);
  charge(stringCost(out.length));
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'map';
  return value === null ? 'null' : typeof value;
}

function formatOne(verb: string, precision: number | undefined, value: unknown): string | undefined {
  switch (verb) {
    case 's':
      return celText(value);
    case 'd':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isInteger(value)) return value.toFixed(0);
      return typeof value === 'number' && !Number.isFinite(value) ? String(value) : undefined;
    case 'f':
    case 'e': {
      const number = typeof value === 'bigint' ? Number(value) : value;
      if (typeof number !== 'number') return undefined;
      if (!Number.isFinite(number)) return Number.isNaN(number) ? 'NaN' : number > 0 ? 'Infinity' : '-Infinity';
      const digits = Math.min(precision ?? 6, 100);
      return verb === 'f' ? number.toFixed(digits) : exponential(number, digits);
    }
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const radix = verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
      let text: string | undefined;
      if (typeof value === 'bigint') text = value.toString(radix);
      else if (typeof value === 'boolean' && verb === 'b') text = value ? '1' : '0';
      else if (typeof value === 'string' && radix === 16) text = Buffer.from(value, 'utf8').toString('hex');
      return text !== undefined && verb === 'X' ? text.toUpperCase() : text;
    }
    default:
      return undefined;
  }
}

/** Go's `%e`: at least two exponent digits (`1.000000e+03`). */
function exponential(value: number, digits: number): string {
  return value.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
}

function mapText(entries: Array<[unknown, unknown]>): string {
  return `{${entries.map(([key, item]) => `${celText(key)}: ${celText(item)}`).join(', ')}}`;
}

/** A value as CEL's `string()` and `%s` print it. */
function celText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(celText).join(', ')}]`;
  if (value instanceof Map) return mapText([...(value as Map<unknown, unknown>)]);
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null))
    return mapText(Object.entries(value));
  return (value as { toString(): string }).toString();
}

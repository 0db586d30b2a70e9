/**
 * JSON-like JavaScript values (as parsed from YAML) to CEL values and back.
 *
 * In: an integral number is a CEL `int` (bigint), any other number a `double`, so `replicas > 1` and
 * `replicas + 1` work as in Kubernetes; a number that is integral but beyond 2^53 stays a double.
 * Strings, booleans and null keep their type; arrays are lists; objects and Maps are maps; a Date
 * (a YAML timestamp) is its ISO string; a Uint8Array is bytes.
 * Out: int and uint are numbers (bigints beyond the safe integer range), lists are arrays, maps are
 * objects, an optional is its value or undefined, a quantity, URL, IP or CIDR is its text, a type
 * is its name.
 */
import { CelCidr, CelIp } from './network.js';
import { CelUrl } from './url.js';
import { Quantity } from './quantity.js';

export interface OptionalLike {
  hasValue(): boolean;
  value(): unknown;
}

/** Converted objects and arrays, so that a manifest checked by many expressions is converted once. */
const converted = new WeakMap<object, unknown>();

export function toCel(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return toCelUncached(value, depth);
  const cached = converted.get(value);
  if (cached !== undefined) return cached;
  const result = toCelUncached(value, depth);
  converted.set(value, result);
  return result;
}

function toCelUncached(value: unknown, depth: number): unknown {
  if (depth > 200) throw new RangeError('value nested more than 200 levels deep');
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item) => toCel(item, depth + 1));
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
      if (value instanceof Uint8Array) return value;
      const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
      const map = new Map<unknown, unknown>();
      for (const [key, item] of entries) map.set(toCel(key, depth + 1), toCel(item, depth + 1));
      return map;
    }
    default:
      return String(value);
  }
}

/** `isOptional` tells the library's optional values (the class comes from the lazily loaded library). */
export function fromCel(value: unknown, isOptional: (value: object) => value is OptionalLike, depth = 0): unknown {
  if (depth > 200) throw new RangeError('value nested more than 200 levels deep');
  if (typeof value === 'bigint') return toNumberIfSafe(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => fromCel(item, isOptional, depth + 1));
  if (value instanceof Map) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value as Map<unknown, unknown>) {
      Object.defineProperty(object, String(fromCel(key, isOptional, depth + 1)), {
        value: fromCel(item, isOptional, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  if (value instanceof Quantity || value instanceof CelUrl || value instanceof CelIp || value instanceof CelCidr) return value.toString();
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (isOptional(value)) return value.hasValue() ? fromCel(value.value(), isOptional, depth + 1) : undefined;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(object, key, {
        value: fromCel(item, isOptional, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  // The library's own classes (their names do not survive minification): uint, type, duration.
  const primitive: unknown = (value as { valueOf(): unknown }).valueOf();
  if (typeof primitive === 'bigint') return toNumberIfSafe(primitive);
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : (value as { toString(): string }).toString();
}

function toNumberIfSafe(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

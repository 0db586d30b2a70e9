/**
 * Kubernetes' CEL extension libraries that k8slint supports: quantities, URLs, regex `find`/`findAll`
 * (`matches` is in intercept.ts), lists and the string functions the library lacks. See docs/cel.md.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { charge, stringCost } from './budget.js';
import { celCompare, celEquals } from './compare.js';
import { CelRuntimeError } from './intercept.js';
import { formatString } from './format.js';
import { CelCidr, CelIp } from './network.js';
import { Quantity } from './quantity.js';
import { regexFind, regexFindAll, regexMatches } from './regex.js';
import { CelUrl } from './url.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function orThrow<T>(value: T | string): T {
  if (typeof value === 'string') throw new CelRuntimeError(value);
  return value;
}

function quantity(text: string): Quantity {
  return orThrow(Quantity.parse(text));
}

function url(text: string): CelUrl {
  return orThrow(CelUrl.parse(text));
}

function checkedInt(value: bigint, what: string): bigint {
  if (value < INT64_MIN || value > INT64_MAX) throw new CelRuntimeError(`${what}: int64 overflow`);
  return value;
}

export function registerQuantities(env: Environment): void {
  env.registerType('Quantity', Quantity as unknown as new (...args: unknown[]) => unknown);
  env.registerFunction('quantity(string): Quantity', quantity);
  env.registerFunction('isQuantity(string): bool', (text: string) => typeof Quantity.parse(text) !== 'string');
  env.registerFunction('Quantity.sign(): int', (q: Quantity) => q.sign());
  env.registerFunction('Quantity.isInteger(): bool', (q: Quantity) => q.isInteger());
  env.registerFunction('Quantity.asInteger(): int', (q: Quantity) => orThrow(q.asInteger()));
  env.registerFunction('Quantity.asApproximateFloat(): double', (q: Quantity) => q.asApproximateFloat());
  env.registerFunction('Quantity.compareTo(Quantity): int', (q: Quantity, other: Quantity) => q.compareTo(other));
  env.registerFunction('Quantity.isGreaterThan(Quantity): bool', (q: Quantity, other: Quantity) => q.compareTo(other) > 0n);
  env.registerFunction('Quantity.isLessThan(Quantity): bool', (q: Quantity, other: Quantity) => q.compareTo(other) < 0n);
  env.registerFunction('Quantity.add(Quantity): Quantity', (q: Quantity, other: Quantity) => orThrow(q.add(other)));
  env.registerFunction('Quantity.add(int): Quantity', (q: Quantity, other: bigint) => orThrow(q.add(Quantity.fromInteger(other))));
  env.registerFunction('Quantity.sub(Quantity): Quantity', (q: Quantity, other: Quantity) => orThrow(q.sub(other)));
  env.registerFunction('Quantity.sub(int): Quantity', (q: Quantity, other: bigint) => orThrow(q.sub(Quantity.fromInteger(other))));
  env.registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.compareTo(b) === 0n);
}

export function registerUrls(env: Environment): void {
  env.registerType('URL', CelUrl as unknown as new (...args: unknown[]) => unknown);
  env.registerFunction('url(string): URL', url);
  env.registerFunction('isURL(string): bool', (text: string) => typeof CelUrl.parse(text) !== 'string');
  env.registerFunction('URL.getScheme(): string', (u: CelUrl) => u.scheme);
  env.registerFunction('URL.getHost(): string', (u: CelUrl) => u.host);
  env.registerFunction('URL.getHostname(): string', (u: CelUrl) => u.hostname());
  env.registerFunction('URL.getPort(): string', (u: CelUrl) => u.port());
  env.registerFunction('URL.getEscapedPath(): string', (u: CelUrl) => u.escapedPath());
  env.registerFunction('URL.getQuery(): map<string, list<string>>', (u: CelUrl) => u.query());
}

export function registerRegex(env: Environment): void {
  // The method form `s.matches(re)` is the library's, run by intercept.ts with RE2; this is the global form.
  env.registerFunction('matches(string, string): bool', (text: string, regex: string) => regexMatches(text, regex));
  env.registerFunction('string.find(string): string', (text: string, regex: string) => regexFind(text, regex));
  env.registerFunction('string.findAll(string): list<string>', (text: string, regex: string) => regexFindAll(text, regex));
  env.registerFunction('string.findAll(string, int): list<string>', (text: string, regex: string, limit: bigint) =>
    regexFindAll(text, regex, Number(limit)),
  );
}

function ordered(list: unknown[], what: string): void {
  for (let i = 1; i < list.length; i++) {
    if (celCompare(list[i - 1], list[i]) === undefined) throw new CelRuntimeError(`${what}: list elements are not comparable`);
  }
}

function extreme(list: unknown[], what: string, sign: 1 | -1): unknown {
  if (list.length === 0) throw new CelRuntimeError(`${what} called on an empty list`);
  charge(list.length);
  let best = list[0];
  for (const item of list.slice(1)) {
    const order = celCompare(item, best);
    if (order === undefined || Number.isNaN(order)) throw new CelRuntimeError(`${what}: list elements are not comparable`);
    if (order * sign > 0) best = item;
  }
  return best;
}

function sum(list: unknown[]): unknown {
  charge(list.length);
  if (list.every((item) => typeof item === 'bigint'))
    return checkedInt(
      list.reduce<bigint>((total, item) => total + item, 0n),
      'sum',
    );
  if (list.every((item) => typeof item === 'number')) return list.reduce<number>((total, item) => total + item, 0);
  if (list.every((item) => item instanceof Quantity))
    return list.reduce<Quantity>((total, item) => orThrow(total.add(item)), Quantity.fromInteger(0n));
  throw new CelRuntimeError('sum: list elements must all be int, all double or all quantities');
}

export function registerLists(env: Environment): void {
  env.registerFunction('list.isSorted(): bool', (list: unknown[]) => {
    charge(list.length);
    ordered(list, 'isSorted');
    return list.every((item, i) => i === 0 || (celCompare(list[i - 1], item) ?? 1) <= 0);
  });
  env.registerFunction('list.sum(): dyn', sum);
  env.registerFunction('list.min(): dyn', (list: unknown[]) => extreme(list, 'min', -1));
  env.registerFunction('list.max(): dyn', (list: unknown[]) => extreme(list, 'max', 1));
  env.registerFunction('list.indexOf(dyn): int', (list: unknown[], value: unknown) => {
    charge(list.length);
    return BigInt(list.findIndex((item) => celEquals(item, value)));
  });
  env.registerFunction('list.lastIndexOf(dyn): int', (list: unknown[], value: unknown) => {
    charge(list.length);
    for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], value)) return BigInt(i);
    return -1n;
  });
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

export function registerStrings(env: Environment): void {
  env.registerFunction('string.charAt(int): string', (text: string, index: bigint) => {
    const chars = codePoints(text);
    if (index < 0n || index > BigInt(chars.length))
      throw new CelRuntimeError(`charAt: index ${index} out of range for a string of length ${chars.length}`);
    return chars[Number(index)] ?? '';
  });
  const replace = (text: string, from: string, to: string, limit: bigint): string => {
    const max = limit < 0n ? Infinity : Number(limit);
    let count = 0;
    if (from === '') count = Math.min(max, codePoints(text).length + 1);
    else for (let at = text.indexOf(from); at !== -1 && count < max; at = text.indexOf(from, at + from.length)) count++;
    charge(stringCost(text.length + count * Math.max(0, to.length - from.length)));
    if (count === 0) return text;
    if (from === '') {
      const chars = codePoints(text);
      return chars.map((char, i) => (i < count ? to + char : char)).join('') + (count > chars.length ? to : '');
    }
    let out = '';
    let rest = text;
    for (let i = 0; i < count; i++) {
      const at = rest.indexOf(from);
      out += rest.slice(0, at) + to;
      rest = rest.slice(at + from.length);
    }
    return out + rest;
  };
  env.registerFunction('string.replace(string, string): string', (text: string, from: string, to: string) => replace(text, from, to, -1n));
  env.registerFunction('string.replace(string, string, int): string', replace);
  env.registerFunction('string.reverse(): string', (text: string) => codePoints(text).reverse().join(''));
  env.registerFunction('string.format(list): string', (template: string, args: unknown[]) => formatString(template, args));
}

function ip(text: string): CelIp {
  return orThrow(CelIp.parse(text));
}

function cidr(text: string): CelCidr {
  return orThrow(CelCidr.parse(text));
}

export function registerNetworks(env: Environment): void {
  env.registerType('IP', CelIp as unknown as new (...args: unknown[]) => unknown);
  env.registerType('CIDR', CelCidr as unknown as new (...args: unknown[]) => unknown);
  env.registerFunction('ip(string): IP', ip);
  env.registerFunction('isIP(string): bool', (text: string) => typeof CelIp.parse(text) !== 'string');
  env.registerFunction('string(IP): string', (address: CelIp) => address.toString());
  env.registerFunction('IP.family(): int', (address: CelIp) => BigInt(address.family));
  env.registerFunction('IP.isUnspecified(): bool', (address: CelIp) => address.isUnspecified());
  env.registerFunction('IP.isLoopback(): bool', (address: CelIp) => address.isLoopback());
  env.registerFunction('IP.isLinkLocalMulticast(): bool', (address: CelIp) => address.isLinkLocalMulticast());
  env.registerFunction('IP.isLinkLocalUnicast(): bool', (address: CelIp) => address.isLinkLocalUnicast());
  env.registerFunction('IP.isGlobalUnicast(): bool', (address: CelIp) => address.isGlobalUnicast());
  env.registerOperator('IP == IP', (a: CelIp, b: CelIp) => a.equals(b));
  env.registerFunction('cidr(string): CIDR', cidr);
  env.registerFunction('isCIDR(string): bool', (text: string) => typeof CelCidr.parse(text) !== 'string');
  env.registerFunction('string(CIDR): string', (range: CelCidr) => range.toString());
  env.registerFunction('CIDR.containsIP(IP): bool', (range: CelCidr, address: CelIp) => range.containsIp(address));
  env.registerFunction('CIDR.containsIP(string): bool', (range: CelCidr, address: string) => range.containsIp(ip(address)));
  env.registerFunction('CIDR.containsCIDR(CIDR): bool', (range: CelCidr, other: CelCidr) => range.containsCidr(other));
  env.registerFunction('CIDR.containsCIDR(string): bool', (range: CelCidr, other: string) => range.containsCidr(cidr(other)));
  env.registerFunction('CIDR.ip(): IP', (range: CelCidr) => range.address);
  env.registerFunction('CIDR.masked(): CIDR', (range: CelCidr) => range.masked());
  env.registerFunction('CIDR.prefixLength(): int', (range: CelCidr) => BigInt(range.prefixLength));
  env.registerOperator('CIDR == CIDR', (a: CelCidr, b: CelCidr) => a.equals(b));
}

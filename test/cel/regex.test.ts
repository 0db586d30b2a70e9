import { describe, expect, it } from 'vitest';
import { failure, value } from './run.js';

describe('regular expressions (RE2)', () => {
  it('matches anywhere unless anchored', () => {
    expect(value("'registry.example.com/app'.matches('example')")).toBe(true);
    expect(value("'registry.example.com/app'.matches('^example')")).toBe(false);
    expect(value("matches('abc', 'b')")).toBe(true);
    expect(value("object.image.matches('^[a-z.]+/[a-z]+:[0-9.]+$')", { object: { image: 'registry.io/app:1.2' } })).toBe(true);
  });

  it('finds the first match and all matches', () => {
    expect(value("'abc 123'.find('[0-9]+')")).toBe('123');
    expect(value("'abc'.find('[0-9]+')")).toBe('');
    expect(value("'a1b22c333'.findAll('[0-9]+')")).toEqual(['1', '22', '333']);
    expect(value("'a1b22c333'.findAll('[0-9]+', 2)")).toEqual(['1', '22']);
    expect(value("'abc'.findAll('x')")).toEqual([]);
  });

  it('refuses backtracking-only syntax in a pattern that is not a literal, with a clear message', () => {
    expect(failure('object.s.matches(object.re)', { object: { s: 'ab', re: 'a(?=b)' } })).toMatch(
      /invalid regular expression 'a\(\?=b\)'.*RE2 syntax: no lookaround, no backreferences/,
    );
    expect(failure('object.s.find(object.re)', { object: { s: 'aa', re: '(a)\\1' } })).toMatch(/invalid escape sequence/);
  });

  it('runs a pattern that makes backtracking engines explode in linear time', () => {
    expect(value("object.s.matches('^(a+)+$')", { object: { s: `${'a'.repeat(5000)}!` } })).toBe(false);
    expect(value("object.s.matches('(x+x+)+y')", { object: { s: 'x'.repeat(20_000) } })).toBe(false);
  });

  it('reports a type mismatch of a dynamic receiver', () => {
    expect(failure('object.n.matches("1")', { object: { n: 1 } })).toMatch(/no such overload: matches\(int, string\)/);
  });
});

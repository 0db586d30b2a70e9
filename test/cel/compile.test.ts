import { describe, expect, it } from 'vitest';
import { compileCel, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from '../../src/util/cel/index.js';
import { compileError, value } from './run.js';

describe('compileCel', () => {
  it('compiles an expression over the named variables and keeps its source', () => {
    const compiled = compileCel('object.spec.replicas > 1', ['object']);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(compiled.program.source).toBe('object.spec.replicas > 1');
  });

  it('gives the 0-based offset of a syntax error', () => {
    expect(compileError('object.spec +')).toMatchObject({ offset: 13 });
    expect(compileError('object.spec.replicas >> 1').offset).toBeGreaterThanOrEqual(21);
    expect(compileError('object.spec.replicas >> 1').offset).toBeLessThanOrEqual(23);
    expect(compileError('(object')).toMatchObject({ offset: 7 });
  });

  it('refuses a variable it was not told about, at its offset', () => {
    expect(compileError('object.a == oldObject.a')).toEqual({ message: expect.stringContaining('oldObject') as string, offset: 12 });
    expect(compileCel('object.a == oldObject.a', ['object', 'oldObject']).ok).toBe(true);
  });

  it('refuses unknown functions and operand types it can rule out', () => {
    expect(compileError('object.nope()').message).toMatch(/no matching overload/);
    expect(compileError('1 + "a"').message).toMatch(/no such overload: int \+ string/);
  });

  it('cannot be escaped by closing the wrapper it runs in, and a trailing comment is harmless', () => {
    expect(compileError('true) || (false').offset).toBe(4);
    expect(value('1 + 1 // two')).toBe(2);
  });

  it('checks literal regular expressions when compiling, at the pattern', () => {
    expect(compileError("object.name.matches('a(?=b)')")).toEqual({
      message: expect.stringMatching(/invalid regular expression 'a\(\?=b\)'.*RE2/) as string,
      offset: 20,
    });
    expect(compileError("object.name.find('(a)\\\\1')").offset).toBe(17);
    expect(compileError("matches(object.name, '[')").offset).toBe(21);
  });

  it('refuses an expression beyond the length limit', () => {
    const long = `${'1 + '.repeat(MAX_EXPRESSION_LENGTH / 4)}1`;
    expect(compileError(long).message).toMatch(/characters long; the limit is 10000/);
  });

  it('refuses nesting beyond the depth limit instead of overflowing the stack', () => {
    const deep = `${'('.repeat(MAX_EXPRESSION_DEPTH + 5)}1${')'.repeat(MAX_EXPRESSION_DEPTH + 5)}`;
    expect(compileError(deep).message).toMatch(/depth|nest/i);
    const lists = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(compileError(lists).message).toMatch(/depth|nest/i);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', ' ', '"unterminated', "'\\u12'", '1..2', '{', '}', '.', 'a.b.c(', '\u0000', 'x'.repeat(20_000)]) {
      expect(() => compileCel(text, ['object'])).not.toThrow();
      expect(compileCel(text, ['object']).ok).toBe(false);
    }
  });
});

describe('variable names', () => {
  it('refuses names that are not CEL identifiers, reserved words or the names of built-in types', () => {
    expect(compileError('1 == 1', ['foo-bar']).message).toBe("'foo-bar' cannot be a CEL variable name");
    expect(compileError('1 == 1', ['true']).message).toBe("'true' cannot be a CEL variable name");
    expect(compileError('1 == 1', ['']).message).toBe("'' cannot be a CEL variable name");
    expect(compileError('1 == 1', ['int']).message).toMatch(/cannot declare the variables int: .*already registered/);
  });

  it('takes the names Kubernetes gives admission policies', () => {
    const names = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer'];
    expect(compileCel('object.a == oldObject.a && variables.x && params.y == request.z', names).ok).toBe(true);
  });
});

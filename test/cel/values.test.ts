import { describe, expect, it } from 'vitest';
import { failure, run, value } from './run.js';

const deployment = {
  object: {
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      ratio: 0.5,
      paused: false,
      selector: null,
      containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }],
    },
  },
};

describe('values in', () => {
  it('reads a YAML integer as a CEL int and a YAML float as a double', () => {
    expect(value('object.spec.replicas > 1', deployment)).toBe(true);
    expect(value('object.spec.replicas + 1', deployment)).toBe(4);
    expect(value('type(object.spec.replicas) == int', deployment)).toBe(true);
    expect(value('type(object.spec.ratio) == double', deployment)).toBe(true);
    expect(value('object.spec.ratio * 2.0', deployment)).toBe(1);
    expect(value('object.spec.replicas / 2', deployment)).toBe(1);
  });

  it('keeps CEL typing: an int and a double do not mix in arithmetic, but compare', () => {
    expect(failure('object.spec.ratio * 2', deployment)).toMatch(/no such overload/);
    expect(value('object.spec.replicas > 2.5', deployment)).toBe(true);
    expect(value('object.spec.replicas == 3.0', deployment)).toBe(true);
  });

  it('reads strings, booleans, null, lists and maps', () => {
    expect(value('object.metadata.labels.app == "web" && !object.spec.paused && object.spec.selector == null', deployment)).toBe(true);
    expect(value('object.spec.containers[0].ports[0].containerPort', deployment)).toBe(80);
    expect(value('"app" in object.metadata.labels', deployment)).toBe(true);
    expect(value('object.metadata.labels.size()', deployment)).toBe(1);
  });

  it('treats a key named like an Object.prototype member as an ordinary missing key', () => {
    expect(value('has(object.constructor)', deployment)).toBe(false);
    expect(value('has(object.toString)', deployment)).toBe(false);
    expect(value("object['__proto__']", { object: JSON.parse('{"__proto__": 1}') as unknown })).toBe(1);
  });

  it('maps a number too large for an exact integer to a double, and a Date to its ISO text', () => {
    expect(value('type(object.n) == double', { object: { n: 2 ** 60 } })).toBe(true);
    expect(value('object.t', { object: { t: new Date('2024-01-02T03:04:05Z') } })).toBe('2024-01-02T03:04:05.000Z');
  });
});

describe('values out', () => {
  it('returns ints as numbers, and as bigints only beyond the safe range', () => {
    expect(value('1 + 2')).toBe(3);
    expect(value('9223372036854775807')).toBe(9223372036854775807n);
    expect(value('3u')).toBe(3);
  });

  it('returns lists as arrays and maps as plain objects, deeply', () => {
    expect(value('{"a": [1, 2.5, "x"], "b": {"c": true}}')).toEqual({ a: [1, 2.5, 'x'], b: { c: true } });
    expect(value('object.metadata', deployment)).toEqual({ name: 'web', labels: { app: 'web' } });
  });

  it('returns an optional as its value, or undefined when it has none', () => {
    expect(value('object.?spec.?replicas', deployment)).toBe(3);
    expect(run('object.?spec.?missing', deployment)).toEqual({ ok: true, value: undefined });
    expect(value('optional.of("x")')).toBe('x');
  });

  it('returns a type as its name', () => {
    expect(value('type("x")')).toBe('string');
  });
});

describe('missing fields and runtime errors', () => {
  it('is an error to read a missing field unless guarded by has() or an optional', () => {
    expect(run('object.spec.missing', deployment)).toMatchObject({
      ok: false,
      budgetExceeded: false,
      message: 'No such key: missing',
      offset: 12,
    });
    expect(value('has(object.spec.missing)', deployment)).toBe(false);
    expect(value('has(object.spec.replicas)', deployment)).toBe(true);
    expect(value('object.?spec.?missing.orValue(7)', deployment)).toBe(7);
    expect(value('!has(object.spec.missing) || object.spec.missing > 1', deployment)).toBe(true);
  });

  it('reports division by zero, a bad index and a type mismatch as messages', () => {
    expect(failure('1 / 0')).toMatch(/division by zero/);
    expect(failure('object.spec.containers[3]', deployment)).toMatch(/index out of bounds/);
    expect(failure('object.metadata.name + 1', deployment)).toMatch(/no such overload/);
    expect(failure('object.spec.containers.all(c, c.name)', deployment)).toMatch(/bool/);
  });

  it('reports a variable left out of the activation', () => {
    expect(failure('object.a')).toMatch(/object/);
  });
});

describe('other CEL types', () => {
  it('reads bytes and returns timestamps, durations and bytes', () => {
    expect(value('type(object.b) == bytes && object.b.size() == 2', { object: { b: new Uint8Array([1, 2]) } })).toBe(true);
    expect(value("timestamp('2024-01-01T00:00:00Z')")).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(value("duration('1h')")).toBe('3600s');
    expect(value("b'ab'")).toEqual(new Uint8Array([97, 98]));
    expect(value("duration('1h') > duration('30m') && timestamp('2024-01-01T00:00:00Z') < timestamp('2024-06-01T00:00:00Z')")).toBe(true);
  });

  it('makes && and || commutative with respect to errors, as CEL does', () => {
    expect(value('object.missing || true', { object: {} })).toBe(true);
    expect(value('object.missing && false', { object: {} })).toBe(false);
    expect(run('object.missing || false', { object: {} })).toMatchObject({ ok: false, message: 'No such key: missing' });
  });
});

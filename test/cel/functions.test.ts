import { describe, expect, it } from 'vitest';
import { failure, value } from './run.js';

const object = {
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.25', ports: [80, 443] },
      { name: 'sidecar', image: 'envoy:1.30' },
    ],
  },
};

describe('macros', () => {
  it('supports all, exists, exists_one, map (2 and 3 arguments) and filter', () => {
    expect(value("object.spec.containers.all(c, c.image.contains(':'))", { object })).toBe(true);
    expect(value("object.spec.containers.exists(c, c.name == 'sidecar')", { object })).toBe(true);
    expect(value('object.spec.containers.exists_one(c, has(c.ports))', { object })).toBe(true);
    expect(value('object.spec.containers.map(c, c.name)', { object })).toEqual(['app', 'sidecar']);
    expect(value('object.spec.containers.map(c, has(c.ports), c.name)', { object })).toEqual(['app']);
    expect(value("object.spec.containers.filter(c, c.name.startsWith('s')).size()", { object })).toBe(1);
    expect(value("object.metadata.labels.all(k, object.metadata.labels[k] != '')", { object })).toBe(true);
  });

  it('supports has() and optional field access', () => {
    expect(value('object.spec.containers.all(c, !has(c.securityContext))', { object })).toBe(true);
    expect(value('object.spec.containers[1].?ports.orValue([]).size()', { object })).toBe(0);
    expect(value("object.metadata.labels[?'missing'].orValue('none')", { object })).toBe('none');
    expect(value('optional.none().hasValue()')).toBe(false);
    expect(value('optional.of(1).value()')).toBe(1);
  });
});

describe('list functions', () => {
  it('isSorted, sum, min, max', () => {
    expect(value('[1, 2, 2, 3].isSorted() && !([3, 1].isSorted())')).toBe(true);
    expect(value("['a', 'b'].isSorted()")).toBe(true);
    expect(value('[1, 2, 3].sum()')).toBe(6);
    expect(value('[1.5, 2.5].sum()')).toBe(4);
    expect(value('[].sum()')).toBe(0);
    expect(value('[3, 1, 2].min()')).toBe(1);
    expect(value('[3, 1, 2].max()')).toBe(3);
    expect(value("['b', 'c', 'a'].max()")).toBe('c');
    expect(value('object.spec.containers[0].ports.max()', { object })).toBe(443);
  });

  it('indexOf and lastIndexOf with CEL equality', () => {
    expect(value('[1, 2, 1].indexOf(1)')).toBe(0);
    expect(value('[1, 2, 1].lastIndexOf(1)')).toBe(2);
    expect(value('[1, 2].indexOf(5)')).toBe(-1);
    expect(value('[[1], [2]].indexOf([2])')).toBe(1);
    expect(value("[{'a': 1}].indexOf({'a': 1})")).toBe(0);
  });

  it('reports lists they cannot work on', () => {
    expect(failure('[].min()')).toMatch(/empty list/);
    expect(failure("[1, 'a'].isSorted()")).toMatch(/not comparable/);
    expect(failure("[1, 'a'].sum()")).toMatch(/must all be int, all double or all quantities/);
    expect(failure('[9223372036854775807, 1].sum()')).toMatch(/overflow/);
  });
});

describe('string functions', () => {
  it('the library ones', () => {
    expect(value("'Hello'.lowerAscii() + 'x'.upperAscii()")).toBe('helloX');
    expect(value("'a,b,c'.split(',')")).toEqual(['a', 'b', 'c']);
    expect(value("'a,b,c'.split(',', 2)")).toEqual(['a', 'b,c']);
    expect(value("['a', 'b'].join('-') + ['c'].join()")).toBe('a-bc');
    expect(value("'  x  '.trim()")).toBe('x');
    expect(value("'hello'.substring(1, 3) + 'hello'.substring(3)")).toBe('ello');
    expect(value("'hello'.indexOf('l') * 10 + 'hello'.lastIndexOf('l')")).toBe(23);
  });

  it('charAt, replace and reverse', () => {
    expect(value("'hello'.charAt(1)")).toBe('e');
    expect(value("'hello'.charAt(5)")).toBe('');
    expect(failure("'hello'.charAt(6)")).toMatch(/out of range/);
    expect(value("'hello'.replace('l', 'L')")).toBe('heLLo');
    expect(value("'hello'.replace('l', 'L', 1)")).toBe('heLlo');
    expect(value("'hello'.replace('l', 'L', 0)")).toBe('hello');
    expect(value("'ab'.replace('', '-')")).toBe('-a-b-');
    expect(value("'héllo'.reverse()")).toBe('olléh');
  });

  it('join refuses a list with a non-string element', () => {
    expect(failure("object.l.join(',')", { object: { l: ['a', 1] } })).toMatch(/not a string/);
  });
});

describe('format', () => {
  it('formats strings, integers, floats and radixes', () => {
    expect(value("'%s-%d'.format(['a', 1])")).toBe('a-1');
    expect(value("'%.2f|%f|%e'.format([3.14159, 2, 1234.5])")).toBe('3.14|2.000000|1.234500e+03');
    expect(value("'%b %o %x %X'.format([5, 8, 255, 255])")).toBe('101 10 ff FF');
    expect(value("'%x'.format(['hi'])")).toBe('6869');
    expect(value("'100%% %s'.format([[1, 'a']])")).toBe('100% [1, a]');
    expect(value("'%s'.format([object.metadata.labels])", { object })).toBe('{app: web, tier: front}');
  });

  it('reports verbs without arguments, unused arguments and unsupported verbs', () => {
    expect(failure("'%s %s'.format(['a'])")).toMatch(/has no argument/);
    expect(failure("'%s'.format(['a', 'b'])")).toMatch(/2 arguments given, 1 used/);
    expect(failure("'%q'.format(['a'])")).toMatch(/unsupported or incomplete verb/);
    expect(failure("'%d'.format(['a'])")).toMatch(/cannot format argument 1 \(string\)/);
  });
});

describe('format of map literals', () => {
  it('prints a map literal like a map from the input', () => {
    expect(value("'%s'.format([{'a': 1}])")).toBe('{a: 1}');
  });
});

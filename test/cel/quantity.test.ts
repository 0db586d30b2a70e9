import { describe, expect, it } from 'vitest';
import { Quantity } from '../../src/util/cel/quantity.js';
import { failure, value } from './run.js';

function parsed(text: string): Quantity {
  const q = Quantity.parse(text);
  if (typeof q === 'string') throw new Error(q);
  return q;
}

describe('Quantity.parse', () => {
  it.each([
    ['100m', 0.1],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2.5e-3', 0.0025],
    ['500Ki', 500 * 1024],
    ['2k', 2000],
    ['3M', 3e6],
    ['1Ti', 1024 ** 4],
    ['5n', 5e-9],
    ['7u', 7e-6],
    ['+4', 4],
    ['-4Mi', -4 * 1024 ** 2],
    ['.5', 0.5],
    ['5.', 5],
    ['0', 0],
    ['1Ei', 1024 ** 6],
  ])('reads %s', (text, expected) => {
    expect(parsed(text).asApproximateFloat()).toBeCloseTo(expected, 12);
  });

  it.each(['', '1GB', '1 Gi', 'Gi', '1.2.3', '1e', '--1', '1Kb', 'one', '1e3Mi', '1e9999'])('refuses %j', (text) => {
    expect(typeof Quantity.parse(text)).toBe('string');
  });

  it('is exact where floats are not', () => {
    expect(parsed('0.1').add(parsed('0.2'))).toEqual(parsed('0.3').add(parsed('0')));
    expect(parsed('1.5Gi').asInteger()).toBe(1610612736n);
    expect(parsed('9223372036854775807').asInteger()).toBe(9223372036854775807n);
    expect(typeof parsed('9223372036854775808').asInteger()).toBe('string');
  });
});

describe('quantity() in CEL', () => {
  it('compares quantities across suffixes', () => {
    expect(value("quantity('1Gi').isGreaterThan(quantity('1000Mi'))")).toBe(true);
    expect(value("quantity('100m').isLessThan(quantity('0.2'))")).toBe(true);
    expect(value("quantity('2k').compareTo(quantity('2000'))")).toBe(0);
    expect(value("quantity('1Ki').compareTo(quantity('1k'))")).toBe(1);
    expect(value("quantity('1k').compareTo(quantity('1Ki'))")).toBe(-1);
    expect(value("quantity('1Gi') == quantity('1024Mi')")).toBe(true);
  });

  it('converts, adds and subtracts', () => {
    expect(value("quantity('1.5Gi').asInteger()")).toBe(1610612736);
    expect(value("quantity('100m').asApproximateFloat()")).toBeCloseTo(0.1);
    expect(value("quantity('500Ki').add(quantity('500Ki')).asInteger()")).toBe(1024000);
    expect(value("quantity('1').sub(1).asInteger()")).toBe(0);
    expect(value("quantity('1').add(2)")).toBe('3');
    expect(value("quantity('250m').add(quantity('250m'))")).toBe('0.5');
    expect(value("quantity('-1').sign()")).toBe(-1);
    expect(value("quantity('100m').isInteger()")).toBe(false);
  });

  it('reads the quantities of a manifest', () => {
    const object = {
      spec: {
        containers: [{ resources: { limits: { memory: '512Mi', cpu: '500m' } } }, { resources: { limits: { memory: '4Gi', cpu: 2 } } }],
      },
    };
    expect(
      value("object.spec.containers.filter(c, quantity(c.resources.limits.memory).isGreaterThan(quantity('1Gi'))).size()", { object }),
    ).toBe(1);
    expect(value('object.spec.containers.all(c, isQuantity(string(c.resources.limits.cpu)))', { object })).toBe(true);
  });

  it('tells a quantity from other text, and says why one is refused', () => {
    expect(value("isQuantity('1Gi') && !isQuantity('1GB')")).toBe(true);
    expect(failure("quantity('1GB')")).toMatch(/'1GB' is not a Kubernetes quantity/);
    expect(failure("quantity('100m').asInteger()")).toMatch(/not an integer/);
  });
});

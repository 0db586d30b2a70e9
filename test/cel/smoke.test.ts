import { describe, expect, it } from 'vitest';
import { compileCel } from '../../src/util/cel/index.js';

function run(expression: string, activation: Record<string, unknown> = {}, variables = ['object']) {
  const compiled = compileCel(expression, variables);
  if (!compiled.ok) return compiled;
  return compiled.program.evaluate(activation);
}

describe('smoke', () => {
  it('works', () => {
    expect(run('object.spec.replicas > 1', { object: { spec: { replicas: 3 } } })).toEqual({ ok: true, value: true });
    expect(run('object.spec.replicas + 1', { object: { spec: { replicas: 3 } } })).toEqual({ ok: true, value: 4 });
    expect(run('"abc".matches("a(?=b)")')).toMatchObject({ ok: false });
    expect(run('quantity("1Gi").isGreaterThan(quantity("100Mi"))')).toEqual({ ok: true, value: true });
    expect(run('object.?spec.?x.orValue(5)', { object: { spec: {} } })).toEqual({ ok: true, value: 5 });
    expect(run('object.spec.x', { object: { spec: {} } })).toMatchObject({ ok: false, offset: 12 });
    expect(run('object.spec +')).toMatchObject({ ok: false, error: { offset: 13 } });
    expect(
      run(
        '[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, true))))))',
      ),
    ).toMatchObject({ ok: false, budgetExceeded: true });
  });
});

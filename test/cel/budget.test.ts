import { describe, expect, it } from 'vitest';
import { DEFAULT_CEL_COST_LIMIT } from '../../src/util/cel/index.js';
import { run } from './run.js';

const ten = '[1,2,3,4,5,6,7,8,9,10]';
const budgetMessage = `CEL cost budget of ${DEFAULT_CEL_COST_LIMIT} exceeded`;

function exceeds(expression: string, activation: Record<string, unknown> = {}, costLimit?: number): void {
  const result = run(expression, activation, costLimit === undefined ? undefined : { costLimit });
  expect(result).toMatchObject({ ok: false, budgetExceeded: true });
  if (!result.ok) expect(result.message).toContain(costLimit === undefined ? budgetMessage : `CEL cost budget of ${costLimit} exceeded`);
}

describe('cost budget', () => {
  it('stops nested comprehensions that multiply', () => {
    exceeds(`${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, true))))))`);
    exceeds(`${ten}.map(a, ${ten}.map(b, ${ten}.map(c, ${ten}.map(d, ${ten}.map(e, ${ten}.map(f, f))))))`);
    exceeds(`${ten}.exists(a, ${ten}.exists(b, ${ten}.exists(c, ${ten}.exists(d, ${ten}.exists(e, ${ten}.exists(f, false))))))`);
  });

  it('stops a quadratic comprehension over the input', () => {
    const big = Array.from({ length: 5000 }, (_, i) => i);
    exceeds('object.all(x, object.all(y, x != y || x == y))', { object: big });
    exceeds('object.all(x, x in object)', { object: big });
  });

  it('stops strings and lists that double at every step', () => {
    exceeds(`["aaaaaaaaaa"]${'.map(s, s + s)'.repeat(40)}`);
    exceeds(`[["a"]]${'.map(s, s + s)'.repeat(40)}`);
  });

  it('sizes a join or replace before building it', () => {
    const s = 'x'.repeat(100_000);
    exceeds('object.n.map(x, object.s).join(object.s).size() > 0', { object: { n: Array.from({ length: 1000 }, (_, i) => i), s } });
    exceeds('object.s.replace("x", object.s).size() > 0', { object: { s } });
  });

  it('charges the strings a function scans', () => {
    const s = 'x'.repeat(1_000_000);
    exceeds('object.n.all(i, !object.s.contains("y"))', { object: { n: Array.from({ length: 1000 }, (_, i) => i), s } });
    exceeds('object.s.findAll("x").size() > 0', { object: { s } });
    exceeds('object.s.split("").size() > 0', { object: { s } });
  });

  it('is not fooled by an operator that absorbs errors', () => {
    const big = Array.from({ length: 3000 }, (_, i) => i);
    exceeds('object.all(x, object.all(y, true)) || true', { object: big });
    exceeds('object.exists(x, object.all(y, y >= 0) && false) || true', { object: big });
  });

  it('does not charge what short-circuiting skips', () => {
    const big = Array.from({ length: 5000 }, (_, i) => i);
    expect(run('true || object.all(x, object.all(y, true))', { object: big })).toEqual({ ok: true, value: true });
  });

  it('takes a smaller or larger limit per evaluation', () => {
    exceeds('[1, 2, 3].map(x, x * 2)', {}, 5);
    expect(run('[1, 2, 3].map(x, x * 2)', {}, { costLimit: 100 })).toEqual({ ok: true, value: [2, 4, 6] });
    const big = Array.from({ length: 1000 }, (_, i) => i);
    expect(run('object.all(x, object.all(y, true))', { object: big }, { costLimit: 1e7 })).toEqual({ ok: true, value: true });
  });

  it('leaves ordinary policies far below the default', () => {
    const containers = Array.from({ length: 50 }, (_, i) => ({
      name: `c${i}`,
      image: `registry.example.com/app:${i}`,
      env: Array.from({ length: 40 }, (_, j) => ({ name: `E${j}`, value: 'v' })),
    }));
    const expression =
      "object.containers.all(c, c.image.startsWith('registry.example.com/') && c.env.all(e, !e.name.contains('SECRET') && e.value.size() < 100))";
    expect(run(expression, { object: { containers } }, { costLimit: 50_000 })).toEqual({ ok: true, value: true });
  });

  it('gives each evaluation a fresh budget', () => {
    const big = Array.from({ length: 100 }, (_, i) => i);
    for (let i = 0; i < 3; i++)
      expect(run('object.all(x, object.all(y, true))', { object: big }, { costLimit: 40_000 })).toEqual({ ok: true, value: true });
  });
});

describe('cost of constant-time work', () => {
  it('does not charge the size of a list for size() or of a map for in', () => {
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const labels = Object.fromEntries(items.map((i) => [`k${i}`, 'v']));
    expect(run('object.items.all(x, object.items.size() > 0)', { object: { items } })).toEqual({ ok: true, value: true });
    expect(run("object.items.all(x, 'k1' in object.labels)", { object: { items, labels } })).toEqual({ ok: true, value: true });
  });
});

describe('costLimit option', () => {
  it('refuses a limit that is not a number ≥ 0, and takes Infinity', () => {
    expect(run('1 + 1', {}, { costLimit: Number.NaN })).toEqual({
      ok: false,
      message: 'costLimit must be a number ≥ 0, not NaN',
      budgetExceeded: false,
    });
    expect(run('1 + 1', {}, { costLimit: -1 })).toMatchObject({ ok: false, budgetExceeded: false });
    expect(run('1 + 1', {}, { costLimit: Infinity })).toEqual({ ok: true, value: 2 });
    expect(run('1 + 1', {}, { costLimit: 0 })).toMatchObject({ ok: false, budgetExceeded: true });
  });
});
